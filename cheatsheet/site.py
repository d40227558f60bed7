"""The whole site in one pass: every page scanned and checked once, then the navigation, the
generated pages, cross-page link checks and related topics derived from those results."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from . import (
    block_programs,
    engine_versions,
    examples,
    front_matter,
    limits,
    navigation,
    offline,
    placeholders,
    sanitize,
    search,
    search_sections,
    structure_checks,
)
from .addresses import relative, relative_url
from .catalog import Catalog
from .catalog_checks import check_page
from .command_index import INDEX_SRC
from .examples import Example
from .findings import CheckedPage, PageReport
from .flag_marks import mark_flags
from .generated import PAGES, Fill, GeneratedPage, Stage
from .html_parts import output_blocks_not_copied, plain_whitespace, related_html
from .markdown_edits import render_page
from .markdown_extension import PageMarks, page_marks
from .page import PageScan, scan
from .problems import Problem
from .related import related

REFERENCE_SECTION = "reference"  # where the generated pages go in the navigation
HOME = "index.md"  # the home page (in a nav section, so not MkDocs' `page.is_homepage`)


@dataclass
class PageState:
    text: str
    scan: PageScan
    report: PageReport
    nav: navigation.NavPage | None = None


@dataclass
class Site:
    catalog: Catalog
    docs_prefix: str = "docs"  # docs/ as messages name it
    site_url: str = ""  # mkdocs.yml's site_url
    pages: dict[str, PageState] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Found as a page is finished, after the checks' run: the hook reports them as they come.
    late_problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # choices the build made, logged at INFO
    nav: navigation.NavConfig = field(default_factory=list)
    generated: dict[str, GeneratedPage] = field(default_factory=dict)  # by src, in the order of PAGES
    related: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)  # the topic pages in reading order
    examples: dict[str, list[Example]] = field(default_factory=dict)  # by source path
    failed: set[str] = field(default_factory=set)  # pages the checks failed on: left out of the build
    # The declared placeholder names (data/placeholders.yaml), read once per build with the checks.
    placeholder_names: tuple[str, ...] = ()
    # Engine-version marks (cheatsheet/engine_versions.py): topic page -> source line -> marks.
    version_marks: dict[str, dict[int, list[engine_versions.Mark]]] = field(default_factory=dict)
    # Every page's URL as MkDocs made it (src URI -> URL), generated pages included; set once
    # the site's files are known. The only source of URLs: nothing here derives one from a path.
    urls: dict[str, str] = field(default_factory=dict)
    # Each page's HTML between MkDocs' content and context events: as published while search
    # reads its reading copy, then finished.
    _published: dict[str, str] = field(default_factory=dict)
    _rendered: int = 0  # characters of HTML the topic pages rendered to, so far in this build
    _finished: dict[str, str] = field(default_factory=dict)

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
        marks = self.version_marks.get(src, {})
        unhidden: list[Example] = []
        content = examples.mark_examples(
            content, state.scan, self.examples.get(src, []), engine_versions.block_marks(marks), unhidden
        )
        self.late_problems += [
            Problem(
                state.scan.path,
                example.line + example.last - example.first,
                "the explanation after this command cannot be left out of what the copy button copies: the "
                "highlighter reads the line otherwise, and zsh would read the comment's words",
                "put the explanation on a comment line of its own above the command",
            )
            for example in unhidden
        ]
        content = engine_versions.attach_inline(content, marks)
        content = output_blocks_not_copied(plain_whitespace(content), state.scan.fences)
        # Last: the spans the reader fills in, written here so the page loads with them in place.
        content = placeholders.mark_code_blocks(content, self.placeholder_names)
        related = self.related.get(src, [])
        if related:
            content += related_html(
                [(self.href(src, o), title, description) for o, title, description in related], state.scan.anchors
            )
        return content

    def published(self, src: str, html: str, reported: frozenset[tuple[str, int]]) -> tuple[str, list[Problem]]:
        """A page's rendered HTML, cleaned by allow-list (cheatsheet/sanitize.py) and, for a
        generated page filled before search, filled; kept as the page to publish. Returns what
        search should read of it (its reading copy) and what the cleaning removed."""
        state = self.pages.get(src)
        path = state.scan.path if state else f"{self.docs_prefix}/{src}"
        lines, first = (state.scan.lines, state.scan.body_line) if state else ([], 1)
        if src == HOME:  # its download link's place, kept through the sanitiser (which drops comments)
            html = html.replace(offline.DOWNLOAD_COMMENT, offline.DOWNLOAD_MARKER, 1)
        fences = [sanitize.fence_text(fence.lines) for fence in state.scan.fences] if state else None
        if state is not None:
            over = limits.rendered_problem(path, first, len(html), self._rendered)
            if over is not None:  # what it would multiply (the book, search, the zip) is never made
                self._published[src] = limits.LEFT_OUT_HTML
                return limits.LEFT_OUT_HTML, [over]
            self._rendered += len(html)
        html, found = sanitize.sanitize_page(html, path, lines, first, reported, state is None, fences)
        page = self.generated.get(src)
        if page is not None and page.stage is Stage.BEFORE_SEARCH:
            html = page.fill(html, Fill(self.site_url))
        self._published[src] = html
        return search.reading_copy(html), found

    def toc_problems(self, src: str, toc: Iterable[sanitize.TocEntry]) -> list[Problem]:
        """The page's table of contents (MkDocs' entries), its ids held to the allow-list
        (sanitize.toc_problems): a problem on its Markdown line for each id that is not."""
        state = self.pages.get(src)
        if state is None:
            return sanitize.toc_problems(toc, f"{self.docs_prefix}/{src}", [])
        return sanitize.toc_problems(toc, state.scan.path, state.scan.lines, state.scan.body_line)

    def finished(self, src: str, content: str | None) -> str | None:
        """A page's HTML once search has read it, as it goes into its template: a topic's with
        its flag marks and related topics, a generated page's filled. `content` is MkDocs' copy,
        used when the page was not published (an earlier event failed on it)."""
        if src not in self._finished:
            html = self._published.pop(src, content)
            if html is None:
                return None
            self._finished[src] = self._finish(src, html)
        return self._finished[src]

    def _finish(self, src: str, html: str) -> str:
        page = self.generated.get(src)
        if page is None:
            html = self.topic_html(src, html)
            if src == HOME:
                html = offline.place_download(html, relative_url(offline.ZIP_NAME, self.urls[src]))
            return html
        if page.stage is Stage.BEFORE_SEARCH:
            return html
        topics: tuple[tuple[str, str, str], ...] = ()
        if page.stage is Stage.AFTER_ALL_TOPICS:  # every topic finished first, whatever MkDocs' order
            done = ((s, self.finished(s, None)) for s in self.topics if s in self.urls)
            topics = tuple((s, self.urls[s], h) for s, h in done if h is not None)
        return page.fill(html, Fill(self.site_url, topics))

    def generated_files(self) -> dict[str, str]:
        """Files the generated pages add besides themselves (path in the site -> text), once the
        site's URLs are known."""
        return {path: text for page in self.generated.values() for path, text in page.files().items()}

    def anchors(self, src: str) -> set[str]:
        """The ids a generated page will have once filled (none for a topic page): MkDocs checks
        links to it against these."""
        page = self.generated.get(src)
        return page.anchors() if page else set()


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, as Python-Markdown reads them: a page saved with old Mac line
    endings is otherwise one long line to the checker, and every command in it goes unchecked."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


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
    with a traceback on the one and could take hours on the other. Then the site's bounds: when
    the pages together are over one, the largest are left out, each with its problem."""
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    sizes: dict[str, tuple[int, int]] = {}
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
            sizes[path] = (len(raw), limits.code_characters(text))
    left_out = limits.check_site(sizes)
    for problem in left_out:
        del sources[problem.path.removeprefix(f"{docs_prefix}/")]
    return sources, problems + left_out


def _url_stem(src: str) -> str:
    """The page's address without its suffix: `x.md` and `x/index.md` are both `x`."""
    return src.removesuffix(".md").removesuffix("/index").removesuffix("index")


