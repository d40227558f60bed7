"""Generated pages: the command index (`commands.md`) and the legacy-to-modern map (`legacy.md`).

Both are Markdown only for their headings (so the table of contents and anchors come from
MkDocs as usual); their many entries are filled in as HTML once the page is rendered, which
costs a fraction of rendering them as Markdown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from markdown.extensions.toc import slugify

from . import commands as cmd
from .catalog import Catalog
from .shell import split_commands
from .validate import describe

INDEX_SRC = "commands.md"
LEGACY_SRC = "legacy.md"
_GROUP_MARKER = "<!-- cs-index-group: {} -->"
_MARKER = re.compile(r"<!-- cs-index-group: ([\w-]+) -->")
_INLINE_CODE = re.compile(r"`([^`]+)`")
_INLINE_STRONG = re.compile(r"\*\*([^*]+)\*\*")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_LEGACY_MARKER = "<!-- cs-legacy: {} -->"
_LEGACY_MARKER_RE = re.compile(r"<!-- cs-legacy: ([\w-]+) -->")


class Place(NamedTuple):
    src: str
    title: str
    anchor: str
    heading: str


@dataclass
class Entry:
    canonical: str
    description: str = ""
    legacy_only: bool = True
    places: list[Place] = field(default_factory=list)
    seen: set = field(default_factory=set)


@lru_cache(maxsize=1 << 12)  # asked for every command link and index entry: ~1,600 times a build
def command_anchor(canonical: str) -> str:
    return slugify(canonical, "-")


def feature_anchor(feature: dict) -> str:
    return command_anchor(feature["feature"])  # the same slug


def collect(pages: list[tuple[str, str, object, object]], catalog: Catalog) -> dict[str, Entry]:
    """Index entries from (src, title, scan, report) in reading order."""
    entries: dict[str, Entry] = {}
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for use in report.uses:
            entry = entries.setdefault(use.canonical, Entry(use.canonical))
            entry.legacy_only = entry.legacy_only and use.legacy
            place = Place(src, title, use.heading, headings.get(use.heading, title))
            if (place.src, place.anchor) not in entry.seen:
                entry.seen.add((place.src, place.anchor))
                entry.places.append(place)
        for definition in scan.definitions:
            words = split_commands(definition.code)
            canonical = cmd.parse(words[0], catalog, complete=False).canonical if words else None
            if canonical in entries and not entries[canonical].description:
                entries[canonical].description = _sentence(definition.text)
    for canonical, entry in entries.items():
        if catalog.commands[canonical].get("deprecated"):
            entry.legacy_only = True
    return entries


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] if text else text


def _group_title(group: str) -> str:
    return "Top-level commands" if group == "general" else group.capitalize()


def group_of(canonical: str, catalog: Catalog) -> str:
    words = canonical.split()
    if len(words) > 2 or catalog.is_group(canonical):
        return words[1]
    return "general"


def render_index(entries: dict[str, Entry], catalog: Catalog) -> str:
    """The index page's Markdown: introduction and group headings. The entries themselves are
    filled in as HTML after rendering (`fill_index`): 200 entries of Markdown cost more to
    render than the rest of the hooks together."""
    order = _group_order(entries, catalog)
    out = [
        "---",
        "title: Command index",
        "description: Every Docker command this cheat sheet uses, A to Z by object, with aliases, "
        "reference links and the sections that show it.",
        "icon: material/format-list-bulleted",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Command index",
        "",
        f"All {len(entries)} Docker commands used on this site, grouped by the object they act on "
        "and sorted A to Z. Each entry lists the command's aliases, says what it does, links to "
        "Docker's reference and to every section of this site that shows it. This page is "
        "generated when the site is built.",
        "",
        " · ".join(f"[{_group_title(g)}](#{slugify(_group_title(g), '-')})" for g in order),
        "",
    ]
    for group in order:
        out += [f"## {_group_title(group)}", "", _GROUP_MARKER.format(group), ""]
    return "\n".join(out) + "\n"


def _group_order(entries: dict[str, Entry], catalog: Catalog) -> list[str]:
    return sorted({group_of(c, catalog) for c in entries}, key=lambda g: (g == "general", g))


def inline_html(text: str) -> str:
    """The few inline Markdown forms a one-line description uses, as HTML."""
    out = html.escape(text, quote=False)
    out = _INLINE_CODE.sub(r"<code>\1</code>", out)
    out = _INLINE_STRONG.sub(r"<strong>\1</strong>", out)
    return _INLINE_LINK.sub(r"\1", out)


def page_url(src: str) -> str:
    """A page's URL from its source path, as MkDocs makes it with `use_directory_urls: false`."""
    return src[: -len(".md")] + ".html" if src.endswith(".md") else src


