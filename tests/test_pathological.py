"""Hostile input cannot stall or crash the build, nor hide a command from the checker.

Every shape in tests/pathological.py is a page of one copy of the project, built once: the build
ends within ten normal builds of that copy, never with a traceback, and each page either builds
clean or has errors naming it. The
module functions that read contributor text are also fed inputs on which the patterns they
replace took minutes (quadratic or worse): linear code reads them at once."""

from __future__ import annotations

import json
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Build, run_build
from pathological import FRONT, SHAPES

from cheatsheet import catalog, limits, page, render_clock, shell, structure_checks
from cheatsheet.site import build_site, decode
from tooling import harness
from tooling.harness import copy_project

SLOWDOWN = 10  # the hostile pages together may cost at most this many normal builds

# Every hostile page of this file in one project copy, each under its own name: the build
# reports every problem of every page in one run, so one build answers for all of them (and a
# page whose problem hid another page's would fail that page's test).
BAD_COMMAND_PAGE = FRONT + "# Hostile\n\nText.\n\n```bash\ndocker ps\ndocker ps --nope\n```\n"
BAD_LINE = BAD_COMMAND_PAGE.split("\n").index("docker ps --nope") + 1
LINE_ENDINGS = {
    "lone CR": BAD_COMMAND_PAGE.replace("\n", "\r").encode(),
    "BOM and CRLF": b"\xef\xbb\xbf" + BAD_COMMAND_PAGE.replace("\n", "\r\n").encode(),
}
THEME_KEYS_PAGE = (
    FRONT.replace("order: 990\n", "order: 990\nhide: 5\nicon: material/does-not-exist\n") + "# Hostile\n\nText.\n"
).encode()


def page_name(kind: str, name: str) -> str:
    """`docs/` name of a hostile page: `shape-deep-html-nesting.md`."""
    return f"{kind}-" + "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split()) + ".md"


HOSTILE_PAGES = {
    **{page_name("shape", name): data for name, data in SHAPES.items()},
    **{page_name("ending", name): data for name, data in LINE_ENDINGS.items()},
    page_name("theme", "keys"): THEME_KEYS_PAGE,
}


@dataclass(frozen=True)
class HostileBuild:
    build: Build
    seconds: float
    normal_seconds: float  # a strict build of the unchanged copy, just before, on this machine

    def warnings_of(self, src: str) -> list[str]:
        return [w for w in self.build.warnings if f"docs/{src}:" in w]


@pytest.fixture(scope="session")
def hostile(shared_base) -> HostileBuild:
    def make(folder: Path) -> Build:
        project = copy_project(folder / "project")
        start = time.perf_counter()
        normal = run_build(project, folder / "normal")
        normal_seconds = time.perf_counter() - start
        assert normal.returncode == 0, normal.output
        for name, data in HOSTILE_PAGES.items():
            (project / "docs" / name).write_bytes(data)
        start = time.perf_counter()
        build = run_build(project, folder / "site")
        seconds = time.perf_counter() - start
        (folder / "seconds.json").write_text(json.dumps([seconds, normal_seconds]), encoding="utf-8")
        return build

    build = harness.shared_build(shared_base, "hostile-pages", make)
    seconds, normal_seconds = json.loads((build.site.parent / "seconds.json").read_text(encoding="utf-8"))
    return HostileBuild(build, seconds, normal_seconds)


def test_the_hostile_pages_build_in_bounded_time_without_a_traceback(hostile):
    assert "Traceback" not in hostile.build.output, hostile.build.output[-3000:]
    assert hostile.seconds < SLOWDOWN * hostile.normal_seconds, (
        f"{len(HOSTILE_PAGES)} hostile pages: {hostile.seconds:.1f} s, a normal build {hostile.normal_seconds:.1f} s"
    )
    strays = [w for w in hostile.build.warnings if not any(f"docs/{src}:" in w for src in HOSTILE_PAGES)]
    assert strays == [], strays


@pytest.mark.parametrize("name", list(SHAPES))
def test_hostile_page_builds_without_a_traceback_errors_naming_it_or_a_clean_page(name, hostile):
    src = page_name("shape", name)
    if not hostile.warnings_of(src):
        assert (hostile.build.site / src.replace(".md", ".html")).is_file(), f"{src}: no problem named and no page"


# -- line endings: every command stays checked, on its own line -------------------------------


