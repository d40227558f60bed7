"""Site variants that only add or change pages, built together: one strict build for several
tests' pages instead of one build each (each build of the whole site is about 2.7 CPU-seconds,
issue #26). Variants that change the site's configuration, code or data stay builds of their own.

Two groups, by what their tests expect of the build:
- "clean": the pages must build strictly with no warning at all. The batch counts only if it
  does; otherwise every member is built on its own (its own build then says what is wrong).
- "own-pages": each member's problems lie on its own pages. A member is given the batch's build
  with the other members' warning lines left out; the batch counts only if every warning line
  names exactly one member's page, no traceback is printed and the member has warnings of its
  own; otherwise that member is built on its own, which is what a test with the rule broken sees.

Each member is `module: (prepare, pages)`: `prepare(project)` (a function of that test module)
writes or changes the pages, and `pages` (a tuple of that module) names them, relative to docs/.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from tooling import harness
from tooling.harness import Build, copy_project, strict_build

GROUPS: dict[str, dict[str, tuple[str, str, str]]] = {
    "clean": {
        "placeholder-spans": ("test_placeholders", "prepare_demo", "DEMO_PAGES"),
        "hostile-comments": ("test_hostile_outputs", "prepare_comments", "COMMENT_PAGES"),
        "title-only-page": ("test_front_matter", "prepare_title_only", "TITLE_ONLY_PAGES"),
        "new-page": ("test_site", "prepare_new_page", "NEW_PAGES"),
    },
    "own-pages": {
        "copied-comments": ("test_shell_syntax", "prepare_copied_comments", "COPIED_COMMENT_PAGES"),
        "hostile-toc": ("test_hostile_outputs", "prepare_toc", "TOC_PAGES"),
        "log-injection": ("test_hostile_outputs", "prepare_inject", "INJECT_PAGES"),
        "broken-links": ("test_link_warnings", "prepare_broken_links", "BROKEN_LINK_PAGES"),
        "bad-sheet-entry": ("test_sheet", "prepare_bad_entry", "BAD_ENTRY_PAGES"),
        "attacker-title": ("test_hostile_titles", "prepare_attacker", "ATTACKER_PAGES"),
    },
}


def _member(group: str, name: str) -> tuple[Callable[[Path], None], tuple[str, ...]]:
    module_name, prepare, pages = GROUPS[group][name]
    module = importlib.import_module(module_name)
    return getattr(module, prepare), tuple(getattr(module, pages))


def _names(line: str, page: str) -> bool:
    """Whether a build message is about `page`: the checks' `docs/PAGE:LINE:` or MkDocs' own
    `Doc file 'PAGE'`."""
    return f"docs/{page}:" in line or f"Doc file '{page}'" in line


def _solo(base: Path, group: str, name: str) -> Build:
    prepare, _ = _member(group, name)

    def make(folder: Path) -> Build:
        project = copy_project(folder / "project")
        prepare(project)
        return strict_build(project, project / "site")

    return harness.shared_build(base, f"{group}-{name}", make)


def _batch(base: Path, group: str) -> Build:
    def make(folder: Path) -> Build:
        project = copy_project(folder / "project")
        for name in GROUPS[group]:
            _member(group, name)[0](project)
        return strict_build(project, project / "site")

    return harness.shared_build(base, f"batch-{group}", make)


def build(base: Path, group: str, name: str) -> Build:
    """The build of member `name` of `group`: the batch's when it gives what the member's own
    build gives, else the member's own (see the module's docstring)."""
    batch = _batch(base, group)
    if group == "clean":
        return batch if batch.returncode == 0 and not batch.warnings else _solo(base, group, name)
    pages = {member: _member(group, member)[1] for member in GROUPS[group]}
    owners = [[m for m, ps in pages.items() if any(_names(w, p) for p in ps)] for w in batch.warnings]
    if "Traceback" in batch.output or any(len(found) != 1 for found in owners):
        return _solo(base, group, name)
    others = {w for w, found in zip(batch.warnings, owners, strict=True) if found != [name]}
    if len(others) == len(batch.warnings):
        return _solo(base, group, name)
    kept = [line for line in batch.output.splitlines() if line not in others]
    return Build(batch.returncode, "\n".join(kept) + "\n", batch.site)
