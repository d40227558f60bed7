"""What a copied shell block may run, read as the shell reads it: the programs data/cli-rules.yaml
allows, the page's own functions (each call checked as the commands it runs, its arguments put in
for `"$@"` and `"$1"`), the variables a block may assign, and the words the shell makes where
docker reads flags. An allow-list: what it does not name fails the build on its line."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import commands as cmd
from .catalog import Catalog
from .findings import COPIED_SHELL_LANGS, SESSION_LANGS
from .page import Fence, PageScan
from .problems import Problem
from .shell import logical_lines, split_commands

# `name() {` on a line of its own, the one form of a function the pages write (shell_syntax
# refuses the others).
_FUNCTION = re.compile(r"[ ]*([a-z_][a-z0-9_-]*)\(\)[ ]*\{[ ]*$")
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)", re.S)
_POSITIONAL = re.compile(r"\$(?:[1-9@*]|\{[1-9@*]\})")
# The shell's own words: `$_` is the last word of the command before, `$-` its options.
_SPECIAL = re.compile(r"\$(?:[_\-!0]|\{[_\-!0]\})")
# What shells run by themselves, whatever the page calls them: zsh's and bash's hooks.
_HOOKS = re.compile(r"command_not_found_handler?|precmd|preexec|chpwd|periodic|zshaddhistory|zshexit|TRAP\w*")
# The calls of a page's functions the checks read: functions that call each other twice over
# double the work with each one (a build of minutes), and no page needs more than a few.
CALLS_READ = 200
WORDS_READ = 2_000
# A value's substitutions (`$(…)`, not `$((…))`).
_SUBSTITUTIONS = re.compile(r"\$\((?!\()([^()]*)\)")


@dataclass
class PageShell:
    """The functions a page defines in its copied shell blocks, and the lines of their bodies."""

    functions: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    defined: list[tuple[int, str]] = field(default_factory=list)  # (line, name)
    body_lines: set[int] = field(default_factory=set)
    loop_lines: set[int] = field(default_factory=set)  # in a `while` or `until` loop, its test too
    calling: set[str] = field(default_factory=set)  # functions whose calls are being read
    calls: int = 0  # calls read on the page, against CALLS_READ


# A loop that runs until a test says so: its docker commands may only print facts (`until
# [ "$(docker container inspect …)" = healthy ]`); one that starts containers could start them
# for ever, each restarting with the machine. Read from the shell's own commands, so a `done`
# that is a word (`echo done`) ends nothing and a `for` loop's `done` ends only that loop.
_LOOPS = frozenset({"while", "until", "for", "select"})
_BEFORE_COMMAND = frozenset({"{", "then", "do", "else", "!"})


def _in_test_loop(line: str, open_loops: list[str]) -> bool:
    """Whether the line runs inside a `while` or `until` loop (its test too), given the loops open
    before it; `open_loops` is updated with the line's own."""
    inside = any(loop in ("while", "until") for loop in open_loops)
    for words in split_commands(line):
        rest = list(words)
        while rest and rest[0] in _BEFORE_COMMAND:
            rest.pop(0)
        if rest[:1] == ["done"] and open_loops:
            open_loops.pop()
        elif rest and rest[0] in _LOOPS:
            open_loops.append(rest[0])
        inside = inside or any(loop in ("while", "until") for loop in open_loops)
    return inside


def page_shell(fences: Sequence[Fence]) -> PageShell:
    found = PageShell()
    for fence in fences:
        if fence.lang not in COPIED_SHELL_LANGS:
            continue
        name = ""
        open_loops: list[str] = []
        for number, line in logical_lines(fence.lines, fence.line + 1, fence.lang in SESSION_LANGS):
            if _in_test_loop(line, open_loops):
                found.loop_lines.add(number)
            if (start := _FUNCTION.fullmatch(line)) is not None:
                name = start.group(1)
                found.functions[name] = []
                found.defined.append((number, name))
            elif name and line.strip() == "}":
                name = ""
            elif name:
                found.body_lines.add(number)
                found.functions[name] += split_commands(line)
    return found


_READS = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def session_problems(scans: Sequence[PageScan], catalog: Catalog) -> list[Problem]:
    """What one block does to another in the reader's shell, which keeps functions and variables
    from every block pasted into it, whatever page it came from: a function defined on two pages
    (a call on either may run the other's body), and a variable that code run later (a trap, a
    function's body) reads, assigned in another block (the trap runs with that block's value)."""
    problems: list[Problem] = []
    defined: dict[str, str] = {}
    later: dict[str, tuple[str, int]] = {}  # a name code run later reads -> (page, its block's line)
    assigned: list[tuple[str, str, int, int]] = []  # (name, page, line, block's line)
    for scan in scans:
        shell = page_shell(scan.fences)
        for line, name in shell.defined:
            if defined.setdefault(name, scan.path) != scan.path:
                problems.append(
                    Problem(
                        scan.path,
                        line,
                        f"`{name}` is defined on {defined[name]} too: the reader's shell keeps whichever ran last, so "
                        "a call on either page may run the other's body",
                        "define each function on one page",
                    )
                )
        for fence in scan.fences:
            if fence.lang not in COPIED_SHELL_LANGS:
                continue
            for number, code in logical_lines(fence.lines, fence.line + 1, fence.lang in SESSION_LANGS):
                if (start := _FUNCTION.fullmatch(code)) is not None:
                    for words in shell.functions.get(start.group(1), []):
                        for word in words:
                            later.update((n, (scan.path, fence.line)) for n in _READS.findall(word))
                for words in split_commands(code):
                    if words[:1] == ("trap",):
                        string = next((w for w in words[1:] if not w.startswith("-")), "")
                        later.update((n, (scan.path, fence.line)) for n in _READS.findall(string))
                    prefix = _prefix_words(words, catalog)
                    names = [m.group(1) for w in prefix if (m := _ASSIGNMENT.fullmatch(w))]
                    if prefix[:1] == ["export"]:
                        names += [w for w in prefix[1:] if re.fullmatch(r"[A-Za-z_]\w*", w)]
                    if len(words) > 2 and words[0] == "for" and words[2] == "in":
                        names.append(words[1])
                    assigned += [(n, scan.path, number, fence.line) for n in names]
    for name, path, line, block in assigned:
        if name in later and later[name] != (path, block):
            where = f"{later[name][0]}:{later[name][1]}"
            problems.append(
                Problem(
                    path,
                    line,
                    f"assigns `{name}`, which a trap or function of the block at {where} reads when it runs later: "
                    "in the reader's shell it would run with this value",
                    "use another name here (data/cli-rules.yaml `assignable`)",
                )
            )
    return problems