def _render_entry(entry: Entry, catalog: Catalog) -> str:
    anchor = command_anchor(entry.canonical)
    name = html.escape(entry.canonical)
    parts = [
        f'<h3 id="{anchor}"><code>{name}</code>'
        f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h3>'
    ]
    aliases = catalog.aliases_of(entry.canonical)
    if aliases:
        parts.append("<p>Aliases: " + ", ".join(f"<code>{html.escape(a)}</code>" for a in aliases) + "</p>")
    if entry.legacy_only:
        parts.append(
            f"<p><strong>Legacy</strong> — shown on this site only as history; see the "
            f'<a href="{page_url(LEGACY_SRC)}">legacy map</a>.</p>'
        )
    if entry.description:
        parts.append(f"<p>{inline_html(entry.description)}</p>")
    used = " · ".join(
        f'<a href="{page_url(p.src)}#{p.anchor}">{html.escape(p.title if p.heading == p.title else f"{p.title} › {p.heading}")}</a>'
        for p in entry.places
    )
    parts.append(f'<p><a href="{catalog.url(entry.canonical)}">Reference</a> · Used in: {used}</p>')
    return "\n".join(parts)


def fill_index(page_html: str, entries: dict[str, Entry], catalog: Catalog) -> str:
    """Put each group's entries where the rendered index page has its marker."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries.values():
        groups.setdefault(group_of(entry.canonical, catalog), []).append(entry)

    def entries_of(match: re.Match) -> str:
        members = sorted(groups.get(match.group(1), []), key=lambda e: e.canonical)
        return "\n".join(_render_entry(e, catalog) for e in members)

    return _MARKER.sub(entries_of, page_html)


def index_anchors(entries: dict[str, Entry], catalog: Catalog) -> set[str]:
    groups = {group_of(c, catalog) for c in entries}
    return {command_anchor(c) for c in entries} | {slugify(_group_title(g), "-") for g in groups} | {"command-index"}


# -- legacy map --------------------------------------------------------------------------------


def collect_legacy(pages: list[tuple[str, str, object, object]]) -> list[tuple[dict, list[Place]]]:
    found: dict[str, tuple[dict, list[Place]]] = {}
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for use in report.legacy:
            feature, places = found.setdefault(use.feature["feature"], (use.feature, []))
            place = Place(src, title, use.heading, headings.get(use.heading, title))
            if place not in places:
                places.append(place)
    return sorted(found.values(), key=lambda item: item[0]["feature"].lower())


def render_legacy(items: list[tuple[dict, list[Place]]]) -> str:
    """The legacy map's Markdown: introduction and one heading per feature (for the table of
    contents). Each feature's details are filled in as HTML after rendering (`fill_legacy`)."""
    out = [
        "---",
        "title: Legacy to modern",
        "description: Every deprecated or removed Docker command, flag and instruction this cheat "
        "sheet mentions, when it went away and what replaced it.",
        "icon: material/history",
        "---",
        "",
        "# Legacy to modern",
        "",
        "Old tutorials still show these. Each row says when Docker deprecated or removed the "
        "feature and what to use today; the links lead to the pages that show the old form next "
        "to its replacement. This page is generated when the site is built.",
        "",
    ]
    for feature, _ in items:
        anchor = feature_anchor(feature)
        # Escaped: a shape such as `<ALIAS>_PORT_…` would otherwise be read as an HTML tag.
        title = html.escape(feature["feature"], quote=False)
        out += [f"## {title} {{ #{anchor} }}", "", _LEGACY_MARKER.format(anchor), ""]
    return "\n".join(out) + "\n"


def _render_legacy_item(feature: dict, places: list[Place]) -> str:
    removed = feature.get("removed") or (
        f"not yet (planned: {feature['planned_removal']})" if feature.get("planned_removal") else "not yet"
    )
    parts = [
        "<table>\n<thead>\n<tr>\n<th>Deprecated</th>\n<th>Removed</th>\n<th>Replacement</th>\n</tr>\n</thead>",
        f"<tbody>\n<tr>\n<td>{html.escape(str(feature['deprecated']))}</td>\n<td>{html.escape(str(removed))}</td>\n"
        f"<td>{inline_html(feature['replacement'])}</td>\n</tr>\n</tbody>\n</table>",
    ]
    if feature.get("note"):
        parts.append(f"<p>Note: {inline_html(feature['note'])}.</p>")
    shown = " · ".join(
        f'<a href="{page_url(p.src)}#{p.anchor}">'
        f"{html.escape(p.title if p.heading == p.title else f'{p.title} › {p.heading}')}</a>"
        for p in places
    )
    parts.append(f"<p>Shown in: {shown}</p>")
    return "\n".join(parts)


def fill_legacy(page_html: str, items: list[tuple[dict, list[Place]]]) -> str:
    """Put each feature's details where the rendered legacy map has its marker."""
    details = {feature_anchor(f): _render_legacy_item(f, places) for f, places in items}
    return _LEGACY_MARKER_RE.sub(lambda m: details.get(m.group(1), ""), page_html)


def legacy_anchors(items: list[tuple[dict, list[Place]]]) -> set[str]:
    return {feature_anchor(f) for f, _ in items} | {"legacy-to-modern"}


def legacy_note(feature: dict, legacy_link: str = LEGACY_SRC) -> str:
    """The line added to a legacy admonition; legacy_link is the map's path from that page."""
    return (
        f"**Modern replacement:** {feature['replacement']} ({describe(feature)}). "
        f"[Legacy map]({legacy_link}#{feature_anchor(feature)})"
    )
