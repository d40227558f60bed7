"""The generated legacy-to-modern map (`legacy.md`), and the note a legacy admonition gets.

The map is one table, a row per feature: feature · deprecated in · removed in · replacement ·
note · shown in. Each row has the feature's anchor as its id, so a legacy admonition's link
lands on its row. The data mixes versions ("1.13"), dates ("2023-07 (end of updates)") and
words ("archived upstream") in the same field: versions and dates go in their columns (a date
as a <time>), anything else in the note. Replacements are prose with commands in it; the
commands, flags and Dockerfile lines in them are set in code font (`_CODE`). The page is
Markdown only for its introduction; the table is filled in as HTML once the page is rendered,
before search reads it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .addresses import Place, feature_anchor, heading_anchor
from .catalog import describe
from .front_matter import generated_page
from .html_parts import inline_html, markdown_inert

if TYPE_CHECKING:
    from .catalog import Deprecation
    from .findings import CheckedPage

LEGACY_SRC = "legacy.md"
LEGACY_TITLE = "Legacy to modern"


class LegacyItem(NamedTuple):
    """One row of the legacy map: a deprecated feature and the places that show it."""

    feature: Deprecation
    places: list[Place]


def collect_legacy(pages: Sequence[CheckedPage]) -> list[LegacyItem]:
    found: dict[str, LegacyItem] = {}
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for use in report.legacy:
            places = found.setdefault(use.feature["feature"], LegacyItem(use.feature, [])).places
            place = Place(src, title, use.heading, headings.get(use.heading, title))
            if place not in places:
                places.append(place)
    return sorted(found.values(), key=lambda item: item.feature["feature"].lower())


def render_legacy(items: list[LegacyItem]) -> str:
    """The legacy map's Markdown: its introduction, and a marker where `fill_legacy` puts the table."""
    out = [
        # One table and no headings: its width is worth more than an empty table of contents.
        *generated_page(
            LEGACY_TITLE,
            "Every deprecated or removed Docker command, flag and instruction this cheat sheet mentions, "
            "when it went away and what replaced it.",
            "material/history",
            hide=("toc",),
            searched=True,
        ),
        "Old tutorials still show these. Each row says when Docker deprecated or removed the "
        "feature and what to use today; the links lead to the pages that show the old form next "
        "to its replacement. Versions are Docker Engine's unless the row names another product. "
        "This page is generated when the site is built.",
        "",
        _TABLE_MARKER,
        "",
    ]
    return "\n".join(out) + "\n"


_TABLE_MARKER = "<!-- cs-legacy-table -->"
_VERSION = re.compile(r"^(?:[A-Z][A-Za-z]* )?v?\d+(?:\.\d+)*$")  # 1.13, 29.0, Compose v2
# 2020, 2023-07 (…). Only a real month is a date: anything else stays words, in the note.
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2]))?(?:\s*\((?P<rest>[^)]*)\))?$")
_MONTHS = ["January", "February", "March", "April", "May", "June"]
_MONTHS += ["July", "August", "September", "October", "November", "December"]
# In a replacement: a docker command and its words, a flag (and its key=value), a Dockerfile
# instruction with its key=value, an environment setting, or a quoted separator such as '='.
_CODE = re.compile(
    r"""(?<![\w-])(?:
        (?:docker|dockerd|kubectl)(?:\ (?:--?[a-z][\w-]*|[a-z][\w.-]*(?:=\S+?)?|<\w+>|[\w.-]+=<\w+>))*(?=[\s,;)/]|$)
      | --?[a-z][\w-]*(?:[ =](?:[\w.-]+=[^\s,;)]+|<\w+>))?
      | [A-Z]{2,}\ [\w.]+=(?:"[^"]*"|[^\s,;)]+)
      | [A-Z][A-Z_]+=\w+
      | '[^'\s]{1,3}'
    )""",
    re.X,
)


