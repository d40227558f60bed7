"""Which Docker Engine each command and flag needs, and the marks that say so on the site.

Two sources, both data:

- `data/catalog.json` keeps the `min_api_version` Docker's CLI reference gives a command or a
  flag; `data/engine-api.yaml` maps Engine releases to the API version each serves. A command
  or flag first works on the oldest release whose API is at least its minimum.
- `deprecations` (the legacy map's data): when a flag is deprecated in favour of another
  (`--time` -> `--timeout`), the replacement first works in the release that deprecated the old
  form, and the old form is what works before it (shown to a reader on an older Engine).

Compose and Buildx: their reference files give no version at all (no `min_api_version`, only
`experimental`/`experimentalcli` markers), so they are never marked.

Releases at or below the table's `floor` are not marked. Marks are computed per page and per
source line (`page_marks`). In a page's HTML, a code line's mark hangs on the example it belongs
to (`block_marks`, placed by examples.mark_examples, which knows which code block is which
fence), and an inline command's follows it (`attach_inline`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from . import commands as cmd
from .data_files import DATA, derived
from .problems import Problem
from .shell import split_commands

if TYPE_CHECKING:
    from .catalog import Catalog
    from .findings import PageReport
    from .page import PageScan

TABLE_FILE = DATA / "engine-api.yaml"
MARK_CLASS = "cs-since"


def version_key(version: str) -> tuple[int, ...]:
    """`28.1` -> (28, 1, 0); `28` -> (28, 0, 0); `1.13.1` -> (1, 13, 1): padded, so `28` and
    `28.0` compare equal. Anything after the numbers is ignored (`24.0.7-ce` -> (24, 0, 7))."""
    numbers = re.match(r"\d+(?:\.\d+)*", version.strip().lstrip("v"))
    if not numbers:
        return ()
    parts = tuple(int(n) for n in numbers.group(0).split("."))
    return parts + (0,) * (3 - len(parts))


@dataclass(frozen=True)
class EngineTable:
    releases: tuple[tuple[str, str], ...]  # (release, newest API), oldest first
    floor: str
    source: dict

    def first_release(self, api: str) -> str | None:
        """The oldest release that serves API `api`, or None when none in the table does."""
        wanted = version_key(api)
        for release, served in self.releases:
            if version_key(served) >= wanted:
                return release
        return None

    def above_floor(self, release: str) -> bool:
        return version_key(release) > version_key(self.floor)


def _table(raw: dict) -> EngineTable:
    pairs = sorted(((str(r), str(a)) for r, a in raw["releases"].items()), key=lambda p: version_key(p[0]))
    return EngineTable(tuple(pairs), str(raw["floor"]), dict(raw.get("source") or {}))


def load_table(path=TABLE_FILE) -> EngineTable:
    return derived(_table, path)


def label(release: str) -> str:
    """How a mark names a release: `Engine 25+` for 25.0, `Engine 28.1+` for 28.1."""
    parts = release.split(".")
    shown = parts[0] if len(parts) == 2 and parts[1] == "0" else release
    return f"Engine {shown}+"


# -- what a command needs ------------------------------------------------------------------------


class Need(NamedTuple):
    """One thing a command line uses that needs a release above the floor."""

    release: str
    name: str  # `docker image ls` or `--tree`
    href: str  # its entry in Docker's reference
    why: str  # "api 1.47" or the deprecation that introduced it
    older: str = ""  # the flag that works before `release` (`--time`), when the data knows one
    older_until: str = ""  # the release that removed that older form ("" = not removed)


class FlagIntro(NamedTuple):
    release: str
    older: str
    removed: str
    feature: str


_REPLACEMENT_FLAG = re.compile(r"^(--[a-z][\w-]*)")
_OLD_FORM = re.compile(r"^([a-z][\w-]*) (--[a-z][\w-]*)$")


@lru_cache(maxsize=8)
def _introduced_by_deprecation(catalog: Catalog) -> dict[tuple[str, str], FlagIntro]:
    """(canonical command, flag) -> when it appeared, for flags the deprecation data names as the
    replacement of a deprecated flag (`docker stop --time` -> `--timeout (-t)`, deprecated in
    28.0): the replacement came with the deprecation, and the old form worked until removed."""
    found: dict[tuple[str, str], FlagIntro] = {}
    for feature in catalog.deprecations:
        new = _REPLACEMENT_FLAG.match(str(feature.get("replacement", "")))
        deprecated = str(feature.get("deprecated", ""))
        if not new or not version_key(deprecated) or not re.fullmatch(r"\d+\.\d+", deprecated):
            continue
        for phrase in feature.get("match") or []:
            old = _OLD_FORM.match(phrase)
            if not old:
                continue
            verb, old_flag = old.groups()
            for canonical, spec in catalog.commands.items():
                name = new.group(1)[2:]
                if canonical.split()[-1] == verb and name in spec["flags"] and old_flag[2:] in spec["flags"]:
                    found[(canonical, name)] = FlagIntro(
                        deprecated, old_flag, str(feature.get("removed") or ""), feature["feature"]
                    )
    return found


def needs(canonical: str, flags: Iterable[str], catalog: Catalog, table: EngineTable) -> list[Need]:
    """What a command line with these long flags needs above the floor, newest first."""
    spec = catalog.commands[canonical]
    found: list[Need] = []
    api = spec.get("min_api_version")
    release = table.first_release(api) if api else None
    if release and table.above_floor(release):
        found.append(Need(release, canonical, catalog.url(canonical), f"API {api}"))
    intros = _introduced_by_deprecation(catalog)
    for flag in dict.fromkeys(flags):
        fspec = spec["flags"].get(flag)
        if fspec is None:
            continue
        href = catalog.url(canonical) + (f"#{fspec['anchor']}" if fspec.get("anchor") else "")
        api = fspec.get("min_api_version")
        release = table.first_release(api) if api else None
        if release and table.above_floor(release):
            found.append(Need(release, f"--{flag}", href, f"API {api}"))
            continue
        intro = intros.get((canonical, flag))
        if intro and table.above_floor(intro.release):
            found.append(
                Need(intro.release, f"--{flag}", href, f"replaces {intro.feature}", intro.older, intro.removed)
            )
    return sorted(found, key=lambda n: version_key(n.release), reverse=True)


# -- marks per page and source line --------------------------------------------------------------


class Mark(NamedTuple):
    """A command line (in a code block) or an inline command (in a list or prose) that needs a
    newer Engine than the floor: `needs[0]` is the newest thing it uses."""

    line: int
    canonical: str
    code: str  # the inline code it stands in, as written; "" in a code block
    needs: tuple[Need, ...]

    @property
    def release(self) -> str:
        return self.needs[0].release


def page_marks(
    scan: PageScan, report: PageReport, catalog: Catalog, table: EngineTable | None = None
) -> dict[int, list[Mark]]:
    """Source line -> the marks of the commands on it. Legacy examples are history, not marked."""
    table = table or load_table()
    marks: dict[int, list[Mark]] = {}
    for use in report.uses:
        if use.legacy:
            continue
        found = needs(use.canonical, use.flags, catalog, table)
        if found:
            code = "" if use.in_block else _span_code(scan, use.line, use.canonical, catalog)
            marks.setdefault(use.line, []).append(Mark(use.line, use.canonical, code, tuple(found)))
    return marks


def _span_code(scan: PageScan, line: int, canonical: str, catalog: Catalog) -> str:
    """The inline code on `line` that runs `canonical` (the checker read it there)."""
    for span in scan.spans:
        if span.line == line and span.code.startswith("docker "):
            words = split_commands(span.code)
            rest = cmd.strip_prefix(words[0], catalog) if words else []
            if rest and cmd.parse(rest, catalog, complete=False).canonical == canonical:
                return span.code
    return ""


def newest(marks: Sequence[Mark]) -> Mark:
    return max(marks, key=lambda m: version_key(m.release))


# -- as HTML ------------------------------------------------------------------------------------


def mark_html(mark: Mark) -> str:
    """The small mark: `Engine 28+` naming what needs it, linked to Docker's reference. The
    data attributes are what the reader's-version control (engine-version.js) reads."""
    top = mark.needs[0]
    names = ", ".join(
        f'<a href="{html.escape(n.href)}"><code>{html.escape(n.name)}</code></a>'
        for n in mark.needs
        if n.release == top.release
    )
    attrs = f' data-since="{html.escape(top.release)}"'
    older = next((n for n in mark.needs if n.older), None)
    if older is not None:
        attrs += f' data-older="{html.escape(older.older)}"'
        if older.older_until:
            attrs += f' data-older-until="{html.escape(older.older_until)}"'
    return (
        f'<span class="{MARK_CLASS}"{attrs}><span class="{MARK_CLASS}__label">{label(top.release)}</span> '
        f"({names})</span>"
    )


