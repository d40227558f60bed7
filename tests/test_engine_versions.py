"""Engine versions (issue 27): the Engine/API table against the catalogue, what each command
line needs, the marks on the pages, the sheet and the index, the "New in Docker Engine" page,
a page's own claim, and the reader's version control in Chromium from disk with the network cut."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from conftest import site_markdown

from cheatsheet import catalog as catalog_module
from cheatsheet import cheat_sheet, engine_versions, new_in_engine
from cheatsheet.addresses import Place
from cheatsheet.catalog_checks import check_page
from cheatsheet.engine_versions import load_table, needs, version_key
from cheatsheet.page import PageScan, scan
from cheatsheet.site import build_site, read_sources

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def catalog():
    return catalog_module.load()


def min_api_versions(catalog) -> list[tuple[str, str]]:
    """(what, min_api_version) of every command and flag the catalogue gives one."""
    found = []
    for name, spec in catalog.commands.items():
        if spec.get("min_api_version"):
            found.append((name, spec["min_api_version"]))
        for flag, fspec in spec["flags"].items():
            if fspec.get("min_api_version"):
                found.append((f"{name} --{flag}", fspec["min_api_version"]))
    return found


# -- the table ---------------------------------------------------------------------------------


def test_the_api_table_agrees_with_the_reference_data_in_the_catalogue(catalog):
    table = load_table()
    releases = [r for r, _ in table.releases]
    apis = [version_key(a) for _, a in table.releases]
    assert releases == sorted(releases, key=version_key), "oldest first"
    assert apis == sorted(apis), "a newer Engine never serves an older API"
    assert dict(table.releases)[table.floor] == "1.41", "the floor, 20.10, serves API 1.41"
    assert table.source["commit"] and table.source["repo"] == "docker/docs"
    # The catalogue's CLI reference is one Engine release (docker/cli's tag): every minimum API
    # version it gives must be served by a release no newer than that one, or the table (or the
    # catalogue) is wrong.
    reference = catalog.data["sources"]["engine"]["ref"]
    reference_release = version_key(reference.split("v", 1)[1])[:2]
    given = min_api_versions(catalog)
    assert len(given) > 100
    for what, api in given:
        release = table.first_release(api)
        assert release is not None, f"{what}: no release in data/engine-api.yaml serves API {api}"
        assert version_key(release) <= reference_release, f"{what}: API {api} needs {release}, after {reference}"
    # Every API version from the floor to the newest the catalogue needs has its release.
    newest_needed = max(version_key(api) for _, api in given)
    served = {version_key(a) for _, a in table.releases}
    for minor in range(41, newest_needed[1] + 1):
        assert (1, minor, 0) in served, f"API 1.{minor} has no release in the table"


def test_a_command_line_needs_the_first_release_that_serves_its_api(catalog):
    table = load_table()
    tree = needs("docker image ls", ["tree"], catalog, table)
    assert [(n.release, n.name) for n in tree] == [("27.2", "--tree")]
    assert engine_versions.label("27.2") == "Engine 27.2+" and engine_versions.label("28.0") == "Engine 28+"
    # The newest need comes first; what the floor (20.10) already has is not listed.
    platform = needs("docker image save", ["platform", "output"], catalog, table)
    assert [(n.release, n.name) for n in platform] == [("28.0", "--platform")]
    assert needs("docker container run", ["rm", "interactive", "tty"], catalog, table) == []
    assert [n.release for n in needs("docker volume prune", ["all"], catalog, table)] == ["23.0"]
    # A flag the deprecation data names as a replacement came with the deprecation, and the old
    # form is what works before it.
    timeout = needs("docker container stop", ["timeout"], catalog, table)
    assert [(n.release, n.name, n.older) for n in timeout] == [("28.0", "--timeout", "--time")]


# -- marks -------------------------------------------------------------------------------------


def site_marks(catalog) -> dict[str, tuple[PageScan, dict[int, list[engine_versions.Mark]]]]:
    marks = {}
    for path in sorted(DOCS.glob("*.md")):
        page = scan(f"docs/{path.name}", path.read_text(encoding="utf-8"), path.name)
        marks[path.name] = (page, engine_versions.page_marks(page, check_page(page, catalog), catalog))
    return marks


def expected_newer(catalog, version: str) -> dict[str, int]:
    """Per topic page, the examples that need a newer Engine than `version`, as the catalogue
    says: each command line of a code block once, each inline command where it stands."""
    counts = {}
    for name, (page, marks) in site_marks(catalog).items():
        newer = {line: engine_versions.newest(m) for line, m in marks.items()}
        newer = {line: m for line, m in newer.items() if version_key(m.release) > version_key(version)}
        count = sum(1 for m in newer.values() if not m.code)
        codes = {m.code for m in newer.values() if m.code}
        count += sum(1 for span in page.spans if span.code in codes)
        if count:
            counts[name.removesuffix(".md") + ".html"] = count
    return counts


def test_the_site_marks_each_example_that_needs_more_than_the_floor(site, catalog):
    images = (site / "images.html").read_text(encoding="utf-8")
    # On the example that needs it, after its command: the release and the flag, linked to its
    # reference.
    assert re.search(
        r'<span class="cs-ex" id="ex-image-rm-platform[^"]*" data-command="docker image rm --platform [^"]*">'
        r'(?:(?!class="cs-ex").)*?'
        r'<span class="cs-since" data-since="28.2"><span class="cs-since__label">Engine 28.2\+</span> '
        r'\(<a href="https://docs.docker.com/reference/cli/docker/image/rm/#platform"[^>]*><code>--platform</code>',
        images,
    )
    # In the code block, on its own example's line, after the command and its explanation.
    before = images.split('data-since="27.2"', 1)[0]
    example = before.rsplit('<span class="cs-ex" ', 1)[1]
    assert 'data-command="docker image ls --tree"' in example
    assert "<pre" not in example and "</pre>" not in example
    assert re.sub(r"<[^>]+>", "", example.split(">", 1)[1]).strip().startswith("docker image ls --tree")
    # After an inline command in prose or a list.
    cleanup = (site / "cleanup.html").read_text(encoding="utf-8")
    assert re.search(r"<code>docker volume prune -a</code></a> <span class=\"cs-since\" data-since=\"23.0\">", cleanup)
    containers = (site / "containers.html").read_text(encoding="utf-8")
    assert 'data-since="28.0" data-older="--time"' in containers
    # Every mark the catalogue gives is on its page, and no other: counted against the floor.
    floor = load_table().floor
    for html_name, count in expected_newer(catalog, floor).items():
        text = (site / html_name).read_text(encoding="utf-8")
        shown = len(re.findall(r'<span class="cs-since" data-since="', text))
        assert shown == count, f"{html_name}: {shown} marks, the catalogue gives {count}"
    # The printable book repeats the topics' marks.
    book = (site / "print" / "index.html").read_text(encoding="utf-8")
    assert book.count('class="cs-since" data-since=') == sum(expected_newer(catalog, floor).values())


def test_the_printed_book_breaks_code_lines_by_the_code_alone_and_never_inside_a_mark(catalog):
    """A mark hung on an example is not code: the book's line breaking counts none of its
    columns and leaves it whole."""
    from cheatsheet.printable import WRAP_COLUMNS, WRAP_MARK, wrap_code

    found = needs("docker image ls", ["tree"], catalog, load_table())
    mark = engine_versions.mark_html(engine_versions.Mark(1, "docker image ls", "", tuple(found)))
    fits = "docker image ls --tree " + "x" * (WRAP_COLUMNS - 30)
    block = f'<pre><code><span class="cs-ex">{fits}{mark}</span>\n</code></pre>'
    assert wrap_code(block) == block, "the code fits: the mark's text does not count"
    long = "word " * (WRAP_COLUMNS // 5 + 4)
    wrapped = wrap_code(f"<pre><code>{long}{mark}\n</code></pre>")
    assert wrapped.count(WRAP_MARK) == 1 and mark in wrapped


def test_the_command_index_has_a_since_column(site):
    index = (site / "commands.html").read_text(encoding="utf-8")
    assert '<th scope="col">Since</th>' in index
    found = re.search(r'<tr id="docker-image-ls">.*?</tr>', index)
    assert found
    row = found.group(0)
    assert '<code>--tree</code>: <span class="cs-since__label">Engine 27.2+</span>' in row
    plain = re.search(r'<tr id="docker-container-run">.*?</tr>', index)
    assert plain and "cs-since" not in plain.group(0), "nothing newer than the floor is used with it"


def test_the_sheet_marks_an_entry_that_needs_a_newer_engine(catalog):
    topic = cheat_sheet.SheetTopic(
        "images.md",
        "Images",
        [
            cheat_sheet.SheetEntry("docker image ls --tree", "images per platform", 5, "docker image ls", ""),
            cheat_sheet.SheetEntry("docker image ls", "list images", 6, "docker image ls", ""),
        ],
    )
    html = cheat_sheet.render_topics(
        [topic], {"images.md": "../images.html"}, lambda c: engine_versions.command_mark(c, catalog)
    )
    first, second = html.split("<li>")[1:]
    assert "Engine 27.2+" in first and "--tree" in first
    assert "cs-since" not in second


def test_the_new_in_engine_page_lists_each_release_with_its_commands_and_flags(site):
    page = (site / "new-in-engine.html").read_text(encoding="utf-8")
    for major in range(29, 22, -1):
        assert f'<h2 id="engine-{major}">Engine {major}' in page
    sections = dict(re.findall(r'<h2 id="engine-(\d+)">.*?</h2>(.*?)(?=<h2 |$)', page, re.S))
    assert "docker image ls --tree" in sections["27"] and "27.2" in sections["27"]
    assert "docker image rm --platform" in sections["28"]
    assert "docker container commit --no-pause" in sections["29"] and "Deprecated" in sections["29"]
    assert "--health-start-interval" in sections["25"]
    # Where the site shows it: a link to the section.
    assert re.search(r'href="images.html#removing-images"', sections["28"])
    assert re.search(r'href="legacy.html#docker-commit-pause"', sections["29"])


def test_the_new_in_page_and_the_marks_agree(catalog):
    changes = new_in_engine.collect([], catalog)
    added = {c.name: c.release for c in changes if c.kind == "added"}
    for what, api in min_api_versions(catalog):
        release = load_table().first_release(api)
        assert release
        if (
            load_table().above_floor(release)
            and catalog.commands[what.split(" --")[0]]["source"] == "engine"
            and not catalog.commands[what.split(" --")[0]]["flags"].get(what.partition(" --")[2], {}).get("hidden")
        ):
            assert added.get(what) == release, what


# -- a page's own claim --------------------------------------------------------------------------


PAGE = """---
title: Claims
engine: 24.0
---

