#!/usr/bin/env python3
"""Benchmarks of the site's build, its pages and its offline search. Not part of the test run.

    .venv/bin/python scripts/benchmark.py [--quick] [--runs N] [--json PATH] [--sheet-only] [--offline-only]

Prints one table and, with --json, writes every figure (and every single run) as JSON.
Default mode takes 4 to 8 minutes on 2 CPUs (more when the machine is busy), --quick 2 to 5.

1. Build time: `mkdocs build --strict` of the real site with the hooks against the same build
   with `hooks: []` (a temporary config that says `INHERIT: mkdocs.yml`), median of N alternated
   runs each. Budget: the hooks may make the build at most 1.20 times slower (issue #3; #6 allows
   1.25), on every clock: wall time, CPU time and MkDocs' own "built in" time. The copy's own
   modules are byte-compiled first, as pip does for installed packages (MkDocs, Material and
   their dependencies): where PYTHONDONTWRITEBYTECODE is set, as on this machine, every build
   would otherwise recompile the hooks' modules and only theirs. Without the hooks the site has no
   command index, so its links to it warn and that build runs without --strict (the report says so).
1b. The two-page cheat sheet (issue #12): its own CPU time (checking the entries and filling the
   page, in process, plus the sheet page's way through MkDocs, logged by a timer hook in the
   builds) as a share of the build's CPU time. Budget: 3 %. The ratio of whole builds with and
   without the sheet is shown for reference; it is too noisy on a shared machine to judge 3 %.
2. Time per page on the real site and on generated corpora of 16 and 160 pages (the most the site
   takes), and how the build time grows with the number of pages (160 / 16 pages: 10 when linear), in CPU
   time of the build, which other work on the machine disturbs least.
3. Size of the search index (raw and gzip) and page weight of the home page and the topic pages:
   the HTML and every stylesheet, script, image and font it references, each file counted once.
   Budget: 200 KiB uncompressed per topic page, search index and search worker excluded.
4. Offline search latency in Chromium: the built site opened from file://, every other request
   aborted; for each query, the time from the last keystroke to the first change of the result
   list, measured in the page with performance.now().
5. The offline site (issue #13): everything the service worker precaches (the list read from the
   built sw.js), each file gzipped as a static host sends it, plus sw.js and the Workbox scripts
   it loads: budget 2 MiB; the zip for disk use: budget 2 MiB; CPU time of the build's offline
   step (cheatsheet.offline.finish, on copies of the built site) as a share of the build's CPU
   time: budget 5 %.

Every build runs in a temporary copy of the project, so the working tree is only read. Builds
with hooks use a derived config whose hook, scripts/bench/timing_hook.py, loads the real hook
and logs its own time (import and events). One module per measurement in scripts/bench/:
build_ratio (1), sheet_cost (1b, with sheet_timer_hook and no_sheet_hook), corpora (2), weight
(3), search_latency (4), offline_cost (5); common (project copy, timed builds, medians, budgets),
report (the table). --sheet-only and --offline-only run only 1b or 5 (given both, both), in a
minute or two each. Needs the project's venv (mkdocs, playwright) and Debian's Chromium at
/usr/bin/chromium. Standard library and Playwright only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.build_ratio import compare_builds
from bench.common import (
    BIG_CORPUS,
    BUILD_RATIO_BUDGET,
    CLOCKS,
    LINEAR_TOLERANCE,
    PAGE_WEIGHT_BUDGET,
    SMALL_CORPUS,
    build,
    copy_project,
    must,
    summarize,
)
from bench.corpora import corpora
from bench.offline_cost import offline_cost
from bench.report import kib, rows_of, table
from bench.search_latency import QUERIES, search_latency
from bench.sheet_cost import sheet_cost
from bench.weight import weights


def offline_alone(project: Path, work: Path, runs: int, rounds: int) -> dict:
    """5. on its own: the build's CPU time from its own builds with hooks (one untimed first)."""
    site = work / "site-hooks"
    must(build(project, site, True, True), "strict (with hooks)")
    timed = summarize([must(build(project, site, True, True), "strict (with hooks)") for _ in range(runs)])
    return offline_cost(site, work, timed["median_cpu_s"], rounds)