def block_marks(marks: dict[int, list[Mark]]) -> dict[int, str]:
    """Source line -> the HTML of its mark, for the command lines of code blocks: the newest
    release the line needs (examples.mark_examples hangs it on the line's example)."""
    return {
        line: mark_html(newest(block)) for line, found in marks.items() if (block := [m for m in found if not m.code])
    }


_CODE_SPAN = re.compile(r"<code>([^<]*)</code>(</a>)?")


def attach_inline(page_html: str, marks: dict[int, list[Mark]]) -> str:
    """A page's HTML with the mark of each inline command that needs a newer Engine right after
    it (after its link to the command index)."""
    spans = {html.escape(mark.code, quote=False): mark for found in marks.values() for mark in found if mark.code}
    if not spans:
        return page_html

    def after_span(match: re.Match) -> str:
        mark = spans.get(match.group(1))
        return f"{match.group(0)} {mark_html(mark)}" if mark else match.group(0)

    return _CODE_SPAN.sub(after_span, page_html)


# -- the command index's "Since" column -------------------------------------------------------


def since_cells(
    commands: Iterable[str], marks: Iterable[dict[int, list[Mark]]], catalog: Catalog, table: EngineTable | None = None
) -> dict[str, str]:
    """canonical -> the HTML of its "Since" cell: the release the command itself needs, then each
    flag the site uses with it that needs one, newest first. Commands at or below the floor get
    no entry (an empty cell)."""
    table = table or load_table()
    found: dict[str, dict[str, Need]] = {}
    for canonical in commands:
        for need in needs(canonical, (), catalog, table):
            found.setdefault(canonical, {})[need.name] = need
    for page in marks:
        for line_marks in page.values():
            for mark in line_marks:
                for need in mark.needs:
                    found.setdefault(mark.canonical, {}).setdefault(need.name, need)
    cells = {}
    for canonical, by_name in found.items():
        ordered = sorted(by_name.values(), key=lambda n: (version_key(n.release), n.name), reverse=True)
        cells[canonical] = "<br>".join(
            f'<span class="{MARK_CLASS}" data-since="{html.escape(n.release)}">'
            + ("" if n.name == canonical else f"<code>{html.escape(n.name)}</code>: ")
            + f'<span class="{MARK_CLASS}__label">{label(n.release)}</span></span>'
            for n in ordered
        )
    return cells


