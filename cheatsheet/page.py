"""One pass over a page's Markdown source: front matter, headings, fenced blocks, inline code,
links and legacy admonitions, each with the line it stands on in the file.

Records that never change after the scan are named tuples: a dataclass costs more to define,
paid by every build when the hooks are imported (scripts/bench/REPORT.md)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import yaml
from markdown.extensions.toc import unique

from .addresses import heading_anchor
from .data_files import YAML_LOADER, UnreadableValue, load_yaml_node

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_FENCE_STARTS = ("```", "~~~")
# Every pattern here runs on contributor text: none may backtrack over the same characters twice
# (a 4 KB heading of spaces took 56 s with `\s+(.*?)\s*#*\s*$`). Headings, code spans and links
# are read with plain string operations; the patterns left are anchored and unambiguous.
_HEADING_MARK = re.compile(r"#{1,6}(?=\s)")
_BACKTICKS = re.compile(r"`+")
_ADMONITION = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+\"(?P<title>[^\"]*)\")?")
# What follows a link's `](`: the URL (possessive: it never gives characters back), a title, `)`.
_LINK_TAIL = re.compile(r"\s*+<?([^)\s>]*+)>?(?:\s++[\"'][^\"']*+[\"'])?\s*+\)")
_URL_RUN = re.compile(r"\s*+<?[^)\s>]*+")
MAX_FRONT_MATTER = 4096  # bytes: the real pages' front matter is a tenth of it
_ATTR_CLASS = re.compile(r"\.([\w-]++)")


class Fence(NamedTuple):
    line: int  # line of the opening fence
    lang: str
    lines: list[str]  # content, dedented to the fence's indentation
    legacy: bool
    heading: str  # anchor of the section it stands in ("" before the first heading)


class Span(NamedTuple):
    line: int
    col: int  # offset of the opening backtick in the line
    end: int  # offset just after the closing backtick
    code: str
    in_link: bool
    legacy: bool
    heading: str


class Link(NamedTuple):
    line: int
    text: str
    url: str
    image: bool
    legacy: bool


class Heading(NamedTuple):
    line: int
    level: int
    text: str
    anchor: str


@dataclass
class Admonition:
    line: int
    kind: str
    title: str
    indent: int
    end_line: int = 0  # last line of its body


@dataclass
class PageScan:
    path: str  # as shown in messages: docs/containers.md
    src: str = ""  # as MkDocs knows it: containers.md
    meta: dict = field(default_factory=dict)
    meta_error: tuple[int, str] | None = None
    meta_fix: str = ""  # how to fix meta_error, when the generic advice does not fit
    meta_refused: bool = False  # front matter MkDocs must not parse either (too big, aliases)
    meta_lines: dict[str, int] = field(default_factory=dict)
    meta_node: yaml.Node | None = None  # the front matter as YAML nodes, which keep their lines
    body_line: int = 1  # first line after the front matter
    headings: list[Heading] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    admonitions: list[Admonition] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings}


def _front_matter(text: str, scan: PageScan) -> None:
    if not text.startswith("---"):
        return
    match = FRONT_MATTER.match(text)
    if not match:
        scan.meta_error = (1, "front matter opened with `---` is never closed")
        return
    scan.body_line = text[: match.end()].count("\n") + 1
    size = len(match.group(1).encode("utf-8"))
    if size > MAX_FRONT_MATTER:
        scan.meta_error = (1, f"front matter is {size:,} bytes, over the limit of {MAX_FRONT_MATTER:,}")
        scan.meta_fix = "keep to the keys of data/front-matter.yaml, one short line each"
        scan.meta_refused = True
        return
    try:
        alias = _anchor_or_alias(match.group(1))
        if alias is not None:
            # An alias repeats a value without copying it: a few of them nested make a few
            # hundred bytes stand for gigabytes once anything reads the value as text.
            scan.meta_error = (2 + alias, "front matter uses a YAML anchor or alias (`&name`, `*name`)")
            scan.meta_fix = "write each value out in full"
            scan.meta_refused = True
            return
        scan.meta_node, data = load_yaml_node(match.group(1))
    except yaml.YAMLError as exc:
        # Where the broken construct started (an unclosed `[`) is where the fix goes.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        if isinstance(exc, UnreadableValue):  # valid YAML that the build will not read (`2026-02-30`)
            scan.meta_error, scan.meta_fix = (line, f"front matter: {problem}"), exc.fix
            return
        scan.meta_error = (line, f"front matter is not valid YAML: {problem}")
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        scan.meta_error = (2, "front matter must be a mapping of `key: value` lines")
        return
    scan.meta = data
    for number, line in enumerate(match.group(1).split("\n"), start=2):
        key = line.split(":", 1)[0].strip()
        if key in data and not line.startswith((" ", "\t", "-")):
            scan.meta_lines[key] = number


@lru_cache(maxsize=1 << 14)  # the scan and the structure checks read the same lines
def code_spans(line: str) -> tuple[tuple[int, int, int, int], ...]:
    """Inline code in a line as (start, end, content start, content end): a run of backticks up to
    the next run of the same length. One pass over the runs, so linear in the line's length (the
    pattern it replaces took 15 s on 12 KB of backticks)."""
    if "`" not in line:
        return ()
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    by_size: dict[int, list[int]] = {}  # run length -> the runs of that length, in order
    for k, (start, end) in enumerate(runs):
        by_size.setdefault(end - start, []).append(k)
    spans = []
    i = 0
    while i < len(runs):
        # A backtick after an odd number of backslashes is text (`\``), as in Python-Markdown:
        # a code span may not open on it, though the rest of its run may. A closing run may
        # follow a backslash: inside code a backslash is itself.
        start, end = runs[i]
        start += escaped(line, start)
        same = by_size.get(end - start, [])
        at = bisect_right(same, i)
        if start == end or at == len(same):
            i += 1
            continue
        j = same[at]
        spans.append((start, runs[j][1], end, runs[j][0]))
        i = j + 1
    return tuple(spans)


def escaped(line: str, at: int) -> int:
    """1 when the character at `at` follows an odd number of backslashes, else 0."""
    before = at
    while before > 0 and line[before - 1] == "\\":
        before -= 1
    return (at - before) % 2


def links(line: str) -> list[tuple[int, int, bool, str, str]]:
    """Inline links and images in a line as (start, end, image, text, url). The text may hold one
    level of `[…]`. Each character is looked at a bounded number of times: the text is found by
    walking back from `](` no further than the previous `](`, and a URL that does not end the
    link ends every link attempt that starts inside it."""
    found: list[tuple[int, int, bool, str, str]] = []
    floor = 0  # nothing before this is looked at again
    pos = 0
    while (close := line.find("](", pos)) >= 0:
        start = -1
        depth = 0
        i = close - 1
        while i >= floor:
            c = line[i]
            if c == "]":
                depth += 1
                if depth > 1:
                    break
            elif c == "[":
                if depth == 0:
                    start = i
                    break
                depth -= 1
            i -= 1
        tail = _LINK_TAIL.match(line, close + 2)
        if start >= 0 and tail:
            image = start > floor and line[start - 1] == "!"
            found.append((start - image, tail.end(), image, line[start + 1 : close], tail.group(1)))
            floor = pos = tail.end()
            continue
        # No link here; nor at any `](` before where this URL run ends, since it ends the same way.
        run = _URL_RUN.match(line, close + 2)  # always matches: every part is optional
        url_end = run.end() if run else close + 2
        floor = close + 2
        pos = max(close + 2, url_end)
    return found


def _heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading: `## Text ##`, without the closing hashes."""
    mark = _HEADING_MARK.match(line)
    if not mark:
        return None
    return len(mark.group()), line[mark.end() :].strip().rstrip("#").rstrip()


