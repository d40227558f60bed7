"""Mark the Docker flags in rendered shell code blocks, so the browser can show them short or long.

`mark_flags(html, catalog)` takes a page's HTML as Python-Markdown, pymdownx.highlight and
Material render it and wraps every flag of a `docker …` command that has both a short and a long
form:

    <span class="cs-flag" data-short="-it" data-long="--interactive --tty">-it</span>

Nothing else in the HTML changes. Which words are flags, and of which command, is what the
build's checker reads: `cheatsheet.shell` splits the commands and `commands.parse` records each
flag word with its short and long forms, so a value (`-e -x`) is never taken for a flag.
assets/javascripts/features.js swaps the text.

Code blocks are found by their `highlight` class. Shell blocks carry `language-bash` (or `sh`,
`shell`, `zsh`, `console`, `shell-session`) with `pygments_lang_class: true`; destructive blocks
(class `cs-destructive`) are always shell commands, with or without a language class.
"""

from __future__ import annotations

import html
import re

from . import commands as cmd
from . import shell, validate
from .catalog import Catalog

FLAG_CLASS = "cs-flag"
DESTRUCTIVE_CLASS = "cs-destructive"
# The languages the checker reads as shell, less plain output blocks, whose flags are not toggled.
SHELL_LANGS = frozenset(validate.SHELL_LANGS - {"text", ""})
PROMPTED_LANGS = frozenset(validate.PROMPTED_LANGS - {"text", ""})

_DIV = re.compile(r'<div\s+class="(?P<cls>[^"]*)"[^>]*>')
_CODE_OPEN = re.compile(r"<code\b[^>]*>")
_PIECE = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]+|&")
_PROMPT = re.compile(r"^\s*\$ ")
# A word that may be a flag: a dash and a letter where a word starts (the shell splits words at
# blanks and operators). Quoted or escaped flags are not marked.
_CANDIDATE = re.compile(r"(?<![^\s;&|()`])-{1,2}[A-Za-z][A-Za-z0-9-]*")
_MARK_BASE = 0xE000  # private-use characters tag candidates through the shell splitter
_MARK_LIMIT = 0x1900
_MARKS = re.compile(f"[{chr(_MARK_BASE)}-{chr(_MARK_BASE + _MARK_LIMIT - 1)}]")


# A flag to mark: the first `length` characters of word `index` of a simple command.
FlagWord = cmd.FlagUse


# -- which words are flags ----------------------------------------------------------------------

def flag_words(words, catalog: Catalog) -> list[FlagWord]:
    """The flags with a short and a long form in one simple command (words as the shell splits
    them), indexed into `words`. Anything but a `docker …` command the catalogue knows gives [].
    The checker's own reading (`commands.parse`) decides which words are flags and which values."""
    rest = cmd.strip_prefix(words, catalog)
    if not rest or rest[0] != "docker":
        return []
    inv = cmd.parse(rest, catalog, complete=False)
    if not inv.checked or (inv.canonical is None and inv.findings):
        return []
    offset = len(words) - len(rest)
    return [FlagWord(f.index + offset, f.length, f.short, f.long) for f in inv.flag_uses]


# -- where they are -----------------------------------------------------------------------------

def _align(logical: str, text: str, start: int) -> list[int]:
    """For each character of a logical line (see `shell.logical_lines`), its offset in the
    block's text, the line having started at `start`. The logical line is the text with prompts,
    continuation backslashes and indentation left out and a space for each line break, so a
    left-to-right match finds every character; -1 marks one that is not found."""
    out: list[int] = []
    j = start
    for c in logical:
        while j < len(text) and text[j] != c and not (c == " " and text[j] in "\t\n"):
            j += 1
        if j >= len(text):
            out.append(-1)
        else:
            out.append(j)
            j += 1
    return out


