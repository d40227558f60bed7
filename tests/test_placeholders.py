"""Placeholders mean one thing each (issue #25): every `<name>` the site's code or cheat sheet uses
is declared once in data/placeholders.yaml with its expected form and an example, and one that is
not declared fails the build with its page, line and the declared names."""

from __future__ import annotations

import html
import json
import re
import shlex
import time

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from cheatsheet import catalog as catalog_module
from cheatsheet import placeholders
from cheatsheet.page import scan
from cheatsheet.site import build_site

DOCS = ROOT / "docs"


def problems_of(text: str) -> list[str]:
    return [str(p) for p in placeholders.check_page(scan("docs/t.md", text, "t.md"), placeholders.load())]


def test_every_declaration_has_a_form_and_an_example():
    declared = placeholders.load()
    assert declared.problems == []
    for name in ("container", "image", "repository", "tag", "digest", "registry", "account"):
        entry = declared.by_name[name]
        assert entry.form and entry.example, name
    # One meaning each: <image> is a whole reference, <repository> and <tag> its parts.
    assert ":" in declared.by_name["image"].example
    assert ":" not in declared.by_name["repository"].example
    assert "tag" in declared.by_name["image"].form


def test_an_undeclared_placeholder_is_reported_with_page_line_and_the_declared_names():
    text = "---\ntitle: T\n---\n\n# T\n\n```bash\ndocker container logs <id>\n```\n"
    found = problems_of(text)
    assert len(found) == 1
    assert found[0].startswith("docs/t.md:8: `<id>` is not a declared placeholder")
    assert "<container>" in found[0] and "<image>" in found[0] and "data/placeholders.yaml" in found[0]


def test_sheet_entries_are_checked_and_output_and_email_addresses_are_not():
    text = (
        "---\ntitle: T\nsheet:\n  docker container stop <ctr>: stop it\n---\n\n# T\n\n"
        "```console\n$ docker image ls\n<none>   <none>   0123abcd\n```\n\n"
        '```dockerfile\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\n```\n'
    )
    found = problems_of(text)
    assert [f.split(": ", 1)[0] for f in found] == ["docs/t.md:4"]
    assert "`<ctr>`" in found[0]


def test_the_real_pages_use_declared_placeholders_only_and_image_is_never_given_a_tag():
    sources = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    site = build_site(sources, catalog_module.load())
    assert [str(p) for p in site.problems if "placeholder" in p.message] == []
    # Filling <image> with `nginx:1.29` must never give `nginx:1.29:<tag>`.
    for name, text in sources.items():
        assert not re.search(r"<image>[:@]\S", text), name


def test_the_panel_data_lists_every_declaration_in_order_as_json():
    declared = placeholders.load()
    data = placeholders.panel_json(declared)
    assert data.startswith('[{"name":"container","form":')
    assert [d["name"] for d in json.loads(data)] == list(declared.by_name)


def test_a_broken_declaration_is_reported_not_raised(tmp_path):
    (tmp_path / "placeholders.yaml").write_text("container:\n  form: [x]\nBad Name:\n  form: x\n  example: y\n")
    found = [str(p) for p in placeholders.load(tmp_path).problems]
    assert found[0].startswith("data/placeholders.yaml:1: `container` needs a `form`")
    assert found[1].startswith("data/placeholders.yaml:3: `Bad Name` is not a placeholder name")
    (tmp_path / "placeholders.yaml").write_text("a: [\n")
    assert "cannot be read" in str(placeholders.load(tmp_path).problems[0])


# -- the spans the build writes (issue 24: the page loads with its placeholders in place) --------

DEMO = """---
title: Placeholder demo
description: Placeholders the build writes as spans, quoted and split.
section: run
order: 690
sheet:
  docker container logs <container>: show a container's logs
---

# Placeholder demo

## Quoted

```bash
docker container exec <container> sh -c 'ls /home/<user>'
docker container run --name "<registry>" <image>
docker container logs <container>
```

## Split

Pygments cuts `<container>` into `<`, `container` and `>` here, the `<` in one token with `=`.

```python
container_logs(x=<container>)
```

## Output

```console
$ docker image ls
REPOSITORY   TAG
<none>       <none>
```
"""
# A span as the build writes one in code: its title and name are the script's for an unfilled one.
SPAN = re.compile(
    r'<span class="cs-ph" data-placeholder="([a-z-]+)" role="button" tabindex="0"(?: data-quote="([^"]*)")?'
    r' title="Click to fill in &lt;\1&gt; on every page" aria-label="&lt;\1&gt;, fill in">&lt;\1&gt;</span>'
)
CODE = re.compile(r"<pre><span></span><code data-cs-placeholders>(.*?)</code></pre>", re.S)


