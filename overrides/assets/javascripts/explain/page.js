/*
 * The explain page (explain/index.md, cheatsheet/explain_page.py): reads what the reader pastes
 * with parser.js and the catalogue's JSON form (explain-data.js) and shows every part of each
 * docker command. Everything pasted is shown as text (textContent, never markup) and stays in
 * this browser; the link to share carries it in the address's fragment (`#cmd=…`), which no
 * browser sends to a server.
 */
(function () {
  "use strict";

  var parser = window.cheatsheetExplainParser;
  var data = window.cheatsheetExplainData;
  var cs = window.cheatsheet;
  if (!parser || !data || !cs) return;
  var catalog = new parser.Catalog(data);
  var features = data.deprecations.features;
  var FRAGMENT = "#cmd=";

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function code(text) { return el("code", "", [text]); }

  // Text with `backticks` as code: the messages of the checker are written that way.
  function inline(text) {
    var parts = String(text).split("`");
    return parts.map(function (part, i) { return i % 2 ? code(part) : part; });
  }

  function link(href, text) {
    var a = el("a", "", [text]);
    a.setAttribute("href", href);
    if (/^https?:/.test(href)) a.setAttribute("rel", "noopener");
    return a;
  }

  function referenceUrl(canonical) {
    var entry = data.commands[canonical];
    return (entry && entry.u) || data.reference + canonical.split(" ").join("/") + "/";
  }

  // The links of one part: the section of this site that teaches it, Docker's reference, and
  // the Engine version it needs (explain_page.engine_versions; empty until that data exists).
  function links(place, reference, engineKey) {
    var items = [];
    if (place) items.push(el("span", "cs-explain__taught", ["Taught in ", link(place[0], place[1])]));
    items.push(link(reference, "Docker reference"));
    var engine = data.engine && data.engine[engineKey];
    if (engine) items.push(el("span", "cs-explain__engine", ["Needs Engine " + engine]));
    var out = el("span", "cs-explain__links", []);
    items.forEach(function (item, i) {
      if (i) out.appendChild(document.createTextNode(" · "));
      out.appendChild(item);
    });
    return out;
  }

  // A flag's anchor on its reference page ("=": its long name), or the page's list of options.
  function flagAnchor(flags, name) {
    var found = flags.split(";").map(function (flag) { return flag.split(","); })
      .filter(function (flag) { return flag[0] === name; })[0];
    return !found || !found[4] ? "options" : found[4] === "=" ? name : found[4];
  }

  // A printable-ASCII title's anchor, as Python-Markdown makes it (explain_page._plain_slug).
  function slug(title) {
    return title.replace(/[^\w\s-]/g, "").trim().toLowerCase().replace(/[-\s]+/g, "-");
  }

  // Where this site teaches a part: [href, title] from the list of sections, by index.
  function section(index) {
    if (index === undefined) return null;
    var place = data.places[index];
    var anchor = place[2] === "-" ? "" : "#" + (place[2] || slug(place[1]));
    return [data.pages[place[0]] + anchor, place[1]];
  }

  function flagRow(use, scope, result) {
    var written = use[0], name = use[1];
    var owner = scope === "global" ? null : scope === "command" ? result.canonical : catalog.canonical(scope);
    var entry = owner ? data.commands[owner] : null;
    var meaning = entry && entry.fm && entry.fm[name];
    var reference, place = null, ownerShown;
    if (owner) {
      reference = referenceUrl(owner) + "#" + flagAnchor(entry.f, name);
      var taught = entry.fs && entry.fs[name];
      if (taught === undefined && (" " + (entry.fc || "") + " ").indexOf(" " + name + " ") >= 0) taught = entry.s;
      place = section(taught);
      ownerShown = scope === "command" ? result.path : scope;
    } else {
      reference = data.reference + "docker/#options";
      ownerShown = "docker";
    }
    var term = el("dt", "", [code(written)]);
    if (written !== "--" + name) term.appendChild(el("span", "cs-explain__long", [" (", code("--" + name), ")"]));
    var said = meaning ? inline(meaning) : owner ? ["A flag of ", code(ownerShown), "."] : ["A global option of ", code("docker"), "."];
    return [term, el("dd", "", [el("span", "cs-explain__meaning", said), " ", links(place, reference, owner + " --" + name)])];
  }

  function note(kind, title, body) {
    return el("div", "cs-explain__note cs-explain__note--" + kind, [el("p", "cs-explain__note-title", [title])].concat(body));
  }

  function explainOne(result) {
    var box = el("section", "cs-explain__command", []);
    var head = el("p", "cs-explain__written", [el("span", "cs-explain__line", ["Line " + result.line + ": "]), code(result.words.join(" "))]);
    box.appendChild(head);
    result.findings.forEach(function (found) {
      box.appendChild(note("error", "Not what Docker accepts", [el("p", "", inline(found.message + " — " + found.fix))]));
    });
    result.legacy.forEach(function (match) {
      var feature = features[match[1]];
      box.appendChild(note("legacy", "Legacy syntax", [
        el("p", "", [code(match[0]), ": " + feature[0] + ", " + feature[1] + "."]),
        el("p", "", ["Today: " + feature[2] + ". ", link(feature[3], "Legacy map")]),
      ]));
    });
    if (result.destructive) {
      box.appendChild(note("danger", "Deletes data", [el("p", "", ["This command " + result.destructive + "."])]));
    }
    if (!result.checked) {
      box.appendChild(el("p", "", [code(result.words.slice(0, 2).join(" ")), " is a plugin this site does not check."]));
    }
    if (result.canonical) {
      var entry = data.commands[result.canonical];
      var list = el("dl", "cs-explain__parts", []);
      var term = el("dt", "", [code(result.path)]);
      if (result.path !== result.canonical) term.appendChild(el("span", "cs-explain__long", [" (", code(result.canonical), ")"]));
      list.appendChild(term);
      list.appendChild(el("dd", "", [
        el("span", "cs-explain__meaning", entry.m ? inline(entry.m) : ["A command of Docker's CLI."]), " ",
        links(section(entry.s), referenceUrl(result.canonical), result.canonical),
      ]));
      result.uses.forEach(function (use, i) {
        flagRow(use, result.scopes[i], result).forEach(function (node) { list.appendChild(node); });
      });
      box.appendChild(list);
    }
    return box;
  }

  // Each command's explanation is kept by what it says, so a keystroke rebuilds only the
  // command it changed (typing stays well under a frame with ten lines pasted).
  var made = new Map();

  function render(output, text) {
    var results = parser.readCommands(text, catalog);
    var kept = new Map();
    var nodes = results.map(function (result) {
      var key = JSON.stringify(result);
      var node = made.get(key) || explainOne(result);
      if (kept.has(key)) node = explainOne(result); // the same command twice: two boxes
      kept.set(key, node);
      return node;
    });
    made = kept;
    if (!results.length && text.trim()) {
      nodes = [el("p", "cs-explain__empty", ["No ", code("docker"), " command found: paste a line that starts with ", code("docker"), "."])];
    }
    output.replaceChildren.apply(output, nodes);
    return results;
  }

  function fromFragment() {
    var hash = location.hash;
    if (hash.indexOf(FRAGMENT) !== 0) return null;
    try {
      return decodeURIComponent(hash.slice(FRAGMENT.length));
    } catch (error) {
      return null;
    }
  }

  function setUp() {
    var input = document.getElementById("cs-explain-input");
    var output = document.getElementById("cs-explain-output");
    var share = document.getElementById("cs-explain-share");
    if (!input || !output || input.dataset.csExplain) return;
    input.dataset.csExplain = "1";
    var timer = 0;
    function address() {
      var fragment = FRAGMENT + encodeURIComponent(input.value);
      if (location.hash !== fragment && (input.value || location.hash)) {
        try {
          history.replaceState(history.state, "", input.value ? fragment : location.pathname + location.search);
        } catch (error) { /* refused (some file:// setups): the share link still has it */ }
      }
    }
    function update() {
      render(output, input.value);
      share.setAttribute("href", FRAGMENT + encodeURIComponent(input.value));
      // The address follows once typing pauses: rewriting it costs more than a keystroke's work.
      clearTimeout(timer);
      timer = setTimeout(address, 400);
    }
    function load() {
      var text = fromFragment();
      if (text !== null && text !== input.value) {
        input.value = text;
        update();
      }
    }
    input.addEventListener("input", update);
    window.addEventListener("hashchange", load);
    load();
    if (!input.value) update();
  }

  window.cheatsheetExplain = { render: render, section: section };
  cs.onPage(setUp);
})();
