"""Code-block buttons never cover code, in Debian's Chromium, on every page of the build.

Material's copy button and the flag-form button sit in a bar at a code block's top right
(overrides/assets/stylesheets/features.css reserves a row for it when the first line would reach
under it). Every button's box is compared with the box of every piece of code text
(`Range.getClientRects` over the code's text nodes), at a laptop and a phone width, with the flag
button at its widest label and long values filled in, which lengthen the lines."""

from __future__ import annotations

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

# For each block with buttons: the first piece of code text under a button, or null.
COVERED = """() => {
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const blocks = [];
  for (const pre of document.querySelectorAll('.md-content pre')) {
    const buttons = [...pre.querySelectorAll('.md-code__button')]
      .map(b => b.getBoundingClientRect()).filter(r => r.width && r.height);
    const code = pre.querySelector(':scope > code');
    if (!buttons.length || !code) continue;
    let covered = null;
    // Text comes in reading order, top to bottom: once a piece starts below the lowest button,
    // no later piece can be under one.
    const lowest = Math.max(...buttons.map(b => b.bottom));
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (!covered && walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter(r => r.width);
      if (rects.length && rects[0].top >= lowest) break;
      if (rects.some(r => buttons.some(b => overlap(b, r)))) {
        covered = node.data.trim().slice(0, 40);
      }
    }
    blocks.push(covered);
  }
  return blocks;
}"""

# Values longer than the placeholders they replace, and the flag form: "short" gives the flag
# button its longest label ("Show as written"), "long" the longest lines.
VALUES = '{"container": "my-application-container", "image": "registry.example.com/team/app:1.2.3"}'
LABELS = {"as written": "Show long", "short": "Show as written", "long": "Show short"}


def site_pages() -> list[str]:
    names = sorted(path.stem for path in (ROOT / "docs").glob("*.md"))
    assert "index" in names and len(names) > 10, names
    return [f"{name}.html" for name in names]


# Each flag form with the widths it is checked at. One load of a page serves its widths: the
# viewport is resized in place (a page load cost as much processor time as the checks of it).
WIDTHS = {"as written": (1280, 390), "long": (1280, 320), "short": (390,)}


@pytest.mark.parametrize("state", list(WIDTHS))
def test_no_code_block_button_covers_code(browser, served, state):
    widths = WIDTHS[state]
    context = browser.new_context(viewport={"width": widths[0], "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    covered: list[str] = []
    blocks = dict.fromkeys(widths, 0)
    try:
        if state != "as written":
            page.goto(served + "index.html")
            page.evaluate(
                "entries => { const scope = new URL(JSON.parse(document.getElementById('__config').textContent).base,"
                " location.href).pathname; for (const [k, v] of Object.entries(entries))"
                " localStorage.setItem(scope + k, v); }",
                {".cs-flag-form": f'"{state}"', ".cs-placeholders": VALUES},
            )
        for name in site_pages():
            page.set_viewport_size({"width": widths[0], "height": 900})
            page.goto(served + name, wait_until="load")
            page.wait_for_function("!document.documentElement.classList.contains('no-js')")
            # Material adds the copy buttons once the page is built; wait for them where there is code.
            page.wait_for_function(
                "() => [...document.querySelectorAll('.md-content pre > code')]"
                ".every(c => c.parentElement.querySelector('.md-code__button'))"
            )
            if page.locator(".cs-flag-toggle").count():
                assert page.locator(".cs-flag-toggle").first.inner_text() == LABELS[state]
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                page.wait_for_function("width => window.innerWidth === width", arg=width)
                results = page.evaluate(COVERED)
                blocks[width] += len(results)
                covered += [f"{name} at {width} px: {text!r}" for text in results if text]
    finally:
        context.close()
    assert min(blocks.values()) > 150, f"only {blocks} code blocks with buttons: are the copy buttons gone?"
    assert not errors, errors
    assert not covered, f"{len(covered)} code blocks have a button over code:\n" + "\n".join(covered)
