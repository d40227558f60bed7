"""The two-page cheat sheet (`sheet/index.md`): each topic's essential commands, chosen by the
page's own front matter and checked like every other command of the page.

A topic marks its entries with a `sheet:` mapping, the last key of its front matter, from a
command line (as a reader types it) to at most eight words saying what it does:

    sheet:
      docker container ls -a: list all containers, stopped ones too

Each entry must name a command the page itself shows outside legacy admonitions, and links to
the section that shows it. Like the command index, the generated page holds only its heading
and a marker; the entries are filled in as HTML once it is rendered.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import yaml

from .addresses import page_ids
from .catalog import Catalog
from .command_checks import check_shell_fence
from .findings import PageReport
from .front_matter import generated_page
from .page import Fence, PageScan
from .placeholders import CODE_MARK
from .problems import Problem

# Quoted text and `$(…)` hold no command of the line's own; what is left may not chain another.
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"")
_SUBSTITUTION = re.compile(r"\$\([^()]*\)")
_CHAINS = re.compile(r"[;&|`\n]")


def _more_than_one(command: str) -> bool:
    """Whether an entry's command line runs a command after, or beside, its own."""
    text = _QUOTED.sub("", command)
    while (shorter := _SUBSTITUTION.sub("", text)) != text:
        text = shorter
    return bool(_CHAINS.search(text)) or "(" in text or ")" in text


SHEET_SRC = "sheet/index.md"
SHEET_TITLE = "Docker cheat sheet"
KEY = "sheet"
MAX_WORDS = 8
MARKER = "<!-- cs-sheet-topics -->"
EXEMPT = {"index.md"}  # the home page: an introduction, not a topic
# Markup a one-line description may not use: it is shown as plain text.
_MARKUP = re.compile(r"[`*_\[\]<>|\\]|&#?\w+;|https?://")
_FLAG = re.compile(r"(?<!\S)(--?[A-Za-z][\w-]*)")  # the flag's name; a value after `=` may still wrap
_PLACEHOLDER = re.compile(r"&lt;([A-Za-z][\w.:/@-]*(?:\.\.\.)?)&gt;")

# How much fits on two printed pages, in estimated lines of one sheet column (see
# `estimate_lines`). Calibrated in Chromium with the real sheet padded by copies of its own
# topics: US Letter, the shorter paper, overflows to a third page between 361 and 376
# estimated lines, A4 between 376 and 390. The capacity keeps a margin below both;
# tests/test_print.py prints a sheet padded to it and checks that it still fits.
CAPACITY_LINES = 350
COMMAND_CHARS = 40  # characters of command per column line (monospace)
DESCRIPTION_CHARS = 52  # characters of description per column line (proportional)
TOPIC_LINES = 2.5  # a topic's title, with its space above


class SheetEntry(NamedTuple):
    command: str
    description: str
    line: int
    canonical: str
    anchor: str  # the section of the topic page that shows it ("" = the top of the page)


class SheetTopic(NamedTuple):
    src: str
    title: str
    entries: list[SheetEntry]


def _sheet_node(scan: PageScan) -> tuple[yaml.Node | None, list[str]]:
    """The node of the `sheet:` value and the front matter's top-level keys in order, from the
    front matter as the page scan parsed it (None when it is not a valid mapping: reported)."""
    root = scan.meta_node
    if not isinstance(root, yaml.MappingNode):
        return None, []
    keys = [key.value for key, _ in root.value]
    for key, value in root.value:
        if key.value == KEY:
            return value, keys
    return None, keys


