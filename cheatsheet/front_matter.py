"""A page's front matter, checked against data/front-matter.yaml and data/sections.yaml: its
place in the navigation and its description, or the problems that keep it out.

Only `title` is required. Without `section:` a page joins the default section (the one marked
`default: true` in data/sections.yaml), which the build notes at INFO level; without `order:`
it follows the numbered pages of its section; without `description:` its first paragraph is
used."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import reprlib
import unicodedata
from collections.abc import Mapping, MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import characters, data_files
from .navigation import NavPage, Section
from .page import PageScan
from .problems import Problem, close_match

# data/front-matter.yaml: the required keys and the optional ones, each with what it means.
FrontMatterKeys = tuple[dict[str, str], dict[str, str]]
DESCRIPTION_LIMIT = 160  # characters: about what search engines show
# Keys the theme writes into every page's HTML (title, navigation, footer, meta description),
# through templates that do not escape: they are plain text, one line, no markup.
PLAIN_TEXT_KEYS = ("title", "description")
# Every page's navigation lists every title, so a title's length is multiplied by the number of
# pages on every page (140 titles of 3,900 characters made each page 640 KB). Longest real: 26.
TITLE_CHARS = 80
# Markup (`<`, `>`, `&` entities, backticks) and characters that break lines or reorder text.
_NOT_PLAIN = re.compile(r"[<>&`\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    # code spans: their code. Whole runs only (possessive, fenced by lookarounds): `(`+)(.+?)\1`
    # retried every shorter run, 1.4 s on a paragraph of 4,000 backticks.
    (re.compile(r"(?<!`)(`++)(?!`)(.+?)(?<!`)\1(?!`)"), r"\2"),
    (re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
]


def load_front_matter_keys() -> FrontMatterKeys:
    spec = data_files.read("front-matter.yaml")
    return spec["required"], spec.get("optional") or {}


# The keys this build reads, each with code that checks its value. data/front-matter.yaml says what
# each means; its schema lists exactly these, so a line there cannot allow a key nothing checks.
PAGE_KEYS = ("title", "description", "section", "order", "icon", "engine", "hide", "sheet")
# The keys Material's templates see (theme_meta): they write a page's front matter into every
# page's HTML unescaped (`subtitle` into the navigation, `author` into <head>, `template:` picks
# a layout with an inline script), so only these four reach them, each held to its check.
THEME_KEYS = ("title", "description", "icon", "hide")

# Material reads these keys in its templates; a value of the wrong shape stops the build there,
# with a traceback (`hide: 5`, an icon that does not exist), so they are checked here and dropped
# from what the theme sees (theme_meta).
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
_ICON = re.compile(r"[a-z0-9-]++(?:/[a-z0-9_-]++)++")  # `material/cube-outline`; no `..`


@lru_cache(maxsize=1)
def icon_roots() -> tuple[Path, ...]:
    """Where the theme looks for `.icons/…`: the project's overrides (mkdocs.yml's custom_dir),
    then Material's own."""
    roots = [Path(__file__).resolve().parent.parent / "overrides" / ".icons"]
    spec = importlib.util.find_spec("material")
    if spec and spec.submodule_search_locations:
        roots += [Path(location) / "templates" / ".icons" for location in spec.submodule_search_locations]
    return tuple(roots)


