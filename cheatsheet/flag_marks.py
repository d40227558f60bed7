"""Mark the Docker flags in rendered shell code blocks, so the browser can show them short or long.

`mark_flags(html, catalog)` takes a page's HTML as Python-Markdown, pymdownx.highlight and
Material render it and wraps every flag of a `docker …` command that has both a short and a long
form:

    <span class="cs-flag" data-short="-it" data-long="--interactive --tty">-it</span>

Nothing else in the HTML changes. Which words are flags, and of which command, is what the
build's checker reads: `cheatsheet.shell` splits the commands and `commands.parse` records each
flag word with its short and long forms, so a value (`-e -x`) is never taken for a flag. Both
are the checker's cached results; the splitter also says where each word starts, so a flag is
found in the block's text by its offset. assets/javascripts/features.js swaps the text.

Code blocks are found by their `highlight` class. Shell blocks carry `language-bash` (or `sh`,
`shell`, `zsh`, `console`, `shell-session`) with `pygments_lang_class: true`; destructive blocks
(class `cs-destructive`) are always shell commands, with or without a language class.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from itertools import accumulate

from . import commands as cmd
from . import findings, shell
from .catalog import Catalog
from .html_parts import CODE_MARKUP, DESTRUCTIVE_CLASS, edit_highlighted_code

FLAG_CLASS = "cs-flag"
# The languages the checker reads as shell, less plain output blocks, whose flags are not toggled.
SHELL_LANGS = frozenset(findings.SHELL_LANGS - {"text", ""})
PROMPTED_LANGS = frozenset(findings.PROMPTED_LANGS - {"text", ""})

# Why on the HTML and not in the Markdown extension: the flags are marked inside the code as
# Pygments highlighted it (one span per token), which exists only once superfences has
# rendered the block to HTML and stashed it. The blocks are found as html_parts reads them.

# -- which words are flags ----------------------------------------------------------------------


def flag_words(words, catalog: Catalog) -> list[cmd.FlagUse]:
    """The flags with a short and a long form in one simple command (words as the shell splits
    them), indexed into `words`. Anything but a `docker …` command the catalogue knows gives [].
    The checker's own reading (`commands.parse`) decides which words are flags and which values."""
    rest = cmd.strip_prefix(words, catalog)
    if not rest or rest[0] != "docker":
        return []
    inv = cmd.parse(rest, catalog)  # as the checker reads a code block: a cache hit
    if not inv.checked or (inv.canonical is None and inv.findings):
        return []
    offset = len(words) - len(rest)
    return [cmd.FlagUse(f.word + offset, f.length, f.short, f.long) for f in inv.flag_uses]


# -- where they are -----------------------------------------------------------------------------


def _flag_ranges(text: str, lang: str | None, catalog: Catalog) -> list[tuple[int, int, cmd.FlagUse]]:
    """(start, end, flag) for each flag to mark in a code block's text.

    The lines are split as the checker split them (same logical lines, same cached words and
    parse), and each word's offset is traced back through its logical line to the text."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    prompted = any(shell.PROMPT.match(line) for line in lines) if lang is None else lang in PROMPTED_LANGS
    ranges: list[tuple[int, int, cmd.FlagUse]] = []
    for _, logical, pieces in shell.logical_lines_at(lines, prompts_only=prompted):
        if "-" not in logical:
            continue
        offsets = [offset for offset, _, _ in pieces]
        for words, starts in shell.split_commands_at(logical):
            for flag in flag_words(words, catalog):
                begin = starts[flag.word]
                written = logical[begin : begin + flag.length]
                if written != words[flag.word][: flag.length]:
                    continue  # quoted or escaped: not the word as written
                offset, index, column = pieces[bisect_right(offsets, begin) - 1]
                where = line_starts[index] + column + begin - offset
                if text[where : where + flag.length] == written:
                    ranges.append((where, where + flag.length, flag))
    return sorted(ranges, key=lambda r: r[0])


def _mark_code(inner: str, lang: str | None, catalog: Catalog) -> str:
    """A code element's inner HTML with its flags wrapped."""
    if "docker" not in inner or "-" not in inner:
        return inner  # no docker command, or no flag: nothing to map (the common case is cheap)
    # Even chunks are text, odd ones tags (no text) or entities (one character, never in a flag).
    chunks = CODE_MARKUP.split(inner)
    values = chunks[:]
    values[1::2] = [html.unescape(c) if c[0] == "&" else "" for c in chunks[1::2]]
    text = "".join(values)
    if "docker" not in text:
        return inner
    text_ends = list(accumulate(map(len, values)))
    html_ends = list(accumulate(map(len, chunks)))
    out: list[str] = []
    last = 0
    for begin, end, flag in _flag_ranges(text, lang, catalog):
        k = bisect_right(text_ends, begin)
        # The flag must be one stretch of text: no tag inside it (no Pygments token boundary).
        if k % 2 or end > text_ends[k]:
            continue
        first = html_ends[k] - len(chunks[k]) + begin - (text_ends[k] - len(values[k]))
        if first < last:
            continue
        stop = first + end - begin
        out.append(inner[last:first])
        out.append(
            f'<span class="{FLAG_CLASS}" data-short="{html.escape(flag.short)}" data-long="{html.escape(flag.long)}">'
        )
        out.append(inner[first:stop])
        out.append("</span>")
        last = stop
    out.append(inner[last:])
    return "".join(out)


def _block_language(classes: list[str]) -> str | None:
    for name in classes:
        if name.startswith("language-"):
            return name[len("language-") :].lower()
    return None


def mark_flags(content: str, catalog: Catalog) -> str:
    """The page's HTML with every flag in its shell code blocks wrapped in a `cs-flag` span."""

    def edit(classes: list[str], opening: str, inner: str) -> tuple[str, str] | None:
        lang = _block_language(classes)
        destructive = DESTRUCTIVE_CLASS in classes
        if not (lang in SHELL_LANGS or (destructive and lang is None)):
            return None
        if f'class="{FLAG_CLASS}"' in inner:
            return None  # already marked
        marked = _mark_code(inner, lang, catalog)
        return (opening, marked) if marked != inner else None

    return edit_highlighted_code(content, edit)
