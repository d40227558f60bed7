"""The shape every generated page has: the cheat sheet's own pages that no contributor writes
(the command index, the legacy map, the two-page sheet, the printable book).

A generated page is one class in one module of this folder, listed once in `PAGES`
(`cheatsheet/generated/__init__.py`). `Site` builds one instance per build, after every topic
page is checked and the navigation is known; the instance gathers what it needs from the topics
then. Its Markdown is what MkDocs renders (front matter, heading, an introduction and a marker);
`fill` puts the page's real content in at the marker once MkDocs has rendered it, at the
page's `stage`."""

from __future__ import annotations

import enum
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..engine_versions import Mark
    from ..examples import Example
    from ..findings import CheckedPage
    from ..problems import Problem


class Site(Protocol):
    """What a generated page may use of the site (cheatsheet/site.py's `Site`), named here so
    the pages do not import the module that imports them."""

    catalog: Catalog
    problems: list[Problem]  # reported as warnings: the strict build fails
    notes: list[Problem]  # reported at INFO
    urls: dict[str, str]  # each page's URL (src URI -> URL), once MkDocs has made them
    version_marks: dict[str, dict[int, list[Mark]]]  # topic -> source line -> Engine-version marks
    examples: dict[str, list[Example]]  # topic -> its shell blocks' command lines, in page order
    placeholder_names: tuple[str, ...]  # declared in data/placeholders.yaml, read once per build

    def href(self, src: str, target: str) -> str: ...


class Stage(enum.Enum):
    """When a generated page's content is filled in, which decides what search indexes of it."""

    BEFORE_SEARCH = "before search"  # as soon as it is rendered: search indexes what is filled in
    AFTER_SEARCH = "after search"  # once search has read it: search indexes only the introduction
    AFTER_ALL_TOPICS = "after all topics"  # once every topic page is finished: it gets their HTML


@dataclass(frozen=True)
class Fill:
    """What `fill` may use besides the site: the build's settings and, for a page filled after
    all topics, every topic page's finished HTML."""

    site_url: str  # mkdocs.yml's site_url, "" when it has none
    topics: tuple[tuple[str, str, str], ...] = ()  # (src, URL, finished HTML) in reading order


class GeneratedPage(ABC):
    """One generated page. Subclasses set the class attributes and the three methods."""

    src: ClassVar[str]  # its source path, as if it were a file in docs/
    title: ClassVar[str]  # its heading and <title>
    nav_title: ClassVar[str]  # its entry in the navigation
    order: ClassVar[int]  # its place in the navigation's reference section
    stage: ClassVar[Stage]

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        """Gather what the page needs from the checked topics, in reading order. Problems and
        notes go to `site.problems` and `site.notes`."""
        self.site = site

    @abstractmethod
    def markdown(self) -> str:
        """The Markdown MkDocs renders: front matter, heading, introduction and a marker."""

    @abstractmethod
    def anchors(self) -> set[str]:
        """Every id the page will have once filled: links to it are checked against these."""

    @abstractmethod
    def fill(self, html: str, fill: Fill) -> str:
        """The rendered page with its content put in at its marker."""

    def files(self) -> dict[str, str]:
        """Files the page loads besides itself (path in the site -> text), written once the
        site's URLs are known; none unless a page says otherwise."""
        return {}

    def href(self, target: str) -> str:
        """A link from this page to page `target` (src URI), as MkDocs writes links."""
        return self.site.href(self.src, target)
