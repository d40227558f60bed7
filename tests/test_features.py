"""Reader features in Debian's Chromium: fill-once placeholders, Ctrl-K search and the flag-form
toggle (overrides/assets/javascripts/cheatsheet/*.js, cheatsheet/flag_marks.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from cheatsheet import placeholders
from tooling import harness

pytestmark = pytest.mark.browser

COPY = ".md-code__button[data-md-type=copy]"
PAGE = "containers.html"  # has <container> and <image> in code, and `-it`
OTHER = "images.html"  # has <container> in code too
DECLARED = placeholders.load().by_name  # data/placeholders.yaml: what the panel offers
PLACEHOLDER_NAMES = list(DECLARED)


@pytest.fixture(scope="module")
def lent_clipboard_tab(browser, served):
    """A fresh profile's tab (nothing stored) that may read what Material's copy button copied,
    lent to one test at a time (tooling/harness.py's LentTab)."""
    clipboard = ["clipboard-read", "clipboard-write"]
    tab = harness.LentTab(browser, allowed=None, permissions=(clipboard, served.rstrip("/")))
    yield tab
    tab.close()


@pytest.fixture
def page(lent_clipboard_tab, request):
    page = lent_clipboard_tab.lend()
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    lent_clipboard_tab.give_back(clean=not hasattr(request.node, "failed_phase"))
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


# The commands a shell block shows: its text without prompts, output, explanations and the Engine
# marks, which the copy button leaves out (overrides/assets/stylesheets/cheatsheet.css).
COMMANDS_SHOWN = (
    "code => { const c = code.cloneNode(true);"
    " c.querySelectorAll('.gp, .go, .cs-ex__why, .cs-since').forEach(e => e.remove());"
    " return c.textContent.trimEnd(); }"
)


def copy_block(page, selector: str) -> tuple[str, str]:
    """Click the copy button of the first code block matching selector; (clipboard, the block's
    commands as shown: COMMANDS_SHOWN)."""
    pre = page.locator(f"pre:has({selector})").first
    pre.scroll_into_view_if_needed()
    pre.hover()
    pre.locator(COPY).click()
    shown = pre.locator("code").evaluate(COMMANDS_SHOWN)
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
    # Shown as text (quoted, since a shell would read `<` and `>` as redirections).
    assert set(texts(page, "container")) == {"'<b>x</b><img src=x onerror=alert(1)>'"}
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
            """names => [...document.querySelectorAll('pre > code')].map(code => {
                   const clone = code.cloneNode(true);
                   clone.querySelectorAll('.cs-ph').forEach(e => e.remove());
                   return clone.textContent.match(new RegExp('<(' + names.join('|') + ')>', 'g'));
               }).filter(Boolean)""",
            PLACEHOLDER_NAMES,
        )
        assert leftover == [], name


# Records every change to a placeholder span, or to what it holds, made once the page is parsed
# (the parser's own insertions are not a script's writes): the placeholders the build wrote.
WATCH_PLACEHOLDERS = """
window.__phWrites = [];
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  const inside = node => (node.nodeType === 1 ? node : node.parentElement);
  new MutationObserver(records => records.forEach(record => {
    // A change in a span, or a span added or removed (with what holds it).
    const moved = [...record.addedNodes, ...record.removedNodes].filter(n => n.nodeType === 1);
    const target = inside(record.target);
    const span = (target && target.closest(".cs-ph"))
      || moved.map(n => (n.matches(".cs-ph") ? n : n.querySelector(".cs-ph"))).find(Boolean);
    if (span) window.__phWrites.push([record.type, record.attributeName, span.dataset.placeholder]);
  })).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
});
"""
SET_STORED = (
    "value => localStorage.setItem(new URL(JSON.parse(document.getElementById('__config').textContent).base,"
    " location.href).pathname + '.cs-placeholders', JSON.stringify(value))"
)
CODE_HTML = "els => els.map(e => e.innerHTML)"


def placeholder_writes(page, url: str) -> list[list]:
    """The writes to placeholder spans while `url` loads and its reader features start."""
    page.goto(url)
    page.wait_for_selector(".cs-fill-button")
    page.wait_for_timeout(300)  # anything a later task would still write
    return page.evaluate("window.__phWrites")


