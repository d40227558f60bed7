"""Budgets the build enforces (issue 22): what the service worker downloads to every reader and
the offline zip, each a strict-build problem naming the largest files."""

from __future__ import annotations

import os

from cheatsheet import offline


def budgets_for(files: dict[str, bytes]) -> list[str]:
    rules = offline.Rules((), ())
    manifest = offline.precache_manifest(files, rules)
    archive = offline.build_zip(files, rules)
    return [str(p) for p in offline.budget_problems(files, manifest, archive)]


def test_three_large_unreferenced_images_break_both_budgets():
    # Random bytes do not compress: three 2 MiB "images" are 6 MiB to every reader.
    files = {f"images/big-{n}.png": os.urandom(2 * 1024 * 1024) for n in range(3)}
    files["index.html"] = b"<!doctype html><title>Home</title>"
    problems = budgets_for(files)
    assert any(p.startswith("sw.js:1: the service worker would download 6.0 MB") for p in problems), problems
    assert any("images/big-" in p and "over the budget of 5.0 MB" in p for p in problems), problems
    assert any(p.startswith("docker-cheat-sheet-offline.zip:1: the offline download is") for p in problems), problems


def test_text_is_counted_compressed_as_a_host_sends_it():
    # 6 MiB of repetitive HTML compresses to a few kilobytes: within the budget.
    files = {f"page-{n}.html": b"<li><a href='x.html'>Page</a></li>\n" * 60_000 for n in range(3)}
    assert budgets_for(files) == []


def test_the_real_site_is_within_its_budgets(site):
    files = {path: (site / path).read_bytes() for path in offline.site_files(site)}
    manifest = offline.precache_manifest(files, offline.load_rules())
    sizes = offline.transfer_sizes(files, manifest, (site / offline.ZIP_NAME).read_bytes())
    assert sum(sizes.values()) < offline.PRECACHE_BUDGET / 2  # room to grow
    assert (site / offline.ZIP_NAME).stat().st_size < offline.ZIP_BUDGET / 2
