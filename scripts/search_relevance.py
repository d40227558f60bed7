#!/usr/bin/env python3
"""Relevance of the site search, as a reader meets it: top-1, top-3 and MRR over http and from
file://, and the index's size. (Search latency has one measurement, tooling/harness.py's, reported
by scripts/benchmark.py.)

    .venv/bin/python scripts/search_relevance.py [--site DIR] [--json PATH]
        [--set main|held_out|unseen|dev|dev2|...|dev16|all]

Builds the site (`mkdocs build --strict`, into a temporary directory) unless --site names a
built one. The queries and what each must find are in scripts/search_queries.yaml. Each query
is typed key by key into the search box in Debian's Chromium, once on a loopback server and
once from file:// with every other request aborted; results are read from the page as shown
(groups in order, each group's entries by the score Material gives them).

Top-1 is also given strictly, nearer what a reader sees: the line showing the answer runs at most
STRICT_OTHER_FLAGS other flags (not the answer's flag unexplained in a many-flag one-liner).
A result answers a query when its section teaches the expected command, flag or instruction:
the section runs the command (with the flag) in a current code block, or shows the instruction in a
Dockerfile block. That is read from the
Markdown sources with the build's own checker (cheatsheet.search_sections), so the benchmark
does not depend on heading names, which change when pages are rewritten.

Budgets (issue #11): top-1 >= 90 % on the main set in both modes (tests/test_search_relevance.py
holds it), search_index.json <= 84 KiB gzipped (issue #24: a result per example; 80 KiB until
the content round of 2026-12-07, 82 KiB until search round 14). The build-time
ratio with and without hooks is measured by scripts/benchmark.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import yaml

from cheatsheet import catalog as catalog_module
from cheatsheet.commands import parse, strip_prefix
from cheatsheet.search_sections import Section, collect
from cheatsheet.shell import split_commands
from cheatsheet.site import build_site
from cheatsheet.task_vocabulary import Answer, parse_answer
from tooling import harness

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "search_queries.yaml"
SETS = (
    "main",
    "held_out",
    "unseen",
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
    "dev16",
)
# the sets whose misses are printed: tuned on (every set but the two never tuned on)
TUNING = tuple(name for name in SETS if name not in ("held_out", "unseen"))
TOP1_FLOOR = 0.90
# 80 KiB until the eighth outside pair's content gaps were filled (2026-12-07: seven additions
# readers asked for, 640 bytes gzipped): the index grows with what the site teaches.
# 84 KiB from round 14 (issue #24): the tenth pair's content gaps (--cpu-shares, compose up
# --abort-on-container-exit, buildx build --check, build proxies) and their readers' words.
INDEX_BUDGET = 84 * 1024
MRR_DEPTH = 10


class Query(NamedTuple):
    text: str
    expected: str


def load_queries(path: Path = QUERIES) -> dict[str, list[Query]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {name: [Query(str(q), str(e)) for q, e in data[name]] for name in SETS if name in data}


# -- what each section teaches ------------------------------------------------------------------


def site_sections(root: Path = ROOT) -> dict[str, Section]:
    """Sections by search location, read from the Markdown sources with the build's checker."""
    catalog = catalog_module.load()
    docs = root / "docs"
    sources = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")}
    site = build_site(sources, catalog)
    urls = {src: src[: -len(".md")] + ".html" for src in site.pages}  # use_directory_urls: false
    pages = [(src, urls[src], state.scan, state.report) for src, state in site.pages.items()]
    sections = collect(pages, catalog)
    # An example's result (`containers.html#ex-…`) stands for the section it is in.
    for src, examples in site.examples.items():
        state = site.pages[src]
        first = state.scan.headings[0].anchor if state.scan.headings else ""
        for example in examples:
            section = urls[src] if example.heading in ("", first) else f"{urls[src]}#{example.heading}"
            if section in sections:
                sections[f"{urls[src]}#{example.anchor}"] = sections[section]
    return sections


def expected_answers(text: str) -> list[Answer]:
    """`docker system prune | docker system df`: either answers."""
    answers = []
    for part in text.split(" | "):
        answer, what, fix = parse_answer(part.strip(), catalog_module.load())
        if answer is None:
            raise SystemExit(f"search_queries.yaml: {part!r}: {what} — {fix}")
        answers.append(answer)
    return answers


