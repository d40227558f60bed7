"""HTML the build writes itself: the related-topics box at the end of a topic page, and the
inline Markdown of one-line descriptions (command index, legacy map, related topics) as HTML.
Links from inline commands and destructive-block warnings are added while the page renders
(markdown_extension)."""

from __future__ import annotations

import html
import re

DESTRUCTIVE_CLASS = "cs-destructive"
RELATED_CLASS = "cs-related"
_INLINE_CODE = re.compile(r"`([^`]+)`")
_INLINE_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


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