def picker_releases(table: EngineTable | None = None) -> list[str]:
    """The releases the reader's-version control offers, newest first: the floor and newer."""
    table = table or load_table()
    return [r for r, _ in reversed(table.releases) if version_key(r) >= version_key(table.floor)]


def command_mark(command: str, catalog: Catalog, table: EngineTable | None = None) -> str:
    """The mark of one command line as a reader types it (a cheat sheet entry), or ""."""
    table = table or load_table()
    for words in split_commands(command)[:1]:
        rest = cmd.strip_prefix(words, catalog)
        if not rest or rest[0] != "docker":
            return ""
        inv = cmd.parse(rest, catalog, complete=False)
        if inv.canonical is None:
            return ""
        found = needs(inv.canonical, inv.flags, catalog, table)
        if found:
            return mark_html(Mark(0, inv.canonical, command, tuple(found)))
    return ""


# -- a page's own claim ---------------------------------------------------------------------------

CLAIM_KEY = "engine"  # front matter: `engine: 24.0`, every example of the page runs on Engine 24.0
# A heading that says `Engine 25+` (or `Engine 28.1+`): every example of its section runs on it.
_HEADING_CLAIM = re.compile(r"\bEngine (\d{1,3}(?:\.\d{1,3})?)\+")
_META_VALUE = re.compile(r"^engine:\s*[\"']?(\d{1,3}(?:\.\d{1,3}){0,2})[\"']?\s*(?:#.*)?$")