# Strict top-1 (issue #24, round 11), closer to a reader's eye: a line that runs the answer among
# more than this many other flags (the daily options' `docker container run`, a hardening
# one-liner) counts for top-1 but not for strict top-1, as the reader meets the flag unexplained
# among the others. A line made for the flag may set a few together (a resource-limits line sets
# three), as search-worker.js's SECTION_FREE_FLAGS.
STRICT_OTHER_FLAGS = 3


def shows(lines: list[str], answers: list[Answer], others: int | None = None) -> bool:
    """Whether a result shows the answer: one of the code lines it displays runs the expected
    command with the expected flags (as the build's checker reads the line), with at most
    `others` other flags when given, or starts with the expected Dockerfile instruction."""
    catalog = catalog_module.load()
    for line in lines:
        for answer in answers:
            if answer.kind == "instruction":
                if line.lstrip().upper().startswith(answer.name + " "):
                    return True
                continue
            for words in split_commands(line.replace(" …", "")):
                rest = strip_prefix(words, catalog)
                if not rest or rest[0] != "docker":
                    continue
                inv = parse(rest, catalog, complete=False)
                extra = set(inv.flags) - set(answer.flags)
                fits = _names(inv.canonical, answer) and set(answer.flags) <= set(inv.flags)
                if fits and (others is None or len(extra) <= others):
                    return True
    return False


def _names(canonical: str | None, answer: Answer) -> bool:
    """Whether a line's command is the answer's: the same command, or, for an answer that is a
    parent command with flags (`docker compose --profile`), any of its subcommands with them (the
    checker files `docker compose --profile debug up` under `docker compose up`)."""
    if canonical == answer.name:
        return True
    return bool(answer.flags) and canonical is not None and canonical.startswith(answer.name + " ")


def teaches(section: Section | None, answers: list[Answer]) -> bool:
    return any(_teaches(section, answer) for answer in answers)


def _teaches(section: Section | None, answer: Answer) -> bool:
    if section is None:
        return False
    if answer.kind == "instruction":
        return answer.name in section.instructions
    uses = [u for u in section.run if _names(u.canonical, answer)]
    if answer.flags:
        return any(set(answer.flags) <= set(u.flags) for u in uses)
    return bool(uses) or answer.name in section.defined


# -- the browser ------------------------------------------------------------------------------

