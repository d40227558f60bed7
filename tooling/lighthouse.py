"""Lighthouse on the built site, served as its host serves it: shared by tests/test_quality.py
(scores that do not depend on timing) and scripts/bench/lighthouse.py (performance, measured
as medians of alternated runs).

The site is served on a loopback port with its text files gzip-compressed, as GitHub Pages
(site_url) sends them: uncompressed, Lighthouse's mobile preset (1.6 Mbit/s) mostly times the
transfer of 140 kB of Material's CSS and 115 kB of JavaScript, the same on every page, rather
than this site's pages. Lighthouse comes from node_modules (`npm ci`; package.json pins it) and
drives Debian's Chromium. Standard library only."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from tooling import harness

LIGHTHOUSE = harness.ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
NPM_HINT = "run `npm ci` in the project root (package.json pins axe-core and lighthouse)"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Sends text files gzip-compressed to clients that accept it, as the site's host does."""

    TEXT: ClassVar[tuple[str, ...]] = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
    cache: ClassVar[dict[str, bytes]] = {}

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_compressed(site: Path) -> Iterator[str]:
    """`site` on a loopback port, text gzip-compressed; yields the base URL. Each call has its own
    cache, so two builds served side by side never share a compressed file."""
    with harness.serve(site, type("Handler", (GzipHandler,), {"cache": {}})) as base:
        yield base


def run(url: str, work: Path, categories: tuple[str, ...] = CATEGORIES) -> dict:
    """One Lighthouse run (mobile preset, its default) of `url`; its JSON report."""
    node = shutil.which("node")
    assert node, "node is missing: Lighthouse needs Node.js"
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} is missing: {NPM_HINT}"
    work.mkdir(parents=True, exist_ok=True)
    report = work / "report.json"
    report.unlink(missing_ok=True)
    profile = work / "profile"
    flags = ["--headless=new", *harness.CHROMIUM_ARGS, f"--user-data-dir={profile}"]
    proc = subprocess.run(
        [
            node,
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={' '.join(flags)}",
            f"--only-categories={','.join(categories)}",
        ],
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, CHROME_PATH=harness.CHROMIUM),
    )
    assert proc.returncode == 0 and report.exists(), f"lighthouse failed on {url}:\n{proc.stderr[-3000:]}"
    return json.loads(report.read_text(encoding="utf-8"))
