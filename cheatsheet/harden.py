"""Output hardening: a Content-Security-Policy per page and `rel="noopener"` on outside links."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
# An outside link's href; its tag is found around it. Looking for `<a` first and then for the
# href inside each tag backtracks over every attribute of every link: several times slower.
_OUTSIDE_HREF = re.compile(r'href="(?:https?:)?//')
_REL = re.compile(r'\brel="([^"]*)"')

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
    return page_html.replace("<head>", "<head>\n    " + meta, 1)


def noopener(page_html: str) -> str:
    out: list[str] = []
    last = 0
    for href in _OUTSIDE_HREF.finditer(page_html):
        start = page_html.rfind("<", last, href.start())
        end = page_html.find(">", href.end())
        if start < 0 or end < 0 or not page_html[href.start() - 1].isspace() \
                or not page_html.startswith("<a", start) or not page_html[start + 2].isspace():
            continue
        tag = page_html[start:end]
        rel = _REL.search(tag)
        if rel is None:
            tag += ' rel="noopener"'
        elif "noopener" not in rel.group(1).split():
            tag = tag[:rel.end(1)] + " noopener" + tag[rel.end(1):]
        else:
            continue
        out += [page_html[last:start], tag]
        last = end
    out.append(page_html[last:])
    return "".join(out)


def page(page_html: str) -> str:
    return add_policy(noopener(page_html))
