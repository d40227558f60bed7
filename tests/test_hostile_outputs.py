"""What the build writes outside a page's cleaned content: the theme's table of contents, the
search index, the build's own messages. None of it may carry what a page wrote as markup, or as
a log line of its own. Each class here once passed a strict build: a fresh attacker's pull
requests (2026-12-07) put a meta refresh, a full-page overlay and a copy-button target into the
table of contents through a heading's id, a redirect into every page's search results through a
code comment, and a CI workflow command into the build log through a front-matter value."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hostile import line_of, page_text

from cheatsheet import search

REFRESH = 'meta/http-equiv="refresh"/content="0;url=https://evil.example/"'
# A heading id that breaks out of the table of contents' `href="#…"`: name -> (Markdown, needle
# on the line the error must name). Spaces would trip another check, so the payloads use `/`.
TOC_CASES: dict[str, tuple[str, str]] = {
    # The page scan reads `\`` … `` ` `` as a code span; Markdown reads a literal backtick.
    "toc-escaped-backtick": (
        f"# Toc\n\nText.\n\n## Heading \\` {{ id='zz\"><{REFRESH}`' }}\n\nText.\n",
        "## Heading",
    ),
    # An indented "fence" after a paragraph is a lazy continuation line to Markdown, a code
    # block to the page scan: the heading between two of them is no heading to the scan.
    "toc-lazy-fence": (
        f"# Toc\n\nSome paragraph text\n    ```text\n## Heading {{ id='yy\"><{REFRESH}' }}\n\nMore text\n    ```\n",
        "## Heading",
    ),
    # No `<` at all: an attribute of the theme's own link.
    "toc-style": ('# Toc\n\nText.\n\n## Cover { id=\'c"/style="position:fixed;inset:0"/x="\' }\n\nText.\n', "## Cover"),
    # Entities in the id: the table of contents unescapes them.
    "toc-entities": ("# Toc\n\nText.\n\n## Ent { id='e&quot;&gt;&lt;b&gt;x&lt;/b' }\n\nText.\n", "## Ent"),
    # Nothing that breaks out, but no plain word either: the allow-list, not a list of dangers.
    "toc-dotted": ("# Toc\n\nText.\n\n## Dotted { id='v1.2:x' }\n\nText.\n", "## Dotted"),
}
ORDER = {name: 800 + i for i, name in enumerate(TOC_CASES)}
_HREF = re.compile(r"#[A-Za-z0-9_-]+")


TOC_PAGES = (*(f"hostile-{name}.md" for name in TOC_CASES), "hostile-log.md")


def prepare_toc(project):
    for name, (body, _) in TOC_CASES.items():
        (project / "docs" / f"hostile-{name}.md").write_text(page_text(name, ORDER[name], body), encoding="utf-8")
    (project / "docs" / "hostile-log.md").write_text(page_text("log", 899, LOG_INJECTION), encoding="utf-8")


@pytest.fixture(scope="module")
def toc_build(batched_variant):
    # Built with other pages whose problems lie on their own pages; their lines are left out.
    return batched_variant("own-pages", "hostile-toc")


# What MkDocs itself quotes of a page: it decodes a link's `%0A` before it reports the target
# missing. A third attacker's link in an admonition title (which the project's checker does not
# read) printed a line of its own to the build log, a GitHub Actions command.
LOG_INJECTION = (
    '# Log\n\nText.\n\n!!! note "See [the guide](./guide%0A::error%20file=docs/index.md,line=1::Build%20failed.md)"\n\n'
    "    Body.\n\n| a |\n| - |\n| [x](./y%0D%0A::warning::z.md) |\n"
)


@pytest.mark.parametrize("name", list(TOC_CASES))
def test_a_heading_id_that_is_not_a_plain_word_fails_the_build_on_its_line(toc_build, name):
    body, needle = TOC_CASES[name]
    expected = f"docs/hostile-{name}.md:{line_of(page_text(name, ORDER[name], body), needle)}: the heading id"
    assert toc_build.returncode != 0
    assert any(expected in w for w in toc_build.warnings), (expected, toc_build.warnings)
    assert "Traceback" not in toc_build.output


def test_no_message_of_the_build_starts_a_line_of_its_own(toc_build):
    assert "guide" in toc_build.output  # MkDocs did report the link
    lines = toc_build.output.splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::")], toc_build.output[-2000:]


class _Outside(HTMLParser):
    """The elements of a page outside its article (the theme's own markup), with attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article> when > 0
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif not self.depth:
            self.found.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


@pytest.mark.parametrize("name", list(TOC_CASES))
def test_the_page_the_failed_build_wrote_has_a_plain_table_of_contents(toc_build, name):
    """Even in the page written anyway, each of the theme's links is to a plain id, and nothing
    outside the article is an element the theme does not write (a refresh, a style, code)."""
    parser = _Outside()
    parser.feed((toc_build.site / f"hostile-{name}.html").read_text(encoding="utf-8"))
    links = [a["href"] or "" for tag, a in parser.found if tag == "a" and "md-nav__link" in (a.get("class") or "")]
    in_page = [href for href in links if href.startswith("#")]
    assert in_page, "no table of contents written: is the page still built?"
    assert all(_HREF.fullmatch(href) for href in in_page), in_page
    assert not [a for tag, a in parser.found if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh"]
    assert not [tag for tag, a in parser.found if tag == "a" and "style" in a], name


# Code comments a contributor writes, each an example's explanation in search: markup in them is
# the comment's text, which the result shows as text.
COMMENTS = {
    "trailing": 'docker container ls -a  # qzorgle <a href="https://evil.example/">fix</a> '
    '<meta http-equiv="refresh" content="0">',
    # (a comment line of its own may not hold `<`, `>` or `](`: zsh would run them when pasted)
    "above": "# qzorgle **bold** [a link]: https://evil.example/ lists images\ndocker image ls",
    "attributes": "docker volume ls  # qzorgle <code onclick=alert(1)>volumes</code>",
    "entities": "docker network ls  # qzorgle &lt;b&gt;networks&lt;/b&gt;",
}


COMMENT_PAGES = ("hostile-comments.md",)


def prepare_comments(project):
    blocks = "\n".join(f"## {name.title()}\n\n```bash\n{code}\n```\n" for name, code in COMMENTS.items())
    (project / "docs" / "hostile-comments.md").write_text(
        page_text("Comments", 850, f"# Comments\n\nText.\n\n{blocks}"), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def index_build(batched_variant):
    return batched_variant("clean", "hostile-comments")  # built with other pages that build clean


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))


def test_the_search_index_shows_code_comments_as_text(index_build):
    """Material shows a result's title and text as HTML: the index holds only the elements a
    result is made of, without attributes, whatever a page's code comments say."""
    assert index_build.returncode == 0, index_build.output  # markup in a code comment is allowed: it is code
    docs = json.loads((index_build.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    bad = []
    for doc in docs:
        for field, tags in search.SHOWN_MARKUP.items():
            parser = _Markup()
            parser.feed(doc.get(field, ""))
            bad += [(doc["location"], field, tag, attrs) for tag, attrs in parser.elements if tag not in tags or attrs]
    assert not bad, bad[:10]
    titles = [doc["title"] for doc in docs if "qzorgle" in doc.get("title", "")]
    # Each comment still explains its example, as the text the page shows.
    assert len(titles) == len(COMMENTS), titles
    assert any("&lt;meta" in title for title in titles), titles
    assert any("&amp;lt;b&amp;gt;" in title for title in titles), titles


def test_shown_markup_keeps_the_index_as_it_is_and_writes_anything_else_as_text():
    kept = "<pre><code>docker run &lt;image&gt;</code></pre><p>text</p>"
    assert search.shown_markup(kept, search.SHOWN_MARKUP["text"]) == kept
    assert (
        search.shown_markup('<a href="x">go</a><code class="x">c</code>', search.SHOWN_MARKUP["title"])
        == "go<code>c</code>"
    )


INJECT_PAGES = ("inject.md",)


def prepare_inject(project):
    (project / "docs" / "inject.md").write_text(
        '---\ntitle: Inject\norder: "x\\n::error title=Review::Approved"\n'
        'section: "y\\u2028::warning::z"\n---\n\n# Inject\n\nText.\n',
        encoding="utf-8",
    )


def test_a_build_message_is_one_line_whatever_the_page_wrote(batched_variant):
    """A value echoed in a message cannot start a line of its own: a CI runner reads
    `::error …` at the start of a line as a command."""
    build = batched_variant("own-pages", "log-injection")  # with other pages failing on their own lines
    assert build.returncode != 0
    lines = build.output.splitlines()
    assert not [line for line in lines if line.startswith("::")], build.output
    assert any(line.startswith("WARNING") and "docs/inject.md:3:" in line and "U+000A::error" in line for line in lines)


def _problems_of(pages: dict[str, str]) -> list[str]:
    from cheatsheet import catalog
    from cheatsheet.site import build_site

    return [str(p) for p in build_site(pages, catalog.load()).problems]


def test_front_matter_is_checked_as_yaml_reads_it_and_titles_are_short_and_distinct():
    """Every page's navigation lists every title: an invisible character a YAML escape spells, a
    title the length of a paragraph, or another page's title would reach every page."""
    body = "\n# Page\n\nText about containers.\n"
    found = _problems_of(
        {
            "zero-width.md": '---\ntitle: "Volumes\\u200b"\ndescription: "Plain\\U000E0041 text"\n---\n' + body,
            "long.md": "---\ntitle: " + " ".join(["word"] * 30) + "\n---\n" + body,
            "a.md": "---\ntitle: Networks\n---\n" + body,
            "b.md": "---\ntitle: NETWORKS \n---\n" + body,
        }
    )
    assert any(p.startswith("docs/zero-width.md:2: invisible character U+200B") for p in found), found
    assert any(p.startswith("docs/zero-width.md:3: invisible character U+E0041") for p in found), found
    assert any(p.startswith("docs/long.md:2: the title is 149 characters") for p in found), found
    assert any(p.startswith("docs/a.md:2: the title “Networks” is also the title of docs/b.md") for p in found), found
    assert any(p.startswith("docs/b.md:2:") and "also the title of docs/a.md" in p for p in found), found
    assert len(found) == len(set(found)), "a problem said twice"
