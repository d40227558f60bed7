"""Accessibility and page quality of the built site, measured the way readers' tools measure it.

* axe-core on every page of the real build, in the light (default) and the dark (slate)
  palette: zero violations of any rule axe runs by default.
* Lighthouse (mobile preset) on the home page and on the largest topic page: accessibility,
  best practices and SEO score 1.0, performance at least 0.9 (the target is 0.95; the margin
  absorbs run-to-run noise).

Both tools come from node_modules (`npm ci`; package.json pins them). A missing tool fails the
run: these tests never skip to green.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
NPM_HINT = "run `npm ci` in the project root (package.json pins axe-core and lighthouse)"

# The palettes of mkdocs.yml: Material picks the one whose media query matches, so emulating
# the reader's colour-scheme preference selects it the same way a reader's system does.
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORE = {"performance": 0.9, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the build, as paths relative to the site root (404 page included)."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def topic_pages(site: Path) -> list[Path]:
    """Built topic pages: one per Markdown file under docs/, the home page excepted."""
    names = {path.stem for path in (ROOT / "docs").glob("*.md")} - {"index"}
    return [site / f"{name}.html" for name in sorted(names) if (site / f"{name}.html").exists()]


def format_violations(page: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = "; ".join(targets[:8]) + (f"; … {len(targets) - 8} more" if len(targets) > 8 else "")
        lines.append(f"{page}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
                     f"    targets: {shown}")
    return lines


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_axe_finds_no_violations(browser, served, site, palette):
    assert AXE.exists(), f"{AXE} is missing: {NPM_HINT}"
    media, scheme = SCHEMES[palette]
    pages = site_pages(site)
    assert "index.html" in pages and len(pages) > 2, pages
    context = browser.new_context(color_scheme=media)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[str] = []
    try:
        for name in pages:
            page.goto(served + name, wait_until="load")
            # Material's bundle sets the palette and builds its components (copy buttons,
            # tooltips, tabs) after load; check the page a reader actually sees.
            page.wait_for_function(
                "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
                " && !document.documentElement.classList.contains('no-js')",
                arg=scheme, timeout=10_000,
            )
            page.wait_for_timeout(150)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            problems += format_violations(name, result["violations"])
    finally:
        context.close()
    assert not errors, f"script errors in the {palette} palette: {errors}"
    assert not problems, (f"axe-core found {len(problems)} violation(s) in the {palette} palette:\n"
                          + "\n".join(problems))


def run_lighthouse(url: str, work: Path) -> dict:
    node = shutil.which("node")
    assert node, "node is missing: Lighthouse needs Node.js"
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} is missing: {NPM_HINT}"
    report = work / "report.json"
    profile = work / "profile"
    flags = ["--headless=new", *CHROMIUM_ARGS, f"--user-data-dir={profile}"]
    proc = subprocess.run(
        [node, str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--chrome-flags={' '.join(flags)}", f"--only-categories={','.join(CATEGORIES)}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, CHROME_PATH=CHROMIUM),
    )
    assert proc.returncode == 0 and report.exists(), f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}"
    return json.loads(report.read_text(encoding="utf-8"))


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
def largest_topic(site) -> str:
    pages = topic_pages(site)
    assert pages, "no topic pages in the build"
    return max(pages, key=lambda path: path.stat().st_size).name


@pytest.mark.parametrize("which", ["home", "largest topic"])
def test_lighthouse_scores(served, largest_topic, tmp_path, which):
    name = "index.html" if which == "home" else largest_topic
    result = run_lighthouse(served + name, tmp_path)
    assert not result.get("runtimeError"), result["runtimeError"]
    scores = {category: result["categories"][category]["score"] for category in CATEGORIES}
    problems = []
    for category, minimum in MIN_SCORE.items():
        score = scores[category]
        if score is None or score < minimum:
            problems.append(f"{category}: {score} (needs {minimum})")
            problems += failing_audits(result, category)
    assert not problems, f"Lighthouse on {name} ({scores}):\n" + "\n".join(problems)
