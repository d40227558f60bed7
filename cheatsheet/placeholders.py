"""Placeholders (`<container>`, `<image>`): declared once in data/placeholders.yaml, each with one
meaning, its expected form and an example; found in a page's code, where the reader fills them in.

A placeholder the data file does not declare could not be filled in and would mean whatever its
page makes of it, so the build refuses it with the page, the line and the declared names.

The build also writes each declared placeholder in the published code as the span the reader
fills in (`mark_code_blocks`, and the two-page sheet's commands through `mark_link_code`):

    <span class="cs-ph" data-placeholder="container" role="button" tabindex="0"
          data-quote="word" title="Click to fill in &lt;container&gt; on every page"
          aria-label="&lt;container&gt;, fill in">&lt;container&gt;</span>

so a page loads with its placeholders in place and placeholders.js writes to them only when the
reader has stored a value. Each code element it has read is marked `data-cs-placeholders`, and
the script wraps only code without that mark (content it did not build). The spans are written
after the sanitiser has cleaned the page (site.Site.finished), so they are the build's own: a
page's raw HTML cannot write a `cs-ph` class, a role, a tabindex or a data attribute."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import data_files
from .command_checks import PROMPTED_LANGS
from .flag_marks import PROMPTED_LANGS as PROMPTED_SHELL_LANGS
from .flag_marks import SHELL_LANGS
from .html_parts import CODE_MARKUP, DESTRUCTIVE_CLASS, edit_highlighted_code
from .page import PageScan
from .problems import Problem

FILE = "placeholders.yaml"
# A placeholder as the site writes one: lowercase words joined by hyphens. An email address in
# angle brackets (`<jane@example.com>`) is not one, nor is `<none>` in a command's output.
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PLACEHOLDER = re.compile(r"<(" + NAME.pattern + r")>")
_SHEET_KEY = re.compile(r"^sheet:\s*$")
_TEXT = re.compile(r"[^<>&\"`\n]{1,80}")  # a form or an example: one short line of plain text


class Declaration(NamedTuple):
    name: str
    form: str
    example: str


class Declarations(NamedTuple):
    by_name: dict[str, Declaration]  # in the data file's order
    problems: list[Problem]  # of the data file itself


class _Parsed(NamedTuple):
    by_name: dict[str, Declaration]
    faults: list[tuple[str, str, str]]  # (name, what is wrong, how to fix): lines are added later


def _parse(data: Any) -> _Parsed:
    if not isinstance(data, dict):
        return _Parsed({}, [("", "the file is not a mapping of placeholder names", "write `name:` lines")])
    found: dict[str, Declaration] = {}
    faults: list[tuple[str, str, str]] = []
    for name, entry in data.items():
        form = entry.get("form") if isinstance(entry, dict) else None
        example = entry.get("example") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not NAME.fullmatch(name):
            faults.append((str(name), f"`{name}` is not a placeholder name", "use lowercase words joined by hyphens"))
        elif not (isinstance(form, str) and _TEXT.fullmatch(form)):
            faults.append((name, f"`{name}` needs a `form`: one line of plain text", "e.g. `form: a volume's name`"))
        elif not (isinstance(example, str) and _TEXT.fullmatch(example)):
            faults.append((name, f"`{name}` needs an `example`: one line of plain text", "e.g. `example: pgdata`"))
        else:
            found[name] = Declaration(name, form, example)
    return _Parsed(found, faults)


def load(data_dir: Path = data_files.DATA) -> Declarations:
    """The declarations, read again whenever the data file changes; what is wrong with the file
    comes back as problems on its lines, never as an exception."""
    path = data_dir / FILE
    shown = f"data/{FILE}"
    try:
        parsed = data_files.derived(_parse, path)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        where = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Declarations({}, [Problem(shown, where, f"cannot be read ({exc})", "fix the YAML")])
    if not parsed.faults:
        return Declarations(parsed.by_name, [])
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    for name, message, fix in parsed.faults:
        line = next((i for i, text in enumerate(lines, start=1) if name and text.startswith(f"{name}:")), 1)
        problems.append(Problem(shown, line, message, fix))
    return Declarations(parsed.by_name, problems)


def panel_json(declarations: Declarations) -> str:
    """What the reader's "Fill in" panel knows of each placeholder, in order, as JSON."""
    return json.dumps(
        [{"name": d.name, "form": d.form, "example": d.example} for d in declarations.by_name.values()],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _sheet_lines(scan: PageScan) -> list[tuple[int, str]]:
    """The front matter's `sheet:` entries with their line numbers."""
    lines = scan.lines[: max(scan.body_line - 1, 0)]
    found: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(lines, start=1):
        if _SHEET_KEY.match(line):
            inside = True
        elif inside and line.startswith((" ", "\t")):
            found.append((number, line))
        elif inside:
            inside = False
    return found


def _code_lines(scan: PageScan) -> list[tuple[int, str]]:
    """Each code block's lines a reader fills in: in a block of command output (`console`, `text`
    or no language), only its commands, so `<none>` in `docker image ls` output is left alone."""
    found: list[tuple[int, str]] = []
    for fence in scan.fences:
        output = fence.lang in PROMPTED_LANGS
        starts = ("$ ",) if fence.lang in ("console", "shell-session") else ("$ ", "docker ")
        for offset, line in enumerate(fence.lines, start=1):
            if output and not line.lstrip().startswith(starts):
                continue
            found.append((fence.line + offset, line))
    return found


def check_page(scan: PageScan, declarations: Declarations) -> list[Problem]:
    """`docs/page.md:LINE: <id> is not a declared placeholder — …` for each undeclared one."""
    problems: list[Problem] = []
    names = ", ".join(f"<{n}>" for n in declarations.by_name)
    for number, line in _sheet_lines(scan) + _code_lines(scan):
        for match in PLACEHOLDER.finditer(line):
            name = match.group(1)
            if name in declarations.by_name:
                continue
            problems.append(
                Problem(
                    scan.path,
                    number,
                    f"`<{name}>` is not a declared placeholder, so a reader cannot fill it in",
                    f"use one of {names}, or declare `{name}` with its form and an example in data/{FILE}",
                )
            )
    return problems


# -- the spans in the published code --------------------------------------------------------------

SPAN_CLASS = "cs-ph"
CODE_MARK = "data-cs-placeholders"  # on a code element whose placeholders the build has written
# Shell code, where a value is quoted as the shell needs it: the languages flag_marks reads as
# shell, and destructive blocks (always commands), as placeholders.js's SHELL tests a block.
_SHELL_CLASSES = frozenset({f"language-{lang}" for lang in SHELL_LANGS} | {DESTRUCTIVE_CLASS})
_PROMPTED_CLASSES = frozenset({f"language-{lang}" for lang in PROMPTED_SHELL_LANGS})
_VOID = re.compile(r"<(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b|<!|<\?|.*/>$", re.I)


@lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...]) -> re.Pattern:
    """`<name>` for the declared names only, as placeholders.js's PATTERN."""
    return re.compile("<(" + ("|".join(map(re.escape, names)) or "(?!)") + ")>")