def _flag_ranges(text: str, lang: str | None, catalog: Catalog) -> list[tuple[int, int, FlagWord]]:
    """(start, end, flag) for each flag to mark in a code block's text."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    if lang is None:
        prompted = any(_PROMPT.match(line) for line in lines)
    else:
        prompted = lang in PROMPTED_LANGS
    ranges: list[tuple[int, int, FlagWord]] = []
    for number, logical in shell.logical_lines(lines, 0, prompts_only=prompted):
        candidates = list(_CANDIDATE.finditer(logical))
        if not candidates or len(candidates) >= _MARK_LIMIT:
            continue
        # Tag each candidate with a private-use character, so the words the shell splitter
        # returns still say where in the line they came from.
        parts, last = [], 0
        for k, match in enumerate(candidates):
            parts += [logical[last:match.end()], chr(_MARK_BASE + k)]
            last = match.end()
        parts.append(logical[last:])
        marked = "".join(parts)
        mapping: list[int] | None = None
        for words in shell.split_commands(marked):
            starts: list[int | None] = []
            clean: list[str] = []
            for word in words:
                clean.append(_MARKS.sub("", word))
                start = None
                mark = _MARKS.search(word)
                if mark:
                    match = candidates[ord(mark.group()) - _MARK_BASE]
                    if word[:mark.start()] == match.group():
                        start = match.start()
                starts.append(start)
            for flag in flag_words(clean, catalog):
                begin = starts[flag.index]
                if begin is None or logical[begin:begin + flag.length] != clean[flag.index][:flag.length]:
                    continue
                if mapping is None:
                    mapping = _align(logical, text, line_starts[number])
                where = mapping[begin:begin + flag.length]
                if where[0] < 0 or where != list(range(where[0], where[0] + flag.length)):
                    continue
                ranges.append((where[0], where[0] + flag.length, flag))
    return sorted(ranges, key=lambda r: r[0])


def _mark_code(inner: str, lang: str | None, catalog: Catalog) -> str:
    """A code element's inner HTML with its flags wrapped."""
    if "docker" not in inner or "-" not in inner:
        return inner  # no docker command, or no flag: nothing to map (the common case is cheap)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for piece in _PIECE.finditer(inner):
        token = piece.group()
        if token.startswith("<"):
            continue
        if token.startswith("&"):
            value = html.unescape(token)
            chars.append(value)
            starts.extend([piece.start()] * len(value))
            ends.extend([piece.end()] * len(value))
        else:
            chars.append(token)
            starts.extend(range(piece.start(), piece.end()))
            ends.extend(range(piece.start() + 1, piece.end() + 1))
    text = "".join(chars)
    if "docker" not in text:
        return inner
    out: list[str] = []
    last = 0
    for begin, end, flag in _flag_ranges(text, lang, catalog):
        first, stop = starts[begin], ends[end - 1]
        # The flag must be one stretch of text: no tag inside it (no Pygments token boundary).
        if first < last or any(ends[k] != starts[k + 1] for k in range(begin, end - 1)):
            continue
        out.append(inner[last:first])
        out.append(
            f'<span class="{FLAG_CLASS}" data-short="{html.escape(flag.short)}" '
            f'data-long="{html.escape(flag.long)}">'
        )
        out.append(inner[first:stop])
        out.append("</span>")
        last = stop
    out.append(inner[last:])
    return "".join(out)


def _block_language(classes: list[str]) -> str | None:
    for name in classes:
        if name.startswith("language-"):
            return name[len("language-"):].lower()
    return None


def mark_flags(content: str, catalog: Catalog) -> str:
    """The page's HTML with every flag in its shell code blocks wrapped in a `cs-flag` span."""
    out: list[str] = []
    last = 0
    pos = 0
    while True:
        div = _DIV.search(content, pos)
        if div is None:
            break
        pos = div.end()
        classes = div.group("cls").split()
        if "highlight" not in classes:
            continue
        lang = _block_language(classes)
        destructive = DESTRUCTIVE_CLASS in classes
        if not (lang in SHELL_LANGS or (destructive and lang is None)):
            continue
        opening = _CODE_OPEN.search(content, div.end())
        if opening is None:
            break
        closing = content.find("</code>", opening.end())
        if closing < 0:
            break
        inner = content[opening.end():closing]
        pos = closing
        if f'class="{FLAG_CLASS}"' in inner:
            continue  # already marked
        marked = _mark_code(inner, lang, catalog)
        if marked != inner:
            out.append(content[last:opening.end()])
            out.append(marked)
            last = closing
    out.append(content[last:])
    return "".join(out)
