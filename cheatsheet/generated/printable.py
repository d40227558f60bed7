"""The printable book (`print/index.md`): every topic in one document (cheatsheet/printable.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import printable
from ..addresses import heading_anchor
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage

HOME = "index.md"  # an introduction to the topics, not one of them


class PrintableBook(GeneratedPage):
    src = printable.PRINT_SRC
    title = nav_title = printable.PRINT_TITLE
    order = 30
    stage = Stage.AFTER_ALL_TOPICS  # it is made of the topics' finished HTML

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)

    def markdown(self) -> str:
        return printable.render_print()

    def anchors(self) -> set[str]:
        return {heading_anchor(self.title)}

    def fill(self, html: str, fill: Fill) -> str:
        topics = [(url, content) for src, url, content in fill.topics if src != HOME]
        return printable.fill(html, topics, self.site.urls[self.src])
