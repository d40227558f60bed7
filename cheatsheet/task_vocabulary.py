"""The task vocabulary (`data/tasks.yaml`): words readers type for a task, mapped to the commands,
flags and Dockerfile instructions that answer it, checked against the catalogue.

Search gives each phrase to the sections that teach its answer (cheatsheet/search.py), so
`copy file from container` finds the section that runs `docker container cp`. A bad entry (a
command or flag the catalogue does not know, a phrase given twice, a malformed file) is a
`Problem` with the file's line, reported like a bad page; the entry is left out and nothing
else changes. Line numbers come from the YAML nodes (`yaml.compose`), so they point at the
phrase or answer itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

import yaml

from . import data_files
from .catalog import DATA, Catalog
from .data_files import compose_yaml
from .problems import Problem

TASKS_FILE = DATA / "tasks.yaml"
ENTRY_KEYS = ("phrases", "answers")
_INSTRUCTION = re.compile(r"^[A-Z]+$")


class Answer(NamedTuple):
    """One thing that answers a task: a command (canonical path, the long names of the flags
    it needs) or a Dockerfile instruction (`kind` "instruction", `name` the instruction)."""

    kind: str  # "command" or "instruction"
    name: str  # `docker container cp`, or `ENV`
    flags: tuple[str, ...] = ()  # long names without dashes: ("rm",)
    written: str = ""  # as the file spells it


class Task(NamedTuple):
    line: int
    phrases: tuple[str, ...]
    answers: tuple[Answer, ...]


def normalise(phrase: str) -> str:
    """Phrases compare without case and extra spaces: `Copy  a File` is `copy a file`."""
    return " ".join(phrase.lower().split())


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def parse_answer(text: str, catalog: Catalog) -> tuple[Answer | None, str, str]:
    """An answer as written (`docker run --rm`, `docker cp`, `HEALTHCHECK`), checked; on failure
    (None, what is wrong, how to fix it), with the closest real command, flag or instruction."""
    words = text.split()
    if not words:
        return None, "an empty answer", "write a command such as `docker container cp` or an instruction such as `ENV`"
    if len(words) == 1 and _INSTRUCTION.match(words[0]):
        if words[0] in catalog.instructions:
            return Answer("instruction", words[0], (), text), "", ""
        guess = catalog.suggest_instruction(words[0])
        return (
            None,
            f"`{words[0]}` is not a Dockerfile instruction",
            f"did you mean `{guess}`?" if guess else "use an instruction from the Dockerfile reference",
        )
    if words[0] != "docker":
        return (
            None,
            f"`{text}` is neither a `docker …` command nor a Dockerfile instruction",
            "start commands with `docker`; write instructions in capitals (`ENV`)",
        )
    path = "docker"
    i = 1
    while i < len(words) and not words[i].startswith("-"):
        longer = f"{path} {words[i]}"
        if catalog.canonical(longer) is None and not catalog.is_group(longer):
            if catalog.canonical(path) is not None and not catalog.is_group(path):  # then an argument
                return (
                    None,
                    f"`{words[i]}` after `{catalog.canonical(path)}` is not a flag",
                    "give only the command and its flags, no arguments",
                )
            guess = catalog.suggest_subcommand(path, words[i])
            return (
                None,
                f"`{longer}` is not a Docker command",
                f"did you mean `{path} {guess}`?" if guess else f"see `{path} --help` for its commands",
            )
        path = longer
        i += 1
    canonical = catalog.canonical(path)
    if canonical is None or (catalog.is_group(path) and i == len(words)):  # `docker compose --profile` is fine
        return None, f"`{path}` is a group of commands, not a command", f"name one of its commands: `{path} <command>`"
    flags = catalog.flags(canonical)
    names: list[str] = []
    for word in words[i:]:
        written = word.split("=", 1)[0]
        if not written.startswith("-"):
            return None, f"`{word}` after `{path}` is not a flag", "give only the command and its flags, no arguments"
        bare = written.lstrip("-")
        flag = flags.find(written) or catalog.global_flags.find(written)
        if flag is None and not written.startswith("--") and len(bare) > 1:  # `-it`: every letter a short flag
            letters = [flags.by_short.get(ch) for ch in bare]
            if all(letters):
                names += [f.name for f in letters if f]
                continue
        if flag is None:
            guess = flags.suggest(bare)
            return (
                None,
                f"`{path}` has no flag `{written}`",
                f"did you mean `--{guess}`?" if guess else f"see the flags of `{path}` in its reference",
            )
        names.append(flag.name)
    return Answer("command", canonical, tuple(names), text), "", ""


def check(text: str, catalog: Catalog, path: str = "data/tasks.yaml") -> tuple[list[Task], list[Problem]]:
    """The vocabulary's valid entries and a problem for each bad one (never an exception)."""
    problems: list[Problem] = []

    def problem(line: int, what: str, fix: str) -> None:
        problems.append(Problem(path, line, what, fix))

    try:
        root = compose_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem(mark.line + 1 if mark else 1, f"the file is not valid YAML ({exc.problem})", "fix the YAML syntax")
        return [], problems
    if root is None:
        problem(1, "the file is empty", "list entries with `phrases:` and `answers:` (see the comments at its top)")
        return [], problems
    if not isinstance(root, yaml.SequenceNode):
        problem(_line(root), "the file must be a list of entries", "start each entry with `- phrases:`")
        return [], problems

    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for entry in root.value:
        line = _line(entry)
        if not isinstance(entry, yaml.MappingNode):
            problem(
                line, "an entry must have `phrases:` and `answers:`", "write `- phrases: [...]` then `answers: [...]`"
            )
            continue
        fields: dict[str, yaml.Node] = {}
        bad = False
        for key, value in entry.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name not in ENTRY_KEYS:
                problem(_line(key), f"unknown key `{name}`", f"an entry has only {' and '.join(ENTRY_KEYS)}")
                bad = True
            else:
                fields[name] = value
        for name in ENTRY_KEYS:
            node = fields.get(name)
            if node is None:
                problem(line, f"the entry has no `{name}`", f"add `{name}: [...]` to it")
                bad = True
            elif not isinstance(node, yaml.SequenceNode) or not node.value:
                problem(_line(node), f"`{name}` must be a non-empty list", f"write `{name}: [first, second]`")
                bad = True
            elif any(not isinstance(item, yaml.ScalarNode) or not str(item.value).strip() for item in node.value):
                problem(_line(node), f"every item of `{name}` must be non-empty text", "remove empty or nested items")
                bad = True
        if bad:
            continue
        phrases: list[str] = []
        for item in fields["phrases"].value:
            phrase = normalise(item.value)
            if phrase in seen:
                problem(
                    _line(item),
                    f"the phrase `{phrase}` is already listed at line {seen[phrase]}",
                    "keep one of them (a phrase answers one task)",
                )
                bad = True
                continue
            seen[phrase] = _line(item)
            phrases.append(phrase)
        answers: list[Answer] = []
        for item in fields["answers"].value:
            answer, what, fix = parse_answer(str(item.value), catalog)
            if answer is None:
                problem(_line(item), what, fix)
                bad = True
            else:
                answers.append(answer)
        if not bad:
            tasks.append(Task(line, tuple(phrases), tuple(answers)))
    return tasks, problems


