"""The shell a page may write (cheatsheet/shell_syntax.py): each construct where the checks, the
highlighter and bash, dash or zsh read a pasted block apart is refused on its line, with a fix;
what the pages write is inside the subset. The refused cases are the eighth attacker's hostile
pull requests (each had built, and copied a command the checks never read)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import site_markdown
from test_placeholders import REFUSED_QUOTING

from cheatsheet import page
from cheatsheet.html_parts import edit_fence_lines, output_blocks_not_copied
from cheatsheet.shell_syntax import refusals

# name -> (block lines, console?, the offset of the line refused, words of the reason)
REFUSED = {
    "continued console line read as a prompt": (
        ["$ echo hi; \\", "# docker system prune -af", "$ docker ps"],
        True,
        1,
        "continued line",
    ),
    "zsh process substitution in a comment line": (
        ["# list =(docker system prune -af)", "docker ps"],
        False,
        0,
        "glob qualifier",
    ),
    "zsh glob qualifier in a comment line": (
        ["# then *(e:'docker rm -f web':)", "docker ps"],
        False,
        0,
        "glob qualifier",
    ),
    "a comment mid-word after a quote": (['docker volume rm --force "app-data"#-2019   # old'], False, 0, "`#`"),
    "a hash-bang later in a block": (["docker ps", "#! ; docker system prune -af"], False, 1, "`;`"),
    "an alias": (["alias d=docker", "d system prune"], False, 0, "alias"),
    "a variable as the command": (["DOCKER=docker", "$DOCKER rm --force web"], False, 1, "not a plain word"),
    "a quoted expansion as the command": (['"${DOCKER}" volume rm app-data'], False, 0, "not a plain word"),
    "letters joined by an expansion": (["d${x}ocker rm web"], False, 0, "not a plain word"),
    "a hash inside ${…}": (["echo ${x:- #}; docker system prune"], False, 0, "`$` other than"),
    "a tab": (["docker image ls\t# images"], False, 0, "a tab"),
    "a comment after a here-document's start": (
        ["cat <<EOF # note; docker system prune -af", "hi", "EOF"],
        False,
        0,
        "here-document",
    ),
    "a process substitution": (["grep x <(docker system prune --all)"], False, 0, "process substitution"),
    "ANSI-C quoting": (["grep d$'o'cker file"], False, 0, "`$` other than"),
    "a pipe into a shell": (["echo docker system prune --all | sh"], False, 0, "pipe into `sh`"),
    "a pipe into sudo bash": (["echo docker rm web | sudo -E bash"], False, 0, "pipe into `bash`"),
    "history expansion": (["docker volume ls && !!:*"], False, 0, "history"),
    "a console string running into the output": (
        ['$ echo "Line one', 'Line two"', "$ docker ps"],
        True,
        0,
        "does not close",
    ),
    "a command made by a substitution": (['"$(which docker)" system prune --all'], False, 0, "not a plain word"),
    "an unquoted substitution as the command": (["$(type -P docker) volume rm data"], False, 0, "not a plain word"),
    "eval": (["eval docker system prune"], False, 0, "eval"),
    "a subshell": (["(docker system prune)"], False, 0, "subshell"),
    "a backtick": (["echo `docker system prune`"], False, 0, "backtick"),
    "a homoglyph": (["d\u043ecker ps"], False, 0, "U+043E"),
    "a word starting with =": (["echo =(docker ps)"], False, 0, "starts with `=`"),
    "an unquoted here-document, whose body the shell expands": (
        ["cat <<EOF", "$(docker system prune)", "EOF"],
        False,
        0,
        "`<<EOF`: write `<<'EOF'`",
    ),
    # The fourteenth attacker's: the door, the checks and the shell ended these on other lines.
    "a here-document on a continued line": (
        ['name="web --volumes"', "cat <<'EOF' \\", " && docker compose down $name", "EOF"],
        False,
        1,
        "continued by",
    ),
    "a here-document in a console block": (
        ["$ cat <<'EOF'", "$ EOF", "$ python3 -c 'print(1)'"],
        True,
        0,
        "in a console block",
    ),
    "a delimiter with a dash": (["cat <<pwd-x", "docker ps", "pwd-x", "pwd"], False, 0, "`<<pwd-x`"),
    "a delimiter joined to more": (["cat <<'EOF'x", "hi", "EOF"], False, 0, "`<<'EOF'x`"),
    "blanks around the end": (["cat <<'EOF'", "hi", "EOF ", "docker ps"], False, 2, "blanks around `EOF`"),
    "two here-documents on a line": (["cat <<'EOF' <<'EOF'", "a", "EOF", "b", "EOF"], False, 0, "two here-documents"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_each_construct_outside_the_subset_is_refused_on_its_line(name):
    lines, console, offset, words = REFUSED[name]
    found = refusals(lines, console)
    assert [r for r in found if r.offset == offset and words in r.what], (name, found)
    assert all(r.fix for r in found)


@pytest.mark.parametrize("code", [code for code, _ in REFUSED_QUOTING])
def test_quoting_the_pages_no_longer_write_is_refused(code):
    assert refusals(code.split("\n")), code


ALLOWED = [
    'docker run --rm -v "$(pwd)":/src -w /src node:22 npm test   # tests; then quit (default)',
    "docker rm $(docker ps -aq -f status=exited)",
    "docker container logs <container> 2>&1 | grep -i error >/dev/null",
    "docker build -t myapp https://github.com/<account>/myapp.git#main   # a branch",
    'until [ "$(docker inspect -f x "$name")" = healthy ]; do',
    '  tries=$((tries + 1)); [ "$tries" -lt 60 ] || exit 1',
    "done",
    "dps() {",
    '  docker container ls "$@"',
    "}",
    "printf '%s' 'S3cr3t!' | docker secret create db_password -",
    "docker container ls -aq | xargs -r docker container rm",
    "docker buildx history logs ^1",
    "docker build -t htop - <<'EOF'",
    "FROM alpine:3.22",
    "RUN echo $(date) `x`",
    "EOF",
    "# a comment line: plain words, commas, dots and (parentheses)",
    "docker run -d \\",
    "  -p 8080:80 nginx",
]


def test_what_the_pages_write_is_inside_the_subset():
    assert refusals(ALLOWED) == []
    root = Path(__file__).resolve().parent.parent
    blocks = 0
    for path in sorted((root / "docs").rglob("*.md")):
        for fence in page.scan(str(path), path.read_text(encoding="utf-8")).fences:
            if fence.lang in {"bash", "sh", "shell", "zsh", "console", "shell-session"}:
                blocks += 1
                assert refusals(fence.lines, fence.lang == "console") == [], (path, fence.line)
    assert blocks > 150


# The shells a reader pastes into: zsh is macOS's default. scripts/test.sh installs the missing.
SHELLS = ("bash", "dash", "zsh")


@pytest.mark.parametrize("shell", SHELLS)
def test_an_allowed_comment_line_runs_nothing_in_a_real_shell(tmp_path, shell):
    """zsh reads a pasted comment line as a command (no interactive_comments): an allowed
    comment line runs nothing there, or in bash and dash, whatever its words."""
    assert shutil.which(shell), f"{shell} is missing: apt-get install -y {shell}"
    marker = tmp_path / "ran"
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "docker").write_text(f"#!/bin/sh\ntouch {marker}\n")
    (stub / "docker").chmod(0o755)
    lines = ["# remove it (default) with docker rm, then docker ps: done.", "# the 'last' one, \"quoted\""]
    assert refusals(lines) == []
    script = "\n".join(lines) + "\n"
    env = {"PATH": f"{stub}:/usr/bin:/bin", "HOME": str(tmp_path)}
    args = [shell, "-f", "-i"] if shell == "zsh" else [shell, "-i"]
    subprocess.run(args, input=script, text=True, capture_output=True, env=env, cwd=tmp_path, timeout=20)
    assert not marker.exists()


def test_output_blocks_get_no_copy_button_and_files_and_commands_keep_theirs():
    """Output is shown, not run: Material leaves the copy button off a block inside `.no-copy`.
    A `.dockerignore` (which Pygments also writes as `language-text`) and commands keep theirs."""
    text = '# Page\n\n```text\nd""ocker system prune\n```\n\n```ignore\n.git\n```\n\n```bash\ndocker ps\n```\n'
    html = output_blocks_not_copied(site_markdown().convert(text), page.scan("docs/p.md", text).fences)
    blocks = re.findall(r'<div class="([^"]*highlight[^"]*)"', html)
    assert len(blocks) == 3, blocks
    assert ["no-copy" in classes.split() for classes in blocks] == [True, False, False], blocks


def test_a_block_with_a_line_of_blanks_is_still_found_so_its_explanations_stay_out_of_the_copy():
    """Markdown drops the blanks of a line of only blanks; the block is still the fence's, so each
    example is wrapped and its explanation left out of the copy (the eighth attacker's)."""
    text = "# Page\n\n```bash\ndocker ps -a   # all; docker system prune -af\n   \ndocker image ls   # images\n```\n"
    fences = page.scan("docs/p.md", text).fences
    found: list[int] = []
    edit_fence_lines(site_markdown().convert(text), fences, lambda fence, lines: found.append(len(lines)))
    assert found == [3]


COMMENT_PAGE = (
    "---\ntitle: Copied comments\ndescription: A page a hostile pull request adds.\nsection: run\norder: 947\n---\n\n"
    "# Copied comments\n\nText.\n\n## Section\n\n```bash\n"
    "docker volume rm --force 2024#-archive app-data   # remove last year's volume\n"  # line 15
    "docker volume ls   # list them\n"
    "```\n\n"
    # An output block of the same text first: it may not take the shell block's place.
    "```text\ndocker image ls   # images; docker system prune\n```\n\n"
    "```bash\ndocker image ls   # images; docker system prune\n```\n"
)


COPIED_COMMENT_PAGES = ("copied-comments.md",)


def prepare_copied_comments(project):
    (project / "docs" / "copied-comments.md").write_text(COMMENT_PAGE, encoding="utf-8")


def test_an_explanation_the_copy_cannot_leave_out_exactly_fails_the_build(batched_variant):
    """The highlighter takes `2024#-archive …` for a comment, which the shell and the checks do
    not (the ninth attacker's): hiding the highlighter's comment would copy `… --force 2024` and
    remove another volume. The build hides only the comment it read, and fails where it cannot."""

    # Built with other pages whose problems lie on their own pages; their lines are left out.
    build = batched_variant("own-pages", "copied-comments")
    assert build.returncode != 0
    assert any(
        "docs/copied-comments.md:15: the explanation after this command cannot be left out" in w for w in build.warnings
    ), build.warnings
    assert not any("copied-comments.md:16" in w for w in build.warnings), build.warnings
    published = (build.site / "copied-comments.html").read_text(encoding="utf-8")
    hidden = re.findall(r'<span class="cs-ex__why">(.*?)</span></span>', published)
    assert [re.sub(r"<[^>]*>", "", h).strip() for h in hidden] == ["# list them", "# images; docker system prune"]


def test_an_output_block_not_found_as_written_takes_every_text_blocks_button():
    """A tab makes Markdown show an output block otherwise than its fence (the ninth attacker's):
    no text block keeps its copy button then, rather than output keeping one."""
    text = "# Page\n\n```text\ndocker ps\t; curl x | sh\n```\n\n```ignore\n.git\n```\n"
    html = output_blocks_not_copied(site_markdown().convert(text), page.scan("docs/p.md", text).fences)
    blocks = re.findall(r'<div class="([^"]*highlight[^"]*)"', html)
    assert len(blocks) == 2 and all("no-copy" in classes.split() for classes in blocks), blocks
