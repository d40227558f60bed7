"""One fixture page per kind of error: the build names the file, the line, what is wrong and
the fix. The pure pipeline runs over the real docs plus the fixture, as a build would."""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, copy_project, run_build

from cheatsheet import catalog, characters
from cheatsheet.markdown_extension import CheatSheetExtension
from cheatsheet.problems import Problem
from cheatsheet.site import build_site, decode

FIXTURES = Path(__file__).parent / "fixtures" / "pages"

# fixture file, line, what is wrong (substring), how to fix (substring)
CASES = [
    ("unknown-command.md", 13, "unknown command `docker contaner`", "did you mean `docker container ls`?"),
    ("unknown-flag.md", 14, "`docker run` (`docker container run`) has no flag `--rmm`", "did you mean `--rm`?"),
    ("unknown-short-flag.md", 13, "`docker ps` (`docker container ls`) has no flag `-z` (in `-az`)", "--help"),
    ("removed-global-option.md", 13, "`docker -d` is legacy", "use dockerd"),
    ("deprecated-flag.md", 13, "`stop --time` is legacy", "--timeout"),
    ("inline-command.md", 10, "unknown command `docker image lss`", "did you mean `docker image ls`?"),
    ("dockerfile-legacy.md", 14, "`MAINTAINER` is legacy", "LABEL org.opencontainers.image.authors"),
    ("dockerfile-typo.md", 13, "unknown Dockerfile instruction `FORM`", "did you mean `FROM`?"),
    ("dockerfile-typo.md", 14, "`COPY` has no flag `--chmown`", "did you mean `--chown`?"),
    (
        "outdated-url.md",
        10,
        "outdated Docker reference URL",
        "https://docs.docker.com/reference/cli/docker/container/ls/",
    ),
    (
        "alias-url.md",
        10,
        "links to the alias `docker ps`",
        "https://docs.docker.com/reference/cli/docker/container/ls/",
    ),
    (
        "mismatched-link.md",
        10,
        "link text names `docker image pull` but the link points to `docker image push`",
        "https://docs.docker.com/reference/cli/docker/image/pull/",
    ),
    ("missing-flag-anchor.md", 10, "`docker container run` has no flag or section `#rmm`", "container/run/#"),
    ("missing-dockerfile-anchor.md", 10, "the Dockerfile reference has no anchor `#maintainer`", "#run"),
    ("invalid-front-matter.md", 3, "front matter is not valid YAML", "key: value"),
    ("unknown-front-matter-key.md", 6, "unknown front matter key `tags`", "use only"),
    ("missing-title.md", 1, "front matter has no `title`", "add `title:`"),
    ("unknown-section.md", 4, "unknown section `runn`", "did you mean `run`?"),
    ("title-not-text.md", 2, "`title: 2024` is not text", 'quote it: `title: "2024"`'),
    ("heading-skip.md", 12, "heading `Too deep` jumps from level 1 to level 3", "use ##"),
    ("image-without-alt.md", 12, "image `diagram.png` has no alt text", "describe it"),
    ("raw-html.md", 12, "raw `<script>` tag", "remove it"),
    ("raw-html.md", 14, "raw `<iframe>` tag", "link to the page"),
    ("raw-html.md", 16, "raw `<a>` tag", "pages are Markdown only"),
    ("raw-html.md", 18, "`javascript:` link", "https://"),
    ("html-code-block.md", 12, "raw `<pre>` tag", "fenced code block"),
    ("html-code-block.md", 17, "raw `<b>` tag", "pages are Markdown only"),
    ("format-characters.md", 13, "U+202E (RIGHT-TO-LEFT OVERRIDE)", "delete it"),
    ("format-characters.md", 16, "U+200B (ZERO WIDTH SPACE)", "delete it"),
    ("format-characters.md", 18, "U+00AD (SOFT HYPHEN)", "delete it"),
    ("format-characters.md", 21, "U+00A0 (NO-BREAK SPACE) in code", "ordinary space"),
    ("mixed-script.md", 13, "mixes Cyrillic and Latin letters (`\u043e` U+043E", "plain Latin letters"),
    ("reserved-class.md", 13, "`cs-update` is a class or id of the site's own interface", "`cs-`"),
    ("reserved-class.md", 15, "`cs-fill-panel`", "`cs-`"),
    ("reserved-class.md", 17, "`md-header`", "`md-`"),
    ("link-targets.md", 12, "leaves the site though it looks relative", "https://"),
    ("link-targets.md", 14, "holds a backslash", "write `/`"),
    ("link-targets.md", 16, "names a user before its host", "without `user@`"),
    ("link-targets.md", 18, "has a non-ASCII host", "plain ASCII"),
    ("link-targets.md", 20, "`http:` link", "https://"),
    ("link-targets.md", 24, "`//evil.example/ref` leaves the site", "https://"),
    ("link-targets.md", 26, "has no valid host name", "https://host"),
    ("broken-internal-link.md", 10, "there is no page `volumez.md`", "volumes.md"),
    ("broken-internal-link.md", 10, "`volumes.md` has no heading with anchor `#bind-mountz`", "#bind-mounts"),
    ("empty-page.md", 7, "the page has no content", "write an introduction"),
    ("empty-table-header.md", 12, "a table header cell is empty", "name the column"),
    ("footnotes.md", 18, "footnote `[^keep]` is defined twice (first on line 17)", "a label of its own"),
    ("heading-links.md", 12, "link `../../../../../../etc/hosts` climbs out of the site's folder", "count the `../`"),
    ("heading-links.md", 16, "unknown command `docker contaner`", "did you mean `docker container ls`?"),
    ("split-code-span.md", 10, "inline code is not closed on this line", "close it on the same line"),
    ("split-code-span.md", 13, "raw `<b>` tag", "pages are Markdown only"),
    ("split-code-span.md", 15, "inline code is not closed on this line", "close it on the same line"),
    (
        "session-prompts.md",
        12,
        "the prompt `#`: the highlighter and the copy button read this line",
        "start each command",
    ),
    ("session-prompts.md", 13, "the prompt `user@host:~$`", "with `$ `"),
    ("session-prompts.md", 15, "`>` before a continued line", "without a prompt"),
    ("session-prompts.md", 17, "`(my env)` at the start of the line reads as a virtual", "with `$ `"),
    ("session-prompts.md", 20, "`ksh` is not a language of the site's code blocks", "use one of `bash`"),
    # Lines a shell reads otherwise than a line-by-line reader would (the sixth attacker's):
    # refused where the checks cannot follow, read as the shell does where they can.
    ("shell-readings.md", 11, "a comment that ends in `\\`", "a command of its own"),
    ("shell-readings.md", 14, "has no flag `--bogus-two`", "--help"),  # `<<` in arithmetic is a shift
    ("shell-readings.md", 15, "has no flag `--bogus-ten`", "--help"),  # `\'` inside `$'…'` closes nothing
    ("shell-readings.md", 16, "has no flag `--bogus-three`", "--help"),  # a string over two lines
    ("shell-readings.md", 18, "has no flag `--bogus-four`", "--help"),  # eval
    ("shell-readings.md", 19, "has no flag `--bogus-five`", "did you mean"),  # sh -c '…'
    ("shell-readings.md", 20, "has no flag `--bogus-six`", "--help"),  # /usr/bin/docker
    ("shell-readings.md", 21, "has no flag `--bogus-seven`", "--help"),  # ssh host docker …
    ("shell-readings.md", 25, "has no flag `--bogus-eight`", "did you mean"),  # sudo docker in a text block
    ("shell-readings.md", 31, "has no flag `--bogus-nine`", "--help"),  # nothing legacy about it
    ("shell-readings.md", 35, "a here-document's end word quoted in part", "quote the whole word"),
    ("shell-grammar.md", 11, "`docker container rm` has no flag `--no-such-flag-a`", "--help"),  # after `do`
    ("shell-grammar.md", 12, "has no flag `--no-such-flag-b`", "--help"),  # after `then`
    ("shell-grammar.md", 13, "has no flag `--no-such-flag-c`", "--help"),  # after `!`
    ("shell-grammar.md", 14, "has no flag `--no-such-flag-d`", "--help"),  # in `{ …; }`
    ("shell-grammar.md", 15, "has no flag `--no-such-flag-e`", "--help"),  # after `timeout 60`
    ("shell-grammar.md", 17, "has no flag `--no-such-flag-i`", "--help"),  # `\\\\` ends a line: no continuation
    ("shell-grammar.md", 21, "a comment line holds `;`", "say it in words"),  # zsh runs a pasted comment
    # A docker command a shell runs that the checks cannot read fails the build (the seventh
    # attacker's); the ones they can read are checked like any other.
    ("docker-hidden.md", 11, "`docker` runs here in a way the checks cannot read", "plainly on a line of its own"),
    ("docker-hidden.md", 12, "`docker` runs here in a way the checks cannot read", "`<(…)`"),
    ("docker-hidden.md", 13, "has no flag `--no-such-flag-m`", "--help"),  # eval '…'
    ("docker-hidden.md", 14, "has no flag `--no-such-flag-n`", "--help"),  # watch -n 60 '…'
    ("docker-hidden.md", 15, "has no flag `--no-such-flag-o`", "--help"),  # bash -lc '…'
    ("docker-hidden.md", 16, "has no flag `--no-such-flag-p`", "--help"),  # ssh -t host '…'
    ("docker-hidden.md", 17, "has no flag `--no-such-flag-q`", "--help"),  # nice
    ("docker-hidden.md", 21, "has no flag `--no-such-flag-r`", "--help"),  # cd … && docker, output block
    ("docker-hidden.md", 22, "has no flag `--no-such-flag-s`", "--help"),  # /usr/bin/docker
    ("docker-hidden.md", 23, "has no flag `--no-such-flag-t`", "--help"),  # d\\ocker
    ("docker-hidden.md", 27, "`docker` runs here in a way the checks cannot read", "plainly"),
    ("split-lines.md", 10, "a link's address starts on the next line", "keep `](address)` on one line"),
    ("split-lines.md", 13, "a `#` at the start of a line makes it a heading", "put a space after the `#`"),
    # Every `docker` a block hands to the shell is a command the checks read (the seventh attacker's
    # here-documents, `$[…]`, `$ EOF`, unknown wrappers, zsh's `=docker`), or the build fails.
    ("docker-hidden-2.md", 12, "`docker` runs here in a way the checks cannot read", "plainly"),  # after $[1<<…]
    ("docker-hidden-2.md", 19, "`docker` runs here in a way the checks cannot read", "plainly"),  # after $ EOF
    ("docker-hidden-2.md", 23, "`docker` runs here in a way the checks cannot read", "plainly"),  # sudo --user root
    ("docker-hidden-2.md", 24, "`docker` runs here in a way the checks cannot read", "plainly"),  # coproc
    ("docker-hidden-2.md", 26, "`docker` runs here in a way the checks cannot read", "here-document"),  # ssh … sh <<
    ("docker-hidden-2.md", 31, "`docker` runs here in a way the checks cannot read", "plainly"),  # =docker
    ("docker-hidden-2.md", 32, "`docker` runs here in a way the checks cannot read", "plainly"),  # noglob
    ("docker-hidden-2.md", 36, "a command ending in an escaped backslash", "quote the path"),
    ("footnotes.md", 20, "footnote `[^host]` has no definition", "add a line `[^host]: …`"),
    # What a reader sees is what the copy holds and a shell runs (the eighth attacker's).
    ("shown-as-copied.md", 11, "300 blanks inside a line of a block that does not wrap", "on a line of its own"),
    ("shown-as-copied.md", 15, "a right-to-left letter (or a code point", "left-to-right letters"),
    ("shown-as-copied.md", 16, "an alias", "cheatsheet/shell_syntax.py"),
    ("shown-as-copied.md", 17, "a pipe into `sh`", "cheatsheet/shell_syntax.py"),
    ("shown-as-copied.md", 19, "the command name `$DOCKER` is not a plain word", "cheatsheet/shell_syntax.py"),
    (
        "shown-as-copied.md",
        22,
        "the link's text names `docs.docker.com`, and the link goes to `evil.example`",
        "say where",
    ),
    ("shown-as-copied.md", 24, "an HTML comment inside a line of text", "on lines of its own"),
    ("shown-as-copied.md", 26, "the link's text names `docs.docker.com`", "say where"),  # escaped dots
    ("shown-as-copied.md", 28, "the link's text names `docs.docker.com`", "say where"),  # a reference link
    ("shown-as-copied.md", 32, "a right-to-left letter (or a code point", "left-to-right letters"),  # inline code
    ("shown-as-copied.md", 35, "a tab in code", "use spaces"),  # a block that is no shell's
    # A command a shell builds from pieces, or a string a program runs (the ninth attacker's).
    ("built-by-the-shell.md", 11, "a redirection without a file after it", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 12, "`docker` runs here in a way the checks cannot read", "plainly"),
    ("built-by-the-shell.md", 13, "the program `$x` is made by the shell", "the program's name itself"),
    ("built-by-the-shell.md", 14, "joined to the letters after it", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 15, "`{` inside a word", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 16, "an unquoted `?`", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 17, "a here-document into `bash`", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 20, "`docker` runs here in a way the checks cannot read", "plainly"),
    ("built-by-the-shell.md", 21, "a `$(…)` or a backtick inside `'…'`", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 22, "a function named `grep`", "a name of its own"),
    ("built-by-the-shell.md", 25, "a `\\` before a character other than `n` or `t`", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 26, "the program `$(printf x)` is made by the shell", "the program's name itself"),
    ("built-by-the-shell.md", 30, "an alias", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 33, "an alias", "cheatsheet/shell_syntax.py"),
    ("built-by-the-shell.md", 37, "the program `$x` is made by the shell", "the program's name itself"),  # watch joins
    ("built-by-the-shell.md", 38, "`docker` runs here in a way the checks cannot read", "plainly"),  # PROMPT_COMMAND
    ("built-by-the-shell.md", 41, "the language `TEXT` in capitals", "write `text`"),
    # (`$x` is refused first now: a name no page assigns or reads, whatever runs it)
    ("built-by-the-shell.md", 46, "`$x`: a name the pages neither assign nor read", "shell_syntax.py"),
    ("built-by-the-shell.md", 47, "`$x`: a name the pages neither assign nor read", "shell_syntax.py"),
    ("built-by-the-shell.md", 48, "an alias", "shell_syntax.py"),  # after `command`
    ("built-by-the-shell.md", 49, "`fc`: it runs a line of the shell's history again", "shell_syntax.py"),
    ("built-by-the-shell.md", 50, "a line that ends in `|` or `&&`", "shell_syntax.py"),
    ("built-by-the-shell.md", 53, "the command name `$x` is not a plain word", "shell_syntax.py"),  # a script's body
    ("built-by-the-shell.md", 57, "a fence indented by 1 blank:", "at the left edge"),
    # Markdown writes a block that touches a paragraph inside it: HTML the page never wrote.
    ("touching-fences.md", 15, "a code block with text on the line above it", "blank line before and after"),
    ("touching-fences.md", 20, "a code block with text on the line above it", "blank line before and after"),
    ("touching-fences.md", 24, "a code block with text on the line below it", "blank line before and after"),
    # A plugin the explain page accepts unchecked: a page may not run it, since nothing reads it.
    ("unchecked-plugin.md", 13, "`docker model` is a CLI plugin the catalogue does not describe", "reference data"),
    # The fourteenth attacker's: inline code with a language, and a console line Pygments reads a
    # prompt on (the copy leaves it out, the checks read it as the image).
    ("copied-apart.md", 10, "inline code starting with a language (`#!bash`)", "prefix out"),
    ("copied-apart.md", 10, "inline code starting with a language (`:::sh`)", "prefix out"),
    ("copied-apart.md", 14, "the copy button copies `docker:cli system prune", "start each command with `$ `"),
    # A legacy line is held to the current CLI but for its old feature; IDNA's full stops are dots.
    ("read-apart.md", 13, "has no flag `--no-such-flag`", "--help"),
    ("read-apart.md", 18, "the link's text names `docs.docker.com`", "say where"),
    # The tenth attacker's.
    ("built-by-the-shell.md", 62, "a `[` inside a word", "shell_syntax.py"),
    ("built-by-the-shell.md", 63, "an expansion joined to the letters after it", "shell_syntax.py"),
    ("built-by-the-shell.md", 64, "`docker` without a command", "with its words"),
    ("built-by-the-shell.md", 65, "an unquoted `$F`", "shell_syntax.py"),
    ("built-by-the-shell.md", 66, "`xargs -I`", "data/cli-rules.yaml"),
    ("built-by-the-shell.md", 67, "a `\\` that continues a word on the next line", "shell_syntax.py"),
    ("built-by-the-shell.md", 68, "a continued line that does not start with a blank", "shell_syntax.py"),
    ("built-by-the-shell.md", 70, "runs `prune-old`, a script the block itself wrote", "shell_syntax.py"),
    ("built-by-the-shell.md", 73, "the link's text names `docs.docker.com`", "say where"),
    ("built-by-the-shell.md", 76, "a code point Unicode has not assigned", "left-to-right letters"),
    ("built-by-the-shell.md", 80, "a pipe into `sh`", "shell_syntax.py"),
    ("built-by-the-shell.md", 81, "the command name `Docker` in capitals", "shell_syntax.py"),
    ("built-by-the-shell.md", 82, "the program `DOCKER`", "in lower case"),
    ("built-by-the-shell.md", 86, "`docker.exe` runs the docker CLI", "write `docker …`"),
    ("built-by-the-shell.md", 87, "runs the docker CLI (or a plugin of it)", "write `docker …`"),
    ("built-by-the-shell.md", 88, "`set -- …` puts words into `$@`", "shell_syntax.py"),
    ("built-by-the-shell.md", 89, "in the command line `env` runs: an expansion joined", "shell_syntax.py"),
    ("built-by-the-shell.md", 90, "an unquoted `$(…)`", "shell_syntax.py"),
    # The eleventh attacker's: a host under any top-level domain (hit 13), and one whose labels
    # are in two scripts, `docker.io` with a Cyrillic i and o (hit 17), even when the link goes there.
    ("link-text-hosts.md", 10, "the link's text names `public.ecr.aws`, and the link goes to `evil.example`", "say"),
    ("link-text-hosts.md", 12, "the link's text names `nvd.nist.gov`", "make the text say where"),
    ("link-text-hosts.md", 14, "the link's text names `github.blog`", "make the text say where"),
    ("link-text-hosts.md", 14, "the link's text names `docker.de`", "make the text say where"),
    (
        "link-text-hosts.md",
        16,
        "names `docker.\u0456\u043e`, a host whose labels are written in more than one",
        "letters",
    ),
    (
        "link-text-hosts.md",
        18,
        "names `ghcr.\u0456\u043e`, a host whose labels are written in more than one",
        "letters",
    ),
    ("link-text-hosts.md", 20, "`get.docker.\u0441\u043e`, a host whose labels are written in more", "letters"),
    ("link-text-hosts.md", 22, "`brew.\u0455\u04bb`, a host whose labels are written in more than one", "letters"),
    ("link-text-hosts.md", 24, "`docker.\u03b9\u03bf`, a host whose labels are written in more than one", "letters"),
]


