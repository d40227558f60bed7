"""The whole site in one pass: every page scanned and checked once, then the navigation, the
generated pages, cross-page link checks and related topics derived from those results."""

from __future__ import annotations

import logging
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from . import (
    cheat_sheet,
    command_index,
    content,
    examples,
    front_matter,
    legacy_map,
    limits,
    navigation,
    printable,
    search_sections,
)
from .addresses import relative, relative_url
from .catalog import Catalog
from .command_index import INDEX_SRC
from .examples import Example
from .flags import mark_flags
from .html_edits import related_html
from .markdown_edits import render_page
from .markdown_extension import PageMarks, page_marks
from .page import PageScan, normalise_newlines, scan
from .page_checks import CheckedPage, PageReport, check_page
from .problems import Problem
from .related import related

# Generated pages and their place in the reference section.
GENERATED = {command_index.INDEX_SRC: 10, legacy_map.LEGACY_SRC: 20, printable.PRINT_SRC: 30, cheat_sheet.SHEET_SRC: 5}
TITLES = {
    command_index.INDEX_SRC: command_index.INDEX_TITLE,
    legacy_map.LEGACY_SRC: legacy_map.LEGACY_TITLE,
    printable.PRINT_SRC: "Printable book",
    cheat_sheet.SHEET_SRC: "Two-page cheat sheet",
}
REFERENCE_SECTION = "reference"


@dataclass
class PageState:
    text: str
    scan: PageScan
    report: PageReport
    nav: navigation.NavPage | None = None


@dataclass
class Site:
    catalog: Catalog
    pages: dict[str, PageState] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # choices the build made, logged at INFO
    nav: navigation.NavConfig = field(default_factory=list)
    generated: dict[str, str] = field(default_factory=dict)
    related: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    entries: dict[str, command_index.Entry] = field(default_factory=dict)
    index_anchors: set[str] = field(default_factory=set)  # the command index's, entries included
    legacy_anchors: set[str] = field(default_factory=set)  # the legacy map's rows
    legacy_items: list[legacy_map.LegacyItem] = field(default_factory=list)
    print_topics: list[str] = field(default_factory=list)
    examples: dict[str, list[Example]] = field(default_factory=dict)  # by source path
    failed: set[str] = field(default_factory=set)  # pages the checks failed on: left out of the build
    sheet_topics: list[cheat_sheet.SheetTopic] = field(default_factory=list)
    # Every page's URL as MkDocs made it (src URI -> URL), generated pages included; set once
    # the site's files are known. The only source of URLs: nothing here derives one from a path.
    urls: dict[str, str] = field(default_factory=dict)

    def href(self, src: str, target: str) -> str:
        """A link from page src to page target, relative, as MkDocs writes links."""
        return relative_url(self.urls[target], self.urls[src])

    def search_keywords(
        self, tasks: list | None = None, skip: AbstractSet[str] = frozenset()
    ) -> dict[str, search_sections.Section]:
        """What each section teaches, by search location (cheatsheet/search_sections.py), with
        the task phrases (`data/tasks.yaml`) it answers; pages in `skip` answer none."""
        pages = [
            (src, self.urls[src], state.scan, state.report) for src, state in self.pages.items() if src in self.urls
        ]
        sections = search_sections.collect(pages, self.catalog)
        search_sections.assign_tasks(sections, tasks or [], self.catalog, skip)
        return sections

    def example_locations(self) -> list[tuple[str, str, Example]]:
        """Every example as (its location, its section's location, the example), as search
        places them: `containers.html#ex-container-rename-web-frontend`, `containers.html#lifecycle`."""
        out: list[tuple[str, str, Example]] = []
        for src, found in self.examples.items():
            if src not in self.urls:
                continue
            url = self.urls[src]
            headings = self.pages[src].scan.headings
            first = headings[0].anchor if headings else ""
            for example in found:
                section = url if example.heading in ("", first) else f"{url}#{example.heading}"
                out.append((f"{url}#{example.anchor}", section, example))
        return out

    def render(self, src: str, markdown: str) -> str | Problem:
        """A topic page's Markdown (front matter already removed) as the build should see it;
        generated pages pass through. The edits are placed by the line numbers of the page's
        source, so when another plugin has changed the Markdown first they cannot be placed:
        then the problem that says so."""
        state = self.pages.get(src)
        if state is None:
            return markdown
        markdown = normalise_newlines(markdown)
        if not state.text.endswith(markdown):
            return Problem(
                state.scan.path,
                1,
                "another MkDocs plugin or hook changed this page's Markdown before the cheat sheet's hook "
                "read it, so its legacy notes and destructive-command warnings are left out",
                "list hooks/cheatsheet_hooks.py first under `hooks:` in mkdocs.yml, or let that plugin run later",
            )
        front = state.text[: len(state.text) - len(markdown)]
        return render_page(markdown, state.scan, state.report, first_line=front.count("\n") + 1)

    def description(self, src: str) -> str | None:
        """The meta description of a topic page whose front matter has none (its first
        paragraph), else None."""
        state = self.pages.get(src)
        if state is None or state.nav is None or state.scan.meta.get("description"):
            return None
        return state.nav.description or None

    def page_marks(self, src: str) -> PageMarks | None:
        """What the Markdown extension marks on a topic page (None for generated pages). Its
        links name the index's source file, as a contributor would: MkDocs makes them URLs."""
        state = self.pages.get(src)
        if state is None:
            return None
        return page_marks(state.scan, state.report, relative(src, INDEX_SRC))

    def topic_html(self, src: str, content: str) -> str:
        """A topic page's rendered HTML with its flag marks and related topics."""
        state = self.pages.get(src)
        if state is None:
            return content
        content = mark_flags(content, self.catalog)
        content = examples.mark_examples(content, examples.page_fences(state.scan, self.examples.get(src, [])))
        related = self.related.get(src, [])
        if related:
            content += related_html(
                [(self.href(src, o), title, description) for o, title, description in related], state.scan.anchors
            )
        return content

    def index_html(self, content: str) -> str:
        """The rendered command index with its entries."""
        return command_index.fill_index(
            content, self.entries, self.catalog, lambda target: self.href(INDEX_SRC, target)
        )

    def legacy_html(self, content: str) -> str:
        """The rendered legacy map with each feature's details."""
        return legacy_map.fill_legacy(
            content, self.legacy_items, lambda target: self.href(legacy_map.LEGACY_SRC, target)
        )


