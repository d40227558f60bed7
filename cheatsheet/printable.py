"""The printable sheet (`print/index.md`): every topic in reading order in one document.

The topics are not rendered twice: the generated page holds only its introduction and a
marker, and once every page is rendered the hook fills in their HTML, with ids made unique
per topic and links rewritten so they work from print/ and stay inside the document.
"""

from __future__ import annotations

import posixpath
import re

from .html_edits import RELATED_CLASS

PRINT_SRC = "print/index.md"
MARKER = "<!-- cs-print-topics -->"
_LINK_ATTRS = ("href", "src")
# Each pattern starts with its literal and checks the word boundary behind it: a leading `\b`
# would stop the regex engine from searching for the literal, three times slower here.
_ID = re.compile(r'id="(?<=\bid=")')
_FRAGMENT = {name: re.compile(rf'{name}="#(?<=\b{name}="#)(?=[^"])') for name in _LINK_ATTRS}
# Relative links with a path: the only ones that need a decision each, so a callback.
_RELATIVE = {
    name: re.compile(rf'{name}="(?<=\b{name}=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|")([^"]*)"') for name in _LINK_ATTRS
}


def render_print() -> str:
    return "\n".join(
        [
            "---",
            "title: Printable cheat sheet",
            "description: Every topic of the Docker Cheat Sheet in one printable document, for "
            "saving as PDF or printing.",
            "icon: material/printer",
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
            MARKER,
            "",
        ]
    )


def _topic_id(url: str) -> str:
    return "topic-" + re.sub(r"[^a-z0-9]+", "-", posixpath.splitext(url)[0].lower()).strip("-")


def combine(topics: list[tuple[str, str]], print_url: str = "print/index.html") -> str:
    """One HTML document from (page URL, rendered content) pairs, in order."""
    ids = {url: _topic_id(url) for url, _ in topics}
    up = posixpath.relpath(".", posixpath.dirname(print_url) or ".")
    up = "" if up == "." else up + "/"

    def link(match: re.Match) -> str:
        name = match.group(0).partition("=")[0]
        value = match.group(1)
        path, _, fragment = value.partition("#")
        if path in ids:
            return f'{name}="#{ids[path]}--{fragment}"' if fragment else f'{name}="#{ids[path]}"'
        return f'{name}="{up}{value}"'

    def rewrite(url: str, html: str) -> str:
        own = ids[url]
        html = html.split(f'<nav class="{RELATED_CLASS}"', 1)[0]  # every topic is in this document
        html = _ID.sub(f'id="{own}--', html)
        for name in _LINK_ATTRS:
            html = _FRAGMENT[name].sub(f'{name}="#{own}--', html)
            html = _RELATIVE[name].sub(link, html)
        return html

    return "\n".join(
        f'<section class="cs-print-topic" id="{ids[url]}">\n{rewrite(url, html)}\n</section>' for url, html in topics
    )


def fill(page_html: str, topics: list[tuple[str, str]], print_url: str = "print/index.html") -> str:
    return page_html.replace(MARKER, combine(topics, print_url), 1)
