/*
 * Ways into the explain page (issue 28) from every page:
 * - each code block with a `docker` command gets an "explain" button in its button bar, next to
 *   Material's copy button, opening the explain page with the block's text in the address's
 *   fragment (`#cmd=…`, never sent to a server);
 * - a whole `docker …` command typed or pasted into the search box gets an offer to explain it
 *   above the results.
 * The explain page's address is the header's link to it (overrides/main.html), which the theme
 * already wrote relative to this page, so this works from disk and under any base path.
 */
(function () {
  "use strict";

  var cs = window.cheatsheet;
  var DOCKER_LINE = /(^|[\s;&|(`])(docker|docker-compose)\s/;
  var WHOLE_COMMAND = /^\s*(?:sudo\s+)?docker(?:-compose)?\s+\S+\s+\S/;

  function explainHref(text) {
    var header = document.querySelector("a.cs-explain-header");
    if (!header) return null;
    return header.getAttribute("href").split("#")[0] + "#cmd=" + encodeURIComponent(text);
  }

  function addButton(nav, code) {
    if (nav.querySelector(".cs-explain-button")) return;
    var button = cs.el("a", {
      className: "md-code__button cs-explain-button",
      title: "Explain these commands",
      "aria-label": "Explain these commands",
      href: explainHref(cs.codeText(code)) || "#",
    });
    // The text can change (placeholders filled, flags switched): read it when the link is used.
    var refresh = function () { button.setAttribute("href", explainHref(cs.codeText(code).replace(/\n$/, ""))); };
    button.addEventListener("click", refresh);
    button.addEventListener("focus", refresh);
    button.addEventListener("pointerdown", refresh);
    nav.appendChild(button);
  }

  // Material adds each block's button bar (`.md-code__nav`) as it builds the page; the button
  // joins it there (cheatsheet.withCodeNav).
  function buttons() {
    if (!document.querySelector("a.cs-explain-header") || document.getElementById("cs-explain")) return;
    document.querySelectorAll(".md-content pre > code").forEach(function (code) {
      if (!DOCKER_LINE.test(code.textContent)) return;
      var pre = code.parentElement;
      cs.withCodeNav(pre, function (nav) { addButton(nav, code); });
    });
  }

  // The search box is in the header, which stays through an in-site navigation: one listener.
  function offer(event) {
    var input = event.target;
    if (!input.matches || !input.matches(".md-search__input")) return;
    var result = document.querySelector(".md-search-result");
    if (!result) return;
    var link = result.querySelector(".cs-explain-offer");
    var value = input.value;
    var href = WHOLE_COMMAND.test(value) ? explainHref(value.trim()) : null;
    if (!href) {
      if (link) link.hidden = true;
      return;
    }
    if (!link) {
      link = cs.el("a", { className: "cs-explain-offer" });
      result.insertBefore(link, result.firstChild);
    }
    link.hidden = false;
    link.setAttribute("href", href);
    link.textContent = "";
    link.appendChild(document.createTextNode("Explain "));
    link.appendChild(cs.el("code", { text: value.trim().length > 60 ? value.trim().slice(0, 59) + "…" : value.trim() }));
    link.appendChild(document.createTextNode(" part by part →"));
  }

  document.addEventListener("input", offer, true);
  cs.onPage(buttons);
})();