# Claims

```bash
docker image ls --tree
docker container run --rm alpine:3.22 true
```

## Platforms (Engine 28+)

```bash
docker image history --platform linux/arm64 alpine:3.22
docker image rm --platform linux/arm64 alpine:3.22
```
"""


def test_a_page_that_claims_an_older_engine_than_its_examples_fails_with_line_and_fix(catalog):
    sources, _ = read_sources({"claims.md": PAGE.encode()})
    site = build_site(sources, catalog)
    found = [str(p) for p in site.problems if "which needs Engine" in p.message]
    assert len(found) == 2, found
    tree, platform = found
    assert tree.startswith("docs/claims.md:9: `docker image ls` uses `--tree`, which needs Engine 27.2+")
    assert "front matter says Engine 24" in tree and "set `engine: 27.2`" in tree
    # A heading's claim speaks for its section: 28.0 is enough for `history`, not for `rm`.
    assert platform.startswith("docs/claims.md:17: `docker image rm` uses `--platform`, which needs Engine 28.2+")
    assert "the heading on line 13" in platform and "write `Engine 28.2+` in that heading" in platform


def test_an_engine_claim_that_is_not_a_version_is_reported(catalog):
    sources, _ = read_sources({"claims.md": PAGE.replace("engine: 24.0", "engine: latest").encode()})
    site = build_site(sources, catalog)
    assert any(str(p).startswith("docs/claims.md:3: `engine:` is not an Engine version") for p in site.problems)


# -- the reader's version, in Chromium -----------------------------------------------------------

DOCKER_VERSION = """Client: Docker Engine - Community
 Version:           27.1.1
 API version:       1.46
 Go version:        go1.21.12