@pytest.mark.parametrize("ending", list(LINE_ENDINGS))
def test_commands_are_checked_whatever_the_line_endings(ending, hostile):
    assert hostile.build.returncode != 0
    warnings = hostile.warnings_of(page_name("ending", ending))
    assert any(f":{BAD_LINE}:" in w and "`--nope`" in w for w in warnings), warnings


def test_a_page_with_windows_line_endings_renders_as_the_original(site, project, tmp_path):
    containers = project / "docs" / "containers.md"
    containers.write_bytes(containers.read_bytes().replace(b"\n", b"\r\n"))
    crlf = run_build(project, tmp_path / "crlf")
    assert crlf.returncode == 0, crlf.output
    page_html = lambda site: (site / "containers.html").read_text(encoding="utf-8")  # noqa: E731
    assert page_html(crlf.site) == page_html(site)


# -- here-documents count only where the shell sees them ----------------------------------------


def problems_of(text: str) -> list[str]:
    site = build_site({"hostile.md": FRONT + text}, catalog.load())
    return [str(p) for p in site.problems if p.path == "docs/hostile.md"]


@pytest.mark.parametrize(
    "opener",
    ['echo "<<EOF"', "echo '<<EOF'", "echo hello # <<EOF", "grep -c x <<< EOF", 'echo "$(echo "<<EOF")"'],
)
def test_a_heredoc_marker_in_quotes_or_a_comment_hides_nothing(opener):
    found = problems_of(f"# Hostile\n\n```bash\n{opener}\ndocker ps --nope\n```\n")
    assert any(":12:" in p and "--nope" in p for p in found), found


def test_a_real_heredoc_body_is_not_read_as_commands():
    assert problems_of("# Hostile\n\n```bash\ncat <<'EOF' > notes.txt\nbuild --nope\nEOF\ndocker ps\n```\n") == []
    # `docker` in a body is refused, not checked: a body the checks misread may be commands
    found = problems_of("# Hostile\n\n```bash\ncat <<'EOF' > notes.txt\ndocker ps --nope\nEOF\ndocker ps\n```\n")
    assert len(found) == 1 and "`docker` runs here in a way the checks cannot read" in found[0], found


def test_a_dockerfile_heredoc_marker_in_quotes_hides_nothing():
    found = problems_of('# Hostile\n\n```dockerfile\nFROM alpine\nRUN echo "<<EOF"\nFRUM alpine\n```\n')
    assert any(":13:" in p and "FRUM" in p for p in found), found


def test_deeply_nested_substitutions_are_an_error_with_their_line():
    found = problems_of("# Hostile\n\n```bash\ndocker ps\ndocker run " + "$(" * 1500 + "x" + ")" * 1500 + "\n```\n")
    assert any(p.startswith("docs/hostile.md:12:") and "nested 1500 deep" in p for p in found), found


def test_theme_keys_of_the_wrong_shape_are_errors_not_tracebacks(hostile):
    warnings = hostile.warnings_of(page_name("theme", "keys"))
    assert any(":6: `hide: 5` is not a list" in w for w in warnings), warnings
    assert any(":7: there is no icon `material/does-not-exist`" in w for w in warnings), warnings


# -- the module functions, on inputs the old patterns took minutes on -------------------------
# Sizes are chosen so that the old code needs minutes and linear code milliseconds: the bound
# only separates the two, it is not a speed budget.

BOUND = 5.0


def within_bound(function, *args):
    start = time.perf_counter()
    result = function(*args)
    assert time.perf_counter() - start < BOUND
    return result


def test_scan_reads_a_heading_of_spaces_at_once():
    text = "# a" + " " * 200_000 + "b\n\n#" + " " * 200_000 + "#a\n"
    scanned = within_bound(page.scan, "docs/x.md", text)
    assert [h.text for h in scanned.headings] == ["a" + " " * 200_000 + "b", "#a"]


def test_code_spans_of_a_line_of_backticks():
    line = "`" * 100_000 + " x " + "`` y " * 20_000
    spans = within_bound(page.code_spans, line)
    assert all(line[s:e].startswith("`") for s, e, _, _ in spans)
    assert page.code_spans("a `b` c ``d`e`` f") == ((2, 5, 3, 4), (8, 15, 10, 13))
    # As Python-Markdown: no span opens on an escaped backtick (the rest of its run may), and one
    # may close after a backslash, which is itself inside code.
    assert page.code_spans("\\` <b>x</b> `") == ()
    assert page.code_spans("from `\\` to `` ` ``") == ((5, 8, 6, 7), (12, 19, 14, 17))
    assert within_bound(page.code_spans, "\\`" * 100_000) == ()


