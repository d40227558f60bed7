"""HTML the build writes itself: the related-topics box at the end of a topic page, and the
inline Markdown of one-line descriptions (command index, legacy map, related topics) as HTML;
and one way to rewrite the content of a page's code blocks, and with it their white space as
plain text. Links from inline commands and destructive-block warnings are added while the page
renders (markdown_extension)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

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


def inline_html(text: str) -> str:
    """The few inline Markdown forms a one-line description uses, as HTML."""
    out = html.escape(text, quote=False)
    out = _INLINE_CODE.sub(r"<code>\1</code>", out)
    out = _INLINE_STRONG.sub(r"<strong>\1</strong>", out)
    return _INLINE_LINK.sub(r"\1", out)


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


def plain_whitespace(content: str) -> str:
    """The HTML with the white space between words in code blocks as plain text, not one
    unstyled Pygments span each: they were a quarter of the largest page's elements, and every
    element costs the reader's browser style and layout time as the page loads."""
    return edit_code_blocks(content, lambda body: _WHITESPACE_SPAN.sub(r"\1", body))