Server: Docker Engine - Community
 Engine:
  Version:          24.0.7
  API version:      1.43 (minimum version 1.12)
"""


def open_control(page):
    page.locator(".cs-engine-button").click()
    box = page.get_by_label("Version, or paste the output of docker version")
    assert box.evaluate("e => e === document.activeElement")
    return box


def newer_marks(page) -> int:
    return page.locator("article .cs-since--newer").count()


@pytest.mark.browser
def test_a_typed_engine_version_marks_every_example_that_needs_a_newer_one(offline_page, site, catalog):
    page = offline_page
    expected = expected_newer(catalog, "24.0")
    assert sum(expected.values()) >= 5 and "images.html" in expected
    page.goto((site / "images.html").as_uri())
    assert newer_marks(page) == 0
    box = open_control(page)
    box.press_sequentially("24.0", delay=10)
    box.press("Enter")
    status = page.locator("#cs-engine-panel [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert f"{expected['images.html']} examples on this page need a newer Engine" in status.inner_text()
    assert "Engine 24.0" in page.locator(".cs-engine-button").inner_text()
    mark = page.locator("article .cs-since--newer", has_text="--platform").first
    assert re.search(r"needs 28(\.\d)?\+, you have 24\.0", mark.inner_text())
    # The older form, where the data knows one.
    # Every page: the marks the catalogue gives above 24.0, and none on the others. Remembered.
    total = 0
    for html_path in sorted(site.glob("*.html")):
        # The command index and the new-in-Engine page list versions without marking examples.
        if html_path.name in ("404.html", "commands.html", "new-in-engine.html"):
            continue
        page.goto(html_path.as_uri())
        shown = page.eval_on_selector_all(
            "article .cs-since[data-since]:not(.cs-index .cs-since)",
            "els => els.map(e => [e.getAttribute('data-since'), e.classList.contains('cs-since--newer')])",
        )
        newer = [since for since, marked in shown if marked]
        assert all(version_key(s) > (24, 0, 0) for s in newer), html_path.name
        assert all(marked for since, marked in shown if version_key(since) > (24, 0, 0)), html_path.name
        assert len(newer) == expected.get(html_path.name, 0), html_path.name
        total += len(newer)
    assert total == sum(expected.values()), "the count matches the catalogue's"
    page.goto((site / "containers.html").as_uri())
    stop = page.locator("article .cs-since--newer", has_text="--timeout")
    assert "older Engines use --time" in stop.inner_text()
    # Clearing removes every mark.
    open_control(page)
    page.locator(".cs-engine__clear").click()
    assert newer_marks(page) == 0 and page.locator(".cs-since__yours").count() == 0
    assert "cleared" in page.locator("#cs-engine-panel [role=status]").inner_text()
    page.goto((site / "images.html").as_uri())
    assert newer_marks(page) == 0, "cleared for every page"
    assert page.foreign_requests == [] and page.errors == []


@pytest.mark.browser
def test_pasted_docker_version_output_reads_the_lower_of_client_and_server(offline_page, site, catalog):
    page = offline_page
    page.goto((site / "images.html").as_uri())
    box = open_control(page)
    page.keyboard.insert_text(DOCKER_VERSION)  # as a paste: Chromium fires input, not keys
    box.dispatch_event("paste")
    status = page.locator("#cs-engine-panel [role=status]")
    status.filter(has_text="24.0.7").wait_for()
    assert "client 27.1.1, server 24.0.7" in status.inner_text()
    assert newer_marks(page) == expected_newer(catalog, "24.0.7")["images.html"]
    assert "you have 24.0.7" in page.locator("article .cs-since--newer").first.inner_text()
    # Picked from the list: 28.2 leaves only what needs a newer one.
    page.locator("#cs-engine-pick").select_option("28.2")
    assert newer_marks(page) == expected_newer(catalog, "28.2").get("images.html", 0)
    assert page.foreign_requests == [] and page.errors == []


@pytest.mark.browser
def test_a_code_line_mark_sits_on_its_example_and_is_never_copied_or_explained(browser, served):
    """The mark hangs on the example that needs it, inside the code block and within its edges,
    and reads as text; the copy button copies the commands as written and the explain button
    sends them, both without the mark."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(served + "images.html")
        example = page.locator('.cs-ex[data-command="docker image ls --tree"]')
        mark = example.locator(".cs-since")
        assert mark.inner_text().startswith("Engine 27.2+") and "--tree" in mark.inner_text()
        assert mark.is_visible()
        pre = page.locator("pre", has=mark)
        box, code = mark.bounding_box(), pre.locator("> code").bounding_box()
        assert box and code and code["x"] <= box["x"] and box["x"] + box["width"] <= code["x"] + code["width"] + 0.5
        written = pre.locator("> code").evaluate(
            "code => { const c = code.cloneNode(true); c.querySelectorAll('.cs-since').forEach(m => m.remove());"
            " return c.textContent; }"
        )
        commands = pre.locator("> code").evaluate(  # what the copy button gives: no comments either
            "code => { const c = code.cloneNode(true);"
            " c.querySelectorAll('.cs-since, .cs-ex__why').forEach(m => m.remove()); return c.textContent; }"
        )
        assert "docker image ls --tree" in written and "Engine" not in written
        pre.scroll_into_view_if_needed()
        pre.hover()
        pre.locator(".md-code__button[data-md-type=copy]").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == commands.rstrip(), "the copy is the commands as written, without the mark"
        explain = pre.locator(".cs-explain-button")
        explain.focus()
        sent = page.evaluate(
            "href => decodeURIComponent(href.split('#cmd=')[1])", explain.get_attribute("href") or "#cmd="
        )
        assert sent == written.rstrip("\n")
    finally:
        context.close()
    assert errors == []


