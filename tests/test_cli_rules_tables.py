"""The programs that run a command line are one table (data/cli-rules.yaml `runs_command_line`):
the door (cheatsheet/shell_syntax.py) and the checks (cheatsheet/command_checks.py) both read it
from the catalogue, so taking an entry out of a copy of the data changes both layers."""

from __future__ import annotations

import copy

from cheatsheet import catalog
from cheatsheet.shell_syntax import refusals
from cheatsheet.site import build_site

FRONT = (
    "---\ntitle: Zz test\ndescription: A page of the tests about the programs that run a line.\n"
    "section: operate\norder: 99\nsheet:\n  docker container ls: list\n---\n\n"
    "# Zz test\n\nText with `docker container ls`.\n\n## Section\n\n"
)


def _without(table: str, entry: str) -> catalog.Catalog:
    """The project's catalogue with one entry taken out of a copy of data/cli-rules.yaml."""
    base = catalog.load()
    rules = copy.deepcopy(base.rules)
    del rules[table][entry]
    return catalog.Catalog(base.data, rules, list(base.destructive.values()))


def _problems(block: str, cat: catalog.Catalog) -> list[str]:
    site = build_site({"zz-test.md": f"{FRONT}```bash\n{block}\n```\n"}, cat)
    return [str(p) for p in site.problems if p.path == "docs/zz-test.md"]


def test_the_door_and_the_checks_read_the_same_entry():
    full, without_trap = catalog.load(), _without("runs_command_line", "trap")
    assert "trap" in full.runs_command_line and "trap" not in without_trap.runs_command_line

    # the door: the string `trap` runs is code held to the subset, while the entry is there
    door = [r.what for r in refusals(["trap '$x volume rm data' EXIT"], catalog=full)]
    assert any("in the command line `trap` runs" in what for what in door), door
    assert refusals(["trap '$x volume rm data' EXIT"], catalog=without_trap) == []

    # the checks: the docker command in the string is read (and its flag checked) while the entry
    # is there; without it, it is a docker the checks cannot read
    block = "trap 'docker volume rm --no-such-flag-t data' EXIT"
    read = _problems(block, full)
    assert any("--no-such-flag-t" in m for m in read), read
    unread = _problems(block, without_trap)
    assert not any("--no-such-flag-t" in m for m in unread), unread
    assert any("in a way the checks cannot read" in m for m in unread), unread


def test_a_shell_is_one_entry_for_the_door_and_the_checks():
    without_sh = catalog.Catalog(
        catalog.load().data,
        {**catalog.load().rules, "shells": [s for s in catalog.load().rules["shells"] if s != "sh"]},
        list(catalog.load().destructive.values()),
    )
    assert "sh" not in without_sh.runs_command_line and "sh" not in without_sh.runs_input
    assert [r.what for r in refusals(["echo date | sh"])] != []
    door = [r.what for r in refusals(["echo date | sh"], catalog=without_sh)]
    assert not any("a pipe into `sh`" in what for what in door), door
    # the checks' own allow-list still refuses it: `reads_input` is the rule, the door says why first
    assert any("input into `sh`" in m for m in _problems("echo date | sh", without_sh))
