"""Contracts between parts of the build that are written down once, not matched by wording."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from cheatsheet import catalog, offline, search

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "search-worker.js"


def test_the_download_link_goes_where_the_home_page_marks_it():
    link = offline.download_link_html("x.zip")
    page = f'<p>Intro</p>\n{offline.DOWNLOAD_MARKER}\n<h2>Elsewhere</h2>\n<h2 id="credits-and-licence">Credits</h2>'
    assert (
        offline.place_download(page, "x.zip")
        == f'<p>Intro</p>\n{link}<h2>Elsewhere</h2>\n<h2 id="credits-and-licence">Credits</h2>'
    )
    assert offline.place_download("<p>No marker</p>", "x.zip") == f"<p>No marker</p>{link}"
    assert offline.DOWNLOAD_COMMENT in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_the_token_prefixes_travel_in_the_index_config_and_the_worker_spells_none():
    shaped = search.shape_index({"docs": []}, {}, catalog.load(), {})
    assert shaped["config"]["prefixes"] == search.PREFIXES
    assert json.loads(json.dumps(shaped))["config"]["prefixes"]["flag"] == search.FLAG_PREFIX
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", WORKER.read_text(encoding="utf-8"), flags=re.S)  # comments may name them
    written = [p for p in search.PREFIXES.values() if f'"{p}' in code or f"'{p}" in code]
    assert written == [], f"search-worker.js spells token prefixes itself: {written}"
    assert "config.prefixes" in code


def test_page_boosts_are_data(tmp_path):
    boosts, problems = search.page_boosts()
    assert problems == []
    assert boosts and all(0 < b < 1 for b in boosts.values())  # pages that rank below the topics
    bad = tmp_path / "search-boosts.yaml"
    bad.write_text("links.md: high\nindex.md: 0.5\n", encoding="utf-8")
    boosts, problems = search.page_boosts(bad)
    assert boosts == {"index.md": 0.5}
    assert [str(p) for p in problems] == [
        "data/search-boosts.yaml:1: `links.md: high` is not a page's source path and a boost above 0 — "
        "write `page.md: 0.5`, one page a line"
    ]
