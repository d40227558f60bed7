"""Reader features in Debian's Chromium: fill-once placeholders, Ctrl-K search and the flag-form
toggle (overrides/assets/javascripts/features.js, cheatsheet/flags.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

COPY = ".md-code__button[data-md-type=copy]"
PAGE = "containers.html"  # has <container> and <image> in code, and `-it`
OTHER = "images.html"  # has <container> in code too


@pytest.fixture
def context(browser, served):
    """A fresh profile (empty localStorage) that may read what Material's copy button copied."""
    ctx = browser.new_context()
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    assert page.errors == []


def texts(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"pre > code .cs-ph[data-placeholder={name}]", "els => els.map(e => e.textContent)"
    )


def set_value(page, name: str, value: str) -> None:
    page.locator(".cs-fill-button").click()
    field = page.locator(f"#cs-ph-{name}")
    field.fill(value)
    page.keyboard.press("Escape")


def copy_block(page, selector: str) -> tuple[str, str]:
    """Click the copy button of the first code block matching selector; (clipboard, innerText)."""
    pre = page.locator(f"pre:has({selector})").first
    pre.scroll_into_view_if_needed()
    pre.hover()
    pre.locator(COPY).click()
    shown = pre.locator("code").inner_text()
    return page.evaluate("navigator.clipboard.readText()"), shown


def test_placeholder_set_once_shows_everywhere_and_is_copied(page, served):
    page.goto(served + PAGE)
    assert set(texts(page, "container")) == {"<container>"}
    set_value(page, "container", "web-1")
    assert set(texts(page, "container")) == {"web-1"}
    assert set(texts(page, "image")) == {"<image>"}  # the others stay

    page.goto(served + OTHER)
    assert texts(page, "container") and set(texts(page, "container")) == {"web-1"}
    copied, shown = copy_block(page, ".cs-ph[data-placeholder=container]")
    assert "web-1" in copied and "<container>" not in copied
    assert copied == shown.rstrip()


def test_clicking_a_placeholder_opens_its_field(page, served):
    page.goto(served + PAGE)
    page.locator("pre .cs-ph[data-placeholder=image]").first.click()
    assert page.locator("#cs-fill-panel").is_visible()
    assert page.evaluate("document.activeElement.id") == "cs-ph-image"
    page.keyboard.type("nginx:1.29")
    assert set(texts(page, "image")) == {"nginx:1.29"}


def test_panel_is_keyboard_operable(page, served):
    page.goto(served + PAGE)
    button = page.locator(".cs-fill-button")
    assert button.get_attribute("aria-label") == "Fill in placeholders"
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("cs-ph-")
    # Every field has a label that names its placeholder.
    labels = page.eval_on_selector_all(
        "#cs-fill-panel input[type=text]", "els => els.map(e => e.labels[0] && e.labels[0].textContent)"
    )
    assert "<container>" in labels and all(label and label.startswith("<") for label in labels)
    page.keyboard.type("db")
    page.keyboard.press("Escape")
    assert page.locator("#cs-fill-panel").is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('cs-fill-button')")


def test_clear_restores_placeholders(page, served):
    page.goto(served + PAGE)
    set_value(page, "container", "web-1")
    set_value(page, "image", "nginx")
    page.locator(".cs-fill-button").click()
    page.get_by_role("button", name="Clear values").click()
    assert set(texts(page, "container")) == {"<container>"}
    assert set(texts(page, "image")) == {"<image>"}
    assert page.locator("#cs-ph-container").input_value() == ""
    assert "cleared" in page.locator(".cs-panel__status").inner_text()
    page.goto(served + OTHER)
    assert set(texts(page, "container")) == {"<container>"}


def test_a_value_is_text_never_html(page, served):
    page.goto(served + PAGE)
    set_value(page, "container", "<b>x</b><img src=x onerror=alert(1)>")
    assert set(texts(page, "container")) == {"<b>x</b><img src=x onerror=alert(1)>"}
    assert page.locator("pre b, pre img").count() == 0
    page.goto(served + OTHER)
    assert page.locator("pre b, pre img").count() == 0
    copied, _ = copy_block(page, ".cs-ph[data-placeholder=container]")
    assert "<b>x</b>" in copied


