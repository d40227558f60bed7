"""Rewrite a topic page's Markdown for the build: legacy notes and destructive-block classes.
Edits stay on their lines, so line numbers in messages stay true."""

from __future__ import annotations

import html
import re

from .addresses import relative
from .findings import PageReport
from .html_parts import DESTRUCTIVE_CLASS
from .legacy_map import LEGACY_SRC, legacy_note
from .page import PageScan

_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")


def _mark_destructive(line: str, why: str) -> str:
    match = _FENCE_OPEN.match(line)
    if not match:
        return line
    indent, fence, info = match.groups()
    why_attr = html.escape(why, quote=True)
    extra = f'.{DESTRUCTIVE_CLASS} data-destructive="true" data-why="{why_attr}"'
    if info.startswith("{"):
        inner = info[1:].rsplit("}", 1)[0].strip()
        words = inner.split(None, 1)
        inner = f"{words[0]} {extra} {words[1] if len(words) > 1 else ''}".strip()
        return f"{indent}{fence} {{ {inner} }}"
    lang, _, rest = info.partition(" ")
    # Only the attributes are tidied: the indentation places the block (in a list item, say).
    attrs = " ".join(f".{lang} {extra} {rest}".split())
    return f"{indent}{fence} {{ {attrs} }}"


def render_page(text: str, scan: PageScan, report: PageReport, first_line: int = 1) -> str:
    """The page's Markdown as the build should see it. `text` is the end of the page's source
    from line `first_line` on (the body, once MkDocs has removed the front matter)."""
    lines = text.split("\n")
    skip = first_line - 1  # source line N is lines[N - 1 - skip]
    for fence_line, why in report.destructive_fences.items():
        if fence_line > skip:
            lines[fence_line - 1 - skip] = _mark_destructive(lines[fence_line - 1 - skip], why)
    # Insert legacy notes bottom-up so earlier line numbers stay valid.
    notes = []
    for adm in scan.admonitions:
        features = report.legacy_notes.get(adm.line)
        if adm.kind == "legacy" and features and adm.line > skip:
            last = adm.end_line - skip
            while last > adm.line - skip and not lines[last - 1].strip():
                last -= 1
            pad = " " * (adm.indent + 4)
            body = [""] + [pad + legacy_note(f, relative(scan.src, LEGACY_SRC)) for f in features]
            notes.append((last, body))
    for last, body in sorted(notes, reverse=True):
        lines[last:last] = body
    return "\n".join(lines)
