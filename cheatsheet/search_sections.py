"""What each section of the site teaches, for search: the commands it runs, the ones it only
mentions, the Dockerfile instructions it shows, whether it is legacy, and which task phrases of
the vocabulary (`data/tasks.yaml`) it answers.

A section's location is Material's: the page URL for what precedes the page's second heading,
`url#anchor` for each later heading. Everything here comes from the build's single reading of
each page (`PageScan`, `PageReport`); nothing is parsed again.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from .catalog import Catalog
from .findings import DOCKERFILE_LANGS, CommandUse, PageReport
from .page import PageScan
from .task_vocabulary import Answer, Task

_INSTRUCTION_LINE = re.compile(r"^\s*(?:ONBUILD\s+)?([A-Za-z]+)\b")
_WORD = re.compile(r"[a-z0-9]+")
# Words of a command path that name its group, not its action: a heading that says "container"
# is not about `docker container cp` in particular.
GROUP_WORDS = frozenset({"docker", "container", "image", "network", "volume", "system", "builder", "buildx", "compose"})


@dataclass
class Section:
    location: str
    title: str = ""
    page: str = ""  # source path: containers.md
    run: list[CommandUse] = field(default_factory=list)  # in a current code block
    mentioned: list[CommandUse] = field(default_factory=list)  # inline, or legacy
    defined: set[str] = field(default_factory=set)  # canonical paths of the commands whose home it is
    explained: set[str] = field(default_factory=set)  # flags in its prose (`--rm`, a table of options)
    instructions: list[str] = field(default_factory=list)  # Dockerfile instructions, first seen first
    legacy_fences: int = 0
    current_fences: int = 0
    tasks: list[str] = field(default_factory=list)  # phrases it answers

    @property
    def legacy(self) -> bool:
        """About legacy syntax: it shows at least as many legacy code blocks as current ones
        (Compose v1 shows `docker-compose` twice and its replacement once), or shows only
        legacy commands."""
        if self.legacy_fences:
            return self.legacy_fences >= self.current_fences
        return bool(self.mentioned) and not self.run and all(u.legacy for u in self.mentioned)

    def commands_run(self) -> list[str]:
        return list(dict.fromkeys(u.canonical for u in self.run))


def collect(pages: list[tuple[str, str, PageScan, PageReport]], catalog: Catalog) -> dict[str, Section]:
    """Sections by location, for pages given as (source path, URL, scan, report)."""
    sections: dict[str, Section] = {}
    for src, url, scan, report in pages:
        first = scan.headings[0].anchor if scan.headings else ""

        def at(heading: str, url: str = url, first: str = first, src: str = src) -> Section:
            location = url if heading in ("", first) else f"{url}#{heading}"
            section = sections.get(location)
            if section is None:
                section = sections[location] = Section(location, page=src)
            return section

        for heading in scan.headings:
            at(heading.anchor).title = heading.text
        for use in report.uses:
            (at(use.heading).run if use.in_block and not use.legacy else at(use.heading).mentioned).append(use)
        for span in scan.spans:
            if span.code.startswith("-") and not span.legacy:
                at(span.heading).explained.add(span.code.split()[0].split("=")[0].rstrip(","))
        for fence in scan.fences:
            section = at(fence.heading)
            if fence.legacy:
                section.legacy_fences += 1
                continue
            section.current_fences += 1
            if fence.lang in DOCKERFILE_LANGS:
                for line in fence.lines:
                    match = _INSTRUCTION_LINE.match(line)
                    name = match.group(1).upper() if match else ""
                    if name in catalog.instructions and name not in section.instructions:
                        section.instructions.append(name)
    _define_homes(sections)
    return sections


def _define_homes(sections: dict[str, Section]) -> None:
    """Mark each command's home: the section that runs it most often, the first one given on a
    tie. One section per command, as a reference lists it once: a section that runs a command in
    passing (`docker container ls` to check a result) is not about it."""
    home: dict[str, tuple[int, Section]] = {}
    for section in sections.values():  # pages in the order given, each page's sections in order
        for canonical, count in Counter(u.canonical for u in section.run).items():
            if canonical not in home or count > home[canonical][0]:
                home[canonical] = (count, section)
    for canonical, (_, section) in home.items():
        section.defined.add(canonical)


@lru_cache(maxsize=1024)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(_WORD.findall(title.lower()))


def _heading_words(section: Section) -> frozenset[str]:
    return _title_words(section.title)


def _flag_names(section: Section, answer: Answer, catalog: Catalog) -> set[str]:
    """The long names of the flags the section explains in its prose, for the answer's command."""
    flags = catalog.flags(answer.name)
    names = set()
    for written in section.explained:
        flag = flags.find(written)
        if flag is None and not written.startswith("--"):
            names |= {f.name for f in (flags.by_short.get(ch) for ch in written.lstrip("-")) if f}
        elif flag is not None:
            names.add(flag.name)
    return names


