"""The navigation: sections from data/sections.yaml, pages ordered within them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from . import data_files
from .problems import Problem


class Section(TypedDict):
    """One entry of data/sections.yaml."""

    key: str  # what a page writes as `section:`
    title: str  # shown in the navigation


# MkDocs' `nav` setting: [{section title: [{page title: src URI}, …]}, …]
NavConfig = list[dict[str, list[dict[str, str]]]]


@dataclass
class NavPage:
    src: str
    title: str
    section: str
    order: int
    description: str
    order_line: int = 1


def load_sections() -> list[Section]:
    return data_files.read("sections.yaml")


def build_nav(
    pages: list[NavPage], sections: list[Section], paths: dict[str, str]
) -> tuple[NavConfig, list[NavPage], list[Problem]]:
    """MkDocs' `nav` value, the pages in reading order, and duplicate-order problems.

    `paths` maps each page's src URI to the file path used in messages.
    """
    problems: list[Problem] = []
    nav: NavConfig = []
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
                        f"`order: {page.order}` is already used by {paths[seen[page.order].src]} "
                        f"in section `{section['key']}`",
                        "give each page of a section its own order",
                    )
                )
            seen.setdefault(page.order, page)
        if members:
            nav.append({section["title"]: [{p.title: p.src} for p in members]})
            ordered.extend(members)
    return nav, ordered, problems
