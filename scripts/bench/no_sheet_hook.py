"""A hook for the benchmark only (bench.sheet_cost): the same build without the two-page cheat
sheet. Listed after the timing hook (which loads the real one), it takes the sheet out of the
site model and the navigation (no entries checked, no page generated) and its page out of the
files. The home page and /print/ still link the sheet, so that build warns and runs without
--strict."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from cheatsheet import cheat_sheet, site


def _no_entries(pages: Any, catalog: Any) -> tuple[list, list, list]:
    return [], [], []  # topics, problems, notes: what cheat_sheet.collect returns


site.GENERATED.pop(cheat_sheet.SHEET_SRC, None)
cheat_sheet.collect = _no_entries


@event_priority(-100)
def on_files(files: Files, *, config: Any) -> Files:
    """After the real hook has added the generated pages: drop the sheet's."""
    sheet = files.get_file_from_path(cheat_sheet.SHEET_SRC)
    if sheet is not None:
        files.remove(sheet)
    return files