def function_problem(name: str, catalog: Catalog) -> str:
    """Why a function may not have this name ("" when it may)."""
    known = {*catalog.programs, *catalog.wrappers, *catalog.scripts, *catalog.runs_command_line, *catalog.runs_input}
    if name == "docker" or name in known:
        return f"a function named `{name}`: the checks read that name as the program it names"
    if _HOOKS.fullmatch(name):
        return f"a function named `{name}`: the shell calls it by itself, so what it runs is never seen"
    if name not in catalog.functions:
        return (
            f"a function named `{name}`, which data/cli-rules.yaml `functions` does not list: it would replace "
            "any command of that name for the rest of the reader's session"
        )
    return ""


def call(body: list[tuple[str, ...]], arguments: Sequence[str]) -> list[tuple[str, ...]]:
    """A function's commands as one call of it runs them: `"$@"` is its arguments, `"$1"` the first."""
    commands = []
    for words in body:
        out: list[str] = []
        for word in words:
            if word in ("$@", "$*", "${@}", "${*}"):
                out += arguments
            else:
                out.append(
                    _POSITIONAL.sub(
                        lambda m: _argument(m.group(), arguments),
                        word,
                    )
                )
        commands.append(tuple(out))
    return commands


def _argument(written: str, arguments: Sequence[str]) -> str:
    digit = written.strip("${}")
    if digit in "@*":
        return " ".join(arguments)
    index = int(digit) - 1
    return arguments[index] if index < len(arguments) else ""


def fetched(fence: Fence, catalog: Catalog) -> set[str]:
    """The scripts of data/cli-rules.yaml this block fetches from their own address, on a line
    that does nothing else (`curl -fsSL https://get.docker.com -o get-docker.sh`), names on no
    other line but those that run it (`sudo sh get-docker.sh`), and runs right after: nothing
    else writes it."""
    found = set()
    code = [line.split(" #", 1)[0].strip() for line in fence.lines]
    for name, url in catalog.scripts.items():
        lines = [line for line in code if name in line]
        fetch = f"curl -fsSL {url} -o {name}"
        runs = re.compile(rf"(?:sudo )?sh {re.escape(name)}(?: --dry-run)?")
        if lines.count(fetch) != 1 or not all(line == fetch or runs.fullmatch(line) for line in lines):
            continue
        # The runs follow the fetch with nothing between: a line that names nothing may still
        # write the script (`docker container cp helper:/extras/. .`).
        start = code.index(fetch)
        last = max(k for k, line in enumerate(code) if name in line)
        if all(line == fetch or runs.fullmatch(line) or not line for line in code[start : last + 1]):
            found.add(name)
    return found


def program_problem(words: Sequence[str], catalog: Catalog, shell: PageShell, scripts: set[str]) -> str:
    """Why a copied block may not run this command ("" when it may). `words` start at the program."""
    program = words[0]
    if program in ("docker", "for") or program in shell.functions:
        return ""
    if (spec := catalog.programs.get(program)) is not None:
        return arguments_problem(program, words[1:], spec, catalog)
    base = program.rsplit("/", 1)[-1]
    if base in catalog.shells:
        script = next((w for w in words[1:] if not w.startswith("-")), "")
        if script in scripts:
            return ""
        if script in catalog.scripts:
            return f"`{base} {script}` runs a script this block does not fetch from {catalog.scripts[script]}"
        return f"`{base}` runs a script or a string no check reads: only `-c '…'` and Docker's own scripts"
    return (
        f"`{program[:40]}` is not a program a copied block may run (data/cli-rules.yaml `programs`): "
        "the checks cannot tell what it runs"
    )


