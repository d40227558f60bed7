"""Size and shape limits a page must keep before Python-Markdown reads it.

Python-Markdown slows down badly on some shapes (quadratic or worse: 180 KB of `<b ` runs for more
than ten minutes, 40 lines of unclosed `[` for minutes; 1,000 nested list items end in a
RecursionError). A page over a limit is reported here, with its file and line, and left out of
the build, so Python-Markdown never sees it. Every limit is many times what the largest real page
needs (in this repository: 14 KB, 288 lines, lines of 200 characters, blocks of 3 KB, 21 code
blocks, indentation of 4 columns). One pass over the page, linear in its size.

The site as a whole is bounded too, because the build's output multiplies what the pages hold:
Pygments writes a span per token (17 to 30 bytes of HTML per character of a line of flags or
numbers), the flag marks and examples add theirs, and the printable book holds every page again.
Per-page limits alone let a pull request of 21 pages of 240 KiB lines of `-e A=1` build 229 MB
in minutes, and pass. So (`check_site`): the pages' Markdown together at most `SITE_BYTES`, their
code blocks together at most `SITE_CODE_CHARS` (today: 167 KB of Markdown in 20 pages, 70 KB of
it code; both about 8 times that), and a line of a shell block at most `SHELL_LINE_CHARS` (the
longest real one: 184 characters, with 9 flags; a longer command continues on the next line). The
number of pages is bounded where docs/ is walked (docs_files.MAX_PAGES). At these bounds the
worst case is a build of seconds and tens of MB (scripts/bench/REPORT.md), that fails naming
each page left out.

Last, what a page renders to (`rendered_problem`, called by the site as soon as Markdown has
written a page): a shape these bounds miss still cannot multiply the output past it.
"""

from __future__ import annotations

import re

from .findings import SHELL_LANGS
from .page import FRONT_MATTER, fence_lang
from .problems import Problem

PAGE_BYTES = 256 * 1024
PAGE_LINES = 5_000
LINE_CHARS = 4_000  # outside code blocks
CODE_LINE_CHARS = 20_000  # inside code blocks: long commands and generated output are fine
# Shell blocks (and unlabelled ones, which may be marked as shell): each flag becomes a span.
SHELL_LINE_CHARS = 2_000
_SHELL_BLOCK = frozenset(SHELL_LANGS - {"text"})  # a `text` block is not highlighted or marked
CODE_BLOCKS = 500
# Table columns: Markdown fills every row of a table up to its header's cells, so one long header
# line made a 3-character row 1,900 cells. Largest real table: 5 columns.
TABLE_COLUMNS = 30
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$")
# What a page renders to, checked as soon as Markdown has written it: the bounds above are on the
# Markdown, and some shapes multiply (a table row fills up to its header's width: 3 characters
# became 1,900 cells). Largest real page: about 70 KB; all topic pages: about 0.6 MB.
RENDERED_PAGE_CHARS = 512 * 1024
RENDERED_SITE_CHARS = 4 * 1024 * 1024
LEFT_OUT_HTML = "<p>This page is left out of the build: it renders to more HTML than a page may have.</p>"
# Headings: the theme and search pair each heading with its table-of-contents entry by a search
# through all of them (quadratic: 4,980 headings in a 25 KB page took 6.5 s). Largest real page: 20.
PAGE_HEADINGS = 200
_HEADING = re.compile(r"[ ]{0,3}(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$)")  # ATX, or a setext underline
# The whole site (check_site): about 8 times today's 167 KB of Markdown and 70 KB of code.
SITE_BYTES = 1_280 * 1024
SITE_CODE_CHARS = 512 * 1024
INDENT_COLUMNS = 40  # ten levels of nested lists or admonitions
QUOTE_DEPTH = 10  # `>>>>>…`
# The costs below model where Python-Markdown's time goes, per page; each limit is about 50 times
# the largest real page's figure and keeps a page's render under a second.
# It looks for the `]` of each `[` up to the end of its paragraph: the distance from each `[` to
# its `]` (or the paragraph's end). Largest real page: 665.
BRACKET_DISTANCE = 50_000
# Inline markup characters are matched against the rest of their paragraph (a table row and a list
# item are inline text of their own): their number times its length, summed. Largest: 391,052.
MARKUP_COST = 20_000_000
# Raw HTML tags are parsed against the rest of the page: their number times its length. Largest:
# 123,970.
PAGE_TAG_COST = 5_000_000
# Each inline element costs Python-Markdown about half a millisecond however short its text: their
# number is bounded by the markup characters outside code. Largest real page: 489.
MARKUP_CHARS = 10_000
_UNIT_START = re.compile(r"[ \t]*+(?:[-*+][ \t]|\d++[.)][ \t]|[|#>])")

