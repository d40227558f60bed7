"""Structural checks of a page's prose: headings, images, raw HTML, internal links, emptiness."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from urllib.parse import unquote, urlsplit

from .page import PageScan, code_spans
from .problems import Problem, closest

_UNSAFE = [
    (re.compile(r"<\s*script\b", re.I), "raw `<script>` tag", "remove it: pages may not run their own scripts"),
    (re.compile(r"<\s*iframe\b", re.I), "raw `<iframe>` tag", "link to the page instead of embedding it"),
    (re.compile(r"javascript\s*:", re.I), "`javascript:` URL", "link to a page or an anchor instead"),
]
# An `on…=` attribute is one inside a tag: instead of `<[a-z][^>]*\son[a-z]+\s*=`, which rescans
# to the next `>` from every `<` (hours on 180 KB of `<b `), one pass tracks whether a tag is open.
_TAG_EDGE = re.compile(r"<[a-z]|>|\son[a-z]++\s*+=", re.I)
_EVENT_HANDLER = ("inline event handler (`on…=` attribute)", "remove the attribute")
# One cell of a table's rule line, such as ` :---: `.
_RULE_CELL = re.compile(r"\s*+:?-{3,}+:?\s*+")


def _table_rule(line: str) -> bool:
    """Whether a line is a table's rule (`| --- | :---: |`): at least two cells of dashes. Plain
    string splitting: the pattern it replaces took 21 s on a 50 KB line after a pipe."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    cells = text.split("|")
    return len(cells) >= 2 and all(_RULE_CELL.fullmatch(cell) for cell in cells)


def _blank_code(line: str) -> str:
    """The line with each inline code span replaced by ``` `` ```."""
    if "`" not in line:  # most lines
        return line
    out, last = [], 0
    for start, end, _, _ in code_spans(line):
        out += [line[last:start], "``"]
        last = end
    return "".join(out) + line[last:] if out else line


def _event_handlers(text: str) -> list[int]:
    """Offsets of the `<` of each tag that holds an `on…=` attribute."""
    found: list[int] = []
    tag = -1  # offset of the open tag's `<`, or -1 outside a tag
    for match in _TAG_EDGE.finditer(text):
        edge = match.group()
        if edge == ">":
            tag = -1
        elif edge[0] == "<":
            tag = match.start()
        elif tag >= 0 and (not found or found[-1] != tag):
            found.append(tag)
    return found


def prose_lines(scan: PageScan) -> list[tuple[int, str]]:
    """Body lines outside fenced code, with inline code blanked out."""
    inside: set[int] = set()
    for fence in scan.fences:
        inside.update(range(fence.line, fence.line + len(fence.lines) + 2))
    out = []
    for number in range(scan.body_line, len(scan.lines) + 1):
        if number not in inside:
            out.append((number, _blank_code(scan.lines[number - 1])))
    return out


def check_structure(scan: PageScan) -> list[Problem]:
    problems: list[Problem] = []
    prose = prose_lines(scan)
    if not any(line.strip() and not line.lstrip().startswith("#") for _, line in prose) and not scan.fences:
        problems.append(
            Problem(
                scan.path,
                scan.body_line,
                "the page has no content",
                "write an introduction and at least one section, or delete the file",
            )
        )
    level = 1
    for heading in scan.headings:
        if heading.level > level + 1:
            problems.append(
                Problem(
                    scan.path,
                    heading.line,
                    f"heading `{heading.text}` jumps from level {level} to level {heading.level}",
                    f"use {'#' * (level + 1)} here, or add the missing level above it",
                )
            )
        level = heading.level
    for link in scan.links:
        if link.image and not link.text.strip():
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"image `{link.url}` has no alt text",
                    "describe it: `![What the image shows](file.png)`",
                )
            )
    previous = (0, "")
    for number, line in prose:
        if "---" in line and previous[0] == number - 1 and _table_rule(line):
            cells = [c.strip() for c in previous[1].strip().strip("|").split("|")]
            if any(not c for c in cells):
                problems.append(
                    Problem(
                        scan.path,
                        previous[0],
                        "a table header cell is empty, so screen readers announce nothing for its column",
                        "name the column, e.g. `| Aspect |`",
                    )
                )
        previous = (number, line)
    # One search per pattern over the page's prose, not one per line: matches are rare.
    text = "\n".join(line for _, line in prose)
    starts = list(accumulate((len(line) + 1 for _, line in prose), initial=0))
    found = [(what, fix, m.start()) for pattern, what, fix in _UNSAFE for m in pattern.finditer(text)]
    found += [(*_EVENT_HANDLER, at) for at in _event_handlers(text)]
    seen = set()
    for what, fix, at in found:
        number = prose[bisect_right(starts, at) - 1][0]
        if (what, number) not in seen:
            seen.add((what, number))
            problems.append(Problem(scan.path, number, f"{what} in the page", fix))
    return problems


def check_internal_links(scan: PageScan, anchors: dict[str, set[str]]) -> list[Problem]:
    """Links to other pages of the site and to anchors: the target must exist.

    `anchors` maps every page's src URI (generated pages included) to its heading anchors.
    """
    problems: list[Problem] = []
    here = scan.src
    for link in scan.links:
        parts = urlsplit(link.url)
        if parts.scheme or parts.netloc or link.url.startswith("mailto:"):
            continue
        if link.url.startswith("/"):
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"absolute link `{link.url}` breaks when the site is opened from disk",
                    "link relatively to the Markdown file, e.g. `volumes.md#bind-mounts`",
                )
            )
            continue
        target = _resolve(here, unquote(parts.path)) if parts.path else here
        if parts.path and not parts.path.endswith((".md", "/")):
            continue  # an asset such as an image; MkDocs checks those itself
        if target not in anchors:
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"link to `{link.url}`, but there is no page `{target}`",
                    f"link to one of the pages in docs/, e.g. `{closest(target, anchors)}`",
                )
            )
            continue
        if parts.fragment and parts.fragment not in anchors[target]:
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"`{target}` has no heading with anchor `#{parts.fragment}`",
                    f"use one of its anchors, e.g. `#{closest(parts.fragment, anchors[target])}`",
                )
            )
    return problems


def _resolve(here: str, path: str) -> str:
    parts = here.split("/")[:-1]
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)
