"""Every `data/*.yaml` and `data/*.json` checked before the build uses it: valid YAML (without
anchors or aliases) or JSON, no invisible characters, and the shape its JSON schema
(`data/schemas/<name>.schema.json`) gives.
Each mistake is a `Problem` with the file's line, so a wrong data file stops the build with a
message instead of a traceback somewhere in the code that reads it."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError

from . import characters
from . import problems as problems_module
from .data_files import DATA, YAML_LOADER, UnreadableValue
from .problems import Problem

SCHEMAS = DATA / "schemas"
_LOADER = YAML_LOADER  # libyaml when PyYAML has it; a value it cannot make is a YAML error
MAX_BYTES = 512 * 1024  # the largest data file is a tenth of it
_FIXES = {
    "required": "add it",
    "additionalProperties": "remove it, or correct its spelling",
    "type": "write a value of that type",
    "enum": "use one of the listed values",
    "pattern": "write it in the form the schema's pattern gives",
    "minItems": "add at least one entry",
    "minLength": "write a value",
    # Bounds on how much a file may list: the code that reads it does work for each entry, so a
    # pull request's file of 40,000 phrases would hold every build for minutes (third attacker, H6).
    "maxItems": "shorten the list",
    "maxProperties": "remove entries",
    "maxLength": "shorten it",
}


def schema_path(path: Path) -> Path:
    return path.parent / "schemas" / f"{path.stem}.schema.json"


@lru_cache(maxsize=32)
def _validator(path: Path, stamp: float) -> Draft202012Validator:
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValueError(f"over {MAX_BYTES:,} bytes")
    schema = json.loads(raw.decode("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def check_all(data_dir: Path = DATA) -> list[Problem]:
    """The problems of every data file: each must have a schema and match it. And no file in
    data/ or data/schemas/ may be a symbolic link or other than a regular file: the build reads
    them, and a link to /dev/zero (or a named pipe) would hold it forever, one to a file of the
    build machine would show its lines in the messages."""
    problems: list[Problem] = []
    for folder in (data_dir, data_dir / "schemas"):
        for path in sorted(folder.iterdir()) if folder.is_dir() and not folder.is_symlink() else ():
            wrong = _not_a_file(path, allow_dir=True)  # a real folder is not read
            if wrong:
                shown = path.relative_to(data_dir.parent).as_posix()
                problems.append(Problem(shown, 1, wrong, "replace it with the file itself, or delete it"))
    if (data_dir / "schemas").is_symlink():
        problems.append(Problem(f"{data_dir.name}/schemas", 1, "is a symbolic link", "make it a real folder"))
    for pattern, check in (("*.yaml", check_file), ("*.json", check_json_file)):
        for path in sorted(data_dir.glob(pattern)):
            if not any(p.path == f"{data_dir.name}/{path.name}" for p in problems):
                problems += check(path, f"{data_dir.name}/{path.name}")
    return list(dict.fromkeys(problems))  # a linked schema: named once


def _not_a_file(path: Path, allow_dir: bool = False) -> str | None:
    """What is wrong with an entry of data/ that the build could read: a link, a device, a pipe."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link: the build would read whatever it points to"
    if stat.S_ISDIR(info.st_mode) and allow_dir:
        return None
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    return None


def _read_text(path: Path, shown: str) -> str | Problem:
    if wrong := _not_a_file(path):
        return Problem(shown, 1, wrong, "replace it with the file itself")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)  # never more, whatever the file says of its size
    except OSError as exc:
        return Problem(shown, 1, f"cannot be read ({exc.strerror})", "make it a readable file")
    if len(raw) > MAX_BYTES:
        size = max(os.stat(path).st_size, len(raw))
        return Problem(shown, 1, f"is {size:,} bytes, over {MAX_BYTES:,}", "keep data files small")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Problem(shown, line, "is not UTF-8", "save it as UTF-8")


