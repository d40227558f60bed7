"""Check the `docker` commands of a page against the catalogue: shell blocks and inline code,
deprecated features, and the reason a command deletes data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from . import block_programs, container_commands
from . import commands as cmd
from .catalog import Catalog, Deprecation, deprecations_in, describe
from .findings import COPIED_SHELL_LANGS, PROMPTED_LANGS, CommandUse, LegacyUse, PageReport
from .page import Fence, PageScan
from .problems import Problem
from .shell import (
    MAX_NESTING,
    PROMPT,
    logical_lines,
    logical_lines_at,
    simple_commands,
    split_commands,
    too_deep,
    unread,
    without_comment,
)
from .shell_syntax import write_targets

# -- destructive commands --------------------------------------------------------------------


def destructive_reason(use_canonical: str, flags: list[str], catalog: Catalog, by_class: bool = True) -> str:
    """Why the command deletes data (data/destructive.yaml), or "" when it does not. `by_class`
    False: only data/destructive.yaml's rules (the explain page, whose parser ships only those:
    its 30 KiB budget has no room for the class)."""
    rule = catalog.destructive.get(use_canonical)
    if not rule:
        # The class: a command whose verb removes, prunes or leaves (data/cli-rules.yaml
        # `destructive_verbs`) is destructive unless `not_destructive` lists it.
        verb = use_canonical.rsplit(" ", 1)[-1]
        if by_class and use_canonical.startswith("docker ") and use_canonical not in catalog.not_destructive:
            return catalog.destructive_verbs.get(verb, "")
        return ""
    needed = rule.get("when_flags") or []
    if needed and not set(needed) & set(flags):
        return ""
    flag_why = rule.get("flag_why") or {}
    reasons = [flag_why[flag] for flag in needed if flag in flags and flag in flag_why]
    return "; ".join(reasons) if reasons else rule["why"]


# -- checks ----------------------------------------------------------------------------------


def legacy_feature(
    found: str,
    feature: Deprecation,
    line: int,
    heading: str,
    legacy: bool,
    legacy_at: int | None,
    scan: PageScan,
    report: PageReport,
) -> None:
    """Record a deprecated feature: a note for its legacy admonition, or a problem outside one."""
    report.legacy.append(LegacyUse(feature, line, heading))
    if not legacy:
        report.problems.append(
            Problem(
                scan.path,
                line,
                f"`{found}` is legacy: {feature['feature']}, {describe(feature)}",
                f"use {feature['replacement']}; {cmd.LEGACY_HINT}",
            )
        )
    elif legacy_at is not None:
        notes = report.legacy_notes.setdefault(legacy_at, [])
        if feature not in notes:
            notes.append(feature)


# A program's name as the checks can read it: a name or a path, or a test's bracket.
_PLAIN_PROGRAM = re.compile(r"[A-Za-z0-9_.,:@%+/-]+|\[\[?|\]\]?|\{|\}|!|<[A-Za-z][\w.:/@-]*>")


# The docker CLI under another name: Windows' `docker.exe` (Git Bash, WSL), Docker Desktop's
# `com.docker.cli`, a plugin run by its path (`/usr/libexec/docker/cli-plugins/docker-compose`).
_DOCKER_SPELLING = re.compile(r"docker[.-]|com\.docker")


def _joined_line(words: Sequence[str], catalog: Catalog) -> list[tuple[str, ...]] | None:
    """The commands a joining program runs (data/cli-rules.yaml `runs_command_line`: `joined`;
    `watch -n 5 docker exec web echo "; …"` runs `docker exec web echo ; …`), or None when the line
    reads the same joined or not."""
    start = next((k for k, w in enumerate(words) if catalog.runs_command_line.get(w) == "joined"), None)
    if start is None or cmd.strip_prefix(words[:start], catalog):  # `watch` is not the program run
        return None
    rest = list(cmd.strip_prefix(words[start:], catalog))
    if not rest:
        return None
    again = [tuple(w) for w in split_commands(" ".join(rest))]
    return None if again == [tuple(rest)] else again


def _run_inside(words: Sequence[str], catalog: Catalog) -> list[tuple[str, ...]] | None:
    """The commands another command runs from its arguments (data/cli-rules.yaml
    `runs_command_line`), to be checked as written there: `sh -c 'docker ps'`, `ssh host docker ps`
    or `ssh host 'docker ps'`, `trap 'docker rm -f x' EXIT`, and a wrapper's single quoted command
    line (`eval 'docker ps'`, `watch -n 5 'docker ps'`). None for any other command."""
    program = words[0].rsplit("/", 1)[-1]
    where = catalog.runs_command_line.get(program)
    if where is not None and where[:1] == "-" and program not in catalog.shells | catalog.programs.keys():
        where = None  # `su -c`, `script -c`: left unread on purpose, so a docker there fails the build
    if where == "host":  # read from the first `docker` of the words the other machine runs
        start = next((k for k, w in enumerate(words[1:], 1) if w == "docker" or w.startswith("docker ")), None)
        return list(split_commands(" ".join(words[start:]))) if start is not None else None
    if where is not None and where != "joined":
        # the command line is the first word that is no option: after the option (`-c`, `-lc`,
        # `sh -c -e '…'`), or, with none, after the program (`trap -- '…' EXIT`)
        letter = where[1:]
        flag = next((k for k, w in enumerate(words[1:-1], 1) if _option_holds(w, letter)), None) if letter else 0
        line = next((w for w in words[flag + 1 :] if not w.startswith("-")), None) if flag is not None else None
        return list(split_commands(line)) if line is not None else None
    if len(words) and (" " in words[0] or "\t" in words[0]) and not words[0].startswith(("$(", "`")):
        # what eval and watch leave: one command line (a substitution is no command line: it is
        # read as a program the shell makes)
        # A first word that reads as itself again (`"$(which docker)" …`) is no command line: read
        # once more it would be read for ever (shell_syntax refuses it on its line).
        inner = [w for w in split_commands(" ".join(words)) if tuple(w) != tuple(words)]
        return inner or None
    return None


# Where a shell may start a command: the line's start, after an operator, a grouping, a quote (a
# command line handed to another program), a substitution or a reserved word. `docker` there,
# in any spelling the shell reads as docker (`d\ocker`, `/usr/bin/docker`), is a command.
_DOCKER_AT = re.compile(
    r"(?:^|[\n;&|(){}!`'\"]|\b(?:do|then|else|elif|if|while|until|time|exec)\b)[ \t]*"
    r"(?:[\w./-]*/)?docker(?=[\s;&|)`'\"]|$)"
)


def docker_positions(code: str) -> int:
    """How many times a line's code (its comment left out) runs `docker`, as a shell may read it."""
    return len(_DOCKER_AT.findall(code.replace("\\", "")))


