/*
 * The command index's filter box (cheatsheet/command_index.py writes the table). Each word typed
 * must appear in a row (its command, aliases, description or places, or an alias the table does
 * not show) for the row to stay; a group's heading row stays while any of its rows does. Runs in
 * the page, so it works offline and from disk. Without JavaScript there is no box and every row
 * shows.
 */
(function () {
  "use strict";

  var cs = window.cheatsheet;

  function setUp(index) {
    if (index.querySelector(".cs-index__filter")) return;
    var table = index.querySelector("table");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var entries = rows.filter(function (row) { return !row.classList.contains("cs-index__group"); });
    var texts = new Map();
    entries.forEach(function (row) {
      texts.set(row, (row.textContent + " " + (row.getAttribute("data-also") || "")).toLowerCase());
    });
    var input = cs.el("input", {
      id: "cs-index-filter", type: "search", autocomplete: "off", spellcheck: "false",
      placeholder: "e.g. prune, ps, volume",
    });
    var status = cs.el("p", { className: "cs-index__count", role: "status" });
    var box = cs.el("div", { className: "cs-index__filter" }, [
      cs.el("label", { for: "cs-index-filter", text: "Filter commands" }), input, status,
    ]);

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      var group = null;
      var groupShown = false;
      function closeGroup() { if (group) group.hidden = !groupShown; }
      rows.forEach(function (row) {
        if (row.classList.contains("cs-index__group")) {
          closeGroup();
          group = row;
          groupShown = false;
          return;
        }
        var text = texts.get(row);
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) {
          shown++;
          groupShown = true;
        }
      });
      closeGroup();
      status.textContent = words.length
        ? shown + " of " + entries.length + " commands match" + (shown ? "." : ": try fewer words.")
        : "";
    }

    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
    index.insertBefore(box, index.firstChild);
  }

  cs.onPage(function () {
    document.querySelectorAll(".cs-index").forEach(setUp);
  });
})();