def _schema_problems(path: Path, shown: str, data: Any, line_of: Callable[[Sequence[Any]], int]) -> list[Problem]:
    schema = schema_path(path)
    if not schema.is_file():  # a data file nothing checks would be read unchecked: none may exist
        return [Problem(shown, 1, f"has no schema ({schema.parent.name}/{schema.name})", "write its JSON schema there")]
    shown_schema = f"{Path(shown).parent.as_posix()}/{schema.parent.name}/{schema.name}"
    if wrong := _not_a_file(schema):
        return [Problem(shown_schema, 1, wrong, "replace it with the file itself")]
    try:
        validator = _validator(schema, schema.stat().st_mtime)
    except (OSError, ValueError, SchemaError) as exc:  # a pull request may change a schema too
        what = problems_module.one_line(str(getattr(exc, "message", exc)))[:160]
        return [Problem(shown_schema, 1, f"is not a JSON schema that can be used ({what})", "fix it")]
    return [
        _problem(shown, line_of(list(error.absolute_path)), error, schema)
        for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    ]


def check_json_file(path: Path, shown: str) -> list[Problem]:
    """A JSON data file (the catalogue, which scripts/build_catalog.py writes): it is read with
    the same care as the YAML ones, as a pull request can edit it like any other file."""
    text = _read_text(path, shown)
    if isinstance(text, Problem):
        return [text]
    problems = characters.check_text(shown, text.replace("\r\n", "\n"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [*problems, Problem(shown, exc.lineno, f"is not valid JSON: {exc.msg}", _JSON_FIX)]
    except RecursionError:
        return [*problems, Problem(shown, 1, "is not valid JSON: nested too deeply", _JSON_FIX)]
    if "\\u" in text:  # an escape stands for a character the raw text's check never saw
        odd = [(where, value) for where, value in _json_strings(data) if _odd(value)][:_DECODED_MAX]
        problems += _decoded(shown, [(_json_line(text, where), value) for where, value in odd], problems)
    return problems + _schema_problems(path, shown, data, lambda where: _json_line(text, where))


_JSON_FIX = "regenerate it (scripts/build_catalog.py) rather than editing it by hand"


def _json_line(text: str, where: Sequence[Any]) -> int:
    """The line of the value at `where` (a JSON path), found by its keys in turn: close enough
    for a file a script writes one key per line."""
    at = 0
    for step in where:
        if isinstance(step, str):
            found = text.find(json.dumps(step) + ":", at)
            if found < 0:
                break
            at = found
    return text.count("\n", 0, at) + 1


def check_file(path: Path, shown: str) -> list[Problem]:
    text = _read_text(path, shown)
    if isinstance(text, Problem):
        return [text]
    problems = characters.check_text(shown, text.replace("\r\n", "\n"))
    try:
        node = _compose(text)
        # Inside the check: a value can compose and still not construct (`=`, YAML's `value`
        # tag, or an explicit tag the safe loader has no constructor for).
        data = _LOADER(text).construct_document(node) if node is not None else None
    except UnreadableValue as exc:  # valid YAML, but not a value the build reads: its own fix
        line = (exc.problem_mark.line + 1) if exc.problem_mark else 1
        return [*problems, Problem(shown, line, str(exc.problem), exc.fix)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        fix = "put the value in quotes" if isinstance(exc, yaml.constructor.ConstructorError) else "fix the YAML"
        return [*problems, Problem(shown, (mark.line + 1) if mark else 1, f"is not valid YAML: {problem}", fix)]
    except _Alias as alias:
        return [*problems, Problem(shown, alias.line, "uses a YAML anchor or alias", "write each value out in full")]
    problems += _duplicate_keys(shown, node)
    problems += _decoded(shown, _escaped_scalars(node), problems)
    return problems + _schema_problems(path, shown, data, lambda where: _line(node, where))


def _decoded(shown: str, strings: Iterable[tuple[int, str]], found: list[Problem]) -> list[Problem]:
    """The characters check on strings as the build reads them: `"\\u202e"` in JSON or in a
    double-quoted YAML string is a right-to-left override on the site, though the file's text
    shows six plain characters. Said once where the raw text's check said it already."""
    odd = [(line, value.replace("\n", " ")) for line, value in strings if _odd(value)][:_DECODED_MAX]
    said = set(found)
    return [p for p in characters.check_lines(shown, odd) if p not in said] if odd else []


def _odd(value: str) -> bool:
    return not (value.isascii() and value.isprintable())


# Strings with escapes checked per file: enough to show what is wrong, and bounded, as each
# one's line is looked up in the text.
_DECODED_MAX = 50


def _escaped_scalars(root: yaml.Node | None) -> Iterator[tuple[int, str]]:
    """Double-quoted scalars (the only YAML strings with escapes), with their lines."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style == '"':
                yield node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value


def _json_strings(data: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string of a JSON document, keys too, with its path."""
    stack: list[tuple[tuple[Any, ...], Any]] = [(where, data)]
    while stack:
        at, value = stack.pop()
        if isinstance(value, str):
            yield at, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield at, key
                stack.append(((*at, key), item))
        elif isinstance(value, list):
            stack += [((*at, i), item) for i, item in enumerate(value)]


class _Alias(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _duplicate_keys(shown: str, root: yaml.Node | None) -> list[Problem]:
    """A key given twice in one mapping: YAML keeps the last silently, so an edit to the first
    would change nothing, and a second copy could quietly replace a checked entry."""
    found: list[Problem] = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode) and key.value in first:
                    found.append(
                        Problem(
                            shown,
                            line,
                            f"`{key.value}` is given twice (first at line {first[key.value]})",
                            "keep one of them",
                        )
                    )
                elif isinstance(key, yaml.ScalarNode):
                    first[key.value] = line
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(found, key=lambda p: p.line)


def _compose(text: str) -> yaml.Node | None:
    """The YAML's node tree (for line numbers); an anchor or alias is refused first, as it can
    make a few bytes stand for gigabytes."""
    if "&" in text or "*" in text:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                raise _Alias(event.start_mark.line + 1)
    return yaml.compose(text, Loader=_LOADER)


def _line(node: yaml.Node | None, where: Sequence[Any]) -> int:
    """The line of the value at `where` (a JSON path), or of the nearest enclosing one."""
    if node is None:
        return 1
    line = node.start_mark.line + 1
    for step in where:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(step)), None)
            key = next((k for k, _ in node.value if k.value == str(step)), None)
            if found is None:
                return line
            line, node = (key or found).start_mark.line + 1, found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _problem(shown: str, line: int, error: ValidationError, schema: Path) -> Problem:
    where = list(error.absolute_path)
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".") or "the file"
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    message = _message(error)
    fix = _FIXES.get(str(error.validator), "fix it")
    if described:
        fix = f"{fix}: {described}"
    return Problem(shown, line, f"`{path}`: {message}", f"{fix} (data/schemas/{schema.name})")


