"""Generated pages: one shape (cheatsheet/generated/), one tuple, whatever order MkDocs uses."""

from __future__ import annotations

from collections.abc import Sequence

import markdown

from cheatsheet import catalog, navigation, printable
from cheatsheet.findings import CheckedPage
from cheatsheet.generated import PAGES, CheatSheet, Fill, GeneratedPage, PrintableBook, Stage
from cheatsheet.html_parts import RELATED_CLASS
from cheatsheet.printable import MARKER
from cheatsheet.site import Site, build_site

SOURCES = {
    "index.md": "---\ntitle: Home\n---\n\n# Home\n\nWelcome. See [the glossary](glossary.md#terms).\n",
    "a.md": "---\ntitle: Alpha\n---\n\n# Alpha\n\n```bash\ndocker container ls --all\n```\n",
    "b.md": "---\ntitle: Beta\n---\n\n# Beta\n\n```bash\ndocker container ls --all\ndocker image ls\n```\n",
}


class Glossary(GeneratedPage):
    """A page as a contributor would add one: one class, one entry in the tuple."""

    src = "glossary.md"
    title = "Glossary"
    nav_title = "Terms"
    order = 40
    stage = Stage.AFTER_SEARCH

    def __init__(self, site: Site, topics: Sequence[CheckedPage]) -> None:
        super().__init__(site, topics)
        self.titles = [topic.title for topic in topics]

    def markdown(self) -> str:
        return "# Glossary\n\n<!-- terms -->\n"

    def anchors(self) -> set[str]:
        return {"glossary", "terms"}

    def fill(self, html: str, fill: Fill) -> str:
        return html.replace(
            "<!-- terms -->", '<dl id="terms">' + "".join(f"<dt>{t}</dt>" for t in self.titles) + "</dl>"
        )


def _nav_titles(site: Site) -> list[str]:
    return [str(entry) for entry in site.nav]


def test_a_new_page_is_one_class_and_one_entry_in_the_tuple():
    site = build_site(SOURCES, catalog.load(), pages=(*PAGES, Glossary))
    assert "Terms" in str(site.nav)
    assert not [p for p in site.problems if "glossary" in p.message]  # the link to its anchor resolves
    assert site.generated["glossary.md"].markdown().startswith("# Glossary")
    without = build_site(SOURCES, catalog.load())
    assert "Terms" not in str(without.nav)
    assert [p for p in without.problems if "glossary.md" in p.message]  # the same link is now broken
    site.urls = {src: src.removesuffix(".md") + "/" for src in [*SOURCES, *site.generated]}
    site.published("glossary.md", '<h1 id="glossary">Glossary</h1>\n<!-- terms -->', frozenset())
    terms = "".join(f"<dt>{site.pages[src].nav.title}</dt>" for src in site.topics)  # type: ignore[union-attr]
    assert site.finished("glossary.md", None) == f'<h1 id="glossary">Glossary</h1>\n<dl id="terms">{terms}</dl>'


def test_a_page_left_out_of_the_tuple_is_not_generated_and_a_file_of_its_name_is_allowed():
    pages = tuple(p for p in PAGES if p is not CheatSheet)
    sources = {**SOURCES, CheatSheet.src: "---\ntitle: Mine\n---\n\n# Mine\n"}
    site = build_site(sources, catalog.load(), pages=pages)
    assert CheatSheet.src not in site.generated and CheatSheet.src in site.pages
    assert "Two-page cheat sheet" not in str(site.nav)
    clash = build_site(sources, catalog.load())
    assert [p for p in clash.problems if p.path == f"docs/{CheatSheet.src}" and "generated" in p.message]


def test_without_the_section_the_built_pages_go_to_the_build_names_the_data_file(monkeypatch):
    kept = [section for section in navigation.load_sections() if section["key"] != "reference"]
    monkeypatch.setattr(navigation, "load_sections", lambda: kept)
    site = build_site(SOURCES, catalog.load())
    [problem] = [p for p in site.problems if p.path == "data/sections.yaml"]
    assert problem.line == 1 and "`reference`" in problem.message and "Command index" in problem.message
    assert "- key: reference" in problem.fix
    assert "Command index" not in str(site.nav)


def _book(order: str) -> tuple[str, dict[str, str]]:
    """The printable book's HTML when MkDocs builds it before (`first`) or after (`last`) the
    topics, and each topic's own finished HTML."""
    site = build_site(SOURCES, catalog.load())
    site.urls = {src: src.removesuffix(".md") + ".html" for src in [*SOURCES, *site.generated]}
    for src in SOURCES:
        code = markdown.markdown(
            "```bash\ndocker container ls --all\n```\n",
            extensions=["pymdownx.superfences", "pymdownx.highlight"],
            extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}},
        )
        site.published(src, f'<h1 id="{src[0]}">{src}</h1>\n{code}', frozenset())
    site.published(PrintableBook.src, f"<h1>Book</h1>\n{MARKER}", frozenset())
    book = site.finished(PrintableBook.src, None) if order == "first" else None
    topics = {src: site.finished(src, None) or "" for src in SOURCES}
    book = book or site.finished(PrintableBook.src, None)
    assert book is not None
    return book, topics


def test_the_book_holds_the_finished_topics_whether_it_is_built_first_or_last():
    (first, topics), (last, _) = _book("first"), _book("last")
    assert first == last
    # Finished: with the flag marks and related topics added once search has read a page (the
    # book keeps the marks and drops the box).
    assert f'<nav class="{RELATED_CLASS}"' in topics["a.md"]
    assert first.count('class="cs-flag"') == 2
    expected = [(src.removesuffix(".md") + ".html", topics[src]) for src in ("a.md", "b.md")]
    assert first == f"<h1>Book</h1>\n{printable.combine(expected, 'print/index.html')}"
    assert 'id="topic-index"' not in first  # the home page is an introduction, not a topic
