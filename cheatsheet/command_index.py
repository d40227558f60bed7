"""The generated command index (`commands.md`): one table, a row per command.

Columns (COLUMNS): command (with its reference link), aliases, what it does, the Engine release
that has it, where the site uses it. The
rows are grouped by the object they act on, under a row that names the group. Each row has the
command's anchor as its id (and each group row its group's), so links to an entry from the
pages and from search land on its row. The page is Markdown only for its introduction; the
table is filled in as HTML once the page is rendered, which costs a fraction of rendering it
as Markdown. overrides/assets/javascripts/cheatsheet/index-filter.js adds a box that filters
the rows as the reader types.

Aliases nobody types (`docker buildx f`) are left out of the table: data/index-hidden-aliases.yaml."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import engine_versions
from .addresses import Place, command_anchor, heading_anchor
from .catalog import Catalog
from .data_files import DATA, derived
from .examples import Example
from .findings import CheckedPage
from .front_matter import generated_page
from .html_parts import inline_html
from .legacy_map import LEGACY_SRC

INDEX_SRC = "commands.md"
INDEX_TITLE = "Command index"
_TABLE_MARKER = "<!-- cs-index-table -->"
_HIDDEN_ALIASES = DATA / "index-hidden-aliases.yaml"


@dataclass
class Entry:
    canonical: str
    description: str = ""
    legacy_only: bool = True
    places: list[Place] = field(default_factory=list)
    seen: set[tuple[str, str]] = field(default_factory=set)  # (src, anchor) of places


# What `data/meanings.yaml` says of a plugin's origin, which the index says up front instead.
_DESKTOP_NOTE = " (Docker Desktop)"


def collect(
    pages: Sequence[CheckedPage],
    catalog: Catalog,
    meanings: Mapping[str, str] | None = None,
    examples: Mapping[str, Sequence[Example]] | None = None,
) -> dict[str, Entry]:
    """Index entries from the topic pages in reading order. What each command does is the site's
    one-line meaning of it (`meanings`: canonical -> data/meanings.yaml's `meaning:`), or else
    the comment of the first example that runs it (`examples`: src -> the page's examples)."""
    meanings = meanings or {}
    examples = examples or {}
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
    explained: dict[str, str] = {}  # canonical -> the first explanation of an example that runs it
    for src, *_ in pages:
        for example in examples.get(src, ()):
            if example.explanation and not example.legacy:
                for canonical in example.commands:
                    explained.setdefault(canonical, example.explanation)
    for canonical, entry in entries.items():
        if catalog.commands[canonical].get("deprecated"):
            entry.legacy_only = True
        meaning = meanings.get(canonical)
        entry.description = _sentence(meaning or explained.get(canonical, ""))
        if catalog.desktop_plugin(canonical) and entry.description:
            entry.description = "Docker Desktop plugin: " + entry.description.replace(_DESKTOP_NOTE, "")
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
    """The index page's Markdown: its introduction, and a marker where `fill_index` puts the table."""
    order = _group_order(entries, catalog)
    out = [
        # One wide table and no headings: the page's width is worth more than the sidebars (the
        # navigation stays in the menu on every width).
        *generated_page(
            INDEX_TITLE,
            "Every Docker command this cheat sheet uses, A to Z by object, with aliases, what each does "
            "and the sections that show it.",
            "material/format-list-bulleted",
        ),
        f"All {len(entries)} Docker commands used on this site, grouped by the object they act on "
        "and sorted A to Z: each with its aliases, what it does, the first Docker Engine release "
        "that has it or the flags this site uses with it (when newer than Engine "
        f"{engine_versions.load_table().floor}), a link to Docker's reference and "
        "the sections of this site that show it. Type in the filter box to narrow the table. This "
        "page is generated when the site is built.",
        "",
        " · ".join(f"[{_group_title(g)}](#{heading_anchor(_group_title(g))})" for g in order),
        "",
        _TABLE_MARKER,
        "",
    ]
    return "\n".join(out) + "\n"


def _group_order(entries: dict[str, Entry], catalog: Catalog) -> list[str]:
    return sorted({group_of(c, catalog) for c in entries}, key=lambda g: (g == "general", g))


def _hidden(data: dict | None) -> frozenset[str]:
    return frozenset((data or {}).get("hidden") or [])


# The table's columns: the heading, and the label a cell carries on a narrow screen, where each
# row is a card and the headings are left to screen readers (cheatsheet.css shows `data-label`
# before a cell's content, and hides an empty labelled cell). One list, so a column added here
# cannot leave the cards labelling the wrong cell.
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Command", None),
    ("Aliases", "Aliases"),
    ("What it does", None),
    ("Since", "Since"),
    ("Where it is used", "Used in"),
)
_CARD_LABELS = tuple(f' data-label="{html.escape(label)}"' if label else "" for _, label in COLUMNS)


def hidden_aliases(path: Path = _HIDDEN_ALIASES) -> frozenset[str]:
    """The aliases the index does not show (data/index-hidden-aliases.yaml)."""
    return derived(_hidden, path)


def _page_links(places: list[Place], href: Callable[[str], str]) -> str:
    """One link per page, to the first section that uses the command; the link's title names
    every section of that page that does (the table stays a few lines a row)."""
    by_page: dict[str, list[Place]] = {}
    for place in places:
        by_page.setdefault(place.src, []).append(place)
    links = []
    for src, shown in by_page.items():
        sections = html.escape("; ".join(dict.fromkeys(p.heading for p in shown)))
        first = shown[0]
        links.append(f'<a href="{href(src)}#{first.anchor}" title="{sections}">{html.escape(first.title)}</a>')
    return " · ".join(links)


def _render_row(
    entry: Entry, catalog: Catalog, hidden: frozenset[str], href: Callable[[str], str], since: str = ""
) -> str:
    anchor = command_anchor(entry.canonical)
    aliases = [a for a in catalog.aliases_of(entry.canonical) if a not in hidden]
    what = []
    if entry.legacy_only:
        what.append(
            f'<strong>Legacy</strong>: shown on this site only as history (see the <a href="{href(LEGACY_SRC)}">'
            "legacy map</a>)."
        )
    if entry.description:
        what.append(inline_html(entry.description))
    # The filter matches the hidden aliases too: someone who types one finds its command.
    also = " ".join(a for a in catalog.aliases_of(entry.canonical) if a in hidden)
    cells = (
        # The name links to Docker's reference: rows stay one line high where the text allows.
        f'<a class="cs-index__name" href="{html.escape(catalog.url(entry.canonical))}" title="Docker\'s reference for '
        f'{html.escape(entry.canonical)}"><code>{html.escape(entry.canonical)}</code></a>',
        "<br>".join(f"<code>{html.escape(a)}</code>" for a in aliases),
        " ".join(what),
        since,
        _page_links(entry.places, href),
    )
    return (
        f'<tr id="{anchor}"'
        + (f' data-also="{html.escape(also)}"' if also else "")
        + ">"
        + "".join(f"<td{label}>{cell}</td>" for label, cell in zip(_CARD_LABELS, cells, strict=True))
        + "</tr>"
    )


def render_table(
    entries: dict[str, Entry],
    catalog: Catalog,
    href: Callable[[str], str],
    hidden: frozenset[str] = frozenset(),
    since: dict[str, str] | None = None,
) -> str:
    """The index as one table: a row per command, under a row per group. `since`: canonical ->
    the HTML of its "Since" cell (cheatsheet/engine_versions.py)."""
    since = since or {}
    groups: dict[str, list[Entry]] = {}
    for entry in entries.values():
        groups.setdefault(group_of(entry.canonical, catalog), []).append(entry)
    rows = []
    for group in _group_order(entries, catalog):
        title = _group_title(group)
        rows.append(
            f'<tr class="cs-index__group" id="{heading_anchor(title)}">'
            f'<th colspan="{len(COLUMNS)}" scope="colgroup">{html.escape(title)}</th></tr>'
        )
        rows += [
            _render_row(e, catalog, hidden, href, since.get(e.canonical, ""))
            for e in sorted(groups[group], key=lambda e: e.canonical)
        ]
    head = "".join(f'<th scope="col">{html.escape(heading)}</th>' for heading, _ in COLUMNS)
    return (
        f'<div class="cs-index">\n<table>\n<thead><tr>{head}</tr>'
        "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>"
    )


def fill_index(
    page_html: str,
    entries: dict[str, Entry],
    catalog: Catalog,
    href: Callable[[str], str],
    since: dict[str, str] | None = None,
) -> str:
    """Put the table where the rendered index page has its marker. `href` gives the link from
    the index page to another page (src URI)."""
    return page_html.replace(_TABLE_MARKER, render_table(entries, catalog, href, hidden_aliases(), since), 1)


def index_anchors(entries: dict[str, Entry], catalog: Catalog) -> set[str]:
    groups = {group_of(c, catalog) for c in entries}
    return (
        {command_anchor(c) for c in entries}
        | {heading_anchor(_group_title(g)) for g in groups}
        | {heading_anchor(INDEX_TITLE)}
    )
