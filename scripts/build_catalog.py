#!/usr/bin/env python3
"""Build data/catalog.json from Docker's machine-readable CLI reference.

    python scripts/build_catalog.py [--source ../shared/docker-cli-reference] [--out data/catalog.json]

Keeps facts only: command paths, aliases, usage lines, flag names, shorthands, value types,
deprecated/hidden/experimental markers, minimum API versions, anchors and canonical URLs. The
prose of the reference (short/long descriptions, examples, flag descriptions) is never read
into the output. The output is deterministic: the same input gives the same bytes.

Docker Desktop's plugins (`desktop-plugins/`: init, scout, debug) join the same tables with
`"desktop_plugin": true`, so pages and messages can say where a command comes from. Flag
defaults are not kept (nothing uses them), which also sidesteps `docker_debug.yaml`'s string
flags whose default is written as `false`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CLI_BASE = "https://docs.docker.com/reference/cli/"
FOLDERS = ("engine", "buildx", "compose")
# Docker Desktop's own plugins (`docker init`, `docker scout …`, `docker debug`): docker/docs data,
# not docker/cli, so their commands follow Desktop releases. Read when the snapshot has them.
PLUGIN_FOLDER = "desktop-plugins"
# `docker_debug.yaml` is hand-written: it names its value type `shell` where the generator says `string`.
TYPE_FIXES = {"shell": "string"}
# Command- and flag-level markers worth keeping when they are set.
COMMAND_MARKS = ("deprecated", "hidden", "experimental", "experimentalcli", "swarm")
FLAG_MARKS = ("deprecated", "hidden", "experimental", "experimentalcli", "swarm")


def _flag(raw: dict, inherited: bool) -> dict:
    value_type = raw.get("value_type", "string")
    flag: dict = {"type": TYPE_FIXES.get(value_type, value_type)}
    if raw.get("shorthand"):
        flag["short"] = raw["shorthand"]
    for mark in FLAG_MARKS:
        if raw.get(mark):
            flag[mark] = True
    if raw.get("min_api_version"):
        flag["min_api_version"] = str(raw["min_api_version"])
    if raw.get("os_type"):
        flag["os_type"] = raw["os_type"]
    url = raw.get("details_url") or ""
    if url.startswith("#"):
        flag["anchor"] = url[1:]
    if inherited:
        flag["inherited"] = True
    return flag


def _aliases(raw: dict) -> list[str]:
    return [a.strip() for a in (raw.get("aliases") or "").split(",") if a.strip()]


def read_commands(source: Path) -> dict[str, dict]:
    """Every command file, keyed by command path, with its facts and its declared aliases."""
    commands: dict[str, dict] = {}
    listed: set[str] = set()
    for folder in (*FOLDERS, PLUGIN_FOLDER):
        for path in sorted((source / folder).glob("docker*.yaml")):
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            name = raw["command"].strip()
            entry: dict = {"source": folder, "declared_aliases": _aliases(raw)}
            if folder == PLUGIN_FOLDER:
                entry["desktop_plugin"] = True
            listed.update(c.strip() for c in raw.get("cname") or [])
            if raw.get("usage"):
                usage = raw["usage"].strip()
                # `docker_debug.yaml` writes its usage without the leading `docker `.
                entry["usage"] = usage if usage.startswith("docker") else f"docker {usage}"
            for mark in COMMAND_MARKS:
                if raw.get(mark):
                    entry[mark] = True
            if raw.get("min_api_version"):
                entry["min_api_version"] = str(raw["min_api_version"])
            flags: dict[str, dict] = {}
            for key, inherited in (("options", False), ("inherited_options", True)):
                for option in raw.get(key) or []:
                    flags.setdefault(option["option"], _flag(option, inherited))
            entry["flags"] = flags
            commands[name] = entry
    for name, entry in commands.items():
        entry["listed"] = name in listed
    return commands


def group_aliases(commands: dict[str, dict]) -> dict[str, str]:
    """Map every alias to its canonical command path.

    Alias lists overlap (`docker build` is declared by both the engine's `image build` and
    buildx's `buildx build`), so they are merged into connected groups. The canonical form is
    a command its parent lists as a subcommand (`compose config`, not the hidden `compose
    convert`), then the one whose file declares the widest alias list, then the longest path:
    the page docs.docker.com keeps (`docker ps` -> `docker container ls`).
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_list: dict[tuple, list[str]] = {}
    for name, entry in commands.items():
        by_list.setdefault(tuple(entry["declared_aliases"]), []).append(name)
    for name, entry in commands.items():
        declared = entry["declared_aliases"]
        # `buildx debug build` repeats the alias list of `buildx build` without being one of
        # them: a list that leaves its declarer out belongs to its shortest declarer only.
        if name not in declared and min(by_list[tuple(declared)], key=len) != name:
            continue
        for alias in declared:
            parent[find(alias)] = find(name)
    groups: dict[str, set[str]] = {}
    for name in list(parent):
        groups.setdefault(find(name), set()).add(name)
    canonical_of: dict[str, str] = {}
    for members in groups.values():
        files = [m for m in members if m in commands]
        best = max(
            sorted(files),
            key=lambda m: (commands[m]["listed"], len(commands[m]["declared_aliases"]), len(m.split())),
        )
        for member in members:
            canonical_of[member] = best
    return canonical_of


def build_commands(source: Path) -> tuple[dict, dict, dict]:
    commands = read_commands(source)
    canonical_of = group_aliases(commands)
    root = commands.pop("docker")
    global_flags = {k: v for k, v in root["flags"].items()}
    out: dict[str, dict] = {}
    aliases: dict[str, str] = {}
    for name in sorted(commands):
        canonical = canonical_of.get(name, name)
        if canonical != name:
            aliases[name] = canonical
    for name in sorted(commands):
        if name in aliases:
            continue
        entry = dict(commands[name])
        entry.pop("declared_aliases")
        entry.pop("listed")
        flags = dict(entry["flags"])
        # An alias may be served by another tool with more flags (`docker image build` by
        # the engine, `docker buildx build` by buildx): the canonical entry accepts both.
        for alias, target in aliases.items():
            if target == name:
                for flag, spec in commands[alias]["flags"].items():
                    flags.setdefault(flag, spec)
        # Cobra gives every command `--help`; the engine's files inherit it from `docker`, the
        # plugins' files (buildx, compose, Desktop plugins) do not list it.
        flags.setdefault("help", {"type": "bool", "hidden": True, "inherited": True})
        entry["flags"] = {k: flags[k] for k in sorted(flags)}
        entry["aliases"] = sorted(a for a, t in aliases.items() if t == name)
        entry["url"] = CLI_BASE + "/".join(name.split()) + "/"
        out[name] = entry
    # Aliases that never had a file of their own (`docker container list`) still resolve.
    for alias, target in canonical_of.items():
        if alias != target and alias not in aliases and target in out:
            aliases[alias] = target
            out[target]["aliases"] = sorted(set(out[target]["aliases"]) | {alias})
    return global_flags, out, {k: aliases[k] for k in sorted(aliases)}


def build_dockerfile(source: Path) -> dict:
    raw = yaml.safe_load((source / "dockerfile-instructions.yaml").read_text(encoding="utf-8"))
    instructions = {}
    anchors = set()
    for item in raw["instructions"]:
        flags = {}
        for flag in (item.get("flags") or []) + (item.get("flags_without_own_heading") or []):
            spec = {"anchor": flag["anchor"].lstrip("#")}
            if flag.get("min_dockerfile_version"):
                spec["min_dockerfile_version"] = str(flag["min_dockerfile_version"])
            if flag.get("labs_only"):
                spec["labs_only"] = True
            flags[flag["flag"]] = spec
            anchors.add(spec["anchor"])
        instructions[item["name"]] = {
            "anchor": item["anchor"].lstrip("#"),
            "deprecated": bool(item.get("deprecated")),
            "flags": flags,
        }
        anchors.add(item["anchor"].lstrip("#"))
    directives = {d["name"]: d["anchor"].lstrip("#") for d in raw.get("parser_directives") or []}
    anchors.update(directives.values())
    anchors.update(s["anchor"].lstrip("#") for s in raw.get("other_sections") or [])
    return {
        "url": raw["source"]["base_url"],
        "instructions": instructions,
        "directives": directives,
        "anchors": sorted(anchors),
    }


def build_deprecations(source: Path) -> list[dict]:
    raw = yaml.safe_load((source / "deprecated-features.yaml").read_text(encoding="utf-8"))
    extra = yaml.safe_load((ROOT / "data" / "deprecations-extra.yaml").read_text(encoding="utf-8"))
    keep = ("feature", "match", "deprecated", "removed", "planned_removal", "replacement", "note")
    features = raw["features"] + (extra.get("features") or [])
    return [{k: item[k] for k in keep if item.get(k) is not None} for item in features]


def read_sources(source: Path) -> dict:
    """Repository, ref and commit of each folder, from the summary table of PROVENANCE.md."""
    sources = {}
    text = (source / "PROVENANCE.md").read_text(encoding="utf-8")
    row = re.compile(r"^\| `([\w.-]+)/?` \| \d+ \| ([\w/-]+) \| ([^|]+) \| `([0-9a-f]+)` \|", re.M)
    for folder, repo, ref, commit in row.findall(text):
        sources[folder.rstrip("/")] = {"repo": repo, "ref": ref.replace("`", "").strip(), "commit": commit}
    plugins = source / PLUGIN_FOLDER / "PROVENANCE.md"
    if plugins.is_file():
        # The plugin files come from several docker/docs commits: one per file, from its own table.
        file_row = re.compile(r"^\| `(docker[\w.-]*\.yaml)` \| `([\w/.-]+)` \| `([0-9a-f]{40})` \|", re.M)
        files = {
            name: {"path": path, "commit": commit}
            for name, path, commit in file_row.findall(plugins.read_text(encoding="utf-8"))
        }
        sources[PLUGIN_FOLDER] = {
            "repo": "docker/docs",
            "ref": "one commit per file",
            "files": dict(sorted(files.items())),
        }
    return sources


def build(source: Path) -> dict:
    global_flags, commands, aliases = build_commands(source)
    return {
        "generated_by": "scripts/build_catalog.py",
        "licence_of_sources": "Apache-2.0",
        "sources": read_sources(source),
        "global_flags": global_flags,
        "commands": commands,
        "aliases": aliases,
        "dockerfile": build_dockerfile(source),
        "deprecations": build_deprecations(source),
    }


def render(catalog: dict) -> str:
    return json.dumps(catalog, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "docker-cli-reference")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "catalog.json")
    args = parser.parse_args(argv)
    if not (args.source / "engine").is_dir():
        print(f"error: {args.source} has no engine/ folder — pass --source", file=sys.stderr)
        return 2
    args.out.write_text(render(build(args.source)), encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
