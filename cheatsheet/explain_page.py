"""The explain page (`explain/index.md`): a reader pastes docker commands and sees what each part
does, read the way the build reads them, in the browser, offline.

The build writes three things here:
- `markdown()`: the page's Markdown (front matter, introduction, a marker);
- `fill(html)`: the page's form put in place of the marker, after the sanitizer has read the
  page (the form's elements are the site's own, not a contributor's);
- `data_script(...)`: `assets/javascripts/explain-data.js`, the catalogue's JSON form that
  overrides/assets/javascripts/explain/parser.js reads (only what it needs), with the site's
  own meanings (`data/meanings.yaml`), the sections that teach each command and flag, and the
  reference links. A script, not a JSON file: fetch() does not work from file://.

`read_commands(text, catalog)` is the build's checker run over pasted text: the JavaScript
parser must give the same answers (tests/test_explain.py runs both).

`data/meanings.yaml` is checked here against the catalogue: an unknown command or flag is a
`Problem` at the file's line with a "did you mean".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import command_checks, data_files
from . import commands as cmd
from . import engine_versions as versions
from .addresses import feature_anchor
from .catalog import Catalog, FlagSet
from .data_files import DATA
from .findings import CheckedPage
from .front_matter import generated_page
from .legacy_map import LEGACY_SRC
from .problems import Problem, close_match
from .shell import logical_lines, split_commands

EXPLAIN_SRC = "explain/index.md"
EXPLAIN_TITLE = "Explain a command"
DATA_SCRIPT = "assets/javascripts/explain-data.js"
MEANINGS_FILE = DATA / "meanings.yaml"
REFERENCE_BASE = "https://docs.docker.com/reference/cli/"
_MARKER = "<!-- cs-explain-form -->"
# A Dockerfile `RUN` line: what follows the instruction and its options (`--mount=…`) is shell.
_RUN_LINE = re.compile(r"^[ \t]*RUN[ \t]+", re.I)
_RUN_OPTION = re.compile(r"^--[a-z-]+=[^ \t]*[ \t]+")
_PRINTABLE = re.compile(r"[ -~]*")


# -- the site's own words: data/meanings.yaml --------------------------------------------------


class FlagMeaning(NamedTuple):
    meaning: str
    words: tuple[str, ...] = ()


class Meaning(NamedTuple):
    line: int
    meaning: str
    flags: dict[str, FlagMeaning]


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str") and node.value.strip():
        return " ".join(node.value.split())
    return None


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value} if isinstance(node, yaml.MappingNode) else {}


def _compose(path: Path) -> yaml.Node | Exception | None:
    """The file as YAML nodes, which keep their lines for the messages; or why it cannot be read."""
    try:
        return data_files.read_yaml_nodes(path)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return exc


def load_meanings(
    catalog: Catalog, path: Path = MEANINGS_FILE, shown: str = "data/meanings.yaml"
) -> tuple[dict[str, Meaning], list[Problem]]:
    """The meanings of `data/meanings.yaml` by canonical command, and a `Problem` for each entry
    the catalogue does not know or that is not shaped as the file's header says (left out)."""
    return _meanings(catalog, _compose(path), shown)