# Shell code whose placeholders are quoted, or not, as only a reading of the shell's rules tells:
# each line's placeholders with how the build must mark them ("" for not shell: the value as
# typed). The first is the third attacker's: `\'` escapes its quote, so `<container>` is a bare
# word, and a value with a space must be copied quoted.
QUOTED_BASH = [
    # (`echo`: a copied `docker` may give `--env` only the names and values the pages use)
    ('echo GREETING="it\'s" name <container> nginx', ["word"]),
    ("echo 'GREETING=say \"hi' name <container> nginx", ["word"]),
    ('docker container exec <container> sh -c "echo \\"<image>\\" \'<image>\'"', ["word", '"', '"']),
    ('docker container inspect "$(docker container ls -q --filter name=<container>)"', ["word"]),
    ("cat <<'EOF' > settings.txt\nNAME=it's <container>\nEOF", [""]),
    ("docker container logs <container> # don't <container>", ["word", ""]),
    # (no tabs: Markdown turns them into spaces, and `    EOF` would end no document)
    # (a text file: a here-document written to a shell script is read as commands, by the door too)
    ("cat <<'EOF' > notes.txt\necho it's <container>\nEOF\necho '<container>'", ["", "'"]),
]
# Quoting the pages may no longer write (cheatsheet/shell_syntax.py refuses each line): an
# escaped quote, `'\''`, a string over two lines, `$'…'`, a backtick, a here-string and a
# here-document other than `<<'EOF'`.
# tests/test_shell_syntax.py holds them refused.
REFUSED_QUOTING = [
    ("docker container run -d -e GREETING=it\\'s --name <container> nginx", ["word"]),
    ("docker container exec <container> sh -c 'echo it'\\''s <image>'", ["word", "'"]),
    ("docker container exec <container> sh -c '\n  echo <image>\n'", ["word", "'"]),
    ("echo $'it\\'s <container>'", ["'"]),
    ('echo "`echo <image>`" "<image>"', ["word", '"']),
    ("cat <<< '<image>' <image>", ["'", "word"]),
    # A here-document other than `<<'EOF'` (the door and the shell ended others apart).
    ("cat <<EOF > settings.env\nNAME=it's <container>\nEOF", [""]),
    ("cat <<-'EOF' > notes.txt\necho it's <container>\nEOF\necho '<container>'", ["", "'"]),
]
QUOTED_CONSOLE = [
    ("$ docker container ls --filter name=<container>", ["word"]),
    ("Can't find <container>", [""]),  # output, not a command
    ("$ docker container logs '<container>'", ["'"]),
]
QUOTES_PAGE = (
    "---\ntitle: Placeholder quoting\ndescription: Placeholders read as a shell reads the quotes around them.\n"
    "section: run\norder: 691\n---\n\n# Placeholder quoting\n\n## Shell\n\n```bash\n"
    + "\n".join(line for line, _ in QUOTED_BASH)
    + "\n```\n\n## Console\n\n```console\n"
    + "\n".join(line for line, _ in QUOTED_CONSOLE)
    + "\n```\n"
)


DEMO_PAGES = ("ph-demo.md", "ph-quotes.md")


def prepare_demo(project):
    (project / "docs" / "ph-demo.md").write_text(DEMO, encoding="utf-8")
    (project / "docs" / "ph-quotes.md").write_text(QUOTES_PAGE, encoding="utf-8")


@pytest.fixture(scope="module")
def demo_site(batched_variant):
    build = batched_variant("clean", "placeholder-spans")  # built with other pages that build clean
    assert build.returncode == 0, build.output
    return build.site


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def test_the_build_writes_each_placeholder_as_the_span_the_reader_fills_in(demo_site):
    page = (demo_site / "ph-demo.html").read_text(encoding="utf-8")
    bash, split, output = CODE.findall(page)
    # Shell code: each span says how its value is quoted (inside quotes, or a bare word).
    assert [(name, html.unescape(quote)) for name, quote in SPAN.findall(bash)] == [
        ("container", "word"),
        ("user", "'"),
        ("registry", '"'),
        ("image", "word"),
        ("container", "word"),
    ]
    # However Pygments cut it into tokens, the placeholder is one span (and not shell: no quoting).
    assert SPAN.findall(split) == [("container", "")]
    assert "<container" not in _text(SPAN.sub("", split)) and "container>" not in _text(SPAN.sub("", split))
    # Output lines are not commands, and `<none>` is no declared placeholder: left as text.
    assert "cs-ph" not in output and "&lt;none&gt;" in output
    # What the reader sees and copies is the code as written.
    fences = re.findall(r"```[a-z]+\n(.*?)```", DEMO, re.S)
    assert [_text(code) for code in (bash, split, output)] == fences


