"""The navigation, built from each page's front matter, and the related topics of each page."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .catalog import DATA, read_yaml
from .page import PageScan
from .validate import Problem


@dataclass
class NavPage:
    src: str
    title: str
    section: str
    order: int
    description: str
    order_line: int = 1


def load_sections(path: Path = DATA / "sections.yaml") -> list[dict]:
    return read_yaml(path)


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
            guess = difflib.get_close_matches(str(key), list(required) + list(optional), n=1)
            report(
                key,
                f"unknown front matter key `{key}`",
                f"did you mean `{guess[0]}`?"
                if guess
                else f"use only {', '.join(f'`{k}`' for k in list(required) + list(optional))}",
            )
    for key, meaning in required.items():
        if key not in meta or meta[key] in (None, ""):
            problems.append(Problem(scan.path, 1, f"front matter has no `{key}`", f"add `{key}:` — {meaning}"))
    section_keys = [s["key"] for s in sections]
    section = meta.get("section")
    if section is not None and section not in section_keys:
        guess = difflib.get_close_matches(str(section), section_keys, n=1)
        report(
            "section",
            f"unknown section `{section}`",
            f"did you mean `{guess[0]}`?" if guess else f"use one of {', '.join(section_keys)} (data/sections.yaml)",
        )
    order = meta.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        report("order", f"`order: {order}` is not a whole number", "write a whole number such as `order: 30`")
    if problems:
        return None, problems
    return NavPage(
        scan.path, str(meta["title"]), section, order, str(meta["description"]), scan.meta_lines.get("order", 1)
    ), problems


def build_nav(
    pages: list[NavPage], sections: list[dict], paths: dict[str, str]
) -> tuple[list, list[NavPage], list[Problem]]:
    """MkDocs' `nav` value, the pages in reading order, and duplicate-order problems.

    `paths` maps each page's src URI to the file path used in messages.
    """
    problems: list[Problem] = []
    nav: list = []
    ordered: list[NavPage] = []
    for section in sections:
        members = sorted((p for p in pages if p.section == section["key"]), key=lambda p: (p.order, p.src))
        seen: dict[int, NavPage] = {}
        for page in members:
            if page.order in seen:
                problems.append(
                    Problem(
                        paths[page.src],
                        page.order_line,
                        f"`order: {page.order}` is already used by {paths[seen[page.order].src]} in section `{section['key']}`",
                        "give each page of a section its own order",
                    )
                )
            seen.setdefault(page.order, page)
        if members:
            nav.append({section["title"]: [{p.title: p.src} for p in members]})
            ordered.extend(members)
    return nav, ordered, problems


def related(
    pages: list[str], commands: dict[str, set[str]], links: dict[str, set[str]], limit: int = 3
) -> dict[str, list[str]]:
    """For each page, the pages that share the most commands with it or link to or from it.

    Counted through an inverted index (command -> pages), so pages that share nothing are never
    compared: the cost follows the commands pages share, not the square of the page count."""
    position = {page: i for i, page in enumerate(pages)}
    users: dict[str, list[str]] = {}
    for page in pages:
        for command in commands.get(page, ()):
            users.setdefault(command, []).append(page)
    scores: dict[str, dict[str, int]] = {page: {} for page in pages}
    for sharing in users.values():
        if len(sharing) > 50:
            continue  # a command on most pages says nothing about how two of them relate
        for page in sharing:
            for other in sharing:
                if other != page:
                    scores[page][other] = scores[page].get(other, 0) + 1
    for page in pages:
        for target in links.get(page, ()):
            if target in position and target != page:
                scores[page][target] = scores[page].get(target, 0) + 3
                scores[target][page] = scores[target].get(page, 0) + 3
    return {
        page: [other for other, _ in sorted(scores[page].items(), key=lambda kv: (-kv[1], position[kv[0]]))[:limit]]
        for page in pages
    }