MAX_REPORTED = 20

_FENCE = re.compile(r"[ \t]*+(`{3,}+|~{3,}+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"[*_\\`&<\[!]")
_TAG = re.compile(r"<[A-Za-z/!?]")
_BRACKET = re.compile(r"[\[\]]")


def _indent(line: str) -> int:
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _quote_depth(line: str) -> int:
    depth = 0
    for c in line:
        if c == ">":
            depth += 1
        elif c not in " \t":
            break
    return depth


def _fences(lines: list[str]) -> dict[int, int] | None:
    """Opening line index -> closing line index of each code block, as Python-Markdown reads them:
    a fence that never closes opens no block (its lines are Markdown). None when the page has
    more fence lines than the limit allows (pairing them costs their number squared)."""
    marks = [(i, m.group(1), not line[m.end() :].strip()) for i, line in enumerate(lines) if (m := _FENCE.match(line))]
    if len(marks) > 2 * CODE_BLOCKS + 2:
        return None
    pairs: dict[int, int] = {}
    k = 0
    while k < len(marks):
        start, mark, _ = marks[k]
        close = next(
            (
                j
                for j in range(k + 1, len(marks))
                if marks[j][2] and marks[j][1][0] == mark[0] and len(marks[j][1]) >= len(mark)
            ),
            None,
        )
        if close is None:
            k += 1
            continue
        pairs[start] = marks[close][0]
        k = close + 1
    return pairs


def _bracket_distance(block: str) -> int:
    """Sum over each `[` of the distance to its matching `]`, or to the block's end."""
    total = 0
    opened: list[int] = []
    for match in _BRACKET.finditer(block):
        if match.group() == "[":
            opened.append(match.start())
        elif opened:
            total += match.start() - opened.pop()
    return total + sum(len(block) - at for at in opened)


def check_limits(path: str, text: str, size: int | None = None) -> list[Problem]:
    """Problems that keep a page out of the build. `text` has LF line endings; `size` is the
    file's size in bytes (default: the text's UTF-8 size)."""
    size = len(text.encode("utf-8", "surrogatepass")) if size is None else size
    if size > PAGE_BYTES:
        return [
            Problem(
                path,
                1,
                f"the page is {size // 1024} KiB, more than the {PAGE_BYTES // 1024} KiB a page may have",
                "split it into several pages",
            )
        ]
    problems: list[Problem] = []
    lines = text.split("\n")
    if len(lines) > PAGE_LINES:
        problems.append(
            Problem(
                path,
                PAGE_LINES + 1,
                f"the page has {len(lines)} lines, more than the {PAGE_LINES} a page may have",
                "split it into several pages",
            )
        )
    control = _CONTROL.search(text)
    if control:
        problems.append(
            Problem(
                path,
                text.count("\n", 0, control.start()) + 1,
                f"control character U+{ord(control.group()):04X} in the page",
                "delete it (your editor may show it as a box or `^@`)",
            )
        )
    blocks = headings = 0
    block: list[str] = []
    block_line = 0
    tags = 0
    first_tag_line = 0
    bracket_distance = 0
    first_bracket_line = 0
    markup_cost = markup_chars = 0
    first_markup_line = 0

    def end_block() -> None:
        nonlocal bracket_distance, first_bracket_line
        if not block:
            return
        joined = "\n".join(block)
        if "[" in joined:
            distance = _bracket_distance(joined)
            if distance and not first_bracket_line:
                first_bracket_line = block_line
            bracket_distance += distance
        nonlocal markup_cost, first_markup_line, markup_chars
        markup = len(_MARKUP.findall(joined))
        markup_chars += markup
        cost = markup * len(joined)
        if cost and not first_markup_line:
            first_markup_line = block_line
        markup_cost += cost
        block.clear()

    fences = _fences(lines)
    if fences is None:
        return [
            *problems,
            Problem(path, 1, f"more than {CODE_BLOCKS} code blocks in the page", "split it into several pages"),
        ]
    closing = 0  # line number of the open code block's closing fence
    shell_block = False  # the open code block is a shell block
    # The front matter is YAML, not Markdown: page.py reads it, with its own size limit.
    front = FRONT_MATTER.match(text) if text.startswith("---") else None
    body_line = text.count("\n", 0, front.end()) + 1 if front else 1
    for number, line in enumerate(lines, start=1):
        if number < body_line:
            continue
        if closing:
            if number == closing:
                closing = 0
            elif len(line) > CODE_LINE_CHARS:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"a code line of {len(line)} characters, more than the {CODE_LINE_CHARS} allowed",
                        "shorten it, or continue the command on the next line with `\\`",
                    )
                )
            elif shell_block and len(line) > SHELL_LINE_CHARS:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"a line of {len(line)} characters in a shell code block, more than the "
                        f"{SHELL_LINE_CHARS} allowed (each flag and word becomes markup in the page)",
                        "continue the command on the next line with `\\`, or put output in a `text` block",
                    )
                )
            continue
        if number - 1 in fences:
            end_block()
            closing = fences[number - 1] + 1
            opening = _FENCE.match(line)
            shell_block = fence_lang(line[opening.end() :] if opening else "").lower() in _SHELL_BLOCK
            blocks += 1
            if blocks == CODE_BLOCKS + 1:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"more than {CODE_BLOCKS} code blocks in the page",
                        "split it into several pages",
                    )
                )
            continue
        if len(line) > LINE_CHARS:
            problems.append(
                Problem(
                    path,
                    number,
                    f"a line of {len(line)} characters, more than the {LINE_CHARS} allowed outside code blocks",
                    "break it into shorter lines or paragraphs",
                )
            )
            continue
        if not line.strip():
            end_block()
            continue
        if "|" in line and "-" in line and _TABLE_RULE.match(line):
            columns = len(line.strip().strip("|").split("|"))
            if columns > TABLE_COLUMNS:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"a table of {columns} columns, more than the {TABLE_COLUMNS} a table may have",
                        "split the table, or turn it into a list",
                    )
                )
        if _HEADING.match(line) and (line.lstrip()[0] == "#" or block):  # an underline needs text above
            headings += 1
            if headings == PAGE_HEADINGS + 1:
                problems.append(
                    Problem(
                        path,
                        number,
                        f"more than {PAGE_HEADINGS} headings in the page",
                        "split it into several pages",
                    )
                )
        if _UNIT_START.match(line):
            end_block()  # a list item, a table row, a heading or a quote: inline text of its own
        if not block:
            block_line = number
        block.append(line)
        if _indent(line) > INDENT_COLUMNS:
            problems.append(
                Problem(
                    path,
                    number,
                    f"indented {_indent(line)} columns: lists, quotes or admonitions nested too deep "
                    f"(at most {INDENT_COLUMNS} columns)",
                    "flatten the nesting",
                )
            )
        if ">" in line and _quote_depth(line) > QUOTE_DEPTH:
            problems.append(
                Problem(
                    path,
                    number,
                    f"block quotes nested {_quote_depth(line)} deep (at most {QUOTE_DEPTH})",
                    "flatten the nesting",
                )
            )
        if "<" in line:
            found = len(_TAG.findall(line))
            if found and not first_tag_line:
                first_tag_line = number
            tags += found
    end_block()
    if bracket_distance > BRACKET_DISTANCE:
        problems.append(
            Problem(
                path,
                first_bracket_line,
                "too many `[` without a nearby `]` for Markdown to read in reasonable time",
                "close each `[`, or write a literal bracket as `\\[`",
            )
        )
    if markup_chars > MARKUP_CHARS:
        problems.append(
            Problem(
                path,
                first_markup_line,
                f"{markup_chars} markup characters (`*_\\`&<[!`) outside code blocks, more than the "
                f"{MARKUP_CHARS} Markdown can read in reasonable time",
                "split the page, or put literal text in code blocks",
            )
        )
    elif markup_cost > MARKUP_COST:
        problems.append(
            Problem(
                path,
                first_markup_line,
                "so many markup characters (`*_\\`&<[!`) in such long paragraphs that Markdown cannot read "
                "the page in reasonable time",
                "split long paragraphs, or put literal text in a code block",
            )
        )
    if tags * len(text) > PAGE_TAG_COST:
        problems.append(
            Problem(
                path,
                first_tag_line,
                f"{tags} raw HTML tags (or `<` before a letter) in a page of {len(text)} characters, "
                "too many for Markdown to read in reasonable time",
                "write `<` as `&lt;`, put placeholders such as `<name>` in inline code, or split the page",
            )
        )
    if len(problems) > MAX_REPORTED:  # one page of hostile lines must not flood the log
        rest = len(problems) - MAX_REPORTED
        problems = [
            *problems[:MAX_REPORTED],
            Problem(path, problems[MAX_REPORTED].line, f"and {rest} more lines over the limits", "fix the lines above"),
        ]
    return problems


def code_characters(text: str) -> int:
    """The characters in the page's code blocks (their lines, with their line ends): the text the
    build highlights. A page over the code block limit counts 0 (check_limits leaves it out)."""
    lines = text.split("\n")
    fences = _fences(lines)
    return sum(len(line) + 1 for start, end in (fences or {}).items() for line in lines[start + 1 : end])


def check_site(pages: dict[str, tuple[int, int]]) -> list[Problem]:
    """Problems for the pages to leave out so that the rest fit the site's bounds. `pages` maps
    each page that passed check_limits to its size in bytes and its code characters. When the
    pages together are over a bound, the largest (by what is over) are left out, one by one,
    until the rest fit: the pages a pull request swelled, not the unchanged ones after them."""
    problems: list[Problem] = []
    kept = dict(pages)
    for index, limit, amount in (
        (0, SITE_BYTES, lambda n: f"{n // 1024} KiB of Markdown"),
        (1, SITE_CODE_CHARS, lambda n: f"{n:,} characters of code blocks"),
    ):
        total = sum(counts[index] for counts in kept.values())
        for path in sorted(kept, key=lambda path: (-kept[path][index], path)):
            if total <= limit:
                break
            own = kept.pop(path)[index]
            problems.append(
                Problem(
                    path,
                    1,
                    f"the pages hold {amount(total)} together, more than the {amount(limit)} the whole site may "
                    f"have; this page, one of the largest ({amount(own)}), is left out",
                    "make the pages shorter (a maintainer raises the site's bounds in cheatsheet/limits.py "
                    "when the site really grows)",
                )
            )
            total -= own
    return sorted(problems)


def rendered_problem(path: str, line: int, chars: int, before: int) -> Problem | None:
    """The problem of a page that renders to `chars` characters of HTML after `before` of the other
    pages, when that is more than a page or the site may have; else None."""
    fix = "make wide tables narrower and long code blocks shorter, or split the page"
    if chars > RENDERED_PAGE_CHARS:
        what = (
            f"the page renders to {chars // 1024} KiB of HTML, more than the {RENDERED_PAGE_CHARS // 1024} KiB allowed"
        )
        return Problem(path, line, what, fix)
    if before + chars > RENDERED_SITE_CHARS:
        what = (
            f"with this page the pages render to {(before + chars) // 1024} KiB of HTML, more than the "
            f"{RENDERED_SITE_CHARS // 1024} KiB allowed for all pages"
        )
        return Problem(path, line, what, fix)
    return None
