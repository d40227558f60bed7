"""4. Offline search latency in Chromium: the built site opened from file://, every other
request aborted; for each query, the time from the last keystroke to the first change of the
result list, measured in the page with performance.now()."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import median

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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

# Runs in every frame before the page's scripts. Records when the search worker reports READY
# (Material's message type 1): the override's search-worker.js replaces window.Worker, and the
# setter wraps whatever it installs.
INIT_SCRIPT = """
(() => {
  const bench = window.__bench = {ready: null, armed: false, keydown: null, first: null, last: null,
                                  lastAny: 0, lastKey: 0};
  let current = window.Worker;
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get() { return current; },
    set(value) {
      current = class extends value {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (event) => {
            const data = event.data;
            if (data && data.type === 1 && bench.ready === null) bench.ready = performance.now();
          });
        }
      };
    },
  });
  document.addEventListener("keydown", () => {
    const now = performance.now();
    bench.lastKey = now;
    if (bench.armed) { bench.armed = false; bench.keydown = now; }
  }, true);
})();
"""

OBSERVE = """() => {
  const bench = window.__bench;
  const target = document.querySelector(".md-search-result");
  new MutationObserver(() => {
    const now = performance.now();
    bench.lastAny = now;
    if (bench.keydown !== null) {
      if (bench.first === null) {
        bench.first = now;
        requestAnimationFrame(() => { bench.frame = performance.now(); });
      }
      bench.last = now;
    }
  }).observe(target, {childList: true, subtree: true, characterData: true, attributes: true});
}"""

# Resolves once nothing changed in the results and no key was pressed for `quiet` ms (and, when
# a measured key was pressed, once its results arrived), or after `timeout` ms.
SETTLE = """async ([quiet, timeout]) => {
  const bench = window.__bench;
  const start = performance.now();
  while (performance.now() - start < timeout) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = performance.now();
    const waiting = bench.keydown !== null && (bench.first === null || bench.frame === null);
    if (!waiting && now - Math.max(bench.lastAny, bench.lastKey) >= quiet) return true;
  }
  return false;
}"""


def search_latency(site: Path, rounds: int) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"benchmark: {CHROMIUM} is missing: apt-get install -y chromium")
    samples: dict[str, list[dict]] = {q: [] for q in QUERIES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
        requests: list[str] = []
        blocked: list[str] = []
        errors: list[str] = []

        def route(request_route) -> None:
            url = request_route.request.url
            requests.append(url)
            if url.startswith(("file:", "data:", "blob:", "about:")):
                request_route.continue_()
            else:
                blocked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / "index.html").resolve().as_uri())
        page.wait_for_load_state("load")
        wait_ready = """async (timeout) => {
          const start = performance.now();
          while (window.__bench.ready === null && performance.now() - start < timeout)
            await new Promise((resolve) => setTimeout(resolve, 10));
          return window.__bench.ready;
        }"""
        # Give the page 3 s untouched: does the search get ready without being opened?
        ready_early = page.evaluate(wait_ready, 3000)
        base = site.resolve().as_uri() + "/"
        at_load = [u[len(base) :] if u.startswith(base) else u for u in requests]
        page.evaluate(OBSERVE)
        box = page.locator("input.md-search__input")
        opened = page.evaluate("() => performance.now()")
        if not box.is_visible():
            page.locator("label.md-header__button[for=__search]").click()
        box.click()
        ready = ready_early if ready_early is not None else page.evaluate(wait_ready, 30000)
        if ready is None:
            sys.exit("benchmark: the search never became ready in Chromium")
        meta = page.locator(".md-search-result__meta")
        for _ in range(rounds):
            for query in QUERIES:
                box.press("Control+a")
                box.press("Backspace")
                if query[:-1]:
                    box.press_sequentially(query[:-1], delay=15)
                page.evaluate(SETTLE, [300, 10000])
                page.evaluate(
                    "() => Object.assign(window.__bench,"
                    " {armed: true, keydown: null, first: null, last: null, frame: null})"
                )
                box.press_sequentially(query[-1])
                settled = page.evaluate(SETTLE, [300, 15000])
                bench = page.evaluate("() => window.__bench")
                shown = page.locator(".md-search-result__item").count()
                samples[query].append(
                    {
                        "first_ms": bench["first"] - bench["keydown"] if bench["first"] is not None else None,
                        "settled_ms": bench["last"] - bench["keydown"] if bench["last"] is not None else None,
                        "frame_ms": bench["frame"] - bench["keydown"] if bench.get("frame") is not None else None,
                        "meta": meta.inner_text().strip(),
                        "items": shown,
                        "timed_out": not settled,
                    }
                )
        browser.close()
    firsts = [s["first_ms"] for runs in samples.values() for s in runs if s["first_ms"] is not None]
    settled = [s["settled_ms"] for runs in samples.values() for s in runs if s["settled_ms"] is not None]
    frames = [s["frame_ms"] for runs in samples.values() for s in runs if s["frame_ms"] is not None]
    worker_at_load = any("workers/search" in u for u in at_load)
    index_at_load = any("search_index" in u for u in at_load)
    return {
        "rounds": rounds,
        "queries": QUERIES,
        "median_ms": median(firsts),
        "max_ms": max(firsts) if firsts else None,
        "median_frame_ms": median(frames),
        "max_frame_ms": max(frames) if frames else None,
        "median_settled_ms": median(settled),
        "max_settled_ms": max(settled) if settled else None,
        "missing": sum(1 for runs in samples.values() for s in runs if s["first_ms"] is None),
        "per_query": {
            q: {"median_ms": median([s["first_ms"] for s in runs]), "meta": runs[-1]["meta"], "samples": runs}
            for q, runs in samples.items()
        },
        "ready_ms_after_navigation": ready,
        "ready_without_opening_search": ready_early is not None,
        "ready_ms_after_opening_search": None if ready_early is not None else ready - opened,
        "requests_at_load": at_load,
        "worker_loaded_at_page_load": worker_at_load,
        "index_loaded_at_page_load": index_at_load,
        "blocked_requests": blocked,
        "page_errors": errors,
    }
