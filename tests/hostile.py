"""Helpers for the hostile-input tests: pages a hostile pull request could add, and a look at the
built page in Chromium that records every sign of injected code running."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from tooling import harness

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


def visit(browser, path: Path | str, settle: float = 0.8) -> Visit:
    """Open a built page from disk (a path) or over http (a URL) and record dialogs, requests
    that leave the site, navigations, and whether the payloads' marks (`window.pwned`,
    `document.title = "pwned"`) appeared."""
    return visit_all(browser, [path], settle)[0]


def visit_all(browser, paths: list[Path | str], settle: float = 0.8, batch: int = 8) -> list[Visit]:
    """visit() for many pages, each in a context of its own, `batch` at a time: all of a batch
    are loaded, then given `settle` seconds together, so the wait is paid once per batch."""
    seen: list[Visit] = []
    for start in range(0, len(paths), batch):
        context = _context(browser)
        try:
            opened = [_open(context, path) for path in paths[start : start + batch]]
            time.sleep(settle)  # meta refresh, onerror and timers fire after load
            seen += [_read(page, visit) for page, visit in opened]
        finally:
            context.close()
    return seen


def _context(browser):
    """A batch's context: each page gets a tab of its own in it, and its own window, so what a
    page runs still shows on that page (a tab, not a fresh context, per page: a context costs
    about as much processor time as the page it shows, and the hostile visits were a fifth of
    the browser tests' time)."""
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


def _open(context, path: Path | str):
    url = path if isinstance(path, str) else path.resolve().as_uri()
    origin = url.split("/", 3)[:3] if url.startswith("http") else None
    own = "/".join(origin) + "/" if origin else "file:"
    seen = Visit(url)
    page = context.new_page()

    harness.block_foreign_requests(page, (own, "data:", "blob:", "about:"))
    seen.foreign_requests = page.foreign_requests

    def dialog(opened) -> None:
        seen.dialogs.append(opened.message)
        opened.dismiss()

    def navigated(frame) -> None:
        if frame == page.main_frame:
            seen.navigations.append(frame.url)

    page.on("dialog", dialog)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("framenavigated", navigated)
    try:
        page.goto(url, wait_until="load")
    except PlaywrightError as error:  # the page went away under us: it navigated
        seen.errors.append(str(error))
    return page, seen


def _read(page, seen: Visit) -> Visit:
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
    finally:
        page.close()
    return seen
