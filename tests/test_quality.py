"""Accessibility and page quality of the built site, measured the way readers' tools measure it.

* axe-core on every page of the real build: zero violations of any rule axe runs by default
  in the light (default) palette, and of its colour rules in the dark (slate) one. Also with
  the search dialog open and showing results, which no page shows on load.
* Lighthouse (mobile preset) on the home page and on the largest page a reader browses (the
  command index; the printable book is for printing), served on loopback with compression like
  the published site (tooling/lighthouse.py): accessibility, best practices and SEO score 1.0.
  Performance is not run: it is timed, on CPUs the test workers share; its budget is checked
  by scripts/bench/lighthouse.py.

Both tools come from node_modules (`npm ci`; package.json pins them). A missing tool fails the
run: these tests never skip to green.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, search

from tooling import harness, lighthouse

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NPM_HINT = lighthouse.NPM_HINT

# The palettes of mkdocs.yml: Material picks the one whose media query matches, so emulating
# the reader's colour-scheme preference selects it the same way a reader's system does.
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}
# What axe checks in a palette: every default rule in the first (light); in the other only the
# rules that read colours, since a palette changes colours and nothing else (the same markup,
# names, roles and order), so the other rules' findings are the first palette's.
AXE_RUN = {
    "light": "{resultTypes: ['violations']}",
    "dark": "{resultTypes: ['violations'], runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}}",
}

MIN_SCORE = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!!python/...` or `!ENV` tags (they become None)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def served_published(site):
    """The build under site_url's path. The 404 page links its assets absolutely (it is served
    for any missing URL), so it only works at the path the site is published under."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    prefix = urlsplit(config["site_url"]).path.rstrip("/") + "/"
    with harness.serve(site, type("Handler", (harness.PrefixHandler,), {"prefix": prefix})) as base:
        yield base.rstrip("/") + prefix


@pytest.fixture(scope="module")
def served_compressed(site):
    """The build on a loopback port, text compressed the way GitHub Pages (site_url) sends it
    (tooling/lighthouse.py). `served` (http.server) sends every file uncompressed, which the
    site's host does not. Measured alternately on one machine: largest topic page 0.85-0.89
    uncompressed, 0.94-0.99 compressed; home page 0.92-0.93 and 0.98-1.0."""
    with lighthouse.serve_compressed(site) as base:
        yield base


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as paths relative to the site root (404 page included)."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def format_violations(page: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = "; ".join(targets[:8]) + (f"; … {len(targets) - 8} more" if len(targets) > 8 else "")
        lines.append(f"{page}: {violation['id']} ({violation['impact']}): {violation['help']}\n    targets: {shown}")
    return lines


def test_axe_finds_no_violations(browser, served, served_published, site):
    """axe-core on every page, in both palettes. One load of a page serves both: the page is
    checked in the palette it opens in, then switched with the header's palette toggle, as a
    reader switches it, and checked in the other (a page load cost as much processor time as
    the checks of it). The first page opens in the dark one, as a system that prefers it asks."""
    assert AXE.exists(), f"{AXE} is missing: {NPM_HINT}"
    axe_source = AXE.read_text(encoding="utf-8")
    pages = site_pages(site)
    assert "index.html" in pages and len(pages) > 2, pages
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[str] = []
    checked: dict[str, int] = dict.fromkeys(SCHEMES, 0)
    by_scheme = {scheme: palette for palette, (_, scheme) in SCHEMES.items()}
    scheme = ""
    try:
        for name in pages:
            base = served_published if name == "404.html" else served
            page.goto(base + name, wait_until="load")
            # Not page.add_script_tag: the site's Content-Security-Policy refuses inline scripts
            # it has no hash for, and bypassing the policy would test a page readers never get.
            # Code evaluated through the DevTools protocol is not subject to the page's policy.
            for turn in range(2):
                if turn:
                    page.locator("form[data-md-component='palette'] label:not([hidden])").first.click()
                    page.wait_for_function(
                        "scheme => document.body.getAttribute('data-md-color-scheme') !== scheme", arg=scheme
                    )
                # Material's bundle sets the palette and builds its components (copy buttons,
                # tooltips, tabs) after load; check the page a reader actually sees.
                page.wait_for_function("!document.documentElement.classList.contains('no-js')")
                page.wait_for_timeout(150)
                scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                palette = by_scheme[scheme]
                if not turn:
                    page.evaluate(axe_source + "\n;undefined")
                result = page.evaluate(f"() => axe.run(document, {AXE_RUN[palette]})")
                problems += format_violations(f"{name} ({palette})", result["violations"])
                checked[palette] += 1
    finally:
        context.close()
    assert checked == dict.fromkeys(SCHEMES, len(pages)), checked
    assert not errors, f"script errors: {errors}"
    assert not problems, f"axe-core found {len(problems)} violation(s):\n" + "\n".join(problems)


