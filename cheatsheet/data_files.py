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
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same data, faster

T = TypeVar("T")
Stamp = tuple[tuple[int, int], ...]
_cache: dict[tuple[Callable[..., Any], tuple[Path, ...]], tuple[Stamp, Any]] = {}


def parse(path: Path) -> Any:
    """A data file, parsed as JSON or YAML by its suffix (uncached)."""
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_LOADER)


def _stamp(paths: tuple[Path, ...]) -> Stamp:
    stats = [path.stat() for path in paths]
    return tuple((s.st_mtime_ns, s.st_size) for s in stats)


def derived(build: Callable[..., T], *paths: Path) -> T:
    """build(parsed file, …) for the given files, rebuilt only when one of them changes."""
    key = (build, tuple(Path(p) for p in paths))
    stamp = _stamp(key[1])
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    value = build(*(parse(path) for path in key[1]))
    _cache[key] = (stamp, value)
    return value


def _as_is(value: Any) -> Any:
    return value


def read(name: str, data_dir: Path = DATA) -> Any:
    """One data file by name (`sections.yaml`), parsed; shared, so never change it in place."""
    return derived(_as_is, data_dir / name)