def test_links_of_a_line_of_open_links():
    assert within_bound(page.links, "[a](" * 50_000) == []
    assert within_bound(page.links, "]( " * 50_000) == []
    assert page.links('see [the `x` page](x.md#y "t") and ![alt [1]](i.png)') == [
        (4, 30, False, "the `x` page", "x.md#y"),
        (35, 52, True, "alt [1]", "i.png"),
    ]


def test_table_rule_of_a_long_line_after_a_pipe():
    assert within_bound(structure_checks._table_rule, "|" + " -" * 100_000 + "x") is False
    assert structure_checks._table_rule("| --- | :---: |") and not structure_checks._table_rule("| --- |")


def test_raw_html_in_a_long_run_of_open_tags_and_autolinks():
    scan = page.scan("docs/x.md", "")
    for line in ("<b " * 100_000, "<https://a.example/ " * 50_000, "<a@" * 50_000, "<!--" * 50_000):
        within_bound(lambda text: structure_checks.raw_html(scan, [(1, text)]), line)
    found = structure_checks.raw_html(scan, [(1, 'x <img src=x onerror="y"> <https://docs.docker.com/>')])
    assert [p.message for p in found] == ["raw `<img>` tag in the page"]


def test_the_shell_reader_on_deep_nesting_and_long_quotes():
    words = within_bound(shell.split_commands, "docker run " + "$(" * 5000 + "x" + ")" * 5000)
    assert words and words[-1][:2] == ("docker", "run")
    assert within_bound(shell.heredocs, "echo '" + "<<EOF " * 50_000) == []
    assert shell.PLACEHOLDER.fullmatch("<file...>")
    assert within_bound(shell.PLACEHOLDER.match, "<a" + "." * 200_000) is None


def test_a_string_over_thousands_of_lines_is_read_once():
    """The seventh attacker's: one shell block with a string over 4,900 lines held the build for
    4.5 minutes, as the joined line was read again after each line."""
    lines = ['echo "start', *(f"text line {i:05d} of a long string ok" for i in range(20_000)), 'end"', "docker ps"]
    read = within_bound(lambda block: list(shell.logical_lines_at(block)), lines)
    assert [line for _, line, _ in read][-1] == "docker ps" and len(read) == 2
    assert within_bound(shell.unread, lines) == []


def test_limits_read_a_large_page_at_once():
    text = decode("x", SHAPES["lines of <b"])
    assert within_bound(limits.check_limits, "docs/x.md", text)


def test_more_headings_than_a_page_may_have_are_named_at_the_first_one_over():
    front = "---\ntitle: H\n---\n\n"
    allowed = front + "# H\n\n" + "## a\n" * (limits.PAGE_HEADINGS - 2) + "Text under a setext heading\n---\n"
    assert limits.check_limits("docs/h.md", allowed) == []
    over = allowed + "### one more\n"
    assert [(p.line, p.message) for p in limits.check_limits("docs/h.md", over)] == [
        (over.count("\n"), f"more than {limits.PAGE_HEADINGS} headings in the page")
    ]
    # a rule after a blank line is no heading, however many
    assert limits.check_limits("docs/h.md", front + "# H\n\n" + "Text.\n\n---\n\n" * 300) == []


def test_no_real_page_comes_near_a_limit():
    root = Path(__file__).resolve().parent.parent / "docs"
    for path in root.glob("*.md"):
        assert limits.check_limits(f"docs/{path.name}", path.read_text(encoding="utf-8")) == []


# -- the site's bounds: what a pull request adds cannot multiply the build ---------------------
# The attacker's shape: pages of 240 KiB of `docker container run -e A=1 -e A=1 … nginx`, each flag
# a span in the HTML and every page again in the printable book. Before the site's bounds, 21
# such pages built 229 MB in minutes and passed the strict build (scripts/bench/REPORT.md).

HEAVY_COMMAND = "docker container run " + "-e A=1 " * 2800 + "nginx"
HEAVY_FIRST_LINE = 13  # the first code line of heavy_page's block


def heavy_page(title: str, line_chars: int) -> str:
    lines = ["---", f"title: {title}", "section: run", "---", "", f"# {title}", "", "Text.", "", "## Run", ""]
    lines.append("```bash")
    size = sum(len(line) + 1 for line in lines)
    while size < 240 * 1024:
        lines.append(HEAVY_COMMAND[:line_chars])
        size += line_chars + 1
    return "\n".join([*lines, "```", ""])


def tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_pages_that_multiply_the_output_fail_early_naming_each_page(project, tmp_path):
    start = time.perf_counter()
    normal = run_build(project, tmp_path / "normal")
    normal_seconds = time.perf_counter() - start
    assert normal.returncode == 0, normal.output
    # Two pages as the attacker wrote them (lines of 19,626 characters: under the 20,000 of any code
    # line, over a shell line's 2,000), and six with lines just under 2,000: 1.4 MiB of Markdown,
    # over the site's bounds.
    docs = project / "docs"
    for i in range(2):
        (docs / f"heavy-long-{i}.md").write_text(heavy_page(f"Long {i}", 19_990), encoding="utf-8")
    for i in range(6):
        (docs / f"heavy-short-{i}.md").write_text(heavy_page(f"Short {i}", 1_990), encoding="utf-8")
    start = time.perf_counter()
    build = run_build(project, tmp_path / "site")
    seconds = time.perf_counter() - start
    assert build.returncode != 0 and "Traceback" not in build.output, build.output[-3000:]
    for i in range(2):
        assert any(
            f"docs/heavy-long-{i}.md:{HEAVY_FIRST_LINE}: a line of 19626 characters in a shell code block" in w
            for w in build.warnings
        ), build.warnings[:5]
    left_out = [i for i in range(6) if any(f"docs/heavy-short-{i}.md:1: the pages hold" in w for w in build.warnings)]
    assert len(left_out) >= 4, build.warnings[:5]  # what the site's bounds keep: at most two
    assert not (build.site / "heavy-long-0.html").exists()
    assert all(not (build.site / f"heavy-short-{i}.html").exists() for i in left_out)
    # The worst such a pull request can do: a build of the same order as the real site's.
    assert tree_bytes(build.site) < 5 * tree_bytes(normal.site)
    assert seconds < SLOWDOWN * normal_seconds, f"{seconds:.1f} s, a normal build {normal_seconds:.1f} s"