# Results in the order a reader meets them: groups (pages) in order, within each its entries
# by Material's score (the page's own entry comes first in the markup even when it ranks lower).
RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].flatMap((item) =>
  [...item.querySelectorAll("a.md-search-result__link")]
    .map((a) => ({href: a.getAttribute("href"),
                  score: parseFloat(a.querySelector("article").dataset.mdScore || "0"),
                  shown: [...a.querySelectorAll("article code")].map((c) => c.textContent)}))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score))"""


class Result(NamedTuple):
    location: str  # `containers.html#lifecycle`, relative to the site's root
    shown: list[str]  # the code it displays


def search(page, text: str, base: str, quiet: int = 100) -> list[Result]:
    """Enter `text` and return the results shown, in order."""
    harness.enter_query(page, text)
    harness.settle(page, quiet, 10_000)
    found = []
    for result in page.evaluate(RESULTS):
        path, _, fragment = result["href"].partition("#")
        path = path.split("?")[0].removeprefix(base)
        found.append(Result(path + ("#" + fragment.split("?")[0] if fragment else ""), result["shown"]))
    return found


class Scores(NamedTuple):
    top1: float
    top3: float
    mrr: float
    misses: list[tuple[str, str, list[str]]]  # query, expected, first three results
    strict: float = 0.0  # top-1 whose answering line runs at most STRICT_OTHER_FLAGS other flags
    # query, expected, the first result and what it shows, when strict top-1 misses (JSON only:
    # what a reader sees, for tuning sets' strict misses)
    strict_misses: tuple[tuple[str, str, str, list[str]], ...] = ()


def score(results: dict[str, list[Result]], queries: list[Query], sections: dict[str, Section]) -> Scores:
    """Top-1 counts a first result that *shows* the answering command (issue #24); strict top-1
    only when the line showing it runs at most STRICT_OTHER_FLAGS other flags; top-3 and MRR
    count results whose section teaches it, as before."""
    top1 = top3 = rr = strict = 0.0
    misses = []
    strict_misses = []
    for query in queries:
        answer = expected_answers(query.expected)
        found = results[query.text][:MRR_DEPTH]
        ranks = [i for i, r in enumerate(found) if teaches(sections.get(r.location), answer)]
        if found and shows(found[0].shown, answer, STRICT_OTHER_FLAGS):
            strict += 1
        else:
            first = found[0] if found else Result("", [])
            strict_misses.append((query.text, query.expected, first.location, first.shown))
        if found and shows(found[0].shown, answer):
            top1 += 1
        else:
            misses.append((query.text, query.expected, [r.location for r in found[:3]]))
        if ranks and ranks[0] < 3:
            top3 += 1
        if ranks:
            rr += 1 / (ranks[0] + 1)
    n = len(queries) or 1
    return Scores(top1 / n, top3 / n, rr / n, misses, strict / n, tuple(strict_misses))


def run_queries(page, start_url: str, texts: list[str]) -> dict[str, list[Result]]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    harness.watch_search(page, start_url)
    base = start_url.rsplit("/", 1)[0] + "/"
    found = {}
    for text in texts:
        # A page too busy to take the keys (a loaded machine) loses that query, not the run.
        try:
            found[text] = search(page, text, base)
        except PlaywrightTimeout:
            print(f"search_relevance: {text!r} timed out; counted as no result")
            found[text] = []
    return found


def measure(site: Path, sets: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(harness.CHROMIUM).exists():
        raise SystemExit(f"search_relevance: {harness.CHROMIUM_MISSING}")
    queries = load_queries()
    sections = site_sections()
    texts = list(dict.fromkeys(q.text for name in sets for q in queries[name]))
    index = (site / "search" / "search_index.json").read_bytes()
    report: dict = {
        "index_bytes": len(index),
        "index_gzip_bytes": len(gzip.compress(index, 9)),
        "modes": {},
    }
    with harness.serve(site) as base, sync_playwright() as playwright:
        browser = harness.launch_chromium(playwright)
        for mode, start in (("http", base + "index.html"), ("file", (site / "index.html").as_uri())):
            with harness.offline_page(browser) as page:
                results = run_queries(page, start, texts)
                report["modes"][mode] = {name: score(results, queries[name], sections)._asdict() for name in sets}
                report["modes"][mode]["blocked"] = page.foreign_requests
        browser.close()
    return report


def print_report(report: dict, sets: list[str], show_held_out: bool = False) -> None:
    queries = load_queries()
    print(f"{'set':<10} {'mode':<6} {'queries':>7} {'top-1':>7} {'strict':>7} {'top-3':>7} {'MRR':>6}")
    for name in sets:
        for mode, figures in report["modes"].items():
            s = figures[name]
            print(
                f"{name:<10} {mode:<6} {len(queries[name]):>7} {s['top1']:>7.1%} {s.get('strict', 0):>7.1%} "
                f"{s['top3']:>7.1%} {s['mrr']:>6.3f}"
            )
    # The held-out sets' misses stay hidden unless asked for: whoever tunes the ranking must not
    # see them, or the set stops measuring queries nobody tuned for. `dev` to `dev8` are for tuning.
    for name in [n for n in sets if n in TUNING or show_held_out]:
        for mode, figures in report["modes"].items():
            for text, expected, found in figures[name]["misses"]:
                print(f"  miss ({name}, {mode}): {text!r} should teach `{expected}`; first results {found}")
    size = report["index_gzip_bytes"] / 1024
    print(
        f"search_index.json: {report['index_bytes'] / 1024:.1f} KiB raw, {size:.1f} KiB gzip "
        f"(budget {INDEX_BUDGET // 1024} KiB: {'met' if report['index_gzip_bytes'] <= INDEX_BUDGET else 'OVER'})"
    )
    # Search latency has one measurement and one figure: scripts/benchmark.py's (tooling/harness.py).


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--json", type=Path, help="write every figure as JSON (held-out misses included)")
    parser.add_argument("--show-held-out-misses", action="store_true", help="only when tuning is over")
    args = parser.parse_args()
    sets = list(SETS) if args.set == "all" else [args.set]
    with tempfile.TemporaryDirectory(prefix="search-relevance-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            started = time.perf_counter()
            build = harness.strict_build(ROOT, site)
            if build.returncode:
                raise SystemExit(f"search_relevance: the strict build failed:\n{build.output}")
            print(f"built in {time.perf_counter() - started:.1f} s")
        report = measure(site.resolve(), sets)
    print_report(report, sets, args.show_held_out_misses)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
