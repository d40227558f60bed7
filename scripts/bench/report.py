"""The benchmark's table: one row per figure, grouped by measurement."""

from __future__ import annotations

import statistics
from pathlib import Path

from .common import BIG_CORPUS, LINEAR_TOLERANCE, SMALL_CORPUS

MIB = 1024 * 1024


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


def percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def sheet_rows(s: dict) -> list[tuple[str, str, str]]:
    """1b. The two-page cheat sheet's cost (issue #12)."""
    w, wo = s["with"], s["without"]
    return [
        (f"# 1b. Two-page cheat sheet, real site (median of {s['runs_each']} alternated runs each)", "", ""),
        ("with the sheet, --strict (wall)", seconds(w["median_wall_s"]), f"CPU {seconds(w['median_cpu_s'])}"),
        (
            "without the sheet (wall)",
            seconds(wo["median_wall_s"]),
            f"CPU {seconds(wo['median_cpu_s'])}; not strict: the home page and /print/ link the sheet",
        ),
        (
            "ratio with / without (whole builds)",
            f"{s['ratio_cpu']:.3f}x CPU",
            f"wall {s['ratio_wall']:.3f}x, MkDocs' own {s['ratio_mkdocs']:.3f}x; for reference: noisy",
        ),
        ("checking the entries + filling the page", ms(s["own_ms"]), "CPU, in process: cheat_sheet.collect + fill"),
        ("the sheet page through MkDocs", ms(s["page_ms"]), "CPU, in the builds: its Markdown and template stretches"),
        (
            "the sheet's share of the build",
            percent(s["cost_share"]),
            f"of the build's CPU {seconds(w['median_cpu_s'])}; budget <= {percent(s['budget_share'])} (#12): "
            f"{verdict(s['pass'])}",
        ),
    ]


def offline_rows(o: dict) -> list[tuple[str, str, str]]:
    """5. The offline site's cost (issue #13)."""
    p, z, f = o["precache"], o["zip"], o["finish"]
    budget = f"{p['budget_bytes'] / MIB:.0f} MiB"
    rows = [
        ("# 5. Offline site (service worker, download for disk use)", "", ""),
        (
            f"precached by sw.js ({p['files']} files), transferred",
            kib(p["transferred_bytes"]),
            f"each gzipped as a static host sends it; raw {kib(p['raw_bytes'])}",
        ),
        (
            "sw.js + the Workbox scripts it loads",
            kib(p["worker_scripts_transferred_bytes"]),
            f"{len(p['worker_scripts'])} files, transferred",
        ),
        (
            "a first visit's offline download, in all",
            kib(p["total_transferred_bytes"]),
            f"budget <= {budget} (#13): {verdict(p['pass'])}",
        ),
    ]
    rows += [(f"  {e['url']}", kib(e["transferred_bytes"]), f"raw {kib(e['bytes'])}") for e in p["largest"][:3]]
    rows += [
        (
            "docker-cheat-sheet-offline.zip",
            kib(z["bytes"]),
            f"budget <= {z['budget_bytes'] / MIB:.0f} MiB (#13): {verdict(z['pass'])}",
        ),
        (
            "offline step (offline.finish), CPU",
            ms(f["median_ms"]),
            f"median of {f['rounds']} on copies of the built site: zip, then the precache list",
        ),
        (
            "the offline step's share of the build",
            percent(f["share"]),
            f"of the build's CPU {seconds(f['build_cpu_s'])} (the build grows {percent(f['growth'])}); "
            f"budget <= {percent(f['budget_share'])} (#13): {verdict(f['pass'])}",
        ),
    ]
    return rows


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
    if result.get("sheet"):
        rows += sheet_rows(result["sheet"])
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
                    "import and events, CPU time, as scripts/bench/timing_hook.py logs it",
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
                    f"{BIG_CORPUS} / {SMALL_CORPUS} pages, the hooks' own time",
                    times(c["growth_hooks_own"]),
                    f"{linear(c['growth_hooks_own'])}: the budget's measure",
                )
            )
        rows.append(
            (
                f"{BIG_CORPUS} / {SMALL_CORPUS} pages, with hooks",
                times(c["growth_cpu"]),
                f"{linear(c['growth_cpu'])} (wall {times(c['growth_wall'])})",
            )
        )
        if c.get("growth_plain_cpu") is not None:
            rows.append(
                (
                    f"{BIG_CORPUS} / {SMALL_CORPUS} pages, hooks: []",
                    times(c["growth_plain_cpu"]),
                    f"{linear(c['growth_plain_cpu'])} (wall {times(c['growth_plain_wall'])})",
                )
            )
            rows.append(
                (
                    f"{BIG_CORPUS} / {SMALL_CORPUS} pages, with - without",
                    times(c["growth_hook_cost_cpu"]),
                    "difference of two single builds of minutes: noise, shown for completeness",
                )
            )
        rows.append(
            (
                f"marginal cost per page, {SMALL_CORPUS} -> {BIG_CORPUS}",
                f"{c['marginal_ms_per_page_cpu']:.1f} ms/page",
                "with hooks",
            )
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
            rows.append((f"  {query}", ms(r["median_ms"]), ""))
    if result.get("offline"):
        rows += offline_rows(result["offline"])
    return rows
