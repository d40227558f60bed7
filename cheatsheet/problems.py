"""What the build reports: one `Problem` per mistake, with its file, line and fix, and the
"did you mean" suggestions the messages offer."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


def close_match(value: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option most like a misspelt value, or None when none is close enough."""
    match = difflib.get_close_matches(value, list(options), n=1, cutoff=cutoff)
    return match[0] if match else None


def closest(value: str, options: Iterable[str]) -> str:
    """The option most like value, however far off (for "e.g." hints); "" when there are none."""
    return close_match(value, sorted(options), cutoff=0.0) or ""
