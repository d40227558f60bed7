"""The 404 page works wherever the site is: opened from disk, served at the site's path, or
served under some other base path (as a host does for any missing address). It is styled, its
search works and it links home (overrides/404.html, hooks: on_template_context)."""

from __future__ import annotations

import http.server
import io
from pathlib import Path

import pytest

from tooling import harness

pytestmark = pytest.mark.browser


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` and answers a missing address with 404.html, as GitHub
    Pages and most static hosts do."""

    prefix = "/"

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix) :]
        path = Path(self.translate_path(self.path))
        if not path.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served_elsewhere(site):
    """The build under a base path that is not site_url's."""
    with harness.serve(site, type("Handler", (_NotFoundHandler,), {"prefix": "/some/other/base/"})) as base:
        yield base.rstrip("/") + "/some/other/base/"


def check_not_found_page(page) -> None:
    """Styled (every stylesheet loaded, Material's layout applied, icons at icon size), with a
    search that finds pages and a link home."""
    sheets = page.evaluate(
        "() => [...document.querySelectorAll('link[rel=stylesheet]:not([media=print])')]"
        ".map(l => [l.getAttribute('href'), Boolean(l.sheet)])"
    )
    assert len(sheets) >= 3 and all(loaded for _, loaded in sheets), sheets
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    logo = page.locator(".md-header .md-logo svg").bounding_box()
    assert logo and logo["height"] < 50, f"an unstyled page shows giant icons: {logo}"
    assert page.locator("h1").inner_text() == "Page not found"

    search = page.get_by_text("Search the cheat sheet")
    assert search.is_visible()
    search.click()
    harness.type_query(page, "prune")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10_000)
    page.keyboard.press("Escape")

    home = page.get_by_role("link", name="Go to the home page")
    home.click()
    page.wait_for_load_state()
    assert page.url.endswith("index.html"), page.url
    assert page.locator("h1").first.inner_text().startswith("Docker Cheat Sheet")


def test_404_from_disk_is_styled_and_offers_search_and_home(offline_page, site):
    page = offline_page
    page.goto((site / "404.html").as_uri())
    check_not_found_page(page)
    assert page.foreign_requests == []
    assert page.errors == []


@pytest.mark.parametrize("missing", ["no-such-page.html", "404.html"])
def test_404_under_another_base_path_is_styled_and_offers_search_and_home(browser, served_elsewhere, missing):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = page.goto(served_elsewhere + missing)
        assert response and (response.status == 404) == (missing != "404.html")
        check_not_found_page(page)
    finally:
        context.close()
    assert not errors, errors