def theme_value_problems(meta: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Theme keys whose value the theme cannot use: key -> (what is wrong, how to fix)."""
    found: dict[str, tuple[str, str]] = {}
    choices = ", ".join(f"`{v}`" for v in HIDE_VALUES)
    if "hide" in meta:
        hide = meta["hide"]
        if not isinstance(hide, list) or not all(isinstance(v, str) for v in hide):
            found["hide"] = (
                f"`hide: {hide}` is not a list of names",
                f"write a list such as `hide: [toc]` ({choices})",
            )
        elif unknown := [v for v in hide if v not in HIDE_VALUES]:
            found["hide"] = (f"`hide` has no part `{unknown[0]}`", f"use {choices}")
    if "icon" in meta:
        icon = meta["icon"]
        if not (
            isinstance(icon, str)
            and _ICON.fullmatch(icon)
            and any((root / f"{icon}.svg").is_file() for root in icon_roots())
        ):
            found["icon"] = (
                f"there is no icon `{icon}`",
                "use a Material icon name such as `material/cube-outline` "
                "(https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)",
            )
    return found


def theme_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The front matter the theme may see: its keys, with usable values (the rest is reported
    by check_front_matter)."""
    bad = theme_value_problems(meta)
    return {key: value for key, value in meta.items() if key in THEME_KEYS and key not in bad}


def default_section(sections: list[Section]) -> Section:
    """Where pages without `section:` go: the section marked `default: true`, else the last."""
    return next((s for s in sections if s.get("default")), sections[-1])


def check_front_matter(
    scan: PageScan, sections: list[Section], keys: FrontMatterKeys
) -> tuple[NavPage, list[Problem], list[Problem]]:
    """The page's place in the navigation, the problems in its front matter, and notes (INFO)
    about what the build chose for it. The place is returned even when there are problems,
    so MkDocs does not add a warning that the page is missing from the navigation."""
    required, optional = keys
    problems: list[Problem] = []
    notes: list[Problem] = []
    fallback = default_section(sections)
    place = NavPage(scan.src, scan.src, fallback["key"], None, first_paragraph(scan))

    def report(key: str | None, message: str, fix: str) -> None:
        line = scan.meta_lines.get(key, 1) if key else 1
        problems.append(Problem(scan.path, line, message, fix))

    if scan.meta_error:
        line, message = scan.meta_error
        problems.append(
            Problem(
                scan.path,
                line,
                message,
                scan.meta_fix
                or "write one `key: value` per line and quote values that contain `: ` or start with a symbol",
            )
        )
        return place, problems, notes
    meta = scan.meta
    known = list(required) + list(optional)
    for key in meta:
        if key not in required and key not in optional:
            guess = close_match(str(key), known)
            report(
                key,
                f"unknown front matter key `{key}`",
                f"did you mean `{guess}`?" if guess else f"use only {', '.join(f'`{k}`' for k in known)}",
            )
    for key, (message, fix) in theme_value_problems(meta).items():
        report(key, message, fix)
    for key, meaning in required.items():
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(scan.path, 1, f"front matter has no `{key}`", f"add `{key}:` — {meaning}"))
    plain = {}  # the plain-text keys that may be shown
    for key in PLAIN_TEXT_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            shown = reprlib.repr(value)  # bounded, however deep the YAML nests
            report(key, f"`{key}: {shown}` is not text", f'quote it: `{key}: "{shown}"`')
        elif found := _NOT_PLAIN.search(value.strip()):
            report(key, f"`{key}` contains {_shown(found.group())}: it is plain text, shown as it is written",
                   "write it without markup (`<`, `>`, `&`, backticks) on one line; say “and” for `&`")  # fmt: skip
        elif key == "title" and len(value) > TITLE_CHARS:
            report(key, f"the title is {len(value)} characters, more than the {TITLE_CHARS} a title may have "
                   "(the navigation of every page lists it)", "shorten it; the description can say more")  # fmt: skip
        elif key == "title" and (wrong := characters.title_problem(value.strip())):
            report(key, *wrong)  # lookalike letters of another script, emoji, typographic marks
        else:
            plain[key] = value
    # Every value as YAML read it, not only as the line spells it: `"\u200b"` is a zero-width
    # space once read, and would reach the navigation of every page.
    for key, value in meta.items():
        line = scan.meta_lines.get(key, 1)
        problems += characters.check_lines(scan.path, [(line, text) for text in _strings(value)])
    section_keys = [s["key"] for s in sections]
    section = meta.get("section")
    if section is not None and section not in section_keys:
        guess = close_match(str(section), section_keys)
        report(
            "section",
            f"unknown section `{section}`",
            f"did you mean `{guess}`?" if guess else f"use one of {', '.join(section_keys)} (data/sections.yaml)",
        )
    elif section is None:
        notes.append(
            Problem(
                scan.path,
                1,
                f"no `section:`, so the page is listed under “{fallback['title']}”",
                f"add `section:` with one of {', '.join(k for k in section_keys if k != fallback['key'])} "
                "to place it elsewhere",
            )
        )
    order = meta.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        report("order", f"`order: {order}` is not a whole number", "write a whole number such as `order: 30`")
        order = None
    if "title" in plain:  # else the file's name: markup never reaches the navigation
        place.title = plain["title"]
    if section in section_keys:
        place.section = section
    place.order = order
    if "description" in plain:
        place.description = plain["description"]
    return place, list(dict.fromkeys(problems)), notes


def _strings(value: Any) -> list[str]:
    """The strings of a front-matter value, however it nests (keys too)."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, Mapping):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            stack += list(item)
    return found


def _shown(char: str) -> str:
    if char == "`":
        return "a backtick"
    if char.isprintable():
        return f"`{char}`"
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"


def escape_plain_text(meta: MutableMapping[str, Any]) -> None:
    """Title and description as the theme must write them: the templates put them into HTML
    unescaped, so they are escaped here, once. Checked text holds nothing to escape but `"`;
    a description taken from the first paragraph, or front matter that failed the checks
    (`mkdocs serve` shows it), is made harmless all the same."""
    for key in PLAIN_TEXT_KEYS:
        value = meta.get(key)
        if value is not None:
            # Not text (already an error): shown as nothing rather than as Python's repr of it.
            # `"` ends the theme's attributes (`content="…"`); `'` never does, and stays as written.
            meta[key] = html.escape(value, quote=False).replace('"', "&quot;") if isinstance(value, str) else ""


def first_paragraph(scan: PageScan, limit: int = DESCRIPTION_LIMIT) -> str:
    """The page's first paragraph of prose as plain text, cut after the last sentence that fits
    in `limit` characters (or at a word, with an ellipsis, when even the first does not)."""
    in_fence: set[int] = set()
    for fence in scan.fences:
        in_fence.update(range(fence.line, fence.line + len(fence.lines) + 2))
    paragraph: list[str] = []
    for number in range(scan.body_line, len(scan.lines) + 1):
        line = scan.lines[number - 1].strip()
        prose = (
            number not in in_fence
            and line
            and not line.startswith(("#", "!!!", "???", "<", "|", "-", "*", "+", ">", "[", "{"))
            and not re.match(r"\d+[.)]\s", line)
            and not scan.lines[number - 1].startswith(("    ", "\t"))
        )
        if prose:
            paragraph.append(line)
        elif paragraph:
            break
    text = " ".join(paragraph)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# -- the pages the build writes itself ------------------------------------------------------------


def generated_page(
    title: str,
    description: str,
    icon: str,
    *,
    hide: tuple[str, ...] = ("navigation", "toc"),
    searched: bool = False,
    template: str = "",
) -> list[str]:
    """The front matter and heading of a page the build generates (command index, legacy map,
    printable book, cheat sheet), as Markdown lines. Values are written as JSON strings, which
    YAML reads as they are. Most are kept out of search: their content is filled in after
    search has read them, or repeats the topics'."""
    lines = ["---", f"title: {json.dumps(title)}", f"description: {json.dumps(description)}", f"icon: {icon}"]
    if template:
        lines.append(f"template: {template}")
    if not searched:
        lines += ["search:", "  exclude: true"]
    lines += ["hide:", *(f"  - {part}" for part in hide), "---", "", f"# {title}", ""]
    return lines
