"""What `mkdocs serve` sends (never what a build writes): MkDocs injects its live-reload script
into each page as it sends it, with the build's epoch and a per-request id in its text, so no
hash made at build time can allow it. The page's Content-Security-Policy gets that one script's
hash, and nothing else changes. The page does not register the service worker either: serve
writes no `sw.js` (a cached site would hide the edits it reloads for)."""

from __future__ import annotations

import re
from collections.abc import Callable

from cheatsheet import harden

_OFFLINE_SCRIPT = re.compile(rb'<script src="[^"<>]*assets/javascripts/offline\.js" defer></script>')
_SCRIPT = b"<script>"
_END = b"</script>"


def served_page(page: bytes, injected: bytes) -> bytes:
    """`injected` is `page` with MkDocs' live-reload script inserted before `</body>`: the page
    as sent, with that script allowed by hash and without the worker's registration."""
    at = page.rfind(b"</body>")
    at = len(page) if at < 0 else at
    end = at + len(injected) - len(page)
    script = injected[at:end]
    if not (script.startswith(_SCRIPT) and script.endswith(_END)) or injected[:at] != page[:at]:
        return injected  # not the injection this module knows: sent as MkDocs made it
    allowed = harden.allow_inline_script(injected, script[len(_SCRIPT) : -len(_END)])
    return _OFFLINE_SCRIPT.sub(b"", allowed, count=1)


def wrap_injection(inject: Callable[[bytes, int], bytes]) -> Callable[[bytes, int], bytes]:
    """MkDocs' LiveReloadServer._inject_js_into_html(content, epoch), followed by served_page()."""

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        return served_page(content, inject(content, epoch))

    return inject_allowed
