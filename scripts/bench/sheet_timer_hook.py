"""A hook for the benchmark only (bench.sheet_cost): it times the two-page cheat sheet's page on
its way through MkDocs and logs it when that page is written, as

    INFO - sheet page: 12.3 ms

MkDocs renders every page's Markdown in one pass (on_pre_page .. on_page_content) and every
template in a second (on_page_context .. on_post_page); both stretches of the sheet page are
added up, in CPU time. Listed after the timing hook in the sheet config, so its priorities put it
around every other handler of those events."""

from __future__ import annotations

import logging
import time
from typing import Any

from mkdocs.plugins import event_priority

from cheatsheet import cheat_sheet

log = logging.getLogger("mkdocs.plugins.cheatsheet.sheettimer")
_spent = {"started": 0.0, "total": 0.0}


def _start(page: Any) -> None:
    if page.file.src_uri == cheat_sheet.SHEET_SRC:
        _spent["started"] = time.process_time()


def _stop(page: Any) -> None:
    if page.file.src_uri == cheat_sheet.SHEET_SRC:
        _spent["total"] += time.process_time() - _spent["started"]


@event_priority(100)
def on_pre_page(page: Any, *, config: Any, files: Any) -> Any:
    """Before any other handler sees a page: the sheet page's Markdown stretch starts."""
    _start(page)
    return page


@event_priority(-100)
def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    """After every other handler of the page's HTML: that stretch ends."""
    _stop(page)
    return html


@event_priority(100)
def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    """Before any other handler of the template context: the template stretch starts."""
    _start(page)
    return context


@event_priority(-100)
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    """After every other handler of the finished page: that stretch ends; log the total."""
    _stop(page)
    if page.file.src_uri == cheat_sheet.SHEET_SRC:
        log.info(f"sheet page: {1000 * _spent['total']:.1f} ms")
    return output
