"""Structural checks of a page's prose: headings, images, raw HTML (refused), reserved class names,
link targets, invisible characters, internal links, emptiness."""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from pygments.lexers.shell import BashSessionLexer
from pygments.token import Generic

from . import characters
from .catalog import Catalog
from .findings import COPIED_SHELL_LANGS, FENCE_LANGS, SESSION_LANGS
from .link_policy import url_problem
from .page import Fence, PageScan, code_spans, escaped
from .problems import Problem, closest
from .shell import PROMPT, continues
from .shell_syntax import refusals
from .tag_advice import tag_fix

# Raw HTML: a `<` that opens a tag, a closing tag, a comment, a declaration or an instruction,
# as Python-Markdown reads one. A page is Markdown only: every code block is a fence the checker
# reads, every link a Markdown link it checks, every class one it can see.
_RAW_HTML = re.compile(r"<(?:(/?[A-Za-z][A-Za-z0-9:-]*+)|(!--|![A-Za-z\[]|\?))")
# An autolink, `<https://example.com>`: Markdown, not HTML.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*+)>")
_EMAIL_AUTOLINK = re.compile(r"<[^\s<>@]++@[^\s<>]++>")
# Why some tags are refused, in words; any other tag gets the generic advice.
_HTML_FIX = "pages are Markdown only: write it in Markdown, or put a placeholder such as `<name>` in backticks"
# attr_list (`{: .cs-x }`, `{ #cs-x }`, `{: class="cs-x" }`): the `cs-` and `md-` names belong
# to the site's features and the theme's layout (a fake update banner, a hidden Fill-in panel).
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*+\}")
_RESERVED_NAME = re.compile(r"""(?:^|[\s.#'"={])((?:cs|md)-[\w-]*+|__[\w-]*+)""")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]]++\]:\s*+<?([^\s>]*+)")
# Footnotes (Python-Markdown's footnotes): `[^label]: text` defines one, `[^label]` elsewhere refers.
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t>]*+\[\^([^\]\s]++)\]:")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]++)\](?!:)")
_BACKTICK_RUN = re.compile(r"`+")
# What Pygments' session lexer (console blocks) reads as a prompt, and as a continued line's.
_SESSION_LANGS = SESSION_LANGS
_COPIED_SHELLS = COPIED_SHELL_LANGS
_PS1: re.Pattern[str] = BashSessionLexer._ps1rgx
_PS2: str = BashSessionLexer._ps2
_VENV: re.Pattern[str] = BashSessionLexer._venv  # stripped from every line before its prompt
# One cell of a table's rule line, such as ` :---: `.
_RULE_CELL = re.compile(r"\s*+:?-{3,}+:?\s*+")


def _table_rule(line: str) -> bool:
    """Whether a line is a table's rule (`| --- | :---: |`): at least two cells of dashes. Plain
    string splitting: the pattern it replaces took 21 s on a 50 KB line after a pipe."""
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") else text
    cells = text.split("|")
    return len(cells) >= 2 and all(_RULE_CELL.fullmatch(cell) for cell in cells)


def _blank_code(line: str) -> str:
    """The line with each inline code span replaced by ``` `` ```."""
    if "`" not in line:  # most lines
        return line
    out, last = [], 0
    for start, end, _, _ in code_spans(line):
        out += [line[last:start], "``"]
        last = end
    return "".join(out) + line[last:] if out else line


