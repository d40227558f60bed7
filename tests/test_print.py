"""The printable sheet: every topic in one document that Chromium prints to a clean PDF."""

from __future__ import annotations

import io
import os
import re

import pytest
from conftest import ROOT
from pypdf import PdfReader

from cheatsheet import cheat_sheet
from cheatsheet.printable import PRINT_TITLE, combine

pytestmark = pytest.mark.browser


def topic_titles() -> list[str]:
    titles = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name == "index.md":
            continue
        match = re.search(r"^title:\s*(.+)$", page.read_text(encoding="utf-8"), re.M)
        assert match, f"{page.name} has no title"
        titles.append(match.group(1).strip())
    return titles


@pytest.fixture(scope="module")
def book_pdf(browser, site) -> PdfReader:
    """The printable book printed to A4 by Chromium, once for the tests that read the PDF (a
    print of every topic is the slowest thing a test here does)."""
    page = browser.new_page()
    page.goto((site / "print" / "index.html").as_uri())
    pdf = page.pdf(format="A4", print_background=False)
    page.close()
    return PdfReader(io.BytesIO(pdf))


@pytest.mark.xdist_group("book-pdf")
def test_print_to_pdf_succeeds_and_holds_every_topic_heading(book_pdf):
    text = " ".join(" ".join(p.extract_text().split()) for p in book_pdf.pages)
    missing = [title for title in topic_titles() if title not in text]
    assert missing == []
    assert len(book_pdf.pages) >= len(topic_titles()), "each topic starts on a new page"
    assert "Search" not in text.split(PRINT_TITLE, 1)[0], "no header or search in print"


