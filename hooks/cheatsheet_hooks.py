"""MkDocs hooks: thin adapters from MkDocs events to the plain functions in `cheatsheet/`.

With CHEATSHEET_TIMING=1 in the environment, the build logs the hooks' own time (import and
each event) when it ends; scripts/benchmark.py reads it."""

from __future__ import annotations

import time

_IMPORT_STARTED = time.perf_counter()

import functools  # noqa: E402
import gc  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from cheatsheet import catalog, command_index, harden, legacy_map, offline, printable, search  # noqa: E402
from cheatsheet.flags import mark_flags  # noqa: E402
from cheatsheet.front_matter import theme_meta  # noqa: E402
from cheatsheet.html_edits import mark_destructive_html  # noqa: E402
from cheatsheet.limits import check_limits  # noqa: E402
from cheatsheet.page import normalise_newlines  # noqa: E402
from cheatsheet.site import Site, build_site, decode  # noqa: E402

log = logging.getLogger("mkdocs.plugins.cheatsheet")
_command = "build"  # or "serve", "gh-deploy": set by on_startup
_site = Site()
_urls: dict[str, str] = {}
_prefix = "docs"  # the docs folder as messages name it
# Python-Markdown gets this long per page; past it the build stops, naming the page. The page
# limits (cheatsheet/limits.py) keep every known slow shape out, so this is the last resort.
RENDER_SECONDS = 10.0
_rendering = ""  # the page Python-Markdown is rendering, while the render clock runs
_TIMING = os.environ.get("CHEATSHEET_TIMING") == "1"
_spent = {"import": time.perf_counter() - _IMPORT_STARTED}


def _timed(handler):
    if not _TIMING:
        return handler

    @functools.wraps(handler)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            _spent[handler.__name__] = _spent.get(handler.__name__, 0.0) + time.perf_counter() - start

    return timed


def on_startup(*, command: str, dirty: bool) -> None:
    """Once per MkDocs invocation, before the config is read: which command runs."""
    global _command
    _command = command


class RenderTooSlow(PluginError):
    """A page took Python-Markdown longer than RENDER_SECONDS: MkDocs aborts with this message,
    without a traceback."""


def _page_path(page: Page) -> str:
    return f"{_prefix}/{page.file.src_uri}"


def _guarded(handler):
    """Last resort for page events: an unexpected exception becomes a warning naming the page
    (so --strict fails), and the page goes on unchanged, instead of a traceback."""

    @functools.wraps(handler)
    def guarded(first, **kwargs):
        try:
            return handler(first, **kwargs)
        except (RenderTooSlow, KeyboardInterrupt):
            raise
        except Exception as exc:
            log.debug("cheatsheet hook failed", exc_info=True)
            log.warning(
                f"{_page_path(kwargs['page'])}:1: the cheat sheet's checks failed on this page "
                f"({type(exc).__name__}: {exc}) — simplify the construct the message names, and report it as a bug"
            )
            return first

    return guarded


def _too_slow(signum, frame) -> None:
    if _rendering:
        raise RenderTooSlow(
            f"{_rendering}:1: Markdown took more than {RENDER_SECONDS:.0f} s to render this page — "
            "split it, or simplify its nesting and markup"
        )


def _render_clock(page: str) -> None:
    """Start (page given) or stop (page "") the render clock. Only in the main thread, where
    signals arrive: `mkdocs serve` rebuilds in another thread, without the clock."""
    global _rendering
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return
    _rendering = page
    if page:
        signal.signal(signal.SIGALRM, _too_slow)
        signal.setitimer(signal.ITIMER_REAL, RENDER_SECONDS, 1.0)  # repeats, should something catch it
    else:
        signal.setitimer(signal.ITIMER_REAL, 0)