def test_placeholders_split_by_pygments_are_found(page, served):
    # However Pygments cut `<name>` into tokens, every known placeholder left in a code block's
    # text is one `.cs-ph` span.
    for name in (PAGE, OTHER, "registry.html", "networks.html", "compose.html"):
        page.goto(served + name)
        leftover = page.evaluate(
            """() => [...document.querySelectorAll('pre > code')].map(code => {
                   const clone = code.cloneNode(true);
                   clone.querySelectorAll('.cs-ph').forEach(e => e.remove());
                   return clone.textContent.match(new RegExp(
                       '<(container|image|tag|network|volume|service|port|host-port|container-port|path|user|'
                       + 'registry|name|file|builder|digest)>', 'g'));
               }).filter(Boolean)"""
        )
        assert leftover == [], name


def test_ctrl_k_opens_search(page, served):
    page.goto(served + PAGE)
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("prune")
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Meta+k")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")


def test_flag_toggle_long_and_short_persists(page, served):
    page.goto(served + PAGE)
    as_written = page.eval_on_selector_all(".cs-flag", "els => els.map(e => e.textContent)")
    assert any(t.startswith("--") for t in as_written) and any(not t.startswith("--") for t in as_written)
    flag = page.locator("pre .cs-flag[data-short='-it']").first
    assert flag.inner_text() == "-it"
    pre = page.locator("pre:has(.cs-flag[data-short='-it'])").first
    toggle = pre.locator(".cs-flag-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert flag.inner_text() == "--interactive --tty"
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.locator("pre .cs-flag[data-short='-d']").first.inner_text() == "--detach"
    copied, shown = copy_block(page, ".cs-flag[data-short='-it']")
    assert "--interactive --tty" in copied and " -it " not in copied
    assert copied == shown.rstrip()

    page.goto(served + OTHER)
    longs = page.eval_on_selector_all(".cs-flag", "els => els.map(e => [e.textContent, e.dataset.long])")
    assert longs and all(text == long for text, long in longs)
    assert page.locator(".cs-flag-toggle").first.get_attribute("aria-pressed") == "true"

    page.locator(".cs-flag-toggle").first.click()  # long -> short
    shorts = page.eval_on_selector_all(".cs-flag", "els => els.map(e => [e.textContent, e.dataset.short])")
    assert all(text == short for text, short in shorts)
    page.goto(served + PAGE)
    assert page.locator("pre .cs-flag[data-short='-d'][data-long='--detach']").evaluate_all(
        "els => els.every(e => e.textContent === '-d')"
    )

    # The panel offers the same choice, and "As written" brings back the page's own spelling.
    page.locator(".cs-fill-button").click()
    page.get_by_label("As written").check()
    assert page.eval_on_selector_all(".cs-flag", "els => els.map(e => e.textContent)") == as_written
    page.reload()
    assert page.eval_on_selector_all(".cs-flag", "els => els.map(e => e.textContent)") == as_written
    assert page.locator(".cs-flag-toggle").first.get_attribute("aria-pressed") == "false"


def test_without_javascript_the_plain_code_stays(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(served + PAGE)
        text = page.locator("pre > code").first.inner_text()
        assert "<container>" in text
        assert page.locator(".cs-fill-button, .cs-flag-toggle").count() == 0
        assert page.locator(".cs-flag[data-short='-it']").first.inner_text() == "-it"
    finally:
        ctx.close()


def test_works_offline_from_file(offline_page, site):
    page = offline_page
    console = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    page.goto((site / PAGE).as_uri())
    set_value(page, "container", "web-1")
    page.locator("pre:has(.cs-flag[data-short='-it']) .cs-flag-toggle").first.click()
    assert page.locator("pre .cs-flag[data-short='-it']").first.inner_text() == "--interactive --tty"

    page.goto((site / OTHER).as_uri())
    assert set(texts(page, "container")) == {"web-1"}
    assert page.locator(".cs-flag").first.inner_text() == page.locator(".cs-flag").first.get_attribute("data-long")
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")

    assert page.foreign_requests == []
    assert page.errors == []
    assert console == []
