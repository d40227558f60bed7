"""Find the simple commands in shell text, the way a reader's shell would split them.

Handles `$ ` prompts, `\\` continuations, comments, quotes, pipes and lists (`|`, `&&`, `;`),
command substitution (`$(…)` and backticks, whose inner commands are returned too),
redirections and here-documents (whose bodies are not commands). Placeholders such as
`<container>` are words, not redirections. It never raises: odd input gives odd words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# `<name>`, `<src:dest>`, `<file...>` (the class holds `.`: no separate `...` to backtrack into).
PLACEHOLDER = re.compile(r"<[A-Za-z][\w.:/@-]*+>")
_OPERATORS = ("&&", "||", ";;", "|&", "|", ";", "&", "(", ")")
# A here-document's operator and delimiter, read where the shell would see one (see heredocs).
_HEREDOC_AT = re.compile(r"<<(-?)[ \t]*+(?:'([^']*+)'|\"([^\"]*+)\"|\\?([A-Za-z_][\w-]*+))")
# Command substitutions nested deeper than this are not read (a reader would not write them);
# the checker reports them instead of recursing until Python gives up (1,500 `$(`).
MAX_NESTING = 32
_PARENS = re.compile(r"\$\(|[()]")
PROMPT = re.compile(r"^\s*\$ ")
# Lines without quoting, substitution, operators or redirection split on white space alone.
_PLAIN = re.compile(r"^[^'\"`$\\|&;()<>#]*$")
# A run of characters that need no decision: taken in one step instead of one by one.
_ORDINARY = re.compile(r"[^\s'\"`$\\|&;()<>#]+")
_WORD = re.compile(r"\S+")


class SimpleCommand(NamedTuple):
    line: int
    words: tuple[str, ...]


def logical_lines(lines: list[str], first_line: int, prompts_only: bool = False) -> Iterator[tuple[int, str]]:
    """Join continuation lines and drop here-document bodies, keeping each start line number.

    With prompts_only (console sessions), only lines after a `$ ` prompt are commands; the
    rest is output.
    """
    for index, line, _ in logical_lines_at(lines, prompts_only):
        yield first_line + index, line


# Where a logical line's text comes from: from `offset` on, line `index` of the block from
# column `column`. Joining continuations inserts one space before each piece after the first.
Piece = tuple[int, int, int]


def logical_lines_at(lines: list[str], prompts_only: bool = False) -> Iterator[tuple[int, str, list[Piece]]]:
    """`logical_lines`, with the start line's index and the pieces each line is made of, so a
    position in a logical line can be traced back to the block's text."""
    i = 0
    while i < len(lines):
        index = i
        line = lines[i]
        i += 1
        prompt = PROMPT.match(line)
        if prompt:
            line = line[prompt.end() :]
        elif prompts_only:
            continue
        pieces = [(0, index, prompt.end() if prompt else 0)]
        # The joined line grows by parts, and each test reads the newest part only (the quote
        # state carried over): a string of thousands of lines is read once, not once per line.
        parts, size, quote = [line], len(line), _quotes(line)[1]
        while i < len(lines):
            if continues(parts[-1]):
                following = lines[i].lstrip("> ")
                column = len(lines[i]) - len(following)
                prompt = PROMPT.match(following)
                if prompt:
                    following = following[prompt.end() :]
                    column += prompt.end()
                joined = parts[-1].rstrip()[:-1] + " "
                size += len(joined) - len(parts[-1])
                parts[-1] = joined
                pieces.append((size, i, column))
                parts.append(following)
                size += len(following)
                quote = _quotes(following, quote)[1]
            elif quote:
                # A quoted string that runs on: the shell reads on to its closing quote.
                parts.append("\n" + lines[i])
                pieces.append((size + 1, i, 0))
                size += 1 + len(lines[i])
                quote = _quotes(lines[i], quote)[1]
            else:
                break
            i += 1
        line = "".join(parts)
        for delimiter, strip in heredocs(line) if "<<" in line else ():
            while i < len(lines):
                body = lines[i].strip() if strip else lines[i].rstrip()
                i += 1
                if body == delimiter:
                    break
        yield index, line, pieces