def test_loading_a_page_writes_to_no_placeholder_until_a_value_is_stored(page, served):
    page.add_init_script(WATCH_PLACEHOLDERS)
    for name in (PAGE, "sheet/index.html"):
        assert placeholder_writes(page, served + name) == [], name
        assert page.locator(".cs-ph").count() > 20, name  # the build wrote them
    spans = page.locator(".cs-sheet .cs-ph[data-placeholder=container]")
    assert spans.first.text_content() == "<container>" and spans.first.get_attribute("tabindex") is None
    page.goto(served + PAGE)
    first = page.locator("pre .cs-ph[data-placeholder=container]").first
    assert first.get_attribute("title") == "Click to fill in <container> on every page"
    assert first.get_attribute("aria-label") == "<container>, fill in"
    assert first.evaluate("e => getComputedStyle(e).borderBottomStyle") == "dashed"  # marked, once JS runs
    # A stored value: only the spans of its placeholder are written, and they show it.
    page.evaluate(SET_STORED, {"container": "my app"})
    writes = placeholder_writes(page, served + PAGE)
    assert writes and {name for _, _, name in writes} == {"container"}
    assert set(texts(page, "container")) == {"'my app'"} and set(texts(page, "image")) == {"<image>"}
    assert first.get_attribute("title") == "<container>: my app. Click to change"
    assert first.get_attribute("aria-label") == "'my app': <container>, change"
    assert "cs-ph--filled" in first.get_attribute("class")
    # Cleared, they show the placeholder again, as the build wrote it.
    set_value(page, "container", "")
    assert set(texts(page, "container")) == {"<container>"}
    assert first.get_attribute("title") == "Click to fill in <container> on every page"
    assert first.get_attribute("aria-label") == "<container>, fill in"
    assert first.get_attribute("class") == "cs-ph"


def test_code_the_build_did_not_write_is_wrapped_as_the_build_writes_it(page, served):
    """placeholders.js still finds the placeholders of code without the build's mark (content
    the build did not write), and makes the same spans."""
    page.goto(served + PAGE)
    built = page.eval_on_selector_all("pre > code", CODE_HTML)
    assert sum(block.count('class="cs-ph"') for block in built) > 20

    def unwritten(route):
        body = route.fetch().text()
        body = re.sub(r'<span class="cs-ph"[^>]*>(&lt;[a-z-]+&gt;)</span>', r"\1", body)
        route.fulfill(body=body.replace(" data-cs-placeholders>", ">"), content_type="text/html")

    page.route(served + PAGE, unwritten)
    page.goto(served + PAGE)
    page.wait_for_selector(".cs-fill-button")
    assert page.locator("pre > code[data-cs-placeholders]").count() == len(built)  # the script's mark
    assert page.eval_on_selector_all("pre > code", CODE_HTML) == built


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


def flag_texts(page) -> list[str]:
    return page.eval_on_selector_all(".cs-flag", "els => els.map(e => e.textContent)")


