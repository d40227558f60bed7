"""The task vocabulary (data/tasks.yaml) and how search uses it, without MkDocs; and a bad
vocabulary failing the strict build with the file's line."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, run_build

from cheatsheet import catalog, search, search_sections
from cheatsheet.site import build_site
from cheatsheet.task_vocabulary import check, load, load_meaning_texts

CATALOG = catalog.load()


def problems_of(text: str) -> list[str]:
    _tasks, problems = check(text, CATALOG)
    return [str(p) for p in problems]


def test_the_vocabulary_is_valid_and_large():
    tasks, problems = load(CATALOG)
    assert problems == []
    assert len(tasks) >= 80
    phrases = [p for t in tasks for p in t.phrases]
    assert len(phrases) == len(set(phrases))


def test_every_topic_page_answers_some_task():
    docs = ROOT / "docs"
    sources = {p.name: p.read_text(encoding="utf-8") for p in docs.glob("*.md")}
    site = build_site(sources, CATALOG)
    tasks, _ = load(CATALOG)
    site.urls = {src: src.replace(".md", ".html") for src in site.pages}
    boosts, problems = search.page_boosts()
    assert problems == [] and boosts["index.md"] < 1
    sections = site.search_keywords(tasks, set(boosts))
    answering = {s.page for s in sections.values() if s.tasks}
    topics = set(site.pages) - set(boosts)  # the home page and legacy pages answer none
    assert topics - answering == set()


def test_an_unknown_command_names_the_line_and_the_closest_command():
    text = "# comment\n- phrases: [copy a file]\n  answers: [docker container cpp]\n"
    assert problems_of(text) == [
        "data/tasks.yaml:3: `docker container cpp` is not a Docker command — did you mean `docker container cp`?"
    ]


def test_an_unknown_flag_names_the_closest_flag():
    text = "- phrases: [throwaway]\n  answers: [docker run --rmm]\n"
    assert problems_of(text) == ["data/tasks.yaml:2: `docker run` has no flag `--rmm` — did you mean `--rm`?"]


def test_a_misspelt_instruction_names_the_instruction():
    text = "- phrases: [health]\n  answers: [HEALTHCHEK]\n"
    assert problems_of(text) == [
        "data/tasks.yaml:2: `HEALTHCHEK` is not a Dockerfile instruction — did you mean `HEALTHCHECK`?"
    ]


def test_a_duplicate_phrase_points_at_the_first_one():
    text = (
        "- phrases: [copy a file]\n  answers: [docker cp]\n"
        "- phrases: [list containers, Copy  a FILE]\n  answers: [docker ps]\n"
    )
    tasks, problems = check(text, CATALOG)
    assert [str(p) for p in problems] == [
        "data/tasks.yaml:3: the phrase `copy a file` is already listed at line 1 — keep one of them "
        "(a phrase answers one task)"
    ]
    assert [t.phrases for t in tasks] == [("copy a file",)], "the bad entry is left out, the good one kept"


def test_aliases_and_combined_short_flags_are_accepted():
    tasks, problems = check("- phrases: [shell]\n  answers: [docker exec -it, docker ps -a, ENV]\n", CATALOG)
    assert problems == []
    answers = tasks[0].answers
    assert (answers[0].name, answers[0].flags) == ("docker container exec", ("interactive", "tty"))
    assert (answers[1].name, answers[1].flags) == ("docker container ls", ("all",))
    assert (answers[2].kind, answers[2].name) == ("instruction", "ENV")


def test_malformed_files_are_problems_never_exceptions():
    cases = {
        "- phrases: [a\n": "data/tasks.yaml:2: the file is not valid YAML",
        "phrases: [a]\n": "data/tasks.yaml:1: the file must be a list of entries",
        "": "data/tasks.yaml:1: the file is empty",
        "- phrases: [a]\n": "data/tasks.yaml:1: the entry has no `answers`",
        "- phrases: [a]\n  answers: []\n": "data/tasks.yaml:2: `answers` must be a non-empty list",
        "- phrases: [a]\n  answers: [docker cp]\n  tags: [x]\n": "data/tasks.yaml:3: unknown key `tags`",
        "- just text\n": "data/tasks.yaml:1: an entry must have `phrases:` and `answers:`",
        "- phrases: [[nested]]\n  answers: [docker cp]\n": "data/tasks.yaml:1: every item of `phrases`",
        "- phrases: [a]\n  answers: [docker cp /tmp/x]\n": "data/tasks.yaml:2: `/tmp/x` after `docker container cp`",
        "- phrases: [a]\n  answers: [docker network]\n": "data/tasks.yaml:2: `docker network` is a group",
        "- phrases: [a]\n  answers: [kubectl get pods]\n": "data/tasks.yaml:2: `kubectl get pods` is neither",
    }
    for text, start in cases.items():
        found = problems_of(text)
        assert len(found) == 1 and found[0].startswith(start), (text, found)
        assert " — " in found[0]


def test_a_missing_file_is_a_problem(tmp_path: Path):
    tasks, problems = load(CATALOG, tmp_path / "tasks.yaml")
    assert tasks == [] and [p.line for p in problems] == [1]


# -- how search uses it ---------------------------------------------------------------------------

PAGE = """---
title: T
description: d
---

