"""A page's front matter, checked against data/front-matter.yaml and data/sections.yaml: its
place in the navigation, or the problems that keep it out."""

from __future__ import annotations

from pathlib import Path

from .catalog import DATA, read_yaml
from .navigation import NavPage
from .page import PageScan
from .problems import Problem, close_match


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
                "write one `key: value` per line and quote values that contain `: ` or start with a symbol",
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