@_timed
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _site, _urls, _prefix
    root = Path(config.config_file_path or ".").resolve().parent
    _prefix = prefix = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    sources: dict[str, str] = {}
    problems = []
    for file in list(files.documentation_pages()):
        raw = file.content_bytes
        text, problem = decode(f"{prefix}/{file.src_uri}", raw)
        # A page over a limit is left out: Python-Markdown could take hours on it.
        over = check_limits(f"{prefix}/{file.src_uri}", text := normalise_newlines(text), len(raw)) if text else []
        if problem or over:
            problems += [problem] if problem else over
            files.remove(file)  # MkDocs would stop with a traceback on it
        else:
            sources[file.src_uri] = text
    _site = build_site(sources, catalog.load(), prefix)
    for src in _site.failed:
        files.remove(files.get_file_from_path(src))
    _urls = {src: files.get_file_from_path(src).url for src in sources if src not in _site.failed}
    for problem in problems + _site.problems:
        log.warning(str(problem))
    for src, text in _site.generated.items():
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=text))
    config.nav = _site.nav
    # The catalogue and the page models live until the build ends. Without this they push
    # Python's cyclic collector into a full collection mid-build that rescans every object of
    # the build (about 20 ms, a collection a build without the hooks never reaches).
    gc.freeze()
    return files


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    """When MkDocs reads a page: the text the checks read (line endings normalised, so Markdown
    and the messages count the same lines); None for generated pages."""
    state = _site.pages.get(page.file.src_uri)
    return state.text if state else None


@_timed
@_guarded
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """After MkDocs split off the front matter, before Python-Markdown renders the page."""
    state = _site.pages.get(page.file.src_uri)
    if state:
        page.meta = theme_meta(page.meta)  # what the checks reported must not crash the theme
    source = state.text if state else page.file.content_string
    prefix_length = len(source) - len(markdown)
    if prefix_length >= 0 and source.endswith(markdown):
        markdown = _site.render(page.file.src_uri, source)[prefix_length:]
    _render_clock(_page_path(page))  # the last thing before Python-Markdown; stopped in on_page_content
    return markdown


@_timed
@_guarded
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _render_clock("")
    if page.file.src_uri == command_index.INDEX_SRC:
        # The entries are filled in later, as HTML; tell MkDocs' link validation their ids now.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | _site.index_anchors
        return html
    if page.file.src_uri == legacy_map.LEGACY_SRC:
        return legacy_map.fill_legacy(html, _site.legacy_items)  # searchable: filled before search reads it
    return mark_destructive_html(html)


# What follows runs after Material's search plugin has read the page (priority 0), so search
# parses none of the flag marks, command links and command index entries (about 10 ms a build;
# that page is not searched) and does not index the related-topics box, which is navigation.
# The printable sheet, built last, reuses the topics' finished HTML.
@event_priority(-50)
@_timed
@_guarded
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    src = page.file.src_uri
    if page.content is None:
        return context
    if src == command_index.INDEX_SRC:
        page.content = command_index.fill_index(page.content, _site.entries, catalog.load())
    elif src == printable.PRINT_SRC:
        rendered = {p.file.src_uri: p for p in nav.pages}
        topics = [(rendered[s].url, rendered[s].content or "") for s in _site.print_topics if s in rendered]
        page.content = printable.fill(page.content, topics, page.url)
    elif src != legacy_map.LEGACY_SRC:
        targets = [command_index.INDEX_SRC] + [other for other, _, _ in _site.related.get(src, [])]
        hrefs = {other: get_relative_url(_urls[other], page.url) for other in targets if other in _urls}
        page.content = _site.finish_html(src, mark_flags(page.content, catalog.load()), hrefs)
        if src == "index.md":  # the home page (in a nav section, so not `page.is_homepage`)
            page.content = offline.place_download(page.content, get_relative_url(offline.ZIP_NAME, page.url))
    return context


@_timed
@_guarded
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return harden.page(output)


@_timed
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages rendered without a page (404.html) get the same policy.
    return harden.page(output_content) if template_name.endswith(".html") else output_content


@event_priority(-90)
@_timed
def on_post_build(*, config: MkDocsConfig) -> None:
    gc.unfreeze()  # collectable again: `mkdocs serve` rebuilds in the same process
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        keywords = _site.search_keywords(_urls, catalog.load())
        shaped = search.shape_file(path.read_text(encoding="utf-8"), keywords)
        path.write_text(shaped, encoding="utf-8")
        (path.parent / "search_index.js").write_text(search.offline_script(shaped), encoding="utf-8")
    # Last, once every file is final: the offline zip, then the service worker that hashes them.
    # Not under `mkdocs serve`: a cached site would hide the edits it reloads for.
    if _command != "serve":
        offline.finish(Path(config.site_dir))


@_timed
def on_build_error(*, error: Exception) -> None:
    _render_clock("")
    gc.unfreeze()


def on_shutdown() -> None:
    if _TIMING:
        parts = ", ".join(f"{name.removeprefix('on_')} {seconds:.3f}" for name, seconds in _spent.items())
        log.info(f"cheatsheet hooks: {sum(_spent.values()):.3f} s ({parts})")
