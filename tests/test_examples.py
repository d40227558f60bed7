"""The example record (cheatsheet/examples.py): a command line, its explanation, its anchor and
commands, and its markup in the rendered code."""

from __future__ import annotations

import html
import re

import pytest
from conftest import ROOT

from cheatsheet import catalog as catalog_module
from cheatsheet import examples
from cheatsheet.catalog_checks import check_page
from cheatsheet.page import scan

PAGE = """---
title: Demo
---

# Demo

## Run

```bash
docker container run -d --name web nginx   # starts a web server in the background
# the same, published on a port
docker container run -d -p 8080:80 \\
  nginx
echo 'a # not a comment'
docker container run -d --name web nginx
```
"""


def _examples():
    page = scan("docs/demo.md", PAGE, "demo.md")
    return page, examples.collect(page, check_page(page, catalog_module.load()))


def test_each_command_line_is_an_example_with_its_explanation_commands_and_anchor():
    _, found = _examples()
    assert [e.command for e in found] == [
        "docker container run -d --name web nginx",
        "docker container run -d -p 8080:80 nginx",
        "echo 'a # not a comment'",
        "docker container run -d --name web nginx",
    ]
    assert found[0].explanation == "starts a web server in the background"
    assert found[1].explanation == "the same, published on a port"  # the comment line above
    assert found[2].explanation == "" and found[2].commands == ()
    assert found[0].commands == ("docker container run",) and "publish" in found[1].flags
    assert found[0].heading == "run" and found[0].page == "demo.md"
    anchors = [e.anchor for e in found]
    assert len(set(anchors)) == 4 and anchors[3] == anchors[0] + "-2"
    assert all(re.fullmatch(r"ex-[a-z0-9-]+", a) for a in anchors)


def test_an_example_never_takes_a_headings_id():
    """A heading whose id is an example's would-be anchor keeps it; the example takes the next."""
    text = PAGE.replace("## Run", "## Web { #ex-container-run-d-name-web-nginx }", 1)
    assert text != PAGE
    page = scan("docs/demo.md", text, "demo.md")
    found = examples.collect(page, check_page(page, catalog_module.load()))
    anchors = [e.anchor for e in found]
    assert "ex-container-run-d-name-web-nginx" in page.anchors
    assert "ex-container-run-d-name-web-nginx" not in anchors
    assert len(set(anchors) | page.anchors) == len(anchors) + len(page.anchors)


def _rendered(body: str) -> str:
    import markdown

    return markdown.markdown(
        body,
        extensions=["pymdownx.superfences", "pymdownx.highlight"],
        extension_configs={"pymdownx.highlight": {"anchor_linenums": True, "pygments_lang_class": True}},
    )


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def test_the_rendered_code_wraps_each_example_and_keeps_its_text():
    page, found = _examples()
    rendered = _rendered(PAGE.split("---\n", 2)[2])
    marked = examples.mark_examples(rendered, page, found)
    assert marked.count('class="cs-ex"') == 4
    assert f'id="{found[1].anchor}"' in marked
    assert 'data-command="docker container run -d -p 8080:80 nginx"' in marked
    assert marked.count('class="cs-ex__why"') == 1
    assert _text(marked) == _text(rendered)  # what the copy button copies is unchanged


TWO_BLOCKS = """# Demo

```bash
docker image ls --tree   # images per platform
docker image ls
```

Text between.

```console
$ docker image ls --tree
$ echo done
```
"""


