/*
 * Fill-once placeholders: `<container>`, `<image>`, … in code blocks become placeholders a reader
 * fills in once (in the header's "Fill in" panel, or by activating a placeholder with a click,
 * Enter or Space; each is a Tab stop). The value shows in every code block on every page, so
 * Material's copy button copies the filled command. Values are kept in localStorage and always
 * inserted as text, never as HTML. In shell code a value the shell would split or expand
 * (`my app`, `$x`, `a;b`) is shown, and so copied, single-quoted: `'my app'`.
 *
 * Which placeholders exist, and what each expects (its form and an example), is declared once in
 * data/placeholders.yaml; the build hands that list to every page in a `cs-placeholders` meta
 * element, so the panel shows what to type and the code shows nothing undeclared as fillable.
 * The two-page sheet's commands are filled as well (as text: there they sit inside links).
 *
 * The build writes each placeholder of the code it renders as the span shown before a value is
 * given (cheatsheet/placeholders.py) and marks that code `data-cs-placeholders`, so a page loads
 * with nothing to do here until the reader stores a value: wrap() finds the placeholders only in
 * code without the mark, and fill() writes only to the placeholders whose value changed.
 *
 * With JavaScript off the page shows the plain placeholders.
 */
(function () {
  "use strict";

  var cs = window.cheatsheet;
  // The declarations, in the data file's order: [{name, form, example}, …].
  function declared() {
    var meta = document.querySelector('meta[name="cs-placeholders"]');
    try {
      var list = JSON.parse(meta ? meta.getAttribute("content") : "[]");
      return Array.isArray(list) ? list.filter(function (d) { return d && /^[a-z][a-z0-9-]*$/.test(d.name); }) : [];
    } catch (error) {
      return [];
    }
  }
  var DECLARED = declared();
  var NAMES = DECLARED.map(function (d) { return d.name; });
  var INFO = {};
  DECLARED.forEach(function (d) { INFO[d.name] = d; });
  var PATTERN = new RegExp("<(" + (NAMES.join("|") || "(?!)") + ")>", "g");
  var KEY = ".cs-placeholders";
  var MAX_LENGTH = 200;
  // The languages cheatsheet/flag_marks.py reads as shell (and destructive blocks, always shell).
  var SHELL = /(^|\s)(language-(bash|sh|shell|zsh|console|shell-session)|cs-destructive)(\s|$)/;
  // What a shell takes as one plain word: anything else is quoted.
  var PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
  var ICON = "M17 7h5v10h-5v2a1 1 0 0 0 1 1h2v2h-2.5c-.55 0-1.5-.45-1.5-1 0 .55-.95 1-1.5 1H12v-2h2a1 1 0 0 0 1-1V5a1 1 0 0 0-1-1h-2V2h2.5c.55 0 1.5.45 1.5 1 0-.55.95-1 1.5-1H20v2h-2a1 1 0 0 0-1 1zM2 7h11v2H4v6h9v2H2zm18 8V9h-3v6z";

  function loadValues() {
    var stored = cs.load(KEY);
    var values = {};
    if (stored && typeof stored === "object") {
      NAMES.forEach(function (name) {
        if (typeof stored[name] === "string" && stored[name].trim()) values[name] = stored[name].slice(0, MAX_LENGTH);
      });
    }
    return values;
  }

  var values = loadValues();

  // -- quoting --------------------------------------------------------------------------------
  // `quote` is how the placeholder stands in its code: "word" (a bare shell word), "'" or '"'
  // (inside quotes already) or null (not shell code: the value as typed).
  function shown(value, quote) {
    if (quote === "word") return PLAIN.test(value) ? value : "'" + value.replace(/'/g, "'\\''") + "'";
    if (quote === "'") return value.replace(/'/g, "'\\''");
    if (quote === '"') return value.replace(/(["\\$`])/g, "\\$1");
    return value;
  }

  // -- how a placeholder stands in shell code --------------------------------------------------
  // cheatsheet/placeholders.py's quotes(), step for step (its docstring says why): "'" or '"'
  // inside quotes, "word" a bare word, "" not read as shell (a comment, a here-document's body,
  // an output line of a prompted block). One pass over the text, however many placeholders.
  var PROMPTED = /(^|\s)language-(console|shell-session)(\s|$)/;
  var QUOTING = /[\\'"#\n$()`<]/g;
  var PROMPT = /[ \t]*\$ /y;
  var WORD_BREAK = " \t\n;&|()<>";
  var HEREDOC = /<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z_][\w-]*))/y;

  function promptAt(text, i) {
    PROMPT.lastIndex = i;
    return PROMPT.test(text);
  }

  function quoteStates(text, starts, prompted) {
    var found = [];
    var state = ""; // "", "'", '"' or "$'"
    var stack = []; // the state to go back to at each `$(` or backtick not yet closed
    var closers = []; // and what closes each: ")" or "`"
    var skipLine = prompted && !promptAt(text, 0); // output, or a comment: read to its end
    var bodies = []; // [delimiter, strips tabs]: here-documents opened
    var inBody = false;
    var lineStart = 0;
    var i = 0;
    starts.forEach(function (start) {
      while (i < start) {
        if (skipLine || inBody) {
          i = text.indexOf("\n", i);
          if (i < 0 || i >= start) {
            i = start;
            break;
          }
        }
        var c = text[i];
        if (state === "'" || state === "$'") {
          if (c === "\\" && state === "$'") i += 1;
          else if (c === "'") state = "";
        } else if (c === "\n") {
          if (!state) {
            if (inBody) {
              var line = text.slice(lineStart, i);
              if ((bodies[0][1] ? line.replace(/^\t+/, "") : line) === bodies[0][0]) {
                bodies.shift();
                inBody = bodies.length > 0;
              }
            } else {
              inBody = bodies.length > 0;
            }
            lineStart = i + 1;
            skipLine = prompted && !inBody && !stack.length && !promptAt(text, i + 1);
          }
        } else if (c === "\\") {
          i += 1;
        } else if (state === '"') {
          if (c === '"') {
            state = "";
          } else if (c === "`" || text.startsWith("$(", i)) {
            stack.push(state);
            closers.push(c === "`" ? "`" : ")");
            state = "";
            if (c === "$") i += 1;
          }
        } else if (c === "'" || c === '"') {
          state = c === "'" && i > 0 && text[i - 1] === "$" ? "$'" : c;
        } else if (c === "#" && (i === 0 || WORD_BREAK.indexOf(text[i - 1]) >= 0)) {
          skipLine = true;
          continue;
        } else if ((c === ")" || c === "`") && closers.length && closers[closers.length - 1] === c) {
          closers.pop();
          state = stack.pop();
        } else if (c === "(" || c === "`") {
          stack.push("");
          closers.push(c === "(" ? ")" : "`");
        } else if (text.startsWith("<<<", i)) {
          i += 2;
        } else if (c === "<") {
          HEREDOC.lastIndex = i;
          var heredoc = HEREDOC.exec(text);
          if (heredoc) {
            var delimiter = [heredoc[2], heredoc[3], heredoc[4]].filter(function (g) { return g !== undefined; })[0];
            bodies.push([delimiter, heredoc[1] === "-"]);
            i = HEREDOC.lastIndex - 1;
          }
        }
        i += 1;
        if (i < start) {
          QUOTING.lastIndex = i;
          var run = QUOTING.exec(text);
          i = run && run.index < start ? run.index : start;
        }
      }
      if (skipLine || inBody) found.push("");
      else found.push(state === "'" || state === "$'" ? "'" : state === '"' ? '"' : "word");
    });
    return found;
  }

  // -- placeholders in code --------------------------------------------------------------------
  // Pygments may split `<container>` over several spans (`<span class="o">&lt;</span>…`), so
  // match on the code's whole text and replace each match's range with one span.
  // `inLink`: the code sits inside a link (the sheet's commands), so its placeholders are filled
  // as text but are not buttons of their own: the link stays one Tab stop that opens the topic.
  function wrap(code, inLink) {
    if (code.hasAttribute("data-cs-placeholders")) return;
    code.setAttribute("data-cs-placeholders", "");
    var block = code.closest(".highlight");
    var shell = inLink || Boolean(block && SHELL.test(block.className));
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
      matches.push({ start: match.index, end: match.index + match[0].length, name: match[1], quote: "" });
    }
    if (shell) {
      var states = quoteStates(text, matches.map(function (m) { return m.start; }), Boolean(block && PROMPTED.test(block.className)));
      matches.forEach(function (m, k) { m.quote = states[k]; });
    }
    function locate(offset, isEnd) {
      for (var i = 0; i < nodes.length; i++) {
        var start = nodes[i].start;
        var stop = start + nodes[i].node.data.length;
        if (isEnd ? offset > start && offset <= stop : offset >= start && offset < stop) {
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
      // As the build writes it (cheatsheet/placeholders.py, span_html): unfilled.
      var name = matches[k].name;
      var props = { className: "cs-ph", "data-placeholder": name };
      if (!inLink) {
        props.role = "button";
        props.tabindex = "0";
      }
      if (matches[k].quote) props["data-quote"] = matches[k].quote;
      if (!inLink) {
        props.title = unfilledTitle(name);
        props["aria-label"] = unfilledLabel(name);
      }
      props.text = "<" + name + ">";
      range.insertNode(cs.el("span", props));
    }
  }

  // An unfilled placeholder's title and accessible name, as cheatsheet/placeholders.py's
  // span_html writes them into the built code.
  function unfilledTitle(name) {
    return "Click to fill in <" + name + "> on every page";
  }
  function unfilledLabel(name) {
    return "<" + name + ">, fill in";
  }

  // What the page's placeholders show, by name (none: each shows its own name, as built). A page
  // starts unfilled, so with no stored values fill() has nothing to write.
  var displayed = {};

  function fillSpan(span) {
    var name = span.getAttribute("data-placeholder");
    var value = values[name];
    var text = value ? shown(value, span.getAttribute("data-quote")) : "<" + name + ">";
    if (span.textContent !== text) span.textContent = text; // a text node: `<b>` stays text
    span.classList.toggle("cs-ph--filled", Boolean(value));
    if (!span.hasAttribute("tabindex")) return; // inside a link: the link's own text is its name
    span.title = value ? "<" + name + ">: " + value + ". Click to change" : unfilledTitle(name);
    // Starts with the text shown (WCAG 2.5.3), then says what activating it does.
    span.setAttribute("aria-label", value ? text + ": <" + name + ">, change" : unfilledLabel(name));
  }

  // Write to the placeholders whose value is not the one they show: stored, changed or cleared.
  function fill() {
    var changed = NAMES.filter(function (name) { return (values[name] || "") !== (displayed[name] || ""); });
    if (!changed.length) return;
    var selector = changed.map(function (name) { return '.cs-ph[data-placeholder="' + name + '"]'; }).join(",");
    document.querySelectorAll(selector).forEach(fillSpan);
    changed.forEach(function (name) {
      if (values[name]) displayed[name] = values[name];
      else delete displayed[name];
    });
  }

  function namesOnPage() {
    var seen = {};
    document.querySelectorAll(".cs-ph").forEach(function (span) { seen[span.getAttribute("data-placeholder")] = true; });
    return NAMES.filter(function (name) { return seen[name]; });
  }

  // -- the panel ------------------------------------------------------------------------------
  var toggle = null;
  var panel = null;
  var fields = null;
  var status = null;
  var opener = null; // where focus returns when the panel closes

  function renderFields() {
    fields.textContent = "";
    var names = namesOnPage();
    NAMES.forEach(function (name) {
      if (values[name] && names.indexOf(name) < 0) names.push(name);
    });
    names.sort(function (a, b) { return NAMES.indexOf(a) - NAMES.indexOf(b); });
    if (!names.length) {
      fields.appendChild(cs.el("p", { className: "cs-panel__empty", text: "The code on this page has no placeholders." }));
      return;
    }
    names.forEach(function (name) {
      var id = "cs-ph-" + name;
      var info = INFO[name];
      var input = cs.el("input", {
        id: id, type: "text", maxlength: String(MAX_LENGTH), autocomplete: "off",
        autocapitalize: "off", spellcheck: "false", "data-placeholder": name,
        placeholder: info.example, "aria-describedby": id + "-form",
      });
      input.value = values[name] || "";
      input.addEventListener("input", function () {
        if (input.value.trim()) values[name] = input.value;
        else delete values[name];
        cs.save(KEY, Object.keys(values).length ? values : null);
        fill();
      });
      fields.appendChild(cs.el("div", { className: "cs-panel__field" }, [
        cs.el("label", { for: id, text: "<" + name + ">" }),
        input,
        cs.el("p", { id: id + "-form", className: "cs-panel__form", text: info.form + ", e.g. " + info.example }),
      ]));
    });
  }

  function isOpen() {
    return Boolean(panel && !panel.hidden);
  }

  function openPanel(focusName, from) {
    renderFields();
    opener = from || toggle;
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
    if (restoreFocus) (opener && document.body.contains(opener) ? opener : toggle).focus();
    opener = null;
  }

  function buildPanel() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("cs-fill-panel")) return;
    var icon = cs.icon(ICON);
    toggle = cs.el("button", {
      type: "button",
      className: "md-header__button md-icon cs-fill-button",
      "aria-label": "Fill in placeholders",
      "aria-expanded": "false",
      "aria-controls": "cs-fill-panel",
      title: "Fill in placeholders: type <container>, <image>, … once, see them in every command",
    }, [icon, cs.el("span", { className: "cs-panel-toggle__label cs-fill-button__label", text: "Fill in", "aria-hidden": "true" })]);

    fields = cs.el("div", { className: "cs-panel__fields" });
    status = cs.el("p", { className: "cs-panel__status", role: "status" });
    var clear = cs.el("button", { type: "button", className: "cs-panel__button cs-panel__clear", text: "Clear values" });
    clear.addEventListener("click", function () {
      values = {};
      cs.save(KEY, null);
      fill();
      renderFields();
      status.textContent = "Values cleared. The code shows the placeholders again.";
    });
    var close = cs.el("button", { type: "button", className: "cs-panel__button cs-panel__close", text: "Close" });
    close.addEventListener("click", function () { closePanel(true); });

    panel = cs.el("div", {
      id: "cs-fill-panel", role: "region", "aria-labelledby": "cs-fill-title",
    }, [
      cs.el("h2", { id: "cs-fill-title", className: "cs-panel__title", text: "Fill in placeholders" }),
      cs.el("p", { className: "cs-panel__help", text: "What you type replaces the placeholder in the code on every page, and in what the copy button copies. It is kept in this browser only." }),
      fields,
      cs.el("div", { className: "cs-panel__slot" }), // flags.js adds its choice here
      cs.el("div", { className: "cs-panel__actions" }, [clear, close]),
      status,
    ]);
    cs.headerPanel(header, toggle, panel, {
      open: function () { openPanel(null, toggle); }, close: closePanel, isOpen: isOpen,
    });
  }

  // -- events (on document and window: added once, they outlive an in-site navigation) ---------
  document.addEventListener("pointerdown", function (event) {
    if (!isOpen() || panel.contains(event.target) || toggle.contains(event.target)) return;
    if (event.target.closest && event.target.closest(".cs-ph")) return;
    closePanel(false);
  });

  // Clicking a placeholder in code opens the panel at its field (unless the reader is selecting).
  document.addEventListener("click", function (event) {
    var span = event.target.closest && event.target.closest(".cs-ph[tabindex]");
    if (!span || !panel) return;
    var selection = window.getSelection && window.getSelection();
    if (selection && String(selection).length) return;
    openPanel(span.getAttribute("data-placeholder"), span);
  });

  // Enter or Space on a placeholder does the same.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var span = event.target.closest && event.target.closest(".cs-ph[tabindex]");
    if (!span || !panel) return;
    event.preventDefault();
    openPanel(span.getAttribute("data-placeholder"), span);
  });

  // Another script (Ctrl-K search) asks the panel to close.
  document.addEventListener("cheatsheet:close-panel", function () { closePanel(false); });

  // Another tab changed a value.
  window.addEventListener("storage", function (event) {
    var key = cs.storageKey(event);
    if (key !== KEY && key !== null) return;
    values = loadValues();
    fill();
    if (isOpen() && !panel.contains(document.activeElement)) renderFields();
  });

  cs.onPage(function () {
    // A page just shown (the first, or a new one after an in-site navigation) is as built.
    displayed = {};
    document.querySelectorAll("pre > code:not([data-cs-placeholders])").forEach(function (code) { wrap(code, false); });
    document.querySelectorAll(".cs-sheet li > a > code:not([data-cs-placeholders])").forEach(function (code) { wrap(code, true); });
    fill();
    buildPanel();
    if (isOpen()) closePanel(false); // a new page: its own placeholders
  });
})();
