"""Where a link may point: an `https:` address on a plain ASCII host name, or a relative link inside
the site. Everything else is refused: other schemes run or leave the web (`javascript:`, `data:`,
`file:`), `//host` and `\\host` leave the site while looking relative, `user@host` hides the real
host behind a familiar one (`docs.docker.com@evil.example`), and a non-ASCII host can be a
lookalike (`docs.docker.com` with a Cyrillic o, U+043E)."""

from __future__ import annotations

import re

from .characters import describe, invisible_in

ALLOWED_SCHEME = "https"
# A host name as DNS writes it: labels of ASCII letters, digits and hyphens, and an optional port.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def url_problem(url: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for a link target, or None when it may be published."""
    hidden = invisible_in(url)
    if hidden or any(char.isspace() for char in url):
        shown = describe(hidden[0]) if hidden else "a space"
        return f"link `{_cut(url)}` holds {shown}", "write the address without hidden characters or spaces"
    if "\\" in url:
        return f"link `{_cut(url)}` holds a backslash", "browsers read `\\` as `/`: write `/`, or link relatively"
    if url.startswith("//"):
        return (
            f"link `{_cut(url)}` leaves the site though it looks relative (`//host`)",
            "write the whole address with `https://`",
        )
    scheme = _SCHEME.match(url)
    if scheme is None:
        first = re.split(r"[/?#]", url, maxsplit=1)[0]
        if ":" in first:  # not a scheme to a browser, but to a reader and other parsers it could be
            return f"link `{_cut(url)}` has a `:` before its first `/`", "write `./` before it, or link elsewhere"
        return None  # relative; content.check_internal_links checks it exists
    if scheme.group(1).lower() != ALLOWED_SCHEME:
        return (
            f"`{scheme.group(1)}:` link `{_cut(url)}`",
            "links may be `https://` addresses or relative links to the site's pages",
        )
    rest = url[scheme.end() :]
    if not rest.startswith("//"):
        return f"link `{_cut(url)}` has no host", "write it as `https://host/path`"
    end = min((i for i in (rest.find(c, 2) for c in "/?#") if i >= 0), default=len(rest))
    authority = rest[2:end]
    if "@" in authority:
        return (
            f"link `{_cut(url)}` names a user before its host (`…@`): the real host is after the `@`",
            "link to the host itself, without `user@`",
        )
    if not authority.isascii():
        return (
            f"link `{_cut(url)}` has a non-ASCII host: it can be a lookalike of another one",
            "write the host in plain ASCII letters (punycode `xn--…` if it really has other letters)",
        )
    if not _HOST.fullmatch(authority.lower()):
        return f"link `{_cut(url)}` has no valid host name", "write it as `https://host.example/path`"
    return None


def _cut(url: str) -> str:
    shown = "".join(c if c.isprintable() and c != "`" else "�" for c in url)
    return shown if len(shown) <= 80 else shown[:77] + "…"