def test_a_note_hangs_on_the_example_of_its_line_in_the_block_that_shows_it_whatever_the_order():
    """Each rendered block is paired with its fence by its text, so a note (an Engine mark)
    lands on its own line's example even when the blocks come in another order than the
    fences, and a block that is no fence of the page gets nothing."""
    page = scan("docs/demo.md", "---\ntitle: Demo\n---\n\n" + TWO_BLOCKS, "demo.md")
    found = examples.collect(page, check_page(page, catalog_module.load()))
    first, second = (f for f in page.fences)
    tree = [e for e in found if e.command == "docker image ls --tree"]
    assert len(tree) == 2 and tree[0].line == first.line + 1 and tree[1].line == second.line + 1
    notes = {tree[0].line: '<span class="note">N1</span>', tree[1].line: '<span class="note">N2</span>'}
    rendered = _rendered(TWO_BLOCKS)
    blocks = re.findall(r'<div class="language-\w+ highlight">.*?</div>', rendered, re.S)
    assert len(blocks) == 2
    stranger = blocks[0].replace("--tree", "--all")  # shows no fence of the page
    reordered = f"{blocks[1]}<p>x</p>{stranger}<p>y</p>{blocks[0]}"
    marked = examples.mark_examples(reordered, page, found, notes)
    parts = marked.split("<p>")
    console, unknown, bash = parts[0], parts[1], parts[2]
    assert "cs-ex" not in unknown and "note" not in unknown
    for block, note, example in ((bash, "N1", tree[0]), (console, "N2", tree[1])):
        holder = re.search(rf'<span class="cs-ex" id="{example.anchor}"[^>]*>(.*?)</span>\n', block)
        assert holder and holder.group(1).endswith(f'<span class="note">{note}</span>'), block
        assert block.count('class="note"') == 1
    # Only the notes are new text: the code reads as it did.
    assert _text(marked).replace("N1", "").replace("N2", "") == _text(reordered)


def test_a_note_on_a_line_no_example_holds_goes_at_the_end_of_that_line():
    body = "# Demo\n\n```text\ndocker image ls --tree\nsomething else\n```\n"
    page = scan("docs/demo.md", "---\ntitle: Demo\n---\n\n" + body, "demo.md")
    line = page.fences[0].line + 1
    marked = examples.mark_examples(_rendered(body), page, [], {line: "<b>N</b>"})
    assert "cs-ex" not in marked
    assert re.search(r"--tree</span><b>N</b>\n|--tree<b>N</b>\n", marked), marked


# -- wrapped lines in the browser ------------------------------------------------------------------

# For each shell block of the page: whether it scrolls sideways, the explanations that end past
# its right edge, and, per example, the left edges of its command's line pieces (one rect each).
WRAPPING = """() => [...document.querySelectorAll('.md-content pre > code')]
  .filter(code => code.querySelector('.cs-ex'))
  .map(code => {
    const right = code.getBoundingClientRect().right;
    return {
      scrolls: code.scrollWidth > code.clientWidth + 1,
      cut: [...code.querySelectorAll('.cs-ex__why')]
        .filter(why => why.getBoundingClientRect().right > right + 1)
        .map(why => why.textContent.trim()),
      lines: [...code.querySelectorAll('.cs-ex__cmd')].map(cmd => [...cmd.getClientRects()].map(r => r.left)),
    };
  })"""


# The first example on the page whose command wraps, scrolled into view: the rows of its first
# and second line pieces and the block's gutter (from its left edge to where the first line's
# text starts), in viewport coordinates.
FIRST_WRAPPED = """() => {
  for (const cmd of document.querySelectorAll('.md-content pre > code .cs-ex__cmd')) {
    if (cmd.getClientRects().length < 2) continue;
    cmd.scrollIntoView({block: 'center', behavior: 'instant'});
    cmd.setAttribute('data-test-wrapped', '');
    const [first, second] = [...cmd.getClientRects()];
    const text = document.createRange();
    text.selectNodeContents(cmd);
    const start = [...text.getClientRects()].find(r => r.width).left;
    const left = cmd.closest('code').getBoundingClientRect().left + 1;
    return {left, width: start - left - 1, rows: [first.top, second.top], height: first.height};
  }
  return null;
}"""


def continuation_mark(page) -> str | None:
    """None when the first wrapped command on the page shows a mark in the gutter of its
    continued line and none beside its first line; otherwise what is wrong. The gutter strips
    are compared with the same strip with the command's background off: a strip without a
    mark is the same pixels."""
    found = page.evaluate(FIRST_WRAPPED)
    if found is None:
        return None
    if found["width"] < 4:
        return "no gutter left of the command"

    def strips() -> list[bytes]:
        return [
            page.screenshot(clip={"x": found["left"], "y": top, "width": found["width"], "height": found["height"]})
            for top in found["rows"]
        ]

    first, continued = strips()
    page.evaluate("document.querySelector('[data-test-wrapped]').style.background = 'none'")
    blank_first, blank_continued = strips()
    if first != blank_first:
        return "a mark beside the first line of a command"
    if continued == blank_continued:
        return "no continuation mark on a wrapped line"
    return None


