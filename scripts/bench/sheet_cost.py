"""1b. The two-page cheat sheet's cost (issue #12: at most 3 % of the build).

The budget's measure is the sheet's own CPU time as a share of the CPU time of the whole build
with it: checking every page's entries and filling the page (timed here, in process, on the real
site) plus the sheet page's way through MkDocs (its Markdown and template stretches, logged by
scripts/bench/sheet_timer_hook.py in the timed builds). All of it is CPU time of one process,
which other work on the machine disturbs least. The ratio of whole builds with and without the
sheet (scripts/bench/no_sheet_hook.py) is shown for reference: a difference of a few per cent
between two builds moves by as much from run to run on a shared machine."""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

from .common import CLOCKS, TIMING_HOOK, build, median, must, summarize

SHEET_SHARE_BUDGET = 0.03
SHEET_CONFIG = "mkdocs-sheettimer.yml"
NO_SHEET_CONFIG = "mkdocs-nosheet.yml"
_HERE = Path(__file__).resolve().parent
SHEET_TIMER_HOOK = _HERE / "sheet_timer_hook.py"
NO_SHEET_HOOK = _HERE / "no_sheet_hook.py"
_PAGE_LOG = re.compile(r"sheet page: ([\d.]+) ms")


def write_configs(project: Path) -> None:
    """Both variants list the timing hook (the real hook, timed) and one bench hook after it."""
    for config, hook in ((SHEET_CONFIG, SHEET_TIMER_HOOK), (NO_SHEET_CONFIG, NO_SHEET_HOOK)):
        (project / config).write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {TIMING_HOOK}\n  - {hook}\n", encoding="utf-8")


def sheet_cost(project: Path, work: Path, runs: int) -> dict:
    """The real site built with and without the sheet, alternated, and the sheet's own time."""
    write_configs(project)
    with_site, without_site = work / "site-sheet", work / "site-nosheet"
    # Untimed first builds: check both variants and that they differ where they should.
    must(build(project, with_site, True, True, SHEET_CONFIG), "strict (with the sheet)")
    must(build(project, without_site, True, False, NO_SHEET_CONFIG), "without the sheet")
    if not (with_site / "sheet" / "index.html").is_file() or (without_site / "sheet" / "index.html").exists():
        sys.exit("benchmark: the builds with and without the cheat sheet do not differ in sheet/index.html")
    timed: dict[str, list[dict]] = {"with": [], "without": []}
    for _ in range(runs):
        timed["with"].append(must(build(project, with_site, True, True, SHEET_CONFIG), "strict (with the sheet)"))
        timed["without"].append(must(build(project, without_site, True, False, NO_SHEET_CONFIG), "without the sheet"))
    with_sheet, without_sheet = summarize(timed["with"]), summarize(timed["without"])
    out: dict = {
        "runs_each": runs,
        "order": "alternated, with the sheet first; one untimed build of each before",
        "with": with_sheet,
        "without": without_sheet,
        "without_strict": False,
        "budget_share": SHEET_SHARE_BUDGET,
    }
    for clock in CLOCKS:
        out[f"ratio_{clock}"] = with_sheet[f"median_{clock}_s"] / without_sheet[f"median_{clock}_s"]
    page_ms = [float(m.group(1)) for r in timed["with"] for m in [_PAGE_LOG.search(r["output"])] if m]
    if len(page_ms) != runs:
        sys.exit("benchmark: the sheet timer hook logged no time for sheet/index.md: did its source path change?")
    out["page_ms_runs"] = page_ms
    out["page_ms"] = median(page_ms)
    out["own_ms"] = sheet_own_ms(project)
    out["cost_ms"] = out["own_ms"] + out["page_ms"]
    out["cost_share"] = out["cost_ms"] / 1000 / with_sheet["median_cpu_s"]
    out["pass"] = out["cost_share"] <= SHEET_SHARE_BUDGET
    return out


def sheet_own_ms(project: Path, rounds: int = 20) -> float:
    """Median CPU time of the sheet's own work on the real site, in this process: checking every
    page's entries (the CheatSheet page made in the build's on_files) and filling the rendered
    page (its `fill`, in on_page_context)."""
    from cheatsheet import catalog
    from cheatsheet.findings import CheckedPage
    from cheatsheet.generated import CheatSheet, Fill
    from cheatsheet.site import build_site

    docs = project / "docs"
    sources = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    model = build_site(sources, catalog.load(), pages=(), site_url="https://example.org/")
    reading = [
        CheckedPage(src, state.nav.title if state.nav else src, state.scan, state.report)
        for src, state in model.pages.items()
    ]
    model.urls = {src: src.removesuffix(".md") + "/" for src in [*sources, CheatSheet.src]}
    times = []
    for _ in range(rounds):
        start = time.process_time()
        sheet = CheatSheet(model, reading)
        sheet.fill(sheet.markdown(), Fill(model.site_url))
        times.append(1000 * (time.process_time() - start))
    if not sheet.topics:
        sys.exit("benchmark: the real site has no cheat sheet entries to time")
    return statistics.median(times)