def problems_with(*fixtures: str) -> list[str]:
    """Every problem of the real site with these fixtures added, as messages. A fixture of CASES
    alone is read from one build with all of them (`_batch`)."""
    if len(fixtures) == 1 and fixtures[0] in _BATCHED:
        return list(_batch()[fixtures[0]])
    return list(_problems_with(fixtures))


@functools.cache
def _problems_with(fixtures: tuple[str, ...]) -> tuple[str, ...]:
    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    messages = []
    for name in fixtures:
        text = decode(f"docs/{name}", (FIXTURES / name).read_bytes())
        if isinstance(text, Problem):
            messages.append(str(text))
        else:
            sources[name] = text
    site = build_site(sources, catalog.load())
    return tuple(messages + [str(p) for p in site.problems])


_BATCHED = frozenset(case[0] for case in CASES)
# The tests that read `_batch`: on one pytest-xdist worker, which builds it once.
BATCH = pytest.mark.xdist_group("checks-batch")


@functools.cache
def _batch() -> dict[str, tuple[str, ...]]:
    """What `_problems_with((name,))` gives for each fixture of CASES, from one build of the site
    with all of them (168 cases read 45 fixtures; a build cost about 0.4 CPU-seconds, and one per
    case was most of this module's time). The real site has no problem, and a fixture's own
    checks read that page alone: each problem lies on the page of the fixture that brings it.
    What one page does to another (a shared title, a function both define) names the other page:
    a problem that names another fixture's page, or lies off the fixtures' pages, means the
    build together is not what each fixture's own gives, and each is then built on its own."""
    names = sorted(_BATCHED)
    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    found: dict[str, list[str]] = {name: [] for name in names}
    for name in names:
        text = decode(f"docs/{name}", (FIXTURES / name).read_bytes())
        if isinstance(text, Problem):
            found[name].append(str(text))
        else:
            sources[name] = text
    pages = {f"docs/{name}": name for name in names}
    for problem in build_site(sources, catalog.load()).problems:
        text = str(problem)
        if problem.path not in pages or any(page in text for page in pages if page != problem.path):
            return {name: _problems_with((name,)) for name in names}
        found[pages[problem.path]].append(text)
    return {name: tuple(messages) for name, messages in found.items()}