_ATTR_ID = re.compile(r"""(?:^|\s)(?:#|id=["']?)([A-Za-z0-9_-]+)(?=["'\s]|$)""")


def _attr_list(title: str) -> int | None:
    """Where a heading's attribute list starts: the last `{…}` holding no `}`, at the end."""
    text = title.rstrip()
    if not text.endswith("}"):
        return None
    opening = text.find("{", text.rfind("}", 0, len(text) - 1) + 1)
    return opening if opening >= 0 else None


def _explicit_id(title: str) -> str | None:
    """The id a heading's attribute list gives it (`{ #my-id }`, `{ id="my-id" }`), or None. Only a
    plain one: any other fails the build (sanitize.toc_problems)."""
    opening = _attr_list(title)
    match = _ATTR_ID.search(title.rstrip()[opening + 1 : -1].strip(": ")) if opening is not None else None
    return match.group(1) if match else None


def _strip_attr_list(title: str) -> str:
    """`Title { #id .class }` -> `Title`."""
    opening = _attr_list(title)
    return title[:opening].rstrip() if opening is not None else title


def _plain_heading(title: str) -> str:
    """The heading's text as the table of contents slugs it: code and links by their text."""
    title = _strip_attr_list(title)
    out, last = [], 0
    for start, end, inner_start, inner_end in code_spans(title):
        out += [title[last:start], title[inner_start:inner_end]]
        last = end
    plain = "".join(out) + title[last:]
    out, last = [], 0
    for start, end, image, text, _ in links(plain):
        out += [plain[last : start + image], text]
        last = end
    return "".join(out) + plain[last:]


