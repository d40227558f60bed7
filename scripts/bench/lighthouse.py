#!/usr/bin/env python3
"""Lighthouse performance of the built site (issue #24): median of N runs per page and variant.

    .venv/bin/python scripts/bench/lighthouse.py [--runs N] [--pages index.html,commands.html|all]
        [--variant LABEL=SPEC ...] [--json PATH]

Builds each variant (strict), serves each on its own loopback port with text gzip-compressed
as the host sends it (tooling/lighthouse.py, shared with tests/test_quality.py), and runs
Lighthouse's mobile preset N times per page, alternating the variants and pages run by run, so
the machine's load falls on all of them alike. Prints, per page and variant, the median
performance score and total blocking time (with their range), and the median main-thread time
by kind (style and layout, script evaluation, HTML parsing, ...), the page's element count and
the scripts' own time. Budget (issue #24): performance >= 0.95 and total blocking time
<= 200 ms, judged on the medians; the exit status is 1 when a measured page of the first
variant is over it.

Pages: by default the home page, the largest topic page and the command index; `all` for every
built page. A variant's SPEC is one of:
  worktree      the working tree as it is (default, labelled "now")
  rev:REV       the project files at git revision REV (`git archive`)
  bare:SPEC     SPEC's build with the project's own stylesheets and scripts taken out of every
                page: Material with the same content, the floor this site's CSS and JS add to
  site:PATH     an already built site
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a file: the project root, for `tooling`
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tooling import harness, lighthouse

PERFORMANCE_BUDGET = 0.95
TBT_BUDGET_MS = 200.0
DEFAULT_PAGES = ("index.html", "<largest topic>", "commands.html")
# Lighthouse's `mainthread-work-breakdown` groups, in the order printed.
GROUPS = {
    "styleLayout": "style+layout",
    "scriptEvaluation": "script",
    "parseHTML": "parse",
    "scriptParseCompile": "compile",
    "paintCompositeRender": "paint",
    "garbageCollection": "gc",
    "other": "other",
}
# The project's own stylesheets and scripts (overrides/main.html); Material's are under
# assets/stylesheets/main.*.css, palette.*.css and assets/javascripts/bundle.*.js.
_OWN_ASSET = re.compile(
    r"""<link\b[^>]*\bhref="[^"]*assets/stylesheets/(?!main\.|palette\.)[^"]*"[^>]*>"""
    r"""|<script\b[^>]*\bsrc="[^"]*assets/javascripts/(?!bundle\.)[^"]*"[^>]*>\s*</script>"""
)


def build_tree(project: Path, site: Path) -> Path:
    result = harness.strict_build(project, site, timeout=900)
    if result.returncode != 0:
        sys.exit(f"lighthouse bench: the build of {project} failed:\n{result.output[-4000:]}")
    return site


def checkout(rev: str, dest: Path) -> Path:
    """The project files (harness.PROJECT_FILES) at git revision `rev`."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, *harness.PROJECT_FILES],
        cwd=harness.ROOT,
        capture_output=True,
        check=True,
    ).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def strip_own_assets(site: Path, dest: Path) -> Path:
    """A copy of `site` whose pages load only Material's own CSS and JavaScript."""
    shutil.copytree(site, dest)
    for page in dest.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(_OWN_ASSET.sub("", text), encoding="utf-8")
    return dest


def make_variant(spec: str, work: Path, built: dict[str, Path]) -> Path:
    if spec in built:
        return built[spec]
    folder = work / f"v{len(built)}"
    if spec == "worktree":
        site = build_tree(harness.copy_project(folder / "project"), folder / "site")
    elif spec.startswith("rev:"):
        site = build_tree(checkout(spec[4:], folder / "project"), folder / "site")
    elif spec.startswith("bare:"):
        site = strip_own_assets(make_variant(spec[5:], work, built), folder / "site")
    elif spec.startswith("site:"):
        site = Path(spec[5:]).resolve()
    else:
        sys.exit(f"lighthouse bench: unknown variant {spec!r} (worktree, rev:REV, bare:SPEC, site:PATH)")
    built[spec] = site
    return site


def largest_topic(site: Path) -> str:
    names = {p.stem for p in (harness.ROOT / "docs").glob("*.md")} - {"index"}
    pages = [site / f"{n}.html" for n in names if (site / f"{n}.html").exists()]
    return max(pages, key=lambda p: p.stat().st_size).name


def pages_of(site: Path, wanted: str | None) -> list[str]:
    if wanted == "all":
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")
    if wanted:
        return wanted.split(",")
    return [largest_topic(site) if p == "<largest topic>" else p for p in DEFAULT_PAGES]