# Queries whose results show the kinds of entries search has: pages, sections with code, flags.
SEARCH_QUERIES = ["docker run --rm", "HEALTHCHECK", "volume"]


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_axe_finds_no_violations_in_search_results(browser, served, palette):
    assert AXE.exists(), f"{AXE} is missing: {NPM_HINT}"
    media, scheme = SCHEMES[palette]
    context = browser.new_context(color_scheme=media, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(served + "index.html", wait_until="load")
        page.wait_for_function(
            "scheme => document.body.getAttribute('data-md-color-scheme') === scheme",
            arg=scheme,
        )
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
        for query in SEARCH_QUERIES:
            results = search(page, query)
            assert results, f"no results for {query!r}"
            result = page.evaluate(f"() => axe.run(document, {AXE_RUN[palette]})")
            problems += format_violations(f"index.html, searching {query!r}", result["violations"])
    finally:
        context.close()
    assert not problems, f"axe-core found {len(problems)} violation(s) in the {palette} palette:\n" + "\n".join(
        problems
    )


def failing_audits(result: dict, category: str) -> list[str]:
    """The audits that cost the category points, with the elements or resources they name."""
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref.get("weight", 0) == 0 or audit.get("score") is None or audit["score"] >= 1:
            continue
        value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        lines.append(f"  {ref['id']}: score {audit['score']}{value}: {audit['title']}")
        items = (audit.get("details") or {}).get("items") or []
        for item in items[:5]:
            node = item.get("node") or {}
            where = node.get("selector") or item.get("url") or ""
            if where:
                lines.append(f"      {where}")
    return lines


@pytest.fixture(scope="module")
def largest_page(site) -> str:
    """The largest page a reader browses: the printable book (print/) is for printing."""
    pages = [path for path in site.rglob("*.html") if "print" not in path.relative_to(site).parts]
    return max(pages, key=lambda path: path.stat().st_size).relative_to(site).as_posix()


# The home page is written by the same template as every topic page (overrides/main.html), and
# axe checks every page of the build, so a third run, on the largest topic page, found nothing
# these two do not, for 12 CPU-seconds of the suite's five minutes on 2 CPUs (issue #26).
@pytest.mark.parametrize("which", ["home", "largest page"])
def test_lighthouse_scores(served_compressed, largest_page, tmp_path, which):
    """Accessibility, best practices and SEO do not depend on timing: they must pass.
    Performance is timed, on CPUs the test workers share here, so it is not run: speed is the
    benchmark's (scripts/bench/lighthouse.py, on a quiet machine). Its trace was a third of
    this test's time."""
    name = "index.html" if which == "home" else largest_page
    result = lighthouse.run(served_compressed + name, tmp_path / "run", tuple(MIN_SCORE))
    assert not result.get("runtimeError"), result["runtimeError"]
    scores = {category: result["categories"][category]["score"] for category in MIN_SCORE}
    problems = []
    for category, minimum in MIN_SCORE.items():
        score = scores[category]
        if score is None or score < minimum:
            problems.append(f"{category}: {score} (needs {minimum})")
            problems += failing_audits(result, category)
    assert not problems, f"Lighthouse on {name} ({scores}):\n" + "\n".join(problems)
