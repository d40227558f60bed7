"""Shape Material's search index so commands, aliases and flags are found.

Every section that shows a Docker command gets a `keywords` field: the words of the command's
canonical path and of all its aliases (so `container ls` finds a section showing `docker ps`,
and `rmi` one showing `docker image rm`), and one token per flag it uses, written as it is
typed and by its long name (`-it` also gives `-i`, `-t`, `--interactive`, `--tty`), and one
token per command path (`xcmdcontainerls`) so a query of several words that names a command
ranks the sections showing it (or any of its aliases) first. Flag tokens
are spelled `xflag<name>` without dashes, because Lunr splits words at dashes, trims them and
drops stop words such as `it`; assets/javascripts/cheatsheet.js rewrites a typed flag query
(`--rm`, `-it`) to the same token and adds the command token to a query of words, so a query that starts with `-` never reaches Lunr as-is.
"""

from __future__ import annotations

import html
import json
import re

from . import commands as cmd
from .catalog import Catalog
from .shell import simple_commands

FLAG_PREFIX = "xflag"
COMMAND_PREFIX = "xcmd"
KEYWORDS_BOOST = 5.0
# Flag and command tokens only match queries rewritten to carry them, so they may outweigh the
# title boost (1000): `compose up` should rank the sections showing it above "Cleaning up".
TOKENS_BOOST = 1e4
_CODE = re.compile(r"<code>(.*?)</code>", re.S)
_TAG = re.compile(r"<[^>]+>")


def flag_token(flag: str) -> str:
    """`--volumes-from` -> `xflagvolumesfrom`; the browser side computes the same."""
    return FLAG_PREFIX + re.sub(r"[^a-z0-9]", "", flag.lower())


def command_token(path: str) -> str:
    """`docker container ls` -> `xcmdcontainerls`: one token for a multi-word command query."""
    words = path.split()
    if words and words[0] == "docker":
        words = words[1:]
    return COMMAND_PREFIX + re.sub(r"[^a-z0-9]", "", "".join(words).lower())


def keywords_for(text: str, catalog: Catalog) -> tuple[str, str]:
    """The alias words and the flag/command tokens of the commands shown in a section."""
    words: list[str] = []
    tokens: list[str] = []
    seen: set[str] = set()

    def add(word: str) -> None:
        if word not in seen:
            seen.add(word)
            (tokens if word.startswith((FLAG_PREFIX, COMMAND_PREFIX)) else words).append(word)

    for block in _CODE.findall(text):
        code = html.unescape(_TAG.sub("", block))
        for command in simple_commands(code.split("\n"), 1):
            argv = cmd.strip_prefix(command.words, catalog)
            if not argv or argv[0] != "docker":
                continue
            inv = cmd.parse(argv, catalog, complete=False)
            if inv.canonical is None:
                continue
            for path in [inv.canonical] + catalog.aliases_of(inv.canonical):
                for word in path.split()[1:]:
                    add(word)
                add(command_token(path))
            flags = catalog.flags(inv.canonical)
            for written in inv.written_flags:
                add(flag_token(written))
            for name in inv.flags:
                add(flag_token(name))
                flag = flags.by_long.get(name)
                if flag and flag.short:
                    add(flag_token(flag.short))
    return " ".join(words), " ".join(tokens)


def shape_index(data: dict, catalog: Catalog) -> dict:
    """Add the `keywords` and `tokens` fields to Material's search index (parsed JSON)."""
    fields = data.setdefault("config", {}).setdefault("fields", {})
    fields["keywords"] = {"boost": KEYWORDS_BOOST}
    fields["tokens"] = {"boost": TOKENS_BOOST}
    for doc in data.get("docs", []):
        keywords, tokens = keywords_for(doc.get("text", ""), catalog)
        if keywords:
            doc["keywords"] = keywords
        if tokens:
            doc["tokens"] = tokens
    return data


def offline_script(index_json: str) -> str:
    """The index as a script, which Material loads instead of fetching JSON from file://."""
    return f"var __index = {index_json}"


def shape_file(raw: str, catalog: Catalog) -> str:
    return json.dumps(shape_index(json.loads(raw), catalog), separators=(",", ":"), ensure_ascii=False)
