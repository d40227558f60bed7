"""What the build reports: one `Problem` per mistake, with its file, line and fix, and the
"did you mean" suggestions the messages offer."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import NamedTuple

# Characters that end or rewrite a line of a log: a message is one line whatever a page wrote, so
# that a value cannot print a line of its own (a CI runner reads `::error …` lines as commands).
_LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """text with each character that would break or rewrite its line shown as `U+000A`."""
    return _LINE_BREAKING.sub(lambda m: f"U+{ord(m.group()):04X}", text)


class Problem(NamedTuple):
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return one_line(f"{self.path}:{self.line}: {self.message} — {self.fix}")


def close_match(value: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like a misspelt value, or None when none is close enough."""
    match = difflib.get_close_matches(value, list(options), n=1, cutoff=cutoff)
    return match[0] if match else None


def closest(value: str, options: Iterable[str]) -> str:
    """The option most like value, however far off (for "e.g." hints); "" when there are none."""
    return close_match(value, sorted(options), cutoff=0.0) or ""
