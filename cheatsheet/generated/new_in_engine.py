"""The "New in Docker Engine" page (`new-in-engine.md`): per release, what it added, deprecated or
removed among the commands and flags (cheatsheet/new_in_engine.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import new_in_engine
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage


class NewInEngine(GeneratedPage):
    src = new_in_engine.NEW_IN_SRC
    title = nav_title = new_in_engine.NEW_IN_TITLE
    order = 25
    stage = Stage.BEFORE_SEARCH  # all Markdown: searchable like a topic ("what is new in 28")

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        self.changes = new_in_engine.collect(topics, site.catalog)

    def markdown(self) -> str:
        return new_in_engine.markdown(self.changes)

    def anchors(self) -> set[str]:
        return new_in_engine.anchors()

    def fill(self, html: str, fill: Fill) -> str:
        return html  # nothing to fill: the page is its Markdown
