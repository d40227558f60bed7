"""The printable sheet (`print/index.md`): every topic in reading order in one document.

The topics are not rendered twice: the generated page holds only its introduction and a
marker, and once every page is rendered the hook fills in their HTML, with ids made unique
per topic and links rewritten so they work from print/ and stay inside the document.
"""

from __future__ import annotations

import posixpath
import re

from .addresses import page_ids
from .engine_versions import MARK_CLASS
from .front_matter import generated_page
from .html_parts import RELATED_CLASS, edit_code_blocks

PRINT_SRC = "print/index.md"
PRINT_TITLE = "Printable book"
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
# Code lines longer than this many characters are broken for print at a marker that print.css
# shows as a continuation sign: at 8.5 pt, a code block on A4 or US Letter holds about 95.
WRAP_COLUMNS = 86
WRAP_MARK = '<span class="cs-wrap" aria-hidden="true"></span>'
_TAG_LINE_BREAK = re.compile(r"<[^>]*\n")
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+")
_TAG = re.compile(r"<[^>]*>")
# An Engine mark hung on an example (engine_versions.mark_html) is not code: its text takes no
# columns and is never broken (a mark that does not fit moves whole to a line of its own, in
# print as on screen).
_MARK_START = f'<span class="{MARK_CLASS}"'
WRAP_INDENT = 4  # the continued line's indent, as print.css draws it


def render_print() -> str:
    return "\n".join(
        [
            *generated_page(
                PRINT_TITLE,
                "Every topic of the Docker Cheat Sheet in one printable document, for saving as PDF or printing.",
                "material/printer",
            ),
            "Every topic of this site in reading order. Use your browser's *Print* or *Save as PDF*:",
            "navigation and search are left out, each topic starts on a new page, and link targets",
            "are printed next to their text. For two pages to pin next to your screen, print the",
            "[cheat sheet](../sheet/index.md) instead.",
            "",
            MARKER,
            "",
        ]
    )


def _wrap_line(line: str, columns: int) -> str:
    """Code (HTML) with a break mark wherever a line passes `columns`."""
    out: list[str] = []
    column = 0
    space: tuple[int, int] | None = None  # (position in out after a space, its column)
    inside_mark = 0  # the depth of spans within an Engine mark
    for token in _TOKEN.findall(line):
        if inside_mark or token.startswith(_MARK_START):
            out.append(token)
            if token.startswith("<span"):
                inside_mark += 1
            elif token == "</span>":
                inside_mark -= 1
            continue
        if token.startswith("<"):
            out.append(token)
            continue
        if token[0] != "&" and "\n" not in token and column + len(token) <= columns:
            # A run that reaches no break (most of them) goes in whole, cut after its last
            # space, where a later break may be inserted: as the loop below would leave it.
            cut = token.rfind(" ") + 1
            out.append(token[:cut] if cut else token)
            if cut:
                space = (len(out), column + cut)
                if cut < len(token):
                    out.append(token[cut:])
            column += len(token)
            continue
        for char in [token] if token.startswith("&") else token:
            if char == "\n":
                column, space = 0, None
            elif column >= columns:
                if space and column - space[1] < columns // 3:
                    out.insert(space[0], WRAP_MARK)
                    column = WRAP_INDENT + column - space[1]
                else:
                    out.append(WRAP_MARK)
                    column = WRAP_INDENT
                space = None
            out.append(char)
            if char != "\n":
                column += 1
            if char == " ":
                space = (len(out), column)
    return "".join(out)


def _wrap_lines(body: str, columns: int) -> str:
    """A line's length with its tags and entities counted is an upper bound of what the reader
    sees: lines within it are left alone."""
    if _TAG_LINE_BREAK.search(body):  # a tag holds a line break: the block is wrapped as one piece
        return _wrap_line(body, columns)
    lines = body.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > columns and len(_TAG.sub("", line)) > columns]
    for i in long:
        lines[i] = _wrap_line(lines[i], columns)
    return "\n".join(lines) if long else body


def wrap_code(html: str, columns: int = WRAP_COLUMNS) -> str:
    """Mark where each code line longer than `columns` characters breaks in print: after the
    line's last space when that keeps a fair part of it, otherwise at `columns`. Counts the text
    the reader sees (an entity is one character); tags are left whole."""
    return edit_code_blocks(html, lambda body: _wrap_lines(body, columns))


def combine(topics: list[tuple[str, str]], print_url: str = "print/index.html") -> str:
    """One HTML document from (page URL, rendered content) pairs, in order."""
    ids = page_ids([url for url, _ in topics], "topic-")
    up = posixpath.relpath(".", posixpath.dirname(print_url) or ".")
    up = "" if up == "." else up + "/"

    def link(match: re.Match, here: str) -> str:
        name = match.group(0).partition("=")[0]
        value = match.group(1)
        path, _, fragment = value.partition("#")
        # Relative to the page it was written on (`../tips.html` from `a/b.html`), then to the book.
        path = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        if path in ids:
            return f'{name}="#{ids[path]}--{fragment}"' if fragment else f'{name}="#{ids[path]}"'
        return f'{name}="{up}{path}' + (f"#{fragment}" if fragment else "") + '"'

    def rewrite(url: str, html: str) -> str:
        own = ids[url]
        html = html.split(f'<nav class="{RELATED_CLASS}"', 1)[0]  # every topic is in this document
        html = wrap_code(html)
        html = _ID.sub(f'id="{own}--', html)
        for name in _LINK_ATTRS:
            html = _FRAGMENT[name].sub(f'{name}="#{own}--', html)
            html = _RELATIVE[name].sub(lambda match: link(match, url), html)
        return html

    return "\n".join(
        f'<section class="cs-print-topic" id="{ids[url]}">\n{rewrite(url, html)}\n</section>' for url, html in topics
    )


def fill(page_html: str, topics: list[tuple[str, str]], print_url: str = "print/index.html") -> str:
    return page_html.replace(MARKER, combine(topics, print_url), 1)
