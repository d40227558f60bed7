"""Shared fixtures: a strict build of the real site, temporary copies of the project for
fixture pages, a loopback server, and Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from cheatsheet.project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def run_build(project: Path, site: Path) -> Build:
    """`mkdocs build --strict` (never with -q: quiet mode hides the warnings strict counts)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> Build:
    site = tmp_path_factory.mktemp("site")
    return run_build(ROOT, site)


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    assert site_build.returncode == 0, site_build.output
    return site_build.site


@pytest.fixture
def project(tmp_path) -> Path:
    """A throwaway copy of the project, to add or break pages in."""
    return copy_project(tmp_path / "project")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def served(site):
    """The built site on a loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium. A missing browser fails the run: browser tests never skip to green."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser):
    """A page whose every request to anything but file:// or loopback is aborted and recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.foreign_requests = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "http://127.0.0.1", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            page.foreign_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def search(page, query: str, timeout: float = 10.0) -> list[dict]:
    """Type a query the way a reader does and return the results shown (href, title, text)."""
    import time

    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(query, delay=15)
    deadline = time.monotonic() + timeout
    meta = page.locator(".md-search-result__meta")
    while time.monotonic() < deadline:
        text = meta.inner_text()
        if "matching" in text.lower():
            break
        time.sleep(0.05)
    time.sleep(0.3)  # results render in batches after the count
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item > a, .md-search-result__item details a')]
              .map(a => ({href: a.getAttribute('href'), title: (a.querySelector('h1,h2') || a).textContent,
                          text: a.textContent}))"""
    )