def test_flag_toggle_cycles_three_states_says_what_a_click_does_and_persists(page, served):
    page.goto(served + PAGE)
    as_written = flag_texts(page)
    assert any(t.startswith("--") for t in as_written) and any(not t.startswith("--") for t in as_written)
    flag = page.locator("pre .cs-flag[data-short='-it']").first
    assert flag.inner_text() == "-it"
    pre = page.locator("pre:has(.cs-flag[data-short='-it'])").first
    toggle = pre.locator(".cs-flag-toggle")
    status = page.locator(".cs-flag-status")

    # As written: the label offers the next form, and its name starts with the words shown.
    assert toggle.inner_text() == "Show long"
    name = toggle.get_attribute("aria-label")
    assert name.startswith("Show long") and "as written" in name
    toggle.click()
    assert flag.inner_text() == "--interactive --tty"
    assert page.locator("pre .cs-flag[data-short='-d']").first.inner_text() == "--detach"
    assert toggle.inner_text() == "Show short" and "long" in toggle.get_attribute("aria-label")
    assert status.get_attribute("role") == "status" and "long" in status.inner_text()
    copied, shown = copy_block(page, ".cs-flag[data-short='-it']")
    assert "--interactive --tty" in copied and " -it " not in copied
    assert copied == shown.rstrip()

    toggle.click()  # long -> short
    assert flag.inner_text() == "-it"
    assert page.locator("pre .cs-flag[data-short='-d'][data-long='--detach']").evaluate_all(
        "els => els.every(e => e.textContent === '-d')"
    )
    assert toggle.inner_text() == "Show as written" and "short" in status.inner_text()
    copied, shown = copy_block(page, ".cs-flag[data-short='-d'][data-long='--detach']")
    assert " -d " in copied and "--detach" not in copied and copied == shown.rstrip()

    toggle.click()  # short -> as written: the page's own spelling again
    assert flag_texts(page) == as_written
    assert toggle.inner_text() == "Show long" and "as written" in status.inner_text()

    # Remembered across pages: every block's button on the next page agrees.
    toggle.click()
    page.goto(served + OTHER)
    longs = page.eval_on_selector_all(".cs-flag", "els => els.map(e => [e.textContent, e.dataset.long])")
    assert longs and all(text == long for text, long in longs)
    labels = page.eval_on_selector_all(".cs-flag-toggle", "els => els.map(e => e.textContent)")
    assert labels and set(labels) == {"Show short"}

    # The panel offers the same choice, and "As written" brings back the page's own spelling.
    page.goto(served + PAGE)
    page.locator(".cs-fill-button").click()
    page.get_by_label("As written").check()
    assert flag_texts(page) == as_written
    page.reload()
    assert flag_texts(page) == as_written
    assert page.locator(".cs-flag-toggle").first.inner_text() == "Show long"


def test_tab_reaches_a_placeholder_and_the_keyboard_fills_it(page, served):
    page.goto(served + PAGE)
    # From the page's first heading, Tab alone reaches a placeholder in the code.
    page.locator("article h1").first.evaluate("e => { e.tabIndex = -1; e.focus(); }")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cs-ph')"):
            break
    else:
        raise AssertionError("Tab never reached a placeholder")
    name = page.evaluate("document.activeElement.dataset.placeholder")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    assert f"<{name}>" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    assert page.locator("#cs-fill-panel").is_visible()
    assert page.evaluate("document.activeElement.id") == f"cs-ph-{name}"
    page.keyboard.type("web-2")
    page.keyboard.press("Escape")
    # Focus goes back to the placeholder the reader came from, which shows the value.
    assert page.evaluate("document.activeElement.classList.contains('cs-ph')")
    assert page.evaluate("document.activeElement.textContent") == "web-2"
    assert set(texts(page, name)) == {"web-2"}
    page.keyboard.press(" ")  # Space opens it too
    assert page.evaluate("document.activeElement.id") == f"cs-ph-{name}"


def test_the_header_button_has_a_visible_label_and_a_name(page, served):
    page.goto(served + PAGE)
    button = page.locator(".cs-fill-button")
    assert button.get_attribute("aria-label") == "Fill in placeholders"
    assert "placeholders" in button.get_attribute("title")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert button.locator(".cs-fill-button__label").is_visible()
    assert button.inner_text().strip() == "Fill in"  # the name starts with the words shown


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("my app", "'my app'"),
        ("a;rm -rf /", "'a;rm -rf /'"),
        ("$(id)", "'$(id)'"),
        ("it's", "'it'\\''s'"),
        ("web-1", "web-1"),
        ("registry.example.com:5000/team/app", "registry.example.com:5000/team/app"),
    ],
)
def test_values_the_shell_would_split_or_expand_are_quoted(page, served, value, expected):
    page.goto(served + PAGE)
    set_value(page, "container", value)
    shell_texts = page.eval_on_selector_all(
        ".language-bash pre > code .cs-ph[data-placeholder=container][data-quote=word]",
        "els => els.map(e => e.textContent)",
    )
    assert shell_texts and set(shell_texts) == {expected}
    copied, shown = copy_block(page, ".cs-ph[data-placeholder=container][data-quote=word]")
    assert expected in copied and copied == shown.rstrip()
    assert page.locator("pre b, pre img").count() == 0


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