def _docker_commands(words: Sequence[str], catalog: Catalog) -> int:
    """How many docker commands the checks read in one simple command, inner ones included."""
    words = cmd.strip_prefix(words, catalog)
    if not words:
        return 0
    inner = _run_inside(words, catalog)
    if inner is not None:
        return sum(_docker_commands(w, catalog) for w in inner)
    return 1 if words[0] == "docker" or words[0].endswith("/docker") else 0


def _option_holds(word: str, letter: str) -> bool:
    """Whether a word is short options among which is `letter` (`-c`, `-lc`, `-ec`)."""
    return re.fullmatch(rf"-[a-z]*{re.escape(letter)}[a-z]*", word) is not None


class Copied(NamedTuple):
    """A command's block is copied into a shell: the page's functions, the scripts it fetched."""

    shell: block_programs.PageShell
    scripts: set[str]


PROGRAM_FIX = "write it with the programs data/cli-rules.yaml allows, or ask a maintainer to add one there"


def _parsed_operands(words: Sequence[str], inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """The words docker itself reads as operands, where a word the shell makes could be a flag:
    not those after `--`, nor a container's own command line after its image."""
    if "--" in words:
        return []
    if inv.canonical in catalog.stop_at_argument:
        return inv.arguments[:1]
    return list(inv.arguments)


# Docker's own image (`docker`, `docker:cli`, `docker:27-dind`): its entrypoint runs the docker CLI
# with the container's command when that is a docker command or a flag.
_DOCKER_IMAGE = re.compile(r"(?:(?:[\w.-]+(?::\d+)?/)?library/|docker\.io/(?:library/)?)?docker(?::[\w.-]+)?(?:@\S+)?")


def _docker_image_runs(inv: cmd.Invocation, catalog: Catalog) -> list[tuple[str, ...]]:
    """The docker commands a container of Docker's own image runs: its command when that is a
    docker command or a flag (the entrypoint puts `docker` before it), and the docker commands of
    a shell's `-c` string. Its other programs run inside the container."""
    if inv.canonical not in ("docker container run", "docker container create") or len(inv.arguments) < 2:
        return []
    if not _DOCKER_IMAGE.fullmatch(inv.arguments[0]):
        return []
    rest = tuple(inv.arguments[1:])
    if rest[0] == "docker":
        return [rest]
    if rest[0].startswith("-") or catalog.canonical(f"docker {rest[0]}") or catalog.is_group(f"docker {rest[0]}"):
        return [("docker", *rest)]
    inner = _run_inside(rest, catalog) or []
    return [tuple(words) for words in inner if words[:1] == ("docker",) or list(words[:1]) == ["docker"]]


def _check_command(
    words: Sequence[str],
    line: int,
    legacy: bool,
    heading: str,
    in_block: bool,
    catalog: Catalog,
    scan: PageScan,
    report: PageReport,
    legacy_at: int | None,
    shown: bool = True,
    copied: Copied | None = None,
) -> CommandUse | None:
    """Check one simple command; a docker command is recorded among the page's uses when it is
    `shown` (a command another one runs, `trap 'docker rm …' EXIT`, is checked, and warned about
    when it deletes data, but it is not what its section teaches: search and the index skip it).
    `copied`: the command is in a block the copy button hands to a shell, which may run only
    what cheatsheet/block_programs.py allows."""

    def again(inner: Sequence[tuple[str, ...]], shown: bool) -> CommandUse | None:
        checked = [
            _check_command(w, line, legacy, heading, in_block, catalog, scan, report, legacy_at, shown, copied)
            for w in inner
        ]
        uses = [use for use in checked if use is not None]
        return next((use for use in uses if use.destructive), uses[0] if uses else None)

    def refuse(what: str, fix: str = PROGRAM_FIX) -> None:
        report.problems.append(Problem(scan.path, line, what, fix))

    if copied is not None:
        for what in block_programs.assignment_problems(words, catalog):
            refuse(what, "write the value where it is used, or a name data/cli-rules.yaml `assignable` lists")
        if what := block_programs.wrapper_problem(words, catalog):
            refuse(what)
    joined = _joined_line(words, catalog)
    if joined is not None:  # `watch` runs its arguments joined, through `sh -c`
        return again(joined, shown)
    written = words
    words = cmd.strip_prefix(words, catalog)
    if not words:
        if copied is not None and any(w in catalog.wrappers for w in written):
            refuse(
                f"`{' '.join(written)[:40]}` runs a program that comes from its input or from nowhere",
                "write the program after it: `… | xargs docker container rm`",
            )
        return None
    if words[0].endswith("/docker"):
        words = ["docker", *words[1:]]  # `/usr/bin/docker` is docker to the shell
    inner = _run_inside(words, catalog)
    if inner is not None:  # `sh -c 'docker …'`, `ssh host docker …`: the command the shell runs
        outer = words[0].rsplit("/", 1)[-1]
        # a command line the checks read does not let a copied block run its program (`ssh`): `programs` does
        ran_by = outer in catalog.runs_command_line and outer not in catalog.shells | catalog.programs.keys()
        if (
            copied is not None
            and ran_by
            and (what := block_programs.program_problem(words, catalog, copied.shell, copied.scripts))
        ):
            refuse(what)
        return again(inner, False)
    if copied is not None and words[0] in copied.shell.functions and _PLAIN_PROGRAM.fullmatch(words[0]):
        name = words[0]
        if name in copied.shell.calling:
            refuse(f"`{name}` calls itself: the checks cannot read how deep it goes", "write the commands out")
            return None
        copied.shell.calls += 1
        body = block_programs.call(copied.shell.functions[name], words[1:])
        if copied.shell.calls > block_programs.CALLS_READ or sum(map(len, body)) > block_programs.WORDS_READ:
            refuse(
                f"`{name}`: the page's functions call one another more than the checks read "
                f"({block_programs.CALLS_READ} calls, {block_programs.WORDS_READ} words)",
                "write the commands out",
            )
            return None
        copied.shell.calling.add(name)
        try:  # a call is checked as the commands its function runs with these arguments
            return again(body, False)
        finally:
            copied.shell.calling.discard(name)
    base = words[0].rsplit("/", 1)[-1].lower()
    by_path = "/" in words[0] and base.startswith("docker-")  # a plugin's binary, run by its path
    if (
        in_block
        and base != "docker"
        and _DOCKER_SPELLING.match(base)
        and (by_path or base not in catalog.other_docker_programs)
    ):
        report.problems.append(
            Problem(
                scan.path,
                line,
                f"`{words[0][:60]}` runs the docker CLI (or a plugin of it) under a name the checks do not read",
                "write `docker …` (`docker compose …` for a plugin)",
            )
        )
        return None
    if in_block and (not _PLAIN_PROGRAM.fullmatch(words[0]) or words[0] != words[0].lower()):
        report.problems.append(
            Problem(
                scan.path,
                line,
                f"the program `{words[0][:40]}` is made by the shell as the line runs (a variable, a "
                "substitution, a glob) or written in capitals (`Docker` is docker on macOS): the checks cannot "
                "tell what it is",
                "write the program's name itself, in lower case",
            )
        )
        return None
    if copied is not None and (what := block_programs.program_problem(words, catalog, copied.shell, copied.scripts)):
        refuse(what)
        return None
    text = " ".join(words)
    matched = deprecations_in(text, catalog) if words[0] in ("docker", "docker-compose") else []
    covered = " ".join(m for m, _ in matched)
    for found, feature in matched:
        legacy_feature(found, feature, line, heading, legacy, legacy_at, scan, report)
    if words[0] != "docker":
        return None
    if in_block and len(words) == 1:
        report.problems.append(
            Problem(
                scan.path,
                line,
                "`docker` without a command: its words would come from elsewhere (`xargs`, a variable)",
                "write the docker command with its words: `docker container rm`",
            )
        )
        return None
    inv = cmd.parse(words, catalog, complete=in_block)
    if in_block and not inv.checked:
        # Explain accepts a pasted plugin command; a page may not run one no check can read.
        report.problems.append(
            Problem(
                scan.path,
                line,
                f"`docker {words[1]}` is a CLI plugin the catalogue does not describe: no check reads its flags, "
                "and a command of it that deletes would get no warning",
                "add its reference data to the catalogue (scripts/build_catalog.py), or leave it out of code blocks",
            )
        )
        return None
    # Inside a legacy admonition the old syntax is the point: the legacy features it shows stand
    # there on purpose. Anything else in it is held to the current CLI: a flag no Docker ever
    # had is no history lesson.
    # `docker -d …` (the daemon run from the client): what follows it is another program's flags.
    other_program = any(re.fullmatch(r"docker -\S+", found) for found, _ in matched)
    for finding in inv.findings:
        if finding.token and finding.token in covered.split():
            continue  # already reported as the legacy feature it belongs to
        if legacy and (finding.exists or other_program):
            continue  # an old spelling the CLI keeps; a flag no Docker had is reported, legacy line or not
        report.problems.append(Problem(scan.path, line, finding.message, finding.fix))
    if inv.canonical is None:
        return None
    ran: CommandUse | None = None
    if copied is not None:
        in_body = line in copied.shell.body_lines
        if line in copied.shell.loop_lines and inv.canonical not in catalog.prints_facts:
            refuse(
                f"`{inv.path}` in a `while` or `until` loop: a loop may run only docker commands that print facts "
                "(data/cli-rules.yaml `prints_facts`)",
                "run it once, before or after the loop",
            )
        for what in block_programs.expansion_problems(
            _parsed_operands(words, inv, catalog), in_body, copied.shell, catalog
        ):
            refuse(what, "write the words themselves, or put them after `--`")
        for what in block_programs.docker_read_problems(words, inv, catalog):
            refuse(what, "read from `.` (the folder the reader is in) or an address, and take no file from the block")
        for what in block_programs.unlisted_flags(inv, catalog):
            refuse(
                what,
                "ask a maintainer to add it there with the page that needs it (some flags hand a container the host)",
            )
        for what, fix in block_programs.value_problems(inv, catalog):
            refuse(what, fix + " (a maintainer adds one with the page that needs it)")
        for what in block_programs.reach_problems(words, inv, catalog):
            refuse(
                what,
                "use the reader's own (a placeholder such as `<registry>`), the current folder, or what "
                "data/cli-rules.yaml lists",
            )
        for what in block_programs.docker_write_problems(words, inv, catalog):
            refuse(what, "write it in the current folder, or a folder data/cli-rules.yaml `write_folders` lists")
        # Docker's own image runs docker, read below by `_docker_image_runs` (run and create only: a
        # container named `docker` or a service of the image runs what the list allows)
        docker_image = bool(_docker_image_runs(inv, catalog))
        for what in container_commands.problems(inv, catalog, docker_image):
            refuse(
                what,
                "run in a container only the programs data/cli-rules.yaml `container_programs` or `programs` "
                "lists, with what they list for them (a maintainer adds one with the page that needs it)",
            )
        for runs in _docker_image_runs(inv, catalog):  # Docker's own image runs docker
            inside = _check_command(runs, line, legacy, heading, in_block, catalog, scan, report, legacy_at, False)
            ran = inside if inside is not None and inside.destructive else ran
    use = CommandUse(
        inv.canonical,
        line,
        heading,
        legacy,
        inv.flags,
        in_block,
        destructive_reason(inv.canonical, inv.flags, catalog),
        inv.written_flags,
    )
    if shown:
        report.uses.append(use)
    return ran if ran is not None and ran.destructive and not use.destructive else use


def legacy_admonition_at(scan: PageScan, line: int) -> int | None:
    for adm in reversed(scan.admonitions):
        if adm.kind == "legacy" and adm.line < line <= adm.end_line:
            return adm.line
    return None


def _runs_docker(line: str, catalog: Catalog) -> bool:
    """Whether an output block's line runs docker (`docker …`, `sudo docker …`, `cd /tmp && docker …`)."""
    if "ocker" not in line or PROMPT.match(line):
        return False
    code = without_comment(line)
    return docker_positions(code) > 0 or sum(_docker_commands(w, catalog) for w in split_commands(code.strip())) > 0


# Programs that take the word `docker` as data, not as a command to run: the group, the service,
# the package, the process (`sudo usermod -aG docker $USER`, `systemctl restart docker`). Not
# `snap` (`snap run docker …` runs it), nor `echo` and `printf`, whose words go wherever their
# output goes (`>> ~/.bashrc`).
DOCKER_AS_DATA = frozenset(
    [
        "usermod",
        "groupadd",
        "gpasswd",
        "newgrp",
        "getent",
        "id",
        "groups",
        "systemctl",
        "service",
        "journalctl",
        "apt",
        "apt-get",
        "dnf",
        "yum",
        "zypper",
        "apk",
        "brew",
        "which",
        "type",
        "grep",
        "pgrep",
        "pkill",
        "cd",
        "mkdir",
        "ls",
        "chown",
        "chgrp",
    ]
)
_DOCKER_WORD = re.compile(r"(?<![\w.-])(?:[\w./-]*/)?docker(?:\.exe)?(?![\w./:@-])")  # not docker/x, docker:cli


def _unread_docker(
    lines: list[str], console: bool, first_line: int, catalog: Catalog, scan: PageScan, report: PageReport
) -> None:
    """The last line of defence: every `docker` a shell block hands to the reader's shell (strings
    and here-document bodies included; in any spelling: `d\\ocker`,
    `=docker`) is a docker command the checks read, or data to a program that takes it as data.
    Any other fails the build: the checks' reading of the shell and the shell's own disagree there."""
    lines_of: dict[int, int] = {}  # block index -> start of its logical line
    read: dict[int, int] = {}
    for index, line, pieces in logical_lines_at(lines, prompts_only=console):
        for _, at, _ in pieces:
            lines_of[at] = index
        commands = split_commands(line)
        programs = [(cmd.strip_prefix(w, catalog) or [""])[0].rsplit("/", 1)[-1] for w in commands]
        as_data = sum(w.count("docker") for w, p in zip(commands, programs, strict=True) if p in DOCKER_AS_DATA)
        read[index] = sum(_docker_commands(w, catalog) for w in commands) + (as_data if len(pieces) == 1 else 0)
    said: dict[int, int] = {}
    for at, raw in enumerate(lines):
        prompt = PROMPT.match(raw)
        if console and not prompt and at not in lines_of:
            continue  # output: the copy button leaves it out
        # A here-document's body counts too, whatever the checks think reads it: where they
        # misread its start (`$[1<<x]`), its "body" is commands a shell runs.
        text = raw[prompt.end() :] if prompt else raw
        code = without_comment(text) if at in lines_of else text  # a body line has no comment
        # Quotes and backslashes join a word's letters (`dock''er`); a value is a word of its own
        # (`x=docker`, then `$x rm …`).
        cleaned = re.sub(r"[\\'\"]", "", code).replace("=", " ")
        count = len(_DOCKER_WORD.findall(cleaned)) if "ocker" in cleaned else 0
        if count:
            start = lines_of.get(at, at)
            said[start] = said.get(start, 0) + count
    for start, count in sorted(said.items()):
        if count > read.get(start, 0):
            report.problems.append(
                Problem(
                    scan.path,
                    first_line + start,
                    "`docker` runs here in a way the checks cannot read",
                    "write the docker command plainly on a line of its own: not inside a string another "
                    "program runs, a here-document, backticks or `<(…)`, or after a program the checks do not know",
                )
            )


def check_shell_fence(
    fence: Fence, catalog: Catalog, scan: PageScan, report: PageReport, shell: block_programs.PageShell | None = None
) -> None:
    prompted = fence.lang in PROMPTED_LANGS
    lines = fence.lines
    if prompted and fence.lang in ("text", ""):
        # Output blocks: only prompted lines and lines that run docker (`docker …`, `sudo docker …`)
        # are commands: the copy button copies every line, so one that runs docker is checked.
        lines = ["$ " + ln.lstrip() if _runs_docker(ln, catalog) else ln for ln in lines]
    legacy_at = legacy_admonition_at(scan, fence.line) if fence.legacy else None
    copied = (
        Copied(shell or block_programs.PageShell(), block_programs.fetched(fence, catalog))
        if fence.lang in COPIED_SHELL_LANGS
        else None
    )
    for command in simple_commands(lines, fence.line + 1, prompts_only=prompted):
        use = _check_command(
            command.words,
            command.line,
            fence.legacy,
            fence.heading,
            True,
            catalog,
            scan,
            report,
            legacy_at,
            copied=copied,
        )
        if use and use.destructive:
            report.destructive_fences.setdefault(fence.line, use.destructive)
    if copied is not None:
        logical = list(logical_lines(lines, fence.line + 1, prompts_only=prompted))
        # what the block's own programs write (`cat > restore.sql <<'EOF'`), not docker's output
        block_writes = frozenset(
            target.removeprefix("./")
            for _, line in logical
            if not any(words[:1] == ("docker",) for words in split_commands(line)[:1])
            for target in write_targets(line)
        )
        for number, line in logical:
            for what in block_programs.input_problems(line, catalog, block_writes):
                report.problems.append(Problem(scan.path, number, what, PROGRAM_FIX))
    _unread_docker(lines, prompted and fence.lang not in ("text", ""), fence.line + 1, catalog, scan, report)
    for at, what, fix in unread(lines, prompts_only=prompted):
        what = f"{what}: the checks cannot read it as a shell does"
        report.problems.append(Problem(scan.path, fence.line + 1 + at, what, fix))
    for number, depth in too_deep(lines, fence.line + 1, prompts_only=prompted):
        report.problems.append(
            Problem(
                scan.path,
                number,
                f"command substitutions `$(` nested {depth} deep: the checker reads at most {MAX_NESTING}",
                "split the command into steps with variables, e.g. `id=$(docker ps -q)`",
            )
        )


# pymdownx.inlinehilite's RE_LANG: a language before inline code.
_INLINE_LANGUAGE = re.compile(r"(?::{3,}|#!)[\w#.+-]*\s+")


def check_spans(scan: PageScan, catalog: Catalog, report: PageReport) -> None:
    """The `docker …` commands written as inline code."""
    for span in scan.spans:
        if _INLINE_LANGUAGE.match(span.code.strip()):
            # pymdownx.inlinehilite reads `#!bash docker …` (or `:::bash …`) as a language and
            # shows the rest as highlighted code, which the checks below would not read as a command.
            report.problems.append(
                Problem(
                    scan.path,
                    span.line,
                    f"inline code starting with a language (`{span.code.split()[0][:20]}`): the highlighter shows the "
                    "rest as code that no check reads",
                    "leave the prefix out",
                )
            )
            continue
        if not span.code.startswith("docker ") and span.code not in ("docker",):
            # `sudo docker …`, `timeout 60 docker …`: a docker command behind a wrapper is checked too
            first = split_commands(span.code)[:1] if "docker" in span.code else ()
            if not first or list(cmd.strip_prefix(first[0], catalog))[:1] != ["docker"]:
                continue
        for words in split_commands(span.code)[:1]:
            legacy_at = legacy_admonition_at(scan, span.line) if span.legacy else None
            use = _check_command(words, span.line, span.legacy, span.heading, False, catalog, scan, report, legacy_at)
            if use and not span.in_link:
                report.span_links[(span.line, span.col)] = use.canonical
