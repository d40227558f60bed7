"""The navigation: sections from data/sections.yaml, pages ordered within them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import DATA, read_yaml
from .problems import Problem


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