def _message(error: ValidationError) -> str:
    """jsonschema's message, with the offending value cut short (it can be a whole list)."""
    if error.validator == "type":
        return f"{_short(error.instance)} is not of type {error.validator_value!r}"
    if error.validator == "pattern":
        return f"{_short(error.instance)} is not in the expected form{_first_outside(error)}"
    if error.validator in ("maxItems", "maxProperties") and isinstance(error.instance, list | dict):
        return f"has {len(error.instance):,} entries, over the limit of {error.validator_value:,}"
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return f"{_short(error.instance)} is {len(error.instance):,} characters, over {error.validator_value:,}"
    return error.message if len(error.message) <= 160 else error.message[:157] + "…"


# A pattern that is one character class, allowed (`^[A-Za-z ]*$`) or refused (`^[^<>&]*$`): the
# message can name the first character it refuses, which a reader may not see (a Cyrillic T, U+0422).
_ONE_CLASS = re.compile(r"\^(\[(?:[^\]\\]|\\.)*\])\*\$")


def _first_outside(error: ValidationError) -> str:
    found = _ONE_CLASS.fullmatch(str(error.validator_value))
    if not found or not isinstance(error.instance, str):
        return ""
    try:
        allowed = re.compile(found.group(1))
    except re.error:
        return ""
    char = next((c for c in error.instance if not allowed.fullmatch(c)), None)
    return f": {characters.describe(char)} is not allowed there" if char else ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