def continues(line: str) -> bool:
    """Whether a line goes on on the next: it ends in an odd number of backslashes (`\\\\` is an
    escaped backslash, and the next line a command of its own)."""
    text = line.rstrip()
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def heredocs(line: str) -> list[tuple[str, bool]]:
    """The here-documents a command line opens, as (delimiter, strips leading tabs), in order.

    Only where the shell sees them: `<<EOF` inside quotes or a comment is text, and must not hide
    the rest of a block from the checker. `<<<` is a here-string, not a document."""
    found: list[tuple[str, bool]] = []
    quote = ""
    word_start = True  # a `#` here starts a comment
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == "\\" and quote != "'":
                i += 1
            elif quote == '"' and line.startswith("$(", i):
                # Quotes start afresh inside; skipped whole (a heredoc there is rare, and missing
                # one only checks its body as commands, which hides nothing).
                i = _matching_paren(line, i + 1)
            elif c == quote[-1]:
                quote = ""
            i += 1
            word_start = False
            continue
        if c == "\\":
            i += 2
            word_start = False
            continue
        if line.startswith("$'", i):
            quote = "$'"
            i += 1
        elif c in "'\"":
            quote = c
        elif c == "#" and word_start:
            break
        elif line.startswith("$((", i) or (word_start and line.startswith("((", i)):
            # Arithmetic: `<<` there is a shift (`$((1<<4))`), never a here-document.
            i = _matching_paren(line, i + 1 if c == "$" else i) + 1
            word_start = False
            continue
        elif line.startswith("<<<", i):
            i += 3
            word_start = True
            continue
        elif line.startswith("<<", i) and (match := _HEREDOC_AT.match(line, i)):
            delimiter = next(group for group in match.group(2, 3, 4) if group is not None)
            found.append((delimiter, match.group(1) == "-"))
            i = match.end()
            word_start = False
            continue
        word_start = c in " \t;&|()<>"
        i += 1
    return found


# A here-document's end word as the checks read it, and what may follow it: a quoted or partly
# quoted word (`E'O'F` is `EOF` to a shell) is read no further than its first part, so it is refused.
_WORD_END = re.compile(r"[ \t;&|()<>]|$")


def unread(lines: list[str], prompts_only: bool = False) -> list[tuple[int, str, str]]:
    """Command lines the checks would read otherwise than a shell, as (index in the block, what,
    how to fix): refused, so that no line the reader's shell runs goes unchecked (a comment that
    ends in `\\` is no continuation to a shell; to the checks it hid the next line)."""
    found: list[tuple[int, str, str]] = []
    for index, line, pieces in logical_lines_at(lines, prompts_only):
        for _, at, column in pieces:
            raw = lines[at]
            if re.search(r"(?<!\\)(?:\\\\)*\\[ \t]+$", raw):
                found.append(
                    (
                        at,
                        "a `\\` followed by spaces at the end of the line",
                        "delete the spaces: to a shell the next line is a command of its own",
                    )
                )
            elif raw.rstrip().endswith("\\") and comment_at(raw[column:]) >= 0:
                found.append(
                    (
                        at,
                        "a comment that ends in `\\`",
                        "delete the `\\` or move the comment: to a shell the next line is a command of its own",
                    )
                )
        text = without_comment(line)
        if _open_quote(text):  # joined to the block's end and still open
            found.append(
                (
                    index,
                    "a quote that the block never closes",
                    "close it: the shell would read everything after it as one string",
                )
            )
        for match in _HEREDOC_AT.finditer(text):
            if not _WORD_END.match(text, match.end()):
                found.append(
                    (
                        index,
                        "a here-document's end word quoted in part",
                        "quote the whole word (`<<'EOF'`) or none of it (`<<EOF`)",
                    )
                )
                break
    return found


def comment_at(line: str) -> int:
    """Where a `#` comment starts in a command line, outside quotes; -1 when it has none."""
    return _quotes(line)[0]


def without_comment(line: str) -> str:
    """A command line without its comment."""
    at = comment_at(line)
    return line if at < 0 else line[:at]


def _open_quote(line: str) -> bool:
    """Whether a quote opened in the line, outside a comment, is still open at its end."""
    return bool(_quotes(line)[1])


def _quotes(line: str, quote: str = "") -> tuple[int, str]:
    """A command line's comment start (-1: none) and the quote open at its end ("" for none, and
    at a comment). `quote` is the one open where the line starts (a string that runs on)."""
    # `quote`: ', ", or $' (ANSI-C quoting, where `\\'` is a quote inside the string)
    word_start = not quote
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote != "'":
                i += 1
            elif c == quote[-1]:
                quote = ""
        elif c == "\\":
            i += 1
        elif c == "#" and word_start:
            return i, ""
        elif line.startswith("$'", i):
            quote = "$'"
            i += 1
        elif c in "'\"":
            quote = c
        word_start = not quote and c in " \t;&|()<>"
        i += 1
    return -1, quote


def substitution_depth(text: str) -> int:
    """How deeply `$(…)` substitutions nest in a line (quotes not considered: an upper bound)."""
    stack: list[bool] = []  # per open parenthesis: whether it opened a substitution
    depth = deepest = 0
    for match in _PARENS.finditer(text):
        token = match.group()
        if token == ")":
            if stack and stack.pop():
                depth -= 1
        else:
            substitution = token == "$("
            stack.append(substitution)
            if substitution:
                depth += 1
                deepest = max(deepest, depth)
    return deepest


def too_deep(lines: list[str], first_line: int, prompts_only: bool = False) -> list[tuple[int, int]]:
    """(line number, depth) of each command line whose substitutions nest deeper than MAX_NESTING."""
    return [
        (number, depth)
        for number, line in logical_lines(lines, first_line, prompts_only)
        if "$(" in line and (depth := substitution_depth(line)) > MAX_NESTING
    ]


