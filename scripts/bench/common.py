"""What every measurement shares: the project copy and its derived configs, one timed
`mkdocs build` in a subprocess, medians and budgets."""

from __future__ import annotations

import compileall
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cheatsheet.docs_files import MAX_PAGES
from tooling import harness

ROOT = Path(__file__).resolve().parents[2]
NO_HOOKS_CONFIG = "mkdocs-nohooks.yml"
TIMING_CONFIG = "mkdocs-timing.yml"
# The hook the timing config lists; it logs the real hooks' own time (import and events).
TIMING_HOOK = Path(__file__).resolve().parent / "timing_hook.py"
BUILD_RATIO_BUDGET = 1.20
PAGE_WEIGHT_BUDGET = 200 * 1024
LINEAR_TOLERANCE = 0.25  # the big/small corpus ratio within 10 ± 25 % reads as linear
# The corpora: the most pages the site takes and a tenth of it.
BIG_CORPUS = MAX_PAGES
SMALL_CORPUS = BIG_CORPUS // 10
# Generated pages (the command index and the legacy map) have no Markdown source in docs/.
GENERATED_HTML = {"commands.html", "legacy.html"}


def copy_project(dest: Path) -> Path:
    harness.copy_project(dest)
    for package in ("hooks", "cheatsheet"):
        compileall.compile_dir(dest / package, quiet=1)
    # Derived configs. MkDocs merges INHERIT with mergedeep, which replaces lists: one without
    # hooks, and one whose only hook is the timing hook, which loads and times the real one.
    (dest / NO_HOOKS_CONFIG).write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    (dest / TIMING_CONFIG).write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {TIMING_HOOK}\n", encoding="utf-8")
    return dest


def build(project: Path, site: Path, hooks: bool, strict: bool, config: str | None = None) -> dict:
    """One `mkdocs build` in a subprocess, timed around the subprocess (interpreter start included).

    `config` is one of the copy's derived configs; by default the timing config (hooks) or the
    one without hooks. Never with -q: quiet mode hides the warnings that --strict counts.
    """
    config = config or (TIMING_CONFIG if hooks else NO_HOOKS_CONFIG)
    argv = harness.build_command("build", "-f", config, "-d", str(site))
    if strict:
        argv.append("--strict")
    env = harness.build_env()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=project, capture_output=True, text=True, env=env, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU time (user + system) of the build: far less sensitive than wall time to other work
    # on the machine, which only delays the build without making it do more.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    output = proc.stdout + proc.stderr
    reported = re.search(r"Documentation built in ([\d.]+) seconds", output)
    own = re.search(r"cheatsheet hooks: ([\d.]+) s", output)
    collected = re.search(r"garbage collection: ([\d.]+) s in (\d+) collections, (\d+) of them full", output)
    return {
        "hooks": hooks,
        "strict": strict,
        "ok": proc.returncode == 0,
        "wall_s": wall,
        "cpu_s": cpu,
        "mkdocs_s": float(reported.group(1)) if reported else None,
        "hooks_own_s": float(own.group(1)) if own else None,
        "gc_s": float(collected.group(1)) if collected else None,
        "gc_full_collections": int(collected.group(3)) if collected else None,
        "warnings": [ln for ln in output.splitlines() if ln.startswith(("WARNING", "ERROR"))],
        "output": output,
    }


def must(result: dict, what: str) -> dict:
    if not result["ok"]:
        sys.exit(f"benchmark: the {what} build failed:\n{result['output'][-4000:]}")
    return result


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


CLOCKS = ("wall", "cpu", "mkdocs")


def summarize(results: list[dict]) -> dict:
    """Every run and the median of each clock: wall, CPU (user + system), MkDocs' own 'built in'."""
    out: dict = {"runs": len(results)}
    for clock in CLOCKS:
        out[f"{clock}_s"] = [r[f"{clock}_s"] for r in results]
        out[f"median_{clock}_s"] = median(out[f"{clock}_s"])
    out["hooks_own_s"] = [r["hooks_own_s"] for r in results]
    out["median_hooks_own_s"] = median(out["hooks_own_s"])
    return out


def plain_strictness(project: Path, site: Path) -> tuple[bool, list[str]]:
    """Whether the no-hooks build passes --strict; if not, it is timed without it."""
    trial = build(project, site, hooks=False, strict=True)
    if trial["ok"]:
        return True, []
    if not trial["warnings"]:
        sys.exit(f"benchmark: the build without hooks failed:\n{trial['output'][-4000:]}")
    return False, trial["warnings"]


def check_override(hooks_site: Path, plain_site: Path) -> None:
    """`hooks: []` must really turn the hooks off: no generated pages, no offline index."""
    marks = ["commands.html", "legacy.html", "search/search_index.js"]
    if not all((hooks_site / m).exists() for m in marks):
        sys.exit(f"benchmark: the build with hooks lacks one of {marks}: are the hooks still in mkdocs.yml?")
    leaked = [m for m in marks if (plain_site / m).exists()]
    if leaked:
        sys.exit(f"benchmark: `hooks: []` did not override mkdocs.yml's hooks ({', '.join(leaked)} built)")
