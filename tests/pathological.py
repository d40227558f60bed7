"""Hostile page shapes: inputs whose size or nesting has made a parser slow, deep or confused.

Each shape is a whole page (bytes, so encodings and line endings are exactly as written). The
build of a project copy holding one of them must end within a few normal builds, with a clean
pass or errors that name the file, and never a traceback (tests/test_pathological.py)."""

from __future__ import annotations

FRONT = (
    "---\ntitle: Hostile\ndescription: A page shaped to stall or crash the build.\nsection: run\norder: 990\n---\n\n"
)


def _page(body: str, front: str = FRONT) -> bytes:
    return (front + body + "\n").encode("utf-8")


def _nested_admonitions(depth: int) -> str:
    return "\n\n".join("    " * i + f'!!! note "Level {i}"' for i in range(depth)) + "\n\n" + "    " * depth + "Deep."


def _nested_tabs(depth: int) -> str:
    return "\n\n".join("    " * i + f'=== "Tab {i}"' for i in range(depth)) + "\n\n" + "    " * depth + "Deep."


SHAPES: dict[str, bytes] = {
    # The three regexes the issue names, at sizes that took 56 s, 15 s and 21 s.
    "heading of spaces": _page(
        "# Hostile\n\n## a" + " " * 3990 + "b\n\n#" + " " * 3990 + "#a\n\n##" + " " * 3990 + "\n"
    ),
    "backticks": _page("# Hostile\n\n" + "`" * 3000 + "\n\n" + ("` `` " * 700 + "\n") * 20),
    "line after a pipe": _page("# Hostile\n\n| a | b |\n|" + " -" * 1990 + "x\n"),
    "one long line of <b": _page("# Hostile\n\n" + "<b " * 60_000),
    "lines of <b": _page("# Hostile\n\n" + "<b \n" * 45_000),
    "deep list": _page("# Hostile\n\n" + "".join("  " * i + "- item\n" for i in range(1000))),
    "deep list under the page cap": _page("# Hostile\n\n" + "".join("  " * i + "- item\n" for i in range(300))),
    "deep blockquote": _page("# Hostile\n\n" + ">" * 3990 + " deep\n"),
    "blockquote lines": _page("# Hostile\n\n" + "".join(">" * i + " x\n" for i in range(1, 400))),
    "unclosed brackets": _page("# Hostile\n\n" + ("[" * 3900 + "\n") * 40),
    "brackets and parens": _page("# Hostile\n\n" + ("[a](" * 900 + "\n") * 40),
    "emphasis delimiters": _page("# Hostile\n\n" + ("*_" * 1950 + "\n") * 40),
    "link reference chain": _page(
        "# Hostile\n\n"
        + "".join(f"[r{i}]: #r{i + 1}\n" for i in range(5000))
        + "\n"
        + " ".join(f"[x][r{i}]" for i in range(300))
    ),
    "huge table": _page(
        "# Hostile\n\n| "
        + " | ".join(f"c{i}" for i in range(30))
        + " |\n|"
        + "---|" * 30
        + "\n"
        + ("| " + " | ".join("`x` *y*" for _ in range(30)) + " |\n") * 3000
    ),
    "thousands of headings": _page("# Hostile\n\n" + "".join(f"## Part {i}\n\nText {i}.\n\n" for i in range(6000))),
    "long attribute list": _page("# Hostile { " + ".a " * 1300 + "}\n\nText.\n"),
    "character references": _page("# Hostile\n\n" + ("&#" * 1990 + "\n") * 40),
    "unclosed comment": _page("# Hostile\n\n<!--\n" + "text `docker ps --nope`\n" * 20_000),
    "nested admonitions": _page("# Hostile\n\n" + _nested_admonitions(200)),
    "nested tabs": _page("# Hostile\n\n" + _nested_tabs(200)),
    "backslashes": _page("# Hostile\n\n" + ("\\" * 3999 + "\n") * 40),
    "inline code runs": _page("# Hostile\n\n" + ("`docker ps` " * 330 + "\n") * 60),
    "nested substitutions": _page("# Hostile\n\n```bash\ndocker run " + "$(" * 1500 + "x" + ")" * 1500 + "\n```\n"),
    "nested backtick substitutions": _page("# Hostile\n\n```bash\n" + 'echo "$(' * 1500 + "\n```\n"),
    "many fences": _page("# Hostile\n\n" + "```bash\ndocker ps\n```\n\n" * 5000),
    "long line in a code block": _page("# Hostile\n\n```bash\ndocker ps " + "x" * 300_000 + "\n```\n"),
    "lone CR line endings": _page("# Hostile\n\nText.\n\n```bash\ndocker ps\n```\n").replace(b"\n", b"\r"),
    "BOM and CRLF": b"\xef\xbb\xbf" + _page("# Hostile\n\nText.\n\n```bash\ndocker ps\n```\n").replace(b"\n", b"\r\n"),
    "NUL bytes": _page("# Hostile\n\nText\x00 with NUL.\n\n```bash\ndocker ps\x00\n```\n"),
    "page over the size cap": _page("# Hostile\n\n" + ("Plain words in a sentence. " * 40 + "\n\n") * 280),
    "deep brackets in a link": _page("# Hostile\n\n" + "[" * 1900 + "x" + "]" * 1900 + "(#x)\n"),
    "deep html nesting": _page("# Hostile\n\n<div>" + "<div>" * 3000 + "\n\ntext\n"),
    "html nesting under the line cap": _page("# Hostile\n\n" + ("<div>" * 790 + "\n\n") * 3 + "text\n"),
    "unclosed brackets under the caps": _page("# Hostile\n\n" + ("[" * 60 + " word" * 60 + "\n\n") * 60),
    "markup under the block cap": _page("# Hostile\n\n" + ("*_\\`&" * 250 + "\n" + "plain words " * 300 + "\n\n") * 12),
    "emphasis in separate blocks": _page("# Hostile\n\n" + ("*_" * 1950 + "\n\n") * 60),
    "backslashes in separate blocks": _page("# Hostile\n\n" + ("\\" * 3999 + "\n\n") * 60),
    "character references in separate blocks": _page("# Hostile\n\n" + ("&#" * 1990 + "\n\n") * 60),
    "code spans in separate blocks": _page("# Hostile\n\n" + ("` " * 1990 + "\n\n") * 60),
    "headings under the line cap": _page("# Hostile\n\n" + "".join(f"## Part {i}\n\n" for i in range(2400))),
    # One heading over and over: each copy's id was found by trying every earlier one, and the
    # theme's search pairs every heading with its table-of-contents entry the same way.
    "one heading repeated": _page("# Hostile\n\n" + "## a\n" * 4980),
    # A table row fills up to its header's width: 1,900 columns made each 3-byte row 1,900 cells.
    "wide table": _page(
        "# Hostile\n\nA table.\n\n" + "|".join("a" * 1900) + "\n" + "|".join("-" * 1900) + "\n" + "b|\n" * 90
    ),
    "fences under the block cap": _page("# Hostile\n\n" + "```bash\ndocker ps\n```\n\n" * 450),
    "table under the page cap": _page(
        "# Hostile\n\n| a | b | c |\n|---|---|---|\n" + "| `x` | *y* | [z](#hostile) |\n" * 4900
    ),
    "comment under the line cap": _page("# Hostile\n\n<!--\n" + "text `docker ps --nope` and more words\n" * 4900),
    "deep YAML in the front matter": _page(
        "# Hostile\n\nText.\n", FRONT.replace("order: 990\n", "order: 990\nhide: " + "[" * 3000 + "]" * 3000 + "\n")
    ),
    "page of only front matter and NUL": b"---\ntitle: \x00\n---\n",
    "raw tags under the page cap": _page("# Hostile\n\n" + ("<b " * 25 + "\n\n") * 40),
}