def figures(report: dict) -> dict:
    """What one Lighthouse report says about speed."""
    audits = report["audits"]
    breakdown = {
        item["group"]: item["duration"]
        for item in (audits["mainthread-work-breakdown"].get("details") or {}).get("items", [])
    }
    scripts = {
        item["url"].rsplit("/", 1)[-1]: item.get("scripting", 0.0)
        for item in (audits["bootup-time"].get("details") or {}).get("items", [])
    }
    return {
        "performance": report["categories"]["performance"]["score"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "elements": audits["dom-size"].get("numericValue"),
        "breakdown_ms": breakdown,
        "scripting_ms": scripts,
    }


def summary(runs: list[dict]) -> dict:
    med = statistics.median
    groups = sorted({g for r in runs for g in r["breakdown_ms"]})
    scripts = sorted({s for r in runs for s in r["scripting_ms"]})
    return {
        "runs": len(runs),
        "performance": med(r["performance"] for r in runs),
        "performance_range": (min(r["performance"] for r in runs), max(r["performance"] for r in runs)),
        "tbt_ms": med(r["tbt_ms"] for r in runs),
        "tbt_range": (min(r["tbt_ms"] for r in runs), max(r["tbt_ms"] for r in runs)),
        "lcp_ms": med(r["lcp_ms"] for r in runs),
        "elements": runs[0]["elements"],
        "breakdown_ms": {g: med(r["breakdown_ms"].get(g, 0.0) for r in runs) for g in groups},
        "scripting_ms": {s: med(r["scripting_ms"].get(s, 0.0) for r in runs) for s in scripts},
    }


# -- main-thread CPU time from a Chromium trace (--trace) -----------------------------------------

# Lighthouse's mobile preset slows the CPU 4x; a task blocks for what it takes over 50 ms.
CPU_SLOWDOWN = 4
BLOCKING_MS = 50
# Trace events by kind; their thread time (`tdur`) excludes time the thread waits for a CPU.
KINDS = {
    "UpdateLayoutTree": "style",
    "Layout": "layout",
    "ParseHTML": "parse",
    "EvaluateScript": "script",
    "FunctionCall": "script",
    "TimerFire": "script",
    "EventDispatch": "script",
    "FireAnimationFrame": "script",
    "v8.callFunction": "script",
    "Paint": "paint",
    "PrePaint": "paint",
}
TOP_TASKS = {"RunTask", "ThreadControllerImpl::RunTask"}


def trace_figures(events: list[dict]) -> dict:
    """Main-thread thread time of one page load, by kind, and the total blocking time it would
    make at Lighthouse's 4x slowdown: the sum over tasks of (4 x task time - 50 ms), from the
    first task to the last. Only nested events' outermost instance of a kind is counted."""
    names = {
        (e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("ph") == "M" and e.get("name") == "thread_name"
    }
    main = [key for key, name in names.items() if name == "CrRendererMain"]
    by_thread: dict[tuple, list[dict]] = {}
    for e in events:
        if (e.get("pid"), e.get("tid")) in main and e.get("ph") == "X" and "tdur" in e:
            by_thread.setdefault((e["pid"], e["tid"]), []).append(e)
    # the renderer of the page is the one that parsed the most HTML
    key = max(by_thread, key=lambda k: sum(e["tdur"] for e in by_thread[k] if e["name"] == "ParseHTML"), default=None)
    out: dict = {"kinds_ms": {}, "tasks_ms": 0.0, "blocking_ms": 0.0, "long_tasks": 0}
    if key is None:
        return out
    thread = sorted(by_thread[key], key=lambda e: e["ts"])
    open_until: dict[str, float] = {}
    for e in thread:
        ms = e["tdur"] / 1000
        if e["name"] in TOP_TASKS:
            out["tasks_ms"] += ms
            slowed = ms * CPU_SLOWDOWN
            if slowed > BLOCKING_MS:
                out["blocking_ms"] += slowed - BLOCKING_MS
                out["long_tasks"] += 1
        kind = KINDS.get(e["name"])
        if kind and e["ts"] >= open_until.get(kind, 0):
            out["kinds_ms"][kind] = out["kinds_ms"].get(kind, 0.0) + ms
            open_until[kind] = e["ts"] + e["dur"]
    return out


def trace_run(browser, url: str, width: int) -> dict:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844})
    try:
        page = context.new_page()
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        page.goto(url, wait_until="load")
        page.wait_for_timeout(2500)  # Material's bundle and the features run after load
        events = json.loads(browser.stop_tracing())["traceEvents"]
    finally:
        context.close()
    return trace_figures(events)


def trace_summary(runs: list[dict]) -> dict:
    med = statistics.median
    kinds = sorted({k for r in runs for k in r["kinds_ms"]})
    return {
        "runs": len(runs),
        "tasks_ms": med(r["tasks_ms"] for r in runs),
        "blocking_ms": med(r["blocking_ms"] for r in runs),
        "blocking_range": (min(r["blocking_ms"] for r in runs), max(r["blocking_ms"] for r in runs)),
        "long_tasks": med(r["long_tasks"] for r in runs),
        "kinds_ms": {k: med(r["kinds_ms"].get(k, 0.0) for r in runs) for k in kinds},
    }


def within_budget(s: dict) -> bool:
    return s["performance"] >= PERFORMANCE_BUDGET and s["tbt_ms"] <= TBT_BUDGET_MS