# T

## Moving files

- `docker container cp` — copies files between a container and the host.

```bash
docker container cp <container>:/etc/hosts .
```

## Everything else

Use `docker container cp` too, in passing.

```bash
docker container ls
docker container cp <container>:/a .
docker container logs <container>
docker container stop <container>
```

## Old ways

!!! legacy "Legacy"

    ```bash
    docker-compose up
    ```

```bash
docker-compose down
```
"""


def sections_of(text: str, tasks_yaml: str) -> dict[str, search_sections.Section]:
    site = build_site({"t.md": text}, CATALOG)
    tasks, problems = check(tasks_yaml, CATALOG)
    assert problems == []
    site.urls = {"t.md": "t.html"}
    return site.search_keywords(tasks)


def test_a_phrase_goes_to_the_section_that_teaches_the_command_not_one_that_uses_it_in_passing():
    sections = sections_of(PAGE, "- phrases: [copy file from container]\n  answers: [docker cp]\n")
    assert sections["t.html#moving-files"].tasks == ["copy file from container"]
    assert sections["t.html#everything-else"].tasks == []


def test_the_subject_outweighs_a_use_and_a_legacy_section_is_boosted_down():
    sections = sections_of(PAGE, "- phrases: [copy]\n  answers: [docker cp]\n")
    index: dict = {
        "config": {"fields": {}},
        "docs": [
            {"location": "t.html", "title": "T", "text": ""},
            {"location": "t.html#moving-files", "title": "Moving files", "text": ""},
            {"location": "t.html#everything-else", "title": "Everything else", "text": ""},
            {"location": "t.html#old-ways", "title": "Old ways", "text": ""},
        ],
    }
    docs = {d["location"]: d for d in search.shape_index(index, sections, CATALOG, {})["docs"]}
    assert "xcmdcontainercp" in docs["t.html#moving-files"]["subject"].split()
    assert "xcmdcontainercp" not in docs["t.html#everything-else"].get("subject", "").split()
    assert "xcmdcontainercp" in docs["t.html#everything-else"]["tokens"].split()
    assert docs["t.html#old-ways"]["boost"] < 1 and "boost" not in docs["t.html#moving-files"]
    fields = index["config"]["fields"]
    assert fields["subject"]["boost"] > fields["tokens"]["boost"] > fields["mentions"]["boost"]


def test_a_preview_holds_a_sections_first_command_lines_and_no_banner():
    text = (
        "<p>⚠ Destructive: deletes data. Check what it selects before you run it.</p>"
        "<p>Some words.</p><pre><code>$ docker run --rm -it \\\n    alpine sh   # comment\n"
        "# only a comment\ndocker ps -a\ndocker logs -f web\ndocker stop web\n</code></pre>"
    )
    # The browser shows the lines that match the query and marks their flags (search-worker.js)
    shown = search.preview(text, search.PREVIEW_LINES)
    assert shown.count("<pre>") == 3
    assert "Destructive" not in shown and "comment" not in shown and "$ " not in shown
    assert "--rm" in shown and "alpine sh" in shown
    assert "docker stop" not in shown
    assert search.preview(text).count("<pre>") == 4  # a section without examples: more to choose from
    assert search.preview("<p>First sentence here. Second one.</p>") == "<p>First sentence here.</p>"
    # A block of docker commands is in the section's examples, each a result of its own: not in its body
    assert "Destructive" not in search.body(text) and "docker ps" not in search.body(text)
    assert "words" in search.body(text)


def test_a_sections_body_holds_each_word_once_whatever_its_case():
    # Lunr lowercases every token: a word again with another case is the same word twice, bytes
    # the index's budget needs; the first spelling stays, stop words go whatever their case
    assert search.body("<p>Flag the flag, Volume and VOLUME; The volumes</p>") == "Flag Volume volumes"


def test_pairs_match_however_the_reader_words_the_task():
    assert "xpairstoppedcontainer" in search.pair_tokens("remove all stopped containers")
    assert "xpairremovecontainer" in search.skip_tokens("remove all stopped containers")
    assert search.pair_tokens("the a of") == []


def test_a_bad_vocabulary_fails_the_strict_build_with_its_line_and_nothing_else(project: Path, tmp_path: Path):
    at = _edit_line(project / "data" / "tasks.yaml", "answers: [docker container cp]", "cp]", "cpp]")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert build.warnings == [
        f"WARNING -  data/tasks.yaml:{at + 1}: `docker container cpp` is not a Docker command — "
        "did you mean `docker container cp`?"
    ]


def test_an_example_is_found_by_what_its_command_and_flags_do_in_the_sites_words():
    page = PAGE + "\n## Ports\n\n```bash\ndocker container run -d -p 8080:80 nginx\n```\n"
    site = build_site({"t.md": page}, CATALOG)
    site.urls = {"t.md": "t.html"}
    texts = load_meaning_texts()
    index: dict = {"config": {"fields": {}}, "docs": [{"location": "t.html#moving-files", "title": "Moving files"}]}
    shaped = search.shape_index(index, site.search_keywords([]), CATALOG, {}, site.example_locations(), {}, texts)
    about = shaped["config"]["about"]
    # once per command: its words and data/meanings.yaml's meaning of `docker container cp`
    meaning = set(re.findall(r"[a-z0-9]+", texts[("docker container cp", "")].lower())) - set(search.STOP_WORDS)
    assert {"container", "cp"} | meaning <= set(about["xcmdcontainercp"].split())
    # and per flag used, under the command's token
    flag = set(re.findall(r"[a-z0-9]+", texts[("docker container run", "publish")].lower())) - set(search.STOP_WORDS)
    assert flag and flag <= set(about["xcmdcontainerrun xflagpublish"].split())
    assert not set(" ".join(about.values()).split()) & set(search.STOP_WORDS)
    assert shaped["config"]["fields"]["about"]["boost"] < shaped["config"]["fields"]["tasks"]["boost"]
    # the section that defines `docker container cp` runs it: nothing to add to its preview
    assert "defines" not in next(d for d in shaped["docs"] if d["location"] == "t.html#moving-files")
    # an example's usual weight is written once, in the config, for search-worker.js to give it
    examples = [d for d in shaped["docs"] if "#ex-" in d["location"]]
    assert examples and not any("boost" in d for d in examples)
    assert shaped["config"]["example_boost"] == search.EXAMPLE_BOOST < 1


def test_readers_words_for_a_flag_are_stored_once_in_the_config_not_in_each_result():
    """Issue #24's vocabulary class: every flag the site shows carries readers' words, so they
    are written once per command and flag (the `about` entry, after READERS_MARK); a section or
    example holds the flag's long name, and search-worker.js adds the words from the entry."""
    page = PAGE + "\n## Limits\n\n```bash\ndocker container run -d --pids-limit 100 nginx\n```\n"
    site = build_site({"t.md": page}, CATALOG)
    site.urls = {"t.md": "t.html"}
    readers: dict[tuple[str, str], tuple[str, ...]] = {
        ("docker container run", "pids-limit"): ("fork bomb", "max processes")
    }
    index: dict = {"config": {"fields": {}}, "docs": [{"location": "t.html#limits", "title": "Limits"}]}
    shaped = search.shape_index(
        index, site.search_keywords([]), CATALOG, {}, site.example_locations(), readers, load_meaning_texts()
    )
    own, said = shaped["config"]["about"]["xcmdcontainerrun xflagpidslimit"].split(search.READERS_MARK)
    assert said.split() == ["fork", "bomb", "max", "processes"] and "limit" in own.split()
    assert not set(own.split()) & set(said.split())  # each word once in the entry
    holding = [d for d in shaped["docs"] if "pids-limit" in d.get("words", "").split()]
    assert holding and not any("fork" in d["words"] for d in shaped["docs"] if "words" in d)
    assert shaped["config"]["readers"] == {}  # every flag here is an example's: `about` has it
    assert search.flag_entry("Limit processes.", ()) == "limit processes"
    # a section running two commands: each flag's name in its command's group, `@n` naming the
    # command by its place among the section's command tokens
    two = (
        PAGE
        + "\n## Two\n\n```bash\ndocker container create -p 8080:80 nginx\ndocker container update --cpus 1 web\n```\n"
    )
    site = build_site({"t.md": two}, CATALOG)
    site.urls = {"t.md": "t.html"}
    fields = next(f for f in site.search_keywords([]).values() if f.run and len(f.run) == 2)
    shaped_fields = search.section_fields(fields, CATALOG)
    words = str(shaped_fields["words"]).split()
    tokens = [t for t in str(shaped_fields["tokens"]).split() if t.startswith("xcmd")]
    place = words.index("cpus") - 1
    assert words[0] == "publish" and tokens[int(words[place][1:])] == "xcmdcontainerupdate"