def _flag_in(title: str, name: str, flags) -> bool:
    """Whether a heading names the flag (`Publishing a port with -p`), as written or as a word."""
    flag = flags.by_long.get(name)
    return _names_flag(title, name, flag.short if flag else None)


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"  # `\w` (as Python's patterns read it) or a dash


def _stands_alone(title: str, written: str) -> bool:
    """Whether `written` occurs in the title with no word character or dash either side. Plain
    searches: a pattern per flag and title cost a compilation each (60 a build)."""
    at = title.find(written)
    while at >= 0:
        end = at + len(written)
        if (at == 0 or not _word_char(title[at - 1])) and (end == len(title) or not _word_char(title[end])):
            return True
        at = title.find(written, at + 1)
    return False


@lru_cache(maxsize=1 << 12)
def _names_flag(title: str, name: str, short: str | None) -> bool:
    written = [f"--{name}"] + ([f"-{short}"] if short else [])
    if any(_stands_alone(title, w) for w in written):
        return True
    # or by its name as a word: "Restart policies" for --restart, "Multi-platform builds"
    return len(name) >= 4 and any(word.startswith(name) for word in _WORD.findall(title.lower()))


def command_score(section: Section, answer: Answer, catalog: Catalog) -> float:
    """How much `section` is about the command of `answer` (0: it neither runs nor defines it)."""
    uses = [u for u in section.run if u.canonical == answer.name]
    defined = answer.name in section.defined
    if not uses and not defined:
        return 0.0
    score = 0.0
    if answer.flags:
        wanted = set(answer.flags)
        with_flags = [u for u in uses if wanted <= set(u.flags)]
        explained = wanted <= _flag_names(section, answer, catalog)
        if not with_flags and not explained:
            return 0.0
        # A table of fifteen options explains each less than a section about one of them.
        score += 2 * bool(with_flags) + 3 * explained * min(1.0, 3 / max(1, len(section.explained)))
        if any(_flag_in(section.title, name, catalog.flags(answer.name)) for name in wanted):
            score += 3
        uses = with_flags or uses
    # Defining the command matters less when the task is about one of its flags.
    score += 2 * bool(uses) + (1 if answer.flags else 4) * defined
    names = [answer.name, *catalog.aliases_of(answer.name)]
    own = {w for name in names for w in name.split()[1:]} - GROUP_WORDS
    heading = _heading_words(section)
    if any(h.startswith(w) for w in own for h in heading):
        score += 2
    if section.run and section.run[0].canonical == answer.name:
        score += 1
    if section.run:
        score += len(uses) / len(section.run)  # how much of the section it is
    return score


def instruction_score(section: Section, answer: Answer) -> float:
    if answer.name not in section.instructions:
        return 0.0
    score = 2.0
    if answer.name.lower() in _heading_words(section):
        score += 4
    if section.instructions[0] == answer.name:
        score += 1
    return score + 1 / len(section.instructions)


def assign_tasks(sections: dict[str, Section], tasks: list[Task], catalog: Catalog, skip: AbstractSet[str]) -> None:
    """Give each task's phrases to the section that teaches each of its answers best (its
    subject, not a passing use). Pages in `skip` (legacy pages) answer none."""
    by_name: dict[str, list[Section]] = {}  # the sections that could answer each command or instruction
    for section in sections.values():
        if section.page in skip or section.legacy:
            continue
        names = {u.canonical for u in section.run} | section.defined | set(section.instructions)
        for name in names:
            by_name.setdefault(name, []).append(section)
    # Each section's phrases as a set too: `phrase not in best.tasks` searched a list, once per
    # phrase and answer, so a data file of 40,000 phrases took minutes (third attacker, H6).
    known: dict[int, set[str]] = {id(s): set(s.tasks) for s in sections.values()}
    for task in tasks:
        for answer in task.answers:
            best: Section | None = None
            best_score = 0.0
            for section in by_name.get(answer.name, ()):
                if answer.kind == "instruction":
                    score = instruction_score(section, answer)
                else:
                    score = command_score(section, answer, catalog)
                if score > best_score:
                    best, best_score = section, score
            if best is not None:
                for phrase in task.phrases:
                    if phrase not in known[id(best)]:
                        known[id(best)].add(phrase)
                        best.tasks.append(phrase)