def arguments_problem(
    program: str,
    arguments: Sequence[str],
    spec: dict,
    catalog: Catalog,
    host: Callable[[str], str | None] | None = None,
    in_container: bool = False,
) -> str:
    """What an allowed program may not be given: an option data/cli-rules.yaml does not list for
    it, a first word that is not one of its verbs, a file it writes outside the allowed folders.
    `in_container`: the program runs in a container, whose paths are its own but those `host` gives
    as the current folder's path they are."""
    options = spec.get("options") or []
    plain = [word for word in arguments if not _is_option(word)]
    for word in arguments:
        if _is_option(word) and not _listed(word, options):
            return f"`{program} {word[:30]}`: an option data/cli-rules.yaml does not list for `{program}`"
    given = spec.get("values") or {}
    for k, word in enumerate(arguments):
        option, eq, joined = word.partition("=")
        if option in given and _is_option(word):
            value = joined if eq else (arguments[k + 1] if k + 1 < len(arguments) else "")
            if not _allowed(value, given[option], catalog):
                return (
                    f"`{program} {option} {value[:40]}`: a value data/cli-rules.yaml `values` does not list for "
                    f"`{program} {option}` (the reader's own `<...>`, or one of: "
                    + (", ".join(f"`{item}`" for item in given[option]) or "none")
                    + ")"
                )
    if spec.get("literal") and (made := next((word for word in arguments if "$" in word), "")):
        return f"`{program} {made[:30]}`: a word the shell fills in (a URL would carry what it read)"
    names = spec.get("names_only")
    for word in plain:
        if (names is True and ("/" in word or ":" in word)) or (names == "local" and ":" in word):
            return f"`{program} {word[:30]}`: `{program}` takes names here, not a path or another machine's"
    if (count := spec.get("operands")) is not None and len(plain) != count:
        return f"`{program}` with {len(plain)} words: data/cli-rules.yaml gives it exactly {count}"
    verbs = spec.get("verbs")
    if verbs is not None and (not plain or plain[0] not in verbs):
        return f"`{program} {plain[0][:30]}`: not one of the verbs data/cli-rules.yaml lists for `{program}`"
    listed = spec.get("names")
    # (the file an option writes is no name: `writes` below holds it)
    written = {arguments[k + 1] for k, w in enumerate(arguments[:-1]) if w == spec.get("writes")}
    named = [w for w in plain[verbs is not None :] if w not in written]
    if listed is not None and (other := next((w for w in named if w not in listed), "")):
        return f"`{program} … {other[:30]}`: not one of the names data/cli-rules.yaml lists for `{program}`"
    writes = spec.get("writes")
    targets: list[str] = []
    if writes == "last" and plain:
        targets = plain[-1:]
    elif writes == "all":
        targets = plain
    elif writes:
        targets = [arguments[k + 1] for k, word in enumerate(arguments[:-1]) if word == writes]
    if in_container:  # in a container: only its paths under the current folder are the reader's
        mapped = [(host(t) if host is not None else None, t) for t in targets]
        targets = [m for m, _ in mapped if m is not None]
        if (fills := spec.get("fills")) and host is not None:
            # it writes files into a folder under names the line does not spell: a container's own only
            given = [arguments[k + 1] for k, w in enumerate(arguments[:-1]) if w == fills]
            folder = (plain[-1:] if fills == "last" else given) or ["."]
            if (into := host(folder[-1])) is not None:
                return (
                    f"`{program}` writes into `{folder[-1][:40]}`, the current folder's `{into[:40]}`: in a "
                    "container it may write only the container's own paths (it can fill a folder with names "
                    "the line does not spell)"
                )
    for target in targets:
        if not writable(target, catalog):
            return _unwritable(program, target, catalog)
    # What lands in the current folder goes into the image a build of it makes, and on to a
    # registry with `--push`: a reader's key or token must not be brought in.
    if in_container:
        plain = [(host(w) if host is not None else None) or "/" for w in plain]
    outside = next((word for word in plain[:-1] if not _here(word)), "")
    if spec.get("copies") and len(plain) > 1 and _here(plain[-1]) and outside:
        return f"`{program}` copies `{outside[:40]}` into the current folder: only its own files may be copied there"
    return ""


_HERE = re.compile(r"\./?|(?:\./)?(?:[\w.-]|<[a-z][a-z0-9-]*>)+(?:/(?:[\w.-]|<[a-z][a-z0-9-]*>)+)*/?")


def _here(word: str) -> bool:
    """A file or folder of the current folder (`.`, `name`, `./name/`, `<file>`)."""
    return bool(_HERE.fullmatch(word)) and ".." not in word


def _is_option(word: str) -> bool:
    return word.startswith("-") and word != "-"


def _listed(word: str, options: Sequence[str]) -> bool:
    """An option as listed, a long one with its value after `=`, or a letter with its value joined
    (`-d:`, `-f2`: no letters after the option's own)."""
    if word in options or word.split("=", 1)[0] in options:
        return True
    return any(len(o) == 2 and word.startswith(o) and not any(c.isalpha() for c in word[2:]) for o in options)


# A file in the current folder: a plain name (no `/`, not hidden), placeholders allowed.
PLAIN_FILE = re.compile(r"(?:[A-Za-z0-9_]|<[a-z][a-z0-9-]*>)(?:[A-Za-z0-9_.-]|<[a-z][a-z0-9-]*>)*")


def writable(target: str, catalog: Catalog, exported: bool = False) -> bool:
    """Whether a copied block may write this file: one in the current folder, `/dev/null`, or
    one under a folder of data/cli-rules.yaml `write_folders` (no `..` out of it); a context file
    only when `exported` by `docker context export`."""
    if catalog.is_config_file(target) and not (exported and target.lower().endswith(".dockercontext")):
        return False  # docker reads it as a program of what it does (data/cli-rules.yaml `config_files`)
    if target in (".", "/dev/null") or PLAIN_FILE.fullmatch(target.removeprefix("./")):
        return True
    return ".." not in target and any(target.startswith(folder) for folder in catalog.write_folders)


def _unwritable(program: str, target: str, catalog: Catalog) -> str:
    if catalog.is_config_file(target):
        return f"`{program}` writes `{target[:40]}`, a file docker reads as what to write, mount and run"
    return f"`{program}` writes `{target[:40]}`: a block may write only in the current folder or {_folders(catalog)}"


def _folders(catalog: Catalog) -> str:
    return ", ".join(f"`{folder}`" for folder in catalog.write_folders) or "nowhere else"


