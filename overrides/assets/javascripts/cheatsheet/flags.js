/*
 * Short or long flags. The build wraps each flag that has both forms in
 *   <span class="cs-flag" data-short="-it" data-long="--interactive --tty">-it</span>
 * (cheatsheet/flag_marks.py). A button on those code blocks, and a choice in the "Fill in
 * placeholders" panel, show every flag as written, short or long, on every page; the choice is
 * remembered. The button's label says what a click will do (the next form in the cycle as
 * written → long → short → as written); a status message announces the form shown. Material's
 * copy button copies the text shown, so it copies the form shown.
 *
 * With JavaScript off the flags stay as written.
 */
(function () {
  "use strict";

  var cs = window.cheatsheet;
  var KEY = ".cs-flag-form";
  var MODES = ["written", "long", "short"]; // the order a click cycles through
  var NEXT = { written: "long", long: "short", short: "written" };
  var ACTION = { written: "Show as written", long: "Show long", short: "Show short" };
  var STATE = {
    written: "Flags shown as written",
    long: "Flags shown long (--detach)",
    short: "Flags shown short (-d)",
  };
  var CHOICE = { written: "As written", short: "Short: -d", long: "Long: --detach" };

  function loadMode() {
    var mode = cs.load(KEY);
    return MODES.indexOf(mode) >= 0 ? mode : "written";
  }

  var mode = loadMode();
  var written = new WeakMap();
  var status = null;

  function describe(button) {
    var next = NEXT[mode];
    button.textContent = ACTION[next];
    button.setAttribute("data-cs-mode", mode);
    // The name starts with the visible words (WCAG 2.5.3) and then says what is shown now.
    button.setAttribute("aria-label", ACTION[next] + " flags. " + STATE[mode] + ".");
    button.title = STATE[mode] + ". Click: " + ACTION[next].toLowerCase() + ", on every page.";
  }

  function apply() {
    document.querySelectorAll(".cs-flag").forEach(function (span) {
      if (!written.has(span)) written.set(span, span.textContent);
      var text = mode === "long" ? span.getAttribute("data-long")
        : mode === "short" ? span.getAttribute("data-short") : written.get(span);
      if (text && span.textContent !== text) span.textContent = text;
    });
    document.querySelectorAll(".cs-flag-toggle").forEach(describe);
    document.querySelectorAll("input[name=cs-flag-form]").forEach(function (radio) {
      radio.checked = radio.value === mode;
    });
  }

  function announce() {
    if (!status || !document.body.contains(status)) {
      status = cs.el("div", { className: "cs-visually-hidden cs-flag-status", role: "status" });
      document.body.appendChild(status);
    }
    status.textContent = STATE[mode] + ", on every page.";
  }

  function setMode(next) {
    mode = next;
    cs.save(KEY, mode === "written" ? null : mode);
    apply();
    announce();
  }

  function addToggle(nav) {
    if (nav.querySelector(".cs-flag-toggle")) return;
    var button = cs.el("button", { type: "button", className: "md-code__button cs-flag-toggle" });
    describe(button);
    button.addEventListener("click", function () { setMode(NEXT[mode]); });
    nav.insertBefore(button, nav.firstChild);
  }

  // Material adds the copy button's bar (`.md-code__nav`) to each block as it builds the page;
  // the flag button joins it there (cheatsheet.withCodeNav).
  function toggles() {
    document.querySelectorAll("pre > code").forEach(function (code) {
      var pre = code.parentElement;
      if (!code.querySelector(".cs-flag")) return;
      cs.withCodeNav(pre, function (nav) { addToggle(nav); });
    });
  }

  // The same choice in the "Fill in placeholders" panel (placeholders.js), once per panel.
  function panelChoice() {
    var slot = document.querySelector("#cs-fill-panel .cs-panel__slot");
    if (!slot || slot.querySelector(".cs-panel__flags")) return;
    var radios = ["written", "short", "long"].map(function (value) {
      var id = "cs-flag-form-" + value;
      var radio = cs.el("input", { type: "radio", name: "cs-flag-form", id: id, value: value });
      radio.checked = value === mode;
      radio.addEventListener("change", function () { if (radio.checked) setMode(value); });
      return cs.el("div", { className: "cs-panel__choice" }, [radio, cs.el("label", { for: id, text: CHOICE[value] })]);
    });
    slot.appendChild(cs.el("fieldset", { className: "cs-panel__flags" }, [cs.el("legend", { text: "Flags in code" })].concat(radios)));
  }

  // Another tab changed the form.
  window.addEventListener("storage", function (event) {
    var key = cs.storageKey(event);
    if (key !== KEY && key !== null) return;
    mode = loadMode();
    apply();
  });

  cs.onPage(function () {
    apply();
    toggles();
    panelChoice();
  });
})();