def test_the_site_bounds_leave_out_the_largest_pages_first():
    pages = {"docs/a.md": (limits.SITE_BYTES // 2, 0), "docs/b.md": (limits.SITE_BYTES, 10), "docs/c.md": (1000, 0)}
    assert [p.path for p in limits.check_site(pages)] == ["docs/b.md"]
    code = {"docs/a.md": (10, limits.SITE_CODE_CHARS), "docs/b.md": (10, 5), "docs/c.md": (10, 1)}
    assert [p.path for p in limits.check_site(code)] == ["docs/a.md"]
    assert limits.check_site({"docs/a.md": (limits.SITE_BYTES, limits.SITE_CODE_CHARS)}) == []


def test_a_long_shell_line_is_reported_and_a_long_text_or_yaml_line_is_not():
    long = "docker ps " + "x" * limits.SHELL_LINE_CHARS
    for lang, reported in (
        ("bash", True),
        ("console", True),
        ("", True),
        ("{ .sh }", True),
        ("text", False),
        ("yaml", False),
    ):
        found = limits.check_limits("docs/x.md", f"# X\n\n```{lang}\n{long}\n```\n")
        assert [str(p).split(" characters")[0] for p in found] == (
            [f"docs/x.md:4: a line of {len(long)}"] if reported else []
        ), lang


def test_the_real_site_is_well_within_the_site_bounds():
    root = Path(__file__).resolve().parent.parent / "docs"
    texts = [path.read_text(encoding="utf-8") for path in root.rglob("*.md")]
    assert sum(len(text.encode()) for text in texts) * 4 < limits.SITE_BYTES
    assert sum(limits.code_characters(text) for text in texts) * 4 < limits.SITE_CODE_CHARS


# -- messages quote what the page says (#15) -------------------------------------------------


def test_link_text_is_quoted_as_written_with_the_canonical_name_in_brackets():
    found = problems_of("# Hostile\n\nSee [`docker ps`](https://docs.docker.com/reference/cli/docker/image/ls/).\n")
    assert any(
        ":10: link text names `docker ps` (`docker container ls`) but the link points to `docker image ls`" in p
        for p in found
    ), found


def test_command_messages_quote_the_alias_as_written():
    found = problems_of("# Hostile\n\n```bash\ndocker ps --nope\ndocker container ls --nope\n```\n")
    assert any(":11: `docker ps` (`docker container ls`) has no flag `--nope`" in p for p in found), found
    assert any(":12: `docker container ls` has no flag `--nope`" in p for p in found), found


# -- the last resorts: a bug the page brings out, a render that never ends ----------------------


def append_to(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")


def test_a_checker_bug_on_one_page_is_a_problem_naming_the_page(project, tmp_path):
    # The copy's own package is the one its build imports (the project folder comes first).
    append_to(
        project / "cheatsheet" / "structure_checks.py",
        "_check = check_structure\n\n\n"
        "def check_structure(scan):\n"
        "    if scan.path.endswith('hostile.md'):\n"
        "        raise ValueError('a construct nobody foresaw')\n"
        "    return _check(scan)",
    )
    (project / "docs" / "hostile.md").write_text(FRONT + "# Hostile\n\nText.\n", encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert any(
        "docs/hostile.md:1: the cheat sheet's checks failed on this page (ValueError: a construct nobody foresaw)" in w
        for w in build.warnings
    ), build.warnings


def test_a_hook_bug_on_one_page_is_a_problem_naming_the_page(project, tmp_path):
    append_to(
        project / "cheatsheet" / "harden.py",
        "_page = page\n\n\n"
        "def page(html):\n"
        "    if 'hostile-marker' in html:\n"
        "        raise KeyError('unexpected')\n"
        "    return _page(html)",
    )
    (project / "docs" / "hostile.md").write_text(FRONT + "# Hostile\n\nhostile-marker\n", encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert any("docs/hostile.md:1: the cheat sheet's checks failed on this page (KeyError" in w for w in build.warnings)
    # What a non-strict build or `mkdocs serve` would publish: a notice, not the page without
    # its Content-Security-Policy.
    published = (tmp_path / "site" / "hostile.html").read_text(encoding="utf-8")
    assert "could not be built" in published and "hostile-marker" not in published


def test_a_render_past_the_clock_stops_the_build_naming_the_page(project, tmp_path):
    append_to(project / "hooks" / "cheatsheet_hooks.py", "RENDER_SECONDS = 0.000001")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "Markdown took more than" in build.output and "docs/" in build.output


def test_pages_that_each_render_in_time_stop_the_build_when_together_they_do_not():
    """Each page under its own time, the site's time runs out: the page it runs out on is named.
    Margins of 0.8 s: a loaded machine may pause this process between a page's end and its stop."""
    clock = render_clock.RenderClock(RuntimeError, total=1.0)
    try:
        clock.start("docs/a.md", 10.0)
        spin(0.2)
        clock.stop()
        clock.start("docs/b.md", 10.0)
        with pytest.raises(RuntimeError, match=r"docs/b\.md:1: the pages took more than 1 s together"):
            spin(5.0)
        clock.stop()
        clock.reset()  # the next build starts with the site's whole time
        clock.start("docs/c.md", 10.0)
        spin(0.2)
    finally:
        clock.stop()  # a clock left running would raise in whatever test this worker runs next
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_page_or_the_pages_rendering_to_too_much_html_are_left_out_named():
    """What a page renders to is bounded too, checked as soon as Markdown has written it: the
    page is published as one sentence, so nothing multiplies it (the book, search, the zip)."""
    src = "x.md"
    text = FRONT + "# X\n\nText.\n"
    site = build_site({src: text}, catalog.load())
    big = "<p>" + "x" * (limits.RENDERED_PAGE_CHARS + 1) + "</p>"
    reading, found = site.published(src, big, frozenset())
    assert [p.path for p in found] == ["docs/x.md"] and "renders to" in found[0].message
    assert len(reading) < 1000 and "left out" in reading
    assert limits.rendered_problem("docs/x.md", 5, 1000, 0) is None
    over_site = limits.rendered_problem("docs/x.md", 5, 1000, limits.RENDERED_SITE_CHARS)
    assert over_site is not None and over_site.line == 5 and "all pages" in over_site.message


def test_a_table_wider_than_a_table_may_be_is_named_at_its_rule():
    header = "|".join("a" * (limits.TABLE_COLUMNS + 1))
    rule = "|".join("-" * (limits.TABLE_COLUMNS + 1))
    text = "---\ntitle: T\n---\n\n# T\n\n" + header + "\n" + rule + "\nb|\n"
    assert [(p.line, p.message.split(",")[0]) for p in limits.check_limits("docs/t.md", text)] == [
        (8, f"a table of {limits.TABLE_COLUMNS + 1} columns")
    ]
    narrow = "---\ntitle: T\n---\n\n# T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n"
    assert limits.check_limits("docs/t.md", narrow) == []
