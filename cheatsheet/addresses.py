"""Where things are on the built site: links between pages, the heading anchors of commands and
legacy features, and the places (page and section) where something is shown.

Page URLs themselves come from MkDocs (`Site.urls`); nothing here derives one from a path."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from markdown.extensions.toc import slugify

if TYPE_CHECKING:
    from .catalog import Deprecation


class Place(NamedTuple):
    src: str
    title: str
    anchor: str
    heading: str


def heading_anchor(text: str) -> str:
    """The id Python-Markdown's toc gives a heading with this text (before it makes ids unique
    on a page): what links to a page's heading, a generated row or a command use."""
    return slugify(text, "-")


@lru_cache(maxsize=1 << 12)  # asked for every command link and index entry: ~1,600 times a build
def command_anchor(canonical: str) -> str:
    return heading_anchor(canonical)


def feature_anchor(feature: Deprecation) -> str:
    return command_anchor(feature["feature"])  # the same slug


def page_ids(paths: list[str], prefix: str) -> dict[str, str]:
    """An id for each page in a document that holds several (`topic-best-practices`), one per
    page: `best/practices.md` and `best-practices.md` read alike, and a shared id sent every link
    for one to the other (the sixth attacker's page shadowed Best practices in the book). The
    later one gets a number."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for path in paths:
        base = candidate = prefix + re.sub(r"[^a-z0-9]+", "-", posixpath.splitext(path)[0].lower()).strip("-")
        number = 1
        while candidate in used:
            number += 1
            candidate = f"{base}-{number}"
        ids[path] = candidate
        used.add(candidate)
    return ids


def relative(src: str, target: str) -> str:
    """A Markdown link from page src to target, both as MkDocs src URIs (MkDocs turns it into
    the target's URL when it renders the page)."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")


def relative_url(url: str, other: str) -> str:
    """URL url as a link from the page at URL other: what `mkdocs.utils.get_relative_url` gives
    (kept here so this package needs no MkDocs), for `use_directory_urls` true or false."""
    if "." in other.rpartition("/")[2]:
        other = other.rpartition("/")[0]  # a file: links are relative to its folder
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts, strict=False):
        if a != b:
            break
        common += 1
    link = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return link + "/" if url.endswith("/") else link


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []
