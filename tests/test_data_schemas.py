"""Every data file is checked against its schema before the build reads it: a wrong file stops the
strict build with its file, line and fix, never with a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import run_build

from cheatsheet import data_schemas
from cheatsheet.data_files import DATA
from tooling.harness import copy_project

# data file, text appended to or replacing it, line of the error, words of the message
BROKEN = {
    # A section without a title.
    "sections.yaml": (
        "- key: start\n  title: Getting started\n- key: more\n  default: true\n",
        3,
        "'title' is a required",
    ),
    # A bare value where a rule is expected.
    "destructive.yaml": (
        "- command: docker volume rm\n  why: deletes the data\n- docker system prune\n",
        3,
        "not of type",
    ),
    # A wrong type.
    "offline.yaml": ("precache_exclude: 5\nzip_exclude: []\n", 1, "not of type 'array'"),
    # Markup in a search phrase: the search shows it.
    "tasks.yaml": ('- phrases: ["<meta http-equiv=refresh>"]\n  answers: [docker container ls]\n', 1, "expected form"),
    # Read for the page templates: it was once read before any check ran (a traceback).
    "engine-api.yaml": ("", 1, "not of type 'object'"),
    # The catalogue, which a script writes: it is read with the same care.
    "catalog.json": ('{\n  "commands": {\n', 3, "is not valid JSON"),
}


def test_the_real_data_files_pass_their_schemas():
    assert [str(p) for p in data_schemas.check_all()] == []


def test_every_data_file_has_a_schema():
    files = sorted([*DATA.glob("*.yaml"), *DATA.glob("*.json")])
    assert any(p.name == "catalog.json" for p in files)
    missing = [p.name for p in files if not data_schemas.schema_path(p).is_file()]
    assert missing == [], "add a schema in data/schemas/ for each"


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_data_file_is_named_with_its_line(tmp_path, name):
    text, line, words = BROKEN[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / name)
    (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    check = data_schemas.check_json_file if name.endswith(".json") else data_schemas.check_file
    problems = [str(p) for p in check(tmp_path / name, f"data/{name}")]
    assert any(p.startswith(f"data/{name}:{line}: ") and words in p for p in problems), problems
    assert all(" — " in p for p in problems)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: [1\n", "is not valid YAML"),
        ("a: &x [1]\nb: *x\n", "anchor or alias"),
        ("- key: start\n  title: Getting\u202estarted\n", "U+202E"),
        # Values that parse but do not construct: YAML's `value` tag (a bare `=`), a tag the safe
        # loader does not know. Found by the fuzzer in a whole-suite run.
        ("=\n", "put the value in quotes"),
        ("- key: start\n  title: !custom Getting started\n", "put the value in quotes"),
    ],
)
def test_yaml_that_does_not_read_is_a_problem_not_a_traceback(tmp_path, text, words):
    path = tmp_path / "sections.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in data_schemas.check_file(path, "data/sections.yaml")]
    assert any(words in p for p in problems), problems


def test_the_strict_build_stops_on_broken_data_files_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    for name, (text, _, _) in BROKEN.items():
        (project / "data" / name).write_text(text, encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    for name, (_, line, _) in BROKEN.items():
        assert any(f"data/{name}:{line}:" in w for w in build.warnings), (name, build.output)


def test_a_catalogue_value_that_would_carry_markup_is_refused_on_its_line(tmp_path):
    """A third attacker changed one `url` of the catalogue, and the command index sent its readers
    to another site: every name, anchor and address in it must have Docker's plain form."""
    (tmp_path / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / "catalog.json")
    (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    text = (DATA / "catalog.json").read_text(encoding="utf-8")
    good = '"url": "https://docs.docker.com/reference/cli/docker/container/ls/"'
    assert good in text
    bad = good[:-1] + '\\"><meta http-equiv=\\"refresh\\" content=\\"0;url=https://evil.example/\\">"'
    broken = text.replace(good, bad, 1)
    (tmp_path / "catalog.json").write_text(broken, encoding="utf-8")
    line = broken[: broken.index(bad)].count("\n") + 1
    problems = [str(p) for p in data_schemas.check_json_file(tmp_path / "catalog.json", "data/catalog.json")]
    assert problems and all(p.startswith(f"data/catalog.json:{line}: ") for p in problems), problems
    assert "expected form" in problems[0], problems
    # A flag's anchor, a command's name: the same door.
    renamed = text.replace('"docker container ls": {', '"docker container ls<b>": {', 1)
    (tmp_path / "catalog.json").write_text(renamed, encoding="utf-8")
    assert data_schemas.check_json_file(tmp_path / "catalog.json", "data/catalog.json")


def test_a_data_reader_that_trusted_a_loosened_schema_stops_the_build_in_one_line(tmp_path):
    """The schemas are files a pull request can edit too: a reader that trusted one stops the
    build with a line that says where to look, never a traceback."""
    project = copy_project(tmp_path / "project")
    schema = project / "data" / "schemas" / "sections.schema.json"
    loosened = json.loads(schema.read_text(encoding="utf-8"))
    loosened["items"]["required"] = ["key"]  # a title no longer required
    schema.write_text(json.dumps(loosened), encoding="utf-8")
    sections = project / "data" / "sections.yaml"
    sections.write_text(sections.read_text(encoding="utf-8").replace("  title: Reference\n", ""), encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert "the cheat sheet's build stopped" in build.output and "data/schemas/" in build.output


def test_section_titles_reach_the_navigation_escaped(tmp_path):
    """Checked by the schema, and escaped all the same: a title is text in every page's navigation."""
    from cheatsheet import navigation

    page = navigation.NavPage("a.md", "A", "run", 1, "")
    nav, _ = navigation.build_nav([page], [{"key": "run", "title": 'Run <b>"x"</b> & co'}])
    assert nav == [{"Run &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; co": [{"A": "a.md"}]}]


def test_copy_project_carries_the_schemas(tmp_path):
    project = copy_project(tmp_path / "project")
    assert Path(project / "data" / "schemas" / "sections.schema.json").is_file()


def test_a_data_file_without_a_schema_is_refused(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "extra.yaml").write_text("anything: 1\n", encoding="utf-8")
    found = [str(p) for p in data_schemas.check_all(tmp_path)]
    fix = "write its JSON schema there"
    assert found == [f"{tmp_path.name}/extra.yaml:1: has no schema (schemas/extra.schema.json) — {fix}"]


def test_a_key_given_twice_is_refused_with_both_lines(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "twice.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    (tmp_path / "twice.yaml").write_text("a:\n  b: 1\nc: 2\na:\n  b: 3\n", encoding="utf-8")
    found = [str(p) for p in data_schemas.check_all(tmp_path)]
    assert found == [f"{tmp_path.name}/twice.yaml:4: `a` is given twice (first at line 1) — keep one of them"]


@pytest.mark.parametrize("name", ["catalog.json", "meanings.yaml"])
def test_an_invisible_character_written_as_an_escape_is_reported_on_its_line(tmp_path, name):
    """`\\u202e` in JSON or a double-quoted YAML string is six plain characters in the file and a
    right-to-left override on the site (the fifth attacker's reversed "compromised")."""
    (tmp_path / "schemas").mkdir()
    schema = data_schemas.schema_path(DATA / name)
    (tmp_path / "schemas" / schema.name).write_bytes(schema.read_bytes())
    path = tmp_path / name
    if name.endswith(".json"):
        data = json.loads((DATA / name).read_text(encoding="utf-8"))
        data["deprecations"][0]["feature"] = "docker run --privileged \u202e\u200bdetacilpmoc"
        text = json.dumps(data, indent=1, ensure_ascii=True)
        line = text.splitlines().index('   "feature": "docker run --privileged \\u202e\\u200bdetacilpmoc",') + 1
    else:
        original = "  meaning: Free disk space taken by the build cache."
        text = (DATA / name).read_text(encoding="utf-8").replace(original, '  meaning: "Free disk \\u202eehcac dliub."')
        line = text.splitlines().index('  meaning: "Free disk \\u202eehcac dliub."') + 1
    path.write_text(text, encoding="utf-8")
    check = data_schemas.check_json_file if name.endswith(".json") else data_schemas.check_file
    found = [str(p) for p in check(path, f"data/{name}") if "invisible" in p.message]
    assert found == [
        f"data/{name}:{line}: invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"
        + (", U+200B (ZERO WIDTH SPACE)" if name.endswith(".json") else "")
        + ": text that reads one way and is copied or run another — delete it (retype the line if your editor does not"
        " show it)"
    ], found


def _contributor_data_files() -> list[str]:
    """The data files a pull request may change on its own: the contributor paths of CODEOWNERS."""
    lines = (Path(__file__).resolve().parent.parent / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in lines.splitlines() if line.strip() and not line.startswith("#")]
    names = [rule[0].removeprefix("/data/") for rule in rules if len(rule) == 1 and rule[0].startswith("/data/")]
    assert names, "CODEOWNERS names the contributor data files"
    return names


# Values that are valid YAML but that Python cannot make, or should not try to: int() refuses
# more than 4,300 digits with a ValueError (eleventh attacker, hit 12), datetime() a 30 February.
UNREADABLE = {
    "a 5,000-digit number": ("9" * 5000, "reads as a number of 5,000 characters"),
    "a long hexadecimal number": ("0x" + "f" * 5000, "reads as a number of 5,002 characters"),
    "a long float": ("1" * 400 + ".5", "reads as a number of 402 characters"),
    "a date that is not one": ("2026-02-30", "`2026-02-30` cannot be read as a date"),
    "a time that is not one": ("2026-01-01 25:00:00", "cannot be read as a date"),
    "a tagged number that is not one": ("!!int 12a", "`12a` cannot be read as a number"),
    "a 5,000-character word": ("w" * 5000, "is 5,000 characters, over 4,096"),
}


@pytest.mark.parametrize("name", _contributor_data_files())
@pytest.mark.parametrize("kind", list(UNREADABLE))
def test_a_value_python_cannot_make_is_a_problem_on_its_line_in_every_contributor_file(tmp_path, name, kind):
    value, words = UNREADABLE[kind]
    real = (DATA / name).read_text(encoding="utf-8")
    root = yaml.compose(real)
    # The value where the file's top level takes one: a new key, or a new entry.
    added = f"zz-added: {value}\n" if isinstance(root, yaml.MappingNode) else f"- {value}\n"
    path = tmp_path / "data" / name
    (tmp_path / "data" / "schemas").mkdir(parents=True)
    path.write_text(real.rstrip("\n") + "\n" + added, encoding="utf-8")
    schema = data_schemas.schema_path(DATA / name)
    (tmp_path / "data" / "schemas" / schema.name).write_bytes(schema.read_bytes())
    line = real.rstrip("\n").count("\n") + 2
    problems = [str(p) for p in data_schemas.check_all(tmp_path / "data")]
    assert any(p.startswith(f"data/{name}:{line}: ") and words in p and " — " in p for p in problems), problems


def test_the_strict_build_names_the_line_of_a_number_too_long_for_python(tmp_path):
    project = copy_project(tmp_path / "project")
    meanings = project / "data" / "meanings.yaml"
    text = meanings.read_text(encoding="utf-8").rstrip("\n") + "\n"
    meanings.write_text(text + "zzint: " + "9" * 5000 + "\n", encoding="utf-8")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "ValueError" not in build.output and "Traceback" not in build.output
    line = text.count("\n") + 1
    assert any(f"data/meanings.yaml:{line}: " in w and "number of 5,000 characters" in w for w in build.warnings), (
        build.output
    )
