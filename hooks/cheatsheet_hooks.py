"""MkDocs hooks: thin adapters from MkDocs events to the plain functions in `cheatsheet/`."""

from __future__ import annotations

import functools
import gc
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Modules, not names: under `mkdocs serve` code_reload refreshes these module objects in place.
from cheatsheet import (
    catalog,
    code_reload,
    data_schemas,
    docs_files,
    engine_versions,
    front_matter,
    generated,
    harden,
    link_warnings,
    live_reload,
    log_lines,
    markdown_extension,
    offline,
    placeholders,
    problems,
    render_clock,
    search,
    task_vocabulary,
)
from cheatsheet import site as site_model

log = logging.getLogger("mkdocs.plugins.cheatsheet")
code_reload.remember()


class _State:
    """What the hooks share: the model of the site being built, made by on_files (which MkDocs
    runs before any page event) and replaced on every rebuild of `mkdocs serve`."""

    site: site_model.Site
    marks: markdown_extension.CheatSheetExtension  # told what to mark before each page renders
    command: str = "build"  # or "serve", "gh-deploy": set by on_startup
    docs_check: docs_files.DocsCheck = docs_files.DocsCheck()  # what docs/ may not publish (on_pre_build)
    prefix: str = "docs"  # docs/ as messages name it
    reported: frozenset[tuple[str, int]] = frozenset()  # (path, line) of on_files' problems
    tasks: tuple[task_vocabulary.Task, ...] = ()  # the search's task vocabulary (data/tasks.yaml)
    boosts: dict[str, float]  # pages ranked below the topics (data/search-boosts.yaml), by on_files
    # The generated pages to build; None: all of them (cheatsheet.generated.PAGES, read at each
    # build, so `mkdocs serve` sees a reloaded module). The benchmark passes fewer (use_pages).
    pages: tuple[type[generated.GeneratedPage], ...] | None = None


_state = _State()


def use_pages(pages: tuple[type[generated.GeneratedPage], ...]) -> None:
    """Build these generated pages instead of all of them (for the benchmark's variants)."""
    _state.pages = pages


# Python-Markdown gets this long per page; past it the build stops, naming the page. The page
# limits (cheatsheet/limits.py) keep every known slow shape out, so this is the last resort.
RENDER_SECONDS = 10.0
RENDER_TOTAL_SECONDS = 30.0  # all pages of a build together; the real site's take about 2 s


class RenderTooSlow(PluginError):
    """A page took Python-Markdown longer than RENDER_SECONDS: MkDocs aborts with this message,
    without a traceback."""


_clock = render_clock.RenderClock(RenderTooSlow, RENDER_TOTAL_SECONDS)


# What a page event that failed hands on instead of its input, where the input is not yet safe
# to publish (not yet cleaned, or without its Content-Security-Policy): a build that is not
# strict, or `mkdocs serve`, would otherwise show it as the page wrote it.
_FAILED_PAGE = "<p>This page could not be built; the build log says why.</p>"
_UNSAFE_INPUT = {
    "on_page_content": _FAILED_PAGE,
    "on_post_page": f"<!doctype html><meta charset=utf-8><title>Build error</title>{_FAILED_PAGE}",
}


def _guarded(handler):
    """Last resort for page events: an unexpected exception becomes a warning naming the page
    (so --strict fails), instead of a traceback; the page goes on unchanged where its input is
    safe to publish, and as a short notice where it is not (_UNSAFE_INPUT)."""

    @functools.wraps(handler)
    def guarded(first, **kwargs):
        try:
            return handler(first, **kwargs)
        except (RenderTooSlow, KeyboardInterrupt):
            raise
        except Exception as exc:
            log.debug("cheatsheet hook failed", exc_info=True)
            problem = problems.Problem(
                f"{_state.prefix}/{kwargs['page'].file.src_uri}",
                1,
                f"the cheat sheet's checks failed on this page ({type(exc).__name__}: {exc})",
                "simplify the construct the message names, and report it as a bug",
            )
            log.warning(str(problem))  # one line, whatever the exception quotes of the page
            return _UNSAFE_INPUT.get(handler.__name__, first)

    return guarded


