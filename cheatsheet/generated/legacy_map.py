"""The legacy-to-modern map (`legacy.md`): every deprecated feature the site shows (cheatsheet/legacy_map.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import legacy_map
from .protocol import Fill, GeneratedPage, Site, Stage

if TYPE_CHECKING:
    from ..findings import CheckedPage


class LegacyMap(GeneratedPage):
    src = legacy_map.LEGACY_SRC
    title = nav_title = legacy_map.LEGACY_TITLE
    order = 20
    stage = Stage.BEFORE_SEARCH  # searchable: someone typing an old command finds its replacement

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        self.items = legacy_map.collect_legacy(topics)

    def markdown(self) -> str:
        return legacy_map.render_legacy(self.items)

    def anchors(self) -> set[str]:
        return legacy_map.legacy_anchors(self.items)

    def fill(self, html: str, fill: Fill) -> str:
        return legacy_map.fill_legacy(html, self.items, self.href)