@pytest.mark.parametrize("fixture,line,wrong,fix", CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
@BATCH
def test_each_error_names_file_line_problem_and_fix(fixture, line, wrong, fix):
    reported = problems_with(fixture)
    prefix = f"docs/{fixture}:{line}: "
    matching = [m for m in reported if m.startswith(prefix) and wrong in m]
    assert matching, f"expected {prefix}…{wrong}… in:\n" + "\n".join(reported)
    message = matching[0]
    assert " — " in message, "every message says how to fix it after an em dash"
    assert fix in message.split(" — ", 1)[1], message


@BATCH
def test_an_unchecked_plugin_is_refused_in_a_block_only():
    reported = [m for m in problems_with("unchecked-plugin.md") if "docs/unchecked-plugin.md" in m]
    assert [m.split(":")[1] for m in reported] == ["13"], reported


@BATCH
def test_a_valid_command_in_the_same_block_is_not_reported():
    reported = problems_with("unknown-flag.md")
    assert not [m for m in reported if m.startswith("docs/unknown-flag.md:13:")]


@BATCH
def test_link_text_naming_a_file_or_the_host_it_goes_to_is_not_reported():
    # `compose.yaml`, `daemon.json`, `README.md` name files; `public.ecr.aws` linking there is right.
    reported = problems_with("link-text-hosts.md")
    assert not [m for m in reported if m.startswith(tuple(f"docs/link-text-hosts.md:{n}:" for n in range(26, 30)))]


def test_non_utf8_file_is_reported_with_its_line():
    reported = problems_with("not-utf8.md")
    assert "docs/not-utf8.md:10: the file is not UTF-8 (byte 0xe9) — save it as UTF-8 in your editor" in reported


def test_legacy_admonition_allows_old_syntax_and_names_the_replacement():
    assert not [m for m in problems_with("legacy-marked.md") if "legacy-marked" in m]
    text = (FIXTURES / "legacy-marked.md").read_text()
    sources = {"legacy-marked.md": text}
    site = build_site(sources, catalog.load())
    rendered = site.render("legacy-marked.md", text)
    assert isinstance(rendered, str), rendered
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))  # the replacement is inert text, its commands code
    assert "**Modern replacement:** user-defined networks" in shown
    assert "**Modern replacement:** dockerd" in shown
    assert "[Legacy map](legacy.md#" in rendered