def load(
    catalog: Catalog, path: Path = TASKS_FILE, shown_as: str = "data/tasks.yaml"
) -> tuple[list[Task], list[Problem]]:
    """The vocabulary file, checked. A missing file is a problem too: search depends on it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [Problem(shown_as, 1, "the task vocabulary is missing", "restore data/tasks.yaml from git")]
    except UnicodeDecodeError as exc:
        return [], [Problem(shown_as, 1, f"the file is not UTF-8 ({exc.reason})", "save it as UTF-8")]
    return check(text, catalog, shown_as)


MEANINGS_FILE = "meanings.yaml"


def reader_words(data: object) -> dict[tuple[str, str], tuple[str, ...]]:
    """Readers' words for flags from data/meanings.yaml (`docker container run:` → `flags:` →
    `gpus:` → `words: [gpu, nvidia]`), by (command, flag long name). Search only reads the
    words; the file's own checks belong to whoever builds it (issue #28): a malformed entry
    gives no words here, never an error."""
    words: dict[tuple[str, str], tuple[str, ...]] = {}
    if not isinstance(data, dict):
        return words
    for command, entry in data.items():
        flags = entry.get("flags") if isinstance(entry, dict) else None
        if not isinstance(command, str) or not isinstance(flags, dict):
            continue
        for name, flag in flags.items():
            listed = flag.get("words") if isinstance(flag, dict) else None
            if isinstance(name, str) and isinstance(listed, list):
                found = tuple(str(w).lower() for w in listed if isinstance(w, str | int) and str(w).strip())
                if found:
                    words[(command, name)] = found
    return words


T = TypeVar("T")


def _from_meanings(build: Callable[[object], dict[tuple[str, str], T]]) -> dict[tuple[str, str], T]:
    """build(data/meanings.yaml, parsed), reread when it changes; {} without the file or when it
    does not read (the explain page reports its problems)."""
    path = data_files.DATA / MEANINGS_FILE
    if not path.is_file():
        return {}
    try:
        return data_files.derived(build, path)
    except (OSError, ValueError, yaml.YAMLError):
        return {}


def load_reader_words() -> dict[tuple[str, str], tuple[str, ...]]:
    """reader_words of data/meanings.yaml, reread when it changes; {} without the file."""
    return _from_meanings(reader_words)


def meaning_texts(data: object) -> dict[tuple[str, str], str]:
    """The site's one-line meanings from data/meanings.yaml, by (command, "") for a command and
    (command, flag long name) for a flag. Search finds an
    example by what its command and flags do (`free disk space` finds `docker system prune`,
    whose meaning says so) though its own comment words it otherwise. Lenient, as reader_words."""
    texts: dict[tuple[str, str], str] = {}
    if not isinstance(data, dict):
        return texts
    for command, entry in data.items():
        if not isinstance(command, str) or not isinstance(entry, dict):
            continue
        if isinstance(entry.get("meaning"), str):
            texts[(command, "")] = entry["meaning"]
        flags = entry.get("flags")
        for name, flag in flags.items() if isinstance(flags, dict) else ():
            if isinstance(name, str) and isinstance(flag, dict) and isinstance(flag.get("meaning"), str):
                texts[(command, name)] = flag["meaning"]  # its readers' `words` are reader_words
    return texts


def load_meaning_texts() -> dict[tuple[str, str], str]:
    """meaning_texts of data/meanings.yaml, reread when it changes; {} without the file."""
    return _from_meanings(meaning_texts)
