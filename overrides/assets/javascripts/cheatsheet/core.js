/*
 * Shared by the reader features in this folder (one file per feature, loaded after Material's
 * bundle, in the order overrides/main.html lists them). Everything stays in this browser.
 *
 * - `cheatsheet.onPage(fn)`: run fn for the page on show, on load and again after each in-site
 *   navigation when `navigation.instant` is on, in a task of its own just after the page is
 *   shown. It subscribes to Material's `document$`
 *   observable, which emits the current document each time a page is shown; listeners on
 *   `document` or `window` are added once, outside onPage, since they survive a navigation.
 * - `cheatsheet.load(key)` / `cheatsheet.save(key, value)`: localStorage under this site's own
 *   prefix (like Material's `__md_scope`), so two sites on one host do not share values; a
 *   private window without storage still works for the page it is on.
 * - `cheatsheet.el(tag, props, children)`: an element whose text is always set as text.
 * - `cheatsheet.codeText(code)`: a code block's text as written, without the build's marks.
 */
(function () {
  "use strict";

  function siteScope() {
    var base = ".";
    try {
      var config = document.getElementById("__config");
      if (config) base = JSON.parse(config.textContent).base || ".";
    } catch (error) { /* keep "." */ }
    return new URL(base, location.href).pathname;
  }

  var scope = siteScope();
  var memory = {};

  function load(key) {
    try {
      var raw = localStorage.getItem(scope + key);
      return raw === null ? null : JSON.parse(raw);
    } catch (error) {
      return key in memory ? memory[key] : null;
    }
  }

  function save(key, value) {
    memory[key] = value;
    try {
      if (value === null) localStorage.removeItem(scope + key);
      else localStorage.setItem(scope + key, JSON.stringify(value));
    } catch (error) { /* private mode or storage full: this page still works */ }
  }

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

  function onPage(fn) {
    var run = function () {
      try {
        fn();
      } catch (error) {
        if (window.console) console.warn("cheatsheet:", error); // one feature failing leaves the others
      }
    };
    if (window.document$ && typeof window.document$.subscribe === "function") {
      // Each feature in a task of its own, after Material's: document$ emits inside Material's
      // DOMContentLoaded work, which on a long page is already the longest task of the load, and
      // every feature run inside it would lengthen the time the page cannot answer a tap
      // (scripts/bench/REPORT.md). Timers of equal delay run in order: the features keep theirs.
      window.document$.subscribe(function () { setTimeout(run, 0); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run); // Material's bundle did not load
    } else {
      run();
    }
  }

  // The storage key of an event from another tab, without this site's prefix (or null).
  function storageKey(event) {
    if (event.key === null) return null;
    return event.key.indexOf(scope) === 0 ? event.key.slice(scope.length) : "";
  }

  // Call fn with a code block's button bar (`.md-code__nav`): Material's, once it has added it as
  // it builds the page, or a bar of the block's own if Material adds none within a second.
  function withCodeNav(pre, fn) {
    var nav = pre.querySelector(":scope > .md-code__nav");
    if (nav) return fn(nav);
    var observer = new MutationObserver(function () {
      var added = pre.querySelector(":scope > .md-code__nav");
      if (added) {
        observer.disconnect();
        fn(added);
      }
    });
    observer.observe(pre, { childList: true });
    setTimeout(function () {
      if (pre.querySelector(":scope > .md-code__nav")) return;
      observer.disconnect();
      var own = el("nav", { className: "md-code__nav", role: "none" });
      pre.insertBefore(own, pre.firstChild);
      fn(own);
    }, 1000);
  }

  // A code block's text as written: without the Engine marks the build hangs on its examples
  // (`.cs-since`, cheatsheet/examples.py), which are about the code, not part of it.
  function codeText(code) {
    if (!code.querySelector(".cs-since")) return code.textContent;
    var copy = code.cloneNode(true);
    copy.querySelectorAll(".cs-since").forEach(function (mark) { mark.remove(); });
    return copy.textContent;
  }

  // A 24 x 24 icon of one SVG path (`d`), hidden from assistive technology: a header button's.
  function icon(d) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }

  // A panel opened from a button in the header (Fill in, Engine): hidden at first, the button
  // opens and closes it, Escape closes it and gives the focus back, and both stand before the
  // search button. `panel` is {open(), close(returnFocus), isOpen()}. The classes give both
  // panels and buttons one look (features.css); each feature's own class styles what differs.
  function headerPanel(header, toggle, element, panel) {
    toggle.classList.add("cs-panel-toggle");
    element.classList.add("cs-panel");
    element.hidden = true;
    toggle.addEventListener("click", function () {
      if (panel.isOpen()) panel.close(false);
      else panel.open();
    });
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        panel.close(true);
      }
    });
    var search = header.querySelector("label.md-header__button[for=__search]");
    header.insertBefore(toggle, search || null);
    header.insertBefore(element, search || null);
  }

  window.cheatsheet = {
    onPage: onPage, load: load, save: save, el: el, storageKey: storageKey, withCodeNav: withCodeNav,
    headerPanel: headerPanel, icon: icon, codeText: codeText,
  };
})();
