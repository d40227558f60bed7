"""What a container of a copied block runs: the words after the image of `docker container
run/create` and `docker service create`, after the container of `docker container exec`, after
the service of `docker compose run/exec`. The reader runs that command line too, inside a
container that may hold the current folder, standard input and the network, so it is a command
of the block: its programs are the block's (data/cli-rules.yaml `programs`) or those the pages
run only inside containers (`container_programs`), with the options, verbs, names and values
listed for them. A path under a mount of the current folder is a path of the current folder,
held to the block's write rules, and no word may reach out of it (`..`)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence

from . import block_programs
from . import commands as cmd
from .catalog import Catalog
from .shell import PLACEHOLDER, split_commands
from .shell_syntax import write_targets

# The docker commands whose operands after the first (an image, a container, a service) are the
# command line the container runs.
RUN_IN_CONTAINER = frozenset(
    {
        "docker container run",
        "docker container create",
        "docker service create",
        "docker container exec",
        "docker compose run",
        "docker compose exec",
    }
)
_FEEDS = re.compile(r"[|<]")
_UP = re.compile(r"(?:^|/)\.\.(?:/|$)")
_CURRENT = re.compile(r"^(?:\$\(pwd\)|\$\{?PWD\}?|%cd%|\.)(?=/|$)")


def command(inv: cmd.Invocation) -> list[str]:
    """The container's command line as docker hands it over: `--entrypoint`'s program first."""
    if inv.canonical not in RUN_IN_CONTAINER or not inv.arguments:
        return []
    words = list(inv.arguments[1:])
    if words[:1] == ["--"]:
        words = words[1:]  # docker's own end of its options
    entry = inv.values.get("--entrypoint", [])
    if entry and entry[-1]:
        words = [entry[-1], *words]
    return words


def folder_mounts(inv: cmd.Invocation) -> list[tuple[str, str]]:
    """(the path in the container, the current folder's path it is: `.`, `./sub`) of each mount
    of the current folder (`-v "$(pwd)":/work`, `--mount type=bind,src=.,dst=/work`)."""
    found = []
    for value in inv.values.get("--volume", []) + inv.values.get("--mount", []):
        source = block_programs._mount_source(value)
        if source is None or not _CURRENT.match(source):
            continue
        if "=" in value.split(",", 1)[0]:
            fields = {k.strip().lower(): v for k, _, v in (p.partition("=") for p in next(csv.reader([value]), []))}
            target = fields.get("target") or fields.get("dst") or fields.get("destination") or ""
        else:
            target = value.split(":")[1] if value.count(":") >= 1 else ""
        if target:
            found.append((target.rstrip("/") or "/", _CURRENT.sub(".", source, count=1)))
    return found


def where(inv: cmd.Invocation) -> Callable[[str], str | None] | None:
    """A path of the container as the current folder's path it is (None: the container's own), or
    None when the container is given no part of the current folder."""
    mounts = folder_mounts(inv)
    if not mounts:
        return None
    workdir = (inv.values.get("--workdir", []) or [""])[-1]

    def host(path: str) -> str | None:
        path = path.strip("'\"")
        if not path.startswith("/"):
            if workdir:  # relative to the working folder; with none, the image's, which may be the mount
                path = f"{workdir.rstrip('/')}/{path}"
            else:
                return path if path.startswith(".") else f"./{path}"
        for target, folder in mounts:
            if path == target or path.startswith(target.rstrip("/") + "/"):
                rest = re.sub(r"(?:^|/)\.$", "", path[len(target) :].strip("/")).strip("/")
                return f"{folder}/{rest}" if rest else folder
        return None

    return host


def _fed(inv: cmd.Invocation) -> bool:
    """Whether the container's command reads the block's standard input (`-i` with no terminal,
    Compose's `-T`): a shell there runs what is piped in."""
    if inv.canonical in ("docker compose exec", "docker compose run"):
        return "no-tty" in inv.flags or "no-TTY" in inv.flags or "T" in inv.flags
    return "interactive" in inv.flags and "tty" not in inv.flags


def _own(inv: cmd.Invocation) -> bool:
    """The container is the reader's own: a placeholder (`<container>`)."""
    return bool(re.fullmatch(r"<[a-z][a-z0-9-]*>", inv.arguments[0]))


def _taken(inv: cmd.Invocation, catalog: Catalog) -> bool:
    """Whether the container has the host: its words are held by `host_access.commands`."""
    return bool(block_programs.host_access_taken(inv.values, inv, catalog))


def problems(inv: cmd.Invocation, catalog: Catalog, docker_image: bool) -> list[str]:
    """Why a copied block's container may not run its command (none when it may)."""
    words = command(inv)
    if not words or _taken(inv, catalog):
        return []
    if docker_image and (words[0] == "docker" or words[0].startswith("-")):
        return []  # Docker's own image runs docker: read as the block's docker commands
    host = where(inv)
    found: list[str] = []
    if host is not None and (up := next((w for w in words if _UP.search(w)), "")):
        found.append(f"`{inv.path}` gives the container the current folder and `{up[:40]}` reaches out of it")
    program = words[0]
    lines: list[tuple[str, ...]]
    line = ""
    if program in catalog.shells:
        if len(words) == 1 and (not _fed(inv) or (inv.canonical == "docker container exec" and _own(inv))):
            # a shell the reader types in, or one of the reader's own containers fed the reader's
            # script (`exec -i <container> sh < script.sh`, containers.md); what is fed is not read
            return found
        if len(words) == 1:
            return [*found, f"`{inv.path} … {program}` reads its commands from standard input, which no check reads"]
        if len(words) != 3 or words[1] != "-c":
            return [*found, f"`{inv.path} … {program}` runs a script or a string no check reads: only `-c '…'`"]
        line = words[2]
        # `echo 'DROP …' | psql`, `xargs wget < urls`: input run as words or code (a placeholder's
        # `<` is no redirection)
        if _FEEDS.search(PLACEHOLDER.sub("", line)):
            found.append(f"`{inv.path} … {program} -c`: a pipe or `<` inside the container, which no check reads")
        # only the shell's own words are left out: a wrapper (`env`, `xargs`) is a program here
        lines = [tuple(w[1:] if w[:1] and w[0] in cmd.RESERVED_WORDS else w) for w in split_commands(line)]
    else:
        lines = [tuple(words)]
    for run in lines:
        if run:
            found += _program_problems(run, inv, catalog, host)
    if line:
        for target in write_targets(line):
            found += _write_problems(inv, target, host, catalog)
    return found


def _program_problems(
    words: Sequence[str], inv: cmd.Invocation, catalog: Catalog, host: Callable[[str], str | None] | None
) -> list[str]:
    program = words[0]
    name = program
    if program.startswith("-") and inv.arguments:
        name = inv.arguments[0]  # the image's own entrypoint takes the words
    spec = catalog.container_programs.get(name)
    if spec is None and not program.startswith("-"):
        spec = catalog.programs.get(program)
    if spec is None or program in catalog.shells:
        return [
            f"`{inv.path}` runs `{program[:40]}` in the container, which is not a program the pages run there "
            "(data/cli-rules.yaml `container_programs`, `programs`): the reader runs it too"
        ]
    arguments = list(words[1:] if name == program else words)
    what = block_programs.arguments_problem(name, arguments, spec, catalog, host, in_container=True)
    return [f"in the container of `{inv.path}`: {what}"] if what else []


def _write_problems(
    inv: cmd.Invocation, target: str, host: Callable[[str], str | None] | None, catalog: Catalog
) -> list[str]:
    mapped = host(target) if host is not None else None
    if mapped is None or block_programs.writable(mapped, catalog):
        return []
    return [f"in the container of `{inv.path}`: writes `{target[:40]}`, which is the current folder's `{mapped[:40]}`"]
