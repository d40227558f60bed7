"""Read one `docker …` command line against the catalogue: its command path, flags and findings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .catalog import Catalog, FlagSet
from .shell import split_commands

_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
LEGACY_HINT = "or, to show it as history, put it inside a `!!! legacy` admonition"


class Finding(NamedTuple):
    message: str
    fix: str
    token: str = ""
    exists: bool = False  # about a flag the CLI still has (deprecated, hidden): history may show it


class FlagUse(NamedTuple):
    """A flag word that has both a short and a long form: its first `length` characters of word
    number `word` are the flag(s), written `short` and `long` (`-it` / `--interactive --tty`)."""

    word: int
    length: int
    short: str
    long: str


@dataclass
class Invocation:
    written: str
    canonical: str | None = None
    path: str = ""  # the command's words as written: `docker ps` (canonical `docker container ls`)
    flags: list[str] = field(default_factory=list)
    written_flags: list[str] = field(default_factory=list)
    flag_uses: list[FlagUse] = field(default_factory=list)
    arguments: list[str] = field(default_factory=list)
    # Each flag's values as docker reads them (`-itv /:/host` gives `--volume` `/:/host`,
    # `-Htcp://x` gives docker's `--host`), under its long name only, however it was written;
    # docker's global options under `docker --name`. A flag without a value records "".
    values: dict[str, list[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    checked: bool = True


# Words of the shell's grammar that may stand before a command (`then docker …`, `! docker …`,
# `{ docker …; }`): the command after them runs all the same.
RESERVED_WORDS = frozenset({"!", "{", "}", "do", "done", "then", "else", "elif", "fi", "if", "while", "until"})


def strip_prefix(words: Sequence[str], catalog: Catalog) -> Sequence[str]:
    """Drop reserved words, environment assignments and wrappers (`sudo -E`, `xargs -r`,
    `timeout 60`) before the program. A wrapper's list names its options that take a value, and
    in capitals the arguments it takes before the command (`timeout`'s DURATION)."""
    i = 0
    while i < len(words):
        word = words[i]
        if _ASSIGNMENT.match(word) or word in RESERVED_WORDS:
            i += 1
        elif word in catalog.wrappers:
            takes_value = catalog.wrappers[word]
            i += 1
            while i < len(words) and words[i].startswith("-") and len(words[i]) > 1:
                i += 2 if words[i] in takes_value else 1
            i += sum(1 for item in takes_value if not item.startswith("-"))
        else:
            break
    return words[i:]


def named(written: str, canonical: str | None) -> str:
    """A command as the contributor wrote it, and its canonical name when that differs:
    `docker ps` (`docker container ls`). Messages quote what the page says."""
    if canonical and canonical != written:
        return f"`{written}` (`{canonical}`)"
    return f"`{written}`"


def _read_flags(
    words: Sequence[str], i: int, flags: FlagSet, owner: str, inv: Invocation, complete: bool, label: str = ""
) -> int:
    """Read one flag word at i (with its value, if it takes one); return the next index. `owner`
    is the command as written; `label` how messages name it (default: `owner` in backticks)."""
    label = label or f"`{owner}`"
    word = words[i]
    if word.startswith("--"):
        name, eq, _ = word[2:].partition("=")
        flag = flags.by_long.get(name)
        if flag is None:
            inv.findings.append(_unknown_flag(owner, label, f"--{name}", "", flags.suggest(name)))
            return i + 1
        _note_flag(flag, f"--{name}", label, inv)
        _record(inv, flag, owner, word.partition("=")[2] if eq else _next(words, i) if flag.takes_value else "")
        if flag.short:
            inv.flag_uses.append(FlagUse(i, 2 + len(name), f"-{flag.short}", f"--{name}"))
        if flag.takes_value and not eq:
            if i + 1 >= len(words) and complete:
                inv.findings.append(
                    Finding(f"flag `--{name}` of {label} needs a value", f"write `--{name} <value>`", token=f"--{name}")
                )
            return i + 2
        return i + 1
    shorts = word[1:]
    inv.written_flags.append(word.split("=", 1)[0])
    longs: list[str] = []
    for j, letter in enumerate(shorts):
        flag = flags.by_short.get(letter)
        if flag is None:
            cluster = len(shorts) > 1
            inv.findings.append(
                _unknown_flag(
                    owner,
                    label,
                    f"-{letter}",
                    f" (in `{word}`)" if cluster else "",
                    flags.suggest(shorts) if cluster else None,
                )
            )
            return i + 1
        _note_flag(flag, f"-{letter}", label, inv)
        if flag.takes_value:
            _record(inv, flag, owner, shorts[j + 1 :].removeprefix("=") or _next(words, i))
        else:
            _record(inv, flag, owner, "")
        longs.append(f"--{flag.name}")
        if flag.takes_value:
            if j + 1 < len(shorts):
                # The value is glued on: `-p8080:80` reads `--publish=8080:80`; `-n=5` keeps its `=`.
                glue = "" if shorts[j + 1] == "=" else "="
                inv.flag_uses.append(FlagUse(i, j + 2, f"-{shorts[: j + 1]}", " ".join(longs) + glue))
                return i + 1
            inv.flag_uses.append(FlagUse(i, len(word), word, " ".join(longs)))
            if i + 1 >= len(words) and complete:
                inv.findings.append(
                    Finding(
                        f"flag `-{letter}` of {label} needs a value", f"write `-{letter} <value>`", token=f"-{letter}"
                    )
                )
            return i + 2
    inv.flag_uses.append(FlagUse(i, len(word), word, " ".join(longs)))
    return i + 1


def _next(words: Sequence[str], i: int) -> str:
    return words[i + 1] if i + 1 < len(words) else ""


def _record(inv: Invocation, flag, owner: str, value: str) -> None:
    """Note a flag's value: under `docker --name` for a global option, else its long name."""
    name = f"docker --{flag.name}" if owner == "docker" else f"--{flag.name}"
    inv.values.setdefault(name, []).append(value)


def _unknown_flag(owner: str, label: str, written: str, where: str, guess: str | None) -> Finding:
    return Finding(
        f"{label} has no flag `{written}`{where}",
        f"did you mean `--{guess}`?" if guess else f"see `{owner} --help` for its flags",
        token=written,
    )


def _note_flag(flag, written: str, label: str, inv: Invocation) -> None:
    inv.flags.append(flag.name)
    if written.startswith("--"):
        inv.written_flags.append(written)
    if flag.deprecated:
        inv.findings.append(
            Finding(
                f"`{written}` of {label} is deprecated in Docker 29",
                f"remove it, {LEGACY_HINT}",
                token=written,
                exists=True,
            )
        )
    elif flag.hidden and flag.name != "help":
        inv.findings.append(
            Finding(
                f"`{written}` of {label} is an undocumented (hidden) spelling",
                "use the documented flag listed by `--help`",
                token=written,
                exists=True,
            )
        )


def _is_flag(word: str) -> bool:
    return word.startswith("-") and len(word) > 1 and not word[1].isdigit()


def parse(words: Sequence[str], catalog: Catalog, complete: bool = True) -> Invocation:
    """Read `docker …` words (words[0] == "docker"). complete=False for prose mentions such as
    `docker run -p`, which may leave a flag's value out.

    The result is cached and shared between callers: read it, do not change it."""
    return _parse(tuple(words), catalog, complete)


def command_in(code: str, catalog: Catalog) -> Invocation | None:
    """The first command of a line of code, split as a shell would and read as `parse` reads a
    prose mention (a flag's value may be left out); None when it names no Docker command. The
    one way a line of text becomes a command outside the checks of code blocks."""
    words = split_commands(code)
    if not words:
        return None
    invocation = parse(words[0], catalog, complete=False)
    return invocation if invocation.canonical else None


@lru_cache(maxsize=1 << 16)
def _parse(words: tuple[str, ...], catalog: Catalog, complete: bool) -> Invocation:
    inv = Invocation(written=" ".join(words))
    i = 1
    # Global options come before the command.
    while i < len(words) and _is_flag(words[i]):
        i = _read_flags(words, i, catalog.global_flags, "docker", inv, complete)
    path = "docker"
    while i < len(words):
        word = words[i]
        candidate = f"{path} {word}"
        if catalog.canonical(candidate) or catalog.is_group(candidate):
            path = candidate
            i += 1
            continue
        if path == "docker" and word in catalog.unchecked_plugins:
            inv.checked = False
            return inv
        group = catalog.canonical(path)
        if _is_flag(word) and catalog.is_group(path) and group:
            # Options of a command group come before its subcommand (`docker compose -f x up`).
            i = _read_flags(words, i, catalog.flags(group), path, inv, complete)
            continue
        if catalog.is_group(path) and not _is_flag(word):
            if group and catalog.runs_with_arguments(group):
                break  # `docker buildx history inspect ^1`: not a subcommand, the group's argument
            inv.findings.append(_unknown_command(catalog, path, word, words[i + 1 :]))
            return inv
        break
    inv.path = path
    inv.canonical = catalog.canonical(path)
    if inv.canonical is None:
        return inv
    label = named(path, inv.canonical)
    meta = catalog.commands[inv.canonical]
    if meta.get("deprecated"):
        inv.findings.append(Finding(f"{label} is deprecated", f"use its replacement, {LEGACY_HINT}", token=path))
    flags = catalog.flags(inv.canonical)
    stop_at_argument = inv.canonical in catalog.stop_at_argument
    while i < len(words):
        word = words[i]
        if word == "--":
            inv.arguments.extend(words[i + 1 :])
            break
        if _is_flag(word):
            i = _read_flags(words, i, flags, path, inv, complete, label)
            continue
        inv.arguments.append(word)
        if stop_at_argument:
            # What follows the image or container is the container's own command line.
            inv.arguments.extend(words[i + 1 :])
            break
        i += 1
    return inv


def _unknown_command(catalog: Catalog, parent: str, word: str, rest) -> Finding:
    guess = catalog.suggest_subcommand(parent, word)
    if guess:
        full = f"{parent} {guess}"
        # Carry the suggestion one level further when the next word fits (`contaner ls`).
        if rest and catalog.is_group(full) and (catalog.canonical(f"{full} {rest[0]}")):
            full = f"{full} {rest[0]}"
        return Finding(f"unknown command `{parent} {word}`", f"did you mean `{full}`?", token=word)
    return Finding(f"unknown command `{parent} {word}`", f"run `{parent} --help` to list its commands", token=word)