def _matching_paren(text: str, start: int) -> int:
    """Index of the `)` closing the `(` at start, or len(text) if it never closes."""
    depth = 0
    quote = ""
    i = start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "\\":
            i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


@lru_cache(maxsize=1 << 16)
def split_commands(text: str) -> tuple[tuple[str, ...], ...]:
    """The simple commands of one logical line, as word tuples; substitutions come first.

    Cached: the checker, the flag toggle and the search index all read the same lines."""
    return tuple(words for words, _ in split_commands_at(text))


# One simple command: its words, and where in the line each word starts.
Located = tuple[tuple[str, ...], tuple[int, ...]]


def split_commands_at(text: str) -> tuple[Located, ...]:
    """`split_commands`, with the offset in `text` where each word starts (at its opening quote
    if it starts with one), so a word can be found again in the text it came from."""
    return _split_at(text, 0)


@lru_cache(maxsize=1 << 16)
def _split_at(text: str, nesting: int) -> tuple[Located, ...]:
    if _PLAIN.match(text):
        found = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        return ((tuple(w for w, _ in found), tuple(at for _, at in found)),) if found else ()
    commands: list[Located] = []
    words: list[str] = []
    starts: list[int] = []
    buf: list[str] | None = None
    start = 0
    skip_next_word = False
    i = 0
    n = len(text)

    def end_word() -> None:
        nonlocal buf, skip_next_word
        if buf is not None:
            if skip_next_word:
                skip_next_word = False
            else:
                words.append("".join(buf))
                starts.append(start)
        buf = None

    def end_command() -> None:
        nonlocal words, starts
        end_word()
        if words:
            commands.append((tuple(words), tuple(starts)))
        words, starts = [], []

    def inner(at: int, end: int) -> None:
        if nesting < MAX_NESTING:
            commands.extend((w, tuple(s + at for s in where)) for w, where in _split_at(text[at:end], nesting + 1))

    while i < n:
        if buf is None:
            start = i  # where a word begins, if this step begins one
        ordinary = _ORDINARY.match(text, i)
        if ordinary:
            buf = (buf or []) + [ordinary.group()]
            i = ordinary.end()
            continue
        c = text[i]
        if c in " \t\r\n":
            end_word()
            i += 1
        elif c == "#" and buf is None:
            break
        elif c == "\\":
            buf = (buf or []) + [text[i + 1 : i + 2]]
            i += 2
        elif text.startswith("$'", i):
            # ANSI-C quoting: a backslash escapes the next character, a quote among them.
            j = i + 2
            chars: list[str] = []
            while j < n and text[j] != "'":
                chars.append(text[j + 1] if text[j] == "\\" and j + 1 < n else text[j])
                j += 2 if text[j] == "\\" else 1
            buf = (buf or []) + ["".join(chars)]
            i = j + 1
        elif c == "'":
            j = text.find("'", i + 1)
            j = n if j < 0 else j
            buf = (buf or []) + [text[i + 1 : j]]
            i = j + 1
        elif c == '"':
            j = i + 1
            part: list[str] = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    part.append(text[j + 1])
                    j += 2
                elif text.startswith("$(", j) and not text.startswith("$((", j):
                    end = _matching_paren(text, j + 1)
                    inner(j + 2, end)
                    part.append(text[j : end + 1])
                    j = end + 1
                else:
                    part.append(text[j])
                    j += 1
            buf = (buf or []) + part
            i = j + 1
        elif text.startswith("$((", i):
            end = _matching_paren(text, i + 1)
            buf = (buf or []) + [text[i : end + 1]]
            i = end + 1
        elif text.startswith("$(", i):
            end = _matching_paren(text, i + 1)
            inner(i + 2, end)
            buf = (buf or []) + [text[i : end + 1]]
            i = end + 1
        elif c == "`":
            j = text.find("`", i + 1)
            j = n if j < 0 else j
            inner(i + 1, j)
            buf = (buf or []) + [text[i : j + 1]]
            i = j + 1
        elif c == "<" and (match := PLACEHOLDER.match(text, i)):
            buf = (buf or []) + [match.group()]
            i = match.end()
        elif c in "<>":
            # A file-descriptor number before the operator belongs to it (`2>&1`).
            if buf is not None and "".join(buf).isdigit():
                buf = None
            end_word()
            while i < n and text[i] in "<>":
                i += 1
            if i < n and text[i] == "&":
                i += 1
                while i < n and (text[i].isdigit() or text[i] == "-"):
                    i += 1
            else:
                if i < n and text[i] == "|":
                    i += 1
                skip_next_word = True
        else:
            for op in _OPERATORS:
                if text.startswith(op, i):
                    end_command()
                    i += len(op)
                    break
            else:
                buf = (buf or []) + [c]
                i += 1
    end_command()
    return tuple(commands)


def simple_commands(lines: list[str], first_line: int, prompts_only: bool = False) -> Iterator[SimpleCommand]:
    for number, line in logical_lines(lines, first_line, prompts_only):
        for words in split_commands(line):
            yield SimpleCommand(number, words)
