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
from pathlib import Path  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from cheatsheet import catalog, command_index, harden, legacy_map, printable, search  # noqa: E402
from cheatsheet.flags import mark_flags  # noqa: E402
from cheatsheet.html_edits import mark_destructive_html  # noqa: E402
from cheatsheet.site import Site, build_site, decode  # noqa: E402

log = logging.getLogger("mkdocs.plugins.cheatsheet")
_site = Site()
_urls: dict[str, str] = {}
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


@_timed
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _site, _urls
    root = Path(config.config_file_path or ".").resolve().parent
    prefix = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    sources: dict[str, str] = {}
    problems = []
    for file in list(files.documentation_pages()):
        text, problem = decode(f"{prefix}/{file.src_uri}", file.content_bytes)
        if problem:
            problems.append(problem)
            files.remove(file)  # MkDocs would stop with a traceback on it
        else:
            sources[file.src_uri] = text
    _site = build_site(sources, catalog.load(), prefix)
    _urls = {src: files.get_file_from_path(src).url for src in sources}
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


@_timed
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = page.file.content_string
    prefix_length = len(source) - len(markdown)
    if prefix_length < 0 or not source.endswith(markdown):
        return markdown
    return _site.render(page.file.src_uri, source)[prefix_length:]


@_timed
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri == command_index.INDEX_SRC:
        # The entries are filled in later, as HTML; tell MkDocs' link validation their ids now.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | _site.index_anchors
        return html
    if page.file.src_uri == legacy_map.LEGACY_SRC:
        # One table, filled in as HTML: tell MkDocs' link validation its rows' ids.
        page.present_anchor_ids = (page.present_anchor_ids or set()) | legacy_map.legacy_anchors(_site.legacy_items)
        return legacy_map.fill_legacy(html, _site.legacy_items)  # searchable: filled before search reads it
    return mark_destructive_html(html)


# What follows runs after Material's search plugin has read the page (priority 0), so search
# parses none of the flag marks, command links and command index entries (about 10 ms a build;
# that page is not searched) and does not index the related-topics box, which is navigation.
# The printable sheet, built last, reuses the topics' finished HTML.
@event_priority(-50)
@_timed
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
    return context


@_timed
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return harden.page(output)


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """Fires for each theme template rendered without a page (404.html, sitemap.xml). MkDocs links
    the 404 page's styles, scripts and pages from site_url's path, which breaks it when opened
    from disk or served under another path; it sits at the site's root, so links relative to it,
    like every other page's, work wherever the site is (overrides/404.html)."""
    if template_name == "404.html":
        context["base_url"] = "."
    return context


@_timed
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # Theme pages rendered without a page (404.html) get the same policy.
    return harden.page(output_content) if template_name.endswith(".html") else output_content


@event_priority(-90)
@_timed
def on_post_build(*, config: MkDocsConfig) -> None:
    gc.unfreeze()  # collectable again: `mkdocs serve` rebuilds in the same process
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return
    keywords = _site.search_keywords(_urls, catalog.load())
    shaped = search.shape_file(path.read_text(encoding="utf-8"), keywords)
    path.write_text(shaped, encoding="utf-8")
    (path.parent / "search_index.js").write_text(search.offline_script(shaped), encoding="utf-8")


@_timed
def on_build_error(*, error: Exception) -> None:
    gc.unfreeze()


def on_shutdown() -> None:
    if _TIMING:
        parts = ", ".join(f"{name.removeprefix('on_')} {seconds:.3f}" for name, seconds in _spent.items())
        log.info(f"cheatsheet hooks: {sum(_spent.values()):.3f} s ({parts})")
