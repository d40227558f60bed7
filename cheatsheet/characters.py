"""Text is what it looks like: no invisible format characters (Unicode category Cf: direction
controls, zero-width characters, soft hyphens, tag characters), no code point Unicode says to draw
as nothing (Default_Ignorable_Code_Point: the combining grapheme joiner, variation selectors,
fillers), no control characters, and no word that mixes scripts (a Cyrillic o, U+043E, in
`docker`), an ignorable code point inside a word joining it rather than splitting it. Such text
reads one way and runs, matches or is copied another (Trojan Source; `docker system prune` spelt
with U+043E that skips every check)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .problems import Problem

# Unicode's Default_Ignorable_Code_Point property: code points a renderer draws as nothing,
# whatever their category (Cf, but also the marks U+034F and the variation selectors, fillers that
# are letters, and unassigned code points kept for more of them). From DerivedCoreProperties.txt,
# Unicode 16.0 (https://www.unicode.org/Public/16.0.0/ucd/DerivedCoreProperties.txt), adjacent
# ranges merged; the property is stable, and tests/test_checks.py checks the table against its
# definition in UAX #44 (Other_Default_Ignorable_Code_Point + Cf + Variation_Selector, less
# White_Space, the interlinear annotation characters and the visible format characters).
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x115F, 0x1160),  # HANGUL CHOSEONG FILLER..HANGUL JUNGSEONG FILLER
    (0x17B4, 0x17B5),  # KHMER VOWEL INHERENT AQ..AA
    (0x180B, 0x180F),  # MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),  # ZERO WIDTH SPACE..RIGHT-TO-LEFT MARK
    (0x202A, 0x202E),  # LEFT-TO-RIGHT EMBEDDING..RIGHT-TO-LEFT OVERRIDE
    (0x2060, 0x206F),  # WORD JOINER..NOMINAL DIGIT SHAPES (2065 reserved)
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xFE00, 0xFE0F),  # VARIATION SELECTOR-1..16
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),  # reserved
    (0x1BCA0, 0x1BCA3),  # SHORTHAND FORMAT LETTER OVERLAP..UP STEP
    (0x1D173, 0x1D17A),  # MUSICAL SYMBOL BEGIN BEAM..END PHRASE
    (0xE0000, 0xE0FFF),  # LANGUAGE TAG, TAG characters, VARIATION SELECTOR-17..256, reserved
)
_IGNORABLE_CLASS = "".join(
    re.escape(chr(start)) + (f"-{re.escape(chr(end))}" if end > start else "") for start, end in DEFAULT_IGNORABLE
)
_IGNORABLE = re.compile(f"[{_IGNORABLE_CLASS}]")
# Letters and digits, as one word, joined across ignorable code points (a mark does not split a
# word to a reader, so it must not split it here); `_` and `-` split words, as they split shell
# words' parts.
_WORD = re.compile(rf"(?:[^\W_]|[{_IGNORABLE_CLASS}])+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
# Scripts that are written together within one word: Japanese mixes these three.
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}


def describe(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"


# A symbol that draws nothing and is not default-ignorable: the blank braille pattern.
_BLANK = frozenset("\u2800")


def invisible(char: str) -> bool:
    """A format character (Cf), a default-ignorable code point (DEFAULT_IGNORABLE), a control
    character other than tab and newline, a line or paragraph separator, or a blank symbol."""
    category = unicodedata.category(char)
    return (
        category in ("Cf", "Zl", "Zp")
        or (category == "Cc" and char not in "\t\n")
        or char in _BLANK
        or _IGNORABLE.match(char) is not None
    )


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
        # Printable ASCII is visible; every other character is asked (a mark is printable).
        if char not in seen and not (" " <= char <= "~") and invisible(char):
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


def scripts(text: str) -> frozenset[str]:
    """The scripts of text's letters (`LATIN`, `CYRILLIC`, `GREEK`, `CJK`…); digits and marks have none."""
    return frozenset(script for char in text if (script := _script(char)))


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


# What a title the navigation shows (a page's `title:`, a section's title in data/sections.yaml)
# may be written with. The site is written in English, and every page's navigation lists every
# title: a title of lookalike letters of another script ("Tips" in Cyrillic, U+0422 U+0456 U+0440
# U+0455) is no mixed word, passed the duplicate-title check (NFKC and casefold fold no
# confusables) and put a second "Tips" in every page's navigation. So an allow-list, not a list of
# lookalikes: ASCII letters and digits, the space, and the punctuation titles need (`Links
# (legacy)`, `Two-page cheat sheet`, an apostrophe, quotes, which the theme's templates escape);
# the rest of the page may use any script it needs.
TITLE_PUNCTUATION = " -(),.:'\"/+?!"
TITLE_PATTERN = r"""^[A-Za-z0-9 ()',./:?!+"-]*$"""  # also data/schemas/sections.schema.json's title pattern
_TITLE = re.compile(TITLE_PATTERN)
# Typographic punctuation a writer's editor puts in, and the ASCII to write instead.
_TITLE_ASCII = {
    "\u2018": "'",
    "\u2019": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
}


def title_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with a shown title, as (what, how to fix it), or None: the first character
    outside the allow-list, named, and what to write instead."""
    if _TITLE.match(text):
        return None
    char = next(c for c in text if not _TITLE.match(c))
    allowed = "Latin letters A to Z, digits, spaces and " + " ".join(TITLE_PUNCTUATION.strip())
    # The character itself only where a log shows it as it is (a letter, a digit, a symbol):
    # an invisible one or a mark would hide in the message, or reorder it.
    shown = f"`{char}` " if unicodedata.category(char)[0] in "LNPS" and not invisible(char) else ""
    what = f"the title has {shown}{describe(char)}, which a title may not: titles are written with {allowed}"
    if char in _TITLE_ASCII:
        return what, f"write `{_TITLE_ASCII[char]}` instead"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if plain and _TITLE.match(plain):  # an accented letter, a full-width one: its plain letter
        return what, f"write `{plain}` instead"
    if char.isalpha():
        return what, "type the word with the letters A to Z (an English keyboard): it only looks like one of them"
    return what, "leave it out or say it in words"


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
