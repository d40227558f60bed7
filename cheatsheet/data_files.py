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
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
