"""Legacy marks and destructive-command warnings, as a reader sees them in Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_legacy_mark_shows_its_replacement_and_links_to_the_legacy_map(offline_page, site):
    page = offline_page
    page.goto((site / "dockerfile.html").as_uri())
    legacy = page.locator(".admonition.legacy").first
    assert legacy.is_visible()
    label = legacy.locator(".admonition-title").evaluate("e => getComputedStyle(e, '::after').content")
    assert "Legacy" in label, "a visible Legacy badge, not colour alone"
    assert "Modern replacement:" in legacy.inner_text()
    legacy.get_by_role("link", name="Legacy map").click()
    page.wait_for_load_state()
    assert page.url.split("/")[-1].startswith("legacy.html#")
    anchor = page.url.split("#", 1)[1]
    # The link lands on the feature's row of the map's one table, which is in view.
    row = page.locator(f"[id='{anchor}']")
    assert row.is_visible() and row.evaluate("e => e.tagName") == "TR"
    assert row.evaluate("e => e.matches(':target')")
    headers = row.locator("xpath=ancestor::table[1]//thead//th").all_inner_texts()
    assert headers == ["Feature", "Deprecated in", "Removed in", "Replacement", "Note", "Shown in"]
    cells = row.locator("td").all_inner_texts()
    assert "MAINTAINER" in cells[0] and cells[1] == "1.13"
    assert row.locator("td:nth-child(4) code").first.inner_text().startswith("LABEL ")
    assert page.foreign_requests == []


def test_every_legacy_map_link_returns_to_a_page_that_shows_the_old_form(offline_page, site):
    page = offline_page
    page.goto((site / "legacy.html").as_uri())
    links = page.eval_on_selector_all("article a[href*='.html#']", "els => els.map(e => e.getAttribute('href'))")
    assert len(links) >= 10
    for href in links:
        target, anchor = href.split("#", 1)
        assert (site / target).is_file(), href
        assert f'id="{anchor}"' in (site / target).read_text(encoding="utf-8"), href


def test_destructive_examples_are_flagged_and_safe_ones_are_not(offline_page, site):
    page = offline_page
    page.goto((site / "cleanup.html").as_uri())
    blocks = page.locator("div.highlight")
    flagged = page.locator('div.highlight[data-destructive="true"]')
    assert flagged.count() >= 3
    assert flagged.count() < blocks.count(), "read-only examples (system df) carry no warning"
    for i in range(flagged.count()):
        warning = flagged.nth(i).locator("xpath=preceding-sibling::*[1]")
        assert warning.get_attribute("class") == "cs-destructive-warning"
        assert warning.is_visible() and "Destructive:" in warning.inner_text()
        assert "⚠" in warning.inner_text(), "an icon as well as words"
    safe = page.locator("div.highlight:not([data-destructive])", has_text="docker system df").first
    assert safe.is_visible()
    assert safe.locator("xpath=preceding-sibling::*[1]").get_attribute("class") != "cs-destructive-warning"
    page.goto((site / "installation.html").as_uri())
    assert page.locator('[data-destructive="true"], .cs-destructive-warning').count() == 0
