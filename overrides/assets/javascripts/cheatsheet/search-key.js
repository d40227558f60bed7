/*
 * Ctrl-K / ⌘-K opens search, next to Material's own `/` and `s`. The search box is in the
 * header, which stays through an in-site navigation, so one listener on window serves all pages.
 */
(function () {
  "use strict";

  window.addEventListener("keydown", function (event) {
    if (event.isComposing || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if (event.key !== "k" && event.key !== "K") return;
    var input = document.querySelector(".md-search__input");
    var searchToggle = document.getElementById("__search");
    if (!input || !searchToggle) return;
    event.preventDefault();
    document.dispatchEvent(new CustomEvent("cheatsheet:close-panel"));
    if (!searchToggle.checked) {
      searchToggle.checked = true; // what Material does for `/` and `s`
      searchToggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  }, true);
})();