def test_print_layout_hides_navigation_and_shows_link_targets(offline_page, site):
    page = offline_page
    page.goto((site / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-search").is_hidden()
    external = page.locator('.cs-print-topic a[href^="https://docs.docker.com"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert "docs.docker.com" in after


def test_combined_topics_keep_links_inside_the_document():
    html = combine(
        [
            (
                "containers.html",
                '<h2 id="lifecycle">L</h2><a href="#lifecycle">x</a><a href="volumes.html#bind">v</a>'
                '<a href="commands.html#docker-ps">c</a><a href="https://docs.docker.com/">d</a>',
            ),
            ("volumes.html", '<h2 id="bind">B</h2>'),
        ]
    )
    assert 'id="topic-containers--lifecycle"' in html and 'href="#topic-containers--lifecycle"' in html
    assert 'href="#topic-volumes--bind"' in html
    assert 'href="../commands.html#docker-ps"' in html
    assert 'href="https://docs.docker.com/"' in html
    assert html.count('<section class="cs-print-topic"') == 2


# -- the two-page cheat sheet (sheet/) ------------------------------------------------------------


def sheet_topics() -> dict[str, str]:
    """Title of every topic page (every page but the home page), by file name."""
    found = {}
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name != "index.md":
            title = re.search(r"^title:\s*(.+)$", page.read_text(encoding="utf-8"), re.M)
            assert title, page
            found[page.name] = title.group(1).strip()
    return found


def contrast_on_white(rgba: list[float]) -> float:
    """WCAG contrast ratio of a CSS colour (alpha blended onto white) against white."""
    alpha = rgba[3] if len(rgba) > 3 else 1.0
    channels = [(c * alpha + 255 * (1 - alpha)) / 255 for c in rgba[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def site_url() -> str:
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert found
    return found.group(1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sheet_prints_on_two_pages_of_a4_and_of_letter(browser, site, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto((site / "sheet" / "index.html").as_uri())
    counts = {}
    for paper in ("A4", "Letter"):
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        counts[paper] = len(reader.pages)
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        missing = [title for title in sheet_topics().values() if title not in text]
        assert missing == [], f"{paper}: topics missing from the printed sheet"
        assert "docker container ls -a" in text
    context.close()
    print(f"sheet pages ({scheme}): {counts}")
    assert counts["A4"] <= 2 and counts["Letter"] <= 2, counts


def test_sheet_has_every_topic_and_at_least_80_entries_each_linked_to_an_anchor(offline_page, site):
    page = offline_page
    page.goto((site / "sheet" / "index.html").as_uri())
    topics = page.evaluate(
        """() => [...document.querySelectorAll('.cs-sheet-topic')].map(t => ({
              title: t.querySelector('h2').textContent,
              links: [...t.querySelectorAll('li a')].map(a => a.href)}))"""
    )
    assert sorted(t["title"] for t in topics) == sorted(sheet_topics().values())
    assert all(t["links"] for t in topics), "every topic has at least one entry"
    links = [href for t in topics for href in t["links"]]
    assert len(links) >= 80
    by_page: dict[str, set[str]] = {}
    for href in links:
        url, _, fragment = href.partition("#")
        by_page.setdefault(url, set()).add(fragment)
    for url, fragments in by_page.items():
        page.goto(url)
        ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
        missing = {f for f in fragments if f} - ids
        assert missing == set(), f"{url} has no anchors {missing}"


def test_sheet_is_a_grid_on_screen_and_one_column_on_a_phone(browser, site):
    columns = {}
    for width in (1280, 375):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((site / "sheet" / "index.html").as_uri())
        lefts = page.evaluate(
            "() => [...document.querySelectorAll('.cs-sheet-topic')]"
            ".map(t => Math.round(t.getBoundingClientRect().left))"
        )
        columns[width] = len(set(lefts))
        page.close()
    assert 3 <= columns[1280] <= 4 and columns[375] == 1, columns


def test_sheet_print_layout_is_light_readable_and_without_controls(browser, site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto((site / "sheet" / "index.html").as_uri())
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == "slate", "dark mode is on"
    page.emulate_media(media="print", color_scheme="dark")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".md-top"):
        assert page.locator(selector).first.is_hidden(), selector
    styles = page.evaluate(
        """() => {
          const rgb = c => c.match(/[\\d.]+/g).map(Number);
          const texts = [...document.querySelectorAll('.md-content *')].filter(e =>
            e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim()));
          return {
            minFont: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
            background: rgb(getComputedStyle(document.body).backgroundColor),
            colours: texts.map(e => rgb(getComputedStyle(e).color)),
            footer: document.querySelector('.cs-sheet-footer').textContent,
          };
        }"""
    )
    assert styles["minFont"] >= 10, "body text at least 7.5 pt (10 CSS px) in print"
    assert min(styles["background"][:3]) >= 250, "white paper in dark mode"
    assert min(contrast_on_white(c) for c in styles["colours"]) >= 4.5, "dark text on the white paper"
    assert site_url().rstrip("/") + "/sheet/index.html" in styles["footer"]
    assert re.search(r"built \d{4}-\d{2}-\d{2}", styles["footer"])
    context.close()


def test_sheet_footer_date_follows_source_date_epoch(project, tmp_path):
    from conftest import run_build

    env_before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        build = run_build(project, tmp_path / "site")
    finally:
        if env_before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = env_before
    assert build.returncode == 0, build.output
    assert "built 2023-11-14" in (build.site / "sheet" / "index.html").read_text(encoding="utf-8")


# -- the printable book (print/): first page, buttons, long lines --------------------------------


@pytest.mark.xdist_group("book-pdf")
def test_print_first_page_starts_the_first_topic(offline_page, site, book_pdf):
    page = offline_page
    page.goto((site / "print" / "index.html").as_uri())
    first_topic = page.locator(".cs-print-topic h1").first.evaluate("h => h.firstChild.textContent").strip()
    first = " ".join(book_pdf.pages[0].extract_text().split())
    assert PRINT_TITLE in first and first_topic in first
    assert len(first) > 1000, "page one is filled, not just the introduction"


def test_print_hides_code_buttons_and_marks_wrapped_code_lines(offline_page, site):
    page = offline_page
    page.goto((site / "print" / "index.html").as_uri())
    page.wait_for_selector(".md-code__button", state="attached")
    marks = page.locator(".cs-wrap")
    assert marks.count() > 0
    screen = marks.first.evaluate("m => getComputedStyle(m, '::before').content")
    assert screen in ("none", "normal"), "the mark shows in print only"
    assert page.locator('.md-content a[href="../sheet/index.html"]').count() == 1, "the introduction links to the sheet"
    page.emulate_media(media="print")
    for selector in (".md-code__button", ".md-clipboard", ".md-header", ".md-search"):
        assert page.evaluate(
            f"() => [...document.querySelectorAll('{selector}')].every(e => e.offsetParent === null)"
        ), selector
    assert "\u21a9" in marks.first.evaluate("m => getComputedStyle(m, '::before').content")


def test_a_sheet_as_long_as_the_fit_warning_allows_still_prints_on_two_pages(offline_page, site):
    """The build warns above CAPACITY_LINES estimated lines: a sheet padded with copies of its
    own topics up to that estimate must still print on two pages, or the warning comes too late."""
    from cheatsheet import catalog
    from cheatsheet.cheat_sheet import CAPACITY_LINES, estimate_lines
    from cheatsheet.generated import CheatSheet
    from cheatsheet.site import build_site

    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    sheet = build_site(sources, catalog.load()).generated[CheatSheet.src]
    assert isinstance(sheet, CheatSheet)
    topics = sheet.topics
    padded, extra = estimate_lines(topics), 0
    while padded + estimate_lines([topics[extra % len(topics)]]) <= CAPACITY_LINES:
        padded += estimate_lines([topics[extra % len(topics)]])
        extra += 1
    page = offline_page
    page.goto((site / "sheet" / "index.html").as_uri())
    page.evaluate(
        """n => { const sheet = document.querySelector('.cs-sheet');
                  const own = [...sheet.children];
                  for (let i = 0; i < n; i++) sheet.append(own[i % own.length].cloneNode(true)); }""",
        extra,
    )
    counts = {paper: len(PdfReader(io.BytesIO(page.pdf(format=paper))).pages) for paper in ("A4", "Letter")}
    assert counts == {"A4": 2, "Letter": 2}, (padded, extra, counts)


def test_pages_whose_paths_read_alike_keep_their_own_ids_in_the_book_and_the_sheet():
    """`best/practices.md` and `best-practices.md` once shared an id: the book's links to the real
    Best practices jumped to the page placed first (the sixth attacker's)."""
    html = combine(
        [
            ("best/practices.html", '<h2 id="pins">Mine</h2>'),
            ("best-practices.html", '<h2 id="pins">Real</h2>'),
            ("security.html", '<a href="best-practices.html#pins">more</a>'),
        ]
    )
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), ids
    target = re.search(r'<a href="#([^"]+)">more</a>', html)
    assert target and re.search(rf'id="{target.group(1)}">Real<', html), html
    sheet = cheat_sheet.render_topics(
        [
            cheat_sheet.SheetTopic(src, title, [])
            for src, title in (("best/practices.md", "A"), ("best-practices.md", "B"))
        ],
        {"best/practices.md": "../best/practices.html", "best-practices.md": "../best-practices.html"},
    )
    ids = re.findall(r'<h2 id="([^"]+)"', sheet)
    assert len(ids) == 2 == len(set(ids)), ids


def test_links_and_images_of_a_page_in_a_folder_keep_their_targets_in_the_book():
    """The book sits in print/: a page's relative links are read from the page's own folder
    first (`docs/a/b/deep.md`'s `../../pic.png` once became `../../../pic.png`, above the site)."""
    html = combine(
        [
            ("a/b/deep.html", '<a href="../../tips.html#x">t</a><img src="../../pic.png"><a href="more.html">m</a>'),
            ("tips.html", '<h2 id="x">X</h2>'),
        ]
    )
    assert '<a href="#topic-tips--x">t</a>' in html
    assert '<img src="../pic.png">' in html and '<a href="../a/b/more.html">m</a>' in html
