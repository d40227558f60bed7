"""The generated "New in Docker Engine" page (`new-in-engine.md`): per Engine release, newest
first, the commands and flags it added (from the catalogue's minimum API versions and the
deprecation data, as cheatsheet/engine_versions.py reads them) and the features it deprecated or
removed (the deprecation data), each linked to Docker's reference and to the sections of this
site that show it.

All of it is Markdown, written at build time: `collect` reads the checked pages, `markdown`
writes the page. Its page is cheatsheet/generated/new_in_engine.py."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

from .addresses import Place, feature_anchor, heading_anchor, relative
from .catalog import Catalog, Deprecation
from .engine_versions import EngineTable, label, load_table, needs, version_key
from .findings import CheckedPage
from .front_matter import generated_page
from .html_parts import markdown_inert
from .legacy_map import LEGACY_SRC, code_font

NEW_IN_SRC = "new-in-engine.md"
NEW_IN_TITLE = "New in Docker Engine"


class Change(NamedTuple):
    release: str  # `28.1`
    kind: str  # "added", "deprecated" or "removed"
    name: str  # `docker image rm --platform`, or a deprecated feature's name
    href: str  # Docker's reference, or the legacy map's row ("" when the map does not show it)
    places: tuple[Place, ...]  # where this site shows it


def _major(release: str) -> int:
    return version_key(release)[0]


def collect(pages: Sequence[CheckedPage], catalog: Catalog, table: EngineTable | None = None) -> list[Change]:
    """Every change above the table's floor, newest release first."""
    table = table or load_table()
    shown: dict[tuple[str, str], list[Place]] = {}  # (canonical, `--flag` or canonical) -> places
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for use in report.uses:
            if use.legacy:
                continue
            for need in needs(use.canonical, use.flags, catalog, table):
                places = shown.setdefault((use.canonical, need.name), [])
                place = Place(src, title, use.heading, headings.get(use.heading, title))
                if place not in places:
                    places.append(place)
    changes: list[Change] = []
    for canonical, spec in catalog.commands.items():
        if spec.get("source") != "engine":
            continue  # Compose, Buildx and Desktop's plugins: their reference gives no version
        flags = [f for f, s in spec["flags"].items() if not s.get("hidden") and not s.get("inherited")]
        for need in needs(canonical, flags, catalog, table):
            name = canonical if need.name == canonical else f"{canonical} {need.name}"
            changes.append(Change(need.release, "added", name, need.href, tuple(shown.get((canonical, need.name), ()))))
    legacy_places: dict[str, list[Place]] = {}
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for legacy in report.legacy:
            places = legacy_places.setdefault(legacy.feature["feature"], [])
            place = Place(src, title, legacy.heading, headings.get(legacy.heading, title))
            if place not in places:
                places.append(place)
    for feature in catalog.deprecations:
        for kind in ("deprecated", "removed"):
            release = _release(feature, kind)
            if release and table.above_floor(release):
                where = tuple(legacy_places.get(feature["feature"], ()))
                href = f"{LEGACY_SRC}#{feature_anchor(feature)}" if where else ""
                changes.append(Change(release, kind, feature["feature"], href, where))
    order = {"added": 0, "deprecated": 1, "removed": 2}
    return sorted(changes, key=lambda c: (tuple(-n for n in version_key(c.release)), order[c.kind], c.name))


def _release(feature: Deprecation, kind: str) -> str:
    """A deprecation's release, when it is an Engine version (`28.0`); dates and words are not."""
    value = str(feature.get(kind) or "")  # type: ignore[misc]
    return value if value and all(part.isdigit() for part in value.split(".")) else ""


def _place_links(places: Sequence[Place]) -> str:
    links = []
    for place in places:
        name = place.title if place.heading == place.title else f"{place.title} › {place.heading}"
        target = relative(NEW_IN_SRC, place.src) + (f"#{place.anchor}" if place.anchor else "")
        links.append(f"[{_escape(name)}]({target})")
    return " · ".join(links)


def _escape(text: str) -> str:
    """A heading's text in Markdown, shown as its page shows it (an entity the page wrote is its
    character) and nothing in it markup: no link, no emphasis, no attr_list class."""
    return markdown_inert(html.escape(html.unescape(text), quote=False))


def _row(change: Change) -> str:
    if change.kind == "added":
        name = f"[`{change.name}`]({change.href})"
    else:
        name = markdown_inert(code_font(change.name))  # escaped HTML, inert as Markdown: `<ALIAS>` stays text
        if change.href:
            name = f"[{name}]({change.href})"  # a Markdown link: MkDocs makes it the page's URL
    what = {"added": "Added", "deprecated": "Deprecated", "removed": "Removed"}[change.kind]
    where = _place_links(change.places) or "not shown on this site"
    return f"| {change.release} | {what} | {name} | {where} |"


def markdown(changes: Sequence[Change], table: EngineTable | None = None) -> str:
    """The page: one section per major release from the newest down to just above the floor."""
    table = table or load_table()
    majors = sorted({_major(r) for r, _ in table.releases if table.above_floor(r)}, reverse=True)
    newest = table.releases[-1][0]
    out = [
        *generated_page(
            NEW_IN_TITLE,
            "What each Docker Engine release added, deprecated or removed among the commands and flags, "
            "with where this cheat sheet shows each.",
            "material/new-box",
            hide=("navigation",),
        ),
        f"Per Docker Engine release, newest first (up to {newest}): the commands and flags it added, "
        "and what it deprecated or removed. Examples on this site that use something newer than "
        f"Engine {table.floor} carry a mark such as “{label('28.0')}”; set your own version with the "
        "**Engine** button in the header to see which ones your Engine lacks.",
        "",
        "Where it comes from: a command or flag is *added* in the first release whose Engine API "
        "serves the minimum API version Docker's CLI reference gives it; a flag named as the "
        "replacement of a deprecated one is added in the release that deprecated the old form. "
        "Docker Compose and Buildx are not listed: their reference gives no Engine or API version, "
        "only experimental markers. This page is generated when the site is built.",
        "",
    ]
    by_major: dict[int, list[Change]] = {}
    for change in changes:
        by_major.setdefault(_major(change.release), []).append(change)
    for major in majors:
        out += [f"## Engine {major}", ""]
        found = by_major.get(major, [])
        if not found:
            out += ["No command or flag in the catalogue was added, deprecated or removed in this release.", ""]
            continue
        out += ["| Release | Change | Command, flag or feature | Shown on this site |", "| --- | --- | --- | --- |"]
        out += [_row(change) for change in found]
        out.append("")
    return "\n".join(out) + "\n"


def anchors(table: EngineTable | None = None) -> set[str]:
    """The page's heading ids, for the site's link checks."""
    table = table or load_table()
    majors = {_major(r) for r, _ in table.releases if table.above_floor(r)}
    return {heading_anchor(NEW_IN_TITLE)} | {heading_anchor(f"Engine {m}") for m in majors}