def build_site(
    sources: dict[str, str],
    catalog: Catalog,
    docs_prefix: str = "docs",
    pages: tuple[type[GeneratedPage], ...] = PAGES,
    site_url: str = "",
) -> Site:
    """Check and model the site from its Markdown sources (src URI -> text, as `read_sources`
    gives them: line endings normalised), with the generated `pages` (all of them unless told
    otherwise)."""
    site = Site(catalog, docs_prefix=docs_prefix, site_url=site_url)
    # `sheet.md` and the generated `sheet/index.md` are both written as sheet/index.html
    names = {_url_stem(page.src) for page in pages}
    sections = navigation.load_sections()
    declared = placeholders.load()
    site.problems += declared.problems
    site.placeholder_names = tuple(declared.by_name)
    keys = front_matter.load_front_matter_keys()
    nav_pages: list[navigation.NavPage] = []
    for src in sorted(sources):
        if _url_stem(src) in names:
            site.problems.append(
                Problem(
                    f"{docs_prefix}/{src}",
                    1,
                    f"`{src}` is generated when the site is built"
                    if src in {page.src for page in pages}
                    else f"`{src}` would be written where the build writes one of its own pages",
                    "delete this file or rename it: its content would be replaced",
                )
            )
            continue
        text = sources[src]
        try:
            page_scan = scan(f"{docs_prefix}/{src}", text, src)
            report = check_page(page_scan, catalog)
            place, problems, notes = front_matter.check_front_matter(page_scan, sections, keys)
            # check_structure's shell door reads catalog.load(), the catalogue the hooks build with; it
            # keeps one argument, as tests/test_pathological.py's stand-in for it takes
            problems += report.problems + structure_checks.check_structure(page_scan)
            problems += placeholders.check_page(page_scan, declared)
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
        if not page_scan.meta_refused:  # not published (the hook drops it): no nav entry to dangle
            nav_pages.append(place)
    for generated in pages:
        nav_pages.append(navigation.NavPage(generated.src, generated.nav_title, REFERENCE_SECTION, generated.order, ""))
    if pages and all(section["key"] != REFERENCE_SECTION for section in sections):
        # Without it the generated pages have no place in the navigation, and MkDocs' own
        # message ("not included in the nav") names neither the file nor the fix.
        site.problems.append(
            Problem(
                "data/sections.yaml",
                1,
                f"no section has the key `{REFERENCE_SECTION}`, where the built pages go "
                f"({', '.join(generated.nav_title for generated in pages)})",
                f"add it back: `- key: {REFERENCE_SECTION}` with a `title:`",
            )
        )
    site.problems += block_programs.session_problems([state.scan for state in site.pages.values()], catalog)
    site.nav, ordered = navigation.build_nav(nav_pages, sections)
    site.problems += _same_titles(site, nav_pages)

    reading = [
        CheckedPage(p.src, p.title, site.pages[p.src].scan, site.pages[p.src].report)
        for p in ordered
        if p.src in site.pages
    ]
    site.version_marks = {page.src: engine_versions.page_marks(page.scan, page.report, catalog) for page in reading}
    for page in reading:  # a page that claims an older Engine than its examples need
        site.problems += engine_versions.claim_problems(page.scan, site.version_marks[page.src])
    for generated in pages:
        site.generated[generated.src] = generated(site, reading)
    anchors = {src: state.scan.anchors for src, state in site.pages.items()}
    anchors.update((src, page.anchors()) for src, page in site.generated.items())
    for state in site.pages.values():
        site.problems += structure_checks.check_internal_links(state.scan, anchors)

    topics = site.topics = [p.src for p in ordered if p.src in site.pages]
    used = {src: {u.canonical for u in site.pages[src].report.uses} for src in topics}
    linked = {src: {link.url.split("#")[0] for link in site.pages[src].scan.links} for src in topics}
    info = {p.src: (p.title, p.description) for p in ordered}
    for src, others in related(topics, used, linked).items():
        site.related[src] = [(o, *info[o]) for o in others]
    site.problems.sort(key=lambda p: (p.path, p.line, p.message))
    site.problems = list(dict.fromkeys(site.problems))  # a line two checks read alike: said once
    return site


