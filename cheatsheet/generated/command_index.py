"""The command index page (`commands.md`): every command the site uses (cheatsheet/command_index.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import command_index, engine_versions, explain_page
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage


class CommandIndex(GeneratedPage):
    src = command_index.INDEX_SRC
    title = nav_title = command_index.INDEX_TITLE
    order = 10
    stage = Stage.AFTER_SEARCH  # not searched: its rows would outrank the sections that teach

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        # The explain page reports the meanings file's problems; the index only reads it.
        meanings, _ = explain_page.read_meanings(site.catalog)
        self.entries = command_index.collect(
            topics, site.catalog, {name: m.meaning for name, m in meanings.items()}, site.examples
        )

    def markdown(self) -> str:
        return command_index.render_index(self.entries, self.site.catalog)

    def anchors(self) -> set[str]:
        return command_index.index_anchors(self.entries, self.site.catalog)

    def fill(self, html: str, fill: Fill) -> str:
        since = engine_versions.since_cells(self.entries, self.site.version_marks.values(), self.site.catalog)
        return command_index.fill_index(html, self.entries, self.site.catalog, self.href, since)
