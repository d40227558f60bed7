"""The printable sheet (`print/index.md`): every topic in reading order in one document."""

from __future__ import annotations

import re

from .page import FRONT_MATTER

PRINT_SRC = "print/index.md"
_LINK_TARGET = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:|/)([^)\s]*)\)", re.I)


def _relink(body: str, src: str) -> str:
    """Links written relative to the topic page, rewritten relative to print/index.md."""
    def target(match: re.Match) -> str:
        url = match.group(1)
        if url.startswith("#"):
            url = src + url
        return f"](../{url})"
    return _LINK_TARGET.sub(target, body)


def render_print(topics: list[tuple[str, str]]) -> str:
    """topics: (src, Markdown as the build renders it, front matter included), in order."""
    out = [
        "---",
        "title: Printable cheat sheet",
        "description: Every topic of the Docker Cheat Sheet in one printable document, for "
        "saving as PDF or printing.",
        "search:",
        "  exclude: true",
        "hide:",
        "  - navigation",
        "  - toc",
        "---",
        "",
        "# Printable cheat sheet",
        "",
        "Every topic of this site in reading order. Use your browser's *Print* or *Save as PDF*:",
        "navigation and search are left out, each topic starts on a new page, and link targets",
        "are printed next to their text.",
        "",
    ]
    for src, text in topics:
        match = FRONT_MATTER.match(text)
        body = text[match.end():] if match else text
        out += ['<div class="cs-print-topic" markdown>', "", _relink(body.strip("\n"), src), "", "</div>", ""]
    return "\n".join(out) + "\n"
