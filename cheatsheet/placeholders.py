"""Placeholders (`<container>`, `<image>`): declared once in data/placeholders.yaml, each with one
meaning, its expected form and an example; found in a page's code, where the reader fills them in.

A placeholder the data file does not declare could not be filled in and would mean whatever its
page makes of it, so the build refuses it with the page, the line and the declared names."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import data_files
from .command_checks import PROMPTED_LANGS
from .page import PageScan
from .problems import Problem

FILE = "placeholders.yaml"
# A placeholder as the site writes one: lowercase words joined by hyphens. An email address in
# angle brackets (`<jane@example.com>`) is not one, nor is `<none>` in a command's output.
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
PLACEHOLDER = re.compile(r"<(" + NAME.pattern + r")>")
_SHEET_KEY = re.compile(r"^sheet:\s*$")
_TEXT = re.compile(r"[^<>&\"`\n]{1,80}")  # a form or an example: one short line of plain text


class Declaration(NamedTuple):
    name: str
    form: str
    example: str


class Declarations(NamedTuple):
    by_name: dict[str, Declaration]  # in the data file's order
    problems: list[Problem]  # of the data file itself


class _Parsed(NamedTuple):
    by_name: dict[str, Declaration]
    faults: list[tuple[str, str, str]]  # (name, what is wrong, how to fix): lines are added later


def _parse(data: Any) -> _Parsed:
    if not isinstance(data, dict):
        return _Parsed({}, [("", "the file is not a mapping of placeholder names", "write `name:` lines")])
    found: dict[str, Declaration] = {}
    faults: list[tuple[str, str, str]] = []
    for name, entry in data.items():
        form = entry.get("form") if isinstance(entry, dict) else None
        example = entry.get("example") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not NAME.fullmatch(name):
            faults.append((str(name), f"`{name}` is not a placeholder name", "use lowercase words joined by hyphens"))
        elif not (isinstance(form, str) and _TEXT.fullmatch(form)):
            faults.append((name, f"`{name}` needs a `form`: one line of plain text", "e.g. `form: a volume's name`"))
        elif not (isinstance(example, str) and _TEXT.fullmatch(example)):
            faults.append((name, f"`{name}` needs an `example`: one line of plain text", "e.g. `example: pgdata`"))
        else:
            found[name] = Declaration(name, form, example)
    return _Parsed(found, faults)


def load(data_dir: Path = data_files.DATA) -> Declarations:
    """The declarations, read again whenever the data file changes; what is wrong with the file
    comes back as problems on its lines, never as an exception."""
    path = data_dir / FILE
    shown = f"data/{FILE}"
    try:
        parsed = data_files.derived(_parse, path)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        where = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
        return Declarations({}, [Problem(shown, where, f"cannot be read ({exc})", "fix the YAML")])
    if not parsed.faults:
        return Declarations(parsed.by_name, [])
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    for name, message, fix in parsed.faults:
        line = next((i for i, text in enumerate(lines, start=1) if name and text.startswith(f"{name}:")), 1)
        problems.append(Problem(shown, line, message, fix))
    return Declarations(parsed.by_name, problems)


def panel_json(declarations: Declarations) -> str:
    """What the reader's "Fill in" panel knows of each placeholder, in order, as JSON."""
    return json.dumps(
        [{"name": d.name, "form": d.form, "example": d.example} for d in declarations.by_name.values()],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _sheet_lines(scan: PageScan) -> list[tuple[int, str]]:
    """The front matter's `sheet:` entries with their line numbers."""
    lines = scan.lines[: max(scan.body_line - 1, 0)]
    found: list[tuple[int, str]] = []
    inside = False
    for number, line in enumerate(lines, start=1):
        if _SHEET_KEY.match(line):
            inside = True
        elif inside and line.startswith((" ", "\t")):
            found.append((number, line))
        elif inside:
            inside = False
    return found


def _code_lines(scan: PageScan) -> list[tuple[int, str]]:
    """Each code block's lines a reader fills in: in a block of command output (`console`, `text`
    or no language), only its commands, so `<none>` in `docker image ls` output is left alone."""
    found: list[tuple[int, str]] = []
    for fence in scan.fences:
        output = fence.lang in PROMPTED_LANGS
        starts = ("$ ",) if fence.lang in ("console", "shell-session") else ("$ ", "docker ")
        for offset, line in enumerate(fence.lines, start=1):
            if output and not line.lstrip().startswith(starts):
                continue
            found.append((fence.line + offset, line))
    return found


def check_page(scan: PageScan, declarations: Declarations) -> list[Problem]:
    """`docs/page.md:LINE: <id> is not a declared placeholder — …` for each undeclared one."""
    problems: list[Problem] = []
    names = ", ".join(f"<{n}>" for n in declarations.by_name)
    for number, line in _sheet_lines(scan) + _code_lines(scan):
        for match in PLACEHOLDER.finditer(line):
            name = match.group(1)
            if name in declarations.by_name:
                continue
            problems.append(
                Problem(
                    scan.path,
                    number,
                    f"`<{name}>` is not a declared placeholder, so a reader cannot fill it in",
                    f"use one of {names}, or declare `{name}` with its form and an example in data/{FILE}",
                )
            )
    return problems