def print_table(results: dict[str, dict[str, dict]]) -> None:
    for page, by_variant in results.items():
        print(f"\n{page}")
        for label, s in by_variant.items():
            lo, hi = s["performance_range"]
            tlo, thi = s["tbt_range"]
            verdict = "met" if within_budget(s) else "OVER"
            print(
                f"  {label:>10}: perf {s['performance']:.2f} ({lo:.2f}-{hi:.2f})  TBT {s['tbt_ms']:4.0f} ms "
                f"({tlo:.0f}-{thi:.0f})  LCP {s['lcp_ms']:4.0f} ms  elements {s['elements']:.0f}  "
                f"budget {verdict}"
            )
            parts = [f"{name} {s['breakdown_ms'].get(group, 0):.0f}" for group, name in GROUPS.items()]
            print(f"  {'':>10}  main thread (ms): {', '.join(parts)}")
            top = sorted(s["scripting_ms"].items(), key=lambda kv: -kv[1])[:4]
            print(f"  {'':>10}  scripting (ms): {', '.join(f'{name} {ms:.0f}' for name, ms in top)}")


def trace_main(args: argparse.Namespace, sites: dict[str, Path], pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    raw: dict[str, dict[str, list[dict]]] = {p: {label: [] for label in sites} for p in pages}
    with contextlib.ExitStack() as stack:
        bases = {label: stack.enter_context(lighthouse.serve_compressed(site)) for label, site in sites.items()}
        playwright = stack.enter_context(sync_playwright())
        browser = harness.launch_chromium(playwright)
        for run in range(args.runs):
            for page in pages:
                labels = list(sites) if run % 2 == 0 else list(reversed(sites))
                for label in labels:
                    raw[page][label].append(trace_run(browser, bases[label] + page, args.width))
    results = {page: {label: trace_summary(runs) for label, runs in by.items()} for page, by in raw.items()}
    for page, by_variant in results.items():
        print(f"\n{page} (main-thread thread time, {args.width} px wide, unthrottled; medians of {args.runs})")
        for label, s in by_variant.items():
            lo, hi = s["blocking_range"]
            kinds = ", ".join(f"{k} {v:.0f}" for k, v in sorted(s["kinds_ms"].items(), key=lambda kv: -kv[1]))
            print(
                f"  {label:>10}: tasks {s['tasks_ms']:5.0f} ms; blocking at {CPU_SLOWDOWN}x {s['blocking_ms']:5.0f} ms "
                f"({lo:.0f}-{hi:.0f}) in {s['long_tasks']:.0f} long tasks; {kinds}"
            )
    return {"results": results, "raw": raw}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", help="comma-separated page paths, or `all`")
    parser.add_argument("--variant", action="append", default=[], metavar="LABEL=SPEC")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--trace",
        action="store_true",
        help="instead of Lighthouse: main-thread thread time from a Chromium trace (steady on a busy machine)",
    )
    parser.add_argument("--width", type=int, default=412, help="viewport width for --trace (Lighthouse's is 412)")
    args = parser.parse_args()
    variants = [v.split("=", 1) if "=" in v else (v, v) for v in args.variant] or [("now", "worktree")]
    with tempfile.TemporaryDirectory(prefix="cs-lighthouse-") as tmp:
        work = Path(tmp)
        built: dict[str, Path] = {}
        sites = {label: make_variant(spec, work, built) for label, spec in variants}
        first = next(iter(sites.values()))
        pages = pages_of(first, args.pages)
        if args.trace:
            traced = trace_main(args, sites, pages)
            if args.json:
                args.json.write_text(json.dumps(traced, indent=1), encoding="utf-8")
            return 0
        raw: dict[str, dict[str, list[dict]]] = {p: {label: [] for label in sites} for p in pages}
        with contextlib.ExitStack() as stack:
            bases = {label: stack.enter_context(lighthouse.serve_compressed(site)) for label, site in sites.items()}
            for run in range(args.runs):
                for page in pages:
                    # alternate the order too, so neither variant always runs first
                    labels = list(sites) if run % 2 == 0 else list(reversed(sites))
                    for label in labels:
                        report = lighthouse.run(bases[label] + page, work / "run", categories=("performance",))
                        if report.get("runtimeError"):
                            sys.exit(f"lighthouse bench: {page} ({label}): {report['runtimeError']}")
                        one = figures(report)
                        raw[page][label].append(one)
                        print(
                            f"run {run + 1}/{args.runs} {page} {label}: perf {one['performance']:.2f} "
                            f"TBT {one['tbt_ms']:.0f} ms",
                            flush=True,
                        )
    results = {page: {label: summary(runs) for label, runs in by.items()} for page, by in raw.items()}
    print_table(results)
    first_label = variants[0][0]
    over = [page for page, by in results.items() if not within_budget(by[first_label])]
    print(
        f"\nBudget (performance >= {PERFORMANCE_BUDGET}, TBT <= {TBT_BUDGET_MS:.0f} ms, medians of {args.runs}), "
        f"{first_label}: " + ("met on every page" if not over else "over on " + ", ".join(over))
    )
    if args.json:
        args.json.write_text(json.dumps({"results": results, "raw": raw}, indent=1), encoding="utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
