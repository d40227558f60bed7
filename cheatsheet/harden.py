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
# Material's primary sidebar: the site navigation, from its opening to the table of contents.
_NAV_START = '<div class="md-sidebar md-sidebar--primary"'
_NAV_END = '<div class="md-sidebar md-sidebar--secondary"'

# Where the theme's own markup ends and the page's begins: the navigation, the table of contents
# and the content all come from the Markdown pages, and sit from the primary sidebar (or `<main>`)
# to the content's closing `</article>`. Before it: <head> and the header; after it: Material's
# tab script, the footer and the script tags. Titles and descriptions there hold no markup
# (front matter is plain text), so every inline script outside that stretch is the theme's.
_PAGE_START = ('<div class="md-sidebar md-sidebar--primary"', "<main")
_PAGE_END = "</article>"

# The inline scripts Material 9.8's templates write, and the only ones a page's policy allows by
# hash: base.html's storage helpers (`__md_scope` names the way to the site's root: `.`, `..`,
# `../..`) and its palette, and main.html's tab that a link's `#…` opens. Where a script sits is
# not enough (a template key or a Markdown escape could put one into <head>): a script the theme
# does not write is refused by the browser wherever it is. A Material release that changes one
# fails tests/test_site.py's check that every inline script of every page is allowed.
_SCOPE = r"\.\.?(?:/\.\.)*"
_THEME_SCRIPTS = (
    re.compile(
        re.escape('__md_scope=new URL("')
        + _SCOPE
        + re.escape(
            '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
            "catch(e){}}"
        )
    ),
    re.compile(
        re.escape(
            'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"==='
            'palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector('
            'media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media='
            '\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data-md-color-media"),'
            'palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary='
            'input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute('
            '"data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))'
            'document.body.setAttribute("data-md-color-"+key,value)}'
        )
    ),
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
            '(target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)


def theme_script(body: str) -> bool:
    """Whether an inline script is one Material's templates write (_THEME_SCRIPTS)."""
    return any(pattern.fullmatch(body) for pattern in _THEME_SCRIPTS)


# Only the site's own files run or load. The theme's few inline scripts are allowed by hash, so
# any other inline script, injected or pasted, is refused by the browser; a page cannot redirect
# relative links (`<base>`), post a form elsewhere or embed a plugin.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


def script_hashes(page_html: str, spans: list[tuple[int, int]] | None = None) -> list[str]:
    """The CSP hashes of the theme's inline scripts in the page (within `spans` of it, if given)."""
    hashes = set()
    for pos, endpos in spans or [(0, len(page_html))]:
        for match in _INLINE_SCRIPT.finditer(page_html, pos, endpos):
            attrs = match.group("attrs") or ""
            if "src=" in attrs or "application/json" in attrs:
                continue  # external scripts are covered by 'self'; JSON blocks never run
            if not theme_script(match.group("body")):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(hashes)


def theme_spans(page_html: str) -> list[tuple[int, int]]:
    """The stretches of a rendered page that only the theme writes (see _PAGE_START)."""
    starts = [found for marker in _PAGE_START if (found := page_html.find(marker)) >= 0]
    if not starts:
        body = page_html.find("<body")
        return [(0, body if body >= 0 else len(page_html))]
    start = min(starts)
    end = page_html.rfind(_PAGE_END)
    if end < start:
        return [(0, start)]
    return [(0, start), (end, len(page_html))]


def _policy_meta(hashes: list[str]) -> str:
    policy = POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def _noopener_edits(page_html: str, pos: int, endpos: int) -> list[tuple[int, int, str]]:
    """(start, end, new text) for each outside link's opening tag between pos and endpos that
    lacks rel="noopener"."""
    edits = []
    last = pos
    for href in _OUTSIDE_HREF.finditer(page_html, pos, endpos):
        start = page_html.rfind("<", last, href.start())
        end = page_html.find(">", href.end())
        if (
            start < 0
            or end < 0
            or not page_html[href.start() - 1].isspace()
            or not page_html.startswith("<a", start)
            or not page_html[start + 2].isspace()
        ):
            continue
        tag = page_html[start:end]
        rel = _REL.search(tag)
        if rel is None:
            tag += ' rel="noopener"'
        elif "noopener" not in rel.group(1).split():
            tag = tag[: rel.end(1)] + " noopener" + tag[rel.end(1) :]
        else:
            continue
        edits.append((start, end, tag))
        last = end
    return edits


def _apply(page_html: str, edits: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    last = 0
    for start, end, text in sorted(edits):
        out += [page_html[last:start], text]
        last = end
    out.append(page_html[last:])
    return "".join(out)


def page(page_html: str) -> str:
    """The page with its Content-Security-Policy and `rel="noopener"` on outside links."""
    # Material writes the whole navigation into every page, so a page's size grows with the
    # site's and a pass over every page with the site's size squared. The navigation holds only
    # links to the site's own pages (navigation.py builds it from them) and no script: it is skipped,
    # and the page copied once, which keeps this pass linear.
    start = page_html.find(_NAV_START)
    end = page_html.find(_NAV_END, start) if start >= 0 else -1
    spans = [(0, start), (end, len(page_html))] if end >= 0 else [(0, len(page_html))]
    edits = [edit for pos, endpos in spans for edit in _noopener_edits(page_html, pos, endpos)]
    head = page_html.find("<head>")
    if head >= 0:
        edits.append((head + 6, head + 6, "\n    " + _policy_meta(script_hashes(page_html, theme_spans(page_html)))))
    return _apply(page_html, edits)


_SCRIPT_SRC = b"script-src 'self'"


def allow_inline_script(page_html: bytes, script: bytes) -> bytes:
    """The page with one more inline script allowed by its hash: `script` is the script's text.
    Only `mkdocs serve` uses it, for the live-reload script it injects into each page it sends
    (cheatsheet/live_reload.py); a built page's policy never changes."""
    digest = base64.b64encode(hashlib.sha256(script).digest())
    head = page_html.find(b'<meta http-equiv="Content-Security-Policy"')
    at = page_html.find(_SCRIPT_SRC, head) if head >= 0 else -1
    if at < 0:
        return page_html
    at += len(_SCRIPT_SRC)
    return page_html[:at] + b" 'sha256-" + digest + b"'" + page_html[at:]
