"""Shape Material's search index so that the section whose subject is the command comes first.

Material's search plugin writes one document per section (`location`, `title`, `text`); this
module rewrites each after the build, from what the checker read on the page
(cheatsheet/search_sections.py):

- `text` becomes the result's preview: the section's first command lines (three, or six for a
  section without examples), or its first sentence when it shows no command; search-worker.js
  shows the ones matching the query, chosen among these and the section's examples' lines, and
  marks their flags. The section, as plain words (each once, no stop words, without its blocks
  of docker commands, which its examples hold), moves to `body`, searched but never shown.
- Each example (cheatsheet/examples.py) is a result of its own, right after its section's: its
  explanation as title, its command as code, linked to its anchor (see example_doc).
- `words`: readers' words for the flags run: each flag's long name, and its `words` in
  data/meanings.yaml (`gpu` finds `--gpus`, `port` finds `-p`); none for a use of more than
  MANY_FLAGS flags (see reader_words). The index holds the long names; search-worker.js adds
  the readers' words, which are stored once per command and flag in `config.about` (after
  READERS_MARK, see flag_entry) or `config.readers`.
- `subject`: tokens of the commands the section is about (it is their home: the section that
  runs them most, names them in its heading, or runs them first); `tokens`: one per command it
  runs in a current code block, per flag of those commands (as typed and by long name: `-it` gives
  `xflagit`, `xflagi`, `xflagt`, `xflaginteractive`, `xflagtty`) and per Dockerfile
  instruction it shows (`xdfhealthcheck`); `mentions`: the same for commands only named in
  passing or shown as legacy. Tokens are spelled `xcmd…`/`xflag…`/`xdf…`, without dashes,
  because Lunr splits words at dashes and drops stop words such as `it`;
  overrides/assets/javascripts/search-worker.js rewrites a typed flag, command or instruction
  to the same token.
- `keywords`: the words of the commands' canonical paths and aliases (`rmi` finds `image rm`).
- `tasks`: the task phrases of data/tasks.yaml that the section answers.
- `topic`: on a page's first section, its title's words (`xtopicnetwork` for "Networks"), so
  a one-word query naming a topic, even misspelt and corrected (`netwrok`), opens the topic
  rather than a section whose title has a rare form of the word ("The container's …").
- `boost` (Lunr's document boost, which Material passes on): sections that are only legacy,
  and the pages about legacy syntax, rank below current ones; a page's first section is
  weighed down by what Material adds to it (see PAGE_BOOST).

Field boosts sit in the index's `config.fields`, which Material's worker reads. The config also
carries what search-worker.js reads to rewrite a query: the token prefixes, stop words, readers'
verbs (data/search-verbs.yaml), readers' phrases for the site's words (`phrases`, from
data/search-phrases.yaml), readers' words for Dockerfile instructions (`instructions`, from
data/instructions.yaml), what each command and flag does (`about`), the one-word commands
a task may name alone (`alone`, see alone_commands) and the anchor prefix of examples
(`example_anchor`, cheatsheet/examples.py's), which tells their results from sections'.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import nh3
import yaml

from .catalog import Catalog
from .command_checks import destructive_reason
from .data_files import DATA, derived, read_yaml_nodes
from .examples import ANCHOR_PREFIX, Example
from .html_parts import DESTRUCTIVE_ICON, DESTRUCTIVE_LABEL, edit_code_blocks
from .problems import Problem
from .search_sections import Section

FLAG_PREFIX = "xflag"
COMMAND_PREFIX = "xcmd"
INSTRUCTION_PREFIX = "xdf"
PAIR_PREFIX = "xpair"
TOPIC_PREFIX = "xtopic"
# The prefixes travel in the index's config, where search-worker.js reads them to spell a
# query's tokens as the index does.
PREFIXES = {
    "flag": FLAG_PREFIX,
    "command": COMMAND_PREFIX,
    "instruction": INSTRUCTION_PREFIX,
    "pair": PAIR_PREFIX,
    "topic": TOPIC_PREFIX,
}
# Lunr 2.3.9's English stop words (lunr.stopWordFilter): the index leaves them out. The list
# goes into the index's config, where search-worker.js reads it to drop them from queries and to
# form the same word pairs as below.
STOP_WORDS = tuple(
    (  # noqa: SIM905 (119 words read better as text)
        "a able about across after all almost also am among an and any are as at be because been but by can "
        "cannot could dear did do does either else ever every for from get got had has have he her hers him "
        "his how however i if in into is it its just least let like likely may me might most must my neither "
        "no nor not of off often on only or other our own rather said say says she should since so some than "
        "that the their them then there these they this tis to too twas us wants was we were what when where "
        "which while who whom why will with would yet you your"
    ).split()
)
_STOP = frozenset(STOP_WORDS)
# Lunr multiplies a field's score by its boost. Material's own: title 1e3, text 1, tags 1e6.
# Tokens only match queries rewritten to carry them, so they may outweigh the title: `compose
# up` ranks the sections running it above "Cleaning up". A section's subject outweighs a
# section that merely runs the command, which outweighs a passing mention.
FIELDS = {
    "body": 1.0,
    "keywords": 5.0,
    "tasks": 3e3,
    "pairs": 1e4,
    "skips": 3e3,
    "mentions": 300.0,
    "tokens": 1e4,
    "subject": 2e4,
    "topic": 2e4,
    "words": 1e4,
    "about": 1e3,
}
# An example's own result (cheatsheet/examples.py) weighs like the section it stands in, a
# little less, so a section that is about the command and shows the line still comes first
# when both match alike; its explanation is its title, which Material weighs at 1e3.
EXAMPLE_BOOST = 0.9
LEGACY_BOOST = 0.2  # a section about legacy syntax
PAGE_BOOSTS_FILE = DATA / "search-boosts.yaml"  # whole pages that rank below the topics
# Material multiplies a page's first section by (1 + (1 + f)^2) and other sections by
# (1 + f^2), f being the share of query terms found: 2.5x for the page at f = 1. Its first
# section is weighed down by that much, so a section that answers wins over a page intro.
PAGE_BOOST = 0.4
PREVIEW_LINES = 3  # what a result shows; search-worker.js picks the lines that match the query
PREVIEW_CANDIDATES = 6  # the first lines of a section without examples (Dockerfile, YAML) to pick from
EXAMPLE_CHARS = 320  # an example's command shown whole (a long `docker run` has its flag at the end)
PREVIEW_CHARS = 160

_TAG = re.compile(r"<[^>]+>")
_PRE = re.compile(r"<pre[^>]*>\s*<code[^>]*>(.*?)</code>\s*</pre>", re.S)
_DOCKER_LINE = re.compile(r"^(?:\$ )?docker ", re.M)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
# The destructive warning as Material's index holds it (tags dropped but <p>): its text is the
# Markdown extension's, the same constants.
_BANNER = re.compile(rf"<p>{re.escape(DESTRUCTIVE_ICON)} {re.escape(DESTRUCTIVE_LABEL)}.*?</p>", re.S)
_COMMENT = re.compile(r"\s{2,}#\s.*$|^\s*#.*$")
_CONTINUED = re.compile(r"\\\n\s*")  # a command continued on the next line
_PROMPT = re.compile(r"^\s*\$\s+")
_FLAG = re.compile(r"(?<![\w&;-])(--?[A-Za-z][\w-]*)")
_SENTENCE = re.compile(r"^(.+?[.!?:])(\s|$)")
_ABOUT_WORD = re.compile(r"[a-z0-9]+")
# Punctuation that would stick to a word in the index (Lunr splits at spaces and dashes only).
_PUNCT = re.compile(r"[()\[\]{}<>,;!?\"'`*|&#$%@^~+\\]")  # ASCII only: a Unicode class is ten times slower


# Inside a code block, the markup that holds no text of its own: Pygments' token spans and
# highlight's line anchors. Material's search keeps neither, only their text.
_CODE_MARKUP = re.compile(r"</?(?:span|a)\b[^>]*>")
# Elsewhere, inline and table markup it does not keep either; headings' permalinks stay, as the
# plugin leaves their `¶` out of section titles.
_PROSE_MARKUP = re.compile(
    r'(<a class="headerlink"[^>]*>[^<]*</a>)|</?(?:a|strong|em|td|th|tr|thead|tbody|table)\b[^>]*>'
)
_SKIPPED = "data-search-exclude"  # an element search must leave out: its markup stays


def _page_boosts(data: object) -> tuple[dict[str, float], list[str]]:
    if not isinstance(data, dict):
        return {}, ["the file is not a list of `page.md: boost` lines"]
    boosts: dict[str, float] = {}
    wrong: list[str] = []
    for page, boost in data.items():
        if isinstance(page, str) and isinstance(boost, int | float) and not isinstance(boost, bool) and boost > 0:
            boosts[page] = float(boost)
        else:
            wrong.append(f"`{page}: {boost}` is not a page's source path and a boost above 0")
    return boosts, wrong


def page_boosts(path: Path = PAGE_BOOSTS_FILE) -> tuple[dict[str, float], list[Problem]]:
    """Each page's search boost (data/search-boosts.yaml), and a problem for each entry that is
    not `page.md: number` (left out)."""
    boosts, wrong = derived(_page_boosts, path)
    name = f"data/{path.name}"
    return boosts, [Problem(name, 1, what, "write `page.md: 0.5`, one page a line") for what in wrong]


VERBS_FILE = DATA / "search-verbs.yaml"  # readers' verbs for the site's command words


def _verbs(data: object) -> tuple[dict[str, list[str]], list[str]]:
    """Reader word -> the command words it may mean (`delete` -> `rm`, `rmi`, `prune`, `down`),
    from the file's command word -> reader words."""
    if not isinstance(data, dict):
        return {}, ["the file is not a list of `command-word: [reader, words]` lines"]
    verbs: dict[str, list[str]] = {}
    wrong: list[str] = []
    for word, readers in data.items():
        if not (isinstance(word, str) and isinstance(readers, list) and all(isinstance(r, str) for r in readers)):
            wrong.append(f"`{word}: {readers}` is not a command word and a list of readers' words")
            continue
        for reader in readers:
            verbs.setdefault(reader.lower(), []).append(word.lower())
    return verbs, wrong