def _when(value: object) -> tuple[str, str]:
    """A deprecated/removed field as (cell HTML, note): a version as it is, a date as a <time>,
    anything else left to the note."""
    if value is None or value == "":
        return "", ""
    text = str(value).strip()
    if _VERSION.match(text):
        return html.escape(text), ""
    date = _DATE.match(text)
    if date:
        year, month = date.group("year"), date.group("month")
        shown = f"{_MONTHS[int(month) - 1]} {year}" if month else year
        stamp = f"{year}-{month}" if month else year
        return f'<time datetime="{stamp}">{shown}</time>', date.group("rest") or ""
    return "", text


def code_font(text: str) -> str:
    """A replacement's prose as HTML, its commands, flags and Dockerfile lines in <code>."""
    if "`" in text:
        return inline_html(text)  # marked up by its writer
    out: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        out += [html.escape(text[last : match.start()], quote=False), f"<code>{html.escape(match.group(0))}</code>"]
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _place_link(place: Place, href: Callable[[str], str]) -> str:
    name = (
        place.title
        if place.heading == place.title
        else f"{place.title} \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} {place.heading}"
    )
    return f'<a href="{href(place.src)}#{place.anchor}">{html.escape(name)}</a>'


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render_row(feature: Deprecation, places: list[Place], href: Callable[[str], str]) -> str:
    deprecated, deprecated_note = _when(feature.get("deprecated"))
    removed, removed_note = _when(feature.get("removed"))
    if not removed and deprecated and not deprecated.startswith("<time"):
        # Deprecated in a release and not removed: say so. (A tool that was dropped on a date
        # or archived has no release to be removed in.)
        planned, _ = _when(feature.get("planned_removal"))
        removed = f"not yet (planned for {planned})" if planned else "not yet"
    notes = [html.escape(_capital(n), quote=False) for n in (deprecated_note, removed_note) if n]
    if feature.get("note"):
        notes.append(inline_html(_capital(feature["note"])))
    note = "; ".join(notes)
    shown = " · ".join(_place_link(p, href) for p in places)
    # Escaped (code_font escapes): a shape such as `<ALIAS>_PORT_…` would otherwise be read as a tag.
    name = code_font(feature["feature"])
    anchor = feature_anchor(feature)
    return (
        f'<tr id="{anchor}"><td><a class="cs-legacy__name" href="#{anchor}">{name}</a></td>'
        f"<td>{deprecated}</td><td>{removed}</td><td>{code_font(feature['replacement'])}</td>"
        f"<td>{note}</td><td>{shown}</td></tr>"
    )


def render_table(items: list[LegacyItem], href: Callable[[str], str]) -> str:
    rows = "\n".join(_render_row(f, places, href) for f, places in items)
    return (
        '<div class="cs-legacy">\n<table>\n<thead><tr><th scope="col">Feature</th><th scope="col">Deprecated in</th>'
        '<th scope="col">Removed in</th><th scope="col">Replacement</th><th scope="col">Note</th>'
        f'<th scope="col">Shown in</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</div>'
    )


def fill_legacy(page_html: str, items: list[LegacyItem], href: Callable[[str], str]) -> str:
    """Put the table where the rendered legacy map has its marker. `href` gives the link from
    the map to another page (src URI)."""
    return page_html.replace(_TABLE_MARKER, render_table(items, href), 1)


def legacy_anchors(items: list[LegacyItem]) -> set[str]:
    return {feature_anchor(f) for f, _ in items} | {heading_anchor(LEGACY_TITLE)}


def legacy_note(feature: Deprecation, legacy_link: str = LEGACY_SRC) -> str:
    """The line added to a legacy admonition; legacy_link is the map's path from that page."""
    # The replacement comes from data/catalog.json into the page's own Markdown: its code spans
    # as code and the rest inert, on one line (a newline in it once closed the admonition and
    # opened a fake one of the data file's own, with an outside link, on every page that used it).
    # When it went away comes from the same file: inert too, every word of it.
    replacement = markdown_inert(code_font(" ".join(str(feature["replacement"]).split())))
    when = markdown_inert(html.escape(" ".join(describe(feature).split()), quote=False))
    return f"**Modern replacement:** {replacement} ({when}). [Legacy map]({legacy_link}#{feature_anchor(feature)})"