def raw_html(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Raw HTML in the page's prose (code spans and fences are code, not HTML): refused, with
    its line. Autolinks are Markdown and are checked as links."""
    problems: list[Problem] = []
    in_comment = False
    for number, line in prose:
        if in_comment or "<!--" in line:
            opens = "<!--" in line
            line, in_comment = _outside_comments(line, in_comment)
            if opens and line.strip():
                problems.append(
                    Problem(
                        scan.path,
                        number,
                        "an HTML comment inside a line of text: Markdown keeps it in the paragraph as HTML",
                        "put the comment on lines of its own, with a blank line before and after",
                    )
                )
                continue
        if "<" not in line:
            continue
        for match in _RAW_HTML.finditer(line):
            auto = _AUTOLINK.match(line, match.start())
            if auto:
                wrong = url_problem(auto.group(1))
                if wrong:
                    problems.append(Problem(scan.path, number, *wrong))
                continue
            if _EMAIL_AUTOLINK.match(line, match.start()):
                problems.append(
                    Problem(scan.path, number, "e-mail link in the page", "link to an https:// page instead")
                )
                continue
            tag = (match.group(1) or "").lstrip("/").lower()
            shown = f"<{match.group(1)}>" if tag else f"<{match.group(2)}"
            fix = tag_fix(tag, _HTML_FIX)
            problems.append(Problem(scan.path, number, f"raw `{shown}` tag in the page", fix))
            break  # one problem per line: the fix is the same
    return problems


def _outside_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line without its HTML comments (the reader never sees them: Markdown passes them
    through and the sanitiser drops them), and whether a comment is still open at its end."""
    out: list[str] = []
    pos = 0
    while True:
        if in_comment:
            end = line.find("-->", pos)
            if end < 0:
                return " ".join(out), True
            pos, in_comment = end + 3, False
        start = line.find("<!--", pos)
        if start < 0:
            out.append(line[pos:])
            return " ".join(out), False
        out.append(line[pos:start])
        pos, in_comment = start + 4, True


def reserved_names(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Classes and ids of the site (`cs-…`), the theme (`md-…`, `__…`) given by attr_list, in
    prose or on a fence's opening line."""
    lines = list(prose) + [(f.line, scan.lines[f.line - 1]) for f in scan.fences]
    problems: list[Problem] = []
    for number, line in lines:
        if "{" not in line:
            continue
        for block in _ATTR_LIST.finditer(line):
            name = _RESERVED_NAME.search(block.group())
            if name:
                problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"`{name.group(1)}` is a class or id of the site's own interface",
                        "remove it: pages may not use names starting with `cs-`, `md-` or `__`",
                    )
                )
                break
    return problems


