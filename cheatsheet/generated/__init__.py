"""The pages the build generates, one module each, all of one shape (`protocol.py`).

To add one: write a module here with a `GeneratedPage` subclass, and add it to `PAGES`. Nothing
else names it: `Site` and the hooks loop over `PAGES`. The order of `PAGES` is the order MkDocs
is given the pages (and so the order of the search index); their place in the navigation is
each page's `order`."""

from __future__ import annotations

from .cheat_sheet import CheatSheet
from .command_index import CommandIndex
from .explain import ExplainPage
from .legacy_map import LegacyMap
from .new_in_engine import NewInEngine
from .printable import PrintableBook
from .protocol import Fill, GeneratedPage, Stage

PAGES: tuple[type[GeneratedPage], ...] = (
    CommandIndex,
    LegacyMap,
    NewInEngine,
    ExplainPage,
    CheatSheet,
    PrintableBook,
)

__all__ = [
    "PAGES",
    "CheatSheet",
    "CommandIndex",
    "ExplainPage",
    "Fill",
    "GeneratedPage",
    "LegacyMap",
    "NewInEngine",
    "PrintableBook",
    "Stage",
]
