#!/usr/bin/env python3
"""Benchmarks of the site's build, its pages and its offline search. Not part of the test run.

    .venv/bin/python scripts/benchmark.py [--quick] [--runs N] [--json PATH]

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
2. Time per page on the real site and on generated corpora of 100 and 1,000 pages, and how the
   build time grows with the number of pages (1,000 pages / 100 pages: 10 when linear), in CPU
   time of the build, which other work on the machine disturbs least.
3. Size of the search index (raw and gzip) and page weight of the home page and the topic pages:
   the HTML and every stylesheet, script, image and font it references, each file counted once.
   Budget: 200 KiB uncompressed per topic page, search index and search worker excluded.
4. Offline search latency in Chromium: the built site opened from file://, every other request
   aborted; for each query, the time from the last keystroke to the first change of the result
   list, measured in the page with performance.now().

Every build runs in a temporary copy of the project (mkdocs.yml, docs, hooks, cheatsheet, data,
overrides), so the working tree is only read. Needs the project's venv (mkdocs, playwright) and
Debian's Chromium at /usr/bin/chromium. Standard library and Playwright only.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cheatsheet import project_copy

ROOT = Path(__file__).resolve().parent.parent
NO_HOOKS_CONFIG = "mkdocs-nohooks.yml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

BUILD_RATIO_BUDGET = 1.20
PAGE_WEIGHT_BUDGET = 200 * 1024
LINEAR_TOLERANCE = 0.25  # 1,000/100-page ratio within 10 ± 25 % reads as linear
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
# Generated pages (the command index and the legacy map) have no Markdown source in docs/.
GENERATED_HTML = {"commands.html", "legacy.html"}

# Real, current commands for the generated corpora; every one passes the build's checks.
COMMANDS = [
    "docker container run --rm -it -p 8080:80 nginx",
    "docker container run -d --name web -p 8080:80 nginx",
    'docker container run --rm -v "$PWD":/work -w /work alpine:3.22 ls',
    "docker container run -d --restart unless-stopped --name cache redis",
    "docker container ls -a",
    "docker container logs -f --tail 100 web",
    "docker container exec -it web sh",
    "docker container stop web",
    "docker container rm -f web",
    "docker container inspect web",
    "docker container stats --no-stream",
    "docker container cp web:/etc/nginx/nginx.conf .",
    "docker container top web",
    "docker container port web",
    "docker image ls -a",
    "docker image pull nginx:1.27",
    "docker image rm nginx:1.27",
    "docker image prune -a",
    "docker image tag myapp:1.0 registry.example.com/myapp:1.0",
    "docker image push registry.example.com/myapp:1.0",
    "docker image history nginx",
    "docker build -t myapp:1.0 .",
    "docker buildx build --platform linux/amd64,linux/arm64 -t myapp:1.0 --push .",
    "docker compose up -d",
    "docker compose down --volumes",
    "docker compose logs -f web",
    "docker compose ps",
    "docker compose exec web sh",
    "docker compose build --pull",
    "docker network create --driver bridge backend",
    "docker network ls",
    "docker network connect backend web",
    "docker volume create data",
    "docker volume ls",
    "docker volume inspect data",
    "docker system df",
    "docker system prune -f",
    "docker login registry.example.com",
    "docker version",
    "docker info",
    "docker context ls",
]
DEFINITIONS = [
    ("docker container ls", "shows the containers that are running now"),
    ("docker image ls", "shows the images stored on this host"),
    ("docker compose up", "starts every service of a Compose project"),
    ("docker network ls", "shows the networks Docker knows about"),
    ("docker volume ls", "shows the named and anonymous volumes"),
]
SECTIONS = ["start", "run", "build", "operate"]


# -- builds ------------------------------------------------------------------------------------


def copy_project(dest: Path) -> Path:
    project_copy.copy_project(dest)
    for package in ("hooks", "cheatsheet"):
        compileall.compile_dir(dest / package, quiet=1)
    # Same config without hooks. MkDocs merges INHERIT with mergedeep, which replaces lists.
    (dest / NO_HOOKS_CONFIG).write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    return dest


def build(project: Path, site: Path, hooks: bool, strict: bool) -> dict:
    """One `mkdocs build` in a subprocess, timed around the subprocess (interpreter start included).

    Never with -q: quiet mode hides the warnings that --strict counts.
    """
    config = "mkdocs.yml" if hooks else NO_HOOKS_CONFIG
    argv = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site)]
    if strict:
        argv.append("--strict")
    # The hooks log their own time (import and events) when CHEATSHEET_TIMING=1.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CHEATSHEET_TIMING="1" if hooks else "0")
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
    return {
        "hooks": hooks,
        "strict": strict,
        "ok": proc.returncode == 0,
        "wall_s": wall,
        "cpu_s": cpu,
        "mkdocs_s": float(reported.group(1)) if reported else None,
        "hooks_own_s": float(own.group(1)) if own else None,
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


# -- generated corpora -------------------------------------------------------------------------


def synthetic_page(number: int, count: int) -> str:
    rng = random.Random(number)
    section = SECTIONS[number * len(SECTIONS) // count]
    picks = rng.sample(COMMANDS, 10)
    code, definition = rng.choice(DEFINITIONS)
    blocks = [picks[0:3], picks[3:7], picks[7:10]]
    lines = [
        "---",
        f"title: Synthetic topic {number:04d}",
        f"description: Generated benchmark page {number} with ten Docker commands in bash blocks, "
        "for timing the build.",
        f"section: {section}",
        f"order: {number + 1}",
        "---",
        "",
        f"# Synthetic topic {number:04d}",
        "",
        "A generated page for the build benchmark. It has the shape of a short topic page: an",
        "introduction, a command described in a list, and three sections with examples.",
        "",
        f"- `{code}` — {definition}.",
        "",
    ]
    for index, block in enumerate(blocks, start=1):
        lines += [
            f"## Examples {index}",
            "",
            "The commands below are real and current; the build checks each one.",
            "",
            "```bash",
            *block,
            "```",
            "",
        ]
    return "\n".join(lines)


def make_corpus(project: Path, count: int) -> None:
    docs = project / "docs"
    shutil.rmtree(docs)
    docs.mkdir()
    for number in range(count):
        name = "index.md" if number == 0 else f"topic-{number:04d}.md"
        (docs / name).write_text(synthetic_page(number, count), encoding="utf-8")


def time_corpus(project: Path, work: Path, runs: int, plain_runs: int, warm_up: bool) -> dict:
    """Builds with hooks (--strict) and without, alternated as for the real site.

    The first build without hooks tries --strict; if that only warns, it is rebuilt and timed
    without --strict. At 1,000 pages a build takes minutes, so there is no warm-up build.
    """
    site, plain_site = work / f"site-{project.name}", work / f"site-{project.name}-plain"
    if warm_up:
        must(build(project, site, True, True), f"{project.name} (with hooks)")
    hooks, plain, strict, warnings = [], [], True, []
    for index in range(max(runs, plain_runs)):
        if index < runs:
            hooks.append(must(build(project, site, True, True), f"{project.name} (with hooks)"))
        if index < plain_runs:
            run = build(project, plain_site, False, strict)
            if not run["ok"] and strict and run["warnings"]:
                strict, warnings = False, run["warnings"]
                run = build(project, plain_site, False, strict)
            plain.append(must(run, f"{project.name} (no hooks)"))
    if plain_runs:
        check_override(site, plain_site)
    pages = [p for p in site.glob("*.html") if p.name not in GENERATED_HTML and p.name != "404.html"]
    result = summarize(hooks)
    result["warm_up"] = warm_up
    result["html_bytes_per_page"] = sum(p.stat().st_size for p in pages) / len(pages)
    if plain_runs:
        result["plain"] = summarize(plain) | {"strict": strict, "strict_warnings": warnings}
        for clock in CLOCKS:
            result[f"hook_cost_{clock}_s"] = result[f"median_{clock}_s"] - result["plain"][f"median_{clock}_s"]
    for path in (site, plain_site):
        shutil.rmtree(path, ignore_errors=True)
    return result


def corpora(work: Path, plan: dict[int, tuple[int, int, bool]]) -> dict:
    """plan: pages -> (runs with hooks, runs without, warm-up build first)."""
    out = {}
    for count, (runs, plain_runs, warm_up) in plan.items():
        project = copy_project(work / f"corpus-{count}")
        make_corpus(project, count)
        result = time_corpus(project, work, runs, plain_runs, warm_up)
        result["pages"] = count
        if result["median_hooks_own_s"] is not None:
            result["hooks_own_ms_per_page"] = 1000 * result["median_hooks_own_s"] / count
        for clock in CLOCKS:
            result[f"ms_per_page_{clock}"] = 1000 * result[f"median_{clock}_s"] / count
            if "plain" in result:
                result["plain"][f"ms_per_page_{clock}"] = 1000 * result["plain"][f"median_{clock}_s"] / count
                result[f"hook_ms_per_page_{clock}"] = 1000 * result[f"hook_cost_{clock}_s"] / count
        out[str(count)] = result
        shutil.rmtree(project)
    return out


# -- page weight -------------------------------------------------------------------------------


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and a.get("href") and ("stylesheet" in rel or "icon" in rel or "preload" in rel):
            self.refs.append(("css" if "stylesheet" in rel else "image", a["href"]))
        elif tag == "script" and a.get("src"):
            self.refs.append(("js", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            for url in [a.get("src")] + [c.strip().split()[0] for c in (a.get("srcset") or "").split(",") if c.strip()]:
                if url:
                    self.refs.append(("image", url))


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_FONT_EXT = {".woff", ".woff2", ".ttf", ".otf", ".eot"}


def _local(base: Path, url: str, root: Path) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("data:", "#")) or not parts.path:
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_file() and root in path.parents else None


def page_weight(site: Path, html: Path) -> dict:
    root = site.resolve()
    files: dict[Path, str] = {html.resolve(): "html"}
    parser = _Refs()
    parser.feed(html.read_text(encoding="utf-8"))
    queue = []
    for kind, url in parser.refs:
        path = _local(html.resolve(), url, root)
        if path and path not in files:
            files[path] = kind
            if kind == "css":
                queue.append(path)
    while queue:  # url() and @import in stylesheets: fonts, images, more CSS
        css = queue.pop()
        for match in _CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            url = match.group(2) or match.group(4)
            path = _local(css, url, root)
            if path and path not in files:
                kind = "css" if path.suffix == ".css" else "font" if path.suffix in _FONT_EXT else "image"
                files[path] = kind
                if kind == "css":
                    queue.append(path)
    by_kind: dict[str, int] = {}
    total = gz = 0
    for path, kind in files.items():
        data = path.read_bytes()
        by_kind[kind] = by_kind.get(kind, 0) + len(data)
        total += len(data)
        gz += len(gzip.compress(data, 6))
    return {
        "page": html.name,
        "bytes": total,
        "gzip_bytes": gz,
        "by_kind": by_kind,
        "files": {str(p.relative_to(root)): p.stat().st_size for p in sorted(files)},
    }


def weights(site: Path) -> dict:
    index_json = site / "search" / "search_index.json"
    index_js = site / "search" / "search_index.js"
    config = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>',
        (site / "index.html").read_text(encoding="utf-8"),
        re.S,
    )
    worker_url = json.loads(config.group(1))["search"] if config else None
    worker = site / worker_url if worker_url else None
    pages = {}
    for html in sorted(site.glob("*.html")):
        if html.name != "404.html":
            pages[html.name] = page_weight(site, html)
    topics = {n: w for n, w in pages.items() if n not in GENERATED_HTML and n != "index.html"}
    largest = max(topics.values(), key=lambda w: w["bytes"])
    raw = index_json.read_bytes()
    search = {
        "index_json_bytes": len(raw),
        "index_json_gzip_bytes": len(gzip.compress(raw, 6)),
        "index_js_bytes": index_js.stat().st_size if index_js.exists() else None,
        "index_js_gzip_bytes": len(gzip.compress(index_js.read_bytes(), 6)) if index_js.exists() else None,
        "worker": worker_url,
        "worker_bytes": worker.stat().st_size if worker and worker.exists() else None,
        "worker_gzip_bytes": len(gzip.compress(worker.read_bytes(), 6)) if worker and worker.exists() else None,
        "docs": len(json.loads(raw).get("docs", [])),
    }
    over = sorted(n for n, w in topics.items() if w["bytes"] > PAGE_WEIGHT_BUDGET)
    return {
        "search": search,
        "home": pages["index.html"],
        "largest_topic": largest,
        "generated": {n: pages[n] for n in sorted(GENERATED_HTML) if n in pages},
        "topics": {n: {"bytes": w["bytes"], "gzip_bytes": w["gzip_bytes"]} for n, w in topics.items()},
        "budget_bytes": PAGE_WEIGHT_BUDGET,
        "topics_over_budget": over,
        "pass": not over,
        "generated_over_budget": sorted(
            n for n in GENERATED_HTML if n in pages and pages[n]["bytes"] > PAGE_WEIGHT_BUDGET
        ),
    }


# -- offline search latency --------------------------------------------------------------------

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


# -- report ------------------------------------------------------------------------------------


def kib(n: float | None) -> str:
    return "-" if n is None else f"{n / 1024:.1f} KiB"


def seconds(n: float | None) -> str:
    return "-" if n is None else f"{n:.2f} s"


def ms(n: float | None) -> str:
    return "-" if n is None else f"{n:.1f} ms"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def table(rows: list[tuple[str, str, str]]) -> str:
    head = ("Measure", "Value", "Budget / note")
    widths = [max(len(r[i]) for r in [*rows, head] if not r[0].startswith("#")) for i in range(3)]
    titles = max((len(r[0]) - 1 for r in rows if r[0].startswith("#")), default=0)
    widths[2] += max(0, titles - (sum(widths) + 6))
    line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
    out = [line, "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=False)) + " |", line]
    for row in rows:
        if row[0].startswith("#"):
            if out[-1] != line:
                out.append(line)
            out.append("| " + row[0][1:].strip().ljust(sum(widths) + 6) + " |")
            out.append(line)
        else:
            out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + " |")
    out.append(line)
    return "\n".join(out)


def rows_of(result: dict) -> list[tuple[str, str, str]]:
    rows = []
    b = result.get("build")
    if b:
        rows.append((f"# 1. Build time, real site (median of {b['runs_each']} alternated runs each)", "", ""))
        plain_mode = (
            "--strict"
            if b["plain_strict"]
            else f"without --strict: {len(b['plain_strict_warnings'])} warning(s) under --strict (listed below)"
        )
        h, p = b["hooks"], b["plain"]
        rows += [
            ("with hooks, --strict (wall)", seconds(h["median_wall_s"]), "subprocess, interpreter start included"),
            ("hooks: [] (wall)", seconds(p["median_wall_s"]), plain_mode),
            (
                "ratio hooks / no hooks (wall)",
                f"{b['ratio_wall']:.2f}x",
                f"budget <= {b['budget']}x: {verdict(b['pass_wall'])}",
            ),
            (
                "same, CPU time (user + system)",
                f"{b['ratio_cpu']:.2f}x",
                f"{seconds(h['median_cpu_s'])} / {seconds(p['median_cpu_s'])}; "
                f"<= {b['budget']}x: {verdict(b['pass_cpu'])}",
            ),
            (
                "same, MkDocs' own 'built in' time",
                f"{b['ratio_mkdocs']:.2f}x",
                f"{seconds(h['median_mkdocs_s'])} / {seconds(p['median_mkdocs_s'])}; "
                f"<= {b['budget']}x: {verdict(b['pass_mkdocs'])}",
            ),
        ]
    c = result.get("per_page")
    if c:
        rows.append(
            ("# 2. Time per page, CPU time (builds with hooks use --strict; pages = Markdown files in docs/)", "", "")
        )
        real = c["real"]
        rows.append(
            (
                f"real site, {real['pages']} pages, with hooks",
                f"{real['ms_per_page_cpu']:.1f} ms/page",
                f"wall {real['ms_per_page_wall']:.1f} ms/page",
            )
        )
        if real.get("hooks_own_s") is not None:
            rows.append(
                (
                    "real site, the hooks' own time",
                    seconds(real["hooks_own_s"]),
                    "import and events, as the hooks log it (CHEATSHEET_TIMING=1)",
                )
            )
        for size, r in c["corpora"].items():
            rows.append(
                (
                    f"generated, {size} pages, with hooks",
                    f"{r['ms_per_page_cpu']:.1f} ms/page",
                    f"wall {r['ms_per_page_wall']:.1f} ms/page; {r['runs']} run(s); "
                    f"HTML {kib(r['html_bytes_per_page'])}/page",
                )
            )
            if r.get("hooks_own_ms_per_page") is not None:
                rows.append(
                    (
                        f"the hooks' own time, {size} pages",
                        f"{r['hooks_own_ms_per_page']:.2f} ms/page",
                        f"{seconds(r['median_hooks_own_s'])} in all",
                    )
                )
            if "plain" in r:
                pl = r["plain"]
                rows.append(
                    (
                        f"generated, {size} pages, hooks: []",
                        f"{pl['ms_per_page_cpu']:.1f} ms/page",
                        f"wall {pl['ms_per_page_wall']:.1f} ms/page; {pl['runs']} run(s)"
                        + ("" if pl["strict"] else "; not strict"),
                    )
                )
                rows.append(
                    (
                        f"with - without, {size} pages",
                        f"{r['hook_ms_per_page_cpu']:.1f} ms/page",
                        f"{seconds(r['hook_cost_cpu_s'])} CPU = with - without; "
                        f"{r['median_cpu_s'] / pl['median_cpu_s']:.2f}x",
                    )
                )
        lo, hi = 10 * (1 - LINEAR_TOLERANCE), 10 * (1 + LINEAR_TOLERANCE)

        def linear(x: float | None) -> str:
            # The budget is "no worse than linear": less than 10x means fixed costs still show.
            if x is None:
                return ""
            verdict = "linear" if lo <= x <= hi else ("better than linear" if x < lo else "WORSE than linear")
            return "10x if linear: " + verdict

        def times(x: float | None) -> str:
            return "-" if x is None else f"{x:.1f}x"

        if c.get("growth_hooks_own") is not None:
            rows.append(
                (
                    "1,000 / 100 pages, the hooks' own time",
                    times(c["growth_hooks_own"]),
                    f"{linear(c['growth_hooks_own'])}: the budget's measure",
                )
            )
        rows.append(
            (
                "1,000 / 100 pages, with hooks",
                times(c["growth_cpu"]),
                f"{linear(c['growth_cpu'])} (wall {times(c['growth_wall'])})",
            )
        )
        if c.get("growth_plain_cpu") is not None:
            rows.append(
                (
                    "1,000 / 100 pages, hooks: []",
                    times(c["growth_plain_cpu"]),
                    f"{linear(c['growth_plain_cpu'])} (wall {times(c['growth_plain_wall'])})",
                )
            )
            rows.append(
                (
                    "1,000 / 100 pages, with - without",
                    times(c["growth_hook_cost_cpu"]),
                    "difference of two single builds of minutes: noise, shown for completeness",
                )
            )
        rows.append(
            ("marginal cost per page, 100 -> 1,000", f"{c['marginal_ms_per_page_cpu']:.1f} ms/page", "with hooks")
        )
    w = result.get("weight")
    if w:
        s = w["search"]
        rows.append(("# 3. Search index and page weight (real site)", "", ""))
        rows += [
            (
                f"search_index.json ({s['docs']} docs)",
                kib(s["index_json_bytes"]),
                f"gzip {kib(s['index_json_gzip_bytes'])}",
            ),
            ("search_index.js (file:// copy)", kib(s["index_js_bytes"]), f"gzip {kib(s['index_js_gzip_bytes'])}"),
            (
                "search worker " + Path(s["worker"] or "-").name,
                kib(s["worker_bytes"]),
                f"gzip {kib(s['worker_gzip_bytes'])}",
            ),
        ]
        for label, page in (
            ("home page index.html", w["home"]),
            (f"largest topic page {w['largest_topic']['page']}", w["largest_topic"]),
        ):
            kinds = ", ".join(f"{k} {kib(v)}" for k, v in sorted(page["by_kind"].items()))
            note = f"<= {kib(w['budget_bytes'])}: {verdict(page['bytes'] <= w['budget_bytes'])}"
            rows.append((label, kib(page["bytes"]), f"{note}; gzip {kib(page['gzip_bytes'])}"))
            rows.append(("  of which", "", kinds))
        at_load = w["home"]["bytes"] + (s["worker_bytes"] or 0) + (s["index_js_bytes"] or 0)
        rows.append(
            (
                "home page + worker + search_index.js",
                kib(at_load),
                "what Chromium fetches at page load from file://, before search opens",
            )
        )
        sizes = sorted(t["bytes"] for t in w["topics"].values())
        rows.append(
            (
                "topic pages over budget",
                f"{len(w['topics_over_budget'])} of {len(w['topics'])}",
                f"<= {kib(w['budget_bytes'])} each: {verdict(w['pass'])}; "
                f"smallest {kib(sizes[0])}, median {kib(statistics.median(sizes))}",
            )
        )
        for name, page in w["generated"].items():
            rows.append(
                (
                    f"generated page {name}",
                    kib(page["bytes"]),
                    f"not a topic page; {'over' if page['bytes'] > w['budget_bytes'] else 'within'} 200 KiB",
                )
            )
    q = result.get("search")
    if q:
        rows.append(
            (
                f"# 4. Offline search in Chromium, file:// ({len(q['queries'])} queries x {q['rounds']} rounds)",
                "",
                "",
            )
        )
        rows += [
            ("last keystroke -> results shown, median", ms(q["median_ms"]), "result list changed (MutationObserver)"),
            ("last keystroke -> results shown, max", ms(q["max_ms"]), ""),
            ("last keystroke -> next frame, median", ms(q["median_frame_ms"]), f"max {ms(q['max_frame_ms'])}"),
            (
                "search ready (index built)",
                ms(
                    q["ready_ms_after_navigation"]
                    if q["ready_without_opening_search"]
                    else q["ready_ms_after_opening_search"]
                ),
                "after page load, unopened" if q["ready_without_opening_search"] else "after opening the search",
            ),
            (
                "worker + index fetched at page load",
                "yes" if q["worker_loaded_at_page_load"] and q["index_loaded_at_page_load"] else "no",
                "before any interaction (3 s after load)",
            ),
            ("requests to other hosts / page errors", f"{len(q['blocked_requests'])} / {len(q['page_errors'])}", ""),
        ]
        for query, r in q["per_query"].items():
            rows.append((f"  {query}", ms(r["median_ms"]), r["meta"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs: 2 to 5 minutes on 2 CPUs, most of it one 1,000-page build"
    )
    parser.add_argument("--runs", type=int, help="timed builds of the real site per variant (default 9, quick 3)")
    parser.add_argument("--json", type=Path, help="also write every figure and run to this JSON file")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 9)
    # pages -> (builds with hooks, builds without, untimed warm-up first). One 1,000-page build
    # takes minutes (see the report), so it is built once per variant; quick mode skips its
    # build without hooks.
    plan = {100: (1, 1, True), 1000: (1, 0, False)} if args.quick else {100: (3, 3, True), 1000: (1, 1, False)}
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

        step(f"1. real site: {runs} builds with hooks and {runs} without, alternated")
        project = copy_project(work / "real")
        result["build"] = compare_builds(project, work, runs)
        site = Path(result["build"]["site"])
        pages = len(list((project / "docs").glob("**/*.md")))
        real = {"pages": pages, "hooks_own_s": result["build"]["hooks"]["median_hooks_own_s"]}
        for clock in CLOCKS:
            real[f"ms_per_page_{clock}"] = 1000 * result["build"]["hooks"][f"median_{clock}_s"] / pages

        step(
            "2. generated corpora: "
            + ", ".join(f"{n} pages ({h} with hooks, {p} without)" for n, (h, p, _) in plan.items())
        )
        sizes = corpora(work, plan)
        small, big = sizes["100"], sizes["1000"]
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
                1000 * (big[f"median_{clock}_s"] - small[f"median_{clock}_s"]) / 900
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["duration_s"] = time.perf_counter() - started
    result["machine"]["load_average_at_end"] = os.getloadavg()
    result["build"].pop("site", None)

    print(
        f"Docker Cheat Sheet benchmarks, {result['date']} ({result['mode']} mode, "
        f"{result['machine']['cpus']} CPUs, Python {result['machine']['python']})"
    )
    print(table(rows_of(result)))
    if not result["build"]["plain_strict"]:
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
    over = []
    b, w = result["build"], result["weight"]
    if not all(b[f"pass_{clock}"] for clock in CLOCKS):
        over.append(
            f"the build with hooks takes {b['ratio_wall']:.2f}x (wall), {b['ratio_cpu']:.2f}x (CPU), "
            f"{b['ratio_mkdocs']:.2f}x (MkDocs' own) the time of the build without; budget {BUILD_RATIO_BUDGET}x"
        )
    growth = result["per_page"].get("growth_hooks_own")
    if growth is not None and growth > 10 * (1 + LINEAR_TOLERANCE):
        over.append(f"the hooks' own time grows {growth:.1f}x from 100 to 1,000 pages (linear: 10x)")
    if not w["pass"] or w["home"]["bytes"] > PAGE_WEIGHT_BUDGET:
        over.append(
            f"page weight over {kib(PAGE_WEIGHT_BUDGET)}: {len(w['topics_over_budget'])} of {len(w['topics'])} "
            f"topic pages (largest {w['largest_topic']['page']}, {kib(w['largest_topic']['bytes'])})"
            + (f" and the home page ({kib(w['home']['bytes'])})" if w["home"]["bytes"] > PAGE_WEIGHT_BUDGET else "")
        )
    print("Over budget: " + ("; ".join(over) if over else "nothing"))
    print(f"Finished in {result['duration_s']:.0f} s.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
