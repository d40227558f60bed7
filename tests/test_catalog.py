"""The committed catalogue: facts only, canonical URLs, reproducible, and in step with the
`docker` client on this machine."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

CATALOG = json.loads((ROOT / "data" / "catalog.json").read_text(encoding="utf-8"))
SOURCE = ROOT.parent / "shared" / "docker-cli-reference"
PROSE_KEYS = {"long", "examples", "description", "usage_text"}

# Differences between the 28.x client installed here and the Engine 29 reference, by design.
CLIENT_ONLY_COMMANDS = {"docker trust"}  # Docker Content Trust, removed in 29.0


def walk(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, inner
            yield from walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk(inner)


def test_catalogue_keeps_no_prose():
    pairs = list(walk(CATALOG))
    specs = (
        [CATALOG]
        + list(CATALOG["commands"].values())
        + [flag for spec in CATALOG["commands"].values() for flag in spec["flags"].values()]
    )
    assert not PROSE_KEYS & {key for spec in specs for key in spec}
    # `short` is a flag's one-letter shorthand here, never the reference's short description.
    assert all(len(value) == 1 for key, value in pairs if key == "short")


def test_aliases_resolve_to_their_longest_form_and_canonical_url():
    assert CATALOG["aliases"]["docker ps"] == "docker container ls"
    assert CATALOG["aliases"]["docker rmi"] == "docker image rm"
    assert CATALOG["aliases"]["docker build"] == "docker buildx build"
    ls = CATALOG["commands"]["docker container ls"]
    assert ls["url"] == "https://docs.docker.com/reference/cli/docker/container/ls/"
    assert "docker ps" in ls["aliases"]
    for name, target in CATALOG["aliases"].items():
        assert target in CATALOG["commands"], name
        assert len(target.split()) >= len(name.split()) or name.startswith(target.rsplit(" ", 1)[0]), name


def test_every_url_uses_the_current_scheme():
    for name, spec in CATALOG["commands"].items():
        assert spec["url"] == "https://docs.docker.com/reference/cli/" + "/".join(name.split()) + "/"
    assert CATALOG["dockerfile"]["url"] == "https://docs.docker.com/reference/dockerfile/"
    assert CATALOG["dockerfile"]["instructions"]["MAINTAINER"] == {
        "anchor": "maintainer-deprecated",
        "deprecated": True,
        "flags": {},
    }


def test_flags_carry_shorthands_and_markers():
    run = CATALOG["commands"]["docker container run"]["flags"]
    assert run["interactive"]["short"] == "i" and run["interactive"]["type"] == "bool"
    assert run["kernel-memory"].get("deprecated") is True
    assert CATALOG["global_flags"]["host"]["short"] == "H"
    assert "daemon" not in CATALOG["global_flags"]


@pytest.mark.skipif(not SOURCE.is_dir(), reason="Docker's reference YAML (../shared) is not beside this clone")
def test_the_script_reproduces_the_committed_catalogue_byte_for_byte(tmp_path):
    out = tmp_path / "catalog.json"
    for _ in range(2):
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_catalog.py"), "--source", str(SOURCE), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        assert out.read_bytes() == (ROOT / "data" / "catalog.json").read_bytes()


def _client_help(words: list[str]) -> str:
    return subprocess.run([*words, "--help"], capture_output=True, text=True, timeout=30).stdout


_OPTION = re.compile(r"^\s+(?:-(\w), )?--([\w-]+)")
_COMMAND = re.compile(r"^\s{2}([a-z][\w-]*)\*?\s{2,}")


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client on this machine")
def test_every_command_and_flag_the_local_client_shows_is_in_the_catalogue():
    known = set(CATALOG["commands"]) | set(CATALOG["aliases"])
    missing_commands, missing_flags = set(), {}
    todo = ["docker"]
    while todo:
        path = todo.pop()
        text = _client_help(path.split())
        listing = False
        for line in text.splitlines():
            if line.rstrip().endswith("Commands:"):
                listing = True
                continue
            if listing and not line.strip():
                listing = False
            match = _COMMAND.match(line) if listing else None
            if match:
                sub = f"{path} {match.group(1)}"
                if sub not in known:
                    missing_commands.add(sub)
                elif any(k.startswith(sub + " ") for k in known):
                    todo.append(sub)
    for name, spec in CATALOG["commands"].items():
        if spec["source"] != "engine":
            continue
        text = _client_help(name.split())
        options = text.split("Options:", 1)[1] if "Options:" in text else ""
        shown = {m.group(2) for m in map(_OPTION.match, options.splitlines()) if m}
        extra = shown - set(spec["flags"]) - {"help"}
        if extra:
            missing_flags[name] = sorted(extra)
    root = _client_help(["docker"]).split("Global Options:", 1)[-1]
    global_shown = {m.group(2) for m in map(_OPTION.match, root.splitlines()) if m}
    assert missing_commands == CLIENT_ONLY_COMMANDS
    assert missing_flags == {}
    assert global_shown - set(CATALOG["global_flags"]) - {"help", "version"} == set()
