"""Where things are on the built site: page URLs, links between pages, the heading anchors of
commands and legacy features, and the places (page and section) where something is shown."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import NamedTuple

from markdown.extensions.toc import slugify


class Place(NamedTuple):
    src: str
    title: str
    anchor: str
    heading: str


@lru_cache(maxsize=1 << 12)  # asked for every command link and index entry: ~1,600 times a build
def command_anchor(canonical: str) -> str:
    return slugify(canonical, "-")


def feature_anchor(feature: dict) -> str:
    return command_anchor(feature["feature"])  # the same slug


def page_url(src: str) -> str:
    """A page's URL from its source path, as MkDocs makes it with `use_directory_urls: false`."""
    return src[: -len(".md")] + ".html" if src.endswith(".md") else src


def relative(src: str, target: str) -> str:
    """A link from page src to target, both as MkDocs src URIs."""
    return posixpath.relpath(target, posixpath.dirname(src) or ".")
