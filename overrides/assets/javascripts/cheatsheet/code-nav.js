/*
 * Code-block button bars: not landmarks, and never over the code.
 *
 * 1. Each code block's buttons sit in an unnamed <nav> (Material's copy button, flags.js's flag
 *    button): a page of code blocks would become a list of identical navigation landmarks for
 *    screen readers (axe: landmark-unique). The buttons stay as they are; their bar stops being
 *    a landmark.
 * 2. The bar sits at the top right of the block. features.css gives a block an empty row at the
 *    top when its first line would reach under the bar, and only then; it needs the first
 *    line's length in characters (the code font is monospaced), which this sets as
 *    `--cs-first-line` on each block's <code>. It changes when a placeholder is filled or the
 *    flags are switched, so it is kept up to date as the code's text changes.
 */
(function () {
  "use strict";

  function unlandmark(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  function firstLineLength(code) {
    var text = window.cheatsheet.codeText(code); // an Engine mark on the first line takes no room under the bar
    var end = text.indexOf("\n");
    var line = end < 0 ? text : text.slice(0, end);
    return line.replace(/\t/g, "        ").length;
  }

  function measure(code) {
    var length = String(firstLineLength(code));
    if (code.style.getPropertyValue("--cs-first-line") !== length) code.style.setProperty("--cs-first-line", length);
  }

  var watched = new WeakSet();
  var texts = new MutationObserver(function (records) {
    records.forEach(function (record) {
      var node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      var code = node && node.closest("pre > code");
      if (code) measure(code);
    });
  });

  function room() {
    document.querySelectorAll(".md-content pre > code").forEach(function (code) {
      measure(code);
      if (watched.has(code)) return;
      watched.add(code);
      texts.observe(code, { childList: true, characterData: true, subtree: true });
    });
  }

  // Material adds the bars as it builds the page, after this file runs: unlandmark them as they
  // come. Only the nodes added are looked at: the page changes hundreds of times as it loads
  // (placeholders, flags, Material's own components), and a search of the whole page on each
  // change was a tenth of the largest page's blocking time.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.matches("nav.md-code__nav:not([role])")) node.setAttribute("role", "none");
        else if (node.firstElementChild) unlandmark(node);
      });
    });
  }).observe(document.body, { childList: true, subtree: true });
  unlandmark(document);
  window.cheatsheet.onPage(room);
})();