def test_the_same_syntax_outside_a_legacy_admonition_is_an_error():
    text = (FIXTURES / "legacy-marked.md").read_text().replace("\n    ", "\n").replace('!!! legacy "Links"', "")
    site = build_site({"legacy-marked.md": text}, catalog.load())
    messages = [str(p) for p in site.problems]
    assert any("`--link` is legacy" in m for m in messages), messages
    assert any("`docker -d` is legacy" in m for m in messages), messages


def test_the_real_site_has_no_problems():
    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")
    }
    site = build_site(sources, catalog.load())
    assert [str(p) for p in site.problems] == []


def test_strict_build_reports_every_problem_in_one_run_without_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    names = ("unknown-command.md", "unknown-flag.md", "raw-html.md", "not-utf8.md", "invalid-front-matter.md")
    for name in (*names, "touching-fences.md"):
        (project / "docs" / name).write_bytes((FIXTURES / name).read_bytes())
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    for expected in (
        "docs/unknown-command.md:13: unknown command",
        "docs/unknown-flag.md:14: `docker run` (`docker container run`) has no flag `--rmm`",
        "docs/raw-html.md:12: raw `<script>` tag",
        "docs/not-utf8.md:10: the file is not UTF-8",
        "docs/invalid-front-matter.md:3: front matter is not valid YAML",
        "docs/touching-fences.md:15: a code block with text on the line above it",
    ):
        assert any(expected in w for w in build.warnings), f"{expected!r} not in:\n{build.output}"
    # The HTML Markdown made of those blocks is no second problem on a line that holds none of it.
    touching = [w for w in build.warnings if "docs/touching-fences.md" in w]
    assert len(touching) == 3 and all("a code block with text on the line" in w for w in touching), touching