def test_the_sheet_writes_its_placeholders_as_text_in_its_links(demo_site):
    sheet = (demo_site / "sheet" / "index.html").read_text(encoding="utf-8")
    entry = (
        '<code data-cs-placeholders>docker container logs <span class="cs-sheet-ph">'
        '<span class="cs-ph" data-placeholder="container" data-quote="word">&lt;container&gt;</span></span></code>'
    )
    assert entry in sheet  # in a link: no button of its own (no role, no Tab stop)
    entries = sheet[sheet.index('<div class="cs-sheet">') :]
    assert "><code data-cs-placeholders>" in entries and "><code>" not in entries  # each one marked as read


def test_every_code_block_of_the_real_site_is_written_and_marked(site):
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        assert page.count("<pre><span></span><code>") == 0, path  # each one marked as read
        for code in CODE.findall(page):
            left = re.findall(r"<(" + "|".join(_names()) + ")>", _text(SPAN.sub("", code)))
            assert left == [], (path, left)


def test_a_placeholder_across_tokens_becomes_one_span_where_a_dom_range_puts_it():
    names = _names()
    split = '<span class="o">&lt;</span><span class="n">image</span><span class="o">&gt;</span>:1'
    marked = placeholders.mark_code(split, names, shell=False)
    assert re.sub(SPAN, "SPAN", marked) == '<span class="o"></span>SPAN<span class="o"></span>:1'
    inside = '<span class="s">"a &lt;con</span>tainer&gt; b"'
    marked = placeholders.mark_code(inside, names, shell=True)
    assert re.sub(SPAN, "SPAN", marked) == '<span class="s">"a </span>SPAN b"'
    assert 'data-quote="&quot;"' in marked
    undeclared = "&lt;nobody&gt; &amp; <b>x</b>"
    assert placeholders.mark_code(undeclared, names, shell=True) == undeclared


def test_placeholders_are_quoted_as_the_shell_reads_the_line(demo_site):
    page = (demo_site / "ph-quotes.html").read_text(encoding="utf-8")
    bash, console = CODE.findall(page)
    for code, lines in ((bash, QUOTED_BASH), (console, QUOTED_CONSOLE)):
        expected = [quote for _, quotes in lines for quote in quotes]
        assert [html.unescape(quote) for _, quote in SPAN.findall(code)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("echo it\\'s <image> '<image>'", ["word", "'"]),  # an escaped quote opens nothing
        ('echo "it\\"s <image>" <image>', ['"', "word"]),  # nor in double quotes
        ('echo "it\'s <image>" <image>', ['"', "word"]),  # a single quote in double quotes is text
        ("echo 'a\\' <image>", ["word"]),  # a backslash in single quotes is text
        ("echo $'it\\'s <image>'", ["'"]),  # but not in $'…'
        ("echo 'it'\\''s <image>'", ["'"]),  # the shell's own way to put ' in '…'
        ("echo \"$(cat '<image>') <image>\"", ["'", '"']),  # $(…) starts afresh inside "…"
        ('echo "`cat <image>`"', ["word"]),
        ("echo $((1 + 2)) '<image>'", ["'"]),
        ("echo '<image>\n<image>' <image>", ["'", "'", "word"]),  # a quoted string goes on over lines
        ("docker run \\\n  -e A='b c' \\\n  <image>", ["word"]),  # continuations
        ("echo <image> #it's <image>\necho <image>", ["word", "", "word"]),  # a comment
        ("echo a#b'<image>'", ["'"]),  # a # inside a word starts nothing
        ("cat <<-'EOF' >x\n\tit's <image>\n\tEOF\necho '<image>'", ["", "'"]),  # a here-document
        ('cat <<A <<"B"\n<image>\nA\n\'<image>\nB\necho <image>', ["", "", "word"]),  # two of them
        ("cat <<<'<image>' <image>", ["'", "word"]),  # a here-string is a word
    ],
)
def test_the_quote_of_a_placeholder_follows_the_shells_rules(text, expected):
    starts = [m.start() for m in re.finditer("<image>", text)]
    assert placeholders.quotes(text, starts) == expected


