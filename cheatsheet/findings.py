"""What the checks find on a page, as the rest of the build reads it: the page's report (its
problems, the commands it runs, the legacy features it shows) and the language sets that decide
which checks read a code block. A leaf: it imports no check, so every check and every reader of
a report can import it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .catalog import Deprecation
    from .page import PageScan
    from .problems import Problem

SHELL_LANGS = {"bash", "sh", "shell", "zsh", "console", "shell-session", "text", ""}
PROMPTED_LANGS = {"console", "shell-session", "text", ""}
# The shell blocks whose copy button hands a shell what it copies (text and output blocks have none).
COPIED_SHELL_LANGS = frozenset({"bash", "sh", "shell", "zsh", "console", "shell-session"})
SESSION_LANGS = frozenset({"console", "shell-session"})
DOCKERFILE_LANGS = {"dockerfile", "docker"}
# Files a page may show beside commands and Dockerfiles: languages whose highlighter reads no
# prompt and runs no shell, so the copy button gives the block as written. Any other language is
# refused: `ksh` is highlighted as shell, copied as shell, and no check reads it as one.
FILE_LANGS = {"yaml", "yml", "json", "ini", "toml", "hcl", "ignore", "properties", "xml", "diff", "python", "go"}
FENCE_LANGS = SHELL_LANGS | DOCKERFILE_LANGS | FILE_LANGS


class CommandUse(NamedTuple):
    canonical: str
    line: int
    heading: str
    legacy: bool
    flags: list[str]
    in_block: bool
    destructive: str  # why, when the command deletes data; "" when it does not
    written_flags: list[str]  # as typed: `-it`, `--rm`


class LegacyUse(NamedTuple):
    feature: Deprecation
    line: int
    heading: str


@dataclass
class PageReport:
    problems: list[Problem] = field(default_factory=list)
    uses: list[CommandUse] = field(default_factory=list)
    legacy: list[LegacyUse] = field(default_factory=list)
    destructive_fences: dict[int, str] = field(default_factory=dict)  # fence line -> why
    span_links: dict[tuple[int, int], str] = field(default_factory=dict)  # (line, col) -> canonical
    legacy_notes: dict[int, list[Deprecation]] = field(default_factory=dict)  # admonition line -> features


class CheckedPage(NamedTuple):
    """A topic page as the generated pages read it, in reading order."""

    src: str
    title: str
    scan: PageScan
    report: PageReport