def test_a_place_link_shows_its_heading_as_the_page_does():
    """A heading that writes `&lt;` shows `<` on its page, and so in the link to it; nothing in
    it becomes markup."""
    heading = "Use &lt;b&gt; and <i>not</i> *this*"
    html = site_markdown().convert(new_in_engine._place_links([Place("a.md", "Topic", "x", heading)]))
    assert html.count("<") == 4, html  # <p><a …>…</a></p>: nothing of the heading is markup
    assert htmllib.unescape(re.sub(r"<[^>]*>", "", html)) == "Topic › Use <b> and <i>not</i> *this*"


def test_a_heading_copied_into_the_page_brings_no_markdown_with_it():
    """A heading's text goes into the generated page's Markdown; what would be syntax there
    (keys, attr_list with a class of the site's own, a link) stays the text it was, so a page
    cannot dress part of another page as the site's interface (the fifth attacker's update banner)."""
    heading = 'Commit ++"A new version — Reload"++`{: .cs-update }` [x](https://x.example) ==m== ^^c^^ ~~t~~ :smile:'
    shown = heading.replace("`", "")
    link = new_in_engine._place_links([Place("a.md", "Topic", "x", shown)])
    html = site_markdown().convert(link)
    assert html.count("<") == 4 and "class=" not in html, html  # <p><a …>…</a></p>, nothing else
    assert htmllib.unescape(re.sub(r"<[^>]*>", "", html)) == f"Topic › {shown}"


