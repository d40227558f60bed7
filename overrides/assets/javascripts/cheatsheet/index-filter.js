/*
 * The command index's filter box (cheatsheet/command_index.py writes the table). The rows that
 * hold what was typed, as typed (in the command, aliases, description or places, or an alias the
 * table does not show) stay; when no row holds the whole phrase, the rows that hold each of its
 * words do (`prune image` still finds `docker image prune`). A group's heading row stays while
 * any of its rows does. Runs in
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

    function matcher(query) {
      var phrase = query.trim().replace(/\s+/g, " ");
      var words = phrase.split(" ").filter(Boolean);
      var byPhrase = function (text) { return text.indexOf(phrase) >= 0; };
      if (words.length < 2 || entries.some(function (row) { return byPhrase(texts.get(row)); })) return byPhrase;
      return function (text) { return words.every(function (word) { return text.indexOf(word) >= 0; }); };
    }

    function apply() {
      var query = input.value.toLowerCase();
      var matches = matcher(query);
      var words = query.split(/\s+/).filter(Boolean);
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
        var match = !words.length || matches(texts.get(row));
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
