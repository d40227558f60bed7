"""The generated command index (`commands.md`).

It is Markdown only for its headings (so the table of contents and anchors come from MkDocs as
usual); its many entries are filled in as HTML once the page is rendered, which costs a
fraction of rendering them as Markdown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify

from . import commands as cmd
from .addresses import Place, command_anchor, page_url
from .catalog import Catalog
from .html_edits import inline_html
from .legacy_map import LEGACY_SRC
from .shell import split_commands

INDEX_SRC = "commands.md"
_GROUP_MARKER = "<!-- cs-index-group: {} -->"
_MARKER = re.compile(r"<!-- cs-index-group: ([\w-]+) -->")


@dataclass
class Entry:
    canonical: str
    description: str = ""
    legacy_only: bool = True
    places: list[Place] = field(default_factory=list)
    seen: set = field(default_factory=set)


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
