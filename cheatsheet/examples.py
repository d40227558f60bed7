"""Examples: one command line of a shell block (with its continuation lines) and what it does.

A cheat sheet's unit is one command with one line saying what it does. Contributors write
ordinary shell blocks; each command line becomes an `Example`, read once per build from the
page scan (the fence's lines) and the checker's report (which commands the line runs):

    docker container run -d --name web nginx   # starts a web server in the background

    # the same, published on port 8080
    docker container run -d -p 8080:80 nginx

The explanation is the line's trailing comment, or a comment line directly above it; a line
with neither is an example without one. Output lines of a console block (no `$ ` prompt) and
here-document bodies are not examples.

Each example has an anchor unique on its page, made from its command's words (`ex-container-run-d-name-web-nginx`),
so it can be linked and stays the same when other lines of the page change. Rendered (see
`mark_examples`), each example's lines are wrapped, in the highlighted code, as:

    <span class="cs-ex" id="ex-…" data-command="docker container run -d …">
      <span class="cs-ex__cmd">…the command's highlighted code…</span>
      <span class="cs-ex__why">   # …its trailing comment…</span>        (only with one)
    </span>

`data-command` is the runnable command on one line (continuations joined), as the checker
reads it. The newline after the last line stays outside the wrapper, so the code's text
(and what the copy button copies) is unchanged.

A note the build hangs on a source line (the Engine mark of a command that needs a newer
Engine, engine_versions.block_marks) goes last inside the example that holds the line, after
its explanation, or at the end of the line itself where no example holds it. It is not the
code's text: the site's styles leave it out of what the copy button copies.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from . import shell
from .command_checks import CommandUse
from .findings import PageReport
from .flag_marks import PROMPTED_LANGS, SHELL_LANGS
from .html_parts import edit_fence_lines, text_of
from .page import Fence, PageScan

ANCHOR_PREFIX = "ex-"
EXAMPLE_CLASS = "cs-ex"
ANCHOR_WORDS = 28  # characters of the command's words in an anchor: readable, not a sentence
_SLUG_WORD = re.compile(r"[a-z0-9]+")
# Pygments' comment token at the end of a line, and the white space token before it.
_TRAILING_COMMENT = re.compile(r'(?:<span class="w">[ \t]*</span>)?<span class="c1">[^<]*</span>$')
_SPAN_OPEN = re.compile(r"<span\b")


@dataclass(frozen=True)
class Example:
    page: str  # source path: containers.md
    heading: str  # anchor of its section ("" before the first heading)
    line: int  # source line of its first line
    anchor: str  # unique on the page
    command: str  # runnable, on one line: continuations joined, comment left out
    explanation: str  # the comment's text without `#`, or ""
    comment: str  # the trailing comment as written (`# …`), or "": what the copy leaves out
    commands: tuple[str, ...]  # canonical `docker …` commands it runs (the checker's reading)
    flags: tuple[str, ...]  # long names of their flags, in order
    written_flags: tuple[str, ...]  # as typed: `-it`, `--rm`
    legacy: bool
    first: int  # index of its first line in the fence
    last: int  # index of its last line in the fence


def slug(command: str) -> str:
    """`docker container run -d -p 8080:80 <image>` -> `container-run-d-p-8080-80-image`."""
    words = _SLUG_WORD.findall(command.lower())
    if words and words[0] == "docker":
        words = words[1:]
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > ANCHOR_WORDS:
            break
        out = f"{out}-{word}" if out else word[:ANCHOR_WORDS]
    return out or "command"


def _fence_examples(
    fence: Fence, src: str, report: PageReport, taken: dict[str, int], headings: AbstractSet[str]
) -> list[Example]:
    prompted = fence.lang in PROMPTED_LANGS
    uses: dict[int, list[CommandUse]] = {}
    for use in report.uses:
        if use.in_block:
            uses.setdefault(use.line, []).append(use)
    examples: list[Example] = []
    note = ("", -2)  # the last comment line and its index
    for index, logical, pieces in shell.logical_lines_at(fence.lines, prompts_only=prompted):
        stripped = logical.strip()
        if not stripped:
            continue
        at = shell.comment_at(logical)
        if at >= 0 and not logical[:at].strip():
            note = (logical[at:].lstrip("#").strip(), pieces[-1][1])
            continue
        # continuations joined with one space, as a reader would type the command on one line
        command = " ".join((logical[:at] if at >= 0 else logical).split())
        explanation = logical[at:].lstrip("#").strip() if at >= 0 else ""
        comment = logical[at:].strip() if at >= 0 else ""
        if not explanation and note[1] == index - 1:
            explanation = note[0]
        line = fence.line + 1 + index
        found = uses.get(line, [])
        base = ANCHOR_PREFIX + slug(command)
        count = taken.get(base, 0) + 1
        # a heading's id is taken too: one id, one place on the page
        while (base if count == 1 else f"{base}-{count}") in headings:
            count += 1
        taken[base] = count
        examples.append(
            Example(
                page=src,
                heading=fence.heading,
                line=line,
                anchor=base if count == 1 else f"{base}-{count}",
                command=command,
                explanation=explanation,
                comment=comment,
                commands=tuple(dict.fromkeys(u.canonical for u in found)),
                flags=tuple(f for u in found for f in u.flags),
                written_flags=tuple(f for u in found for f in u.written_flags),
                legacy=fence.legacy,
                first=index,
                last=pieces[-1][1],
            )
        )
    return examples


def collect(scan: PageScan, report: PageReport) -> list[Example]:
    """Every example of a page's shell blocks, in page order."""
    taken: dict[str, int] = {}
    examples: list[Example] = []
    headings = scan.anchors
    for fence in scan.fences:
        if fence.lang in SHELL_LANGS:
            examples += _fence_examples(fence, scan.src, report, taken, headings)
    return examples


