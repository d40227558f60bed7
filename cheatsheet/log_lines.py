"""Every message the build prints is one line, MkDocs' own included. A page can put a line break
into what MkDocs quotes of it (a link to `guide%0A::error file=…`, which MkDocs decodes before
it reports the link as missing), and a CI runner reads a line that starts `::error` or
`::add-mask::` as a command. The project's own messages are one line already
(problems.one_line); this applies the same rule at the handlers, so no message of any module
needs to be trusted."""

from __future__ import annotations

import logging

from .problems import one_line

# The loggers whose handlers print the build's messages, under either builder's package name.
LOGGERS = ("mkdocs", "properdocs")


class OneLine(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = one_line(message)
        if shown != message:
            record.msg, record.args = shown, ()
        return True


def install() -> None:
    """On every handler that prints the build's messages, once (a reloaded module under
    `mkdocs serve` does not add a second filter)."""
    for name in LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if not any(type(f).__name__ == OneLine.__name__ for f in handler.filters):
                handler.addFilter(OneLine())
