"""Edits of a topic page's rendered HTML: links from inline commands to the command index,
destructive-block warnings, the related-topics box, and the inline Markdown of one-line
descriptions as HTML."""

from __future__ import annotations

import html
import re

from .addresses import command_anchor
from .page import PageScan
from .page_checks import PageReport

DESTRUCTIVE_CLASS = "cs-destructive"
RELATED_CLASS = "cs-related"
# The contexts link_commands skips, and the inline code it links.
_CODE_CONTEXT = re.compile(
    r'<(?:(?P<tag>a|pre|h[1-6]|summary)\b[^>]*>|p class="admonition-title">|code>(?P<code>[^<]*)</code>)'
)
_INLINE_CODE = re.compile(r"`([^`]+)`")
_INLINE_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def inline_html(text: str) -> str:
    """The few inline Markdown forms a one-line description uses, as HTML."""
    out = html.escape(text, quote=False)
    out = _INLINE_CODE.sub(r"<code>\1</code>", out)
    out = _INLINE_STRONG.sub(r"<strong>\1</strong>", out)
    return _INLINE_LINK.sub(r"\1", out)


def command_links(scan: PageScan, report: PageReport, index_href: str) -> dict[str, str]:
    """What `link_commands` links on a page: each linked code span's text, as the HTML has it,
    and its entry in the command index."""
    return {
        html.escape(span.code, quote=False): f"{index_href}#{command_anchor(report.span_links[(span.line, span.col)])}"
        for span in scan.spans
        if (span.line, span.col) in report.span_links
    }


def link_commands(content: str, links: dict[str, str]) -> str:
    """Wrap each inline `<code>` whose text is in `links` in a link, unless it stands in a link,
    a code block, a heading or an admonition's title, where the page scan does not link either.

    Done on the HTML, in one pass: as Markdown (raw or not) ~200 links cost ~20 ms of rendering."""
    if not links:
        return content
    out: list[str] = []
    last = pos = 0
    while (match := _CODE_CONTEXT.search(content, pos)) is not None:
        code = match.group("code")
        if code is None:
            # None of these contexts nests in itself: skip to its end.
            closer = f"</{match.group('tag')}>" if match.group("tag") else "</p>"
            end = content.find(closer, match.end())
            pos = len(content) if end < 0 else end + len(closer)
            continue
        pos = match.end()
        href = links.get(code)
        if href is not None:
            out += [content[last : match.start()], f'<a href="{html.escape(href)}">', match.group(), "</a>"]
            last = pos
    out.append(content[last:])
    return "".join(out)


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


_DESTRUCTIVE_DIV = re.compile(r'<div class="(?P<cls>[^"]*\b' + DESTRUCTIVE_CLASS + r'\b[^"]*)"(?P<attrs>[^>]*)>')


def mark_destructive_html(content: str) -> str:
    """Give every destructive code block a visible warning and `data-destructive="true"`."""

    def replace(match: re.Match) -> str:
        attrs = match.group("attrs")
        why = re.search(r'data-why="([^"]*)"', attrs)
        reason = why.group(1) if why else "deletes data"
        warning = (
            '<p class="cs-destructive-warning" role="note">'
            '<span class="cs-destructive-icon" aria-hidden="true">⚠</span> '
            f"<strong>Destructive:</strong> {reason}. Check what it selects before you run it.</p>"
        )
        return f'{warning}<div class="{match.group("cls")}" data-destructive="true"{attrs}>'

    return _DESTRUCTIVE_DIV.sub(replace, content)
