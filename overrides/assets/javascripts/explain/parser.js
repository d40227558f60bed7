/*
 * The explain page's command reader: a line-for-line port of the build's checker
 * (cheatsheet/shell.py, commands.py, the parts of command_checks.py that read a command, and
 * difflib.get_close_matches for "did you mean"), fed by the catalogue's JSON form that
 * cheatsheet/explain_page.py writes. tests/test_explain.py runs this file in Node and the Python
 * checker over every command on the site and generated ones: they must give the same answers,
 * so change both together.
 *
 * Loaded by the explain page only, and by Node in the parity test (module.exports).
 */
(function (root) {
  "use strict";

  // Python's white space (str.isspace / re's \s), which JavaScript's \s does not match exactly.
  var WS = " \\t\\n\\r\\x0b\\x0c\\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var W = "\\p{L}\\p{N}_"; // Python's \w on text
  var PLACEHOLDER = new RegExp("<[A-Za-z][" + W + ".:/@-]*>", "uy");
  var OPERATORS = ["&&", "||", ";;", "|&", "|", ";", "&", "(", ")"];
  var HEREDOC_AT = new RegExp("<<(-?)[ \\t]*(?:'([^']*)'|\"([^\"]*)\"|\\\\?([A-Za-z_][" + W + "-]*))", "uy");
  var MAX_NESTING = 32;
  var PROMPT = new RegExp("^[" + WS + "]*\\$ ", "u");
  var PLAIN = new RegExp("^[^'\"`$\\\\|&;()<>#]*$", "u");
  var ORDINARY = new RegExp("[^" + WS + "'\"`$\\\\|&;()<>#]+", "uy");
  var WORD = new RegExp("[^" + WS + "]+", "gu");
  var ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
  // commands.py's
  var RESERVED_WORDS = ["!", "{", "}", "do", "done", "then", "else", "elif", "fi", "if", "while", "until"];
  var RSTRIP = new RegExp("[" + WS + "]+$", "u");
  var STRIP = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "gu");
  var RUN_LINE = /^[ \t]*RUN[ \t]+/i;
  var RUN_OPTION = /^--[a-z-]+=[^ \t]*[ \t]+/;

  var LEGACY_HINT = "or, to show it as history, put it inside a `!!! legacy` admonition";

  function isDigits(text) { return text.length > 0 && /^[0-9]+$/.test(text); }
  function rstrip(text) { return text.replace(RSTRIP, ""); }
  function lstripChars(text, chars) {
    var i = 0;
    while (i < text.length && chars.indexOf(text[i]) >= 0) i++;
    return text.slice(i);
  }

  // -- shell.py ---------------------------------------------------------------------------------

  function heredocs(line) {
    var found = [];
    var quote = "";
    var wordStart = true;
    var i = 0;
    var n = line.length;
    while (i < n) {
      var c = line[i];
      if (quote) {
        if (c === "\\" && quote !== "'") i += 1;
        else if (quote === '"' && line.startsWith("$(", i)) i = matchingParen(line, i + 1);
        else if (c === quote[quote.length - 1]) quote = "";
        i += 1;
        wordStart = false;
        continue;
      }
      if (c === "\\") { i += 2; wordStart = false; continue; }
      if (line.startsWith("$'", i)) {
        quote = "$'";
        i += 1;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "#" && wordStart) {
        break;
      } else if (line.startsWith("$((", i) || (wordStart && line.startsWith("((", i))) {
        i = matchingParen(line, c === "$" ? i + 1 : i) + 1;
        wordStart = false;
        continue;
      } else if (line.startsWith("<<<", i)) {
        i += 3;
        wordStart = true;
        continue;
      } else if (line.startsWith("<<", i)) {
        HEREDOC_AT.lastIndex = i;
        var match = HEREDOC_AT.exec(line);
        if (match) {
          var delimiter = [match[2], match[3], match[4]].filter(function (g) { return g !== undefined; })[0];
          found.push([delimiter, match[1] === "-"]);
          i = HEREDOC_AT.lastIndex;
          wordStart = false;
          continue;
        }
      }
      wordStart = " \t;&|()<>".indexOf(c) >= 0;
      i += 1;
    }
    return found;
  }

  // shell.py's
  function continues(line) {
    var text = rstrip(line);
    var n = 0;
    while (n < text.length && text[text.length - 1 - n] === "\\") n++;
    return n % 2 === 1;
  }

  // shell.py's _quotes
  function quoteAtEnd(line, quote) {
    var wordStart = !quote;
    var i = 0;
    while (i < line.length) {
      var c = line[i];
      if (quote) {
        if (c === "\\" && quote !== "'") i += 1;
        else if (c === quote[quote.length - 1]) quote = "";
      } else if (c === "\\") {
        i += 1;
      } else if (c === "#" && wordStart) {
        return "";
      } else if (line.startsWith("$'", i)) {
        quote = "$'";
        i += 1;
      } else if (c === "'" || c === '"') {
        quote = c;
      }
      wordStart = !quote && " \t;&|()<>".indexOf(c) >= 0;
      i += 1;
    }
    return quote;
  }

  // [index of the start line, the logical line] for each command line of a block.
  function logicalLines(lines) {
    var out = [];
    var i = 0;
    while (i < lines.length) {
      var index = i;
      var line = lines[i];
      i += 1;
      var prompt = PROMPT.exec(line);
      if (prompt) line = line.slice(prompt[0].length);
      // As shell.py: each joined part is read with the quote state carried over.
      var quote = quoteAtEnd(line, "");
      while (i < lines.length) {
        if (continues(line)) {
          var following = lstripChars(lines[i], "> ");
          var p = PROMPT.exec(following);
          if (p) following = following.slice(p[0].length);
          line = rstrip(line).slice(0, -1) + " ";
          line += following;
          quote = quoteAtEnd(following, quote);
        } else if (quote) {
          line += "\n" + lines[i];
          quote = quoteAtEnd(lines[i], quote);
        } else {
          break;
        }
        i += 1;
      }
      if (line.indexOf("<<") >= 0) {
        heredocs(line).forEach(function (doc) {
          while (i < lines.length) {
            var body = doc[1] ? lines[i].replace(STRIP, "") : rstrip(lines[i]);
            i += 1;
            if (body === doc[0]) break;
          }
        });
      }
      out.push([index, line]);
    }
    return out;
  }

  function matchingParen(text, start) {
    var depth = 0;
    var quote = "";
    var i = start;
    while (i < text.length) {
      var c = text[i];
      if (quote) {
        if (c === "\\" && quote === '"') i += 1;
        else if (c === quote) quote = "";
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "\\") {
        i += 1;
      } else if (c === "(") {
        depth += 1;
      } else if (c === ")") {
        depth -= 1;
        if (depth === 0) return i;
      }
      i += 1;
    }
    return text.length;
  }

  // The simple commands of one logical line, as word arrays; substitutions come first.
  function splitCommands(text, nesting) {
    nesting = nesting || 0;
    if (PLAIN.test(text)) {
      var plain = text.match(WORD);
      return plain ? [plain] : [];
    }
    var commands = [];
    var words = [];
    var buf = null;
    var skipNextWord = false;
    var i = 0;
    var n = text.length;

    function endWord() {
      if (buf !== null) {
        if (skipNextWord) skipNextWord = false;
        else words.push(buf.join(""));
      }
      buf = null;
    }
    function endCommand() {
      endWord();
      if (words.length) commands.push(words);
      words = [];
    }
    function inner(at, end) {
      if (nesting < MAX_NESTING) {
        splitCommands(text.slice(at, end), nesting + 1).forEach(function (w) { commands.push(w); });
      }
    }
    function add(part) { buf = (buf || []).concat([part]); }

    while (i < n) {
      ORDINARY.lastIndex = i;
      var ordinary = ORDINARY.exec(text);
      if (ordinary) {
        add(ordinary[0]);
        i = ORDINARY.lastIndex;
        continue;
      }
      var c = text[i];
      var j, end;
      if (c === " " || c === "\t" || c === "\r" || c === "\n") {
        endWord();
        i += 1;
      } else if (c === "#" && buf === null) {
        break;
      } else if (c === "\\") {
        add(text.slice(i + 1, i + 2));
        i += 2;
      } else if (text.startsWith("$'", i)) {
        j = i + 2;
        var chars = [];
        while (j < n && text[j] !== "'") {
          chars.push(text[j] === "\\" && j + 1 < n ? text[j + 1] : text[j]);
          j += text[j] === "\\" ? 2 : 1;
        }
        add(chars.join(""));
        i = j + 1;
      } else if (c === "'") {
        j = text.indexOf("'", i + 1);
        j = j < 0 ? n : j;
        add(text.slice(i + 1, j));
        i = j + 1;
      } else if (c === '"') {
        j = i + 1;
        var part = [];
        while (j < n && text[j] !== '"') {
          if (text[j] === "\\" && j + 1 < n) {
            part.push(text[j + 1]);
            j += 2;
          } else if (text.startsWith("$(", j) && !text.startsWith("$((", j)) {
            end = matchingParen(text, j + 1);
            inner(j + 2, end);
            part.push(text.slice(j, end + 1));
            j = end + 1;
          } else {
            part.push(text[j]);
            j += 1;
          }
        }
        buf = (buf || []).concat(part);
        i = j + 1;
      } else if (text.startsWith("$((", i)) {
        end = matchingParen(text, i + 1);
        add(text.slice(i, end + 1));
        i = end + 1;
      } else if (text.startsWith("$(", i)) {
        end = matchingParen(text, i + 1);
        inner(i + 2, end);
        add(text.slice(i, end + 1));
        i = end + 1;
      } else if (c === "`") {
        j = text.indexOf("`", i + 1);
        j = j < 0 ? n : j;
        inner(i + 1, j);
        add(text.slice(i, j + 1));
        i = j + 1;
      } else if (c === "<" && placeholderAt(text, i)) {
        var placeholder = placeholderAt(text, i);
        add(placeholder);
        i += placeholder.length;
      } else if (c === "<" || c === ">") {
        if (buf !== null && isDigits(buf.join(""))) buf = null;
        endWord();
        while (i < n && (text[i] === "<" || text[i] === ">")) i += 1;
        if (i < n && text[i] === "&") {
          i += 1;
          while (i < n && (/[0-9]/.test(text[i]) || text[i] === "-")) i += 1;
        } else {
          if (i < n && text[i] === "|") i += 1;
          skipNextWord = true;
        }
      } else {
        var op = null;
        for (var k = 0; k < OPERATORS.length; k++) {
          if (text.startsWith(OPERATORS[k], i)) { op = OPERATORS[k]; break; }
        }
        if (op) {
          endCommand();
          i += op.length;
        } else {
          add(c);
          i += 1;
        }
      }
    }
    endCommand();
    return commands;
  }

  function placeholderAt(text, i) {
    PLACEHOLDER.lastIndex = i;
    var match = PLACEHOLDER.exec(text);
    return match ? match[0] : null;
  }

  // -- difflib.get_close_matches (n=1), on code points as Python counts them ----------------------

  function matchingCharacters(a, b) {
    var b2j = new Map();
    b.forEach(function (ch, j) {
      if (!b2j.has(ch)) b2j.set(ch, []);
      b2j.get(ch).push(j);
    });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0;
      var j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var newj2len = new Map();
        var js = b2j.get(a[i]) || [];
        for (var t = 0; t < js.length; t++) {
          var j = js[t];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          newj2len.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = newj2len;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var total = 0;
    var queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop();
      var m = longest(q[0], q[1], q[2], q[3]);
      var i = m[0], j = m[1], k = m[2];
      if (k) {
        total += k;
        if (q[0] < i && q[2] < j) queue.push([q[0], i, q[2], j]);
        if (i + k < q[1] && j + k < q[3]) queue.push([i + k, q[1], j + k, q[3]]);
      }
    }
    return total;
  }

  function closeMatch(word, options, cutoff) {
    cutoff = cutoff === undefined ? 0.6 : cutoff;
    var b = Array.from(word);
    var best = null, bestScore = -1;
    options.forEach(function (x) {
      var a = Array.from(x);
      var length = a.length + b.length;
      var score = length ? (2.0 * matchingCharacters(a, b)) / length : 1.0;
      if (score < cutoff) return;
      // heapq.nlargest on (score, option): ties go to the larger option.
      if (score > bestScore || (score === bestScore && x > best)) { best = x; bestScore = score; }
    });
    return best;
  }

  // -- catalog.py -------------------------------------------------------------------------------

  function Catalog(data) {
    this.data = data;
    this.commands = data.commands;
    this.aliases = data.aliases;
    this.children = {};
    var self = this;
    Object.keys(this.commands).concat(Object.keys(this.aliases)).forEach(function (name) {
      var cut = name.lastIndexOf(" ");
      var parent = cut < 0 ? "" : name.slice(0, cut);
      (self.children[parent] = self.children[parent] || {})[name.slice(cut + 1)] = true;
    });
    this.globalFlags = flagSet(data.global_flags);
    this.flagSets = {};
    this.everyCommandFlag = data.every_command_flag;
    this.stopAtArgument = toSet(data.stop_at_argument);
    this.unchecked = toSet(data.unchecked_plugins);
    this.runsWithArguments = toSet(data.runs_with_arguments);
    this.wrappers = data.wrappers;
    this.deprecations = data.deprecations;
    this.destructive = data.destructive;
  }

  function toSet(list) {
    var set = {};
    (list || []).forEach(function (item) { set[item] = true; });
    return set;
  }

  // The flags in the JSON: `long name,type letter (b switch, v takes a value),short letter,marks
  // (d deprecated, h hidden),anchor` joined by `;` (explain_page._flag_list).
  function flagSet(list) {
    var set = { byLong: {}, byShort: {}, visible: [] };
    list.split(";").forEach(function (text) {
      if (!text) return;
      var entry = text.split(",");
      var flag = {
        name: entry[0],
        takesValue: entry[1] !== "b",
        short: entry[2] || null,
        deprecated: (entry[3] || "").indexOf("d") >= 0,
        hidden: (entry[3] || "").indexOf("h") >= 0,
      };
      set.byLong[flag.name] = flag;
      if (flag.short) set.byShort[flag.short] = flag;
      if (!flag.hidden) set.visible.push(flag.name);
    });
    return set;
  }

  Catalog.prototype.canonical = function (path) {
    if (Object.prototype.hasOwnProperty.call(this.commands, path)) return path;
    return Object.prototype.hasOwnProperty.call(this.aliases, path) ? this.aliases[path] : null;
  };
  Catalog.prototype.isGroup = function (path) {
    return Object.prototype.hasOwnProperty.call(this.children, path);
  };
  Catalog.prototype.flags = function (canonical) {
    var f = this.commands[canonical].f;  // explain_page.EVERY_COMMAND_FLAG
    if (!this.flagSets[canonical]) this.flagSets[canonical] = flagSet(/(^|;)help,/.test(f) ? f : this.everyCommandFlag + ";" + f);
    return this.flagSets[canonical];
  };
  Catalog.prototype.suggestSubcommand = function (parent, word) {
    return closeMatch(word, Object.keys(this.children[parent] || {}).sort());
  };

  function has(set, key) { return Object.prototype.hasOwnProperty.call(set, key); }

  // -- commands.py ------------------------------------------------------------------------------

  function stripPrefix(words, catalog) {
    var i = 0;
    while (i < words.length) {
      var word = words[i];
      if (ASSIGNMENT.test(word) || RESERVED_WORDS.indexOf(word) >= 0) {
        i += 1;
      } else if (has(catalog.wrappers, word)) {
        var takesValue = catalog.wrappers[word];
        i += 1;
        while (i < words.length && words[i].startsWith("-") && Array.from(words[i]).length > 1) {
          i += takesValue.indexOf(words[i]) >= 0 ? 2 : 1;
        }
        i += takesValue.filter(function (item) { return item[0] !== "-"; }).length;
      } else {
        break;
      }
    }
    return words.slice(i);
  }

  function named(written, canonical) {
    return canonical && canonical !== written ? "`" + written + "` (`" + canonical + "`)" : "`" + written + "`";
  }

  function finding(message, fix, token) { return { message: message, fix: fix, token: token || "" }; }

  function unknownFlag(owner, label, written, where, guess) {
    return finding(
      label + " has no flag `" + written + "`" + where,
      guess ? "did you mean `--" + guess + "`?" : "see `" + owner + " --help` for its flags",
      written
    );
  }

  function noteFlag(flag, written, label, inv) {
    inv.flags.push(flag.name);
    inv.uses.push([written, flag.name]);
    if (written.startsWith("--")) inv.written_flags.push(written);
    if (flag.deprecated) {
      inv.findings.push(finding("`" + written + "` of " + label + " is deprecated in Docker 29",
        "remove it, " + LEGACY_HINT, written));
    } else if (flag.hidden && flag.name !== "help") {
      inv.findings.push(finding("`" + written + "` of " + label + " is an undocumented (hidden) spelling",
        "use the documented flag listed by `--help`", written));
    }
  }

  function suggest(flags, name) { return closeMatch(name, flags.visible); }

  function readFlags(words, i, flags, owner, inv, label, scope) {
    label = label || "`" + owner + "`";
    var at = inv.flags.length;
    var next = readFlag(words, i, flags, owner, inv, label);
    for (var k = at; k < inv.flags.length; k++) inv.scopes.push(scope);
    return next;
  }

  function readFlag(words, i, flags, owner, inv, label) {
    var word = words[i];
    if (word.startsWith("--")) {
      var rest = word.slice(2);
      var cut = rest.indexOf("=");
      var name = cut < 0 ? rest : rest.slice(0, cut);
      var flag = has(flags.byLong, name) ? flags.byLong[name] : null;
      if (!flag) {
        inv.findings.push(unknownFlag(owner, label, "--" + name, "", suggest(flags, name)));
        return i + 1;
      }
      noteFlag(flag, "--" + name, label, inv);
      if (flag.takesValue && cut < 0) {
        if (i + 1 >= words.length) {
          inv.findings.push(finding("flag `--" + name + "` of " + label + " needs a value",
            "write `--" + name + " <value>`", "--" + name));
        }
        return i + 2;
      }
      return i + 1;
    }
    var shorts = Array.from(word.slice(1));
    inv.written_flags.push(word.split("=")[0]);
    for (var j = 0; j < shorts.length; j++) {
      var letter = shorts[j];
      var f = has(flags.byShort, letter) ? flags.byShort[letter] : null;
      if (!f) {
        var cluster = shorts.length > 1;
        inv.findings.push(unknownFlag(owner, label, "-" + letter, cluster ? " (in `" + word + "`)" : "",
          cluster ? suggest(flags, shorts.join("")) : null));
        return i + 1;
      }
      noteFlag(f, "-" + letter, label, inv);
      if (f.takesValue) {
        if (j + 1 < shorts.length) return i + 1;
        if (i + 1 >= words.length) {
          inv.findings.push(finding("flag `-" + letter + "` of " + label + " needs a value",
            "write `-" + letter + " <value>`", "-" + letter));
        }
        return i + 2;
      }
    }
    return i + 1;
  }

  function isFlag(word) {
    return word.startsWith("-") && word.length > 1 && !/[0-9]/.test(word[1]);
  }

  // commands.parse(words, catalog, complete=True), with the flags' owners (`scopes`: "global",
  // the group, or "command") and each flag as written beside its long name (`uses`).
  function parse(words, catalog) {
    var inv = {
      path: "", canonical: null, flags: [], written_flags: [], arguments: [], findings: [],
      checked: true, uses: [], scopes: [],
    };
    var i = 1;
    while (i < words.length && isFlag(words[i])) {
      i = readFlags(words, i, catalog.globalFlags, "docker", inv, "", "global");
    }
    var path = "docker";
    while (i < words.length) {
      var word = words[i];
      var candidate = path + " " + word;
      if (catalog.canonical(candidate) || catalog.isGroup(candidate)) {
        path = candidate;
        i += 1;
        continue;
      }
      if (path === "docker" && has(catalog.unchecked, word)) {
        inv.checked = false;
        return inv;
      }
      var group = catalog.canonical(path);
      if (isFlag(word) && catalog.isGroup(path) && group) {
        i = readFlags(words, i, catalog.flags(group), path, inv, "", path);
        continue;
      }
      if (catalog.isGroup(path) && !isFlag(word)) {
        if (group && has(catalog.runsWithArguments, group)) break;
        inv.findings.push(unknownCommand(catalog, path, word, words.slice(i + 1)));
        return inv;
      }
      break;
    }
    inv.path = path;
    inv.canonical = catalog.canonical(path);
    if (inv.canonical === null) return inv;
    var label = named(path, inv.canonical);
    if (catalog.commands[inv.canonical].x) {
      inv.findings.push(finding(label + " is deprecated", "use its replacement, " + LEGACY_HINT, path));
    }
    var flags = catalog.flags(inv.canonical);
    var stop = has(catalog.stopAtArgument, inv.canonical);
    while (i < words.length) {
      var w = words[i];
      if (w === "--") {
        inv.arguments = inv.arguments.concat(words.slice(i + 1));
        break;
      }
      if (isFlag(w)) {
        i = readFlags(words, i, flags, path, inv, label, "command");
        continue;
      }
      inv.arguments.push(w);
      if (stop) {
        inv.arguments = inv.arguments.concat(words.slice(i + 1));
        break;
      }
      i += 1;
    }
    return inv;
  }

  function unknownCommand(catalog, parent, word, rest) {
    var guess = catalog.suggestSubcommand(parent, word);
    if (guess) {
      var full = parent + " " + guess;
      if (rest.length && catalog.isGroup(full) && catalog.canonical(full + " " + rest[0])) full = full + " " + rest[0];
      return finding("unknown command `" + parent + " " + word + "`", "did you mean `" + full + "`?", word);
    }
    return finding("unknown command `" + parent + " " + word + "`", "run `" + parent + " --help` to list its commands", word);
  }

  // -- command_checks.py ------------------------------------------------------------------------

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }
  var ALNUM = new RegExp("^[" + W + "]$", "u");
  var phrasesCache = {};

  function deprecationsIn(text, catalog) {
    var present = [];
    catalog.deprecations.phrases.forEach(function (entry) {
      if (text.indexOf(entry[0]) >= 0) present.push(entry);
    });
    if (!present.length) return [];
    var key = present.map(function (e) { return e[0]; }).join("\u0000");
    var pattern = phrasesCache[key];
    if (!pattern) {
      var parts = present.map(function (entry) {
        var phrase = entry[0];
        var chars = Array.from(phrase);
        var first = chars[0], last = chars[chars.length - 1];
        var head = ALNUM.test(first) && first !== "_" || first === "-" ? "(?<![" + W + "-])" : "";
        var tail = ALNUM.test(last) && last !== "_" ? "(?![" + W + "-])" : "";
        return { text: head + escapeRegExp(phrase) + tail, length: phrase.length };
      });
      parts.sort(function (a, b) { return b.length - a.length; });
      pattern = phrasesCache[key] = new RegExp(parts.map(function (p) { return p.text; }).join("|"), "gu");
    }
    var byPhrase = {};
    present.forEach(function (entry) { byPhrase[entry[0]] = entry[1]; });
    var found = [];
    pattern.lastIndex = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      found.push([match[0], byPhrase[match[0]]]);
      if (match[0] === "") pattern.lastIndex += 1;
    }
    return found;
  }

  function destructiveReason(canonical, flags, catalog) {
    var rule = has(catalog.destructive, canonical) ? catalog.destructive[canonical] : null;
    if (!rule) return "";
    var needed = rule[1] || [];
    if (needed.length && !needed.some(function (flag) { return flags.indexOf(flag) >= 0; })) return "";
    // Each flag used says what it deletes (command_checks.destructive_reason): rule[2].
    var flagWhy = rule[2] || {};
    var reasons = needed.filter(function (flag) { return flags.indexOf(flag) >= 0 && has(flagWhy, flag); })
      .map(function (flag) { return flagWhy[flag]; });
    return reasons.length ? reasons.join("; ") : rule[0];
  }

  // -- the explain page's reading of a paste (explain_page.read_commands in Python) ------------

  // Dockerfile `RUN` lines: what follows the instruction and its options is a shell command.
  function runCommand(line) {
    var match = RUN_LINE.exec(line);
    if (!match) return line;
    var rest = line.slice(match[0].length);
    var option;
    while ((option = RUN_OPTION.exec(rest))) rest = rest.slice(option[0].length);
    return rest;
  }

  function readCommands(text, catalog) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    var out = [];
    logicalLines(lines).forEach(function (logical) {
      splitCommands(runCommand(logical[1])).forEach(function (raw) {
        var words = stripPrefix(raw, catalog);
        if (!words.length || (words[0] !== "docker" && words[0] !== "docker-compose")) return;
        var legacy = deprecationsIn(words.join(" "), catalog);
        var covered = [];
        legacy.forEach(function (m) { covered = covered.concat(m[0].split(/\s+/)); });
        var result = {
          line: logical[0] + 1, words: words, path: "", canonical: null, checked: true, flags: [],
          uses: [], scopes: [], findings: [],
          legacy: legacy.map(function (m) { return [m[0], m[1]]; }), destructive: "",
        };
        if (words[0] === "docker") {
          var inv = parse(words, catalog);
          result.path = inv.path;
          result.canonical = inv.canonical;
          result.checked = inv.checked;
          result.flags = inv.flags;
          result.uses = inv.uses;
          result.scopes = inv.scopes;
          result.findings = inv.findings.filter(function (f) { return !(f.token && covered.indexOf(f.token) >= 0); });
          if (inv.canonical) result.destructive = destructiveReason(inv.canonical, inv.flags, catalog);
        }
        out.push(result);
      });
    });
    return out;
  }

  var api = {
    Catalog: Catalog,
    readCommands: readCommands,
    splitCommands: splitCommands,
    logicalLines: logicalLines,
    closeMatch: closeMatch,
    parse: parse,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.cheatsheetExplainParser = api;
})(this);
