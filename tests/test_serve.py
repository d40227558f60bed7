"""`mkdocs serve` picks up an edit to any input on its next rebuild, without a restart: a data
file (data/sections.yaml) and the checking code itself (cheatsheet/)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

PAGE = "containers.html"


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


def test_serve_rebuilds_with_edited_data_and_code(project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    # The site is served under site_url's path, as it is deployed.
    site_url = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    mount = urlsplit(site_url.group(1)).path if site_url else "/"
    url = f"http://127.0.0.1:{port}{mount}{PAGE}"
    try:
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
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in output, output
