/*
 * The reader's Docker Engine: a header control beside "Fill in". The reader types a version
 * (`24.0`, `v24.0.7`), picks one, or pastes the output of `docker version`, whose Client and
 * Server "Version:" lines are read (the lower of the two counts: an older client does not know
 * a new flag, an older daemon refuses it). Every mark the build wrote (`.cs-since[data-since]`,
 * cheatsheet/engine_versions.py) whose release is newer then says so in place: "needs 28+, you
 * have 24.0", with the older form when the data knows one. Nothing is hidden. The version is kept
 * in localStorage (silently not, when storage is refused); the change is announced through the
 * panel's status line (role=status). Works from file:// and offline: it reads the page only.
 */
(function () {
  "use strict";

  var cs = window.cheatsheet;
  var KEY = ".cs-engine";
  // A whale-less "engine" glyph: a gauge.
  var ICON = "M12 4a9 9 0 0 0-9 9c0 2 .66 3.85 1.77 5.35l1.6-1.2A7 7 0 0 1 5 13a7 7 0 0 1 14 0 7 7 0 0 1-1.37 4.15l1.6 1.2A8.96 8.96 0 0 0 21 13a9 9 0 0 0-9-9m3.4 4.2-4.1 4.1a1.5 1.5 0 1 0 1.4 1.4l4.1-4.1z";

  // "24.0.7" -> [24, 0, 7]; null when the text is not a version.
  function parts(text) {
    var match = /^v?(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?/.exec(String(text || "").trim());
    if (!match) return null;
    return [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)];
  }

  function compare(a, b) {
    for (var i = 0; i < 3; i++) {
      if ((a[i] || 0) !== (b[i] || 0)) return (a[i] || 0) < (b[i] || 0) ? -1 : 1;
    }
    return 0;
  }

  // "28.0" -> "28", "28.1" -> "28.1": as the marks name releases.
  function shortName(text) {
    var p = parts(text);
    return p ? (p[1] === 0 && text.split(".").length <= 2 ? String(p[0]) : p[0] + "." + p[1]) : text;
  }

  // What the reader gave: {version, client, server} or {error}. `docker version` output has
  // "Client:" and "Server:" sections, each with a "Version:" line (the server's under "Engine:").
  function read(text) {
    text = String(text || "").slice(0, 20000);
    if (/^\s*(Client|Server)\b[^\n]*:/m.test(text)) {
      var section = "";
      var found = {};
      text.split(/\r?\n/).forEach(function (line) {
        var head = /^(Client|Server)\b/.exec(line);
        if (head) section = head[1].toLowerCase();
        var version = /^\s+Version:\s*(\S+)/.exec(line);
        if (section && version && !found[section] && parts(version[1])) found[section] = version[1].replace(/^v/, "");
      });
      if (!found.client && !found.server) return { error: "No “Version:” line found under Client or Server." };
      var lower = found.client && found.server
        ? (compare(parts(found.client), parts(found.server)) <= 0 ? found.client : found.server)
        : found.client || found.server;
      return { version: lower, client: found.client || "", server: found.server || "" };
    }
    var single = text.trim();
    if (!single) return { error: "" };
    if (!/^v?\d{1,3}(\.\d{1,3}){0,2}([-+~][\w.~+-]*)?$/.test(single)) {
      return { error: "“" + single.slice(0, 40) + "” is not a version: type one such as 24.0, or paste what `docker version` prints." };
    }
    return { version: single.replace(/^v/, ""), client: "", server: "" };
  }

  function stored() {
    var value = cs.load(KEY);
    return value && typeof value === "object" && typeof value.version === "string" && parts(value.version) ? value : null;
  }

  var current = stored();

  // -- marks ------------------------------------------------------------------------------------
  function apply() {
    var mine = current && parts(current.version);
    var count = 0;
    document.querySelectorAll(".cs-since[data-since]").forEach(function (mark) {
      var old = mark.querySelector(".cs-since__yours");
      if (old) old.remove();
      var since = mark.getAttribute("data-since");
      var newer = Boolean(mine && parts(since) && compare(mine, parts(since)) < 0);
      mark.classList.toggle("cs-since--newer", newer);
      if (!newer) return;
      count += mark.closest(".cs-index") ? 0 : 1; // the index's Since cells are not examples
      var text = " needs " + shortName(since) + "+, you have " + current.version;
      var older = mark.getAttribute("data-older");
      var until = mark.getAttribute("data-older-until");
      var note = cs.el("span", { className: "cs-since__yours", text: text });
      if (older && (!until || compare(mine, parts(until)) < 0)) {
        note.appendChild(document.createTextNode("; older Engines use "));
        note.appendChild(cs.el("code", { text: older }));
      }
      mark.appendChild(note);
    });
    return count;
  }

  // -- the control ------------------------------------------------------------------------------
  var toggle = null;
  var label = null;
  var panel = null;
  var input = null;
  var picker = null;
  var status = null;

  function releases() {
    var meta = document.querySelector('meta[name="cs-engine-releases"]');
    return meta ? meta.getAttribute("content").split(/\s+/).filter(parts) : [];
  }

  function labelText() {
    return current ? "Engine " + current.version : "Engine";
  }

  function announce(count) {
    if (!status) return;
    if (!current) {
      status.textContent = "Engine version cleared: no example is marked for your version.";
      return;
    }
    var from = current.server || current.client
      ? " (read from docker version: client " + (current.client || "?") + ", server " + (current.server || "?") + ")"
      : "";
    status.textContent = "Engine " + current.version + from + ": " +
      (count === 0 ? "every example on this page runs on it."
        : count === 1 ? "1 example on this page needs a newer Engine; it is marked."
          : count + " examples on this page need a newer Engine; they are marked.");
  }

  function set(value) {
    current = value;
    cs.save(KEY, value);
    var count = apply();
    if (label) label.textContent = labelText();
    if (toggle) toggle.setAttribute("aria-label", "Your Docker Engine version: " + (current ? current.version : "not set"));
    announce(count);
  }

  function isOpen() {
    return Boolean(panel && !panel.hidden);
  }

  function close(restoreFocus) {
    if (!isOpen()) return;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (restoreFocus) toggle.focus();
  }

  function open() {
    document.dispatchEvent(new CustomEvent("cheatsheet:close-panel"));
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.value = current ? current.version : "";
    input.focus();
    input.select();
  }

  function submit() {
    var result = read(input.value);
    if (result.error !== undefined) {
      status.textContent = result.error || "Type a version, pick one or paste docker version's output.";
      return;
    }
    set(result);
    input.value = result.version;
  }

  function build() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("cs-engine-panel")) return;
    var icon = cs.icon(ICON);
    label = cs.el("span", { className: "cs-panel-toggle__label cs-engine-button__label", text: labelText(), "aria-hidden": "true" });
    toggle = cs.el("button", {
      type: "button",
      className: "md-header__button md-icon cs-engine-button",
      "aria-label": "Your Docker Engine version: " + (current ? current.version : "not set"),
      "aria-expanded": "false",
      "aria-controls": "cs-engine-panel",
      title: "Your Docker Engine: examples that need a newer one are marked",
    }, [icon, label]);

    input = cs.el("textarea", {
      id: "cs-engine-input", rows: "2", maxlength: "20000", autocomplete: "off",
      autocapitalize: "off", spellcheck: "false",
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        submit();
      }
    });
    input.addEventListener("paste", function () {
      setTimeout(submit, 0); // pasted `docker version` output is read at once
    });
    picker = cs.el("select", { id: "cs-engine-pick" }, [cs.el("option", { value: "", text: "Pick a release…" })]);
    releases().forEach(function (release) {
      picker.appendChild(cs.el("option", { value: release, text: "Engine " + release }));
    });
    picker.addEventListener("change", function () {
      if (!picker.value) return;
      input.value = picker.value;
      submit();
      picker.value = "";
    });
    var apply_ = cs.el("button", { type: "button", className: "cs-panel__button", text: "Set" });
    apply_.addEventListener("click", submit);
    var clear = cs.el("button", { type: "button", className: "cs-panel__button cs-engine__clear", text: "Clear" });
    clear.addEventListener("click", function () {
      input.value = "";
      set(null);
    });
    var done = cs.el("button", { type: "button", className: "cs-panel__button", text: "Close" });
    done.addEventListener("click", function () { close(true); });
    status = cs.el("p", { className: "cs-engine__status", role: "status", "aria-live": "polite" });

    panel = cs.el("div", {
      id: "cs-engine-panel", role: "region", "aria-labelledby": "cs-engine-title",
    }, [
      cs.el("h2", { id: "cs-engine-title", className: "cs-panel__title", text: "Your Docker Engine" }),
      cs.el("p", { className: "cs-panel__help", text: "Examples that need a newer Engine than yours are marked where they stand; nothing is hidden. Kept in this browser only." }),
      cs.el("div", { className: "cs-engine__row" }, [
        cs.el("label", { for: "cs-engine-input", text: "Version, or paste the output of docker version" }),
        input,
      ]),
      cs.el("div", { className: "cs-engine__row" }, [
        cs.el("label", { for: "cs-engine-pick", text: "Or pick a release" }),
        picker,
      ]),
      cs.el("div", { className: "cs-panel__actions" }, [apply_, clear, done]),
      status,
    ]);
    cs.headerPanel(header, toggle, panel, { open: open, close: close, isOpen: isOpen });
  }

  document.addEventListener("pointerdown", function (event) {
    if (!isOpen() || panel.contains(event.target) || toggle.contains(event.target)) return;
    close(false);
  });
  document.addEventListener("cheatsheet:close-panel", function (event) {
    if (panel && !panel.contains(document.activeElement)) close(false);
  });

  // Another tab set or cleared the version.
  window.addEventListener("storage", function (event) {
    var key = cs.storageKey(event);
    if (key !== KEY && key !== null) return;
    current = stored();
    apply();
    if (label) label.textContent = labelText();
  });

  cs.onPage(function () {
    build();
    if (isOpen()) close(false);
    apply();
  });

  window.cheatsheet.engineVersion = { read: read };
})();
