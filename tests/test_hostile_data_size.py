"""Data files a hostile pull request could make large: the build reads each entry and does work
for it, so where that work is quadratic a file under the 512 KiB limit held the build for
minutes and passed (the third attacker's 40,000 task phrases: 168 s). The code is linear, and
every list and mapping of the data files the search and the placeholders read has a bound in its
schema, so a file that big is refused at the door with its line."""

from __future__ import annotations

import itertools
import json
import string
import time
from pathlib import Path

import pytest
import yaml
from conftest import run_build

from cheatsheet import catalog, data_schemas
from cheatsheet.data_files import DATA
from cheatsheet.search_sections import Section, assign_tasks
from cheatsheet.task_vocabulary import Answer, Task
from tooling.harness import copy_project

BOUND = 2.0  # seconds, for what linear code does in 0.03 s and the old quadratic code in minutes


def words(count: int, prefix: str = "q") -> list[str]:
    return [prefix + "".join(t) for t in itertools.product(string.ascii_lowercase, repeat=4)][:count]


ANSWERS = (
    "docker container ls, docker ps, docker container list, docker container ps, docker container ls -a, "
    "docker ps -a, docker container ls --all, docker ps -q"
)


def attacker_tasks() -> str:
    """The attacker's entry: 40,000 phrases, eight spellings of one command (298 KB)."""
    return "- phrases: [" + ", ".join(words(40_000)) + f"]\n  answers: [{ANSWERS}]\n"


def test_assign_tasks_is_linear_in_the_phrases():
    cat = catalog.load()
    sections = {f"s{i}": Section(f"s{i}", f"Section {i}", "containers.md") for i in range(3)}
    for section in sections.values():
        section.defined.add("docker container ls")
    sections["s1"].tasks.append("qaaab")  # already there: kept once, in its place
    phrases = (*words(40_000), "qaaaa", "qaaab")  # repeats too
    answers = tuple(Answer("command", "docker container ls", (), w) for w in ("a", "b", "c", "d", "e", "f"))
    start = time.perf_counter()
    assign_tasks(sections, [Task(1, phrases, answers)], cat, frozenset())
    assert time.perf_counter() - start < BOUND
    owner = next(s for s in sections.values() if len(s.tasks) > 1)
    expected = list(dict.fromkeys([*(["qaaab"] if owner.location == "s1" else []), *phrases]))
    assert owner.tasks == expected


def data_copy(folder: Path, name: str) -> Path:
    """Where a changed copy of data/<name> is checked against its real schema."""
    (folder / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / name)
    (folder / "schemas" / schema.name).write_bytes(schema.read_bytes())
    return folder / name


def test_the_attackers_tasks_file_is_refused_at_the_door_with_its_line(tmp_path):
    path = data_copy(tmp_path, "tasks.yaml")
    path.write_text((DATA / "tasks.yaml").read_text() + attacker_tasks())
    # No clock here: reading 298 KB of YAML takes a second, two on a loaded machine, whatever
    # the check does; what matters is that the schema's bound refuses the file before the
    # search's code reads its phrases.
    found = data_schemas.check_file(path, "data/tasks.yaml")
    assert [p.message for p in found] == ["`[150].phrases`: has 40,000 entries, over the limit of 50"], found
    assert found[0].line == path.read_text().count("\n") - 1  # the entry's `phrases:` line
    assert "1 to 50 phrases" in found[0].fix


