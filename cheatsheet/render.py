"""Rewrite a topic page's Markdown for the build: legacy notes and destructive-block classes. Edits
stay on their lines, so line numbers in messages stay true. Then, on the rendered HTML: links
from inline commands to the command index, and the page's related topics."""

from __future__ import annotations

import html
import posixpath
import re

from .index import LEGACY_SRC, command_anchor, inline_html, legacy_note
from .page import PageScan
from .validate import PageReport

DESTRUCTIVE_CLASS = "cs-destructive"
RELATED_CLASS = "cs-related"
# The contexts link_commands skips, and the inline code it links.
_CODE_CONTEXT = re.compile(
    r'<(?:(?P<tag>a|pre|h[1-6]|summary)\b[^>]*>|p class="admonition-title">|code>(?P<code>[^<]*)</code>)'
)
_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")


def relative(src: str, target: str) -> str:
    """A link from page src to target, both as MkDocs src URIs."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def _mark_destructive(line: str, why: str) -> str:
    match = _FENCE_OPEN.match(line)
    if not match:
        return line
    indent, fence, info = match.groups()
    why_attr = html.escape(why, quote=True)
    extra = f'.{DESTRUCTIVE_CLASS} data-why="{why_attr}"'
    if info.startswith("{"):
        inner = info[1:].rsplit("}", 1)[0].strip()
        words = inner.split(None, 1)
        inner = f"{words[0]} {extra} {words[1] if len(words) > 1 else ''}".strip()
        return f"{indent}{fence} {{ {inner} }}"
    lang, _, rest = info.partition(" ")
    return f"{indent}{fence} {{ .{lang} {extra} {rest.strip()} }}".replace("  ", " ")


def render_page(text: str, scan: PageScan, report: PageReport) -> str:
    """The page's full source (front matter included) as the build should see it."""
    lines = text.split("\n")
    for fence_line, why in report.destructive_fences.items():
        lines[fence_line - 1] = _mark_destructive(lines[fence_line - 1], why)
    # Insert legacy notes bottom-up so earlier line numbers stay valid.
    notes = []
    for adm in scan.admonitions:
        features = report.legacy_notes.get(adm.line)
        if adm.kind == "legacy" and features:
            last = adm.end_line
            while last > adm.line and not lines[last - 1].strip():
                last -= 1
            pad = " " * (adm.indent + 4)
            body = [""] + [pad + legacy_note(f, relative(scan.src, LEGACY_SRC)) for f in features]
            notes.append((last, body))
    for last, body in sorted(notes, reverse=True):
        lines[last:last] = body
    return "\n".join(lines)


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