@pytest.mark.browser
def test_the_script_quotes_placeholders_as_the_build_does_and_copies_a_value_quoted(demo_site, offline_page):
    """placeholders.js reads code the build did not write (its quoteStates() is quotes(), step
    for step): the same page without the build's spans gets the same spans. And a line with a
    quote before its placeholder (the attacker's `it\\'s` is refused at the door now: an escaped
    quote), filled in with a value the shell would split, shows and copies it quoted."""
    built = (demo_site / "ph-quotes.html").read_text(encoding="utf-8")
    unwritten = re.sub(r'<span class="cs-ph"[^>]*>(&lt;[a-z-]+&gt;)</span>', r"\1", built)
    (demo_site / "ph-quotes-unwritten.html").write_text(unwritten.replace(" data-cs-placeholders>", ">"))
    page = offline_page
    page.goto((demo_site / "ph-quotes.html").as_uri())
    written = page.eval_on_selector_all("pre > code", "els => els.map(e => e.innerHTML)")
    page.goto((demo_site / "ph-quotes-unwritten.html").as_uri())
    page.wait_for_selector(".cs-fill-button")
    assert page.locator("pre > code[data-cs-placeholders]").count() == len(written) == 2
    assert page.eval_on_selector_all("pre > code", "els => els.map(e => e.innerHTML)") == written
    page.goto((demo_site / "ph-quotes.html").as_uri())
    page.locator(".cs-fill-button").click()
    page.locator("#cs-ph-container").fill("my app")
    page.keyboard.press("Escape")
    first = page.locator("pre > code").first.inner_text().splitlines()[0]
    assert first == "echo GREETING=\"it's\" name 'my app' nginx"
    assert page.errors == []


def _shlex_quote(before: str) -> str:
    """How Python's shlex (POSIX rules) leaves a line cut at a placeholder: inside single quotes
    if a `'` would close it, double quotes if a `"` would, else between words."""
    for ending, quote in (("", "word"), ("'", "'"), ('"', '"')):
        try:
            shlex.split(before + ending)
            return quote
        except ValueError:
            continue
    raise AssertionError(before)


@given(st.lists(st.sampled_from(["a", " ", "'", '"', "\\", "\\'", '\\"', " <image>"]), max_size=40))
def test_the_quote_of_a_placeholder_is_the_one_shlex_reads(pieces):
    """Words of letters, spaces, quotes and backslashes, in any order: the build says what
    shlex says (a placeholder follows a space, so no backslash escapes its `<`)."""
    text = "".join(pieces)
    starts = [m.start() for m in re.finditer("<image>", text)]
    assert placeholders.quotes(text, starts) == [_shlex_quote(text[:start]) for start in starts]


def test_in_a_prompted_block_output_lines_are_not_shell():
    text = "$ docker run \\\n  <image>\nCan't <image>\n$ echo 'a\n<image>'\n<image>"
    starts = [m.start() for m in re.finditer("<image>", text)]
    assert placeholders.quotes(text, starts, prompted=True) == ["word", "", "'", ""]
    # Read as a script, the output line's apostrophe would open a quote over the next lines.
    assert placeholders.quotes(text, starts) == ["word", "'", "word", "'"]


def test_reading_the_quotes_is_linear():
    """One pass, however many placeholders a long line holds and whatever it holds."""
    for unit in ("'a' <image> ", '"$( <image> ', "\\' <image> ", "cat <<E <image>\n", "# <image>\n"):
        text = unit * 20_000
        starts = [m.start() for m in re.finditer("<image>", text)]
        began = time.perf_counter()
        assert len(placeholders.quotes(text, starts)) == len(starts)
        assert time.perf_counter() - began < 2


def test_quotes_opened_and_closed_on_a_line():
    lines = ["echo '<image>' \"<tag> <image>\" <tag> 'x'", 'echo <image> "<tag>"']
    code = html.escape("\n".join(lines), quote=False)
    marked = placeholders.mark_code(code, _names(), shell=True)
    quotes = [html.unescape(q) for _, q in SPAN.findall(marked)]
    assert quotes == ["'", '"', '"', "word", "word", '"']


def _names() -> tuple[str, ...]:
    """The declared names, in the data file's order, as the build reads them once per build."""
    return tuple(placeholders.load().by_name)
