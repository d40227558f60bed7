"""The two-page cheat sheet's marker (`sheet:` in a page's front matter): each entry checked like
any command on the page, with the file and line of the entry, without MkDocs; then one strict
build that fails on a bad entry."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import ROOT

from cheatsheet import catalog
from cheatsheet.catalog_checks import check_page
from cheatsheet.cheat_sheet import (
    CAPACITY_LINES,
    SheetEntry,
    SheetTopic,
    build_date,
    check_entries,
    collect,
    estimate_lines,
    render_topics,
)
from cheatsheet.page import scan
from cheatsheet.printable import WRAP_MARK, wrap_code

BODY = """
# Fixture

## Lifecycle

```bash
docker container ls -a
docker container stop <container>
```

## Networks

Create one with `docker network create <network>`.

!!! legacy "Links"

    ```bash
    docker container run -d --link db:db nginx
    docker container port web
    ```
"""


def page(entries: str | None, extra: str = "", src: str = "fixture.md") -> tuple:
    """(src, title, scan, report) of a page whose front matter ends with `entries`."""
    head = "---\ntitle: Fixture\ndescription: A fixture page.\nsection: run\norder: 900\n" + extra
    if entries is not None:
        head += "sheet:\n" + "".join(f"  {line}\n" for line in entries.strip().split("\n"))
    text = head + "---\n" + BODY
    page_scan = scan(f"docs/{src}", text, src)
    return src, "Fixture", page_scan, check_page(page_scan, catalog.load())


def problems(entries: str | None, extra: str = "") -> list[str]:
    _, _, page_scan, report = page(entries, extra)
    assert report.problems == []  # the page itself is fine: what follows is the sheet's doing
    return [str(p) for p in check_entries(page_scan, report, catalog.load())[1]]


def test_good_entries_link_to_the_section_that_shows_the_command():
    _, _, page_scan, report = page(
        "docker container ls -a: list all containers\ndocker network create <network>: create a network"
    )
    entries, found = check_entries(page_scan, report, catalog.load())
    assert found == []
    assert [(e.command, e.canonical, e.anchor, e.line) for e in entries] == [
        ("docker container ls -a", "docker container ls", "lifecycle", 7),
        ("docker network create <network>", "docker network create", "networks", 8),
    ]


def test_a_bad_command_is_reported_on_its_entry_line():
    found = problems("docker container ls -a: list all containers\ndocker container ls --al: list them all")
    assert found == [
        "docs/fixture.md:8: `docker container ls` has no flag `--al` — did you mean `--all`?",
    ]


def test_an_unknown_command_is_reported_with_a_suggestion():
    found = problems("docker contaner ls: list containers")
    assert len(found) == 1 and found[0].startswith("docs/fixture.md:7: unknown command `docker contaner`")


def test_a_command_the_page_does_not_show_is_an_error():
    found = problems("docker volume ls: list the volumes")
    assert found == [
        "docs/fixture.md:7: the cheat sheet entry `docker volume ls` names `docker volume ls`, which this "
        "page does not show — show it in a code block or inline code on this page (outside a legacy "
        "admonition), or pick a command the page shows"
    ]


def test_a_command_shown_only_inside_a_legacy_admonition_does_not_count():
    found = problems("docker container port web: show published ports")
    assert len(found) == 1 and "which this page does not show" in found[0]


def test_legacy_syntax_in_an_entry_is_reported_as_legacy():
    found = problems("docker container run -d --link db:db nginx: link two containers")
    assert found and all(p.startswith("docs/fixture.md:7: ") for p in found)
    assert any("`--link` is legacy" in p for p in found)


@pytest.mark.parametrize(
    "command",
    [
        "docker container ls; docker container rm web",
        "docker container ls && docker container rm web",
        "docker container ls | docker container rm web",
        "docker container ls & docker container rm web",
    ],
)
def test_an_entry_that_runs_a_second_command_is_refused(command):
    """The sheet shows one command per line, and has no copy button to show the rest."""
    found = problems(f'"{command}": list them')
    assert any("runs more than one command" in p for p in found), found


def test_an_entry_with_a_substitution_or_quotes_is_one_command():
    assert problems('"docker container stop $(docker container ls -q)": stop every container') == []


def test_descriptions_are_short_plain_and_present():
    found = problems(
        "docker container ls -a: list every single container on this host, stopped or running\n"
        "docker container stop <container>: stop it with `SIGTERM`\n"
        "docker network create <network>:"
    )
    assert found == [
        "docs/fixture.md:7: the description of `docker container ls -a` has 10 words — say it in at most 8: "
        "the sheet has one short line per command",
        'docs/fixture.md:8: the description of `docker container stop <container>` uses markup ("`") — '
        "write plain words: the sheet shows the description as text",
        "docs/fixture.md:9: `docker network create <network>` has no description — say what it does in at "
        "most 8 words after the colon",
    ]


def test_sheet_must_be_the_last_key_and_a_mapping():
    _, _, page_scan, report = page(None, extra="sheet:\n  docker container ls -a: list all\nicon: material/cube\n")
    found = [str(p) for p in check_entries(page_scan, report, catalog.load())[1]]
    assert found == [
        "docs/fixture.md:6: `sheet:` is not the last key of the front matter — move the `sheet:` block below `icon:`"
    ]
    _, _, page_scan, report = page(None, extra="sheet: docker container ls -a\n")
    found = [str(p) for p in check_entries(page_scan, report, catalog.load())[1]]
    assert len(found) == 1 and "is not a list of `command: what it does` lines" in found[0]


def test_a_topic_without_entries_gets_a_note_and_the_home_page_does_not():
    topics, found, notes = collect([page(None), page(None, src="index.md")], catalog.load())
    assert topics == [] and found == []  # a note (INFO), not a problem: a first page still builds
    assert [str(p) for p in notes] == [
        "docs/fixture.md:1: the page has no cheat sheet entries — add a `sheet:` block as the last key of "
        "the front matter, with the page's essential commands (see CONTRIBUTING.md)"
    ]


def test_a_sheet_too_long_for_two_pages_is_reported():
    entries = "\n".join(f"docker container ls -a --filter name=web{i:03}: list the web containers" for i in range(40))
    pages = [page(entries, src=f"topic{n}.md") for n in range(8)]
    topics, found, _ = collect(pages, catalog.load())
    assert estimate_lines(topics) > CAPACITY_LINES
    assert [p for p in found if "would no longer fit on two printed pages" in str(p)]
    topics, found, _ = collect(pages[:1], catalog.load())
    assert estimate_lines(topics) < CAPACITY_LINES and found == []


def test_the_real_sheet_fits_its_own_estimate_and_has_every_topic():
    from cheatsheet.generated import CheatSheet
    from cheatsheet.site import build_site

    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    site = build_site(sources, catalog.load())
    assert [p for p in site.problems if "cheat sheet" in p.message] == []
    titled = {src for src in sources if src != "index.md"}
    sheet = site.generated[CheatSheet.src]
    assert isinstance(sheet, CheatSheet)
    assert {t.src for t in sheet.topics} == titled
    assert sum(len(t.entries) for t in sheet.topics) >= 80
    assert all(t.entries for t in sheet.topics)
    assert estimate_lines(sheet.topics) <= CAPACITY_LINES


def test_entries_render_as_text_with_placeholders_marked():
    topic = SheetTopic(
        "x.md", "A <b>title</b>", [SheetEntry("docker container stop <container>", "stop <it> & go", 7, "", "life")]
    )
    html = render_topics([topic], {"x.md": "../x.html"})
    placeholder = '<span class="cs-sheet-ph">&lt;container&gt;</span>'
    assert f'<a href="../x.html#life"><code>docker container stop {placeholder}</code></a>' in html
    assert "A &lt;b&gt;title&lt;/b&gt;" in html and "stop &lt;it&gt; &amp; go" in html


def test_build_date_follows_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1700000000"}) == datetime.date(2023, 11, 14)
    assert build_date({}) == datetime.datetime.now(datetime.UTC).date()


def test_long_code_lines_get_a_continuation_mark_between_words():
    words = " ".join(f"--opt{i}=&quot;v&quot;" for i in range(12))
    html = f'<pre><code><span class="nb">docker</span> run {words}\nshort line</code></pre><p>{"x " * 80}</p>'
    wrapped = wrap_code(html, 40)
    lines = re.sub(r"<(?!span class=\"cs-wrap)[^>]*>", "", wrapped.replace(WRAP_MARK, "|MARK|")).split("\n")
    first = lines[0].replace("&quot;", '"').split("|MARK|")
    assert len(first) > 2 and all(len(part) <= 40 for part in first)
    assert all(part.endswith(" ") for part in first[:-1]), "breaks fall after a space"
    assert wrapped.count("<p>") == 1 and WRAP_MARK not in wrapped.split("</pre>")[1], "only code is wrapped"
    assert "short line" in wrapped and wrap_code("<pre><code>short</code></pre>", 40) == "<pre><code>short</code></pre>"


BAD_ENTRY_PAGES = ("volumes.md",)


def prepare_bad_entry(project):
    path = project / "docs" / "volumes.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(lines.index("---", 1), "  docker volume lss: list the volumes")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_strict_build_fails_on_a_bad_entry_with_file_and_line(batched_variant):
    lines = (ROOT / "docs" / "volumes.md").read_text(encoding="utf-8").split("\n")
    end = lines.index("---", 1)  # the front matter's closing line; `sheet:` is the key above it
    # Built with other pages whose problems lie on their own pages; their lines are left out.
    build = batched_variant("own-pages", "bad-sheet-entry")
    assert build.returncode != 0
    assert [w for w in build.warnings if "docs/volumes.md:" in w] == [
        f"WARNING -  docs/volumes.md:{end + 1}: unknown command `docker volume lss` — did you mean `docker volume ls`?"
    ]