def test_a_deprecated_features_name_from_the_catalogue_is_text_in_its_row():
    """A feature's name comes from data/catalog.json (a pull request can change it) and goes into
    the page's Markdown table: a link and an attr_list class in it stay text."""
    name = "[A new version is available — Reload](https://attacker.example/update){: .cs-update } | x"
    for href in ("", "legacy.md#row"):
        row = new_in_engine._row(new_in_engine.Change("28.2", "deprecated", name, href, ()))
        html = site_markdown().convert("| R | C | N | S |\n| --- | --- | --- | --- |\n" + row)
        cell = re.findall(r"<td>(.*?)</td>", html)[2]
        assert "attacker.example" not in re.findall(r'href="([^"]*)"', cell).__str__() and "class=" not in cell, cell
        assert htmllib.unescape(re.sub(r"<[^>]*>", "", cell)) == name, cell


def test_a_replacement_from_the_catalogue_stays_one_line_of_text_in_a_legacy_note():
    """The replacement goes into the page's own Markdown, inside its legacy admonition: a newline,
    an admonition or a link in it once put a fake "Security notice" with an outside link on every
    page that showed the feature (the seventh attacker's)."""
    from cheatsheet.legacy_map import legacy_note

    feature = {
        "feature": "docker commit --pause",
        "match": ["--pause"],
        "deprecated": "28.0",
        "removed": None,
        "replacement": '`--no-pause`\n\n!!! danger "Security notice"\n    [Install](https://docker-update.example/)'
        "\n\n## Urgent",
    }
    text = "!!! legacy\n\n    " + legacy_note(feature)  # type: ignore[arg-type]
    html = site_markdown().convert(text)
    assert html.count('<div class="admonition') == 1 and "<h2" not in html, html
    assert "docker-update.example" not in re.findall(r'href="([^"]*)"', html).__str__(), html
    assert "<code>--no-pause</code>" in htmllib.unescape(html)
