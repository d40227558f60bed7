"""Output hardening: a Content-Security-Policy per page and `rel="noopener"` on outside links."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_EXTERNAL_LINK = re.compile(r'<a\s(?P<attrs>[^>]*\bhref="(?:https?:)?//[^"]*"[^>]*)>', re.I)

# Only the site's own files run or load. Material's few inline scripts are allowed by hash, so
# any other inline script, injected or pasted, is refused by the browser.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def script_hashes(page_html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(page_html):
        attrs = match.group("attrs") or ""
        if "src=" in attrs or "application/json" in attrs:
            continue  # external scripts are covered by 'self'; JSON blocks never run
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def add_policy(page_html: str) -> str:
    policy = POLICY.format(hashes=" ".join(script_hashes(page_html))).replace("  ", " ")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return re.sub(r"<head>", "<head>\n    " + meta, page_html, count=1, flags=re.I)


def noopener(page_html: str) -> str:
    def add(match: re.Match) -> str:
        attrs = match.group("attrs")
        rel = re.search(r'\brel="([^"]*)"', attrs)
        if rel is None:
            return f'<a {attrs} rel="noopener">'
        if "noopener" in rel.group(1).split():
            return match.group(0)
        return "<a " + attrs[:rel.start(1)] + rel.group(1) + " noopener" + attrs[rel.end(1):] + ">"
    return _EXTERNAL_LINK.sub(add, page_html)


def page(page_html: str) -> str:
    return add_policy(noopener(page_html))