def verbs(path: Path = VERBS_FILE) -> tuple[dict[str, list[str]], list[Problem]]:
    """Readers' verbs by the command words they may mean (data/search-verbs.yaml), and a problem
    for each entry that is not `word: [reader, words]` (left out)."""
    found, wrong = derived(_verbs, path)
    name = f"data/{path.name}"
    return found, [Problem(name, 1, what, "write `rm: [delete, remove]`, one command word a line") for what in wrong]


PHRASES_FILE = DATA / "search-phrases.yaml"  # readers' phrases for the site's words


def _phrases(data: object) -> tuple[dict[str, str], list[str]]:
    """Reader phrase -> the site's word a query reads it as (`sign in` -> `login`), from the
    file's site word -> readers' phrases."""
    if not isinstance(data, dict):
        return {}, ["the file is not a list of `word: [reader phrase, ...]` lines"]
    phrases: dict[str, str] = {}
    wrong: list[str] = []
    for word, readers in data.items():
        if not (isinstance(word, str) and isinstance(readers, list) and all(isinstance(r, str) for r in readers)):
            wrong.append(f"`{word}: {readers}` is not a word and a list of readers' phrases")
            continue
        for reader in readers:
            said = " ".join(reader.lower().split())
            if said in phrases and phrases[said] != word.lower():
                wrong.append(f"`{said}` is read as both `{phrases[said]}` and `{word}`")
                continue
            phrases[said] = word.lower()
    return phrases, wrong