def test_without_javascript_the_built_placeholders_look_like_plain_code(browser, served):
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(served + PAGE)
        span = page.locator("pre .cs-ph[data-placeholder=container]").first
        assert span.text_content() == "<container>"  # written by the build, as text
        style = span.evaluate("e => [getComputedStyle(e).borderBottomStyle, getComputedStyle(e).cursor]")
        assert style == ["none", "auto"]  # nothing marks it as something to click
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


def test_the_panel_shows_each_placeholders_expected_form_and_an_example(page, served):
    page.goto(served + "images.html")  # <image>, <repository> and <tag> all appear in its code
    page.locator(".cs-fill-button").click()
    fields = page.eval_on_selector_all(
        "#cs-fill-panel .cs-panel__field",
        """els => els.map(e => ({
            name: e.querySelector('input').dataset.placeholder,
            hint: e.querySelector('.cs-panel__form').textContent,
            example: e.querySelector('input').placeholder,
            described: e.querySelector('input').getAttribute('aria-describedby')
                === e.querySelector('.cs-panel__form').id,
        }))""",
    )
    names = [f["name"] for f in fields]
    assert {"image", "repository", "tag"} <= set(names)
    for field in fields:
        declared = DECLARED[field["name"]]
        assert field["hint"] == f"{declared.form}, e.g. {declared.example}"
        assert field["example"] == declared.example and field["described"]
    image = next(f for f in fields if f["name"] == "image")
    assert "nginx:1.29" in image["hint"]  # a whole reference, so a tag never follows it
    page.locator("#cs-ph-image").fill("nginx:1.29")
    assert not page.evaluate("/nginx:1\\.29:/.test(document.querySelector('article').innerText)")


def test_the_two_page_sheet_fills_its_placeholders(page, served):
    page.goto(served + "sheet/")
    page.locator(".cs-fill-button").click()
    assert page.locator(".cs-panel__empty").count() == 0  # no longer "no placeholders"
    assert page.locator("#cs-ph-container").is_visible()
    page.locator("#cs-ph-container").fill("web-1")
    page.keyboard.press("Escape")
    shown = page.eval_on_selector_all(
        ".cs-sheet .cs-ph[data-placeholder=container]", "els => els.map(e => e.textContent)"
    )
    assert shown and set(shown) == {"web-1"}
    # Inside the sheet's links the value is text: the link stays one Tab stop to its topic.
    entry = page.locator(".cs-sheet li > a", has=page.locator(".cs-ph[data-placeholder=container]")).first
    assert "web-1" in entry.inner_text() and entry.get_attribute("href")
    assert page.locator(".cs-sheet .cs-ph[tabindex], .cs-sheet .cs-ph[role]").count() == 0
    # The value set on the sheet is the one every page shows.
    page.goto(served + PAGE)
    assert set(texts(page, "container")) == {"web-1"}


def test_a_console_block_copies_its_commands_without_prompts_or_output(page, served):
    """The build checks a console block's prompted lines and not its output: the copy button
    gives what was checked, ready to paste into a shell."""
    page.goto(served + "cleanup.html")
    copied, _ = copy_block(page, ".gp")
    shown = page.locator("pre:has(.gp) code").first.inner_text()
    assert shown.startswith("$ docker system df") and "RECLAIMABLE" in shown
    assert copied == "docker system df", copied


def test_a_shell_block_copies_its_commands_without_their_comments(page, served):
    """zsh (macOS's default shell) runs a pasted comment's words: `docker ps -a   # all` would be
    `docker ps -a '#' all`, and a `;` in a comment would start a command. The copy is the commands."""
    page.goto(served + "cleanup.html")
    copied, commands = copy_block(page, ".cs-ex__why")
    shown = page.locator("pre:has(.cs-ex__why) code").first.inner_text()
    explanations = page.locator("pre:has(.cs-ex__why) code").first.locator(".cs-ex__why").all_inner_texts()
    assert explanations and "docker" in copied and copied == commands
    assert not [text for text in explanations if text.strip() in copied], copied
    for line in filter(None, copied.splitlines()):
        assert line.rstrip() in shown, line  # each copied line is the command as it is shown
