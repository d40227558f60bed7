"""The whole site in one pass: every page scanned and checked once, then the navigation, the
generated pages, cross-page link checks and related topics derived from those results."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import command_index, content, front_matter, legacy_map, navigation, printable, search
from .addresses import page_url, relative
from .catalog import Catalog
from .command_index import INDEX_SRC
from .html_edits import command_links, link_commands, related_html
from .markdown_edits import render_page
from .page import PageScan, scan
from .page_checks import PageReport, check_page
from .problems import Problem
from .related import related

# Generated pages and their place in the reference section.
GENERATED = {command_index.INDEX_SRC: 10, legacy_map.LEGACY_SRC: 20, printable.PRINT_SRC: 30}
TITLES = {
    command_index.INDEX_SRC: "Command index",
    legacy_map.LEGACY_SRC: "Legacy to modern",
    printable.PRINT_SRC: "Printable sheet",
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
    pages: dict[str, PageState] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    nav: list = field(default_factory=list)
    generated: dict[str, str] = field(default_factory=dict)
    related: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    entries: dict = field(default_factory=dict)
    index_anchors: set[str] = field(default_factory=set)  # the command index's, entries included
    legacy_items: list = field(default_factory=list)
    print_topics: list[str] = field(default_factory=list)

    def search_keywords(self, urls: dict[str, str], catalog: Catalog) -> dict[str, tuple[str, str]]:
        """Search keywords per section location, from the commands each section shows.

        Locations follow Material's search index: the page's URL for what precedes its second
        heading, `url#anchor` for each later heading."""
        found: dict[str, tuple[str, str]] = {}
        for src, state in self.pages.items():
            url = urls.get(src)
            if url is None:
                continue
            first = state.scan.headings[0].anchor if state.scan.headings else ""
            sections: dict[str, list] = {}
            for use in state.report.uses:
                location = url if use.heading in ("", first) else f"{url}#{use.heading}"
                sections.setdefault(location, []).append(use)
            for location, uses in sections.items():
                found[location] = search.section_keywords(uses, catalog)
        return found

    def render(self, src: str, text: str) -> str:
        """A topic page's Markdown as the build should see it (generated pages pass through)."""
        state = self.pages.get(src)
        if state is None:
            return text
        return render_page(text, state.scan, state.report)

    def finish_html(self, src: str, content: str, hrefs: dict[str, str] | None = None) -> str:
        """A topic page's rendered HTML with its command links and related topics. `hrefs` maps
        source paths (the command index, related topics) to URLs relative to the page; by
        default they are derived from the source paths."""
        state = self.pages.get(src)
        if state is None:
            return content
        hrefs = hrefs or {}

        def href(other: str) -> str:
            return hrefs.get(other) or page_url(relative(src, other))

        content = link_commands(content, command_links(state.scan, state.report, href(INDEX_SRC)))
        related = self.related.get(src, [])
        if related:
            content += related_html(
                [(href(o), title, description) for o, title, description in related], state.scan.anchors
            )
        return content


def decode(path: str, raw: bytes) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(
            path, line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save it as UTF-8 in your editor"
        )


def build_site(sources: dict[str, str], catalog: Catalog, docs_prefix: str = "docs") -> Site:
    """Check and model the site from its Markdown sources (src URI -> text)."""
    site = Site()
    sections = navigation.load_sections()
    keys = front_matter.load_front_matter_keys()
    nav_pages: list[navigation.NavPage] = []
    paths = {}
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
        page_scan = scan(f"{docs_prefix}/{src}", sources[src], src)
        report = check_page(page_scan, catalog)
        place, problems = front_matter.check_front_matter(page_scan, sections, keys)
        site.problems += problems + report.problems + content.check_structure(page_scan)
        site.pages[src] = PageState(sources[src], page_scan, report, place)
        paths[src] = page_scan.path
        if place:
            place.src = src
            nav_pages.append(place)
    for src, order in GENERATED.items():
        nav_pages.append(navigation.NavPage(src, TITLES[src], REFERENCE_SECTION, order, ""))
        paths[src] = f"{docs_prefix}/{src}"
    site.nav, ordered, problems = navigation.build_nav(nav_pages, sections, paths)
    site.problems += problems

    reading = [
        (p.src, p.title, site.pages[p.src].scan, site.pages[p.src].report) for p in ordered if p.src in site.pages
    ]
    site.entries = command_index.collect(reading, catalog)
    site.legacy_items = legacy_items = legacy_map.collect_legacy(reading)
    site.generated[command_index.INDEX_SRC] = command_index.render_index(site.entries, catalog)
    site.generated[legacy_map.LEGACY_SRC] = legacy_map.render_legacy(legacy_items)

    anchors = {src: state.scan.anchors for src, state in site.pages.items()}
    anchors[command_index.INDEX_SRC] = site.index_anchors = command_index.index_anchors(site.entries, catalog)
    anchors[legacy_map.LEGACY_SRC] = legacy_map.legacy_anchors(legacy_items)
    anchors[printable.PRINT_SRC] = {"printable-cheat-sheet"}
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