def over_budget(result: dict) -> list[str]:
    """One line per figure over its budget, for what was measured."""
    over = []
    sheet = result.get("sheet")
    if sheet and not sheet["pass"]:
        over.append(f"the two-page cheat sheet takes {100 * sheet['cost_share']:.1f} % of the build (budget 3 %)")
    offline = result.get("offline")
    if offline:
        p, z, f = offline["precache"], offline["zip"], offline["finish"]
        if not p["pass"]:
            over.append(f"a first visit's offline download is {kib(p['total_transferred_bytes'])} (budget 2 MiB)")
        if not z["pass"]:
            over.append(f"the offline zip is {kib(z['bytes'])} (budget 2 MiB)")
        if not f["pass"]:
            over.append(f"the offline step takes {100 * f['share']:.1f} % of the build (budget 5 %)")
    b = result.get("build")
    if b and not all(b[f"pass_{clock}"] for clock in CLOCKS):
        over.append(
            f"the build with hooks takes {b['ratio_wall']:.2f}x (wall), {b['ratio_cpu']:.2f}x (CPU), "
            f"{b['ratio_mkdocs']:.2f}x (MkDocs' own) the time of the build without; budget {BUILD_RATIO_BUDGET}x"
        )
    growth = result.get("per_page", {}).get("growth_hooks_own")
    if growth is not None and growth > 10 * (1 + LINEAR_TOLERANCE):
        over.append(f"the hooks' own time grows {growth:.1f}x from {SMALL_CORPUS} to {BIG_CORPUS} pages (linear: 10x)")
    w = result.get("weight")
    if w and (not w["pass"] or w["home"]["bytes"] > PAGE_WEIGHT_BUDGET):
        over.append(
            f"page weight over {kib(PAGE_WEIGHT_BUDGET)}: {len(w['topics_over_budget'])} of {len(w['topics'])} "
            f"topic pages (largest {w['largest_topic']['page']}, {kib(w['largest_topic']['bytes'])})"
            + (f" and the home page ({kib(w['home']['bytes'])})" if w["home"]["bytes"] > PAGE_WEIGHT_BUDGET else "")
        )
    return over


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs: a few minutes on 2 CPUs")
    parser.add_argument("--runs", type=int, help="timed builds of the real site per variant (default 9, quick 3)")
    parser.add_argument("--json", type=Path, help="also write every figure and run to this JSON file")
    parser.add_argument(
        "--sheet-only", action="store_true", help="only the two-page cheat sheet's cost (1b), a minute or two"
    )
    parser.add_argument(
        "--offline-only", action="store_true", help="only the offline site's sizes and build cost (5), about a minute"
    )
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 9)
    finish_rounds = 5 if args.quick else 11  # copies of the site offline.finish runs on
    parts = [name for name, chosen in (("1b", args.sheet_only), ("5", args.offline_only)) if chosen]
    only = bool(parts)
    # pages -> (builds with hooks, builds without, untimed warm-up first). The big corpus is built
    # once per variant; quick mode skips its build without hooks.
    plan = (
        {SMALL_CORPUS: (1, 1, True), BIG_CORPUS: (1, 0, False)}
        if args.quick
        else {SMALL_CORPUS: (3, 3, True), BIG_CORPUS: (1, 1, False)}
    )
    rounds = 1 if args.quick else 3
    if runs < 1:
        parser.error("--runs must be at least 1")
    try:
        import playwright  # noqa: F401
    except ImportError:
        sys.exit("benchmark: run it with the project's venv: .venv/bin/python scripts/benchmark.py")

    started = time.perf_counter()
    result: dict = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "default",
        "only": parts,  # the measurements --sheet-only / --offline-only chose; empty: all of them
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
    }
    work = Path(tempfile.mkdtemp(prefix="cheatsheet-bench-"))
    try:

        def step(name: str) -> None:
            print(f"[{time.perf_counter() - started:6.1f} s] {name}", file=sys.stderr, flush=True)

        project = copy_project(work / "real")
        if only:
            if args.sheet_only:
                step(f"1b. two-page cheat sheet: {runs} builds with it and {runs} without, alternated")
                result["sheet"] = sheet_cost(project, work, runs)
            if args.offline_only:
                step(f"5. offline site: {runs} builds with hooks, then offline.finish on {finish_rounds} copies")
                result["offline"] = offline_alone(project, work, runs, finish_rounds)
            finish(result, started, args.json)
            return
        step(f"1. real site: {runs} builds with hooks and {runs} without, alternated")
        result["build"] = compare_builds(project, work, runs)
        site = Path(result["build"]["site"])
        pages = len(list((project / "docs").glob("**/*.md")))
        real = {"pages": pages, "hooks_own_s": result["build"]["hooks"]["median_hooks_own_s"]}
        for clock in CLOCKS:
            real[f"ms_per_page_{clock}"] = 1000 * result["build"]["hooks"][f"median_{clock}_s"] / pages

        step(f"1b. two-page cheat sheet: {runs} builds with it and {runs} without, alternated")
        result["sheet"] = sheet_cost(project, work, runs)

        step(
            "2. generated corpora: "
            + ", ".join(f"{n} pages ({h} with hooks, {p} without)" for n, (h, p, _) in plan.items())
        )
        sizes = corpora(work, plan)
        small, big = sizes[str(SMALL_CORPUS)], sizes[str(BIG_CORPUS)]
        per_page = result["per_page"] = {
            "real": real,
            "corpora": sizes,
            "pages_counted": "Markdown sources in docs/ (generated pages and 404 not counted)",
        }
        if small["median_hooks_own_s"] and big["median_hooks_own_s"] is not None:
            per_page["growth_hooks_own"] = big["median_hooks_own_s"] / small["median_hooks_own_s"]
        for clock in CLOCKS:
            per_page[f"growth_{clock}"] = big[f"median_{clock}_s"] / small[f"median_{clock}_s"]
            per_page[f"marginal_ms_per_page_{clock}"] = (
                1000 * (big[f"median_{clock}_s"] - small[f"median_{clock}_s"]) / (BIG_CORPUS - SMALL_CORPUS)
            )
            if "plain" in small and "plain" in big:
                per_page[f"growth_plain_{clock}"] = (
                    big["plain"][f"median_{clock}_s"] / small["plain"][f"median_{clock}_s"]
                )
                cost = small[f"hook_cost_{clock}_s"]
                per_page[f"growth_hook_cost_{clock}"] = big[f"hook_cost_{clock}_s"] / cost if cost > 0 else None
        step("3. search index and page weight")
        result["weight"] = weights(site)

        step(f"4. offline search latency ({rounds} round(s) of {len(QUERIES)} queries)")
        result["search"] = search_latency(site, rounds)

        step(f"5. offline site: sizes, and offline.finish on {finish_rounds} copies of the built site")
        result["offline"] = offline_cost(site, work, result["build"]["hooks"]["median_cpu_s"], finish_rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    finish(result, started, args.json)


def finish(result: dict, started: float, json_path: Path | None) -> None:
    """Print the table and the verdicts; write the JSON."""
    result["duration_s"] = time.perf_counter() - started
    result["machine"]["load_average_at_end"] = os.getloadavg()
    if "build" in result:
        result["build"].pop("site", None)

    only = f", only {' and '.join(result['only'])}" if result["only"] else ""
    print(
        f"Docker Cheat Sheet benchmarks, {result['date']} ({result['mode']} mode{only}, "
        f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']})"
    )
    print(table(rows_of(result)))
    if "build" in result and not result["build"]["plain_strict"]:
        print("Without hooks the real site does not pass --strict, so those builds run without it:")
        for warning in result["build"]["plain_strict_warnings"]:
            print("  " + warning)
    loads = result["machine"]["load_average_at_start"][0], result["machine"]["load_average_at_end"][0]
    busy = max(loads) > (os.cpu_count() or 1)
    print(
        f"Load average (1 min) at start / end: {loads[0]:.1f} / {loads[1]:.1f}"
        + (
            f": the machine was busy with other work (more than {os.cpu_count()} CPUs' worth); "
            "times are inflated, ratios less so."
            if busy
            else "."
        )
    )
    over = over_budget(result)
    print("Over budget: " + ("; ".join(over) if over else "nothing"))
    print(f"Finished in {result['duration_s']:.0f} s.")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"JSON written to {json_path}")


if __name__ == "__main__":
    main()