def phrases(path: Path = PHRASES_FILE) -> tuple[dict[str, str], list[Problem]]:
    """Readers' phrases by the site's word a query reads them as (data/search-phrases.yaml), and
    a problem for each entry that is not `word: [reader phrase, ...]` (left out)."""
    found, wrong = derived(_phrases, path)
    name = f"data/{path.name}"
    return found, [Problem(name, 1, what, "write `login: [sign in, log in]`, one word a line") for what in wrong]


INSTRUCTIONS_FILE = DATA / "instructions.yaml"  # the site's meaning of each Dockerfile instruction


class InstructionMeaning(NamedTuple):
    line: int
    meaning: str
    words: tuple[str, ...] = ()  # what readers type for it: its name alone, or phrases


def _instructions(catalog: Catalog, root: yaml.Node | None) -> tuple[dict[str, InstructionMeaning], list[Problem]]:
    """The meanings and readers' words of data/instructions.yaml's nodes, and a problem for each
    key the catalogue does not know as a Dockerfile instruction. The entries' shape is the
    schema's to check (cheatsheet/data_schemas.py, before the build reads the file): an entry of
    another shape is only left out here."""
    found: dict[str, InstructionMeaning] = {}
    problems: list[Problem] = []
    shown = f"data/{INSTRUCTIONS_FILE.name}"
    for key, value in root.value if isinstance(root, yaml.MappingNode) else ():
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        line = key.start_mark.line + 1
        if name not in catalog.instructions:
            guess = catalog.suggest_instruction(name)
            problems.append(
                Problem(
                    shown,
                    line,
                    f"`{name}` is not a Dockerfile instruction of the catalogue (data/catalog.json)",
                    f"did you mean `{guess}`?" if guess else "write an instruction in capitals, such as `WORKDIR`",
                )
            )
            continue
        fields = {k.value: v for k, v in value.value} if isinstance(value, yaml.MappingNode) else {}
        meaning, listed = fields.get("meaning"), fields.get("words")
        said = listed.value if isinstance(listed, yaml.SequenceNode) else []
        words = tuple(
            " ".join(w.value.lower().split()) for w in said if isinstance(w, yaml.ScalarNode) and w.value.strip()
        )
        if isinstance(meaning, yaml.ScalarNode) and meaning.value.strip():
            found[name] = InstructionMeaning(line, " ".join(meaning.value.split()), words)
    return found, problems


def instruction_meanings(
    catalog: Catalog, path: Path = INSTRUCTIONS_FILE
) -> tuple[dict[str, InstructionMeaning], list[Problem]]:
    """data/instructions.yaml checked against the catalogue's Dockerfile instructions (an unknown
    one is a problem with its line, and left out), reread when it or the catalogue changes;
    nothing without the file."""
    if not path.is_file():
        return {}, []
    return derived(_instructions, path, read=read_yaml_nodes, given=(catalog,))


