"""Rewrite a topic page's Markdown for the build: legacy notes and destructive-block classes.
Edits stay on their lines, so line numbers in messages stay true."""

from __future__ import annotations

import html
import re

from .addresses import relative
from .html_edits import DESTRUCTIVE_CLASS
from .legacy_map import LEGACY_SRC, legacy_note
from .page import PageScan
from .page_checks import PageReport

_FENCE_OPEN = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*)$")


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