def footnotes(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Footnotes that lose text: a second definition of a label replaces the first without a
    word from Python-Markdown, and a reference with no definition is shown as `[^label]`."""
    defined: dict[str, int] = {}
    problems: list[Problem] = []
    referred: list[tuple[int, str]] = []
    for number, line in prose:
        if "[^" not in line:
            continue
        definition = _FOOTNOTE_DEFINITION.match(line)
        if definition:
            label = definition.group(1)
            if label in defined:
                problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"footnote `[^{label}]` is defined twice (first on line {defined[label]}),"
                        " and only this one would be shown",
                        "give each footnote a label of its own, or merge the two texts",
                    )
                )
            else:
                defined[label] = number
        after = definition.end() if definition else 0
        referred += [(number, m.group(1)) for m in _FOOTNOTE_REFERENCE.finditer(line, after)]
    for number, label in referred:
        if label not in defined:
            problems.append(
                Problem(
                    scan.path,
                    number,
                    f"footnote `[^{label}]` has no definition, so it is shown as typed",
                    f"add a line `[^{label}]: …` below the paragraph, or remove the reference",
                )
            )
    return sorted(problems, key=lambda p: p.line)


def split_lines(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Lines Python-Markdown reads together with the next, or as a heading, where the page scan
    reads one line at a time: a link whose address starts on the next line went unchecked (and
    one that was no URL stopped MkDocs with a traceback), and `#text` is a heading to it."""
    problems = []
    for number, line in prose:
        text = line.rstrip()
        if re.search(r"\]\(\s*<?$", text) or re.match(r" {0,3}\[[^\]]+\]:$", text):
            problems.append(
                Problem(
                    scan.path,
                    number,
                    "a link's address starts on the next line",
                    "keep `](address)` on one line with the link's text",
                )
            )
        elif re.match(r" {0,3}#{1,6}[^#\s]", line):
            problems.append(
                Problem(
                    scan.path,
                    number,
                    "a `#` at the start of a line makes it a heading, though no space follows it",
                    "put a space after the `#` for a heading, or write `\\#` for the character",
                )
            )
    return problems


def open_code_spans(scan: PageScan) -> list[Problem]:
    """A backtick that opens inline code and is not closed on its line: Python-Markdown pairs it
    with one on a later line of the paragraph, and what lies between is code to the reader but
    prose to these checks, which read code line by line (raw HTML between two such backticks
    passed unseen). Inline code stays on one line; `\\`` is a backtick as text."""
    problems = []
    in_comment = False
    for number, line in _raw_prose(scan):
        if in_comment or "<!--" in line:  # a comment is not shown: its backticks pair with nothing
            line, in_comment = _without_comments(line, in_comment)
        if "`" not in line:
            continue
        spans = code_spans(line)
        for run in _BACKTICK_RUN.finditer(line):
            start = run.start() + escaped(line, run.start())
            if start == run.end() or any(begin <= start < end for begin, end, _, _ in spans):
                continue
            problems.append(
                Problem(
                    scan.path,
                    number,
                    "inline code is not closed on this line, so Markdown closes it on a later one",
                    "close it on the same line (rewrap the sentence), or write \\` for a backtick as text",
                )
            )
            break
    return problems


def _without_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line with its HTML comments as spaces, and whether one is still open at its end. A
    `<!--` in inline code (`` `<!--` ``) opens none, as in Markdown."""
    spans = code_spans(line)
    out = list(line)
    pos = 0
    while pos <= len(line):
        if in_comment:
            end = line.find("-->", pos)
            stop = len(line) if end < 0 else end + 3
            out[pos:stop] = " " * (stop - pos)
            if end < 0:
                return "".join(out), True
            pos, in_comment = stop, False
        start = line.find("<!--", pos)
        while start >= 0 and any(begin <= start < end for begin, end, _, _ in spans):
            start = line.find("<!--", start + 4)
        if start < 0:
            return "".join(out), False
        pos, in_comment = start, True
    return "".join(out), in_comment


def _raw_prose(scan: PageScan) -> list[tuple[int, str]]:
    """Body lines outside fenced code, as written."""
    inside: set[int] = set()
    for fence in scan.fences:
        inside.update(range(fence.line, fence.line + len(fence.lines) + 2))
    return [(n, scan.lines[n - 1]) for n in range(scan.body_line, len(scan.lines) + 1) if n not in inside]


def link_targets(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Every link, image and reference definition points where link_policy allows."""
    targets = [(link.line, link.url) for link in scan.links]
    targets += [(number, m.group(1)) for number, line in prose if "]:" in line and (m := _REFERENCE.match(line))]
    named = [(link.line, link.text, link.url) for link in scan.links] + _reference_links(prose)
    problems = [problem for line, text, url in named if (problem := _named_elsewhere(scan, line, text, url))]
    for number, url in sorted(targets):
        wrong = url_problem(url)
        if wrong:
            problems.append(Problem(scan.path, number, *wrong))
        elif _climbs_out(scan.src, url):
            problems.append(
                Problem(
                    scan.path,
                    number,
                    f"link `{url[:80]}` climbs out of the site's folder: from disk it opens a file of the "
                    "reader's machine, on the web an address outside the site",
                    "link to a page or an image in docs/ (count the `../`), or give the whole https:// address",
                )
            )
    return problems


# A link's text that names an address: a reader trusts it and does not read the status bar.
# Form `a`, an address with its scheme or `www.`; form `b`, any dotted run with letters on both
# sides of each dot and a last label of letters: a host name under any top-level domain
# (`public.ecr.aws`, `nvd.nist.gov`, `github.blog`: the eleventh attacker's hit 13, past a list of
# nine), in any script (`docker.io` with a Cyrillic i and o, U+0456 U+043E: hit 17). Whether a
# run is a file's name instead (`compose.yaml`) is decided by its last label, below.
_LETTER = r"[^\W\d_]"
_ADDRESS_TEXT = re.compile(
    r"(?:https?://|www\.)(?P<a>[^\s/:?#]+?)\.?(?=[\s/:?#]|$)"
    rf"|(?<![\w.-])(?P<b>[\w-]*{_LETTER}(?:\.{_LETTER}(?:[\w-]*{_LETTER})?)*\.{_LETTER}{{2,}})(?![\w-]|\.\w)",
    re.IGNORECASE,
)
# Last labels that make a dotted run a file's name, not a host's: `compose.yaml`,
# `docker-compose.yml`, `daemon.json`, `README.md`. Not `sh`: the rule has always read `get.docker.sh`
# or `brew.sh` as a host, and a script's name in a link's text can go in the text around it.
# fmt: off
FILE_EXTENSIONS = frozenset((
    "yaml", "yml", "json", "md", "markdown", "txt", "py", "toml", "conf", "cfg", "ini", "env", "lock", "log",
    "tar", "gz", "tgz", "bz2", "xz", "zst", "zip", "pem", "crt", "cer", "csr", "key", "html", "htm", "xml",
    "js", "mjs", "ts", "css", "csv", "pid", "sock", "service", "socket", "dockerfile", "dockerignore",
))
# fmt: on


# The full stops IDNA reads as a host name's dot (UTS #46; Python's encodings.idna `dots`): an
# address bar turns `docs。docker。com` into docs.docker.com. NFKC leaves U+3002 as it is.
_IDNA_DOTS = dict.fromkeys(map(ord, "\u3002\uff0e\uff61"), ".")


def _named_hosts(shown: str) -> tuple[list[str], list[str]]:
    """The hosts a link's text names, and its dotted runs whose labels are in more than one
    script (`docker.io` with U+0456 U+043E: Latin, then Cyrillic that reads as `io`), which name a lookalike."""
    hosts, lookalikes = [], []
    for named in _ADDRESS_TEXT.finditer(unicodedata.normalize("NFKC", shown).translate(_IDNA_DOTS)):
        if named.group("a") is not None:
            hosts.append(named.group("a").lower().removeprefix("www."))
            continue
        run = named.group("b")
        labels = run.split(".")
        per_label = [characters.scripts(label) for label in labels]
        latin_at = next((i for i, found in enumerate(per_label) if "LATIN" in found), len(labels))
        if len(set(per_label)) > 1 or any(found != {"LATIN"} for found in per_label[latin_at:]):
            lookalikes.append(run)
        elif labels[-1].lower() not in FILE_EXTENSIONS:
            hosts.append(run.lower().removeprefix("www."))
    return hosts, lookalikes


_DEFINITION = re.compile(r"^ {0,3}\[([^\]^][^\]]*+)\]:\s*+<?([^\s>]*+)")
_REFERENCE_USE = re.compile(r"(?<!\\)\[([^\]]++)\](?:\[([^\]]*+)\])?(?![(:])")
_MARKUP = re.compile(r"\\(?=[!-/:-@\[-`{-~])|[*_`<>]")


def _reference_links(prose: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """Reference-style links (`[text][label]`, `[text][]`, `[label]`) with their targets."""
    targets = {m.group(1).strip().lower(): m.group(2) for _, line in prose if (m := _DEFINITION.match(line))}
    found = []
    for number, line in prose:
        if "[" not in line or _DEFINITION.match(line):
            continue
        for use in _REFERENCE_USE.finditer(line):
            label = (use.group(2) or use.group(1)).strip().lower()
            if label in targets:
                found.append((number, use.group(1), targets[label]))
    return found


def _named_elsewhere(scan: PageScan, line: int, text: str, url: str) -> Problem | None:
    """A link whose text names an address goes to that address's host: the text as a reader
    sees it (escapes, emphasis and character references read)."""
    shown = _MARKUP.sub("", html.unescape(text)).strip()
    # Anywhere in the text, as a reader reads it (fullwidth dots are dots: NFKC).
    target = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    hosts, lookalikes = _named_hosts(shown)
    if lookalikes:
        odd = lookalikes[0]
        letters = [f"`{c}` {characters.describe(c)}" for c in odd if characters.scripts(c) - {"LATIN"}][:3]
        return Problem(
            scan.path,
            line,
            f"the link's text names `{odd}`, a host whose labels are written in more than one script"
            f" ({', '.join(letters)}): it reads as another host",
            "write the host's name in the letters of its real address, or make the text say where the link goes",
        )
    host = next((h for h in hosts if h != target), None)
    if host is None:
        return None
    return Problem(
        scan.path,
        line,
        f"the link's text names `{host}`, and the link goes {f'to `{target}`' if target else 'elsewhere'}",
        "make the text say where the link goes, or link the address the text names",
    )


def _climbs_out(here: str, url: str) -> bool:
    """Whether a relative link goes above docs/ (more `..` than the page is folders deep)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "#")):
        return False
    depth = here.count("/")
    for piece in unquote(parts.path).replace("\\", "/").split("/"):
        if piece == "..":
            depth -= 1
            if depth < 0:
                return True
        elif piece not in ("", "."):
            depth += 1
    return False


def text_characters(scan: PageScan) -> list[Problem]:
    """Invisible characters anywhere in the page (front matter, prose, code, link targets), and
    words that mix scripts."""
    code = [(f.line + 1 + i, line) for f in scan.fences for i, line in enumerate(f.lines)]
    code += [(span.line, span.code) for span in scan.spans]
    return characters.check_lines(scan.path, enumerate(scan.lines, start=1)) + characters.check_code(scan.path, code)


def prose_lines(scan: PageScan) -> list[tuple[int, str]]:
    """Body lines outside fenced code, with inline code blanked out."""
    return [(number, _blank_code(line)) for number, line in _raw_prose(scan)]


# What may follow a fence's backticks or tildes: a language, and a title. The checks read every
# fenced line as code; Python-Markdown (superfences) reads a fence whose info string it does not
# accept as prose, raw HTML included. Anything beyond the two forms pages use is refused, so
# that what the checks take for code is what the reader is shown as code.
_FENCE_INFO = re.compile(r"(?:\.?[\w#+-][\w#.+-]*)?(?:[ \t]+title=\"[^\"]*\")?[ \t]*")


# attr_list's `{ … }` after a block, a heading or an inline element: ids and attributes, and
# classes (`.name`). A page gives no element a class: the extensions write the classes the
# theme styles, and some of the theme's classes hide their text (`footnote-backref`), so a
# class written by hand could show the reader one thing and give search or the copy button
# another.
_ATTR_TOKEN = r"""(?:[#.][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]+))"""
_ATTR_BLOCK = re.compile(rf"(?<!\{{)\{{:?[ \t]*({_ATTR_TOKEN}(?:[ \t]+{_ATTR_TOKEN})*)[ \t]*\}}")
_CLASS_TOKEN = re.compile(r"""(?:^|[ \t])(?:\.([\w-]+)|class=["']?([^"'\s}]*))""")


def written_classes(scan: PageScan, prose: list[tuple[int, str]]) -> list[Problem]:
    """Problems for classes a page writes with attr_list (`{ .name }`)."""
    problems = []
    for number, line in prose:
        if "{" not in line:
            continue
        for match in _ATTR_BLOCK.finditer(line):
            token = _CLASS_TOKEN.search(match.group(1))
            # A name of the site's or the theme's is reserved_names' to report, in its own words.
            if token and not _RESERVED_NAME.search(match.group()):
                name = token.group(1) or token.group(2)
                problems.append(
                    Problem(
                        scan.path,
                        number,
                        f"the class `{name}` is given with attr_list (`{match.group()}`): pages do not "
                        "give their text classes (some of the theme's hide it)",
                        "remove it; an id (`{ #name }`) is fine",
                    )
                )
                break
    return problems


def _touching(scan: PageScan, fence: Fence) -> list[Problem]:
    """A fence with text on the line above its opening or below its closing: superfences then
    writes the block inside that paragraph (`<p><div class="highlight">`), which browsers read
    as two blocks, so the sanitizer would refuse HTML the page never wrote, on no line of it."""
    above = fence.line - 2  # the line above the opening, as an index of scan.lines
    below = fence.line + len(fence.lines) + 1  # the line below the closing
    # Two fences touching are one mistake, reported by the second (its line above is text).
    openings = {other.line - 1 for other in scan.fences}
    sides = [
        side
        for side, index in (("above", above), ("below", below))
        if scan.body_line - 1 <= index < len(scan.lines)
        and scan.lines[index].strip()
        and not (side == "below" and index in openings)
    ]
    if not sides:
        return []
    return [
        Problem(
            scan.path,
            fence.line,
            f"a code block with text on the line {' and '.join(sides)} it: Markdown writes the block inside "
            "that paragraph, as HTML that browsers read apart",
            "leave a blank line before and after every code block",
        )
    ]


def fence_openings(scan: PageScan) -> list[Problem]:
    """Problems for fences whose info string is not a plain language (and title), whose language
    is not one the site's checks and copy button agree on (findings.FENCE_LANGS), or that touch
    the text around them."""
    problems = []
    for fence in scan.fences:
        raw = scan.lines[fence.line - 1]
        problems += _touching(scan, fence)
        indent = len(raw) - len(raw.lstrip(" "))
        if indent % 4:
            # superfences reads a fence at its block's edge (a list item's or an admonition's four
            # blanks); one indented by one to three more is a paragraph that the checks would read
            # as code, and its text could stand in for a block nothing read.
            problems.append(
                Problem(
                    scan.path,
                    fence.line,
                    f"a fence indented by {indent} blank{'s' if indent > 1 else ''}: Markdown shows it as text, the "
                    "checks read it as code",
                    "start the fence at the left edge, or at the four blanks of the list item or note it belongs to",
                )
            )
        opening = raw.strip()
        info = opening.lstrip(opening[:1])
        written = info.split()[0].lstrip(".") if info.split() else ""
        if _FENCE_INFO.fullmatch(info) and written != written.lower():
            # The checks read `BASH` as bash; the page's styles and the build's marks name
            # `language-bash`, so the block would neither wrap nor lose its explanations' copy.
            problems.append(
                Problem(
                    scan.path,
                    fence.line,
                    f"the language `{written}` in capitals: the highlighter names the block as written, and the "
                    "site's styles and copy rules know only the lower-case name",
                    f"write `{written.lower()}`",
                )
            )
        elif _FENCE_INFO.fullmatch(info) and fence.lang not in FENCE_LANGS:
            problems.append(
                Problem(
                    scan.path,
                    fence.line,
                    f"`{fence.lang}` is not a language of the site's code blocks: the checks read commands "
                    "only in shell blocks they know, and this one would be highlighted and copied unread",
                    f"use one of {', '.join(f'`{lang}`' for lang in sorted(FENCE_LANGS - {''}))}",
                )
            )
        elif not _FENCE_INFO.fullmatch(info):
            problems.append(
                Problem(
                    scan.path,
                    fence.line,
                    f"the fence's info string `{info.strip()[:60]}` is not one Markdown reads, so the lines "
                    "below it would not be a code block, but prose and HTML that no check reads as code",
                    'give the language alone, e.g. ```` ```bash ````, optionally with `title="…"`',
                )
            )
    return problems


def shell_syntax(scan: PageScan, catalog: Catalog | None = None) -> list[Problem]:
    """A block the copy button hands to a shell uses only the shell the pages need
    (cheatsheet/shell_syntax.py): where the checks, the highlighter and bash, dash or zsh could
    read it apart, the line is refused instead of read."""
    problems = []
    for fence in scan.fences:
        if fence.lang not in _COPIED_SHELLS:
            continue
        for refusal in refusals(fence.lines, fence.lang in _SESSION_LANGS, catalog):
            problems.append(Problem(scan.path, fence.line + 1 + refusal.offset, refusal.what, refusal.fix))
    return problems


# A run of blanks inside a line of a block that does not wrap (the shell blocks wrap): what follows
# it sits off-screen, where no reader looks, and the copy button still copies it. Past column 60
# after 8 blanks or more, or after more than 40 anywhere (the pages align YAML comments at 44).
_BLANK_RUN = re.compile(r"(?<=\S) {8,}(?=\S)")


def _off_screen(line: str) -> re.Match[str] | None:
    return next((run for run in _BLANK_RUN.finditer(line) if len(run.group()) > 40 or run.end() > 60), None)


_RTL_WHAT = (
    "a right-to-left letter (or a code point Unicode has not assigned) in code: browsers reorder the "
    "characters around it, so the line shows in another order than it is copied and run"
)
_RTL_FIX = "write the code in left-to-right letters"


def _reorders(char: str) -> bool:
    """A right-to-left letter, or a code point this Python's Unicode tables do not know: a
    browser's newer tables may give it a right-to-left class (U+05FF, letters added since)."""
    # AN: Arabic-Indic digits, which a browser orders as it orders the letters around them.
    bidi = unicodedata.bidirectional(char)
    return bidi in ("R", "AL", "AN") or (not char.isascii() and unicodedata.category(char) == "Cn")


def code_shown_as_written(scan: PageScan) -> list[Problem]:
    """Code shows the reader what it holds: no text pushed off-screen by blanks in a block that
    does not wrap, and no right-to-left letter, which reorders the characters around it
    (`backup-א 2024 data` shows as `backup-2024 א data`, and copies as written)."""
    problems = []
    for span in scan.spans:
        if any(_reorders(c) for c in span.code):
            problems.append(Problem(scan.path, span.line, _RTL_WHAT, _RTL_FIX))
    for fence in scan.fences:
        for offset, line in enumerate(fence.lines, start=fence.line + 1):
            if "\t" in line and fence.lang not in _COPIED_SHELLS:  # (shell_syntax says it of those)
                problems.append(
                    Problem(
                        scan.path,
                        offset,
                        "a tab in code: Markdown shows it as spaces, so the block shown is not the one checked",
                        "use spaces",
                    )
                )
            line = line.expandtabs(4)
            if fence.lang not in _COPIED_SHELLS and (run := _off_screen(line)) is not None:
                problems.append(
                    Problem(
                        scan.path,
                        offset,
                        f"{len(run.group())} blanks inside a line of a block that does not wrap: what follows them is "
                        "off-screen, and copied",
                        "write the rest on a line of its own, or align with fewer blanks",
                    )
                )
            if any(_reorders(c) for c in line):
                problems.append(Problem(scan.path, offset, _RTL_WHAT, _RTL_FIX))
    return problems


def session_prompts(scan: PageScan) -> list[Problem]:
    """In a console block, the prompts the highlighter reads are the checks' prompts. Pygments
    takes `# `, `%`, `$` without a space, `user@host:~$ ` and `(venv) $ ` for prompts, and the copy
    button leaves prompts and output out, so such a line would be copied as a command that the
    checks took for output; a `> ` after a line ending in `\\` would be copied without it, and
    read by the checks as a redirection."""
    problems = []
    for fence in scan.fences:
        if fence.lang not in _SESSION_LANGS:
            continue
        continued = False
        for offset, line in enumerate(fence.lines, start=fence.line + 1):
            wrong = ""
            if venv := _VENV.match(line):
                wrong = (
                    f"`{venv.group(1)}` at the start of the line reads as a virtual environment's prompt: the "
                    "highlighter and the copy button take the rest for a command, the checks for output"
                )
            elif continued and line.startswith(_PS2):
                wrong = (
                    f"`{_PS2.strip()}` before a continued line: the copy button leaves it out, the checks read "
                    "a redirection"
                )
            elif not continued and not PROMPT.match(line) and (prompt := _PS1.match(line + "\n")):
                wrong = (
                    f"the prompt `{prompt.group(1).strip()}`: the highlighter and the copy button read this line "
                    "as a command, the checks as output"
                )
            if wrong:
                problems.append(
                    Problem(
                        scan.path,
                        offset,
                        wrong,
                        "start each command with `$ ` and write continued lines without a prompt; put output "
                        "that looks like a prompt in a `text` block",
                    )
                )
            if (continued or PROMPT.match(line)) and line.rstrip().endswith("\\") and not continues(line):
                problems.append(
                    Problem(
                        scan.path,
                        offset,
                        "a command ending in an escaped backslash (`\\\\`): the highlighter and the copy button "
                        "join the next line to it, a shell does not",
                        "end the command otherwise, or quote the path (`'C:\\'`)",
                    )
                )
            continued = (continued or bool(PROMPT.match(line))) and continues(line)
        reported = {problem.line for problem in problems}
        for offset, copied, read in _copied_apart(fence.lines):
            if fence.line + 1 + offset not in reported:
                problems.append(
                    Problem(
                        scan.path,
                        fence.line + 1 + offset,
                        f"the copy button copies `{copied.strip()[:40]}` from this line, the checks read "
                        f"`{read.strip()[:40]}`",
                        "start each command with `$ `, write continued lines without a prompt, and put output "
                        "that looks like a command in a `text` block",
                    )
                )
    return problems


def _copied_apart(lines: list[str]) -> list[tuple[int, str, str]]:
    """The lines of a console block whose copy (Pygments' tokens but its prompts and output, as
    the copy button takes them) is not the command the checks read there (after `$ `, continued
    lines whole, nothing of output): whatever prompt or output rule of Pygments' the checks do not
    share, the two are compared, not the rules."""
    copied = [""]
    for token, value in BashSessionLexer().get_tokens("\n".join(lines) + "\n"):
        for k, part in enumerate(value.split("\n")):
            if k:
                copied.append("")
            if token not in Generic.Prompt and token not in Generic.Output:
                copied[-1] += part
    read: list[str] = []
    continued = False
    for line in lines:
        prompt = None if continued else PROMPT.match(line)
        read.append(line if continued else line[prompt.end() :] if prompt else "")
        continued = (continued or prompt is not None) and continues(line)
    return [(k, a, b) for k, (a, b) in enumerate(zip(copied, read, strict=False)) if a != b]


def check_structure(scan: PageScan, catalog: Catalog | None = None) -> list[Problem]:
    """The page's structure, and its copied shell blocks held to the shell the pages use (with the
    programs of the catalogue's data/cli-rules.yaml: the project's, unless given)."""
    problems: list[Problem] = []
    prose = prose_lines(scan)
    if not any(line.strip() and not line.lstrip().startswith("#") for _, line in prose) and not scan.fences:
        problems.append(
            Problem(
                scan.path,
                scan.body_line,
                "the page has no content",
                "write an introduction and at least one section, or delete the file",
            )
        )
    level = 1
    for heading in scan.headings:
        if heading.level > level + 1:
            problems.append(
                Problem(
                    scan.path,
                    heading.line,
                    f"heading `{heading.text}` jumps from level {level} to level {heading.level}",
                    f"use {'#' * (level + 1)} here, or add the missing level above it",
                )
            )
        level = heading.level
    for link in scan.links:
        if link.image and not link.text.strip():
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"image `{link.url}` has no alt text",
                    "describe it: `![What the image shows](file.png)`",
                )
            )
    previous = (0, "")
    for number, line in prose:
        if "---" in line and previous[0] == number - 1 and _table_rule(line):
            cells = [c.strip() for c in previous[1].strip().strip("|").split("|")]
            if any(not c for c in cells):
                problems.append(
                    Problem(
                        scan.path,
                        previous[0],
                        "a table header cell is empty, so screen readers announce nothing for its column",
                        "name the column, e.g. `| Aspect |`",
                    )
                )
        previous = (number, line)
    problems += fence_openings(scan)
    problems += session_prompts(scan)
    problems += shell_syntax(scan, catalog)
    problems += code_shown_as_written(scan)
    problems += written_classes(scan, prose)
    problems += raw_html(scan, prose)
    problems += reserved_names(scan, prose)
    problems += link_targets(scan, prose)
    problems += footnotes(scan, prose)
    problems += open_code_spans(scan)
    problems += split_lines(scan, prose)
    problems += text_characters(scan)
    return problems


def check_internal_links(scan: PageScan, anchors: dict[str, set[str]]) -> list[Problem]:
    """Links to other pages of the site and to anchors: the target must exist.

    `anchors` maps every page's src URI (generated pages included) to its heading anchors.
    """
    problems: list[Problem] = []
    here = scan.src
    for link in scan.links:
        parts = urlsplit(link.url)
        if parts.scheme or parts.netloc or link.url.startswith("mailto:"):
            continue
        if link.url.startswith("/"):
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"absolute link `{link.url}` breaks when the site is opened from disk",
                    "link relatively to the Markdown file, e.g. `volumes.md#bind-mounts`",
                )
            )
            continue
        target = _resolve(here, unquote(parts.path)) if parts.path else here
        if parts.path and not parts.path.endswith((".md", "/")):
            continue  # an asset such as an image; MkDocs checks those itself
        if target not in anchors:
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"link to `{link.url}`, but there is no page `{target}`",
                    f"link to one of the pages in docs/, e.g. `{closest(target, anchors)}`",
                )
            )
            continue
        if parts.fragment and parts.fragment not in anchors[target]:
            problems.append(
                Problem(
                    scan.path,
                    link.line,
                    f"`{target}` has no heading with anchor `#{parts.fragment}`",
                    f"use one of its anchors, e.g. `#{closest(parts.fragment, anchors[target])}`",
                )
            )
    return problems


def _resolve(here: str, path: str) -> str:
    parts = here.split("/")[:-1]
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)