def _segments(line: str) -> list[tuple[str, str]]:
    """A line's commands at its top level, each with the operator before it (`|`, `&&`, `;` …)."""
    out: list[tuple[str, str]] = []
    start, quote, depth, before, i = 0, "", 0, "", 0
    while i < len(line):
        c = line[i]
        if quote:
            quote = "" if c == quote else quote
        elif c in "'\"":
            quote = c
        elif line.startswith("$(", i):
            depth += 1
            i += 1
        elif c == ")" and depth:
            depth -= 1
        elif not depth and c in "|;&":
            operator = line[i : i + 2] if line[i : i + 2] in ("||", "&&") else c
            if operator == "&" and (line[i - 1 : i] in "<>" or line[i + 1 : i + 2] == ">"):
                i += 1
                continue  # `2>&1`, `&>`
            out.append((before, line[start:i]))
            before, start = operator, i + len(operator)
            i += len(operator)
            continue
        i += 1
    out.append((before, line[start:]))
    return out


# Text that hands no input: quoted strings and placeholders (`<container>`); a `<` left is input.
_NO_INPUT = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"|<[A-Za-z][\w.:/@-]*>")


def input_problems(line: str, catalog: Catalog, block_writes: frozenset[str] = frozenset()) -> list[str]:
    """Input handed to a program (a pipe, a here-document, `<`) goes only to the programs
    data/cli-rules.yaml `reads_input` lists, which read it as data: never to one that runs it
    (`newgrp`, `.`), and into `xargs` only docker's own ids. `block_writes`: the files the block's own
    programs other than docker write, which no container's program that runs its input reads."""
    problems = []
    segments = _segments(line)
    for k, (before, code) in enumerate(segments):
        fed = before == "|" or "<" in _NO_INPUT.sub("", code)
        if not fed:
            continue
        commands = split_commands(code)
        written = commands[-1] if commands else ()
        words = list(cmd.strip_prefix(written, catalog))
        program = words[0] if words else ""
        if "xargs" in written:
            source = segments[k - 1][1] if k else ""
            flags = _docker_output(source.strip(), catalog) if before == "|" else None
            if flags is None or "quiet" not in flags:
                problems.append("`xargs` puts its input into docker's words: feed it only docker's ids (`… -q`)")
            continue
        piped = before == "|" or "<<" in _NO_INPUT.sub("", code)
        fed_from = _FROM_FILE.search(_NO_INPUT.sub("", code))
        own = fed_from is not None and fed_from.group(1).removeprefix("./") in block_writes
        if program == "docker" and (piped or own) and (runs := _runs_input(words, catalog)):
            problems.append(
                f"input into `{runs}` in a container, which runs it as code (a shell's commands, "
                "`psql`'s statements): only `< file` of the current folder that the block does not write, "
                "as the pages restore a dump"
            )
        if program not in catalog.reads_input:
            problems.append(
                f"input into `{program or code.strip()[:20]}`: only the programs data/cli-rules.yaml "
                "`reads_input` lists take a pipe, a here-document or `<` (others may run it)"
            )
    return problems


_FROM_FILE = re.compile(r"(?<![<0-9&])<\s*([^\s<>|;&()]+)")


def _runs_input(words: Sequence[str], catalog: Catalog) -> str:
    """The program of a docker command's container that runs its input as code: a shell alone,
    or one data/cli-rules.yaml `container_programs` marks `runs_input` (`psql`); "" for none."""
    inv = cmd.parse(words, catalog)
    if inv.canonical not in catalog.stop_at_argument and inv.canonical != "docker service create":
        return ""
    rest = list(inv.arguments[1:])
    rest = rest[1:] if rest[:1] == ["--"] else rest
    entry = inv.values.get("--entrypoint", [])
    rest = ([entry[-1]] if entry and entry[-1] else []) + rest
    program = rest[0] if rest else ""
    if (program in catalog.shells and len(rest) == 1) or catalog.container_programs.get(program, {}).get("runs_input"):
        return program
    return ""


# `container:path` (a name without `/`), as `docker container cp` reads its words.
_CONTAINER_PATH = re.compile(r"[^/:]+:")