def test_readers_verbs_map_to_the_sites_command_words(tmp_path: Path):
    verbs, problems = search.verbs()
    assert problems == []
    assert {"rm", "rmi"} <= set(verbs["delete"]) and "ls" in verbs["list"] and "prune" in verbs["unused"]
    bad = tmp_path / "search-verbs.yaml"
    bad.write_text("rm: delete\nls: [list]\n", encoding="utf-8")
    verbs, problems = search.verbs(bad)
    assert verbs == {"list": ["ls"]} and len(problems) == 1 and problems[0].path == "data/search-verbs.yaml"
    assert search.shape_index({"docs": []}, {}, CATALOG, {})["config"]["verbs"]["delete"] == search.verbs()[0]["delete"]


def test_readers_phrases_are_read_as_the_sites_words(tmp_path: Path):
    """Class 1 of issue #24: a phrase readers type for an action (`sign in`) is the site's word
    (`login`) in the index's config, which search-worker.js reads the query with."""
    phrases, problems = search.phrases()
    assert problems == []
    assert phrases["sign in"] == "login" and phrases["get rid of"] == "remove"
    bad = tmp_path / "search-phrases.yaml"
    bad.write_text("login: sign in\nlimit: [Restrict]\nremove: [restrict]\n", encoding="utf-8")
    phrases, problems = search.phrases(bad)
    assert phrases == {"restrict": "limit"} and len(problems) == 2
    assert all(p.path == "data/search-phrases.yaml" for p in problems)
    assert search.shape_index({"docs": []}, {}, CATALOG, {})["config"]["phrases"] == search.phrases()[0]