def _stops_cleanly(handler):
    """Last resort for the build's own events: an unexpected exception (a data file whose reader
    trusted a schema the same change loosened, a bug) stops the build with one line that says
    where to look, instead of a traceback. The checks before it report what they can name."""

    @functools.wraps(handler)
    def stopping(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except (PluginError, KeyboardInterrupt):
            raise
        except Exception as exc:
            log.debug("cheatsheet hook failed", exc_info=True)
            raise PluginError(
                problems.one_line(
                    f"the cheat sheet's build stopped in {handler.__name__} ({type(exc).__name__}: {exc}) — "
                    "check the data files the change touches (data/, data/schemas/) against their schemas, "
                    "and report it as a bug if they are right"
                )
            ) from None

    return stopping


@_stops_cleanly
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """At the start of every build: under `mkdocs serve`, edits to `cheatsheet/` since the last
    build take effect now (MkDocs runs this file once per process; data files reload themselves)."""
    reloaded = code_reload.reload_if_changed()
    link_warnings.install()
    log_lines.install()
    if reloaded:
        log.info(f"cheatsheet: reloaded {len(reloaded)} changed or dependent modules")
    _state.marks = markdown_extension.CheatSheetExtension()
    config.markdown_extensions.append(_state.marks)  # MkDocs hands the list to Markdown()
    # What MkDocs, the theme and these modules have loaded lives until the build ends: frozen, it
    # is never rescanned. Without this, checking the pages in on_files pushes the collector into
    # a full collection of all of it (scripts/bench/REPORT.md); on_files freezes again what the
    # checks made. Under `mkdocs serve`
    # on_post_build unfreezes it all; a one-off build keeps it frozen to the end (see there).
    gc.freeze()
    return config


def on_startup(*, command: str, dirty: bool) -> None:
    """Once per MkDocs invocation, before the config is read: which command runs."""
    _state.command = command


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve` only: each page it sends allows exactly the live-reload script it injects
    and registers no service worker (cheatsheet/live_reload.py)."""
    server._inject_js_into_html = live_reload.wrap_injection(server._inject_js_into_html)
    return server


def _docs_prefix(config: MkDocsConfig) -> str:
    root = Path(config.config_file_path or ".").resolve().parent
    return os.path.relpath(config.docs_dir, root).replace(os.sep, "/")


@_stops_cleanly
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Before MkDocs walks docs/ (following links): what docs/ may hold is checked first."""
    _clock.reset()
    data_problems = data_schemas.check_all()  # before anything reads a data file
    _state.docs_check = docs_files.check_docs_dir(config.docs_dir, _docs_prefix(config))
    for problem in data_problems + _state.docs_check.problems:
        log.warning(str(problem))
    if data_problems:
        raise PluginError("the data files above do not have the expected form; the build stops before reading them")
    # Read for the theme's templates only once the data files have passed their checks:
    # the releases the header's version control offers (issue 27), the Fill-in panel's names.
    config.extra["engine_releases"] = " ".join(engine_versions.picker_releases())
    config.extra["cs_placeholders"] = placeholders.panel_json(placeholders.load())  # for main.html
    if _state.docs_check.linked_dirs:
        # MkDocs follows directory links while it collects files, in dot folders too: out of the
        # docs, or round a loop. Stopped here, before it walks anything.
        linked = problems.one_line(", ".join(_state.docs_check.linked_dirs))
        raise PluginError(f"docs/ holds symbolic links to directories ({linked}); see above")


@_stops_cleanly
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Once the source files are known: check every page, add the generated pages, set the nav."""
    # The checks make the catalogue and the page models, which live until the build ends:
    # collecting while they are made only rescans them, so the collector waits, and they are
    # then frozen out of its way. Unfrozen, they push it into a full collection mid-build that
    # rescans every object of the build, one a build without the hooks never reaches.
    gc.disable()
    try:
        return _check_files(files, config)
    finally:
        gc.freeze()
        gc.enable()


def _check_files(files: Files, config: MkDocsConfig) -> Files:
    prefix = _state.prefix = _docs_prefix(config)
    docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")
    for file in list(files):  # reported by on_pre_build; never read or published
        if (file.abs_src_path or "").startswith(docs_dir) and _state.docs_check.refuses(file.src_uri):
            files.remove(file)
    files.add_files_from_theme(config.theme.get_env(), config)  # what a refused file had shadowed
    pages = {file.src_uri: file for file in files.documentation_pages()}
    sources, unreadable = site_model.read_sources({src: file.content_bytes for src, file in pages.items()}, prefix)
    for src in pages.keys() - sources.keys():  # reported below; MkDocs would stop or stall on them
        files.remove(pages[src])
    site = _state.site = site_model.build_site(
        sources, catalog.load(), prefix, _state.pages or generated.PAGES, config.site_url or ""
    )
    for src in site.failed:  # the checks failed on it: reported, left out
        if (failed := files.get_file_from_path(src)) is not None:
            files.remove(failed)
    links = [(src, link.url) for src, state in site.pages.items() for link in state.scan.links]
    unused = docs_files.unreferenced_images(_state.docs_check, links, prefix)
    unused += docs_files.missing_targets(
        _state.docs_check,
        ((src, link.line, link.url) for src, state in site.pages.items() for link in state.scan.links),
        prefix,
    )
    for file in list(files):  # images no page shows
        if (file.abs_src_path or "").startswith(docs_dir) and file.src_uri in _state.docs_check.refused_files:
            files.remove(file)
    tasks, task_problems = task_vocabulary.load(site.catalog)
    _state.tasks = tuple(tasks)
    _state.boosts, boost_problems = search.page_boosts()
    task_problems += boost_problems + search.verbs()[1] + search.phrases()[1]
    task_problems += search.instruction_meanings(site.catalog)[1]
    for problem in unreadable + site.problems + task_problems + unused:
        log.warning(str(problem))
    _state.reported = frozenset((p.path, p.line) for p in unreadable + site.problems + task_problems)
    for note in site.notes:
        log.info(str(note))
    for src, page in site.generated.items():
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content=page.markdown()))
    site.urls = {file.src_uri: file.url for file in files.documentation_pages()}
    for path, text in site.generated_files().items():  # what generated pages load (explain's data)
        files.append(File.generated(config, path, content=text))
    for src, state in site.pages.items():
        refused = files.get_file_from_path(src) if state.scan.meta_refused else None
        if refused is not None:  # MkDocs would parse it too: an alias bomb, a huge block
            files.remove(refused)
    config.nav = site.nav
    return files


def on_page_read_source(*, page: Page, config: MkDocsConfig) -> str | None:
    """When MkDocs reads a page: the text the checks read (line endings normalised, so Markdown
    and the messages count the same lines); None for generated pages."""
    state = _state.site.pages.get(page.file.src_uri)
    return state.text if state else None


@_guarded
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Before a page is rendered: legacy notes and destructive-block classes in its Markdown,
    what the Markdown extension marks while it renders, and a description for a page whose
    front matter has none. The render clock starts last."""
    if page.file.src_uri in _state.site.pages:
        page.meta = front_matter.theme_meta(page.meta)  # what the checks reported must not crash the theme
    _state.marks.page = _state.site.page_marks(page.file.src_uri)
    description = _state.site.description(page.file.src_uri)
    if description:
        page.meta["description"] = description
    front_matter.escape_plain_text(page.meta)  # the theme's templates write them unescaped
    rendered = _state.site.render(page.file.src_uri, markdown)
    if isinstance(rendered, problems.Problem):
        log.warning(str(rendered))
        rendered = markdown
    _clock.start(f"{_state.prefix}/{page.file.src_uri}", RENDER_SECONDS)  # stopped in on_page_content
    return rendered


@_guarded
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page's HTML, before the search plugin reads it: cleaned by allow-list first, then what
    search should index; search is given its reading copy, and on_page_context puts the page
    back."""
    _clock.stop()
    reading, found = _state.site.published(page.file.src_uri, html, _state.reported)
    found += _state.site.toc_problems(page.file.src_uri, page.toc)
    for problem in found:
        log.warning(str(problem))
    # A generated page is filled in as HTML: tell MkDocs' link validation its ids now.
    page.present_anchor_ids = (page.present_anchor_ids or set()) | _state.site.anchors(page.file.src_uri)
    return reading


# What follows runs after Material's search plugin has read the page (priority 0), so search
# parses none of the flag marks and command index entries (that page is not searched) and
# does not index the related-topics box, which is navigation.
@event_priority(-50)
@_guarded
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """After search has read the page, before its template: the page as published, finished."""
    page.content = _state.site.finished(page.file.src_uri, page.content)
    for problem in _state.site.late_problems:
        log.warning(str(problem))
    _state.site.late_problems.clear()
    return context


@_guarded
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """A page's finished HTML document: the content security policy."""
    return harden.page(output)


@_stops_cleanly
def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    """Fires for each theme template rendered without a page (404.html, sitemap.xml). MkDocs links
    the 404 page's styles, scripts and pages from site_url's path, which breaks it when opened
    from disk or served under another path; it sits at the site's root, so links relative to it,
    like every other page's, work wherever the site is (overrides/404.html)."""
    if template_name == "404.html":
        context["base_url"] = "."
    return context


@_stops_cleanly
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """A theme page rendered without a Markdown page (404.html): the same policy."""
    return harden.page(output_content) if template_name.endswith(".html") else output_content


@event_priority(-90)
@_stops_cleanly
def on_post_build(*, config: MkDocsConfig) -> None:
    """Once every file is written: the search index gets what each section teaches and the task
    vocabulary's phrases; then the offline zip and the service worker."""
    if _state.command == "serve":
        gc.unfreeze()  # collectable again: `mkdocs serve` rebuilds in the same process
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        site = _state.site
        sections = site.search_keywords(list(_state.tasks), set(_state.boosts))
        boosts = {site.urls[src]: boost for src, boost in _state.boosts.items() if src in site.urls}
        shaped = search.shape_file(
            path.read_text(encoding="utf-8"),
            sections,
            catalog.load(),
            boosts,
            site.example_locations(),
            task_vocabulary.load_reader_words(),
            task_vocabulary.load_meaning_texts(),
            search.instruction_config(search.instruction_meanings(catalog.load())[0]),
        )
        path.write_text(shaped, encoding="utf-8")
        (path.parent / "search_index.js").write_text(search.offline_script(shaped), encoding="utf-8")
    # Last, once every file is final: the offline zip, then the service worker that hashes them.
    # Not under `mkdocs serve`: a cached site would hide the edits it reloads for.
    if _state.command != "serve":
        for problem in offline.finish(Path(config.site_dir)):  # budgets: strict fails on these
            log.warning(str(problem))
        # A one-off build ends here, so what it made stays frozen until the process exits: Python
        # then skips a collection of every object the build holds, MkDocs' and the hooks'
        # (scripts/bench/REPORT.md). Nothing collectable is lost: the process ends.
        gc.freeze()


def on_build_error(*, error: Exception) -> None:
    """When the build fails: undo on_files' gc.freeze, as on_post_build would."""
    _clock.stop()
    gc.unfreeze()
