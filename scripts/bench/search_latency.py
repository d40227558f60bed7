"""4. Offline search latency in Chromium: the built site opened from file://, every other
request aborted; the harness's one measurement (tooling/harness.py: last keystroke to the first
change of the result list, timed in the page), plus when the search became ready and what the
page fetched at load."""

from __future__ import annotations

import sys
from pathlib import Path

from tooling import harness

from .common import median

QUERIES = [
    "--rm",
    "-it",
    "rmi",
    "container ls",
    "compose up",
    "HEALTHCHECK",
    "ENTRYPOINT",
    "--volumes-from",
    "--mount",
    "prune",
    "network create",
    "volume",
]
FILE_ONLY = ("file:", "data:", "blob:", "about:")

WAIT_READY = """async (timeout) => {
  const start = performance.now();
  while (window.__queries.ready === null && performance.now() - start < timeout)
    await new Promise((resolve) => setTimeout(resolve, 10));
  return window.__queries.ready;
}"""


def search_latency(site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(harness.CHROMIUM).exists():
        sys.exit(f"benchmark: {harness.CHROMIUM_MISSING}")
    with sync_playwright() as playwright:
        browser = harness.launch_chromium(playwright)
        with harness.offline_page(browser, FILE_ONLY) as page:
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.add_init_script(harness.WORKER_COUNTER)
            page.goto((site / "index.html").resolve().as_uri())
            page.wait_for_load_state("load")
            # Give the page 3 s untouched: does the search get ready without being opened?
            ready_early = page.evaluate(WAIT_READY, 3000)
            base = site.resolve().as_uri() + "/"
            at_load = [u[len(base) :] if u.startswith(base) else u for u in requests]
            page.evaluate(harness.OBSERVE)
            opened = page.evaluate("() => performance.now()")
            box = harness.open_search(page)
            ready = ready_early if ready_early is not None else page.evaluate(WAIT_READY, 30000)
            if ready is None:
                sys.exit("benchmark: the search never became ready in Chromium")
            samples = harness.measure_latency(page, box, QUERIES, rounds)
            blocked, errors = list(page.foreign_requests), list(page.errors)
        browser.close()
    summary = harness.latency_summary(samples)
    return {
        "rounds": rounds,
        "queries": QUERIES,
        "median_ms": summary["median_ms"],
        "max_ms": summary["max_ms"],
        "per_query": {q: {"median_ms": median([ms for t, ms in samples if t == q])} for q in QUERIES},
        "ready_ms_after_navigation": ready,
        "ready_without_opening_search": ready_early is not None,
        "ready_ms_after_opening_search": None if ready_early is not None else ready - opened,
        "requests_at_load": at_load,
        "worker_loaded_at_page_load": any("workers/search" in u for u in at_load),
        "index_loaded_at_page_load": any("search_index" in u for u in at_load),
        "blocked_requests": blocked,
        "page_errors": errors,
    }