def instruction_config(meanings: dict[str, InstructionMeaning]) -> dict[str, list[str]]:
    """What search-worker.js reads to tell a query means an instruction it does not name in
    capitals (the index's `config.instructions`): readers' words by the instruction's token
    (`xdfworkdir`: `workdir`, `change directory`). A single word is the instruction's name
    typed alone; a phrase means it when the query says each of its words."""
    return {instruction_token(name): list(m.words) for name, m in sorted(meanings.items()) if m.words}


def reading_copy(content: str) -> str:
    """What Material's search plugin parses of a page: its content without the markup the
    plugin drops and keeps only the text of (highlighting in code blocks; links, emphasis and
    table cells elsewhere). Its HTML parser calls Python for each tag, so this cuts its time by
    about two thirds (scripts/bench/REPORT.md) and gives the same index: the same
    sections and titles, code as it was, and the same text once white space is collapsed, as
    the index's fields read it (tests/test_site.py compares them on every page). Where an
    element is marked to be skipped, its markup is left whole."""
    if _SKIPPED in content:
        return edit_code_blocks(content, lambda body: body if _SKIPPED in body else _CODE_MARKUP.sub("", body))
    return _PROSE_MARKUP.sub(r"\1", edit_code_blocks(content, lambda body: _CODE_MARKUP.sub("", body)))


@lru_cache(maxsize=1 << 12)  # a site has a few hundred distinct flags and commands, met thousands of times
def flag_token(flag: str) -> str:
    """`--volumes-from` -> `xflagvolumesfrom`; the browser side computes the same. Flags keep
    their case (`-p` publishes one port, `-P` all of them) though Lunr lowers every token: a
    capital letter is written as its small letter followed by `0` (`-P` -> `xflagp0`)."""
    return FLAG_PREFIX + "".join(c.lower() + "0" if c.isupper() else c for c in re.sub(r"[^A-Za-z0-9]", "", flag))


@lru_cache(maxsize=1 << 12)
def command_token(path: str) -> str:
    """`docker container ls` -> `xcmdcontainerls`: one token for a multi-word command query."""
    words = path.split()
    if words and words[0] == "docker":
        words = words[1:]
    return COMMAND_PREFIX + re.sub(r"[^a-z0-9]", "", "".join(words).lower())


def instruction_token(name: str) -> str:
    """`HEALTHCHECK` -> `xdfhealthcheck`."""
    return INSTRUCTION_PREFIX + name.lower()


@lru_cache(maxsize=1 << 12)
def pair_word(word: str) -> str:
    """A word as pairs compare it: lower case, letters and digits, no plural `s` (the browser
    side computes the same)."""
    word = re.sub(r"[^a-z0-9]", "", word.lower())
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def pair_tokens(phrase: str) -> list[str]:
    """`remove all stopped containers` -> `xpairremovestopped`, `xpairstoppedcontainer`: each
    two neighbouring words that are not stop words. A query with the same two words in a row
    finds the section that answers the phrase, whatever else it says."""
    words = [pair_word(w) for w in phrase.split() if w.lower() not in _STOP]
    words = [w for w in words if w]
    return [f"{PAIR_PREFIX}{a}{b}" for a, b in itertools.pairwise(words)]


def skip_tokens(phrase: str) -> list[str]:
    """Each word with the one after next (`get inside a running container` -> `xpairinsidecontainer`),
    so a reader who leaves a word out still matches; weaker evidence than a real pair."""
    words = [w for w in (pair_word(w) for w in phrase.split() if w.lower() not in _STOP) if w]
    return [f"{PAIR_PREFIX}{a}{b}" for a, b in zip(words, words[2:], strict=False)]