def test_inline_commands_link_to_the_index_except_in_headings_titles_links_and_code_blocks():

    text = "\n".join(
        [
            "---",
            "title: Links",
            "description: Inline command links.",
            "section: run",
            "order: 99",
            "---",
            "",
            "# Links",
            "",
            "Run `docker ps` or `docker ps`, and `docker contaner` is reported, not linked.",
            "",
            "## Hardened `docker ps`",
            "",
            '!!! note "About `docker ps`"',
            "",
            "    Inside: `docker image ls <image>`.",
            "",
            "See [`docker ps`](https://docs.docker.com/reference/cli/docker/container/ls/).",
            "",
            "```text",
            "docker ps",
            "```",
            "",
        ]
    )
    site = build_site({"links.md": text}, catalog.load())
    body = text.split("---\n", 2)[2]
    marks = CheatSheetExtension()
    marks.page = site.page_marks("links.md")
    # As the site renders: inline code goes through pymdownx.inlinehilite, which stashes it.
    extensions = ["admonition", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite", marks]
    linked = markdown.markdown(body, extensions=extensions)
    # The links name the index's source file; MkDocs turns them into its URL afterwards.
    to_index = '<a href="commands.md#docker-container-ls"><code>docker ps</code></a>'
    assert linked.count(to_index) == 2, "both mentions in the paragraph, nothing else"
    assert '<a href="commands.md#docker-image-ls"><code>docker image ls &lt;image&gt;</code></a>' in linked
    assert "<code>docker contaner</code>" in linked and 'docker-contaner"' not in linked
    assert linked.replace(to_index, "<code>docker ps</code>").count("commands.md#docker-container-ls") == 0


def test_destructive_blocks_get_their_warning_while_rendering_even_in_a_list():

    text = "\n".join(
        [
            "---",
            "title: Clean",
            "---",
            "",
            "# Clean",
            "",
            "1. Remove the volume:",
            "",
            "    ```bash",
            "    docker volume rm data",
            "    ```",
            "",
            "2. And prune:",
            "",
            "```bash",
            "docker system prune",
            "```",
            "",
        ]
    )
    site = build_site({"clean.md": text}, catalog.load())
    marks = CheatSheetExtension()
    marks.page = site.page_marks("clean.md")
    rendered = site.render("clean.md", text.split("---\n", 2)[2])
    assert isinstance(rendered, str)
    html = markdown.markdown(
        rendered,
        extensions=["attr_list", "pymdownx.superfences", "pymdownx.highlight", marks],
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}},  # as mkdocs.yml sets it
    )
    warnings = re.findall(r'<p class="cs-destructive-warning" role="note">.*?</p>\s*<div class="([^"]*)"', html, re.S)
    assert warnings == ["language-bash cs-destructive highlight"] * 2, html
    assert "deletes the data in the volume." in html and "<li>" in html
    assert html.count('data-destructive="true"') == 2


