"""`mkdocs serve` picks up an edit to any input on its next rebuild, without a restart: a data
file (data/sections.yaml) and the checking code itself (cheatsheet/); and an open tab reloads on
save, its live-reload script allowed by the page's policy, with no request answered 404."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tooling import harness

PAGE = "containers.html"
# One server for the module's tests (`live`), so they run on one worker.
pytestmark = pytest.mark.xdist_group("serve")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        html = _page(url)
        if text in html:
            return html
        time.sleep(0.5)
    pytest.fail(f"{text!r} never appeared in {url} within {timeout:.0f} s")


@contextlib.contextmanager
def serving(project: Path, log_path: Path):
    """`mkdocs serve` of `project` on a free loopback port; yields (server, the page's URL)."""
    port = _free_port()
    with log_path.open("w") as log:
        server = subprocess.Popen(
            harness.build_command("serve", "-a", f"127.0.0.1:{port}"),
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=harness.build_env(),
        )
        # The site is served under site_url's path, as it is deployed.
        site_url = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
        mount = urlsplit(site_url.group(1)).path if site_url else "/"
        try:
            yield server, f"http://127.0.0.1:{port}{mount}{PAGE}"
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log_path.read_text(encoding="utf-8")
    assert "Traceback" not in output, output


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """One `mkdocs serve` of a throwaway copy of the project for this module's tests, each
    editing other files (its first build is most of a test's time): (project, server, URL)."""
    folder = tmp_path_factory.mktemp("serve")
    project = harness.copy_project(folder / "project")
    with serving(project, folder / "serve.log") as (server, url):
        _wait_for(url, "</html>", server, 180)
        yield project, server, url


def test_serve_rebuilds_with_edited_data_and_code(live):
    project, server, url = live
    html = _wait_for(url, "Running containers", server, 180)
    assert ">Related topics<" in html

    sections = project / "data" / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("title: Running containers", "title: Containers at work"), encoding="utf-8")
    _wait_for(url, "Containers at work", server, 120)

    code = project / "cheatsheet" / "html_parts.py"
    text = code.read_text(encoding="utf-8")
    assert ">Related topics<" in text
    code.write_text(text.replace(">Related topics<", ">See also<"), encoding="utf-8")
    html = _wait_for(url, ">See also<", server, 120)
    assert "Containers at work" in html, "the data edit still holds"


@pytest.mark.browser
def test_saving_a_page_reloads_the_open_tab_under_the_csp(live, browser, site):
    project, server, url = live
    html = _wait_for(url, "</html>", server, 180)
    # Served: the built policy plus exactly one hash, the live-reload script's; no worker.
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    built = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', (site / PAGE).read_text())
    assert policy and built
    added = set(policy.group(1).split()) - set(built.group(1).split())
    assert len(added) == 1 and next(iter(added)).startswith("'sha256-"), added
    assert set(built.group(1).split()) <= set(policy.group(1).split())
    assert "offline.js" not in html

    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    missing: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    page.goto(url)
    page.wait_for_function("() => document.readyState === 'complete'")
    deadline = time.monotonic() + 20
    while not any("Enabled live reload" in line for line in console) and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert any("Enabled live reload" in line for line in console), console
    page.evaluate("() => { window.__notReloaded = true; }")

    source = project / "docs" / "containers.md"
    with page.expect_navigation(timeout=120_000):  # MkDocs' script reloads the tab after the rebuild
        source.write_text(source.read_text(encoding="utf-8") + "\nSaved while the tab was open.\n", encoding="utf-8")
    page.wait_for_load_state()
    assert "Saved while the tab was open." in page.locator("article").inner_text()
    assert page.evaluate("() => window.__notReloaded === undefined"), "the tab was not reloaded"
    refused = [line for line in console if "Content Security Policy" in line or "Content-Security-Policy" in line]
    assert refused == [], refused
    assert missing == [], f"404 under serve: {missing}"
    context.close()