def decode(path: str, raw: bytes) -> str | Problem:
    """A source file's text, or the problem that it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(
            path, line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save it as UTF-8 in your editor"
        )


def read_sources(raw_pages: dict[str, bytes], docs_prefix: str = "docs") -> tuple[dict[str, str], list[Problem]]:
    """Each page's text as Python-Markdown will read it (UTF-8, line endings normalised, so the
    checks and Markdown count the same lines), and a problem for each page that is not UTF-8 or
    is over a limit (cheatsheet/limits.py): those are left out, as Python-Markdown would stop
    with a traceback on the one and could take hours on the other."""
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    for src, raw in raw_pages.items():
        path = f"{docs_prefix}/{src}"
        text = decode(path, raw)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        text = normalise_newlines(text)
        over = limits.check_limits(path, text, len(raw))
        if over:
            problems += over
        else:
            sources[src] = text
    return sources, problems


def build_site(sources: dict[str, str], catalog: Catalog, docs_prefix: str = "docs") -> Site:
    """Check and model the site from its Markdown sources (src URI -> text)."""
    site = Site(catalog)
    sections = navigation.load_sections()
    keys = front_matter.load_front_matter_keys()
    nav_pages: list[navigation.NavPage] = []
    for src in sorted(sources):
        if src in GENERATED:
            site.problems.append(
                Problem(
                    f"{docs_prefix}/{src}",
                    1,
                    f"`{src}` is generated when the site is built",
                    "delete this file or rename it: its content would be replaced",
                )
            )
            continue
        text = normalise_newlines(sources[src])  # as Python-Markdown reads it: line numbers agree
        try:
            page_scan = scan(f"{docs_prefix}/{src}", text, src)
            report = check_page(page_scan, catalog)
            place, problems, notes = front_matter.check_front_matter(page_scan, sections, keys)
            problems += report.problems + content.check_structure(page_scan)
        except Exception as exc:  # a bug the page brings out: one problem naming the page, not a traceback
            logging.getLogger("mkdocs.plugins.cheatsheet").debug("checks failed on %s", src, exc_info=True)
            site.problems.append(
                Problem(
                    f"{docs_prefix}/{src}",
                    1,
                    f"the cheat sheet's checks failed on this page ({type(exc).__name__}: {exc})",
                    "simplify the construct the message names, and report it as a bug",
                )
            )
            site.failed.add(src)
            continue
        site.problems += problems
        site.notes += notes
        site.pages[src] = PageState(text, page_scan, report, place)
        site.examples[src] = examples.collect(page_scan, report)
        nav_pages.append(place)
    for src, order in GENERATED.items():
        nav_pages.append(navigation.NavPage(src, TITLES[src], REFERENCE_SECTION, order, ""))
    site.nav, ordered = navigation.build_nav(nav_pages, sections)

    reading = [
        CheckedPage(p.src, p.title, site.pages[p.src].scan, site.pages[p.src].report)
        for p in ordered
        if p.src in site.pages
    ]
    site.entries = command_index.collect(reading, catalog)
    site.legacy_items = legacy_map.collect_legacy(reading)
    site.generated[command_index.INDEX_SRC] = command_index.render_index(site.entries, catalog)
    site.generated[legacy_map.LEGACY_SRC] = legacy_map.render_legacy(site.legacy_items)
    site.sheet_topics, problems, notes = cheat_sheet.collect(reading, catalog)
    site.problems += problems
    site.notes += notes
    site.generated[cheat_sheet.SHEET_SRC] = cheat_sheet.render_sheet()

    anchors = {src: state.scan.anchors for src, state in site.pages.items()}
    anchors[command_index.INDEX_SRC] = site.index_anchors = command_index.index_anchors(site.entries, catalog)
    anchors[legacy_map.LEGACY_SRC] = site.legacy_anchors = legacy_map.legacy_anchors(site.legacy_items)
    anchors[printable.PRINT_SRC] = {front_matter.heading_anchor(printable.PRINT_TITLE)}
    anchors[cheat_sheet.SHEET_SRC] = {front_matter.heading_anchor(cheat_sheet.SHEET_TITLE)}
    for state in site.pages.values():
        site.problems += content.check_internal_links(state.scan, anchors)

    topics = [p.src for p in ordered if p.src in site.pages]
    used = {src: {u.canonical for u in site.pages[src].report.uses} for src in topics}
    linked = {src: {link.url.split("#")[0] for link in site.pages[src].scan.links} for src in topics}
    info = {p.src: (p.title, p.description) for p in ordered}
    for src, others in related(topics, used, linked).items():
        site.related[src] = [(o, *info[o]) for o in others]
    site.generated[printable.PRINT_SRC] = printable.render_print()
    site.print_topics = [src for src in topics if src != "index.md"]
    site.problems.sort(key=lambda p: (p.path, p.line, p.message))
    return site
