"""The navigation: sections from data/sections.yaml, pages ordered within them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from . import data_files


class Section(TypedDict):
    """One entry of data/sections.yaml."""

    key: str  # what a page writes as `section:`
    title: str  # shown in the navigation
    default: NotRequired[bool]  # where pages without `section:` go


# MkDocs' `nav` setting: [{section title: [{page title: src URI}, …]}, …]
NavConfig = list[dict[str, list[dict[str, str]]]]


@dataclass
class NavPage:
    src: str
    title: str
    section: str
    order: int | None  # None: after the pages that have one
    description: str


def load_sections() -> list[Section]:
    return data_files.read("sections.yaml")


def build_nav(pages: list[NavPage], sections: list[Section]) -> tuple[NavConfig, list[NavPage]]:
    """MkDocs' `nav` value and the pages in reading order.

    Within a section: pages with an `order` first, by order, then pages without one; ties (a
    repeated order, or none) by title, so two pages added at once never conflict."""
    nav: NavConfig = []
    ordered: list[NavPage] = []
    for section in sections:
        members = sorted(
            (p for p in pages if p.section == section["key"]),
            key=lambda p: (p.order is None, p.order or 0, p.title.casefold(), p.src),
        )
        if members:
            # The theme writes section titles into every page unescaped; data/schemas/ keeps
            # them plain text, and escaping here keeps them text whatever the file says.
            nav.append({html.escape(section["title"]): [{p.title: p.src} for p in members]})
            ordered.extend(members)
    return nav, ordered