# -- rendering ------------------------------------------------------------------------------------


def _balanced(fragment: str) -> bool:
    return len(_SPAN_OPEN.findall(fragment)) == fragment.count("</span>")


def _wrap(lines: list[str], example: Example, note: str) -> bool:
    """Wrap the example's lines (HTML, each starting with its line anchor) in place, the note
    last inside; False when they are left as they were."""
    chunk = "".join(lines[example.first : example.last + 1])
    if not _balanced(chunk):
        return False  # a token spans the example's edge (a string over two lines)
    end = chunk.rstrip("\n")
    newline = chunk[len(end) :]
    why = ""
    comment = _TRAILING_COMMENT.search(end) if example.comment else None
    # Only the comment the build read, where a shell reads it: a highlighter's comment that
    # starts elsewhere (`2024#-archive`, after a quote) would take part of the command with it.
    if comment is not None and text_of(comment.group()).strip() == example.comment:
        end, why = end[: comment.start()], comment.group()
    elif example.comment:
        return False
    command = html.escape(example.command, quote=True)
    opening = f'<span class="{EXAMPLE_CLASS}" id="{example.anchor}" data-command="{command}">'
    wrapped = f'{opening}<span class="{EXAMPLE_CLASS}__cmd">{end}</span>'
    if why:
        wrapped += f'<span class="{EXAMPLE_CLASS}__why">{why}</span>'
    lines[example.first] = wrapped + note + "</span>" + newline
    for i in range(example.first + 1, example.last + 1):
        lines[i] = ""
    return True


def _at_line_end(piece: str, note: str) -> str:
    end = piece.rstrip("\n")
    return end + note + piece[len(end) :]


def _in_fence(fence: Fence, line: int) -> bool:
    return fence.line < line <= fence.line + len(fence.lines)


def mark_examples(
    content: str,
    scan: PageScan,
    examples: Sequence[Example],
    notes: Mapping[int, str] | None = None,
    unhidden: list[Example] | None = None,
) -> str:
    """A page's HTML with each example of its shell blocks wrapped, and each note (HTML by
    source line) hung on its example or line (module docstring). Which block is which fence is
    html_parts.edit_fence_lines' to say. An example whose trailing comment could not be left
    out of the copy exactly as the build read it goes into `unhidden`."""
    notes = notes or {}
    by_fence: dict[int, list[Example]] = {}
    fences = []
    for fence in scan.fences:
        found = [e for e in examples if _in_fence(fence, e.line)] if fence.lang in SHELL_LANGS else []
        if found or any(_in_fence(fence, line) for line in notes):
            by_fence[fence.line] = found
            fences.append(fence)

    edited: set[int] = set()

    def edit(fence: Fence, lines: list[str]) -> None:
        edited.add(fence.line)
        placed: set[int] = set()
        for example in reversed(by_fence[fence.line]):
            held = range(example.line, example.line + example.last - example.first + 1)
            if _wrap(lines, example, "".join(notes.get(line, "") for line in held)):
                placed.update(held)
            elif example.comment and unhidden is not None:
                unhidden.append(example)
        for line, note in notes.items():
            if _in_fence(fence, line) and line not in placed:
                index = line - fence.line - 1
                lines[index] = _at_line_end(lines[index], note)

    # Every fence of the page is offered, so a block pairs only with its own fence: an earlier
    # block of the same text (an output block showing the command) cannot take a shell fence's
    # place and leave the shell block's explanations in its copy.
    wanted = {fence.line for fence in fences}
    content = edit_fence_lines(
        content, scan.fences, lambda fence, lines: edit(fence, lines) if fence.line in wanted else None
    )
    if unhidden is not None:
        unhidden += [e for f in fences if f.line not in edited for e in by_fence[f.line] if e.comment]
    return content
