"""The two-page cheat sheet (`sheet/index.md`): each topic's `sheet:` entries (cheatsheet/cheat_sheet.py)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import cheat_sheet, engine_versions, placeholders
from ..addresses import heading_anchor
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage


class CheatSheet(GeneratedPage):
    src = cheat_sheet.SHEET_SRC
    title = cheat_sheet.SHEET_TITLE
    nav_title = "Two-page cheat sheet"
    order = 5
    stage = Stage.AFTER_SEARCH  # not searched: it repeats the topics' commands

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        self.topics, problems, notes = cheat_sheet.collect(topics, site.catalog)
        site.problems += problems
        site.notes += notes

    def markdown(self) -> str:
        return cheat_sheet.render_sheet()

    def anchors(self) -> set[str]:
        return {heading_anchor(self.title)}

    def fill(self, html: str, fill: Fill) -> str:
        hrefs = {topic.src: self.href(topic.src) for topic in self.topics}
        date = cheat_sheet.build_date(dict(os.environ))
        catalog = self.site.catalog

        def mark(command: str) -> str:  # each entry's Engine-version mark
            return engine_versions.command_mark(command, catalog)

        def fillable(code: str) -> str:  # after the sanitiser: the build's own spans
            return placeholders.mark_link_code(code, self.site.placeholder_names)

        return cheat_sheet.fill(html, self.topics, hrefs, fill.site_url, date, mark, fillable)