# Where a shell reading a line changes its mind about quoting: everything else is taken in runs.
_QUOTING = re.compile(r"[\\'\"#\n$()`<]")
_PROMPT = re.compile(r"[ \t]*\$ ")  # shell.PROMPT, at a line's start
_WORD_BREAK = frozenset(" \t\n;&|()<>")  # a `#` after one of these starts a comment
_HEREDOC = re.compile(r"<<(-?)[ \t]*(?:'([^'\n]*)'|\"([^\"\n]*)\"|\\?([A-Za-z_][\w-]*))")  # as shell.py's


def quotes(text: str, starts: list[int], prompted: bool = False) -> list[str]:
    """How each placeholder (at text[start], in order) stands in shell code, read as a shell
    reads it: inside single quotes ("'"), inside double quotes ('"'), a bare word ("word"), or
    not shell at all ("": in a comment, a here-document's body, or an output line of a prompted
    block, where the value is shown as typed).

    Counting the quote characters of a line was not enough: `it\\'s` escapes its quote (and a
    placeholder after it was taken as quoted, so a value with a space was copied unquoted),
    `"it's"` holds a single quote that opens nothing, and a quoted string may go on over lines.
    So the text is read once, in order, however many placeholders it holds: backslashes outside
    single quotes, single quotes without escapes, `$'…'` with them, `$(…)` and backticks starting
    afresh (in double quotes too), comments, here-documents and `\\` continuations. In a
    prompted block (`console`), a line without a `$ ` prompt that continues no command is output.
    placeholders.js's quoteStates() reads code the same way, step for step."""
    found: list[str] = []
    state = ""  # "", "'", '"' or "$'"
    stack: list[str] = []  # the state to go back to at each `$(` or backtick not yet closed
    closers: list[str] = []  # and what closes each: ")" or "`"
    skip_line = prompted and not _PROMPT.match(text)  # output, or a comment: read to its end
    bodies: list[tuple[str, bool]] = []  # (delimiter, strips tabs): here-documents opened
    in_body = False
    line_start = i = 0
    for start in starts:
        while i < start:
            if skip_line or in_body:
                i = text.find("\n", i, start)
                if i < 0:
                    i = start
                    break
            c = text[i]
            if state in ("'", "$'"):
                if c == "\\" and state == "$'":
                    i += 1
                elif c == "'":
                    state = ""
            elif c == "\n":
                if not state:  # (in double quotes, the string goes on over the line)
                    if in_body:  # a body ends at the line that is its delimiter
                        delimiter, strip = bodies[0]
                        line = text[line_start:i]
                        if (line.lstrip("\t") if strip else line) == delimiter:
                            bodies.pop(0)
                            in_body = bool(bodies)
                    else:  # the bodies of the line's here-documents follow it
                        in_body = bool(bodies)
                    line_start = i + 1
                    skip_line = prompted and not in_body and not stack and not _PROMPT.match(text, i + 1)
            elif c == "\\":
                i += 1  # the next character is escaped; an escaped newline continues the line
            elif state == '"':
                if c == '"':
                    state = ""
                elif c == "`" or text.startswith("$(", i):
                    stack.append(state)
                    closers.append("`" if c == "`" else ")")
                    state = ""
                    i += c == "$"
            elif c in "'\"":
                state = "$'" if c == "'" and i and text[i - 1] == "$" else c
            elif c == "#" and (i == 0 or text[i - 1] in _WORD_BREAK):
                skip_line = True  # a comment, to the end of the line
                continue
            elif c in ")`" and closers and closers[-1] == c:
                closers.pop()
                state = stack.pop()
            elif c in "(`":
                stack.append("")
                closers.append(")" if c == "(" else "`")
            elif text.startswith("<<<", i):
                i += 2  # a here-string: a word, no document
            elif c == "<" and (heredoc := _HEREDOC.match(text, i)):
                delimiter = next(group for group in heredoc.group(2, 3, 4) if group is not None)
                bodies.append((delimiter, heredoc.group(1) == "-"))
                i = heredoc.end() - 1
            i += 1
            if i < start:  # on to the next character that can change anything
                run = _QUOTING.search(text, i, start)
                i = run.start() if run else start
        if skip_line or in_body:
            found.append("")
        else:
            found.append("'" if state in ("'", "$'") else '"' if state == '"' else "word")
    return found


