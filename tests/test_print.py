"""The printable sheet: every topic in one document that Chromium prints to a clean PDF."""

from __future__ import annotations

import io
import re

import pytest
from conftest import ROOT
from pypdf import PdfReader

from cheatsheet.printable import combine

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


def test_print_to_pdf_succeeds_and_holds_every_topic_heading(browser, site):
    page = browser.new_page()
    page.goto((site / "print" / "index.html").as_uri())
    pdf = page.pdf(format="A4", print_background=False)
    page.close()
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    missing = [title for title in topic_titles() if title not in text]
    assert missing == []
    assert len(reader.pages) >= len(topic_titles()), "each topic starts on a new page"
    assert "Search" not in text.split("Printable cheat sheet", 1)[0], "no header or search in print"


def test_print_layout_hides_navigation_and_shows_link_targets(browser, site):
    page = browser.new_page()
    page.goto((site / "print" / "index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-search").is_hidden()
    external = page.locator('.cs-print-topic a[href^="https://docs.docker.com"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert "docs.docker.com" in after
    page.close()


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
