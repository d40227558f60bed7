"""One broken link, one warning. MkDocs checks each page's links after the checker has reported
every broken link to a page or a file, with its line and a fix (`docs/x.md:12: link to
`volumez.md`, but there is no page ...`, `… but docs/ has no file `img/x.png``). MkDocs' own
warning for a link to a missing target is therefore lowered to INFO. mkdocs.yml lowers MkDocs' warnings for anchors,
absolute and unrecognized links, which the checker reports for every link."""

from __future__ import annotations

import logging
import re

_MISSING_PAGE = re.compile(
    r"Doc file '[^']*' contains a link '[^']*', "
    r"but the target(?: '[^']*')? is not found among documentation files\."
)
# MkDocs' module that validates links, under either builder's package name.
LOGGERS = ("mkdocs.structure.pages", "properdocs.structure.pages")


class RepeatedLinkWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and _MISSING_PAGE.fullmatch(record.getMessage()):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def install() -> None:
    """Once per process (a reloaded module under `mkdocs serve` does not add a second filter)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(type(f).__name__ == RepeatedLinkWarning.__name__ for f in logger.filters):
            logger.addFilter(RepeatedLinkWarning())