def span_html(name: str, quote: str, in_link: bool = False) -> str:
    """One placeholder as placeholders.js shows it before the reader gives it a value (its title
    and aria-label are the script's for an unfilled one). In a link (the sheet's commands) it is
    no button of its own: the link stays one Tab stop, and its text is its name."""
    shown = html.escape(f"<{name}>")
    attrs = f'class="{SPAN_CLASS}" data-placeholder="{name}"'
    if not in_link:
        attrs += ' role="button" tabindex="0"'
    if quote:
        attrs += f' data-quote="{html.escape(quote)}"'
    if not in_link:
        attrs += f' title="Click to fill in {shown} on every page" aria-label="{shown}, fill in"'
    return f"<span {attrs}>{shown}</span>"


def _text_piece(raw: str, value: str, start: int, end: int) -> str:
    if start == 0 and end == len(value):
        return raw
    return raw[start:end] if raw == value else html.escape(value[start:end], quote=False)


def _span_between(tags: list[str], span: str) -> list[str]:
    """The tags a placeholder's text crossed, with the span where a DOM Range would insert it:
    elements wholly inside it go (with the text), those it starts or ends in keep their other
    part, and the span goes between them, in the element that holds both ends."""
    kept: list[str] = []
    for tag in tags:
        if _VOID.match(tag):
            continue
        if tag.startswith("</") and kept and not kept[-1].startswith("</"):
            kept.pop()  # an element wholly inside the placeholder
        else:
            kept.append(tag)
    closing = next((i for i, tag in enumerate(kept) if not tag.startswith("</")), len(kept))
    return [*kept[:closing], span, *kept[closing:]]


