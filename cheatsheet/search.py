"""Shape Material's search index so commands, aliases and flags are found.

Every section that shows a Docker command gets a `keywords` field: the words of the command's
canonical path and of all its aliases (so `container ls` finds a section showing `docker ps`,
and `rmi` one showing `docker image rm`), and one token per flag it uses, written as it is
typed and by its long name (`-it` also gives `-i`, `-t`, `--interactive`, `--tty`). Flag tokens
are spelled `xflag<name>` without dashes, because Lunr splits words at dashes, trims them and
drops stop words such as `it`; assets/javascripts/cheatsheet.js rewrites a typed flag query
(`--rm`, `-it`) to the same token, so a query that starts with `-` never reaches Lunr as-is.
"""

from __future__ import annotations

import html
import json
import re

from . import commands as cmd
from .catalog import Catalog
from .shell import simple_commands

FLAG_PREFIX = "xflag"
KEYWORDS_BOOST = 5.0
_CODE = re.compile(r"<code>(.*?)</code>", re.S)
_TAG = re.compile(r"<[^>]+>")


def flag_token(flag: str) -> str:
    """`--volumes-from` -> `xflagvolumesfrom`; the browser side computes the same."""
    return FLAG_PREFIX + re.sub(r"[^a-z0-9]", "", flag.lower())


def keywords_for(text: str, catalog: Catalog) -> str:
    words: list[str] = []
    seen: set[str] = set()

    def add(word: str) -> None:
        if word not in seen:
            seen.add(word)
            words.append(word)

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
            flags = catalog.flags(inv.canonical)
            for written in inv.written_flags:
                add(flag_token(written))
            for name in inv.flags:
                add(flag_token(name))
                flag = flags.by_long.get(name)
                if flag and flag.short:
                    add(flag_token(flag.short))
    return " ".join(words)


def shape_index(data: dict, catalog: Catalog) -> dict:
    """Add the `keywords` field to Material's search index (a parsed search_index.json)."""
    fields = data.setdefault("config", {}).setdefault("fields", {})
    fields["keywords"] = {"boost": KEYWORDS_BOOST}
    for doc in data.get("docs", []):
        keywords = keywords_for(doc.get("text", ""), catalog)
        if keywords:
            doc["keywords"] = keywords
    return data


def offline_script(index_json: str) -> str:
    """The index as a script, which Material loads instead of fetching JSON from file://."""
    return f"var __index = {index_json}"


def shape_file(raw: str, catalog: Catalog) -> str:
    return json.dumps(shape_index(json.loads(raw), catalog), separators=(",", ":"), ensure_ascii=False)
