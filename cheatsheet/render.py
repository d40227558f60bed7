"""Rewrite a topic page's Markdown for the build: command links, legacy notes and destructive-block
classes. Edits stay on their lines, so line numbers in messages stay true. Also the HTML of a
page's related topics, which the build appends after search has indexed the page."""

from __future__ import annotations

import html
import posixpath
import re

from .index import (
    INDEX_SRC,
    LEGACY_SRC,
    command_anchor,
    inline_html,
    legacy_note,
    page_url,
)
from .page import PageScan
from .validate import PageReport

DESTRUCTIVE_CLASS = "cs-destructive"
RELATED_CLASS = "cs-related"
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


def render_page(text: str, scan: PageScan, report: PageReport, index_href: str | None = None) -> str:
    """The page's full source (front matter included) as the build should see it.

    `index_href` is the command index's URL relative to this page (by default derived from the
    source paths)."""
    lines = text.split("\n")
    if index_href is None:
        index_href = page_url(relative(scan.src, INDEX_SRC))
    spans_by_line: dict[int, list] = {}
    for span in scan.spans:
        if (span.line, span.col) in report.span_links:
            spans_by_line.setdefault(span.line, []).append(span)
    for number, spans in spans_by_line.items():
        line = lines[number - 1]
        for span in sorted(spans, key=lambda s: s.col, reverse=True):
            canonical = report.span_links[(span.line, span.col)]
            code = line[span.col:span.end]
            # Raw HTML around the code span: the target is generated and known to exist, so the
            # link needs none of Markdown's link parsing or MkDocs' link resolution.
            href = html.escape(f"{index_href}#{command_anchor(canonical)}")
            line = f'{line[:span.col]}<a href="{href}">{code}</a>{line[span.end:]}'
        lines[number - 1] = line
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


def related_html(items: list[tuple[str, str, str]], taken: set[str]) -> str:
    """A "Related topics" box from (href, title, description) items; its heading's id avoids
    the page's own anchors."""
    anchor, n = "related-topics", 0
    while anchor in taken:
        n += 1
        anchor = f"related-topics_{n}"
    entries = "".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a> — {inline_html(description)}</li>'
                      for href, title, description in items)
    return (f'<nav class="{RELATED_CLASS}" aria-labelledby="{anchor}">'
            f'<h2 id="{anchor}">Related topics<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h2>'
            f"<ul>{entries}</ul></nav>")


_DESTRUCTIVE_DIV = re.compile(
    r'<div class="(?P<cls>[^"]*\b' + DESTRUCTIVE_CLASS + r'\b[^"]*)"(?P<attrs>[^>]*)>'
)


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