def mark_code(inner: str, names: tuple[str, ...], shell: bool, in_link: bool = False, prompted: bool = False) -> str:
    """A code element's inner HTML with each declared `<name>` in its text (however Pygments
    split it into tokens) replaced by one placeholder span, as placeholders.js's wrap() does."""
    chunks = CODE_MARKUP.split(inner)
    tokens: list[tuple[str, str | None]] = []  # (HTML, its text; None for a tag)
    for i, chunk in enumerate(chunks):
        if chunk:
            tag = bool(i % 2) and chunk[0] == "<"
            tokens.append((chunk, None if tag else html.unescape(chunk) if i % 2 else chunk))
    text = "".join(value for _, value in tokens if value is not None)
    matches = list(_pattern(names).finditer(text))
    if not matches:
        return inner
    quoted = quotes(text, [match.start() for match in matches], prompted) if shell else [""] * len(matches)
    out: list[str] = []
    crossed: list[str] | None = None  # the tags inside the placeholder being replaced
    pos = k = 0
    for raw, value in tokens:
        if value is None:
            (out if crossed is None else crossed).append(raw)
            continue
        start, end = pos, pos + len(value)
        pos, done = end, start  # this token's text before `done` is written, or dropped in a placeholder
        while k < len(matches):
            match = matches[k]
            if crossed is None:
                if match.start() >= end:
                    break
                out.append(_text_piece(raw, value, done - start, match.start() - start))
                crossed, done = [], match.start()
            if match.end() > end:
                break  # it goes on in the next text
            out += _span_between(crossed, span_html(match.group(1), quoted[k], in_link))
            crossed, done, k = None, match.end(), k + 1
        if crossed is None:
            out.append(_text_piece(raw, value, done - start, end - start))
    return "".join(out)


def mark_code_blocks(content: str, names: tuple[str, ...]) -> str:
    """A page's HTML with the placeholders of every highlighted code block written as spans, and
    each such code element marked as done."""

    def edit(classes: list[str], opening: str, inner: str) -> tuple[str, str] | None:
        if CODE_MARK in opening:
            return None
        shell = not _SHELL_CLASSES.isdisjoint(classes)
        prompted = not _PROMPTED_CLASSES.isdisjoint(classes)  # its output lines are not read as shell
        return f"{opening[:-1]} {CODE_MARK}>", mark_code(inner, names, shell, prompted=prompted)

    return edit_highlighted_code(content, edit)


def mark_link_code(inner: str, names: tuple[str, ...]) -> str:
    """A command shown inside a link (the two-page sheet's) with its placeholders as spans that
    are no buttons; a command is shell code."""
    return mark_code(inner, names, shell=True, in_link=True)