def _meanings(
    catalog: Catalog, root: yaml.Node | Exception | None, shown: str = "data/meanings.yaml"
) -> tuple[dict[str, Meaning], list[Problem]]:
    meanings: dict[str, Meaning] = {}
    problems: list[Problem] = []
    if isinstance(root, Exception):
        mark = getattr(root, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return meanings, [Problem(shown, line, f"the file cannot be read ({type(root).__name__})", "fix its YAML")]
    if root is None:
        return meanings, problems
    if not isinstance(root, yaml.MappingNode):
        return meanings, [Problem(shown, _line(root), "the file is not a mapping of commands", "see its header")]
    for key, value in root.value:
        command = key.value if isinstance(key, yaml.ScalarNode) else ""
        if command not in catalog.commands:
            guess = close_match(command, catalog.commands) or catalog.aliases.get(command)
            problems.append(
                Problem(
                    shown,
                    _line(key),
                    f"`{command}` is not a command of the catalogue (data/catalog.json)",
                    f"did you mean `{guess}`?" if guess else "write a canonical command such as `docker container run`",
                )
            )
            continue
        fields = _mapping(value)
        unknown = sorted(set(fields) - {"meaning", "flags"})
        meaning = _text(fields["meaning"][1]) if "meaning" in fields else None
        if unknown or meaning is None:
            problems.append(
                Problem(
                    shown,
                    _line(value) if not unknown else _line(fields[unknown[0]][0]),
                    f"`{command}` needs a one-line `meaning:`" + (f"; `{unknown[0]}` is not a key" if unknown else ""),
                    "write `meaning: …` and, optionally, `flags:`",
                )
            )
            continue
        flags = catalog.flags(command)
        read: dict[str, FlagMeaning] = {}
        if "flags" in fields and not isinstance(fields["flags"][1], yaml.MappingNode):
            problems.append(
                Problem(
                    shown,
                    _line(fields["flags"][0]),
                    f"the `flags:` of `{command}` are not a mapping of flag names",
                    "write each flag's long name without dashes, with its `meaning:` under it",
                )
            )
        for name, (flag_key, flag_value) in _mapping(fields["flags"][1] if "flags" in fields else None).items():
            if name not in flags.by_long:
                guess = flags.suggest(name.lstrip("-"))
                problems.append(
                    Problem(
                        shown,
                        _line(flag_key),
                        f"`{command}` has no flag `--{name}`",
                        f"did you mean `{guess}`?"
                        if guess
                        else "write the long name without dashes, as `--help` lists it",
                    )
                )
                continue
            parts = _mapping(flag_value)
            flag_meaning = _text(parts["meaning"][1]) if "meaning" in parts else None
            words_node = parts["words"][1] if "words" in parts else None
            words = [_text(w) for w in words_node.value] if isinstance(words_node, yaml.SequenceNode) else []
            if flag_meaning is None or set(parts) - {"meaning", "words"} or None in words:
                problems.append(
                    Problem(
                        shown,
                        _line(flag_key),
                        f"flag `{name}` of `{command}` needs a one-line `meaning:` and at most a list of `words:`",
                        "write `meaning: …` and, optionally, `words: [a, b]`",
                    )
                )
                continue
            read[name] = FlagMeaning(flag_meaning, tuple(w for w in words if w))
        meanings[command] = Meaning(_line(key), meaning, read)
    return meanings, problems


def read_meanings(catalog: Catalog, path: Path = MEANINGS_FILE) -> tuple[dict[str, Meaning], list[Problem]]:
    """`load_meanings` through the data files' cache, kept while the file and the catalogue stay
    the same: the explain page and the command index both need it in one build, and reading the
    file takes tens of milliseconds. Callers must not change what it returns."""
    try:
        return data_files.derived(_meanings, path, read=_compose, given=(catalog,))
    except OSError:  # no file to stamp: say so as load_meanings does
        return load_meanings(catalog, path)


def missing_meanings(pages: Iterable[CheckedPage], meanings: dict[str, Meaning], catalog: Catalog) -> list[str]:
    """The commands and flags (`docker container run --rm`) the site uses without a meaning."""
    missing: set[str] = set()
    for _, _, _, report in pages:
        for use in report.uses:
            entry = meanings.get(use.canonical)
            if entry is None:
                missing.add(use.canonical)
                continue
            own = catalog.flags(use.canonical).by_long
            missing.update(f"{use.canonical} --{f}" for f in use.flags if f in own and f not in entry.flags)
    return sorted(missing)


# -- the build's checker over pasted text ---------------------------------------------------


def _run_command(line: str) -> str:
    match = _RUN_LINE.match(line)
    if not match:
        return line
    rest = line[match.end() :]
    while option := _RUN_OPTION.match(rest):
        rest = rest[option.end() :]
    return rest


def read_commands(text: str, catalog: Catalog) -> list[dict[str, Any]]:
    """Each `docker` (or `docker-compose`) command of pasted text as the build's checker reads it:
    what parser.js's readCommands gives for the same text, field for field."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: list[dict[str, Any]] = []
    for number, line in logical_lines(lines, 1):
        for raw in split_commands(_run_command(line)):
            words = list(cmd.strip_prefix(raw, catalog))
            if not words or words[0] not in ("docker", "docker-compose"):
                continue
            legacy = command_checks.deprecations_in(" ".join(words), catalog)
            covered = " ".join(m for m, _ in legacy).split()
            result: dict[str, Any] = {
                "line": number,
                "words": words,
                "path": "",
                "canonical": None,
                "checked": True,
                "flags": [],
                "findings": [],
                "legacy": [[m, _feature_index(catalog, f)] for m, f in legacy],
                "destructive": "",
            }
            if words[0] == "docker":
                inv = cmd.parse(words, catalog)
                result.update(
                    path=inv.path,
                    canonical=inv.canonical,
                    checked=inv.checked,
                    flags=list(inv.flags),
                    findings=[
                        {"message": f.message, "fix": f.fix, "token": f.token}
                        for f in inv.findings
                        if not (f.token and f.token in covered)
                    ],
                )
                if inv.canonical:
                    result["destructive"] = command_checks.destructive_reason(
                        inv.canonical, inv.flags, catalog, by_class=False
                    )
            found.append(result)
    return found


def _feature_index(catalog: Catalog, feature: Any) -> int:
    return next(i for i, f in enumerate(catalog.deprecations) if f is feature)


# -- the catalogue's JSON form --------------------------------------------------------------


# The `--help` nearly every command has (a hidden switch, `-h`): written once in the data
# (`every_command_flag`), not in each command's list; parser.js adds it to a command that lists
# no `help` of its own (`docker container run`'s has no `-h`: that is `--hostname`).
EVERY_COMMAND_FLAG = "help,b,,h"


def _flag_list(flags: FlagSet, leave_out: str = "") -> str:
    """Each flag as `long name,b (a switch) or v (takes a value),short letter,marks (d deprecated,
    h hidden),reference anchor (= when it is the long name)`, trailing empties left out, the
    flags joined by `;`: a string, which weighs less than JSON arrays (no name holds `,` or `;`).
    `leave_out`: an entry written once elsewhere."""
    out = []
    for flag in flags.by_long.values():
        marks = ("d" if flag.deprecated else "") + ("h" if flag.hidden else "")
        anchor = "=" if flag.anchor == flag.name else flag.anchor or ""
        entry = [flag.name, "v" if flag.takes_value else "b", flag.short or "", marks, anchor]
        while entry[-1] == "":
            entry.pop()
        if ",".join(entry) != leave_out:
            out.append(",".join(entry))
    return ";".join(out)


def parser_data(catalog: Catalog) -> dict[str, Any]:
    """What parser.js needs of the catalogue and its rules, and nothing else."""
    commands: dict[str, dict[str, Any]] = {}
    for name, spec in catalog.commands.items():
        entry: dict[str, Any] = {"f": _flag_list(catalog.flags(name), leave_out=EVERY_COMMAND_FLAG)}
        if spec.get("deprecated"):
            entry["x"] = 1
        if spec["url"] != reference_url(name):
            entry["u"] = spec["url"]
        commands[name] = entry
    phrases = []
    seen: set[str] = set()
    for index, feature in enumerate(catalog.deprecations):
        for text in feature.get("match") or []:
            if "<" in text or text in seen:
                continue
            seen.add(text)
            phrases.append([text, index])
    return {
        "commands": commands,
        "aliases": catalog.aliases,
        "global_flags": _flag_list(catalog.global_flags),
        "every_command_flag": EVERY_COMMAND_FLAG,
        "stop_at_argument": sorted(catalog.stop_at_argument),
        "unchecked_plugins": sorted(catalog.unchecked_plugins),
        "runs_with_arguments": sorted(
            name for name in catalog.commands if catalog.is_group(name) and catalog.runs_with_arguments(name)
        ),
        "wrappers": catalog.wrappers,
        "deprecations": {"phrases": phrases},
        "destructive": {
            name: [rule["why"], list(rule.get("when_flags") or []), dict(rule.get("flag_why") or {})]
            for name, rule in catalog.destructive.items()
        },
    }


def reference_url(canonical: str) -> str:
    """Docker's reference page of a command, as the catalogue's URLs are shaped (the JSON keeps
    only the ones shaped otherwise)."""
    return REFERENCE_BASE + canonical.replace(" ", "/") + "/"


def engine_versions(catalog: Catalog) -> dict[str, Any]:
    """The Engine version each command and flag needs, shown beside it on the page.

    {canonical: "28.0"} and {"canonical --flag": "28.0"}, from cheatsheet/engine_versions.py:
    only what is newer than its floor, as the site's marks (nothing is said of older ones)."""
    table = versions.load_table()
    found: dict[str, Any] = {}
    for canonical, spec in catalog.commands.items():
        for need in versions.needs(canonical, spec.get("flags", {}), catalog, table):
            key = canonical if need.name == canonical else f"{canonical} {need.name}"
            found[key] = need.release
    return found


def page_data(
    catalog: Catalog,
    meanings: dict[str, Meaning],
    pages: Iterable[CheckedPage],
    href: Callable[[str], str],
) -> dict[str, Any]:
    """parser_data with what the page shows: meanings, the sections teaching each command and
    flag (links relative to the explain page), legacy features and Engine versions."""
    data = parser_data(catalog)
    # Sections are listed once (`places`: [page, title, anchor]) and named by their index; the
    # page by its index in `pages`, the anchor left out when it is the title's slug, as
    # Python-Markdown makes it (page.js makes it the same way). Only the sections that teach a
    # command or flag first are listed: every other section with a command would be bytes the
    # page never reads.
    read: dict[tuple[str, str, str], None] = {}  # (page href, title, anchor), in reading order
    taught_at: dict[str, tuple[str, str, str]] = {}
    flag_taught_at: dict[tuple[str, str], tuple[str, str, str]] = {}
    for src, title, scan, report in pages:
        headings = {h.anchor: h.text for h in scan.headings}
        for use in report.uses:
            if use.legacy:
                continue
            heading = headings.get(use.heading, title)
            anchor = "" if use.heading and use.heading == _plain_slug(heading) else use.heading or "-"
            section = (href(src), heading, anchor)
            read.setdefault(section, None)
            taught_at.setdefault(use.canonical, section)
            for flag in use.flags:
                flag_taught_at.setdefault((use.canonical, flag), section)
    teaching = set(taught_at.values()) | set(flag_taught_at.values())
    pages_at: dict[str, int] = {}
    places: dict[tuple[int, str, str], int] = {}
    index: dict[tuple[str, str, str], int] = {}
    for section in read:
        if section in teaching:
            page = pages_at.setdefault(section[0], len(pages_at))
            index[section] = places.setdefault((page, section[1], section[2]), len(places))
    taught = {name: index[section] for name, section in taught_at.items()}
    flag_taught = {key: index[section] for key, section in flag_taught_at.items()}
    data["pages"] = list(pages_at)
    data["places"] = [[page, heading, anchor] if anchor else [page, heading] for page, heading, anchor in places]
    for name, entry in data["commands"].items():
        meaning = meanings.get(name)
        if meaning:
            entry["m"] = meaning.meaning
            if meaning.flags:
                entry["fm"] = {flag: m.meaning for flag, m in meaning.flags.items()}
        if name in taught:
            entry["s"] = taught[name]
        # The flags taught in the command's section (`fc`), and the others' sections (`fs`).
        flags_taught = {flag: place for (command, flag), place in flag_taught.items() if command == name}
        if flags_taught:
            same = " ".join(flag for flag, place in flags_taught.items() if place == taught[name])
            other = {flag: place for flag, place in flags_taught.items() if place != taught[name]}
            if same:
                entry["fc"] = same
            if other:
                entry["fs"] = other
    legacy_href = href(LEGACY_SRC)
    data["deprecations"]["features"] = [
        [
            feature["feature"],
            command_checks.describe(feature),
            feature["replacement"],
            f"{legacy_href}#{feature_anchor(feature)}",
        ]
        for feature in catalog.deprecations
    ]
    data["engine"] = engine_versions(catalog)
    data["reference"] = REFERENCE_BASE
    return data


def _plain_slug(title: str) -> str:
    """A printable-ASCII title's anchor as Python-Markdown makes it, in the steps page.js
    repeats (`slug`); "" for other titles, whose anchors are written out."""
    if not _PRINTABLE.fullmatch(title):
        return ""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", title).strip().lower())


def data_script(data: dict[str, Any]) -> str:
    """The data as a script for the explain page (`window.cheatsheetExplainData`). JSON in a
    script is safe as long as nothing in it can close the script or start a comment: `<`, `>`,
    `&` and the two line separators JavaScript once refused are written as escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return f'"use strict";\nwindow.cheatsheetExplainData = {text};\n'


# -- the page ---------------------------------------------------------------------------------


def markdown() -> str:
    """The explain page's Markdown: its introduction and the marker `fill` replaces."""
    lines = [
        *generated_page(
            EXPLAIN_TITLE,
            "Paste a docker command and see what each part does, checked against the real Docker CLI, "
            "in your browser and offline.",
            "material/console-line",
            template="explain.html",
        ),
        "Paste one or more commands: from a blog post, a colleague's script, a CI file or a "
        "Dockerfile's `RUN` lines. Each `docker` command is read the way this site checks its own "
        "examples: every command and flag with what it does, the section here that teaches it and "
        "Docker's reference page, what it deletes, the modern form of legacy syntax, and a "
        '"did you mean" for a mistyped command or flag.',
        "",
        "What you paste stays in this browser: nothing is sent anywhere. The link to share puts the "
        "command after the `#` of the address, which browsers never send to a server.",
        "",
        _MARKER,
        "",
    ]
    return "\n".join(lines) + "\n"


FORM_HTML = """<div class="cs-explain" id="cs-explain">
<label class="cs-explain__label" for="cs-explain-input">Commands to explain</label>
<textarea class="cs-explain__input" id="cs-explain-input" rows="6" spellcheck="false" autocapitalize="off" \
autocomplete="off" placeholder="docker run -d --rm -p 8080:80 --name web nginx"></textarea>
<p class="cs-explain__actions"><a class="cs-explain__share" id="cs-explain-share" href="#">Link to this \
explanation</a></p>
<div class="cs-explain__output" id="cs-explain-output" aria-live="polite"></div>
<noscript><p>This page reads commands with JavaScript, in your browser; it is turned off.</p></noscript>
</div>"""


def fill(page_html: str) -> str:
    """The rendered page with its form in place of the marker."""
    return page_html.replace(f"<p>{_MARKER}</p>", FORM_HTML).replace(_MARKER, FORM_HTML)
