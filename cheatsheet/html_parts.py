"""HTML the build writes itself: the related-topics box at the end of a topic page, and the
inline Markdown of one-line descriptions (command index, legacy map, related topics) as HTML;
and one way to rewrite the content of a page's code blocks (with it their white space as plain
text), the one place that knows which rendered code block is which fence of the page, and a
walk over each highlighted block's `<code>` element with its block's classes.
Links from inline commands and destructive-block warnings are added while the page renders
(markdown_extension)."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import Fence

DESTRUCTIVE_CLASS = "cs-destructive"
# Where the home page's download link goes (offline.DOWNLOAD_MARKER), put there by the build.
DOWNLOAD_CLASS = "cs-download"
# The warning before a destructive block: its icon and label, as the Markdown extension writes
# them and as search reads them back (to leave the warning out of previews and the index).
DESTRUCTIVE_ICON = "⚠"
DESTRUCTIVE_LABEL = "Destructive:"
RELATED_CLASS = "cs-related"
_INLINE_CODE = re.compile(r"`([^`]+)`")
_INLINE_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Pygments' token for the white space between words: a span with no style of its own.
_WHITESPACE_SPAN = re.compile(r'<span class="w">([ \t]*)</span>')
# Where each highlighted line starts (pymdownx.highlight's `anchor_linenums`).
_LINE_START = '<a id="__codelineno-'
_TAG = re.compile(r"<[^>]*>")


def text_of(fragment: str) -> str:
    """The text an HTML fragment shows: its tags gone, its character references read."""
    return html.unescape(_TAG.sub("", fragment))


def inline_html(text: str) -> str:
    """The few inline Markdown forms a one-line description uses, as HTML."""
    out = html.escape(text, quote=False)
    out = _INLINE_CODE.sub(r"<code>\1</code>", out)
    out = _INLINE_STRONG.sub(r"<strong>\1</strong>", out)
    return _INLINE_LINK.sub(r"\1", out)


# ASCII punctuation that Markdown or an extension in mkdocs.yml may read as syntax in running text:
# links, emphasis, attr_list's `{: … }`, keys' `++`, caret, tilde, mark, critic, emoji, tables.
_MARKDOWN_ACTIVE = re.compile(r"[!-%'-/:=?-@\[-`{-~]")


def markdown_inert(fragment: str) -> str:
    """HTML the build made (tags of its own, text escaped) made inert as Markdown: each ASCII
    punctuation character of its text as a character reference, which Markdown shows and never
    reads as syntax. For text from a page or a data file that a generated page puts into its
    Markdown (a heading copied into a table: `{: .cs-update }` in it must stay text)."""
    out, last = [], 0
    for tag in _TAG.finditer(fragment):
        out += [_inert_text(fragment[last : tag.start()]), tag.group()]
        last = tag.end()
    return "".join(out) + _inert_text(fragment[last:])


def _inert_text(text: str) -> str:
    # `&…;` entities stay as they are: they are the escaped text's `<`, `>` and `&`.
    parts = re.split(r"(&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)", text)
    return "".join(
        part if i % 2 else _MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", part) for i, part in enumerate(parts)
    )


def related_html(items: list[tuple[str, str, str]], taken: set[str]) -> str:
    """A "Related topics" box from (href, title, description) items; its heading's id avoids
    the page's own anchors."""
    anchor, n = "related-topics", 0
    while anchor in taken:
        n += 1
        anchor = f"related-topics_{n}"
    entries = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a> — {inline_html(description)}</li>'
        for href, title, description in items
    )
    return (
        f'<nav class="{RELATED_CLASS}" aria-labelledby="{anchor}">'
        f'<h2 id="{anchor}">Related topics<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h2>'
        f"<ul>{entries}</ul></nav>"
    )


def edit_code_blocks(content: str, edit: Callable[[str], str]) -> str:
    """The HTML with what each `<pre>` element holds replaced by edit(what it holds). Blocks are
    found with plain searches: a lazy `<pre.*?</pre>` pattern tries to end its match at every
    character, which took half the time of the printable book's line breaking."""
    out: list[str] = []
    done = 0
    start = content.find("<pre")
    while start >= 0:
        opened = content.find(">", start)
        closed = content.find("</pre>", opened)
        if opened < 0 or closed < 0:
            break
        if content[start + 4] in " >\t\n":  # `<pre>` or `<pre …>`, not `<prefix>`
            out += [content[done : opened + 1], edit(content[opened + 1 : closed])]
            done = start = closed
        start = content.find("<pre", start + 4)
    out.append(content[done:])
    return "".join(out)