# Each file the search, the command index and the placeholders read, made large in one of its
# lists or mappings: each is refused by its schema, naming the list.
OVERSIZE = {
    "tasks.yaml entries": (
        "tasks.yaml",
        lambda o: o + "".join(f"- phrases: [{w}]\n  answers: [docker ps]\n" for w in words(1200)),
    ),
    "tasks.yaml answers": (
        "tasks.yaml",
        lambda o: o + "- phrases: [zzzz]\n  answers: [" + ", ".join(["docker ps"] * 11) + "]\n",
    ),
    "tasks.yaml long answer": (
        "tasks.yaml",
        lambda o: o + "- phrases: [zzzz]\n  answers: [docker ps " + "-a " * 60 + "]\n",
    ),
    "meanings.yaml words": (
        "meanings.yaml",
        lambda o: o.replace("      words: [entire cache, wipe]\n", f"      words: [{', '.join(words(21))}]\n", 1),
    ),
    "meanings.yaml commands": (
        "meanings.yaml",
        lambda o: o + "".join(f"docker {w}:\n  meaning: x\n" for w in words(1001, "z")),
    ),
    "instructions.yaml words": (
        "instructions.yaml",
        lambda o: o.replace("  words: [arg]\n", f"  words: [{', '.join(words(21))}]\n", 1),
    ),
    "instructions.yaml entries": (
        "instructions.yaml",
        lambda o: o + "".join(f"Z{w.upper()}:\n  meaning: x\n" for w in words(41)),
    ),
    "placeholders.yaml entries": (
        "placeholders.yaml",
        lambda o: o + "".join(f"{w}:\n  form: a\n  example: b\n" for w in words(201, "p")),
    ),
    "search-boosts.yaml entries": (
        "search-boosts.yaml",
        lambda o: o + "".join(f"{w}.md: 0.5\n" for w in words(161, "p")),
    ),
    "search-verbs.yaml verbs": ("search-verbs.yaml", lambda o: o + "zz: [" + ", ".join(words(31, "v")) + "]\n"),
    "search-verbs.yaml words": ("search-verbs.yaml", lambda o: o + "".join(f"z{w}: [x]\n" for w in words(201))),
    "search-phrases.yaml phrases": (
        "search-phrases.yaml",
        lambda o: o + "zz: [" + ", ".join(f"x {w}" for w in words(21, "v")) + "]\n",
    ),
    "search-phrases.yaml words": ("search-phrases.yaml", lambda o: o + "".join(f"z{w}: [x y]\n" for w in words(61))),
    "index-hidden-aliases.yaml": (
        "index-hidden-aliases.yaml",
        lambda o: o + "".join(f"  - docker {w}\n" for w in words(201)),
    ),
}


@pytest.mark.parametrize("case", list(OVERSIZE))
def test_a_data_file_over_its_bounds_is_refused_naming_the_bound(tmp_path, case):
    name, grow = OVERSIZE[case]
    path = data_copy(tmp_path, name)
    path.write_text(grow((DATA / name).read_text()))
    found = data_schemas.check_file(path, f"data/{name}")
    assert found, case
    assert any("over the limit of" in p.message or "characters, over" in p.message for p in found), found
    assert all(f"data/schemas/{Path(name).stem}.schema.json" in p.fix for p in found)


def _over_half(value, schema: dict, where: str) -> list[str]:
    """Each list or mapping of `value` longer than half the bound its schema gives it."""
    found = []
    bound = schema.get("maxItems" if isinstance(value, list) else "maxProperties")
    if isinstance(value, list | dict) and bound is not None and len(value) * 2 > bound:
        found.append(f"{where}: {len(value)} of {bound}")
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(value):
            found += _over_half(item, schema["items"], f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            inner = schema.get("properties", {}).get(key, schema.get("additionalProperties"))
            if isinstance(inner, dict):
                found += _over_half(item, inner, f"{where}.{key}")
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_the_real_data_files_are_well_within_their_bounds(name):
    """At most half of each bound, so the bounds leave room to grow."""
    schema = json.loads(data_schemas.schema_path(DATA / name).read_text(encoding="utf-8"))
    assert _over_half(yaml.safe_load((DATA / name).read_text(encoding="utf-8")), schema, name) == []


def test_a_tasks_file_at_its_bounds_builds_in_seconds_and_the_attackers_is_refused(tmp_path):
    """850 entries of 50 phrases and 10 answers each (42,500 phrases; about 480 KB with the
    real entries): the largest file the bounds allow near the byte limit builds; the attacker's
    stops before it is read."""
    four = ["".join(t) for t in itertools.product(string.ascii_lowercase, repeat=4)]
    answers = (
        "[docker container ls, docker ps, docker container list, docker ps -a, docker ps -q, docker image ls, "
        "docker images, docker image ls -a, docker volume ls, docker network ls]"
    )
    big = "".join(
        "- phrases: [" + ", ".join("q" + four[i * 50 + j] for j in range(50)) + f"]\n  answers: {answers}\n"
        for i in range(850)
    )
    project = copy_project(tmp_path / "project")
    tasks = project / "data" / "tasks.yaml"
    original = tasks.read_text()
    tasks.write_text(original + big)
    start = time.monotonic()
    build = run_build(project, project / "site", timeout=120)
    assert build.returncode == 0, build.output[-3000:]
    assert time.monotonic() - start < 30  # about 3.5 s alone; 168 s for the quadratic code
    tasks.write_text(original + attacker_tasks())
    start = time.monotonic()
    build = run_build(project, project / "site-attacker", timeout=120)
    assert time.monotonic() - start < 30
    assert build.returncode != 0 and "Traceback" not in build.output
    assert any("data/tasks.yaml:" in w and "over the limit of 50" in w for w in build.warnings), build.output
