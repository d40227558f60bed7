"""The explain page (`explain/index.md`): paste a command, see what each part does
(cheatsheet/explain_page.py; the reading itself runs in the browser, overrides/assets/javascripts/explain/)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import explain_page
from ..addresses import heading_anchor
from ..problems import Problem
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage


class ExplainPage(GeneratedPage):
    src = explain_page.EXPLAIN_SRC
    title = nav_title = explain_page.EXPLAIN_TITLE
    order = 3
    stage = Stage.AFTER_SEARCH  # its form is not text to find

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        self.topics = list(topics)
        self.meanings, problems = explain_page.read_meanings(site.catalog)
        site.problems += problems
        site.notes += [
            Problem("data/meanings.yaml", 1, f"`{name}` is used on the site but has no meaning", "add one")
            for name in explain_page.missing_meanings(self.topics, self.meanings, site.catalog)
        ]

    def markdown(self) -> str:
        return explain_page.markdown()

    def anchors(self) -> set[str]:
        return {heading_anchor(self.title)}

    def files(self) -> dict[str, str]:
        """The catalogue's JSON form as a script only this page loads (fetch() fails from disk),
        its section links relative to this page."""
        data = explain_page.page_data(self.site.catalog, self.meanings, self.topics, self.href)
        return {explain_page.DATA_SCRIPT: explain_page.data_script(data)}

    def fill(self, html: str, fill: Fill) -> str:
        return explain_page.fill(html)
