"""Offline on the published site (issue #13), in Debian's Chromium: after one visit over http the
service worker has cached every page, asset and the search index, and the site keeps working with
the network off; a new deploy is offered as a reload and never mixed with the old one; the zip
download works from disk; the zip is reproducible."""

from __future__ import annotations

import contextlib
import http.server
import importlib.util
import json
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_build, search
from playwright.sync_api import Error as PlaywrightError

from cheatsheet import offline
from tooling import harness
from tooling.harness import copy_project

pytestmark = pytest.mark.browser


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder and records every path asked for."""

    requested: list[str]

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self.requested.append(self.path.split("?")[0])
        super().do_GET()


@pytest.fixture
def hosted(tmp_path):
    """A folder served on loopback (rebuilt in place to deploy a new version) and its requests."""
    root = tmp_path / "www"
    root.mkdir()
    requested: list[str] = []
    handler = type("Handler", (_RecordingHandler,), {"requested": requested})
    with harness.serve(root, handler) as base:
        yield root, base, requested


def manifest_of(site: Path) -> dict[str, str]:
    text = (site / offline.WORKER_NAME).read_text(encoding="utf-8")
    listed = re.search(r"precacheAndRoute\((\[.*?\])", text, re.S)
    assert listed, "sw.js lists no precache entries"
    entries = json.loads(listed.group(1))
    return {entry["url"]: entry["revision"] for entry in entries}


def wait_until_cached(page) -> None:
    """The worker controls the page once its install, which precaches every file, has finished."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)


def build_into(project: Path, target: Path) -> None:
    result = run_build(project, target)
    assert result.returncode == 0, result.output


def publish(site: Path, root: Path) -> None:
    """The shared build, put where `hosted` serves it (as a deploy copies the site)."""
    shutil.copytree(site, root, dirs_exist_ok=True)


def test_after_one_visit_every_page_and_search_work_offline(browser, site, hosted):
    root, base, _ = hosted
    publish(site, root)
    pages = sorted(url for url in manifest_of(root) if url.endswith(".html"))
    assert "index.html" in pages and "containers.html" in pages and "print/index.html" in pages
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "index.html")
    wait_until_cached(page)

    context.set_offline(True)
    for url in pages:
        response = page.goto(base + url)
        assert response is not None and response.ok, url
        assert page.locator("h1").first.inner_text().strip(), url
    # Search answers from the cached index.
    page.goto(base + "containers.html")
    results = search(page, "prune")
    assert results and any("prune" in r["text"].lower() for r in results)
    # The reader features run from cached scripts: a placeholder takes a value, the flag toggle turns.
    page.goto(base + "containers.html")
    page.locator("pre .cs-ph[data-placeholder=image]").first.click()
    page.keyboard.type("nginx:1.29")
    shown = page.eval_on_selector_all("pre > code .cs-ph[data-placeholder=image]", "els => els.map(e => e.textContent)")
    assert set(shown) == {"nginx:1.29"}
    flag = page.locator("pre .cs-flag[data-short='-it']").first
    before = flag.inner_text()
    page.locator("pre:has(.cs-flag[data-short='-it']) .cs-flag-toggle").first.click()
    assert flag.inner_text() != before
    assert errors == []
    context.close()


