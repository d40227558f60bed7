"""The reader features survive Material's instant navigation (`navigation.instant`), which swaps
the page's content in place instead of loading the next page: each feature's script subscribes to
Material's `document$` (overrides/assets/javascripts/cheatsheet/*.js), which emits every page
shown. The site does not turn the feature on; a copy of the project does, and is built strictly."""

from __future__ import annotations

import re

import pytest
from conftest import run_build

from tooling import harness
from tooling.harness import copy_project

# Its site names its own server's port, so one worker builds and serves it (--dist loadgroup).
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("instant")]
PREFIX = "/docker-cheat-sheet/"


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("instant") / "project")
    site = project / "site"
    site.mkdir()
    server = harness.serve(site, type("Handler", (harness.PrefixHandler,), {"prefix": PREFIX}))
    # Material takes the pages it may swap in from sitemap.xml, matching their scheme and host to
    # the page's but not their port: site_url names this server's.
    url = server.__enter__().rstrip("/") + PREFIX
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "    - content.code.copy\n" in text and "\nsite_url: " in text
    text = text.replace("    - content.code.copy\n", "    - content.code.copy\n    - navigation.instant\n")
    text = re.sub(r"\nsite_url: .*\n", f"\nsite_url: {url}\n", text)
    config.write_text(text, encoding="utf-8")
    build = run_build(project, site)
    assert build.returncode == 0, build.output
    yield url
    server.__exit__(None, None, None)


def test_features_work_after_an_in_site_navigation(browser, instant_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(instant_site + "images.html", wait_until="networkidle")
        page.wait_for_selector("pre .cs-ph")
        page.evaluate("window.__sameDocument = true")
        page.locator(".md-nav--primary a[href$='containers.html']").first.click()
        page.wait_for_url("**/containers.html")
        page.wait_for_selector("h1:has-text('Containers')")
        # Instant navigation: the same document, new content.
        assert page.evaluate("window.__sameDocument === true"), "the page was loaded, not swapped in"

        # Placeholders in the new content are wrapped, Tab stops, and fill in from the panel.
        page.wait_for_selector("pre .cs-ph[data-placeholder=image]")
        assert page.locator("pre .cs-ph[data-placeholder=image]").first.get_attribute("tabindex") == "0"
        page.locator("pre .cs-ph[data-placeholder=image]").first.click()
        assert page.evaluate("document.activeElement.id") == "cs-ph-image"
        page.keyboard.type("nginx:1.29")
        page.keyboard.press("Escape")
        shown = page.eval_on_selector_all("pre .cs-ph[data-placeholder=image]", "els => els.map(e => e.textContent)")
        assert set(shown) == {"nginx:1.29"}
        assert page.locator(".cs-fill-button").count() == 1, "one header button, not one per page shown"

        # The new page's flag blocks have their button, and it switches that page's flags.
        flag = page.locator("pre .cs-flag[data-short='-it']").first
        toggle = page.locator("pre:has(.cs-flag[data-short='-it']) .cs-flag-toggle").first
        toggle.wait_for()
        assert toggle.inner_text() == "Show long"
        toggle.click()
        assert flag.inner_text() == "--interactive --tty"

        # Code-block bars are not landmarks, and the first-line room is measured on the new page.
        assert page.locator("nav.md-code__nav:not([role=none])").count() == 0
        unmeasured = page.eval_on_selector_all(
            ".md-content pre > code", "els => els.filter(e => !e.style.getPropertyValue('--cs-first-line')).length"
        )
        assert unmeasured == 0

        # Ctrl-K still opens search.
        page.keyboard.press("Control+k")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        assert page.evaluate("window.__sameDocument === true")
    finally:
        context.close()
    assert not errors, errors
