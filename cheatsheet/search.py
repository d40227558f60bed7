"""Shape Material's search index so commands, aliases and flags are found.

Every section that shows a Docker command gets two fields. `keywords`: the words of the
command's canonical path and of all its aliases, so `container ls` finds a section showing
`docker ps` and `rmi` one showing `docker image rm`. `tokens`: one per flag, as typed and by
its long name (`-it` also gives `-i`, `-t`, `--interactive`, `--tty`), and one per command
path (`xcmdcontainerls`), so a query of several words naming a command ranks the sections that
show it first. Tokens are spelled `xflag<name>` without dashes because Lunr splits words at
dashes, trims them and drops stop words such as `it`; overrides/assets/javascripts/
search-worker.js rewrites a typed flag (`--rm`, `-it`) to the same token, so a query that
starts with `-` never reaches Lunr as it is.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from .catalog import Catalog

FLAG_PREFIX = "xflag"
COMMAND_PREFIX = "xcmd"
KEYWORDS_BOOST = 5.0
# Flag and command tokens only match queries rewritten to carry them, so they may outweigh the
# title boost (1000): `compose up` should rank the sections showing it above "Cleaning up".
TOKENS_BOOST = 1e4


@lru_cache(maxsize=1 << 12)  # a site has a few hundred distinct flags and commands, met thousands of times
def flag_token(flag: str) -> str:
    """`--volumes-from` -> `xflagvolumesfrom`; the browser side computes the same."""
    return FLAG_PREFIX + re.sub(r"[^a-z0-9]", "", flag.lower())


@lru_cache(maxsize=1 << 12)
def command_token(path: str) -> str:
    """`docker container ls` -> `xcmdcontainerls`: one token for a multi-word command query."""
    words = path.split()
    if words and words[0] == "docker":
        words = words[1:]
    return COMMAND_PREFIX + re.sub(r"[^a-z0-9]", "", "".join(words).lower())


def section_keywords(uses, catalog: Catalog) -> tuple[str, str]:
    """The alias words and the flag/command tokens of the commands one section shows
    (`command_checks.CommandUse`s, from the build's single reading of the page)."""
    words: list[str] = []
    tokens: list[str] = []
    seen: set[str] = set()

    def add(word: str) -> None:
        if word not in seen:
            seen.add(word)
            (tokens if word.startswith((FLAG_PREFIX, COMMAND_PREFIX)) else words).append(word)

    for use in uses:
        for path in [use.canonical, *catalog.aliases_of(use.canonical)]:
            for word in path.split()[1:]:
                add(word)
            add(command_token(path))
        flags = catalog.flags(use.canonical)
        for written in use.written_flags:
            add(flag_token(written))
        for name in use.flags:
            add(flag_token(name))
            flag = flags.by_long.get(name)
            if flag and flag.short:
                add(flag_token(flag.short))
    return " ".join(words), " ".join(tokens)


def shape_index(data: dict, keywords: dict[str, tuple[str, str]]) -> dict:
    """Add the `keywords` and `tokens` fields to Material's search index (parsed JSON);
    `keywords` maps a section's location (`containers.html#lifecycle`) to its words and tokens."""
    fields = data.setdefault("config", {}).setdefault("fields", {})
    fields["keywords"] = {"boost": KEYWORDS_BOOST}
    fields["tokens"] = {"boost": TOKENS_BOOST}
    for doc in data.get("docs", []):
        words, tokens = keywords.get(doc.get("location", ""), ("", ""))
        if words:
            doc["keywords"] = words
        if tokens:
            doc["tokens"] = tokens
    return data


def offline_script(index_json: str) -> str:
    """The index as a script, which Material loads instead of fetching JSON from file://."""
    return f"var __index = {index_json}"


def shape_file(raw: str, keywords: dict[str, tuple[str, str]]) -> str:
    return json.dumps(shape_index(json.loads(raw), keywords), separators=(",", ":"), ensure_ascii=False)
