"""5. The offline site's cost (issue #13): what a visit makes the service worker download, the
size of the download for disk use, and what the offline step adds to the build.

- Precache, transferred: every file the built `sw.js` lists (read from the worker itself, as the
  browser does), each gzip-compressed as a static host sends it (already compressed formats as
  they are), plus the worker and the Workbox scripts it imports from the vendored folder.
  Budget: 2 MiB.
- The zip `docker-cheat-sheet-offline.zip`, as the build wrote it. Budget: 2 MiB.
- The build's offline step, `cheatsheet.offline.finish` (zip, then the worker's precache list),
  timed in CPU time in this process on fresh copies of the built site (it rewrites files), as a
  share of the CPU time of the whole build with hooks. Budget: 5 %."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

from cheatsheet import offline

PRECACHE_BUDGET = 2 * 1024 * 1024
ZIP_BUDGET = 2 * 1024 * 1024
FINISH_SHARE_BUDGET = 0.05
# Formats a static host sends as they are: compressing them again saves nothing.
COMPRESSED = {".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".zip", ".gz"}
_IMPORT = re.compile(r"""importScripts\(\s*["']([^"']+)["']""")
_PREFIX = re.compile(r"""modulePathPrefix:\s*["']([^"']+)["']""")
_SIZE = re.compile(r'<span class="cs-download-size">\(zip, [^)<]*\)</span>')


def transferred(path: Path) -> int:
    data = path.read_bytes()
    return len(data) if path.suffix.lower() in COMPRESSED else len(gzip.compress(data, 6))


def precache_list(worker: str) -> list[dict[str, str]]:
    """The entries of `precacheAndRoute([...])` in the built worker."""
    start = worker.find("precacheAndRoute(")
    if start < 0:
        sys.exit(f"benchmark: the built {offline.WORKER_NAME} has no precacheAndRoute(...) call")
    entries, _ = json.JSONDecoder().raw_decode(worker, start + len("precacheAndRoute("))
    return entries


def worker_scripts(site: Path, worker: str) -> list[str]:
    """The worker and what it loads: its importScripts and the Workbox modules in its
    modulePathPrefix folder (workbox-sw loads them from there on demand)."""
    found = {offline.WORKER_NAME, *_IMPORT.findall(worker)}
    for prefix in _PREFIX.findall(worker):
        found |= {p.relative_to(site).as_posix() for p in (site / prefix).glob("*.js")}
    return sorted(found)


def precache_size(site: Path) -> dict:
    worker = (site / offline.WORKER_NAME).read_text(encoding="utf-8")
    entries = precache_list(worker)
    files = {e["url"]: site / e["url"] for e in entries}
    missing = sorted(url for url, path in files.items() if not path.is_file())
    if missing:
        sys.exit(f"benchmark: {offline.WORKER_NAME} precaches files the site lacks: {', '.join(missing[:5])}")
    sizes = {url: (path.stat().st_size, transferred(path)) for url, path in files.items()}
    scripts = {p: ((site / p).stat().st_size, transferred(site / p)) for p in worker_scripts(site, worker)}
    largest = sorted(sizes.items(), key=lambda kv: kv[1][1], reverse=True)[:5]
    total = sum(t for _, t in sizes.values()) + sum(t for _, t in scripts.values())
    return {
        "files": len(entries),
        "raw_bytes": sum(r for r, _ in sizes.values()),
        "transferred_bytes": sum(t for _, t in sizes.values()),
        "worker_scripts": {p: {"bytes": r, "transferred_bytes": t} for p, (r, t) in scripts.items()},
        "worker_scripts_transferred_bytes": sum(t for _, t in scripts.values()),
        "total_transferred_bytes": total,
        "largest": [{"url": url, "bytes": r, "transferred_bytes": t} for url, (r, t) in largest],
        "budget_bytes": PRECACHE_BUDGET,
        "pass": total <= PRECACHE_BUDGET,
    }


def unfinished_copy(site: Path, copy: Path) -> None:
    """The built site as the build hands it to offline.finish: no zip, no worker, the home page's
    download link without its size."""
    shutil.copytree(site, copy)
    (copy / offline.ZIP_NAME).unlink()
    (copy / offline.WORKER_NAME).unlink()
    home = copy / "index.html"
    html = home.read_text(encoding="utf-8")
    home.write_text(_SIZE.sub(offline.SIZE_PLACEHOLDER, html, count=1), encoding="utf-8")


def finish_ms(site: Path, work: Path, rounds: int) -> list[float]:
    """CPU time of offline.finish on `rounds` fresh copies of the built site."""
    rules = offline.load_rules()
    times = []
    for n in range(rounds):
        copy = work / f"site-offline-{n}"
        unfinished_copy(site, copy)
        start = time.process_time()
        offline.finish(copy, rules)
        times.append(1000 * (time.process_time() - start))
        shutil.rmtree(copy, ignore_errors=True)
    return times


def offline_cost(site: Path, work: Path, build_cpu_s: float, rounds: int) -> dict:
    """The three figures on a site built with hooks, whose median build CPU time is build_cpu_s."""
    archive = site / offline.ZIP_NAME
    if not archive.is_file() or not (site / offline.WORKER_NAME).is_file():
        sys.exit(f"benchmark: the built site lacks {offline.ZIP_NAME} or {offline.WORKER_NAME}")
    times = finish_ms(site, work, rounds)
    step_ms = statistics.median(times)
    zip_bytes = archive.stat().st_size
    return {
        "precache": precache_size(site),
        "zip": {"bytes": zip_bytes, "budget_bytes": ZIP_BUDGET, "pass": zip_bytes <= ZIP_BUDGET},
        "finish": {
            "rounds": rounds,
            "ms": times,
            "median_ms": step_ms,
            "build_cpu_s": build_cpu_s,
            "share": step_ms / 1000 / build_cpu_s,
            # What the build without the step would grow by: step / (build - step).
            "growth": step_ms / 1000 / (build_cpu_s - step_ms / 1000),
            "budget_share": FINISH_SHARE_BUDGET,
            "pass": step_ms / 1000 / build_cpu_s <= FINISH_SHARE_BUDGET,
        },
    }