# -- default-ignorable code points ------------------------------------------------------------
# Not in the attacker's list (U+034F, U+FE00-FE0F, U+E0100-E01EF, U+17B4/17B5): the class is
# the property, so these are caught too.
IGNORABLE_OUTSIDE_THE_REPORT = ["\u180b", "\u180f", "\ufe0f", "\U000e0101", "\u2065", "\U0001bca0", "\U000e0fff"]


@pytest.mark.parametrize("char", IGNORABLE_OUTSIDE_THE_REPORT, ids=lambda c: f"U+{ord(c):04X}")
def test_every_default_ignorable_code_point_is_invisible(char):
    assert characters.invisible_in(f"docker{char} ps") == [char]
    assert characters.check_lines("docs/x.md", [(7, f"docker ps{char}")])[0].line == 7


def test_the_ignorable_table_holds_what_uax44_derives_it_from():
    """Default_Ignorable_Code_Point = Other_Default_Ignorable_Code_Point + Cf + Variation_Selector
    - White_Space - FFF9..FFFB - the visible format characters (Prepended_Concatenation_Mark and
    the Egyptian hieroglyph format controls). Python's unicodedata gives the Cf part."""
    visible_cf = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
    visible_cf |= {*range(0xFFF9, 0xFFFC), *range(0x13430, 0x13440)}
    ranges = characters.DEFAULT_IGNORABLE
    inside = lambda cp: any(start <= cp <= end for start, end in ranges)  # noqa: E731
    missing = [
        f"U+{cp:04X}"
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) == "Cf" and cp not in visible_cf and not inside(cp)
    ]
    assert missing == []
    selectors = [*range(0x180B, 0x180E), 0x180F, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
    other = [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, *range(0xFFF0, 0xFFF9), *range(0xE0000, 0xE1000)]
    assert all(inside(cp) for cp in selectors + other)
    assert not any(inside(cp) for cp in visible_cf)
    assert all(start <= end < next_start for (start, end), (next_start, _) in itertools.pairwise(ranges))


def test_an_ignorable_mark_joins_a_word_rather_than_splitting_it():
    assert characters.mixed_words("d\u034f\u043e\u034fcker system prune") == ["d\u034f\u043e\u034fcker"]
    assert characters.mixed_words("caf\u00e9 na\u00efve \u65e5\u672c\u8a9e") == []


def test_an_address_that_is_no_url_never_reaches_mkdocs():
    """MkDocs splits every link's address and raised, outside any hook, on one that is no URL
    (the seventh attacker's `http://[docs.docker.com/`): a traceback instead of a message."""

    html = markdown.markdown(
        "[a](http://[docs.docker.com/) [b](https://docs.docker.com/)", extensions=[CheatSheetExtension()]
    )
    assert '<a href="#">a</a>' in html and '<a href="https://docs.docker.com/">b</a>' in html


def test_a_command_another_one_runs_is_warned_about_but_teaches_nothing():
    """`sh -c 'docker system prune -af'` deletes data: its block gets the warning. It is not what
    its section teaches, so it is not among the page's uses (search, the command index)."""
    text = "---\ntitle: Inner\n---\n\n# Inner\n\n## Clean\n\n```bash\nsh -c 'docker system prune -af'\ndocker ps\n```\n"
    site = build_site({"inner.md": text}, catalog.load())
    report = site.pages["inner.md"].report
    assert report.destructive_fences, "no deletion warning on the block"
    assert [use.canonical for use in report.uses] == ["docker container ls"]
