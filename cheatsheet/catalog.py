"""The committed catalogue of the Docker CLI and the Dockerfile reference, with lookups, and the
rules kept beside it (data/cli-rules.yaml, data/destructive.yaml)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NotRequired, TypedDict

from .data_files import DATA, derived

# The records of data/catalog.json, as scripts/build_catalog.py writes them. TypedDicts, not
# classes: the catalogue is read as JSON and used as it is read, with no copying.


class FlagSpec(TypedDict, total=False):
    type: str  # "bool" for a switch; anything else takes a value
    short: str
    deprecated: bool
    hidden: bool
    anchor: str  # its anchor on the command's reference page
    inherited: bool
    min_api_version: str  # the Engine API it needs (cheatsheet/engine_versions.py)


class CommandSpec(TypedDict):
    flags: dict[str, FlagSpec]
    url: str
    aliases: list[str]
    usage: str | None  # None where the reference gives no usage line
    source: str  # engine, buildx, compose or desktop-plugins
    deprecated: NotRequired[bool]
    desktop_plugin: NotRequired[bool]  # ships with Docker Desktop, not with the CLI
    experimental: NotRequired[bool]
    experimentalcli: NotRequired[bool]
    hidden: NotRequired[bool]
    swarm: NotRequired[bool]
    min_api_version: NotRequired[str]


class InstructionSpec(TypedDict):
    anchor: str
    deprecated: bool
    flags: dict[str, dict[str, Any]]  # `--mount=type=cache` -> its anchor and version notes


class Deprecation(TypedDict):
    feature: str  # what went away, as the legacy map names it
    deprecated: str  # the Docker version that deprecated it
    replacement: str  # inline Markdown
    match: NotRequired[list[str]]  # phrases (or shapes with `<…>`) that give it away
    removed: NotRequired[str]
    planned_removal: NotRequired[str]
    note: NotRequired[str]


class DestructiveRule(TypedDict):
    """One entry of data/destructive.yaml."""

    command: str  # canonical path
    why: str
    when_flags: NotRequired[list[str]]  # long flags without which the command is harmless


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
    def from_specs(cls, specs: dict[str, FlagSpec]) -> FlagSet:
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
    def __init__(self, data: dict[str, Any], rules: dict[str, Any], destructive: list[DestructiveRule] | None = None):
        self.data = data
        self.rules = rules
        self.destructive: dict[str, DestructiveRule] = {rule["command"]: rule for rule in destructive or []}
        self.commands: dict[str, CommandSpec] = data["commands"]
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
        self.instructions: dict[str, InstructionSpec] = dockerfile["instructions"]
        self.dockerfile_anchors = set(dockerfile["anchors"])
        self.deprecations: list[Deprecation] = data["deprecations"]

    # -- commands -------------------------------------------------------------------------
    def canonical(self, path: str) -> str | None:
        """The canonical command path for a path or alias, or None if it is not a command."""
        if path in self.commands:
            return path
        return self.aliases.get(path)

    def is_group(self, path: str) -> bool:
        return bool(self.children.get(path))

    def runs_with_arguments(self, canonical: str) -> bool:
        """A group that is also a command of its own, taking arguments after it: its usage names
        some (`docker buildx history inspect [OPTIONS] [REF]`), where a pure group's names none
        or a COMMAND."""
        spec = self.commands.get(canonical)
        usage = (spec.get("usage") if spec else None) or ""
        rest = usage[len(canonical) :].split() if usage.startswith(canonical) else []
        return any("command" not in word.lower() and word.upper() != "[OPTIONS]" for word in rest)

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


def _catalog(data: dict[str, Any], rules: dict[str, Any] | None, destructive: list[DestructiveRule] | None) -> Catalog:
    return Catalog(data, rules or {}, destructive)


def load(data_dir: Path = DATA) -> Catalog:
    """The catalogue, built once per version of its files (a rebuild after an edit rereads it)."""
    return derived(_catalog, data_dir / "catalog.json", data_dir / "cli-rules.yaml", data_dir / "destructive.yaml")