def _anchor_or_alias(block: str) -> int | None:
    """The line (from 0) of the first YAML anchor or alias in block, read as events (which
    never expands an alias), or None."""
    if "&" not in block and "*" not in block:
        return None
    for event in yaml.parse(block, Loader=YAML_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return event.start_mark.line
    return None


def fence_lang(info: str) -> str:
    """The language of a fence: ```` ```bash ```` or ```` ``` { .bash .other } ````."""
    info = info.strip()
    if info.startswith("{"):
        classes = _ATTR_CLASS.findall(info.split("}", 1)[0])
        return classes[0] if classes else ""
    return info.split()[0].lstrip(".") if info else ""


def scan(path: str, text: str, src: str = "") -> PageScan:
    page = PageScan(path=path, src=src or path)
    _front_matter(text, page)
    # Split on "\n" only, as markdown_edits.py does: line numbers must agree with the file and the edits.
    lines = text.split("\n")
    page.lines = lines
    used_ids: set[str] = set()
    # Which suffixes (`a_1`, `a_2` …) are taken, so a repeated heading costs one step, not one
    # per earlier copy: many identical headings were a quadratic build.
    id_counters: dict[str, int] = {}
    heading = ""
    open_admonitions: list[Admonition] = []
    legacy = False
    fence: Fence | None = None
    fence_indent = fence_mark = ""
    in_comment = False
    # Most lines are plain prose or code: each pattern runs only on lines that can match it.
    for index in range(page.body_line - 1, len(lines)):
        number = index + 1
        line = lines[index]
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(_FENCE_STARTS):
                close = _FENCE.match(line)
                if (
                    close
                    and close.group("fence")[0] == fence_mark[0]
                    and len(close.group("fence")) >= len(fence_mark)
                    and not close.group("info").strip()
                ):
                    fence = None
                    continue
            fence.lines.append(line[len(fence_indent) :] if line.startswith(fence_indent) else line.lstrip())
            continue
        indent = len(line) - len(line.lstrip())
        # An admonition's body is every following line indented deeper, or blank.
        if open_admonitions and stripped and indent <= open_admonitions[-1].indent:
            while open_admonitions and indent <= open_admonitions[-1].indent:
                open_admonitions.pop().end_line = number - 1
            legacy = any(a.kind == "legacy" for a in open_admonitions)
        if in_comment:
            in_comment = "-->" not in line
            continue
        if stripped.startswith("<!--") and "-->" not in stripped:
            in_comment = True
            continue
        opening = _FENCE.match(line) if stripped.startswith(_FENCE_STARTS) else None
        if opening:
            lang = fence_lang(opening.group("info"))
            fence = Fence(number, lang.lower(), [], legacy, heading)
            fence_indent, fence_mark = opening.group("indent", "fence")
            page.fences.append(fence)
            continue
        found = _heading(line) if line.startswith("#") else None
        if found:
            plain = _plain_heading(found[1])
            explicit = _explicit_id(found[1])
            anchor = explicit if explicit is not None else unique(heading_anchor(plain), used_ids, id_counters)
            used_ids.add(anchor)
            heading = anchor
            page.headings.append(Heading(number, found[0], plain, anchor))
            # A heading's links and code are read as any line's: a link there goes where one in a
            # paragraph would, and a command in it is checked the same.
        match = None if found else _ADMONITION.match(line) if stripped.startswith(("!!!", "???")) else None
        if match:
            adm = Admonition(number, match.group("kind"), match.group("title") or "", indent, number)
            page.admonitions.append(adm)
            open_admonitions.append(adm)
            legacy = legacy or adm.kind == "legacy"
            if "`" not in line and "](" not in line:
                continue  # a title's links and code are read below, as Markdown renders them
        if "`" not in line and "](" not in line:
            continue
        link_starts, link_ends = [], []
        for start, end, image, text, url in links(line) if "](" in line else ():
            page.links.append(Link(number, text, url, image, legacy))
            link_starts.append(start)
            link_ends.append(end)
        for start, end, inner_start, inner_end in code_spans(line):
            # Links do not overlap: the one starting last at or before the span is the only candidate.
            at = bisect_right(link_starts, start) - 1
            in_link = at >= 0 and start < link_ends[at]
            page.spans.append(Span(number, start, end, line[inner_start:inner_end].strip(), in_link, legacy, heading))
    for adm in open_admonitions:
        adm.end_line = len(lines)
    return page