# A code element's inner HTML, split: even chunks text, odd ones tags or character references.
CODE_MARKUP = re.compile(r"(<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
# A highlighted block's `<div>` and its `<code>` element, read as tags: any attribute order, either
# quote (nh3 rewrites a page whose raw HTML it cleaned).
_DIV = re.compile(r"<div\b(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
_CLASS = re.compile(r"""(?:^|\s)class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_CODE_OPEN = re.compile(r"<code\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)


def _code_end(content: str, start: int) -> int:
    """Where the code element whose content starts at `start` closes: the build's notes inside a
    block (an Engine mark's link) hold code elements of their own."""
    depth = 0
    pos = start
    while (close := content.find("</code>", pos)) >= 0:
        depth += sum(1 for found in _CODE_OPEN.finditer(content, pos, close))
        if not depth:
            return close
        depth -= 1
        pos = close + len("</code>")
    return -1


def edit_highlighted_code(content: str, edit: Callable[[list[str], str, str], tuple[str, str] | None]) -> str:
    """The HTML with the `<code>` element of each highlighted block (a `<div>` of class
    `highlight`, as pymdownx.highlight writes one) edited: edit(the div's classes, the code's
    opening tag, what it holds) gives the new opening tag and content, or None to leave it."""
    out: list[str] = []
    last = pos = 0
    while (div := _DIV.search(content, pos)) is not None:
        pos = div.end()
        attrs = div.group("attrs")
        found = _CLASS.search(attrs) if "highlight" in attrs else None
        classes = next(value for value in found.groups() if value is not None).split() if found else []
        if "highlight" not in classes:
            continue
        opening = _CODE_OPEN.search(content, pos)
        closing = _code_end(content, opening.end()) if opening else -1
        if opening is None or closing < 0:
            break
        pos = closing
        edited = edit(classes, opening.group(), content[opening.end() : closing])
        if edited is not None:
            out += [content[last : opening.start()], *edited]
            last = closing
    out.append(content[last:])
    return "".join(out)


def plain_whitespace(content: str) -> str:
    """The HTML with the white space between words in code blocks as plain text, not one
    unstyled Pygments span each: they were a quarter of the largest page's elements, and every
    element costs the reader's browser style and layout time as the page loads."""
    return edit_code_blocks(content, lambda body: _WHITESPACE_SPAN.sub(r"\1", body))


# A block of output (`text`, or no language): shown, not run. No copy button: a reader runs the
# commands of the shell blocks, which the build checks and wraps, and output is neither (an output
# block once copied a command spelt `d""ocker`, and text pushed off-screen by blanks). Files
# (`ignore`, which Pygments also writes as `language-text`) keep theirs.
_TEXT_BLOCK = re.compile(r'<div class="(?:language-text (?:[\w-]+ )*)?highlight"')
OUTPUT_LANGS = frozenset({"text", ""})


def output_blocks_not_copied(content: str, fences: Iterable[Fence]) -> str:
    """The HTML with Material's copy button left off the blocks of output fences (its `no-copy`
    class on the block), each found by the text it shows."""
    fences = list(fences)
    output = Counter(_fence_text(f.lines) for f in fences if f.lang in OUTPUT_LANGS)
    if not output:
        return content
    others = {_fence_text(f.lines) for f in fences if f.lang not in OUTPUT_LANGS}
    blocks = []
    for block in _TEXT_BLOCK.finditer(content):
        code_at = content.find("<code", block.end())
        code_end = content.find("</code>", code_at)
        if code_at >= 0:
            text = _shown(text_of(content[content.find(">", code_at) + 1 : code_end]))
            blocks.append((block, text))
    found = Counter(text for _, text in blocks) & output
    # An output fence no block shows as written: no text block keeps its button (a file loses
    # its copy button rather than output gaining one).
    every = found != output or bool(others & set(output))  # a file block of the same text: which is which?
    out, done = [], 0
    for block, text in blocks:
        if not every and output[text] <= 0:
            continue
        output[text] -= 1
        out += [content[done : block.end() - 1], ' no-copy"']
        done = block.end()
    return "".join(out) + content[done:]


def _fence_text(lines: list[str]) -> str:
    """A fence's text as its rendered block shows it, blanks at line ends aside: Markdown drops
    those of a line of only blanks, and a block that then matched no fence kept every
    explanation in its copy."""
    return _shown("\n".join(lines))


def _shown(text: str) -> str:
    return "\n".join(line.rstrip(" ") for line in text.split("\n")).rstrip("\n")


def _code_lines(code: str) -> list[str] | None:
    """A highlighted block's `<code>` content as one piece per line, each with its anchor (the
    first with what stands before it), or None when it has no line anchors."""
    start = code.find(_LINE_START)
    if start < 0:
        return None
    parts = code[start:].split(_LINE_START)[1:]
    return [code[:start] + _LINE_START + parts[0]] + [_LINE_START + p for p in parts[1:]]


def edit_fence_lines(content: str, fences: Iterable[Fence], edit: Callable[[Fence, list[str]], None]) -> str:
    """The HTML with the lines of each code block that renders one of `fences` edited in place
    by edit(fence, lines): `lines` holds the block's highlighted HTML, one piece per line of the
    fence (piece i is `fence.lines[i]`), each starting with its line anchor and ending with its
    newline; edit may change or empty pieces, and they are joined back.

    The one place that knows which rendered block is which fence: a block is the fence whose
    text it shows (tags dropped, entities read), so neither the order in which Markdown renders
    blocks nor blocks that are no fence of the page can pair a mark with the wrong code; fences
    with the same text are taken in page order. A block without line anchors, or with fewer
    lines than its fence, is left as it is."""
    queues: dict[str, list[Fence]] = {}
    for fence in fences:
        queues.setdefault(_fence_text(fence.lines), []).append(fence)
    if not queues:
        return content

    def edit_block(body: str) -> str:
        code_at = body.find("<code>")
        code_end = body.rfind("</code>")
        if code_at < 0 or code_end < code_at:
            return body
        code = body[code_at + len("<code>") : code_end]
        queue = queues.get(_shown(text_of(code)))
        if not queue:
            return body
        fence = queue.pop(0)
        lines = _code_lines(code)
        if lines is None or len(lines) < len(_fence_text(fence.lines).split("\n")):
            return body
        edit(fence, lines)
        return body[: code_at + len("<code>")] + "".join(lines) + body[code_end:]

    return edit_code_blocks(content, edit_block)
