"""The project's data files (`data/*.yaml`, `data/catalog.json`), read through one cache.

Every file is parsed once per version: a value is reused while the files it came from keep
their modification time and size, and rebuilt as soon as one changes. So `mkdocs serve` sees
an edit to any data file on its next rebuild, and a build reads each file once however often
it is asked for."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
# libyaml when PyYAML has it: the same data, faster, and its nodes carry the same line marks.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The longest value a contributor's YAML may hold: the longest real one is a few hundred
# characters, and a front matter's whole block is capped at 4 KiB.
MAX_SCALAR_CHARS = 4096
# The longest number, date or other typed value: PyYAML hands a plain number to int(), which
# refuses more than 4,300 digits with a ValueError (eleventh attacker, hit 12) and is slow well
# before that; no value the site reads is more than a few digits.
MAX_TYPED_CHARS = 64
_STR_TAG = "tag:yaml.org,2002:str"


class UnreadableValue(yaml.constructor.ConstructorError):
    """A value that is valid YAML but that the build will not turn into data: too long, or a
    number or date Python cannot make (`2026-02-30`). Carries its own fix for the message."""

    def __init__(self, problem: str, fix: str, mark: Any) -> None:
        super().__init__(None, None, problem, mark)
        self.fix = fix


def _shown(value: str) -> str:
    value = " ".join(value.split("\n"))
    return f"`{value}`" if len(value) <= 24 else f"`{value[:10]}…{value[-10:]}`"


class SafeLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader (libyaml when present) for every contributor's YAML: a value it cannot
    construct, or an absurdly long one, is a YAML error at the value's line, never a ValueError
    from int() or datetime() that stops the build without naming the file."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value, kind = node.value, _kind(node.tag)
            if node.tag != _STR_TAG and len(value) > MAX_TYPED_CHARS:
                raise UnreadableValue(
                    f"{_shown(value)} reads as a {kind} of {len(value):,} characters, over {MAX_TYPED_CHARS}",
                    "write a shorter value, or put it in quotes if it is text",
                    node.start_mark,
                )
            if len(value) > MAX_SCALAR_CHARS:
                raise UnreadableValue(
                    f"{_shown(value)} is {len(value):,} characters, over {MAX_SCALAR_CHARS:,}",
                    "shorten it: no value the site reads is that long",
                    node.start_mark,
                )
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # int(), float(), datetime(): a value YAML reads but Python cannot make
            what = str(exc).split("\n", 1)[0][:120]
            shown = _shown(node.value) if isinstance(node, yaml.ScalarNode) else "the value"
            raise UnreadableValue(
                f"{shown} cannot be read as a {_kind(node.tag)} ({what})",
                "correct it, or put it in quotes if it is text",
                node.start_mark,
            ) from exc


_KINDS = {"int": "number", "float": "number", "timestamp": "date", "bool": "true or false", "null": "null"}


def _kind(tag: str) -> str:
    """What a YAML tag makes, in a reader's words (`2026-02-30` is a date to YAML)."""
    name = tag.rsplit(":", 1)[-1]
    return _KINDS.get(name, f"`{name}` value")


YAML_LOADER = SafeLoader

T = TypeVar("T")
Stamp = tuple[tuple[int, int], ...]
_Key = tuple[Callable[..., Any], Callable[[Path], Any], tuple[Path, ...], tuple[Any, ...]]
_cache: dict[_Key, tuple[Stamp, Any]] = {}


def parse(path: Path) -> Any:
    """A data file, parsed as JSON or YAML by its suffix (uncached)."""
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else load_yaml(text)


def load_yaml(text: str) -> Any:
    """YAML text as data, read safely (no Python objects), with libyaml when present."""
    return yaml.load(text, Loader=YAML_LOADER)


def compose_yaml(text: str) -> yaml.Node | None:
    """YAML text as nodes, which keep each value's line: for messages that point at a line."""
    return yaml.compose(text, Loader=YAML_LOADER)


def read_yaml_nodes(path: Path) -> yaml.Node | None:
    """A YAML data file as nodes (with their lines), for a reader of `derived` that reports lines."""
    return compose_yaml(Path(path).read_text(encoding="utf-8"))


def load_yaml_node(text: str) -> tuple[yaml.Node | None, Any]:
    """YAML text read once as both: its nodes (with their lines) and the data they make."""
    loader = YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _stamp(paths: tuple[Path, ...]) -> Stamp:
    stats = [path.stat() for path in paths]
    return tuple((s.st_mtime_ns, s.st_size) for s in stats)


def derived(
    build: Callable[..., T], *paths: Path, read: Callable[[Path], Any] = parse, given: tuple[Any, ...] = ()
) -> T:
    """build(*given, read(file), …) for the given files, rebuilt only when one of them changes.

    `read` is how a file is taken in (parsed data by default; YAML nodes where messages need
    lines); `given` are values the result also depends on, such as the catalogue, which count as
    one version for as long as they are the same objects."""
    key = (build, read, tuple(Path(p) for p in paths), given)
    stamp = _stamp(key[2])
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = build(*given, *(read(path) for path in key[2]))
    _cache[key] = (stamp, value)
    return value


def _as_is(value: Any) -> Any:
    return value


def read(name: str, data_dir: Path = DATA) -> Any:
    """One data file by name (`sections.yaml`), parsed; shared, so never change it in place."""
    return derived(_as_is, data_dir / name)