def test_a_task_names_by_one_word_only_commands_that_word_names_alone():
    canonicals = ["docker login", "docker system info", "docker container run", "docker buildx build", "docker init"]
    alone = set(search.alone_commands(canonicals, CATALOG))
    # `login to a private registry`, `docker daemon information` (info): their one word is theirs
    assert {"xcmdlogin", "xcmdinfo", "xcmdinit"} <= alone
    # `run`, `ps` are every task's verbs; `build` is also `compose build` and `builder build`
    assert not alone & {"xcmdrun", "xcmdcontainerrun", "xcmdbuild", "xcmdbuildxbuild"}
    shaped = search.shape_index({"docs": []}, {}, CATALOG, {})
    assert shaped["config"]["alone"] == []  # from the commands the site shows, none here


def test_the_example_anchor_prefix_has_one_source_the_worker_reads():
    from cheatsheet.examples import ANCHOR_PREFIX

    assert search.shape_index({"docs": []}, {}, CATALOG, {})["config"]["example_anchor"] == ANCHOR_PREFIX
    worker = (ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js").read_text(encoding="utf-8")
    assert f'"#{ANCHOR_PREFIX}' not in worker and "example_anchor" in worker


def test_dockerfile_instructions_have_a_meaning_and_readers_words_for_search(tmp_path: Path):
    meanings, problems = search.instruction_meanings(CATALOG)
    assert problems == []
    # every instruction of the catalogue has the site's own meaning
    assert set(meanings) == set(CATALOG.instructions)
    assert "change directory" in meanings["WORKDIR"].words and "default command" in meanings["CMD"].words
    # the names readers type alone (no everyday English word), and phrases; COPY has none
    config = search.instruction_config(meanings)
    assert {"workdir", "arg", "cmd", "entrypoint", "healthcheck"} <= {w for ws in config.values() for w in ws}
    assert "xdfcopy" not in config and config["xdfworkdir"][0] == "workdir"
    index = search.shape_index({"docs": []}, {}, CATALOG, {}, instructions=config)
    assert index["config"]["instructions"] == config
    # an instruction the catalogue does not know: a problem on its line, left out
    bad = tmp_path / "instructions.yaml"
    bad.write_text("WORKDIR:\n  meaning: Set the folder.\nWORKDRI:\n  meaning: Typo.\n", encoding="utf-8")
    meanings, problems = search.instruction_meanings(CATALOG, bad)
    assert list(meanings) == ["WORKDIR"]
    assert [str(p) for p in problems] == [
        "data/instructions.yaml:3: `WORKDRI` is not a Dockerfile instruction of the catalogue "
        "(data/catalog.json) — did you mean `WORKDIR`?"
    ]


def test_an_unknown_instruction_in_the_data_fails_the_strict_build_with_its_line(project: Path, tmp_path: Path):
    at = _edit_line(project / "data" / "instructions.yaml", "STOPSIGNAL:", "STOPSIGNAL:", "STOPSIGNALS:")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert build.warnings == [
        f"WARNING -  data/instructions.yaml:{at + 1}: `STOPSIGNALS` is not a Dockerfile instruction of the "
        "catalogue (data/catalog.json) — did you mean `STOPSIGNAL`?"
    ]


def _edit_line(path: Path, holding: str, old: str, new: str) -> int:
    """In the first line of a data file that holds `holding`, `old` becomes `new`; that line's
    index (from 0)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if holding in line)
    lines[at] = lines[at].replace(old, new)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at