def docker_write_problems(words: Sequence[str], inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """Files a docker command writes on the reader's machine outside the folders a block may write."""
    spec = catalog.docker_writes.get(inv.canonical or "")
    if not spec:
        return []
    targets = []
    for k, word in enumerate(words):
        name, _, joined = word.partition("=")
        if name in spec and name.startswith("-"):
            value = joined or (words[k + 1] if k + 1 < len(words) else "")
            if name == "--set" and "output" not in value:
                continue  # bake's other settings
            # a `--output` spec: `type=local,dest=path`, or a path
            dest = next((part[5:] for part in value.split(",") if part.startswith("dest=")), value)
            targets.append(dest)
    last = inv.arguments[-1] if inv.arguments else ""
    if "last" in spec and last and not _CONTAINER_PATH.match(last):
        targets.append(last)
        if any(_CONTAINER_PATH.match(word) and word.rstrip("/").endswith("/.") for word in inv.arguments[:-1]):
            # `container:/home/app/.` copies the folder's contents, its dotfiles too (`.bashrc`,
            # `.ssh/`), into the reader's folder: only a named file or folder comes out whole.
            return [f"`{inv.path}` copies a folder's contents (`/.`) into the reader's folder: name the file or folder"]
        if last in (".", "./"):
            # Into the current folder a copy keeps its source's name, which the container chose
            # (`helper:/compose.yaml .`): that name is what is written, and `/` has none.
            for source in (w for w in inv.arguments[:-1] if _CONTAINER_PATH.match(w)):
                name = source.split(":", 1)[1].rstrip("/").rsplit("/", 1)[-1]
                if name in ("", "."):
                    return [f"`{inv.path}` copies a container's whole folder into the reader's: name the file"]
                targets.append(name)
    return [
        _unwritable(inv.path, target, catalog)
        for target in targets
        if target
        and target != "-"
        and not target.startswith("type=")
        and not writable(target, catalog)
        # the reader's own context, exported by name into the current folder for `context import`
        and not (inv.canonical == "docker context export" and writable(target, catalog, exported=True))
    ]


def docker_read_problems(words: Sequence[str], inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """What a docker command reads from the reader's machine and may send on (data/cli-rules.yaml
    `docker_reads`): only the current folder or below, or an address; a build that gets a secret
    or the SSH agent does not take its Dockerfile from the block."""
    spec = catalog.docker_reads.get(inv.canonical or "", [])
    read: list[str] = []
    if "context" in spec and inv.arguments:
        read.append(inv.arguments[-1])
    if "sources" in spec and len(inv.arguments) > 1 and _CONTAINER_PATH.match(inv.arguments[-1]):
        read += inv.arguments[:-1]
    values = inv.values
    for flag in (f for f in spec if f.startswith("-")):
        read += [value.partition("=")[2] if flag == "--build-context" else value for value in values.get(flag, [])]
    problems = [
        f"`{inv.path}` reads `{path[:40]}`: docker may send on only the current folder's files or an address"
        for path in read
        if not (path == "-" or path.startswith(("https://", "git@", "docker-image://")) or _here(path))
    ]
    if inv.canonical == "docker context import" and len(inv.arguments) > 1:
        given = inv.arguments[1]
        own = reader_own(given) or (PLAIN_FILE.fullmatch(given) and given.lower().endswith(".dockercontext"))
        if not own:
            problems.append(
                f"`docker context import` of `{given[:40]}`: only a context file the reader exported "
                "(`<file>`, or a `.dockercontext` no block writes)"
            )
    stdin = "-" in values.get("--file", []) or inv.arguments[-1:] == ["-"]
    if stdin and any(inv.path == r or (inv.canonical or "").startswith(r + " ") for r in catalog.config_readers):
        problems.append(f"`{inv.path}` reads its file from the block: it names what docker writes, mounts and runs")
    remote = "context" in spec and inv.arguments[-1:] and not _here(inv.arguments[-1]) and inv.arguments[-1] != "-"
    if ("secret" in inv.flags or "ssh" in inv.flags) and remote:
        problems.append(
            f"`{inv.path}` hands a secret or the SSH agent to a build of `{inv.arguments[-1][:40]}`: "
            "another's Dockerfile could send it on"
        )
    if ("secret" in inv.flags or "ssh" in inv.flags) and stdin:
        problems.append(
            f"`{inv.path}` hands a secret or the SSH agent to a Dockerfile the block writes: its `RUN` could send it on"
        )
    return problems


def unlisted_flags(inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """The flags of a docker command that data/cli-rules.yaml `copied_flags` does not list for it
    (docker's global options are held to `global_reach` instead, whatever command follows)."""
    listed = catalog.copied_flags.get(inv.canonical or "", [])
    return [
        f"`{inv.path} --{flag}`: a flag data/cli-rules.yaml `copied_flags` does not list for a copied block"
        for flag in dict.fromkeys(inv.flags)
        if flag not in listed and flag not in catalog.global_flags.by_long
    ]


def value_problems(inv: cmd.Invocation, catalog: Catalog) -> list[tuple[str, str]]:
    """The values of a docker command's listed flags that data/cli-rules.yaml `copied_values` does
    not allow, each with its fix: a literal the pages use, a shape of `value_shapes`, or the
    reader's own; a mapping's flag read key by key as docker reads it (CSV of `key=value`)."""
    canonical = inv.canonical or ""
    listed = catalog.copied_flags.get(canonical, [])
    rules = catalog.copied_values.get(canonical, {})
    sets = [catalog.flags(canonical)] if canonical else []
    if inv.path.startswith("docker compose"):
        sets.append(catalog.flags("docker compose"))  # the group's options, given before its command
    problems = []
    for key, values in inv.values.items():
        found = (flags.find(key) for flags in sets) if key.startswith("--") else iter(())
        flag = next((f for f in found if f is not None), None)
        if flag is None or not flag.takes_value or flag.name not in listed:
            continue  # a global option (`global_reach`), or a flag `unlisted_flags` reports
        allowed = rules.get(flag.name, [])
        for value in values:
            bad, items = _value_problem(value, allowed, catalog)
            if bad is None:
                continue
            shown = ", ".join(f"`{item}`" for item in items[:8]) or "none: only the reader's own"
            problems.append(
                (
                    f"`{inv.path} --{flag.name} {value[:60]}`: "
                    + (f"`{bad[:40]}` is" if bad != value else "this value is")
                    + " not one the pages use (data/cli-rules.yaml `copied_values`)",
                    f"use a placeholder `<...>` or one of: {shown}",
                )
            )
    return problems


def _csv_fields(value: str) -> list[str] | None:
    """A `key=value,…` value's fields as docker reads them (CSV); None when CSV cannot read it (a
    line break inside quotes), which docker refuses too."""
    try:
        return next(csv.reader([value]), [])
    except csv.Error:
        return None


def _value_problem(
    value: str, allowed: list[str] | dict[str, list[str]], catalog: Catalog
) -> tuple[str | None, list[str]]:
    """The part of a value that is not allowed (None when all is), and what would be."""
    if not isinstance(allowed, dict):
        return (None, []) if _allowed(value, allowed, catalog) else (value, allowed)
    parts = _csv_fields(value)
    if parts is None:
        return value, [f"{k}=…" for k in allowed]
    for part in parts or [""]:
        key, eq, given = part.partition("=")
        if key not in allowed:
            return part, [f"{k}=…" for k in allowed]
        if not _allowed(given, allowed[key], catalog) or (not eq and "" not in allowed[key]):
            return part, [f"{key}={item}" if item else key for item in allowed[key]]
    return None, []


def _allowed(value: str, items: Sequence[str], catalog: Catalog) -> bool:
    """A literal listed, a value of a listed shape (`@size`), or the reader's own."""
    if value in items or reader_own(value):
        return True
    if "@config_file" in items and PLAIN_FILE.fullmatch(value) and catalog.is_config_file(value):
        return True  # a file docker reads by name, which no block may write: the reader's own
    shapes = (catalog.value_shapes.get(item[1:]) for item in items if item.startswith("@"))
    return any(shape is not None and shape.fullmatch(value) for shape in shapes)


def reach_problems(words: Sequence[str], inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """Where a docker command sends the reader's machine or data (data/cli-rules.yaml): a global
    option that moves every command to another daemon or client config takes only the reader's
    own value; a host folder a container gets is the current folder (or a listed one); a login or
    a push goes to a listed registry, the reader's own (a placeholder) or Docker Hub; a bake or
    Compose file is the current folder's."""
    problems: list[str] = []
    values = inv.values
    for flag, allowed in catalog.global_reach.items():
        for value in values.get(f"docker {flag}", []):
            if value not in allowed and not reader_own(value):
                problems.append(f"`docker {flag} {value[:30]}`: every command would go to another daemon or config")
    for value in values.get("--volume", []) + values.get("--mount", []):
        source = _mount_source(value)
        if source is not None and not _reader_folder(source, catalog):
            problems.append(f"`{inv.path}` gives the container the host's `{source[:40]}`: only the current folder")
    problems += _host_access_problems(values, inv, catalog)
    registries: list[str] = []
    if inv.canonical == "docker login":  # its host (`jane@example.com` is an old `--email`'s value)
        registries += [a for a in inv.arguments if re.fullmatch(r"[A-Za-z0-9.<>-]+(?::[0-9]+)?", a)]
    elif inv.canonical in ("docker image push", "docker manifest push"):
        registries += inv.arguments[:1]
    elif "push" in inv.flags and inv.canonical in ("docker buildx build", "docker compose build"):
        registries += values.get("--tag", [])
    for name in registries:
        host = name.split("/", 1)[0] if "/" in name else ""
        registry = "." in host or ":" in host or host == "localhost"  # else Docker Hub's account
        if host and not registry and not reader_own(host):
            # Docker Hub, under an account the page names: the image (and the folder built into
            # it) would go to someone's account, not the reader's (`<account>/myapp`).
            problems.append(f"`{inv.path}` sends to Docker Hub's `{host[:30]}`: only the reader's own (`<account>/…`)")
        elif registry and not reader_own(host):
            if host.split(":", 1)[0] not in catalog.login_registries and host not in catalog.login_registries:
                problems.append(f"`{inv.path}` sends to `{host[:40]}`, a registry data/cli-rules.yaml does not list")
        elif inv.canonical == "docker login" and name and not reader_own(name) and name not in catalog.login_registries:
            problems.append(f"`docker login {name[:40]}`: a password typed or fed goes to a host not listed")
    # The names a command gives the image it makes: the last word (tag, commit, import), the first
    # (a manifest list), or `--tag`.
    last = ("docker image tag", "docker container commit", "docker image import")
    named = inv.arguments[-1:] if inv.canonical in last else []
    named += inv.arguments[:1] if inv.canonical == "docker manifest create" else []
    named += values.get("--tag", [])
    host_images = {image.split(":", 1)[0] for image in catalog.host_access.get("images", {})}
    problems += [
        f"`{inv.path}` names an image `{n[:30]}`, which data/cli-rules.yaml `host_access` trusts with the host: "
        "use a name of your own"
        for n in named
        if n.split(":", 1)[0] in host_images and not reader_own(n)
    ]
    image = inv.arguments[0] if inv.arguments else ""
    if inv.canonical == "docker service create" and "secret" in inv.flags and "/" in image and not reader_own(image):
        # An account's image reads the secret as the service's own: only Docker's official images
        # (no account in the name) or the reader's own (`<image>`).
        problems.append(f"`{inv.path}` hands a secret to `{image[:40]}`: only an official image or `<image>`")
    if inv.canonical in catalog.reader_hosts:
        words_given = [*inv.arguments, *(v for vs in values.values() for v in vs)]
        named = [w for w in words_given if _OTHER_MACHINE.search(w) and not reader_own(w)]
        problems += [
            f"`{inv.path}` joins the reader's machine to `{w[:40]}`: only the reader's own (`<host>`)" for w in named
        ]
    if inv.canonical == "docker plugin install":
        problems += [
            f"`docker plugin install {a[:40]}`: a plugin data/cli-rules.yaml `plugins` does not list"
            for a in inv.arguments
            if a not in catalog.plugins and not reader_own(a)
        ]
    if any(inv.path == r or (inv.canonical or "").startswith(r + " ") for r in catalog.config_readers):
        files = values.get("--file", [])
        remote = [f for f in files + inv.arguments if "://" in f or f.startswith(("git@", "oci:"))]
        problems += [f"`{inv.path}` reads its file from `{f[:40]}`: only the current folder's" for f in remote]
    return problems


# Another machine in a word: an address with a scheme, a host and port, an IPv4 address, or a
# dotted host name; none holding a placeholder.
_OTHER_MACHINE = re.compile(r"^(?:.*://|.*@|[\w.-]+:\d+$|\d+\.\d+\.\d+\.\d+|[\w-]+(?:\.[\w-]+)+$)")


_NAMESPACES = {"pid": "pid", "network": "network", "net": "network", "ipc": "ipc", "uts": "uts", "userns": "userns"}


def _host_access_problems(values: dict[str, list[str]], inv: cmd.Invocation, catalog: Catalog) -> list[str]:
    """Options that give a container the host itself, only as data/cli-rules.yaml `host_access`
    lists them: with the images that need them (run as published), and the listed capabilities
    and devices, no `unconfined` profile."""
    rules = catalog.host_access
    taken = host_access_taken(values, inv, catalog)
    image = inv.arguments[0] if inv.arguments else ""
    command = " ".join(inv.arguments[1:])
    problems = []
    if taken and (not taken <= set(rules.get("images", {}).get(image, [])) or "entrypoint" in inv.flags):
        problems.append(
            f"`{inv.path}` gives `{image[:30]}` the host ({', '.join(sorted(taken))}): only the images "
            "data/cli-rules.yaml `host_access` lists, run as published"
        )
    elif taken and not _published(image, inv.arguments[1:], rules.get("commands", {}).get(image, [""]), catalog):
        problems.append(
            f"`{inv.path}` gives `{image[:30]}` the host and runs `{command[:40]}` in it: only as published, "
            "or with the words data/cli-rules.yaml `host_access` `commands` lists for it"
        )
    mounts = values.get("--volume", []) + values.get("--mount", [])
    given = [m for m in mounts if _mount_source(m) not in catalog.host_mounts] + values.get("--volumes-from", [])
    if taken and given:
        # As published means with its own files: a config the block mounts in (an nginx.conf that
        # proxies the host's network on) would make the image do what the block says.
        problems.append(
            f"`{inv.path}` gives `{image[:30]}` the host and mounts `{given[0][:40]}` into it: run it as published"
        )
    extra = [v for v in values.get("--cap-add", []) if v not in rules.get("capabilities", [])]
    extra += [v for v in values.get("--device", []) if v not in rules.get("devices", [])]
    extra += [v for v in values.get("--security-opt", []) if "unconfined" in v]
    problems += [f"`{inv.path}` gives the container `{v[:30]}`, which data/cli-rules.yaml does not list" for v in extra]
    return problems


def host_access_taken(values: dict[str, list[str]], inv: cmd.Invocation, catalog: Catalog) -> set[str]:
    """What of the host a docker command gives its container (privileged, namespaces, the socket)."""
    taken = {"privileged"} if "privileged" in inv.flags else set()
    for written, namespace in _NAMESPACES.items():
        if "host" in values.get(f"--{written}", []):
            taken.add(namespace)
    mounts = inv.values.get("--volume", []) + inv.values.get("--mount", [])
    if "use-api-socket" in inv.flags or any(_mount_source(v) in catalog.host_mounts for v in mounts):
        taken.add("socket")  # docker's own socket: whatever runs there is root on the host
    return taken


def _published(image: str, words: Sequence[str], listed: Sequence[str], catalog: Catalog) -> bool:
    """An image with the host run with the words data lists for it after the image (none unless
    listed); `docker` there: a docker command, which the checks read as they read the block's."""
    first = words[0] if words else ""
    docker = first == "docker" or bool(
        first and (catalog.canonical(f"docker {first}") or catalog.is_group(f"docker {first}"))
    )
    return " ".join(words) in listed or ("docker" in listed and docker)


def reader_own(value: str) -> bool:
    """Whether a value names only the reader's own machine: its names are all placeholders
    (`ssh://<host>`, `<ssh-user>@<host>:2377`, `host=ssh://<host>`), not a name of the page's
    beside one (`<account>.example.net`, `ssh://<account>@example.net`)."""
    rest = re.sub(r"^host=", "", re.sub(r"<[a-z][a-z0-9-]*>", "", value))
    rest = re.sub(r"[@:/0-9]", "", re.sub(r"^[a-z]+://", "", rest))
    return "<" in value and rest == ""


def _mount_source(value: str) -> str | None:
    """The host side of `-v src:dst[:opts]` or `--mount type=bind,src=…`; None for a volume's name
    or a tmpfs."""
    if "=" in value.split(",", 1)[0]:  # --mount's key=value list, read as docker reads it: CSV
        parts = _csv_fields(value)
        if parts is None:
            return "a value docker cannot read as fields"
        fields = {key.strip().lower(): val for key, _, val in (part.partition("=") for part in parts)}
        if fields.get("type", "volume").lower() != "bind":
            return None if not any(key.startswith("volume-opt") for key in fields) else "a volume's device"
        return fields.get("source") or fields.get("src") or ""
    source = value.split(":", 1)[0] if ":" in value else ""
    return source if source and not re.fullmatch(r"[A-Za-z0-9][\w.-]*", source) else None


def _reader_folder(source: str, catalog: Catalog) -> bool:
    """The current folder (`$(pwd)`, `$PWD`, `.`, cmd's `%cd%`, and folders in it), the reader's own
    (a placeholder), or a host path data/cli-rules.yaml `host_mounts` lists."""
    rest = re.sub(r"^(?:\$\(pwd\)|\$\{?PWD\}?|%cd%|\.)", ".", source, count=1)
    return source in catalog.host_mounts or source.startswith("<") or (rest.startswith(".") and _here(rest))


def wrapper_problem(words: Sequence[str], catalog: Catalog) -> str:
    """An option of a wrapper (`sudo`, `env`, `xargs` …) that data/cli-rules.yaml does not list."""
    k = 0
    while k < len(words):
        word = words[k]
        k += 1
        if word not in catalog.wrappers:
            if not _ASSIGNMENT.fullmatch(word):
                break
            continue
        takes_value = [] if word == "xargs" else catalog.wrappers[word]  # xargs: its input is the words
        while k < len(words) and _is_option(words[k]):
            option = words[k]
            if option in takes_value:
                k += 2
            elif option in catalog.wrapper_flags.get(word, []):
                k += 1
            else:
                return f"`{word} {option[:20]}`: an option data/cli-rules.yaml does not list for `{word}`"
        k += sum(1 for item in takes_value if not item.startswith("-"))
    return ""


def assignment_problems(words: Sequence[str], catalog: Catalog) -> list[str]:
    """The assignments of a command (`NAME=value cmd`, `export NAME=value`) and the words of a
    `for` loop a copied block may not write: a name the shell or a program acts on, a value that
    reads as a flag where a variable stands, or an array subscript (arithmetic runs what is in it)."""
    problems = []
    exported = len(words) > 1 and words[0] == "export"
    for word in _prefix_words(words, catalog):
        assignment = _ASSIGNMENT.fullmatch(word)
        if assignment is None:
            if exported:
                continue  # `export NAME=value NAME2`: every word is a name
            break
        name, value = assignment.groups()
        if name not in catalog.assignable:
            problems.append(
                f"assigns `{name}`, a name the pages do not use (data/cli-rules.yaml `assignable`): "
                "the shell or a program may act on it by itself"
            )
        if value.startswith("-"):
            problems.append(f"`{name}` holds `{value[:20]}`: where `${name}` stands, docker reads a flag unseen")
        if "[" in value:
            problems.append(f"`{name}` holds a `[`: arithmetic on it runs what its subscript holds")
        for inner in _SUBSTITUTIONS.findall(value):
            if _docker_output(inner, catalog, listing=False) is None:
                problems.append(
                    f"`{name}` holds what `{inner[:30]}` prints, which may be a flag where `${name}` stands: "
                    "only docker's own output, without `--format`"
                )
    if len(words) > 2 and words[0] == "for" and words[2] == "in":
        if words[1] not in catalog.assignable:
            problems.append(f"the loop's name `{words[1]}` is not one the pages use (data/cli-rules.yaml `assignable`)")
        for word in words[3:]:
            if word.startswith("-"):
                problems.append(f"the loop's word `{word[:20]}` reads as a flag where its variable stands")
            elif "$" in word and not _lists_ids(word, PageShell(), catalog):
                # A value the checks cannot know (`$(cat file)`) would stand as flags, or as code
                # in `$((…))`, wherever the loop's variable does.
                problems.append(
                    f"the loop's word `{word[:30]}` is made by the shell: "
                    "write the words, or docker's ids (`$(docker … -q)`)"
                )
    return problems


def _prefix_words(words: Sequence[str], catalog: Catalog) -> list[str]:
    """The words before the program a command runs: its assignments, also those a wrapper takes
    (`env NAME=value docker …`, `sudo NAME=value …` set them for the program as `NAME=value` does),
    without the wrappers and their options."""
    out: list[str] = []
    k = 0
    while k < len(words):
        word = words[k]
        if word in catalog.wrappers and word != "xargs":
            takes_value = catalog.wrappers[word]
            k += 1
            while k < len(words) and _is_option(words[k]):
                k += 2 if words[k] in takes_value else 1
            continue
        out.append(word)
        if not _ASSIGNMENT.fullmatch(word) and out[0] != "export":
            break
        k += 1
    return out


def expansion_problems(arguments: Sequence[str], in_body: bool, shell: PageShell, catalog: Catalog) -> list[str]:
    """Words the shell makes where docker reads operands, and so could read a flag: a function's
    arguments outside its body, a substitution that prints anything but docker's ids."""
    problems = []
    for word in arguments:
        if not word.startswith("$"):
            continue
        if _POSITIONAL.match(word) and not in_body:
            problems.append(f"`{word}` where docker reads flags: the shell's arguments could be any")
        elif _SPECIAL.match(word):
            problems.append(f"`{word}` where docker reads flags: the shell fills it from the command before")
        elif word.startswith("$(") and not word.startswith("$((") and not _lists_ids(word, shell, catalog):
            problems.append(
                f"`{word[:40]}` where docker reads flags: a substitution may print one; "
                "only docker's own ids (`$(docker … -q)`) may stand there"
            )
    return problems


def _docker_output(code: str, catalog: Catalog, listing: bool = True) -> list[str] | None:
    """The flags of the docker listing a substitution runs first (data/cli-rules.yaml
    `lists_ids`, or `prints_facts` when not `listing`), or None when it runs another program or
    command first, or docker with `--format`, which prints any text it is given (`--all`)."""
    commands = split_commands(code)
    if not commands or commands[0][:1] != ("docker",):
        return None
    inv = cmd.parse(commands[0], catalog)
    if "format" in inv.flags or "output" in inv.flags:
        return None  # `--format` prints any text; `build -q -o -` writes the build's files out
    if inv.canonical not in (catalog.lists_ids if listing else catalog.prints_facts):
        return None  # `docker container run -q alpine echo --all` prints what the container says
    return inv.flags


def _lists_ids(word: str, shell: PageShell, catalog: Catalog) -> bool:
    """`$(docker … -q)` (without `--format`, which prints any text), or `$(name)` of a page's
    function that runs only such a command."""
    inner = word[2:-1] if word.startswith("$(") and word.endswith(")") else ""
    if (flags := _docker_output(inner, catalog)) is not None and "quiet" in flags:
        return True
    body = shell.functions.get(inner.strip())
    return bool(body) and all(_lists_ids(f"$({' '.join(words)})", PageShell(), catalog) for words in body or [])