@lru_cache(maxsize=1 << 10)
def _command_words(canonical: str, catalog: Catalog) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words and command tokens of a command and its aliases (once per command per build)."""
    paths = [canonical, *catalog.aliases_of(canonical)]
    return tuple(w for p in paths for w in p.split()[1:]), tuple(command_token(p) for p in paths)


@lru_cache(maxsize=1 << 12)
def _flag_tokens(canonical: str, flags: tuple[str, ...], written: tuple[str, ...], catalog: Catalog) -> tuple[str, ...]:
    known = catalog.flags(canonical)
    tokens = [flag_token(w) for w in written]
    for name in flags:
        tokens.append(flag_token(name))
        flag = known.by_long.get(name)
        if flag and flag.short:
            tokens.append(flag_token(flag.short))
    return tuple(tokens)


def _use_tokens(uses, catalog: Catalog, words: list[str]) -> list[str]:
    tokens: list[str] = []
    for use in uses:
        command_words, command_tokens = _command_words(use.canonical, catalog)
        words += command_words
        tokens += command_tokens
        tokens += _flag_tokens(use.canonical, tuple(use.flags), tuple(use.written_flags), catalog)
    return tokens


# The most flags a use may run and still carry readers' words for them (reader_words).
MANY_FLAGS = 5


def reader_words(uses, catalog: Catalog, meanings: dict[tuple[str, str], tuple[str, ...]] | None = None) -> list[str]:
    """The long names of the flags of these uses (`pids-limit`), for the `words` field, grouped
    by command: the first command's flags, then `@1` and the second command's, and so on, a
    command counted by its place among the `xcmd` tokens of the `tokens` field. search-worker.js
    keeps each name's parts of more than two letters (`gpus` finds `--gpus all`) and adds the
    flag's readers' words (data/meanings.yaml's `words`, `port` finds `-p`), stored once per
    command and flag in the index's config (flag_entry, reader_entries): a flag of one command
    never brings the readers' words of another's (`-p` of `create`, `--cpus` of `update`)."""
    del meanings  # the signature callers know; the words are the worker's to add
    commands = list(dict.fromkeys(t for use in uses for t in _command_words(use.canonical, catalog)[1]))
    groups: dict[int, list[str]] = {}
    for use in uses:
        # Class 5 of issue #24 (an answer shown but not taught): a use of many flags (the daily
        # options, a hardening one-liner) runs each of them among a dozen and teaches none; the
        # reader's words for a flag point to the lines and sections made for it instead.
        if len(use.flags) > MANY_FLAGS:
            continue
        group = groups.setdefault(commands.index(command_token(use.canonical)), [])
        group += [name for name in use.flags if name not in group]
    words: list[str] = []
    for place, names in sorted(groups.items()):
        words += ([f"@{place}"] if place else []) + names
    return words


def section_fields(
    section: Section, catalog: Catalog, meanings: dict[tuple[str, str], tuple[str, ...]] | None = None
) -> dict[str, str | list[str]]:
    """The search fields of one section (see the module docstring)."""
    words: list[str] = []
    tokens = _use_tokens(section.run, catalog, words) + [instruction_token(i) for i in section.instructions]
    mentions = _use_tokens(section.mentioned, catalog, words)
    about = set(section.defined)
    if section.run:
        about.add(section.run[0].canonical)
    title = set(re.findall(r"[a-z0-9]+", section.title.lower()))
    about |= {u.canonical for u in section.run if set(u.canonical.split()[1:]) & title - {"container", "image"}}
    subject = [command_token(p) for c in sorted(about) for p in [c, *catalog.aliases_of(c)]]
    if section.instructions and section.instructions[0].lower() in title:
        subject.append(instruction_token(section.instructions[0]))
    # Flags its prose explains (`--rm` in a table of options) for the commands it runs.
    run_flags = {t for t in tokens if t.startswith(FLAG_PREFIX)}
    for written in sorted(section.explained):
        if flag_token(written) in run_flags:
            subject.append(flag_token(written))
            for use in section.run:
                flags = catalog.flags(use.canonical)
                flag = flags.find(written)
                if flag is not None:
                    subject += [flag_token(flag.name)] + ([flag_token(flag.short)] if flag.short else [])
    seen = set(tokens)
    fields = {
        "keywords": " ".join(dict.fromkeys(words)),
        "tokens": " ".join(dict.fromkeys(tokens)),
        "mentions": " ".join(t for t in dict.fromkeys(mentions) if t not in seen),
        "subject": " ".join(dict.fromkeys(subject)),
        "tasks": " ".join(dict.fromkeys(w for phrase in section.tasks for w in phrase.split())),
        "pairs": " ".join(dict.fromkeys(t for phrase in section.tasks for t in pair_tokens(phrase))),
        "skips": " ".join(dict.fromkeys(t for phrase in section.tasks for t in skip_tokens(phrase))),
        "words": " ".join(reader_words(section.run, catalog, meanings or {})),
    }
    return {k: v for k, v in fields.items() if v}


def _plain(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _mark_flags(line: str) -> str:
    return _FLAG.sub(r'<span class="cs-search-flag">\1</span>', line)


def preview(text: str, lines_max: int = PREVIEW_CANDIDATES) -> str:
    """A result's preview from a section's HTML: its command lines (at most `lines_max`,
    comments and prompts dropped, flags marked), of which the browser shows the PREVIEW_LINES
    that match the query; else its first sentence."""
    text = _BANNER.sub("", text)
    lines: list[str] = []
    for block in _PRE.finditer(text):
        for raw in _CONTINUED.sub(" ", _TAG.sub("", block.group(1))).splitlines():
            line = _COMMENT.sub("", _PROMPT.sub("", raw)).rstrip()
            if len(line) > PREVIEW_CHARS:
                line = line[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
            if line.strip() and not line.startswith((" ", "\t")) and line not in lines:
                lines.append(line)
            if len(lines) == lines_max:
                break
        if len(lines) == lines_max:
            break
    if lines:
        return "".join(f"<pre><code>{line}</code></pre>" for line in lines)
    paragraph = _PARAGRAPH.search(text)
    sentence = _plain(paragraph.group(1) if paragraph else text)
    match = _SENTENCE.match(sentence)
    sentence = match.group(1) if match else sentence
    if len(sentence) > PREVIEW_CHARS:
        sentence = sentence[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return f"<p>{html.escape(sentence, quote=False)}</p>" if sentence else ""


def _without_commands(text: str) -> str:
    """The section's HTML without its blocks of docker commands: each of their lines is an
    example, a search result of its own that holds its words (and the section's preview shows
    the lines that match), so the section's body need not hold them again: the index keeps
    within its budget (80 KiB gzip) with a result per example."""
    return _PRE.sub(lambda m: " " if _DOCKER_LINE.search(m.group(1)) else m.group(0), text)


def body(text: str) -> str:
    """The section as plain words for the index (not shown): no markup, no banners, no
    blocks of docker commands (see _without_commands)."""
    words = _PUNCT.sub(" ", html.unescape(_TAG.sub(" ", _BANNER.sub("", _without_commands(text))))).split()
    # Each word once and no stop words (Lunr drops them when it indexes): the body weighs least
    # of all fields (1), where how often a word occurs barely moves a result, and fewer words
    # keep the index within its budget. Once whatever its case: Lunr lowercases every token, so
    # `Flag` after `flag` is the same word twice (0.8 KiB gzipped over the site).
    first = {w.lower(): w for w in reversed(words)}
    return " ".join(w for w in dict.fromkeys(first[w.lower()] for w in words) if w.lower() not in _STOP)


class _Use:
    """An example's command as section fields read a use of it."""

    def __init__(self, canonical: str, flags: list[str], written_flags: list[str]) -> None:
        self.canonical, self.flags, self.written_flags = canonical, flags, written_flags

    @classmethod
    def of(cls, example: Example) -> list[_Use]:
        """The example's use of its first command (the one its flags belong to), if any."""
        return [cls(c, list(example.flags), list(example.written_flags)) for c in example.commands[:1]]


def _words(text: str) -> str:
    return " ".join(w for w in dict.fromkeys(_ABOUT_WORD.findall(text.lower())) if w not in _STOP and len(w) > 1)


def about_entries(
    uses,
    catalog: Catalog,
    texts: dict[tuple[str, str], str],
    meanings: dict[tuple[str, str], tuple[str, ...]] | None = None,
) -> dict[str, str]:
    """What an example does, in the site's words, once per command and per flag in the whole
    index (the index's `config.about`): under the command's token, its path's and aliases'
    words and the meaning data/meanings.yaml gives it (`xcmdcontainerrename`: `container rename
    rename gives existing …`); under `command-token flag-token`, the flag's meaning and readers'
    words. search-worker.js fills each example's `about` field from them (less the words its
    title shows) before Lunr indexes it: the words of a meaning shared by fifty examples are
    stored once, so the index keeps its budget. Lunr runs no stemmer here (Material's pipeline
    is the stop word filter alone) and makes each query word a prefix. The worker also reads a
    flag's entry to tell which flag of the command a query names by its rarer words
    (`start containers automatically after a reboot`: `--restart`)."""
    entries: dict[str, str] = {}
    for use in uses:
        key = command_token(use.canonical)
        paths = [use.canonical, *catalog.aliases_of(use.canonical)]
        entries[key] = _words(" ".join([*(" ".join(p.split()[1:]) for p in paths), texts.get((use.canonical, ""), "")]))
        for name in use.flags:
            entry = flag_entry(texts.get((use.canonical, name), ""), (meanings or {}).get((use.canonical, name), ()))
            if entry:
                entries[f"{key} {flag_token(name)}"] = entry
    return {k: v for k, v in entries.items() if v}


READERS_MARK = "|"  # in a flag's `about` entry: the meaning's words, then readers' words


def flag_entry(meaning: str, readers: Iterable[str]) -> str:
    """A flag's `about` entry: its meaning's words, then READERS_MARK and its readers' words
    when it has some (`limit many processes|fork bomb max`). search-worker.js reads the whole
    entry as what the flag does and the part after the mark as the readers' words it adds to the
    `words` field of each section and example running the flag with few others."""
    said = " ".join(dict.fromkeys(w for w in " ".join(readers).lower().split() if w not in _STOP))
    own = " ".join(w for w in _words(meaning).split() if w not in set(said.split()))
    return f"{own}{READERS_MARK}{said}" if said else own


def reader_entries(
    uses, texts: dict[tuple[str, str], str], meanings: dict[tuple[str, str], tuple[str, ...]], known: dict[str, str]
) -> dict[str, str]:
    """Readers' words of the flags these uses run that `known` (the examples' `about`) lacks, as
    `command-token flag-token` -> words: a flag only sections run gets its readers' words from
    the index's `config.readers`, once, as the examples' flags do from `config.about`."""
    entries: dict[str, str] = {}
    for use in uses:
        for name in use.flags:
            key = f"{command_token(use.canonical)} {flag_token(name)}"
            said = flag_entry("", meanings.get((use.canonical, name), ())).split(READERS_MARK)[-1]
            if said and key not in known:
                entries[key] = said
    return entries


# Command groups whose one-word aliases are everyday verbs (`run`, `ps`, `pull`, `rm`): a task
# query's lone verb must not name them (see alone_commands).
_VERB_GROUPS = frozenset({"container", "image"})


def alone_commands(canonicals: Iterable[str], catalog: Catalog) -> list[str]:
    """Tokens of the one-word commands a task query may name by that word alone (`login to a
    private registry`; `docker daemon information` via `info`): top-level commands (`docker
    login`, `docker init`), and one-word aliases whose word names no other command (`info` for
    `docker system info`). Not the container and image groups' aliases (`run`, `ps`, `stop`),
    the verbs of every task, which name a command only next to their object (`stop a
    container`, found as two words by search-worker.js); nor a word several commands use
    (`build`: `buildx build`, `compose build`; `events`)."""
    used: dict[str, set[str]] = {}
    for path in catalog.commands:
        for word in path.split()[1:]:
            used.setdefault(word, set()).add(path)
    tokens: set[str] = set()
    for canonical in canonicals:
        words = canonical.split()[1:]
        if len(words) == 1 and not catalog.is_group(canonical):
            tokens.add(command_token(canonical))
            continue
        if words[0] in _VERB_GROUPS:
            continue
        for alias in catalog.aliases_of(canonical):
            spelled = alias.split()[1:]
            if len(spelled) == 1 and used.get(spelled[0], set()) <= {canonical} and not catalog.is_group(alias):
                tokens.add(command_token(alias))
    return sorted(tokens)


def example_doc(
    location: str,
    example: Example,
    section_title: str,
    catalog: Catalog,
    meanings: dict[tuple[str, str], tuple[str, ...]],
    boost: float,
) -> dict:
    """An example's own search result: its explanation as the title (else its section's
    title), its command as code, linked to its anchor; found by its command, flags, readers'
    words for them, its explanation's words and what its command and flags do (about_entries)."""
    uses = _Use.of(example)
    words: list[str] = []
    tokens = _use_tokens(uses, catalog, words)
    command = example.command if len(example.command) <= EXAMPLE_CHARS else example.command[:EXAMPLE_CHARS] + " …"
    weight = round(boost * EXAMPLE_BOOST * (LEGACY_BOOST if example.legacy else 1.0), 3)
    doc = {
        "location": location,
        # The explanation is a code comment, text: the section's title is Material's, HTML.
        "title": html.escape(example.explanation, quote=False) if example.explanation else section_title,
        # its command, escaped; search-worker.js wraps it in the `<pre><code>` every example
        # result shows (written once there, not ~670 times: 65 bytes gzipped)
        "text": html.escape(command, quote=False),
        "tokens": " ".join(dict.fromkeys(tokens)),
        "words": " ".join(reader_words(uses, catalog, meanings)),
        # the usual weight is the index's `config.example_boost`, which search-worker.js gives
        # every example without its own: written once, not ~500 times (half a KiB gzipped)
        "boost": "" if weight == EXAMPLE_BOOST else weight,
        # a line that deletes (data/destructive.yaml, as the page's warning says): search-worker.js
        # shows and ranks it first only for a query that asks to delete (issue #24, class 5)
        "destructive": 1 if any(destructive_reason(u.canonical, u.flags, catalog) for u in uses) else "",
    }
    return {k: v for k, v in doc.items() if v != ""}


def shape_index(
    data: dict,
    sections: dict[str, Section],
    catalog: Catalog,
    page_boosts: dict[str, float],
    examples: list[tuple[str, str, Example]] = (),  # type: ignore[assignment]
    meanings: dict[tuple[str, str], tuple[str, ...]] | None = None,
    texts: dict[tuple[str, str], str] | None = None,
    instructions: dict[str, list[str]] | None = None,
) -> dict:
    """Material's search index (parsed JSON) with the fields above. `page_boosts` maps page
    URLs to their boosts (data/search-boosts.yaml); `examples` are (location, section location,
    example): each becomes a result of its own, placed after its section's."""
    meanings = meanings or {}
    config = data.setdefault("config", {})
    config["stop_words"] = STOP_WORDS
    config["prefixes"] = PREFIXES
    config["verbs"] = verbs()[0]
    config["phrases"] = phrases()[0]
    config["instructions"] = instructions or {}  # instruction_config: readers' words for each
    # Where an example's result links (`containers.html#ex-…`): search-worker.js tells examples
    # from sections by it, so the prefix has one source, cheatsheet/examples.py.
    config["example_anchor"] = ANCHOR_PREFIX
    config["example_boost"] = EXAMPLE_BOOST  # an example's boost when its result has none of its own
    config["alone"] = alone_commands(
        {u.canonical for s in sections.values() for u in s.run} | {c for _, _, e in examples for c in e.commands[:1]},
        catalog,
    )
    fields = config.setdefault("fields", {})
    for name, boost in FIELDS.items():
        fields[name] = {"boost": boost}
    with_examples = {section for _, section, e in examples if e.commands and not e.legacy}
    for doc in data.get("docs", []):
        location = doc.get("location", "")
        text = doc.get("text", "")
        doc["body"] = body(text)
        doc["text"] = preview(text, PREVIEW_LINES if location in with_examples else PREVIEW_CANDIDATES)
        section = sections.get(location)
        if section is not None:
            doc.update(section_fields(section, catalog, meanings))
        if "#" not in location:
            words = [pair_word(w) for w in re.findall(r"[A-Za-z0-9]+", doc.get("title", "")) if w.lower() not in _STOP]
            if words:
                doc["topic"] = " ".join(TOPIC_PREFIX + w for w in dict.fromkeys(words) if w)
        boost = float(doc.get("boost", 1.0)) * page_boosts.get(location.split("#")[0], 1.0)
        if section is not None and section.legacy:
            boost *= LEGACY_BOOST
        if "#" not in location:
            boost *= PAGE_BOOST
        if boost != 1.0:
            doc["boost"] = round(boost, 3)
    titles = {doc.get("location", ""): doc.get("title", "") for doc in data.get("docs", [])}
    by_section: dict[str, list[dict]] = {}
    about: dict[str, str] = {}
    config["about"] = about
    for location, section_location, example in examples:
        if example.legacy or not example.commands:
            continue  # legacy syntax and non-docker lines: their section answers for them
        boost = page_boosts.get(location.split("#")[0], 1.0)
        doc = example_doc(location, example, titles.get(section_location, ""), catalog, meanings, boost)
        by_section.setdefault(section_location, []).append(doc)
        uses = _Use.of(example)
        about.update(about_entries(uses, catalog, texts or {}, meanings))
    # Readers' words of the flags only sections run (reader_entries), for search-worker.js.
    readers: dict[str, str] = {}
    for section in sections.values():
        readers.update(reader_entries(section.run, texts or {}, meanings, about))
    config["readers"] = readers
    if by_section:
        docs = []
        for doc in data.get("docs", []):
            docs.append(doc)
            docs += by_section.pop(doc.get("location", ""), [])
        data["docs"] = docs
    for doc in data.get("docs", []):
        for field, tags in SHOWN_MARKUP.items():
            if field in doc:
                doc[field] = shown_markup(doc[field], tags)
    return data


# What a result shows as HTML (Material's search renders a result's title and text as markup):
# the only elements the index holds, without attributes. Anything else that reaches these
# fields, from a page or from this module, is written as its text.
SHOWN_MARKUP: dict[str, frozenset[str]] = {"title": frozenset({"code"}), "text": frozenset({"pre", "code", "p"})}
_MARKUP = re.compile(r"<[^>]*>?")
_BARE_TAG = re.compile(r"</?([a-z]+)>")


def shown_markup(value: str, tags: frozenset[str]) -> str:
    """value with only `tags`, attribute-free, as elements: the allow-list at the index's door
    (nh3). Values that hold nothing else are kept byte for byte."""
    if "<" not in value:
        return value
    bare = (_BARE_TAG.fullmatch(markup) for markup in _MARKUP.findall(value))
    if all(match and match.group(1) in tags for match in bare):
        return value
    return nh3.clean(value, tags=set(tags), attributes={}, link_rel=None, strip_comments=True)


def offline_script(index_json: str) -> str:
    """The index as a script, which Material loads instead of fetching JSON from file://."""
    return f"var __index = {index_json}"


def shape_file(
    raw: str,
    sections: dict[str, Section],
    catalog: Catalog,
    page_boosts: dict[str, float],
    examples: list[tuple[str, str, Example]] = (),  # type: ignore[assignment]
    meanings: dict[tuple[str, str], tuple[str, ...]] | None = None,
    texts: dict[tuple[str, str], str] | None = None,
    instructions: dict[str, list[str]] | None = None,
) -> str:
    return json.dumps(
        shape_index(json.loads(raw), sections, catalog, page_boosts, examples, meanings, texts, instructions),
        separators=(",", ":"),
        ensure_ascii=False,
    )
