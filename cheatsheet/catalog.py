"""The committed catalogue of the Docker CLI and the Dockerfile reference, with lookups."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: same data, faster


def read_yaml(path: Path):
    """A data file of this project, parsed."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)


class Flag(NamedTuple):
    name: str
    type: str
    short: str | None = None
    deprecated: bool = False
    hidden: bool = False
    anchor: str | None = None

    @property
    def takes_value(self) -> bool:
        return self.type != "bool"


@dataclass
class FlagSet:
    by_long: dict[str, Flag] = field(default_factory=dict)
    by_short: dict[str, Flag] = field(default_factory=dict)

    @classmethod
    def from_specs(cls, specs: dict[str, dict]) -> FlagSet:
        flags = cls()
        for name, spec in specs.items():
            flag = Flag(
                name=name,
                type=spec.get("type", "string"),
                short=spec.get("short"),
                deprecated=bool(spec.get("deprecated")),
                hidden=bool(spec.get("hidden")),
                anchor=spec.get("anchor"),
            )
            flags.by_long[name] = flag
            if flag.short:
                flags.by_short[flag.short] = flag
        return flags

    def suggest(self, name: str) -> str | None:
        """The closest documented long flag to a misspelt one (`rmm` -> `rm`)."""
        visible = [n for n, f in self.by_long.items() if not f.hidden]
        match = difflib.get_close_matches(name, visible, n=1, cutoff=0.6)
        return match[0] if match else None


class Catalog:
    def __init__(self, data: dict, rules: dict):
        self.data = data
        self.rules = rules
        self.commands: dict[str, dict] = data["commands"]
        self.aliases: dict[str, str] = data["aliases"]
        specs = dict(data["global_flags"])
        for name, spec in (rules.get("extra_global_flags") or {}).items():
            specs.setdefault(name, spec)
        self.global_flags = FlagSet.from_specs(specs)
        self._flags: dict[str, FlagSet] = {}
        self.children: dict[str, set[str]] = {}
        for name in list(self.commands) + list(self.aliases):
            parent, _, word = name.rpartition(" ")
            self.children.setdefault(parent, set()).add(word)
        self.stop_at_argument = set(rules.get("flags_stop_at_first_argument") or [])
        self.unchecked_plugins = set(rules.get("unchecked_plugins") or [])
        self.wrappers: dict[str, list[str]] = rules.get("wrappers") or {}
        self.page_anchors = set(rules.get("reference_page_anchors") or [])
        self.outdated_pages: dict[str, str] = rules.get("outdated_pages") or {}
        dockerfile = data["dockerfile"]
        self.dockerfile_url: str = dockerfile["url"]
        self.instructions: dict[str, dict] = dockerfile["instructions"]
        self.dockerfile_anchors = set(dockerfile["anchors"])
        self.deprecations: list[dict] = data["deprecations"]

    # -- commands -------------------------------------------------------------------------
    def canonical(self, path: str) -> str | None:
        """The canonical command path for a path or alias, or None if it is not a command."""
        if path in self.commands:
            return path
        return self.aliases.get(path)

    def is_group(self, path: str) -> bool:
        return bool(self.children.get(path))

    def flags(self, canonical: str) -> FlagSet:
        if canonical not in self._flags:
            self._flags[canonical] = FlagSet.from_specs(self.commands[canonical]["flags"])
        return self._flags[canonical]

    def url(self, canonical: str) -> str:
        return self.commands[canonical]["url"]

    def desktop_plugin(self, canonical: str) -> bool:
        """Whether the command ships with Docker Desktop (init, scout, debug) rather than the Engine's CLI."""
        return bool(self.commands[canonical].get("desktop_plugin"))

    def aliases_of(self, canonical: str) -> list[str]:
        return list(self.commands[canonical].get("aliases") or [])

    def suggest_subcommand(self, parent: str, word: str) -> str | None:
        names = sorted(self.children.get(parent, ()))
        match = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        return match[0] if match else None

    # -- Dockerfile -----------------------------------------------------------------------
    def suggest_instruction(self, word: str) -> str | None:
        match = difflib.get_close_matches(word.upper(), sorted(self.instructions), n=1, cutoff=0.6)
        return match[0] if match else None


@lru_cache(maxsize=4)
def _load(catalog_path: str, rules_path: str, stamp: tuple) -> Catalog:
    data = json.loads(Path(catalog_path).read_text(encoding="utf-8"))
    rules = read_yaml(Path(rules_path)) or {}
    return Catalog(data, rules)


def load(data_dir: Path = DATA) -> Catalog:
    """The catalogue, read once per content of its files (a rebuild after an edit rereads it)."""
    catalog_path = data_dir / "catalog.json"
    rules_path = data_dir / "cli-rules.yaml"
    stamp = tuple(p.stat().st_mtime_ns for p in (catalog_path, rules_path))
    return _load(str(catalog_path), str(rules_path), stamp)
