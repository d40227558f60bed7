/*
 * Reader conveniences for the code on every page. Everything stays in this browser.
 *
 * 1. Fill-once placeholders: `<container>`, `<image>`, … in code blocks become highlighted spans.
 *    A value typed once (in the header's "Fill in placeholders" panel, or by clicking a
 *    placeholder) shows in every code block on every page, so Material's copy button copies the
 *    filled command. Values are kept in localStorage and always inserted as text, never as HTML.
 * 2. Ctrl-K / ⌘-K opens search, next to Material's own `/` and `s`.
 * 3. Short or long flags: the build wraps flags with both forms in
 *    `<span class="cs-flag" data-short="-it" data-long="--interactive --tty">` (cheatsheet/flags.py);
 *    a button on those code blocks, or the panel, shows them all long or all short. Remembered.
 *
 * With JavaScript off the page shows the plain placeholders and the flags as written.
 */
(function () {
  "use strict";

  var PLACEHOLDERS = [
    "container", "image", "tag", "network", "volume", "service", "port", "host-port",
    "container-port", "path", "user", "registry", "name", "file", "builder", "digest",
  ];
  var PATTERN = new RegExp("<(" + PLACEHOLDERS.join("|") + ")>", "g");
  var MAX_LENGTH = 200;
  var FLAG_MODES = ["written", "short", "long"];
  var SVG = "http://www.w3.org/2000/svg";
  var ICON = "M17 7h5v10h-5v2a1 1 0 0 0 1 1h2v2h-2.5c-.55 0-1.5-.45-1.5-1 0 .55-.95 1-1.5 1H12v-2h2a1 1 0 0 0 1-1V5a1 1 0 0 0-1-1h-2V2h2.5c.55 0 1.5.45 1.5 1 0-.55.95-1 1.5-1H20v2h-2a1 1 0 0 0-1 1zM2 7h11v2H4v6h9v2H2zm18 8V9h-3v6z";

  // -- storage: one key per site, like Material's own (`__md_scope`) ---------------------------
  function siteScope() {
    var base = ".";
    try {
      var config = document.getElementById("__config");
      if (config) base = JSON.parse(config.textContent).base || ".";
    } catch (error) { /* keep "." */ }
    return new URL(base, location.href).pathname;
  }
  var SCOPE = siteScope();
  var VALUES_KEY = SCOPE + ".cs-placeholders";
  var FLAGS_KEY = SCOPE + ".cs-flag-form";
  var memory = {};

  function load(key) {
    try {
      var raw = localStorage.getItem(key);
      return raw === null ? null : JSON.parse(raw);
    } catch (error) {
      return key in memory ? memory[key] : null;
    }
  }

  function save(key, value) {
    memory[key] = value;
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (error) { /* private mode or storage full: this page still works */ }
  }

  function loadValues() {
    var stored = load(VALUES_KEY);
    var values = {};
    if (stored && typeof stored === "object") {
      PLACEHOLDERS.forEach(function (name) {
        if (typeof stored[name] === "string" && stored[name].trim()) values[name] = stored[name].slice(0, MAX_LENGTH);
      });
    }
    return values;
  }

  function loadFlagMode() {
    var mode = load(FLAGS_KEY);
    return FLAG_MODES.indexOf(mode) >= 0 ? mode : "written";
  }

  var values = loadValues();
  var flagMode = loadFlagMode();

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // -- 1. placeholders ------------------------------------------------------------------------
  function codeBlocks() {
    return Array.prototype.slice.call(document.querySelectorAll("pre > code"));
  }

  // Pygments may split `<container>` over several spans (`<span class="o">&lt;</span>…`), so
  // match on the code's whole text and replace each match's range with one span.
  function wrapPlaceholders(code) {
    var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var text = "";
    while (walker.nextNode()) {
      nodes.push({ node: walker.currentNode, start: text.length });
      text += walker.currentNode.data;
    }
    var matches = [];
    var match;
    PATTERN.lastIndex = 0;
    while ((match = PATTERN.exec(text))) {
      matches.push({ start: match.index, end: match.index + match[0].length, name: match[1] });
    }
    function locate(offset, isEnd) {
      for (var i = 0; i < nodes.length; i++) {
        var start = nodes[i].start;
        var end = start + nodes[i].node.data.length;
        if (isEnd ? offset > start && offset <= end : offset >= start && offset < end) {
          return { node: nodes[i].node, offset: offset - start };
        }
      }
      return null;
    }
    // From the last match back, so the offsets of earlier ones stay valid.
    for (var k = matches.length - 1; k >= 0; k--) {
      var from = locate(matches[k].start, false);
      var to = locate(matches[k].end, true);
      if (!from || !to) continue;
      var range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      range.deleteContents();
      var span = el("span", { className: "cs-ph", "data-placeholder": matches[k].name });
      range.insertNode(span);
    }
  }

  function fillPlaceholders() {
    document.querySelectorAll(".cs-ph").forEach(function (span) {
      var name = span.getAttribute("data-placeholder");
      var value = values[name];
      span.textContent = value || "<" + name + ">"; // a text node: `<b>` stays text
      span.classList.toggle("cs-ph--filled", Boolean(value));
      span.title = value ? "<" + name + ">: click to change" : "Click to fill in <" + name + ">";
    });
  }

  function namesOnPage() {
    var seen = {};
    document.querySelectorAll(".cs-ph").forEach(function (span) { seen[span.getAttribute("data-placeholder")] = true; });
    return PLACEHOLDERS.filter(function (name) { return seen[name]; });
  }

  // -- 3. flags -------------------------------------------------------------------------------
  var written = new WeakMap();

  function applyFlags() {
    document.querySelectorAll(".cs-flag").forEach(function (span) {
      if (!written.has(span)) written.set(span, span.textContent);
      var text = flagMode === "long" ? span.getAttribute("data-long")
        : flagMode === "short" ? span.getAttribute("data-short") : written.get(span);
      if (text && span.textContent !== text) span.textContent = text;
    });
    document.querySelectorAll(".cs-flag-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", String(flagMode === "long"));
    });
    document.querySelectorAll("input[name=cs-flag-form]").forEach(function (radio) {
      radio.checked = radio.value === flagMode;
    });
  }

  function setFlagMode(mode) {
    flagMode = mode;
    save(FLAGS_KEY, mode === "written" ? null : mode);
    applyFlags();
  }

  function addFlagToggle(nav) {
    if (nav.querySelector(".cs-flag-toggle")) return;
    var button = el("button", {
      type: "button",
      className: "md-code__button cs-flag-toggle",
      "aria-label": "Long flags",
      "aria-pressed": String(flagMode === "long"),
      title: "Long flags: --detach instead of -d (on every page)",
      text: "--long",
    });
    button.addEventListener("click", function () {
      setFlagMode(flagMode === "long" ? "short" : "long");
    });
    nav.appendChild(button);
  }

  // Material adds the copy button's bar (`.md-code__nav`) to each block as the page loads; the
  // flag button joins it there, or gets a bar of its own if Material adds none.
  function flagToggles() {
    codeBlocks().forEach(function (code) {
      var pre = code.parentElement;
      if (!code.querySelector(".cs-flag")) return;
      var nav = pre.querySelector(":scope > .md-code__nav");
      if (nav) return addFlagToggle(nav);
      var observer = new MutationObserver(function () {
        var added = pre.querySelector(":scope > .md-code__nav");
        if (added) {
          observer.disconnect();
          addFlagToggle(added);
        }
      });
      observer.observe(pre, { childList: true });
      window.addEventListener("load", function () {
        setTimeout(function () {
          if (pre.querySelector(":scope > .md-code__nav")) return;
          observer.disconnect();
          var own = el("nav", { className: "md-code__nav" });
          pre.insertBefore(own, pre.firstChild);
          addFlagToggle(own);
        }, 0);
      });
    });
  }

  // -- the panel ------------------------------------------------------------------------------
  var toggle = null;
  var panel = null;
  var fields = null;
  var status = null;

  function renderFields() {
    fields.textContent = "";
    var names = namesOnPage();
    PLACEHOLDERS.forEach(function (name) {
      if (values[name] && names.indexOf(name) < 0) names.push(name);
    });
    names.sort(function (a, b) { return PLACEHOLDERS.indexOf(a) - PLACEHOLDERS.indexOf(b); });
    if (!names.length) {
      fields.appendChild(el("p", { className: "cs-panel__empty", text: "The code on this page has no placeholders." }));
      return;
    }
    names.forEach(function (name) {
      var id = "cs-ph-" + name;
      var input = el("input", {
        id: id, type: "text", maxlength: String(MAX_LENGTH), autocomplete: "off",
        autocapitalize: "off", spellcheck: "false", "data-placeholder": name,
      });
      input.value = values[name] || "";
      input.addEventListener("input", function () {
        if (input.value.trim()) values[name] = input.value;
        else delete values[name];
        save(VALUES_KEY, Object.keys(values).length ? values : null);
        fillPlaceholders();
      });
      fields.appendChild(el("div", { className: "cs-panel__field" }, [
        el("label", { for: id, text: "<" + name + ">" }),
        input,
      ]));
    });
  }

  function isOpen() {
    return Boolean(panel && !panel.hidden);
  }

  function openPanel(focusName) {
    renderFields();
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    var target = (focusName && document.getElementById("cs-ph-" + focusName)) || panel.querySelector("input");
    if (target) {
      target.focus();
      if (target.select) target.select();
    }
  }

  function closePanel(restoreFocus) {
    if (!isOpen()) return;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (restoreFocus) toggle.focus();
  }

  function buildPanel() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var icon = document.createElementNS(SVG, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICON);
    icon.appendChild(path);
    toggle = el("button", {
      type: "button",
      className: "md-header__button md-icon cs-fill-button",
      "aria-label": "Fill in placeholders",
      "aria-expanded": "false",
      "aria-controls": "cs-fill-panel",
      title: "Fill in placeholders",
    }, [icon]);

    fields = el("div", { className: "cs-panel__fields" });
    status = el("p", { className: "cs-panel__status", role: "status" });
    var radios = FLAG_MODES.map(function (mode) {
      var id = "cs-flag-form-" + mode;
      var label = { written: "As written", short: "Short: -d", long: "Long: --detach" }[mode];
      var radio = el("input", { type: "radio", name: "cs-flag-form", id: id, value: mode });
      radio.checked = mode === flagMode;
      radio.addEventListener("change", function () { if (radio.checked) setFlagMode(mode); });
      return el("div", { className: "cs-panel__choice" }, [radio, el("label", { for: id, text: label })]);
    });
    var clear = el("button", { type: "button", className: "cs-panel__button cs-panel__clear", text: "Clear values" });
    clear.addEventListener("click", function () {
      values = {};
      save(VALUES_KEY, null);
      fillPlaceholders();
      renderFields();
      status.textContent = "Values cleared. The code shows the placeholders again.";
    });
    var close = el("button", { type: "button", className: "cs-panel__button cs-panel__close", text: "Close" });
    close.addEventListener("click", function () { closePanel(true); });

    panel = el("div", {
      id: "cs-fill-panel", className: "cs-panel", role: "region", "aria-labelledby": "cs-fill-title",
    }, [
      el("h2", { id: "cs-fill-title", className: "cs-panel__title", text: "Fill in placeholders" }),
      el("p", { className: "cs-panel__help", text: "What you type replaces the placeholder in the code on every page, and in what the copy button copies. It is kept in this browser only." }),
      fields,
      el("fieldset", { className: "cs-panel__flags" }, [el("legend", { text: "Flags in code" })].concat(radios)),
      el("div", { className: "cs-panel__actions" }, [clear, close]),
      status,
    ]);
    panel.hidden = true;

    toggle.addEventListener("click", function () {
      if (isOpen()) closePanel(false);
      else openPanel(null);
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closePanel(true);
      }
    });
    document.addEventListener("pointerdown", function (event) {
      if (!isOpen() || panel.contains(event.target) || toggle.contains(event.target)) return;
      if (event.target.closest && event.target.closest(".cs-ph")) return;
      closePanel(false);
    });

    var search = header.querySelector("label.md-header__button[for=__search]");
    header.insertBefore(toggle, search || null);
    header.insertBefore(panel, search || null);
  }

  // Clicking a placeholder in code opens the panel at its field (unless the reader is selecting).
  function onCodeClick(event) {
    var span = event.target.closest && event.target.closest(".cs-ph");
    if (!span || !panel) return;
    var selection = window.getSelection && window.getSelection();
    if (selection && String(selection).length) return;
    openPanel(span.getAttribute("data-placeholder"));
  }

  // -- 2. Ctrl-K / ⌘-K ------------------------------------------------------------------------
  function onKeydown(event) {
    if (event.isComposing || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if (event.key !== "k" && event.key !== "K") return;
    var input = document.querySelector(".md-search__input");
    var searchToggle = document.getElementById("__search");
    if (!input || !searchToggle) return;
    event.preventDefault();
    closePanel(false);
    if (!searchToggle.checked) {
      searchToggle.checked = true; // what Material does for `/` and `s`
      searchToggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  }

  // Another tab changed a value or the flag form.
  function onStorage(event) {
    if (event.key === VALUES_KEY || event.key === null) {
      values = loadValues();
      fillPlaceholders();
      if (isOpen() && !panel.contains(document.activeElement)) renderFields();
    }
    if (event.key === FLAGS_KEY || event.key === null) {
      flagMode = loadFlagMode();
      applyFlags();
    }
  }

  function start() {
    codeBlocks().forEach(wrapPlaceholders);
    fillPlaceholders();
    applyFlags();
    flagToggles();
    buildPanel();
    document.addEventListener("click", onCodeClick);
    window.addEventListener("keydown", onKeydown, true);
    window.addEventListener("storage", onStorage);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
