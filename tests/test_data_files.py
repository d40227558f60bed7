"""Data files are read through one cache that notices every edit (what `mkdocs serve` needs)."""

from __future__ import annotations

import os
import shutil

from cheatsheet import catalog, data_files
from cheatsheet.data_files import DATA


def test_a_data_file_is_parsed_once_and_again_after_an_edit(tmp_path):
    path = tmp_path / "sections.yaml"
    path.write_text("- key: start\n  title: Getting started\n", encoding="utf-8")
    first = data_files.read("sections.yaml", tmp_path)
    assert first == [{"key": "start", "title": "Getting started"}]
    assert data_files.read("sections.yaml", tmp_path) is first, "unchanged: the parsed value is reused"
    path.write_text("- key: start\n  title: First steps\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert data_files.read("sections.yaml", tmp_path)[0]["title"] == "First steps"


def test_the_catalogue_follows_edits_to_its_rule_files(tmp_path):
    for name in ("catalog.json", "cli-rules.yaml", "destructive.yaml"):
        shutil.copy2(DATA / name, tmp_path / name)
    before = catalog.load(tmp_path)
    assert "docker volume rm" in before.destructive
    assert catalog.load(tmp_path) is before
    rules = tmp_path / "destructive.yaml"
    rules.write_text("- command: docker volume rm\n  why: wipes the volume\n", encoding="utf-8")
    after = catalog.load(tmp_path)
    assert after is not before
    assert after.destructive["docker volume rm"]["why"] == "wipes the volume"
    assert "docker system prune" not in after.destructive
