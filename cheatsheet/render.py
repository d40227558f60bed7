"""Rewrite a topic page's Markdown for the build: command links, legacy notes, destructive-block
classes and related topics. Edits stay on their lines, so line numbers in messages stay true."""

from __future__ import annotations

import html
import posixpath
import re

from .index import INDEX_SRC, LEGACY_SRC, command_anchor, legacy_note
from .page import PageScan
from .validate import PageReport

DESTRUCTIVE_CLASS = "cs-destructive"
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


def render_page(text: str, scan: PageScan, report: PageReport, related: list[tuple[str, str, str]]) -> str:
    """The page's full source (front matter included) as the build should see it.

    `related` lists (src, title, description) of the related topics to append.
    """
    lines = text.split("\n")
    index_link = relative(scan.src, INDEX_SRC)
    spans_by_line: dict[int, list] = {}
    for span in scan.spans:
        if (span.line, span.col) in report.span_links:
            spans_by_line.setdefault(span.line, []).append(span)
    for number, spans in spans_by_line.items():
        line = lines[number - 1]
        for span in sorted(spans, key=lambda s: s.col, reverse=True):
            canonical = report.span_links[(span.line, span.col)]
            code = line[span.col:span.end]
            line = f"{line[:span.col]}[{code}]({index_link}#{command_anchor(canonical)}){line[span.end:]}"
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
    if related:
        lines += ["", "## Related topics", ""]
        lines += [f"- [{title}]({relative(scan.src, src)}) — {description}" for src, title, description in related]
        lines.append("")
    return "\n".join(lines)


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
