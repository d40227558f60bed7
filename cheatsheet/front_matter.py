"""A page's front matter, checked against data/front-matter.yaml and data/sections.yaml: its
place in the navigation, or the problems that keep it out."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from .catalog import DATA, read_yaml
from .navigation import NavPage
from .page import PageScan
from .problems import Problem, close_match

# Keys the theme writes into every page's HTML (title, navigation, footer, meta description),
# through templates that do not escape: they are plain text, one line, no markup.
PLAIN_TEXT_KEYS = ("title", "description")
# Markup (`<`, `>`, `&` entities, backticks) and characters that break lines or reorder text.
_NOT_PLAIN = re.compile(r"[<>&`\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def load_front_matter_keys(path: Path = DATA / "front-matter.yaml") -> tuple[dict, dict]:
    spec = read_yaml(path)
    return spec["required"], spec.get("optional") or {}


def check_front_matter(
    scan: PageScan, sections: list[dict], keys: tuple[dict, dict]
) -> tuple[NavPage | None, list[Problem]]:
    """The page's place in the navigation, or None with the problems that keep it out."""
    required, optional = keys
    problems: list[Problem] = []

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
        return None, problems
    meta = scan.meta
    for key in meta:
        if key not in required and key not in optional:
            guess = close_match(str(key), list(required) + list(optional))
            report(
                key,
                f"unknown front matter key `{key}`",
                f"did you mean `{guess}`?"
                if guess
                else f"use only {', '.join(f'`{k}`' for k in list(required) + list(optional))}",
            )
    for key, meaning in required.items():
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(scan.path, 1, f"front matter has no `{key}`", f"add `{key}:` — {meaning}"))
    for key in PLAIN_TEXT_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str):
            report(key, f"`{key}` is not text", f'quote it: `{key}: "…"`')
        elif found := _NOT_PLAIN.search(value.strip()):
            char = found.group()
            if char == "`":
                shown = "a backtick"
            elif char.isprintable():
                shown = f"`{char}`"
            else:
                shown = f"U+{ord(char):04X} ({unicodedata.name(char, 'a control character')})"
            report(
                key,
                f"`{key}` contains {shown}: it is plain text, shown as it is written",
                "write it without markup (`<`, `>`, `&`, backticks) on one line; say “and” for `&`",
            )
    section_keys = [s["key"] for s in sections]
    section = meta.get("section")
    if section is not None and section not in section_keys:
        guess = close_match(str(section), section_keys)
        report(
            "section",
            f"unknown section `{section}`",
            f"did you mean `{guess}`?" if guess else f"use one of {', '.join(section_keys)} (data/sections.yaml)",
        )
    order = meta.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        report("order", f"`order: {order}` is not a whole number", "write a whole number such as `order: 30`")
    if problems:
        return None, problems
    return NavPage(
        scan.path, str(meta["title"]), section, order, str(meta["description"]), scan.meta_lines.get("order", 1)
    ), problems


def escape_plain_text(meta: dict) -> None:
    """Title and description as the theme must write them: the templates put them into HTML
    unescaped, so they are escaped here, once. Checked text holds nothing to escape but quotes;
    a page whose front matter failed the checks is made harmless all the same (`mkdocs serve`
    shows it)."""
    for key in PLAIN_TEXT_KEYS:
        value = meta.get(key)
        if value is not None:
            # Not text (already an error): shown as nothing rather than as Python's repr of it.
            # `"` ends the theme's attributes (`content="…"`); `'` never does, and stays as written.
            meta[key] = html.escape(value, quote=False).replace('"', "&quot;") if isinstance(value, str) else ""
