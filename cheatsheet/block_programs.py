"""What a copied shell block may run, read as the shell reads it: the programs data/cli-rules.yaml
allows, the page's own functions (each call checked as the commands it runs, its arguments put in
for `"$@"` and `"$1"`), the variables a block may assign, and the words the shell makes where
docker reads flags. An allow-list: what it does not name fails the build on its line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .catalog import Catalog
from .findings import COPIED_SHELL_LANGS, SESSION_LANGS
from .page import Fence
from .shell import logical_lines, split_commands

# `name() {` on a line of its own, the one form of a function the pages write (shell_syntax
# refuses the others).
_FUNCTION = re.compile(r"[ ]*([a-z_][a-z0-9_-]*)\(\)[ ]*\{[ ]*$")
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)", re.S)
_POSITIONAL = re.compile(r"\$(?:[1-9@*]|\{[1-9@*]\})")
# What shells run by themselves, whatever the page calls them: zsh's and bash's hooks.
_HOOKS = re.compile(r"command_not_found_handler?|precmd|preexec|chpwd|periodic|zshaddhistory|zshexit|TRAP\w*")
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash", "ksh"})
# A substitution that lists docker's own ids: its words cannot be flags.
_LISTS_IDS = re.compile(r"\$\(docker [^()]*(?: -q\b| --quiet\b| -[a-z]*q[a-z]*\b)[^()]*\)")


@dataclass
class PageShell:
    """The functions a page defines in its copied shell blocks, and the lines of their bodies."""

    functions: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    defined: list[tuple[int, str]] = field(default_factory=list)  # (line, name)
    body_lines: set[int] = field(default_factory=set)
    calling: set[str] = field(default_factory=set)  # functions whose calls are being read


def page_shell(fences: Sequence[Fence]) -> PageShell:
    found = PageShell()
    for fence in fences:
        if fence.lang not in COPIED_SHELL_LANGS:
            continue
        name = ""
        for number, line in logical_lines(fence.lines, fence.line + 1, fence.lang in SESSION_LANGS):
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


def function_problem(name: str, catalog: Catalog) -> str:
    """Why a function may not have this name ("" when it may)."""
    if name in {"docker", *SHELLS, *catalog.programs, *catalog.wrappers, *catalog.scripts}:
        return f"a function named `{name}`: the checks read that name as the program it names"
    if _HOOKS.fullmatch(name):
        return f"a function named `{name}`: the shell calls it by itself, so what it runs is never seen"
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
    """The scripts of data/cli-rules.yaml this block fetches from their own address."""
    text = "\n".join(fence.lines)
    return {
        name
        for name, url in catalog.scripts.items()
        if re.search(rf"(?m)^[^#\n]*\bcurl [^\n#]*{re.escape(url)}/?(?= )[^\n#]* -o {re.escape(name)}(?: |$)", text)
    }


def program_problem(words: Sequence[str], catalog: Catalog, shell: PageShell, scripts: set[str]) -> str:
    """Why a copied block may not run this command ("" when it may). `words` start at the program."""
    program = words[0]
    if program in ("docker", "for") or program in catalog.programs or program in shell.functions:
        return ""
    base = program.rsplit("/", 1)[-1]
    if base in SHELLS:
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


def option_problem(words: Sequence[str], catalog: Catalog) -> str:
    """An option that makes an allowed program run or assign text (`env -S`, `printf -v`)."""
    for k, word in enumerate(words):
        refused = catalog.refused_options.get(word)
        if not refused:
            continue
        for option in words[k + 1 :]:
            if not option.startswith("-"):
                break
            if any(option == r or (option.startswith(r) and not r.startswith("--")) for r in refused):
                return f"`{word} {option[:20]}`: it runs or assigns text the checks read as a word"
            if any(option.startswith(r + "=") for r in refused if r.startswith("--")):
                return f"`{word} {option[:20]}`: it runs or assigns text the checks read as a word"
    return ""


def assignment_problems(words: Sequence[str], catalog: Catalog) -> list[str]:
    """The assignments of a command (`NAME=value cmd`, `export NAME=value`) and the words of a
    `for` loop a copied block may not write: a name the shell or a program acts on, a value that
    reads as a flag where a variable stands, or an array subscript (arithmetic runs what is in it)."""
    problems = []
    exported = len(words) > 1 and words[0] == "export"
    for k, word in enumerate(words):
        assignment = _ASSIGNMENT.fullmatch(word)
        if assignment is None:
            if not (exported and k):
                break
            continue
        name, value = assignment.groups()
        if not catalog.assignable.fullmatch(name):
            problems.append(
                f"assigns `{name}`: a name the shell or a program acts on by itself "
                "(data/cli-rules.yaml `assignable`); use a lower-case name"
            )
        if value.startswith("-"):
            problems.append(f"`{name}` holds `{value[:20]}`: where `${name}` stands, docker reads a flag unseen")
        if "[" in value:
            problems.append(f"`{name}` holds a `[`: arithmetic on it runs what its subscript holds")
    if len(words) > 2 and words[0] == "for" and words[2] == "in":
        for word in words[3:]:
            if word.startswith("-"):
                problems.append(f"the loop's word `{word[:20]}` reads as a flag where its variable stands")
    return problems


def expansion_problems(arguments: Sequence[str], in_body: bool, shell: PageShell) -> list[str]:
    """Words the shell makes where docker reads operands, and so could read a flag: a function's
    arguments outside its body, a substitution that prints anything but docker's ids."""
    problems = []
    for word in arguments:
        if not word.startswith("$"):
            continue
        if _POSITIONAL.match(word) and not in_body:
            problems.append(f"`{word}` where docker reads flags: the shell's arguments could be any")
        elif word.startswith("$(") and not word.startswith("$((") and not _lists_ids(word, shell):
            problems.append(
                f"`{word[:40]}` where docker reads flags: a substitution may print one; "
                "only docker's own ids (`$(docker … -q)`) may stand there"
            )
    return problems


def _lists_ids(word: str, shell: PageShell) -> bool:
    """`$(docker … -q)`, or `$(name)` of a page's function that runs only such a command."""
    if _LISTS_IDS.fullmatch(word):
        return True
    body = shell.functions.get(word[2:-1].strip()) if word.endswith(")") else None
    return bool(body) and all(_LISTS_IDS.fullmatch(f"$({' '.join(words)})") for words in body or [])