def test_a_new_deploy_is_offered_fetches_only_changed_files_and_never_mixes(browser, tmp_path, hosted):
    root, base, requested = hosted
    project = copy_project(tmp_path / "project")
    build_into(project, root)
    old = manifest_of(root)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "tips.html")
    wait_until_cached(page)

    marker = "Deployed again: this sentence is new."
    tips = project / "docs" / "tips.md"
    tips.write_text(tips.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
    build_into(project, root)
    new = manifest_of(root)
    changed = {url for url, revision in new.items() if old.get(url) != revision}
    assert "tips.html" in changed and "containers.html" not in changed

    requested.clear()
    page.reload()  # the browser checks sw.js on navigation and installs the new build beside the old
    notice = page.locator(".cs-update")
    notice.wait_for(timeout=30_000)
    assert "A new version is available" in notice.inner_text()
    fetched = {path.lstrip("/") for path in requested}
    unchanged_pages = {url for url in new if url.endswith(".html")} - changed
    assert not fetched & unchanged_pages, f"unchanged pages fetched again: {fetched & unchanged_pages}"
    assert "tips.html" in fetched

    # Until the reader accepts, every page is the old build's, whole.
    page.goto(base + "tips.html")
    assert marker not in page.content()
    notice = page.locator(".cs-update")
    notice.wait_for(timeout=10_000)
    with page.expect_navigation():
        notice.get_by_role("button", name="Reload").click()
    page.wait_for_load_state()
    assert marker in page.content()
    page.goto(base + "tips.html")
    assert marker in page.content()
    context.close()


TAMPER = """async ([url, html]) => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.endsWith("/" + url)) {
        await cache.put(request, new Response(html, { headers: { "Content-Type": "text/html" } }));
        return request.url;
      }
    }
  }
  return null;
}"""


def test_the_worker_never_serves_a_cached_file_the_build_did_not_produce(browser, site, hosted):
    """A script on the site's origin could rewrite the cache (issue 22: an SVG did): the worker
    checks every cached file against the build's hash, and fetches the real one instead."""
    root, base, _ = hosted
    publish(site, root)
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "index.html")
    wait_until_cached(page)
    evil = "<!doctype html><title>pwned</title><h1>Taken over</h1><script>window.pwned = 1</script>"
    assert page.evaluate(TAMPER, ["index.html", evil]), "index.html is not in the cache"
    page.goto(base + "index.html")
    assert page.title() != "pwned" and "Taken over" not in page.content()
    assert page.evaluate("() => window.pwned") is None
    # The page served is the built file, whole: the same Content-Security-Policy.
    built = (root / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', built)
    assert policy and page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content") == (
        policy.group(1)
    )
    # Offline, a tampered file is not served either: the reader gets the browser's error instead.
    context.set_offline(True)
    with contextlib.suppress(PlaywrightError):  # the browser's network error is the expected outcome
        page.goto(base + "index.html")
    assert "Taken over" not in page.content()
    # Untampered pages are still served from the cache.
    response = page.goto(base + "containers.html")
    assert response is not None and response.ok
    context.close()


def test_storage_refused_the_site_works_and_says_nothing(browser, served):
    context = browser.new_context()
    context.add_init_script(
        "ServiceWorkerContainer.prototype.register = () =>"
        " Promise.reject(new DOMException('full', 'QuotaExceededError'));"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(served + "containers.html")
    page.wait_for_load_state("load")
    time.sleep(0.5)
    assert page.locator(".cs-update").count() == 0
    assert search(page, "prune")
    assert errors == []
    context.close()


def test_the_site_can_be_installed_as_an_app(browser, served, tmp_path):
    # Chromium offers installation only outside incognito: a profile on disk, as a reader's.
    context = harness.launch_persistent_chromium(browser.browser_type, tmp_path / "profile")
    page = context.new_page()
    page.goto(served + "index.html")
    wait_until_cached(page)
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest.get("errors") == [], manifest.get("errors")
    data = json.loads(manifest["data"])
    assert data["name"] == "Docker Cheat Sheet" and data["start_url"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == [], errors
    context.close()


def test_the_download_works_from_disk_with_no_network(site, offline_page, tmp_path):
    home = (site / "index.html").read_text(encoding="utf-8")
    size = (site / offline.ZIP_NAME).stat().st_size
    assert f'href="{offline.ZIP_NAME}"' in home
    assert f"(zip, {offline.human_size(size)})" in home
    with zipfile.ZipFile(site / offline.ZIP_NAME) as archive:
        archive.extractall(tmp_path)
    start = tmp_path / offline.ZIP_FOLDER / "index.html"
    assert start.is_file()
    offline_page.goto(start.as_uri())
    results = search(offline_page, "prune")
    assert results and any("prune" in r["text"].lower() for r in results)
    offline_page.goto((tmp_path / offline.ZIP_FOLDER / "containers.html").as_uri())
    assert offline_page.locator("pre .cs-flag").count() > 0
    assert offline_page.foreign_requests == []
    assert offline_page.errors == []


def test_the_zip_is_reproducible(site, tmp_path):
    again = run_build(ROOT, tmp_path / "again")
    assert again.returncode == 0, again.output
    assert (tmp_path / "again" / offline.ZIP_NAME).read_bytes() == (site / offline.ZIP_NAME).read_bytes()


def test_vendored_workbox_matches_the_pinned_npm_packages():
    """overrides/assets/vendor/workbox is what scripts/vendor_workbox.py copies from package.json's
    pinned Workbox (node_modules is installed by scripts/test.sh)."""
    spec = importlib.util.spec_from_file_location("vendor_workbox", ROOT / "scripts" / "vendor_workbox.py")
    assert spec and spec.loader
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    copied = json.loads((vendor.VENDOR / "VERSIONS.json").read_text(encoding="utf-8"))
    for name, build in vendor.BUILDS.items():
        assert copied[name] == pinned[name], f"{name}: run python scripts/vendor_workbox.py"
        assert (vendor.VENDOR / build).read_text(encoding="utf-8") == vendor.vendored_text(name, build), build
