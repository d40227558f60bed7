"""The committed catalogue of the Docker CLI and the Dockerfile reference, with lookups, and the
rules kept beside it (data/cli-rules.yaml, data/destructive.yaml)."""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, NotRequired, TypedDict

from .data_files import DATA, derived
from .problems import close_match

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


@lru_cache(maxsize=8)
def _deprecation_phrases(catalog: Catalog) -> dict[str, Deprecation]:
    """Each phrase that gives a deprecated feature away (`docker -d`, `--link`), and its feature."""
    by_match: dict[str, Deprecation] = {}
    for feature in catalog.deprecations:
        for text in feature.get("match") or []:
            if "<" in text or text in by_match:
                continue  # a shape (`ENV <name> <value>`), checked where Dockerfiles are read
            by_match[text] = feature
    return by_match


def deprecations_in(text: str, catalog: Catalog) -> list[tuple[str, Deprecation]]:
    """Each phrase in a command's text that gives a deprecated feature away, with its feature."""
    by_match = _deprecation_phrases(catalog)
    # Most lines hold none of the phrases: a substring test in C rules them out, and the few
    # that hold one are matched against those phrases only (the full alternation is slow).
    present = tuple(phrase for phrase in by_match if phrase in text)
    if not present:
        return []
    pattern = _phrases_pattern(present)
    return [(m.group(), by_match[m.group()]) for m in pattern.finditer(text)]


@lru_cache(maxsize=256)
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    parts = []
    for text in phrases:
        head = r"(?<![\w-])" if (text[0].isalnum() or text[0] == "-") else ""
        tail = r"(?![\w-])" if text[-1].isalnum() else ""
        parts.append(head + re.escape(text) + tail)
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts))


def describe(feature: Deprecation) -> str:
    """When it went away: `removed in 23.0 (deprecated in 1.13)`, `deprecated since 25.0`."""
    removed = feature.get("removed")
    when = (
        f"removed in {removed} (deprecated in {feature['deprecated']})"
        if removed
        else f"deprecated since {feature['deprecated']}"
    )
    return when


class DestructiveRule(TypedDict):
    """One entry of data/destructive.yaml."""

    command: str  # canonical path
    why: str  # the reason shown when no `flag_why` entry applies
    when_flags: NotRequired[list[str]]  # long flags without which the command is harmless
    # A flag's own reason: `rm -f` and `rm -v` delete different things, and the warning must name
    # what the command as written deletes, not everything the command could delete.
    flag_why: NotRequired[dict[str, str]]


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

    def find(self, written: str) -> Flag | None:
        """The flag a word names as written: `--rm` by its long name, `-d` by its letter."""
        bare = written.lstrip("-")
        return self.by_long.get(bare) if written.startswith("--") else self.by_short.get(bare)

    def suggest(self, name: str) -> str | None:
        """The closest documented long flag to a misspelt one (`rmm` -> `rm`)."""
        return close_match(name, [n for n, f in self.by_long.items() if not f.hidden])


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
        self.wrapper_flags: dict[str, list[str]] = rules.get("wrapper_flags") or {}
        self.programs: dict[str, dict[str, Any]] = rules.get("programs") or {}
        self.container_programs: dict[str, dict[str, Any]] = rules.get("container_programs") or {}
        self.write_folders: tuple[str, ...] = tuple(rules.get("write_folders") or [])
        self.reads_input: frozenset[str] = frozenset(rules.get("reads_input") or [])
        self.shells: frozenset[str] = frozenset(rules.get("shells") or [])
        # where each program's command line is: the shells' after `-c`, the others' as listed
        self.runs_command_line: dict[str, str] = {
            **dict.fromkeys(sorted(self.shells), "-c"),
            **(rules.get("runs_command_line") or {}),
        }
        self.runs_input: frozenset[str] = self.shells | frozenset(rules.get("runs_input") or [])
        self.other_docker_programs: frozenset[str] = frozenset(rules.get("other_docker_programs") or [])
        self.lists_ids: frozenset[str] = frozenset(rules.get("lists_ids") or [])
        self.prints_facts: frozenset[str] = self.lists_ids | frozenset(rules.get("prints_facts") or [])
        self.docker_writes: dict[str, list[str]] = rules.get("docker_writes") or {}
        self.docker_reads: dict[str, list[str]] = rules.get("docker_reads") or {}
        self.login_registries: frozenset[str] = frozenset(rules.get("login_registries") or [])
        self.config_files: tuple[str, ...] = tuple(rules.get("config_files") or [])
        self.global_reach: dict[str, list[str]] = rules.get("global_reach") or {}
        self.host_mounts: frozenset[str] = frozenset(rules.get("host_mounts") or [])
        self.host_access: dict = rules.get("host_access") or {}
        self.copied_flags: dict[str, list[str]] = rules.get("copied_flags") or {}
        self.destructive_verbs: dict[str, str] = rules.get("destructive_verbs") or {}
        self.not_destructive: frozenset[str] = frozenset(rules.get("not_destructive") or [])
        self.copied_values: dict[str, dict[str, list[str] | dict[str, list[str]]]] = rules.get("copied_values") or {}
        self.value_shapes: dict[str, re.Pattern[str]] = {
            name: re.compile(pattern) for name, pattern in (rules.get("value_shapes") or {}).items()
        }
        self.reader_hosts: frozenset[str] = frozenset(rules.get("reader_hosts") or [])
        self.plugins: frozenset[str] = frozenset(rules.get("plugins") or [])
        self.readable: frozenset[str] = frozenset(rules.get("readable") or [])
        self.config_readers: frozenset[str] = frozenset(rules.get("config_readers") or [])
        self.functions: frozenset[str] = frozenset(rules.get("functions") or [])
        self.scripts: dict[str, str] = rules.get("scripts") or {}
        self.assignable: frozenset[str] = frozenset(rules.get("assignable") or [])
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

    def is_config_file(self, path: str) -> bool:
        """Whether docker reads this file by its name (data/cli-rules.yaml `config_files`, patterns
        matched without case: a Mac's or Windows' disk finds `Compose.YAML` as `compose.yaml`)."""
        name = path.rstrip("/").rsplit("/", 1)[-1].lower()
        return any(fnmatch.fnmatchcase(name, pattern.lower()) for pattern in self.config_files)

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
        return close_match(word, sorted(self.children.get(parent, ())))

    # -- Dockerfile -----------------------------------------------------------------------
    def suggest_instruction(self, word: str) -> str | None:
        return close_match(word.upper(), sorted(self.instructions))


def _catalog(data: dict[str, Any], rules: dict[str, Any] | None, destructive: list[DestructiveRule] | None) -> Catalog:
    return Catalog(data, rules or {}, destructive)


def load(data_dir: Path = DATA) -> Catalog:
    """The catalogue, built once per version of its files (a rebuild after an edit rereads it)."""
    return derived(_catalog, data_dir / "catalog.json", data_dir / "cli-rules.yaml", data_dir / "destructive.yaml")