def claims(scan: PageScan) -> list[tuple[int, int, str, int]]:
    """The page's claims as (first line, last line, release, line of the claim): the front
    matter's covers the whole page, a heading's its section (to the next heading of its level
    or above)."""
    found: list[tuple[int, int, str, int]] = []
    end = len(scan.lines) + 1
    meta_line = scan.meta_lines.get(CLAIM_KEY)
    if meta_line:
        # Read from the source line: YAML would read `20.10` as the number 20.1.
        value = _META_VALUE.match(scan.lines[meta_line - 1].strip()) if meta_line <= len(scan.lines) else None
        if value:
            found.append((1, end, value.group(1), meta_line))
    headings = sorted(scan.headings, key=lambda h: h.line)
    for i, heading in enumerate(headings):
        claim = _HEADING_CLAIM.search(heading.text)
        if not claim:
            continue
        stop = next((h.line for h in headings[i + 1 :] if h.level <= heading.level), end)
        found.append((heading.line, stop - 1, claim.group(1), heading.line))
    return found


def claim_problems(scan: PageScan, marks: dict[int, list[Mark]]) -> list[Problem]:
    """A problem for each example that needs a newer Engine than the page (or its section) says
    it is written for; also a front matter `engine:` that is not a version."""
    problems: list[Problem] = []
    meta_line = scan.meta_lines.get(CLAIM_KEY)
    if meta_line and not (meta_line <= len(scan.lines) and _META_VALUE.match(scan.lines[meta_line - 1].strip())):
        problems.append(
            Problem(
                scan.path,
                meta_line,
                f"`{CLAIM_KEY}:` is not an Engine version",
                f"write the oldest Engine every example of the page runs on, e.g. `{CLAIM_KEY}: 24.0`",
            )
        )
    page_claims = claims(scan)
    for line in sorted(marks):
        for mark in marks[line]:
            covering = [c for c in page_claims if c[0] <= line <= c[1]]
            if not covering:
                continue
            # The narrowest claim speaks for the line: a section's over the page's.
            first, _, release, claim_line = min(covering, key=lambda c: c[1] - c[0])
            if version_key(mark.release) <= version_key(release):
                continue
            names = ", ".join(f"`{n.name}`" for n in mark.needs if version_key(n.release) > version_key(release))
            on_page = claim_line == meta_line and first == 1
            where = "the front matter" if on_page else f"the heading on line {claim_line}"
            problems.append(
                Problem(
                    scan.path,
                    line,
                    f"`{mark.canonical}` uses {names}, which needs {label(mark.release)}, but {where} says "
                    f"{label(release).rstrip('+')} is enough",
                    (
                        f"set `{CLAIM_KEY}: {mark.release}`"
                        if on_page
                        else f"write `{label(mark.release)}` in that heading"
                    )
                    + f", or show a form that works on Engine {release}",
                )
            )
    return problems
