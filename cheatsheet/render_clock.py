"""A clock on each page's rendering: past its time, the build stops with a message naming the
page, instead of running for hours. The page limits (limits.py) keep every known slow shape out
before Python-Markdown sees a page; this is the last resort for an unknown one.

It uses SIGALRM, so it runs only in the main thread of a POSIX process: `mkdocs serve` rebuilds
in another thread, and there it does nothing."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType


class RenderClock:
    """Started before a page renders and stopped after; `error(message)` is raised in the
    rendering code when the time runs out."""

    def __init__(self, error: Callable[[str], BaseException]) -> None:
        self.error = error
        self.page = ""  # the page being rendered while the clock runs
        self.seconds = 0.0

    @staticmethod
    def _available() -> bool:
        return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")

    def start(self, page: str, seconds: float) -> None:
        if not self._available():
            return
        self.page, self.seconds = page, seconds
        signal.signal(signal.SIGALRM, self._expired)
        signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)  # repeats, should something catch it

    def stop(self) -> None:
        if not self._available():
            return
        self.page = ""
        signal.setitimer(signal.ITIMER_REAL, 0)

    def _expired(self, signum: int, frame: FrameType | None) -> None:
        if self.page:
            raise self.error(
                f"{self.page}:1: Markdown took more than {self.seconds:.0f} s to render this page — "
                "split it, or simplify its nesting and markup"
            )