def check_entries(scan: PageScan, report: PageReport, catalog: Catalog) -> tuple[list[SheetEntry], list[Problem]]:
    """The page's cheat sheet entries, each checked, and the problems of those that fail."""
    if KEY not in scan.meta:
        return [], []
    problems: list[Problem] = []
    key_line = scan.meta_lines.get(KEY, 1)

    def problem(line: int, message: str, fix: str) -> None:
        problems.append(Problem(scan.path, line, message, fix))

    node, keys = _sheet_node(scan)
    if keys and keys[-1] != KEY:
        problem(
            key_line,
            f"`{KEY}:` is not the last key of the front matter",
            f"move the `{KEY}:` block below `{keys[-1]}:`",
        )
    if not isinstance(node, yaml.MappingNode) or not node.value:
        problem(
            key_line,
            f"`{KEY}:` is not a list of `command: what it does` lines",
            f"indent one entry per line under `{KEY}:`, e.g. `  docker container ls -a: list all containers`",
        )
        return [], problems
    shown: dict[str, list] = {}
    for use in report.uses:
        if not use.legacy:
            shown.setdefault(use.canonical, []).append(use)
    first_anchor = scan.headings[0].anchor if scan.headings else ""
    entries: list[SheetEntry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = 2 + key_node.start_mark.line
        command = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
        if not command:
            problem(line, "a cheat sheet entry has no command", "write `command line: what it does` on one line")
            continue
        if command in seen:
            problem(line, f"`{command}` is on the cheat sheet twice (line {seen[command]})", "keep one of the two")
            continue
        seen[command] = line
        description = value_node.value.strip() if isinstance(value_node, yaml.ScalarNode) else None
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
            description = ""  # `command:` alone, or `command: null`
        words = description.split() if description else []
        if description is None:
            problem(line, f"the description of `{command}` is not one line of text", "write it after the colon")
        elif not words:
            problem(
                line,
                f"`{command}` has no description",
                f"say what it does in at most {MAX_WORDS} words after the colon",
            )
        elif len(words) > MAX_WORDS:
            problem(
                line,
                f"the description of `{command}` has {len(words)} words",
                f"say it in at most {MAX_WORDS}: the sheet has one short line per command",
            )
        elif markup := _MARKUP.search(description):
            problem(
                line,
                f'the description of `{command}` uses markup ("{markup.group()}")',
                "write plain words: the sheet shows the description as text",
            )
        # The command is checked as a one-line shell block standing on the entry's line.
        checked = PageReport()
        check_shell_fence(Fence(line - 1, "bash", [command], False, ""), catalog, scan, checked)
        problems += checked.problems
        if checked.problems:
            continue
        if not checked.uses:
            problem(
                line,
                f"`{command}` is not a Docker command",
                "put a `docker …` command line before the colon",
            )
            continue
        if _more_than_one(command):  # the sheet shows one command per line
            problem(
                line,
                f"the cheat sheet entry `{command[:60]}` runs more than one command",
                "write one `docker …` command before the colon",
            )
            continue
        use = checked.uses[0]
        places = shown.get(use.canonical)
        if not places:
            problem(
                line,
                f"the cheat sheet entry `{command}` names `{use.canonical}`, which this page does not show",
                "show it in a code block or inline code on this page (outside a legacy admonition), "
                "or pick a command the page shows",
            )
            continue
        wanted = set(use.flags)
        best = max(places, key=lambda u: (len(wanted & set(u.flags)), u.in_block))
        anchor = "" if best.heading == first_anchor else best.heading
        if description and words and len(words) <= MAX_WORDS and not _MARKUP.search(description):
            entries.append(SheetEntry(command, " ".join(words), line, use.canonical, anchor))
    return entries, problems


def collect(
    pages: Sequence[tuple[str, str, PageScan, PageReport]], catalog: Catalog
) -> tuple[list[SheetTopic], list[Problem], list[Problem]]:
    """The sheet's topics from (src, title, scan, report) in reading order, its problems (each
    entry's own, and a sheet that would not fit two pages) and its notes: topics without an
    entry. A note is logged at INFO, not as a warning, so a contributor's first page, with only
    a title and a command, still passes the strict build (issue #15); the real site's every
    topic has entries, which tests/test_print.py checks."""
    topics: list[SheetTopic] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    for src, title, scan, report in pages:
        if src in EXEMPT:
            continue
        entries, found = check_entries(scan, report, catalog)
        problems += found
        # A page that shows no command has nothing to offer the sheet: no warning it could not fix.
        if KEY not in scan.meta and any(not use.legacy for use in report.uses):
            notes.append(
                Problem(
                    scan.path,
                    1,
                    "the page has no cheat sheet entries",
                    f"add a `{KEY}:` block as the last key of the front matter, with the page's "
                    f"essential commands (see CONTRIBUTING.md)",
                )
            )
        if entries:
            topics.append(SheetTopic(src, title, entries))
    lines = estimate_lines(topics)
    if lines > CAPACITY_LINES and topics:
        largest = max(topics, key=lambda t: len(t.entries))
        scan = next(s for src, _, s, _ in pages if src == largest.src)
        problems.append(
            Problem(
                scan.path,
                scan.meta_lines.get(KEY, 1),
                f"the cheat sheet would no longer fit on two printed pages (about {lines:.0f} of "
                f"{CAPACITY_LINES} lines; this page has {len(largest.entries)} entries, the most)",
                "drop or shorten entries here or on other pages",
            )
        )
    return topics, problems, notes


def estimate_lines(topics: list[SheetTopic]) -> float:
    """The sheet's height in lines of one column: a command line wraps at COMMAND_CHARS, its
    description below it at DESCRIPTION_CHARS."""
    total = 0.0
    for topic in topics:
        total += TOPIC_LINES
        for entry in topic.entries:
            total += -(-len(entry.command) // COMMAND_CHARS) + -(-len(entry.description) // DESCRIPTION_CHARS)
    return total


def render_sheet() -> str:
    """The sheet page's Markdown: its heading and a marker where the entries go."""
    return "\n".join(
        [
            *generated_page(
                SHEET_TITLE,
                "The essential Docker commands of every topic on two printed pages, each linking to the "
                "section that explains it.",
                "material/card-text-outline",
                template="sheet.html",
            ),
            "The essential commands of every topic, one line each, on two printed pages: use your",
            "browser's *Print* or *Save as PDF*. Each command links to the section that explains it;",
            "`<container>`, `<image>` and the like stand for your own names. Everything in one",
            "document: the [printable book](../print/index.md).",
            "{: .cs-sheet-intro }",
            "",
            MARKER,
            "",
        ]
    )


def build_date(environ: dict[str, str]) -> datetime.date:
    """The build's date in UTC, or SOURCE_DATE_EPOCH's when set, so builds stay reproducible."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def _command_html(command: str) -> str:
    """A command as code, its placeholders (`<container>`) marked as on the rest of the site and
    its flags kept whole: a browser may otherwise break a line inside `-p` or `--cap-add`."""
    escaped = _FLAG.sub(r'<span class="cs-sheet-flag">\1</span>', html.escape(command, quote=False))
    return _PLACEHOLDER.sub(r'<span class="cs-sheet-ph">&lt;\1&gt;</span>', escaped)


def render_topics(
    topics: list[SheetTopic],
    hrefs: dict[str, str],
    mark: Callable[[str], str] | None = None,
    fillable: Callable[[str], str] | None = None,
) -> str:
    """The entries as HTML; `hrefs` maps each topic's src to its URL from the sheet page; `mark`
    gives the HTML put after an entry's command (its Engine-version mark, or ""); `fillable`
    writes a command's placeholders as the spans a reader fills in (placeholders.mark_link_code)."""
    parts = ['<div class="cs-sheet">']
    idents = page_ids([topic.src for topic in topics], "sheet-")
    for topic in topics:
        href = html.escape(hrefs[topic.src])
        ident = idents[topic.src]
        parts.append(
            f'<section class="cs-sheet-topic" aria-labelledby="{ident}">'
            f'<h2 id="{ident}"><a href="{href}">{html.escape(topic.title)}</a></h2><ul>'
        )
        for entry in topic.entries:
            target = f"{href}#{html.escape(entry.anchor)}" if entry.anchor else href
            since = mark(entry.command) if mark else ""
            code = _command_html(entry.command)
            code = f"<code {CODE_MARK}>{fillable(code)}</code>" if fillable else f"<code>{code}</code>"
            parts.append(
                f'<li><a href="{target}">{code}</a>'
                + (f" {since}" if since else "")
                + f'<span class="cs-sheet-what">{html.escape(entry.description)}</span></li>'
            )
        parts.append("</ul></section>")
    parts.append("</div>")
    return "".join(parts)


def footer_html(site_url: str, date: datetime.date) -> str:
    url = (site_url or "").rstrip("/") + "/sheet/index.html" if site_url else ""
    where = f'<a href="{html.escape(url)}">{html.escape(url)}</a> · ' if url else ""
    return f'<p class="cs-sheet-footer">{where}built {date.isoformat()}</p>'


def fill(
    page_html: str,
    topics: list[SheetTopic],
    hrefs: dict[str, str],
    site_url: str,
    date: datetime.date,
    mark: Callable[[str], str] | None = None,
    fillable: Callable[[str], str] | None = None,
) -> str:
    """Put the entries and the footer where the rendered sheet page has its marker."""
    return page_html.replace(MARKER, render_topics(topics, hrefs, mark, fillable) + footer_html(site_url, date), 1)