@pytest.mark.browser
def test_wrapped_commands_hang_and_no_explanation_is_cut_off(browser, served):
    """Every page's shell blocks at a phone's and a laptop's width: no block scrolls sideways
    and no explanation ends past the block's edge; a command that wraps continues two
    characters in from where its first line starts, never left of it, and (on a phone, where
    commands wrap) with a continuation mark in the gutter that a line's start does not have.
    One load of a page serves both widths: loaded at a phone's, as most readers with little
    room load it, then resized in place (the layout is CSS's; no script measures on load)."""
    widths = (390, 1280)
    context = browser.new_context(viewport={"width": widths[0], "height": 900})
    page = context.new_page()
    problems: dict[int, list[str]] = {width: [] for width in widths}
    hanging = dict.fromkeys(widths, 0)
    examples_seen = dict.fromkeys(widths, 0)
    try:
        for path in sorted((ROOT / "docs").glob("*.md")):
            page.set_viewport_size({"width": widths[0], "height": 900})
            page.goto(f"{served}{path.stem}.html", wait_until="load")
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                page.wait_for_function("width => window.innerWidth === width", arg=width)
                found = problems[width]
                for block in page.evaluate(WRAPPING):
                    if block["scrolls"]:
                        found.append(f"{path.stem}.html: a shell block scrolls sideways")
                    found += [f"{path.stem}.html: cut off: {text!r}" for text in block["cut"]]
                    for lefts in block["lines"]:
                        examples_seen[width] += 1
                        if any(left < lefts[0] - 0.5 for left in lefts[1:]):
                            found.append(f"{path.stem}.html: a continued line starts left of its command")
                        hanging[width] += any(left > lefts[0] + 4 for left in lefts[1:])
                if width == 390 and (problem := continuation_mark(page)):
                    found.append(f"{path.stem}.html: {problem}")
    finally:
        context.close()
    assert min(examples_seen.values()) > 300, f"only {examples_seen} examples: are the code lines still marked?"
    for width, found in problems.items():
        assert not found, f"{len(found)} problem(s) at {width} px:\n" + "\n".join(found[:20])
    assert hanging[390] > 20, f"only {hanging[390]} wrapped commands with an indented continuation at 390 px"


def test_white_space_in_code_is_plain_text_and_the_code_reads_the_same():
    """Pygments' spans around the spaces between words go (a quarter of a long page's elements);
    the code's text and every other token's markup stay."""
    from cheatsheet.html_parts import plain_whitespace

    code = (
        '<p><span class="w"> </span></p><div class="highlight"><pre><span></span><code>'
        '<span class="nb">docker</span><span class="w"> </span><span class="nb">ps</span>'
        '<span class="w">  </span><span class="c1"># list</span>\n</code></pre></div>'
    )
    out = plain_whitespace(code)
    assert '<span class="w">' not in out.split("<pre>", 1)[1]
    assert out.startswith('<p><span class="w"> </span></p>'), "only code blocks change"
    assert '<span class="nb">docker</span> <span class="nb">ps</span>  <span class="c1"># list</span>' in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == html.unescape(re.sub(r"<[^>]+>", "", code))


def test_a_hash_inside_a_word_is_no_explanation():
    """The copy leaves an example's explanation out: it must be the comment a shell sees. A `#`
    right after a quote is part of the word to a shell (Pygments colours it as a comment), and
    leaving it out would copy a command that names another volume (the seventh attacker's)."""
    page = scan("docs/demo.md", '# Demo\n\n```bash\ndocker volume rm --force "app-data"#-2019\n```\n', "demo.md")
    (example,) = examples.collect(page, check_page(page, catalog_module.load()))
    assert example.command == 'docker volume rm --force "app-data"#-2019' and example.explanation == ""
