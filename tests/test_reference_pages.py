"""The command index and the legacy map as a reader uses them, in Debian's Chromium, from disk:
one table each, a filter box that narrows the index as you type, and links from the topic pages
and from search that land on a row (cheatsheet/command_index.py, cheatsheet/legacy_map.py,
overrides/assets/javascripts/cheatsheet/index-filter.js)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def visible_commands(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cs-index tbody tr:not(.cs-index__group):not([hidden]) .cs-index__name",
        "els => els.map(e => e.textContent)",
    )


def visible_groups(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cs-index tbody tr.cs-index__group:not([hidden])", "els => els.map(e => e.textContent)"
    )


def test_the_index_filter_narrows_rows_as_you_type_offline(offline_page, site):
    page = offline_page
    page.goto((site / "commands.html").as_uri())
    everything = visible_commands(page)
    assert len(everything) > 80
    assert page.locator(".cs-index table").count() == 1
    box = page.get_by_label("Filter commands")
    box.press_sequentially("prune", delay=20)
    pruning = visible_commands(page)
    assert 3 <= len(pruning) < len(everything)
    assert all("prune" in name for name in pruning), pruning
    assert "docker system prune" in pruning
    # Group rows stay only above the rows still shown.
    assert "Top-level commands" not in visible_groups(page) and "System" in visible_groups(page)
    assert re.match(
        rf"{len(pruning)} of {len(everything)} commands match", page.locator(".cs-index__count").inner_text()
    )

    # What was typed, in any column: a command by its name, by an alias…
    box.fill("")
    box.press_sequentially("image prune", delay=20)
    assert visible_commands(page) == ["docker image prune"]
    box.fill("docker ps")
    assert "docker container ls" in visible_commands(page) and len(visible_commands(page)) < 5
    # …each word, in any order, when no row holds the phrase…
    box.fill("prune image")
    assert "docker image prune" in visible_commands(page)
    # …or by an alias the table does not show (data/index-hidden-aliases.yaml).
    box.fill("buildx f")
    assert "docker buildx bake" in visible_commands(page)
    box.fill("no-such-command")
    assert visible_commands(page) == [] and visible_groups(page) == []
    assert "try fewer words" in page.locator(".cs-index__count").inner_text()
    box.press("Escape")
    assert visible_commands(page) == everything
    assert page.foreign_requests == [] and page.errors == []


def test_every_index_row_has_its_anchor_and_links_from_pages_land_on_rows(site):
    index = (site / "commands.html").read_text(encoding="utf-8")
    rows = set(re.findall(r'<tr id="([^"]+)"', index))
    assert len(rows) > 80
    linked = set()
    for path in site.glob("*.html"):
        linked |= set(re.findall(r'href="commands\.html#([^"]+)"', path.read_text(encoding="utf-8")))
    assert linked and linked <= rows | set(re.findall(r'<tr class="cs-index__group" id="([^"]+)"', index))


# Every card of the index at a phone's width, laid out as when scrolled into view: its cells'
# labels (what the reader sees before each), how far its cells reach, and its height against
# the placeholder it stands in at while off screen (cheatsheet.css).
_CARDS = """() => {
  const headings = [...document.querySelectorAll('.cs-index thead th')].map(th => th.textContent);
  return [...document.querySelectorAll('.cs-index tbody tr:not(.cs-index__group)')].map(row => {
    const placeholder = parseFloat(getComputedStyle(row).containIntrinsicBlockSize.replace('auto', ''));
    row.style.contentVisibility = 'visible';
    const box = row.getBoundingClientRect();
    const style = getComputedStyle(row);
    const height = box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      - parseFloat(style.borderTopWidth) - parseFloat(style.borderBottomWidth);
    const cells = [...row.cells].map((cell, i) => ({
      heading: headings[i],
      label: getComputedStyle(cell, '::before').content,
      shown: getComputedStyle(cell).display !== 'none',
      empty: !cell.textContent.trim(),
      right: cell.getBoundingClientRect().right,
    }));
    return { id: row.id, placeholder, height, cells };
  });
}"""


@pytest.mark.parametrize("width", [320, 390])
def test_on_a_phone_each_command_is_a_card_labelled_cell_by_cell(offline_page, site, width):
    page = offline_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((site / "commands.html").as_uri())
    cards = page.evaluate(_CARDS)
    assert len(cards) > 80
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing scrolls sideways"
    labels = {"Aliases": '"Aliases: "', "Since": '"Since: "', "Where it is used": '"Used in: "'}
    for card in cards:
        # Not laid out while off screen, a card stands in at its placeholder: a shorter one would
        # put the card's links over the next card's for whatever measures it there.
        assert card["height"] <= card["placeholder"], f"{card['id']} is taller than its placeholder"
        for cell in card["cells"]:
            assert cell["right"] <= width, (card["id"], cell["heading"], "reaches past the screen")
            if cell["heading"] in labels:
                # a labelled cell that has nothing to say is not shown at all
                assert cell["shown"] != cell["empty"], (card["id"], cell["heading"])
                assert not cell["shown"] or cell["label"] == labels[cell["heading"]], (card["id"], cell)
            else:
                assert cell["shown"] and not cell["empty"] and cell["label"] in ("none", "normal"), (card["id"], cell)
    assert any(cell["heading"] == "Since" and cell["shown"] for card in cards for cell in card["cells"])
    assert page.errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_link_to_an_index_entry_shows_its_row(offline_page, site, width):
    page = offline_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto((site / "containers.html").as_uri())
    page.locator("article a[href='commands.html#docker-container-ls']").first.click()
    page.wait_for_load_state()
    row = page.locator("tr[id='docker-container-ls']")
    assert row.is_visible() and row.evaluate("e => e.matches(':target')")
    top = row.bounding_box()["y"]
    assert 0 <= top < page.viewport_size["height"], "the row is in view"


def test_the_legacy_map_is_one_table_with_versions_dates_and_notes_apart(offline_page, site):
    page = offline_page
    page.goto((site / "legacy.html").as_uri())
    assert page.locator("article table").count() == 1 and page.locator("article h2").count() == 0
    rows = page.eval_on_selector_all(
        ".cs-legacy tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    assert len(rows) >= 10
    version = re.compile(r"^(?:[A-Z][a-z]+ )?v?\d+(?:\.\d+)*$")
    date = re.compile(
        r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December) )?\d{4}$"
    )
    for feature, deprecated, removed, replacement, _note, shown in rows:
        assert feature and replacement and shown, feature
        assert deprecated == "" or version.match(deprecated) or date.match(deprecated), (feature, deprecated)
        assert removed in ("", "not yet") or version.match(removed) or removed.startswith("not yet (planned for "), (
            feature,
            removed,
        )
    # Words that are neither a version nor a date are in the note column.
    notes = {row[0]: row[4] for row in rows}
    assert any(note == "Archived upstream" for note in notes.values())
    assert page.locator(".cs-legacy time[datetime]").count() >= 1
    # Commands in replacements are in code font.
    assert page.locator(".cs-legacy td:nth-child(4) code", has_text="docker system prune").count() == 1
    assert page.foreign_requests == []
