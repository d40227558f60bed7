"""1. Build time: the real site with the hooks against the same build with `hooks: []`."""

from __future__ import annotations

from pathlib import Path

from .common import BUILD_RATIO_BUDGET, CLOCKS, build, check_override, must, plain_strictness, summarize


def compare_builds(project: Path, work: Path, runs: int) -> dict:
    hooks_site, plain_site = work / "site-hooks", work / "site-plain"
    # Untimed first builds: compile the copy's bytecode, check both variants, warm the caches.
    must(build(project, hooks_site, hooks=True, strict=True), "strict (with hooks)")
    plain_strict, plain_warnings = plain_strictness(project, plain_site)
    check_override(hooks_site, plain_site)
    timed: dict[str, list[dict]] = {"hooks": [], "plain": []}
    for _ in range(runs):
        timed["hooks"].append(must(build(project, hooks_site, True, True), "strict (with hooks)"))
        timed["plain"].append(must(build(project, plain_site, False, plain_strict), "no-hooks"))
    hooks, plain = summarize(timed["hooks"]), summarize(timed["plain"])
    out = {
        "runs_each": runs,
        "order": "alternated, hooks first; one untimed build of each before",
        "hooks": hooks,
        "plain": plain,
        "plain_strict": plain_strict,
        "plain_strict_warnings": plain_warnings,
        "budget": BUILD_RATIO_BUDGET,
        "budget_clock": "wall",
        "site": str(hooks_site),
    }
    for clock in CLOCKS:
        ratio = hooks[f"median_{clock}_s"] / plain[f"median_{clock}_s"]
        out[f"ratio_{clock}"] = ratio
        out[f"pass_{clock}"] = ratio <= BUILD_RATIO_BUDGET
    return out
