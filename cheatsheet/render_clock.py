"""A clock on each page's rendering, and on all of them together: past its time, the build stops
with a message naming the page, instead of running for hours (a page may take at most its own
seconds, and no page more than what is left of the site's). The page limits (limits.py) keep every known slow shape out
before Python-Markdown sees a page; this is the last resort for an unknown one.

It uses SIGALRM, so it runs only in the main thread of a POSIX process: `mkdocs serve` rebuilds
in another thread, and there it does nothing."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from types import FrameType


class RenderClock:
    """Started before a page renders and stopped after; `error(message)` is raised in the
    rendering code when the time runs out."""

    def __init__(self, error: Callable[[str], BaseException], total: float = float("inf")) -> None:
        self.error = error
        self.page = ""  # the page being rendered while the clock runs
        self.seconds = 0.0
        # Pages that each stay under their own time can still add up: 160 pages of a second each
        # is minutes of CI. `total` bounds their sum within one build (reset()).
        self.total = total
        self.spent = 0.0
        self._started = 0.0
        self._site_bound = False  # this page's time is what is left of the site's

    def reset(self) -> None:
        """A new build: nothing spent yet."""
        self.spent = 0.0

    @staticmethod
    def _available() -> bool:
        return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def start(self, page: str, seconds: float) -> None:
        if not self._available():
            return
        left = max(self.total - self.spent, 0.001)
        self.page, self.seconds, self._site_bound = page, min(seconds, left), left < seconds
        self._started = time.monotonic()
        signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)  # repeats, should something catch it

    def stop(self) -> None:
        if not self._available():
            return
        if self.page:
            self.spent += time.monotonic() - self._started
        self.page = ""
        signal.setitimer(signal.ITIMER_REAL, 0)

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self.page and self._site_bound:
            raise self.error(
                f"{self.page}:1: the pages took more than {self.total:g} s together to render, this one "
                "the last — make the pages a change adds lighter for Markdown (narrower tables, shorter "
                "code, less nesting), or fewer"
            )
        if self.page:
            raise self.error(
                f"{self.page}:1: Markdown took more than {self.seconds:.0f} s to render this page — "
                "split it, or simplify its nesting and markup"
            )
