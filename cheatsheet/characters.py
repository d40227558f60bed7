"""Text is what it looks like: no invisible format characters (Unicode category Cf: direction
controls, zero-width characters, soft hyphens, tag characters), no control characters, and no word
that mixes scripts (a Cyrillic o, U+043E, in `docker`). Such text reads one way and runs, matches or is
copied another (Trojan Source; `docker system prune` spelt with U+043E that skips every check)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .problems import Problem

# Letters, digits and marks, as one word; `_` and `-` split words, as they split shell words' parts.
_WORD = re.compile(r"[^\W_]+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
# Scripts that are written together within one word: Japanese mixes these three.
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}


def describe(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


# Letters and symbols that draw nothing: fillers a reader cannot see.
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def invisible(char: str) -> bool:
    """A format character (Cf), a control character other than tab and newline, a line or
    paragraph separator, or a blank filler letter."""
    category = unicodedata.category(char)
    return category in ("Cf", "Zl", "Zp") or (category == "Cc" and char not in "\t\n") or char in _BLANK


def odd_spaces(text: str) -> list[str]:
    """Spaces other than the ASCII one (no-break, thin, ideographic…): in code they look like a
    space and are not one to a shell."""
    if text.isascii():
        return []
    return list(dict.fromkeys(c for c in text if unicodedata.category(c) == "Zs" and c != " "))


def invisible_in(text: str) -> list[str]:
    """The invisible characters of text, each once, in order."""
    if text.isascii() and text.isprintable():
        return []
    seen: dict[str, None] = {}
    for char in text:
        if not char.isprintable() and char not in seen and invisible(char):
            seen[char] = None
    return list(seen)


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    if char.isascii():
        return "LATIN"
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return _SAME_SCRIPT.get(first, first) or None


def mixed_words(text: str) -> list[str]:
    """Words of text whose letters come from more than one script (`docker` with a Cyrillic o, U+043E)."""
    if text.isascii():
        return []
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {script for char in word if (script := _script(char))}
        if len(scripts) > 1:
            found.append(word)
    return found


def entity_characters(text: str) -> list[str]:
    """Invisible characters written as HTML character references (`&#x202E;`, `&shy;`)."""
    if "&" not in text:
        return []
    return [char for ref in _ENTITY.findall(text) for char in invisible_in(html.unescape(ref))]


def _mixed_message(word: str) -> str:
    scripts = sorted({script for char in word if (script := _script(char))})
    others = [f"`{c}` {describe(c)}" for c in word if _script(c) not in (None, "LATIN")][:3]
    return (
        f"`{word}` mixes {' and '.join(s.title() for s in scripts)} letters "
        f"({', '.join(others)}): a lookalike of another word"
    )


def check_lines(path: str, lines: Iterable[tuple[int, str]], words: bool = True) -> list[Problem]:
    """A problem for each line holding an invisible character or (with `words`) a mixed-script
    word: the one message per line names every such character by its code point."""
    problems: list[Problem] = []
    for number, line in lines:
        if line.isascii() and line.isprintable() and "&" not in line:
            continue
        hidden = invisible_in(line.replace("\t", " ")) + entity_characters(line)
        if hidden:
            names = ", ".join(describe(char) for char in dict.fromkeys(hidden))
            problems.append(
                Problem(
                    path,
                    number,
                    f"invisible character {names}: text that reads one way and is copied or run another",
                    "delete it (retype the line if your editor does not show it)",
                )
            )
        for word in mixed_words(line) if words else ():
            problems.append(Problem(path, number, _mixed_message(word), "type the word again in plain Latin letters"))
    return problems


def check_code(path: str, lines: Iterable[tuple[int, str]]) -> list[Problem]:
    """Code lines: no space but the ASCII one."""
    problems = []
    for number, line in lines:
        odd = odd_spaces(line)
        if odd:
            problems.append(
                Problem(
                    path,
                    number,
                    f"{', '.join(describe(c) for c in odd)} in code: it looks like a space and is not one",
                    "type an ordinary space",
                )
            )
    return problems


def check_text(path: str, text: str, first_line: int = 1) -> list[Problem]:
    """check_lines for a whole text (a data file, a page with its front matter)."""
    return check_lines(path, enumerate(text.split("\n"), start=first_line))
