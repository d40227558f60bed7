"""The generated legacy-to-modern map (`legacy.md`), and the note a legacy admonition gets.

The page is Markdown only for its headings (for the table of contents); each feature's details
are filled in as HTML once the page is rendered."""

from __future__ import annotations

import html
import re

from .addresses import Place, feature_anchor, page_url
from .command_checks import describe
from .html_edits import inline_html

LEGACY_SRC = "legacy.md"
_LEGACY_MARKER = "<!-- cs-legacy: {} -->"
_LEGACY_MARKER_RE = re.compile(r"<!-- cs-legacy: ([\w-]+) -->")


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