def _same_titles(site: Site, places: list[navigation.NavPage]) -> list[Problem]:
    """Pages whose title is another's, as a reader sees it (case, width and spacing aside, and
    the Latin letters the site's font draws alike): two entries in the navigation a reader cannot
    tell apart, one of them not the page it names. Each such page is named, with the others: the
    build cannot know which one is new. (Letters of other scripts never reach a title:
    characters.title_problem.)"""
    groups: dict[str, list[str]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    # The built pages' entries (Command index, Explain a command…) count too: a page titled like
    # one of them would sit beside it in every navigation, a link a reader takes for the site's.
    for place in sorted(places, key=lambda p: p.src):
        plain = " ".join(unicodedata.normalize("NFKC", place.title).split())
        keys[place.src] = (plain.casefold(), "~" + _skeleton(plain))
        for key in keys[place.src]:
            groups.setdefault(key, []).append(place.src)
    titles = {place.src: place.title for place in places}
    problems = []
    for src, own in keys.items():
        if src not in site.pages:
            continue
        same = [other for other in groups[own[0]] if other != src]
        alike = sorted({other for other in groups[own[1]] if other != src} - set(same))
        for found, how in ((same, "is also the title of"), (alike, "looks like the title of")):
            if found:
                scan = site.pages[src].scan
                others = ", ".join(
                    f"{site.docs_prefix}/{other}" if other in site.pages else f"the built page {other}"
                    for other in found
                )
                problems.append(
                    Problem(
                        scan.path,
                        scan.meta_lines.get("title", 1),
                        f"the title “{titles[src]}” {how} {others}",
                        "give each page a title of its own"
                        + ("" if how.startswith("is") else " (I, l and 1, O and 0, rn and m look alike)"),
                    )
                )
    return problems


# Latin letters and digits the site's font draws alike, each pair as one: `CIeaning up` (a capital
# I) is `Cleaning up` to a reader. Cased first, as the capital I and the small l are the pair.
_ALIKE = str.maketrans({"I": "l", "1": "l", "|": "l", "0": "o", "O": "o"})


def _skeleton(title: str) -> str:
    return title.translate(_ALIKE).casefold().replace("rn", "m").replace("vv", "w")
