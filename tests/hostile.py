"""Helpers for the hostile-input tests: pages a hostile pull request could add, and a look at the
built page in Chromium that records every sign of injected code running."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

# Front matter of a hostile page: a valid place in the navigation, so only the payload is wrong.
SECTION = "run"


# The two-page cheat sheet's entry every page needs (the last key of its front matter).
SHEET = "sheet:\n  docker container ls: list running containers\n"


def page_text(title: str, order: int, body: str, description: str = "A page a hostile pull request adds.") -> str:
    front = f"---\ntitle: {title}\ndescription: {description}\nsection: {SECTION}\norder: {order}\n{SHEET}---\n\n"
    return f"{front}{body}\nList them with `docker container ls`.\n"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first occurrence of needle in text."""
    return text[: text.index(needle)].count("\n") + 1


@dataclass
class Visit:
    url: str
    final_url: str = ""
    dialogs: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    pwned: object = None
    title: str = ""
    body_visible: bool = True
    errors: list[str] = field(default_factory=list)

    def harmless(self) -> bool:
        return (
            not self.dialogs
            and not self.foreign_requests
            and self.pwned is None
            and self.title.strip().lower() != "pwned"
            and self.final_url == self.url
            and all(url == self.url for url in self.navigations)
            and self.body_visible
        )


def visit_all(browser, paths: list[Path | str], settle: float = 0.8, batch: int = 8) -> list[Visit]:
    """Open built pages from disk (paths) or over http (URLs) and record, for each, dialogs,
    requests that leave the site, navigations, and whether the payloads' marks (`window.pwned`,
    `document.title = "pwned"`) appeared. `batch` pages at a time, each in a tab of its own:
    all of a batch are loaded, then given `settle` seconds together, so the wait is paid once
    per batch. The tabs are kept for the next batch: a fresh tab costs a new renderer process,
    and a page loaded in one cost about twice the processor time of a page loaded in a tab that
    had shown another."""
    seen: list[Visit] = []
    context = _context(browser)
    tabs: list[_Tab] = []
    try:
        for start in range(0, len(paths), batch):
            group = paths[start : start + batch]
            while len(tabs) < len(group):
                tabs.append(_Tab(context))
            for k, tab in enumerate(tabs[: len(group)]):
                if tab.page.is_closed():  # a page closed its own window
                    tabs[k] = _Tab(context)
            opened = [tab.open(path) for tab, path in zip(tabs, group, strict=False)]
            time.sleep(settle)  # meta refresh, onerror and timers fire after load
            seen += [tab.read(visit) for tab, visit in zip(tabs, opened, strict=False)]
    finally:
        context.close()
    return seen


def _context(browser):
    """The visits' context: each page gets a tab of its own in it, and its own window, so what a
    page runs still shows on that page (not a fresh context per page: a context costs about as
    much processor time as the page it shows)."""
    # Without the service worker: a first visit is never one it controls, and what it fetches
    # (the whole site, to precache it) is no request of the page's, so the routes below do not
    # see it. What the worker caches and serves is tests/test_offline.py's.
    context = browser.new_context(service_workers="block")
    # Alerts are recorded even where the dialog event might be missed (e.g. during unload).
    context.add_init_script(
        "for (const name of ['alert', 'confirm', 'prompt']) {"
        "  const original = window[name];"
        "  window[name] = function () { window.__dialogs = (window.__dialogs || []).concat(name); };"
        "}"
    )
    return context


class _Tab:
    """A tab that shows one visited page after another. Its listeners write to the current
    page's visit, and the page is left for about:blank (which runs its unload handlers, whose
    requests count against it) before the next one is opened."""

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.seen = Visit("")
        self.own = "file:"

        def route(request_route) -> None:
            url = request_route.request.url
            if url.startswith((self.own, "data:", "blob:", "about:")):
                request_route.continue_()
            else:
                self.seen.foreign_requests.append(url)
                request_route.abort()

        def dialog(opened) -> None:
            self.seen.dialogs.append(opened.message)
            opened.dismiss()

        def navigated(frame) -> None:
            if frame == self.page.main_frame and frame.url != "about:blank":
                self.seen.navigations.append(frame.url)

        self.page.route("**/*", route)
        self.page.on("dialog", dialog)
        self.page.on("pageerror", lambda error: self.seen.errors.append(str(error)))
        self.page.on("framenavigated", navigated)

    def open(self, path: Path | str) -> Visit:
        url = path if isinstance(path, str) else path.resolve().as_uri()
        origin = url.split("/", 3)[:3] if url.startswith("http") else None
        self.own = "/".join(origin) + "/" if origin else "file:"
        self.seen = Visit(url)
        try:
            self.page.goto(url, wait_until="load")
        except PlaywrightError as error:  # the page went away under us: it navigated
            self.seen.errors.append(str(error))
        return self.seen

    def read(self, seen: Visit) -> Visit:
        page = self.page
        try:
            seen.final_url = page.url
            seen.pwned = page.evaluate("() => window.pwned === undefined ? null : String(window.pwned)")
            seen.dialogs += page.evaluate("() => window.__dialogs || []")
            seen.title = page.title()
            seen.body_visible = page.evaluate(
                "() => getComputedStyle(document.body).display !== 'none'"
                " && getComputedStyle(document.body).visibility !== 'hidden'"
                " && document.querySelector('.md-header') !== null"
                " && getComputedStyle(document.querySelector('.md-header')).display !== 'none'"
            )
        except PlaywrightError as error:  # the page went away under us: it navigated
            seen.errors.append(str(error))
            seen.final_url = page.url if page.url != seen.url else "(navigated)"
        try:
            if not page.is_closed():
                page.goto("about:blank")
        except PlaywrightError as error:
            seen.errors.append(str(error))
        return seen
