/*
 * Search that works from file://, understands flags and commands, forgives typos and highlights
 * whole words. Loaded (deferred, in document order) right before Material's bundle, which
 * creates the search worker.
 *
 * 1. Browsers refuse `new Worker(url)` on pages opened from disk, so Material's search worker
 *    never starts there. FrameWorker runs the same worker script inside a hidden iframe of this
 *    page's origin and passes messages as events, so the worker code runs unchanged. (squidfunk's
 *    iframe-worker shim, which Material's offline plugin loads, writes an inline script into its
 *    frame instead, which the site's Content Security Policy blocks: see the README.)
 * 2. Lunr reads a leading `-` as "must not contain" and rejects `--rm` or `-it`, and splits
 *    words at dashes. The build adds tokens to the index (cheatsheet/search.py): `xflagrm` for
 *    a flag, `xcmdcontainerls` for a command, `xdfhealthcheck` for a Dockerfile instruction.
 *    A typed flag is rewritten to its token before the query reaches the worker; a command
 *    (`container ls`, `docker compose up`, `rmi`) or instruction gets its token added when the
 *    index has it. Tokens carry `^1` so Material does not make them prefixes (`xcmdrm*` would
 *    also find `xcmdrmi`). A task in readers' words (`display detailed information on a
 *    container`) gets the commands its verbs may mean next to their object, by stem and by
 *    data/search-verbs.yaml; when a verb may mean several, the ones whose meaning says most of
 *    the query's other words stay, weighted by how many words point to them; with none, one word
 *    naming a command alone (`login`, the index's `alone`). A command whose own meaning says every
 *    word of the task (`give an image another name`: `image tag`) is meant by all of them, over
 *    a command an everyday word of it names (commandTokens).
 * 3. Stop words leave the query (Material would make `a` the prefix `a*`), and word pairs of the
 *    task vocabulary (data/tasks.yaml) get their token, so `remove all stopped containers`
 *    finds the section the vocabulary gives that task to; a pair the vocabulary says with
 *    another of the reader's verbs (`delete build cache`) too.
 * 4. Typos: when a word of the query finds nothing, the query runs once more with that word
 *    corrected to the command, instruction or topic word one edit away (`imgae prune` -> `image
 *    prune`), else fuzzy (`word~1`); only that second result is shown.
 * 5. Landing on a page from a result (`?h=…`), Material highlights every fragment that starts
 *    like a query word, mid-word too (inf*it*y for `-it`). This script takes `h` off the URL
 *    before Material reads it and highlights whole words that start with a query word, and
 *    flags only as whole flags.
 */
(function () {
  "use strict";

  // Material's SearchMessageType (SETUP = 0, READY = 1, QUERY = 2, RESULT = 3).
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var FLAG = /^-{1,2}([A-Za-z0-9][\w.-]*)(=.*)?$/;
  var WORD = /^[a-z][a-z0-9-]*$/i;
  var TOKEN = /^x(flag|cmd|df|pair|topic)/;
  var FUZZY_MIN = 4; // shorter words have too many neighbours one edit away
  var COMMAND_WORDS = 4; // the longest command path after `docker`: `buildx history inspect attachment`

  // Lunr's English stop words, from the index (cheatsheet/search.py). The index leaves them out,
  // but Material's query keeps them and makes each a prefix: `a*` in `create a network` matches
  // every word starting with "a" (arg, addresses, arm) and buries the answer. They are dropped
  // from the query unless it has nothing else.
  var stopWords = new Set();
  // Instruction token -> readers' words for it (the index's config.instructions, from
  // data/instructions.yaml), each as its words' stems without stop words: its name where it is
  // no everyday English word (`workdir`, not `copy`), and phrases (`change directory`).
  var instructionWords = {};
  // The instructions the last query rewritten means (rewriteQuery), for the preview's lines.
  var meantInstructions = [];
  // Section location -> its preview lines as the index has them: Material's result keeps only
  // the lines with a word of the query, and a line of an instruction meant by readers' words
  // (`change directory`: `WORKDIR /app`) has none of them (pickLines).
  var previewOf = {};

  // Tokens the index holds (from the SETUP message), so only real commands get one.
  var known = new Set();
  // Index token -> what the reader typed, to show and highlight their words, not ours.
  var typed = {};
  // The flags the last query rewritten names, with their commands (namedFlags), for rerank.
  var named = [];
  // The commands the last query rewritten names surely (commandTokens), for the preview's lines.
  var sure = [];
  // Every command the last query rewritten names, sure or not (`which context` may mean
  // `context ls`), for the preview's lines too.
  var meantCommands = [];

  function token(prefix, text) {
    return prefix + text.toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  // As cheatsheet/search.py's flag_token: flags keep their case (`-p` is not `-P`), a capital
  // written as its small letter and `0`, since Lunr lowers every token.
  function flagToken(text) {
    return prefix.flag + text.replace(/[^A-Za-z0-9]/g, "").replace(/[A-Z]/g, function (c) { return c.toLowerCase() + "0"; });
  }

  // The words of the site's command paths and aliases (`history`, `stats`), as pairs compare words.
  var commandWords = new Set();
  // Words of commands and instructions, to correct a misspelt one (`imgae` -> `image`).
  var vocabulary = [];
  // The tokens' prefixes (`xflag`, `xcmd`, …), from the index's config: cheatsheet/search.py
  // names them once, and the index brings them here.
  var prefix = {};

  // Section location -> its examples (each example's result follows its section's in the index:
  // cheatsheet/search.py) as {text: its command line, about: what it does, in words}, to preview
  // a section with the lines that match.
  var sectionLines = {};
  // Reader word -> the command words it may mean (`delete` -> `rm`, `prune`), from the index's
  // config (data/search-verbs.yaml): to find a command typed in readers' words and order, and
  // to choose preview lines.
  var verbs = {};
  // One-word commands a task may name by that word alone (`login to a private registry`), from
  // the index's config (cheatsheet/search.py's alone_commands).
  var alone = new Set();
  // Command token -> what it and its flags do, in words (the index's `about`, flags' names
  // included), to choose among the commands a verb may mean.
  var described = {};
  // Command token -> its own meaning alone (its name's words and its sentence, no flag's).
  var ownMeaning = {};

  // How an example's result location is told from a section's (`#ex-…`, the index's config).
  var exampleMark = null;
  function isExample(location) {
    return !!exampleMark && location.indexOf(exampleMark) >= 0;
  }

  // Readers' words that mean no more than this one does (`delete`, `erase` for `remove`: each
  // of the command words they may mean, this one may mean too), as pairs compare words.
  var synonymCache = new Map();
  function synonyms(word) {
    var found = synonymCache.get(word);
    if (found) return found;
    var mine = new Set(meant(word).slice(1));
    found = !mine.size ? [] : Object.keys(verbs).filter(function (other) {
      return other !== word && verbs[other].every(function (c) { return mine.has(c); });
    });
    synonymCache.set(word, found);
    return found;
  }

  // Whether a word is a stop word data/search-verbs.yaml gives as a reader's verb: a question
  // word (`which`, `why`; see commandTokens).
  function asked(word) {
    return stopWords.has(word) && Object.prototype.hasOwnProperty.call(verbs, pairWord(word));
  }

  // The command words a reader's word may mean: the word itself, and the verbs it is (as typed,
  // without plural `s`, or its stem: `detailed` is `details`).
  function meant(word) {
    var plain = pairWord(word);
    return [plain].concat(verbs[plain] || [], verbs[pairWord(stem(word))] || []);
  }

  function learn(index) {
    known = new Set();
    sectionLines = {};
    previewOf = {};
    var section = "";
    var sectionTitle = "";
    var words = new Set();
    saying = [];
    usesOf = {};
    docOf = {};
    wordsOfCache = new Map();
    docFrequencyCache = new Map();
    formFrequencyCache = new Map();
    headWordsCache = new Map();
    commandWords = new Set();
    stopWords = new Set(index && index.config && index.config.stop_words || []);
    prefix = index && index.config && index.config.prefixes || {};
    verbs = {};
    Object.keys(index && index.config && index.config.verbs || {}).forEach(function (word) {
      // keyed as a query word is looked up: plural `s` off (`details` finds `detailed` too)
      var key = pairWord(word);
      verbs[key] = (verbs[key] || []).concat(index.config.verbs[word]);
    });
    synonymCache = new Map();
    phrases = [];
    var readers = index && index.config && index.config.phrases || {};
    // longest first: `sign out` before a shorter phrase it holds
    Object.keys(readers).sort(function (a, b) { return b.length - a.length; }).forEach(function (said) {
      var words = said.split(" ").map(escape).join("\\s+");
      phrases.push({ pattern: new RegExp("(^|\\s)" + words + "(?=$|[\\s?!.,;:])", "gi"), word: readers[said] });
    });
    instructionWords = {};
    var instructionsSaid = index && index.config && index.config.instructions || {};
    Object.keys(instructionsSaid).forEach(function (t) {
      instructionWords[t] = instructionsSaid[t].map(function (phrase) {
        return phrase.split(" ").filter(function (w) { return w && !stopWords.has(w); }).map(stem);
      }).filter(function (words) { return words.length; });
    });
    alone = new Set(index && index.config && index.config.alone || []);
    exampleMark = "#" + (index && index.config && index.config.example_anchor);
    var example = exampleMark;
    var exampleBoost = index && index.config && index.config.example_boost;
    // A flag's entry is its meaning's words, then "|" and readers' words for it
    // (cheatsheet/search.py's flag_entry); flags only sections run have their readers' words in
    // config.readers. What a command or flag does is the whole entry.
    var meanings = {};
    var readersOf = {};
    var stored = index && index.config && index.config.about || {};
    Object.keys(stored).forEach(function (key) {
      var parts = String(stored[key]).split(READERS_MARK);
      meanings[key] = parts[0];
      if (!parts[1]) return;
      readersOf[key] = parts[1];
      // what the flag does, in words as cheatsheet/search.py's _words spells them
      var said = parts[1].split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1 && !stopWords.has(w); });
      meanings[key] = Array.from(new Set(parts[0].split(" ").concat(said))).filter(Boolean).join(" ");
    });
    var more = index && index.config && index.config.readers || {};
    Object.keys(more).forEach(function (key) { readersOf[key] = readersOf[key] || String(more[key]); });
    described = {};
    ownMeaning = {};
    flagsSaid = {};
    canonicalOf = {};
    Object.keys(meanings).forEach(function (key) {
      var parts = key.split(" ");
      var flag = parts[1] ? parts[1].slice(prefix.flag.length) : "";
      described[parts[0]] = (described[parts[0]] || " ") + meanings[key] + " " + flag + " ";
      if (!parts[1]) ownMeaning[parts[0]] = " " + meanings[key] + " ";
      if (parts[1]) (flagsSaid[parts[0]] = flagsSaid[parts[0]] || {})[parts[1]] = " " + meanings[key] + " " + flag + " ";
    });
    (index && index.docs || []).forEach(function (doc) {
      var location = doc.location || "";
      fillWords(doc, readersOf);
      if (location.indexOf(example) < 0) {
        section = location;
        sectionTitle = doc.title || "";
        if (doc.text && doc.text.indexOf("<pre><code>") >= 0) previewOf[location] = doc.text;
      } else if (section) {
        // the usual weight of an example, which the index writes once (cheatsheet/search.py)
        if (doc.boost === undefined && typeof exampleBoost === "number") doc.boost = exampleBoost;
        // its command as code: the index writes the command alone (cheatsheet/search.py)
        if (doc.text && doc.text.indexOf("<pre>") !== 0) doc.text = "<pre><code>" + doc.text + "</code></pre>";
        fillAbout(doc, meanings);
        // its explanation (the title, unless it has none and shows its section's), readers'
        // words for its flags and what its command does (the index's `about`)
        var about = [doc.title === sectionTitle ? "" : doc.title, doc.words, doc.about].join(" ");
        (sectionLines[section] = sectionLines[section] || []).push({ text: doc.text || "", about: about, location: location });
        saying.push(new Set(about.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean)));
        // its command tokens: the canonical's first, then its aliases' (cheatsheet/search.py)
        var commands = (doc.tokens || "").split(" ").filter(function (t) { return t.indexOf(prefix.command) === 0; });
        commands.forEach(function (t) { canonicalOf[t] = canonicalOf[t] || commands[0]; });
      }
      usesOf[location] = new Set((doc.tokens || "").split(" ").filter(Boolean));
      docOf[location] = doc;
      ["tokens", "subject", "mentions", "pairs", "skips", "topic"].forEach(function (field) {
        (doc[field] || "").split(" ").forEach(function (t) {
          if (!t) return;
          known.add(t);
          if (t.indexOf(prefix.instruction) === 0) words.add(t.slice(prefix.instruction.length));
          if (t.indexOf(prefix.topic) === 0 && t.length >= prefix.topic.length + FUZZY_MIN) {
            words.add(t.slice(prefix.topic.length));
          }
        });
      });
      (doc.keywords || "").split(" ").forEach(function (w) {
        if (w) commandWords.add(pairWord(w));
        if (w.length >= FUZZY_MIN) words.add(w);
      });
    });
    vocabulary = Array.from(words);
    sayersCache = new Map();
  }

  // -- the flag a query's rarer words name -------------------------------------------------------
  // A query's verb and object (`build` + `image`, `start` + `container`) name a common command,
  // whose section and every example match them; the words that carry the task (`for another
  // platform`, `automatically after a reboot`, `in privileged mode`) are said by the meaning of
  // one of its flags (`--platform`, `--restart`, `--privileged`), and the examples that run it
  // answer. So the flag's token joins the query, and only the examples and sections running that
  // flag gain. A word counts when it is rare: said by the meanings of fewer than RARE examples
  // (their explanation, readers' words for their flags, what their command and flags do), an
  // inverse document frequency over the examples; words every container or image command says
  // (`container`, `image`, `remove`) name no flag.
  var RARE = 64; // of the site's ~670 examples
  var COMMON_WORD = 0.5; // what a common word counts for in a command's meaning (commandTokens)
  var FLAGS_NAMED_MAX = 2; // more flags tied: the words name none of them
  // A result running a named flag with its command outweighs the command's section being about
  // the command (its `subject` field, twice a use's): the examples and sections that run the
  // flag come first (rerank).
  var NAMED_FLAG_WEIGHT = 3;
  // What each other flag an example runs takes from that weight (rerank): specificity.
  var OTHER_FLAG_COST = 0.25;
  var saying = []; // per example, the words of its meaning
  var sayersCache = new Map();
  // Command token (canonical or alias) -> its canonical's, as the index's `about` is keyed.
  var canonicalOf = {};
  // A result's location -> the command and flag tokens of what it runs (its `tokens`).
  var usesOf = {};
  // Canonical command token -> {flag token: what the flag does and readers' words for it}.
  var flagsSaid = {};

  // How many examples' meanings have a word starting with this stem (Lunr makes it a prefix).
  function sayers(stemmed) {
    var found = sayersCache.get(stemmed);
    if (found !== undefined) return found;
    found = 0;
    saying.forEach(function (said) {
      for (var word of said) if (word.indexOf(stemmed) === 0) { found++; return; }
    });
    sayersCache.set(stemmed, found);
    return found;
  }

  // The flags of the commands found that the query's other words name: the ones whose meaning
  // says most of its rare words, a word naming the flag itself counting double (`run a container
  // without network`: `--network`, though every network command says "network"). Words that
  // named the command (`support`, positions in `lower`) are left out. As {command, flag}:
  // canonical command token, flag token.
  // No command named (`limit memory without swap`, `pull every tag of a repository`): every
  // command's flags are candidates, a word of the query that is the command's last word (`pull`,
  // not its object `image`, which most commands share) counting for its flags too, a word naming a flag only as much as any other word
  // (`environment variable` names no command's `--environment`), and only the flags said best, by at least
  // UNNAMED_FLAG_MIN words, are named (a flag of two commands, `--memory-swap` of `run` and
  // `update`, is one flag).
  var UNNAMED_FLAG_MIN = 3;
  function namedFlags(lower, found, support) {
    var named = [];
    var unnamed = !found.length;
    var words = function (command) {
      return lower.filter(function (w, k) {
        return !stopWords.has(w) && /^[a-z0-9]+$/.test(w) && !(support[command] && support[command].has(k));
      });
    };
    var flagsOf = function (command, plain) {
      var canonical = canonicalOf[command] || command;
      var flags = flagsSaid[canonical] || {};
      // the query's words that are the command's verb, when no command was named
      var own = !unnamed ? 0 : plain.filter(function (w) {
        var word = pairWord(w);
        return commandWords.has(word) && canonical.slice(-word.length) === word;
      }).length;
      return Object.keys(flags).map(function (flag) {
        var name = flag.slice(prefix.flag.length);
        var said = plain.reduce(function (sum, w) {
          if (pairWord(w) === name || w === name) return sum + (unnamed ? 1 : 2);
          var root = stem(w);
          return sum + (sayers(root) < RARE && flags[flag].indexOf(" " + root) >= 0 ? 1 : 0);
        }, 0);
        return { command: canonical, flag: flag, said: said ? said + own : 0 };
      });
    };
    var keep = function (candidates, least) {
      var best = Math.max.apply(null, [0].concat(candidates.map(function (c) { return c.said; })));
      var chosen = candidates.filter(function (c) { return c.said && c.said === best; });
      if (best < least || new Set(chosen.map(function (c) { return c.flag; })).size > FLAGS_NAMED_MAX) return;
      chosen.forEach(function (c) {
        if (!named.some(function (n) { return n.command === c.command && n.flag === c.flag; })) {
          named.push({ command: c.command, flag: c.flag });
        }
      });
    };
    if (unnamed) {
      var plain = words("");
      keep([].concat.apply([], Object.keys(flagsSaid).map(function (c) { return flagsOf(c, plain); })), UNNAMED_FLAG_MIN);
    } else {
      found.forEach(function (command) { keep(flagsOf(command, words(command)), 1); });
      // Class: a qualifier dropped ("limit" vs "usage"). The words named a command for what it
      // shows (`limit the cpu usage of a container`: `usage` is `container stats`) and none of
      // its flags; the words left, when at least two are rare and a flag of another command on
      // the same object (its first word: `container`) says them all, ask for that flag
      // (`run --cpus`, "limit how many CPUs"), and its command joins. A question asks to see.
      if (!named.length && !lower.some(asked)) {
        var left = lower.filter(function (w, k) {
          return !stopWords.has(w) && /^[a-z0-9]+$/.test(w) && !found.some(function (c) { return support[c] && support[c].has(k); });
        });
        var rare = left.filter(function (w) { return sayers(stem(w)) < RARE; }).length;
        unnamed = true;
        var object = function (c) { return (ownMeaning[canonicalOf[c] || c] || "").trim().split(" ")[0]; };
        var objects = found.map(object);
        var others = Object.keys(flagsSaid).filter(function (c) { return objects.indexOf(object(c)) >= 0; });
        if (rare >= 2) keep([].concat.apply([], others.map(function (c) { return flagsOf(c, left); })), rare);
        if (named.length) named.forEach(function (n) { if (found.indexOf(n.command) < 0) found.push(n.command); });
      }
    }
    return named;
  }

  // Class 1 of issue #24, readers' words with no path: a phrase readers type for one of the
  // site's actions (`sign in`, `get rid of`: data/search-phrases.yaml) is read as the site's word
  // (`login`, `remove`) before anything else reads the query; its words alone mean other things
  // (`sign` starts `signal`, `get` is `pull`).
  var phrases = [];
  function readersPhrases(query) {
    var said = query;
    phrases.forEach(function (p) { said = said.replace(p.pattern, function (whole, before) { return before + p.word; }); });
    return said;
  }

  // Class 4 of issue #24, a partial word matching another: Material makes every query word a
  // prefix, so a word in the middle of a query finds longer words it merely starts ("sign in" ->
  // `signal`, a verb's stem -> another noun). Only the word the reader is still typing (the
  // query's last, as typed) may be unfinished. A result that has a middle word only as the start
  // of another word (no form of it: the word, a plural, `-ed`, `-ing`, a doubled consonant)
  // weighs PARTIAL_AWAY as much for each such word (a result's words: every field Lunr
  // indexes but the tokens, read once per result). Words with a dash, flags and stop words are
  // left alone, and so is a result with no word the middle word starts (a typo finds none:
  // retryQuery corrects it).
  var PARTIAL_AWAY = 0.5;
  var ENDINGS = /^(?:e|s|es|ed|d|ing|ies|ied|y|er|ers)?$/;
  var docOf = {};
  var wordsOfCache = new Map();

  function wordsOf(location) {
    var words = wordsOfCache.get(location);
    if (words) return words;
    var doc = docOf[location] || {};
    words = new Set();
    Object.keys(doc).forEach(function (field) {
      if (field === "location" || field === "tokens" || typeof doc[field] !== "string") return;
      doc[field].replace(/<[^>]*>/g, " ").toLowerCase().split(/[^a-z0-9]+/).forEach(function (w) { if (w) words.add(w); });
    });
    wordsOfCache.set(location, words);
    return words;
  }

  function formOf(root, word) {
    if (word.indexOf(root) !== 0) return false;
    var rest = word.slice(root.length);
    return ENDINGS.test(rest) || (rest[0] === root[root.length - 1] && ENDINGS.test(rest.slice(1)));
  }

  function middleWords(query) {
    var terms = (query || "").trim().split(/\s+/).map(function (term) {
      return term.replace(/(\w)['\u2019]s$/i, "$1").replace(/^[<([{"\u201c]+|[>)\]}?!.,;"\u201d]+$/g, "");
    }).filter(Boolean);
    return terms.slice(0, -1).filter(function (w) {
      return /^[a-z]+$/i.test(w) && !stopWords.has(w.toLowerCase());
    }).map(function (w) { return stem(w); });
  }

  function partialAway(groups, query) {
    var roots = middleWords(query);
    if (!roots.length) return groups;
    // a compound written as one word is no other word: `throwaway` for "throw it away",
    // `healthcheck` for "health check", `login` for "log in" (the rest is a word typed)
    var typedWords = new Set((query || "").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean));
    var moved = false;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        var words = wordsOf(item.location);
        if (!words.size) return;
        roots.forEach(function (root) {
          var starts = false;
          var whole = false;
          words.forEach(function (w) {
            if (w.indexOf(root) !== 0) return;
            starts = true;
            if (formOf(root, w) || typedWords.has(w.slice(root.length))) whole = true;
          });
          if (starts && !whole) {
            item.score *= PARTIAL_AWAY;
            moved = true;
          }
        });
      });
    });
    return moved ? reordered(groups) : groups;
  }

  // Results that run a named flag with its command (an example's own line, or a section's code)
  // weigh NAMED_FLAG_WEIGHT times more, then groups (pages) and their entries are ordered again
  // by score, as Material ordered them: the flag's token in the query finds every command's use
  // of the flag (`--platform` of `image pull` too), this keeps the command's.
  function rerank(groups, named) {
    if (!named || !named.length) return groups;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        var uses = usesOf[item.location];
        if (!uses) return;
        // (a result's tokens hold its commands' canonical tokens: cheatsheet/search.py)
        if (!named.some(function (n) { return uses.has(n.flag) && uses.has(n.command); })) return;
        // An example is about the flag as much as it runs few others: a nine-flag hardening
        // one-liner runs `--cpus` too, but the line running `--cpus` alone answers "limit the cpu".
        // A section likewise, by its line that runs it with fewest others (otherFlags).
        item.score *= NAMED_FLAG_WEIGHT / (1 + OTHER_FLAG_COST * otherFlags(item.location, named));
      });
    });
    return reordered(groups);
  }

  // How many flags besides the named ones a result runs with a named flag and its command. An
  // example: its own. A section: a general section outranked the one made for the goal, as
  // every section running the flag weighed the same (the daily options or a hardening one-liner
  // running it among a dozen flags, above the section on resource limits or on init). So a
  // section counts the other flags of its example that runs the flag with fewest, beyond
  // SECTION_FREE_FLAGS (a made-for-it section's line may set a few together); none when only
  // code outside its examples runs it.
  var SECTION_FREE_FLAGS = 3;
  function otherFlags(location, named) {
    var count = function (uses) {
      return Array.from(uses).filter(function (t) {
        return t.indexOf(prefix.flag) === 0 && !named.some(function (n) { return n.flag === t; });
      }).length;
    };
    if (isExample(location)) return count(usesOf[location]);
    var least = Infinity;
    (sectionLines[location] || []).forEach(function (example) {
      var uses = usesOf[example.location];
      if (uses && named.some(function (n) { return uses.has(n.flag) && uses.has(n.command); })) least = Math.min(least, count(uses));
    });
    return least === Infinity ? 0 : Math.max(0, least - SECTION_FREE_FLAGS);
  }

  // Each page's entries, then the pages, by score again, as Material ordered them.
  function reordered(groups) {
    groups.forEach(function (group) { group.sort(function (x, y) { return y.score - x.score; }); });
    return groups.sort(function (x, y) { return (y[0] ? y[0].score : 0) - (x[0] ? x[0].score : 0); });
  }

  // A section headed by every word the reader typed, or whose heading is all in what the reader
  // pasted, comes first, whatever commands those words may name: an error message pasted as it
  // appeared ("port is already allocated", "no space left on device" on the troubleshooting
  // page) or a heading typed as it reads. Its words would
  // otherwise each pull toward a command or flag of their own (`device`: `--device`). At least
  // HEADED_WORDS_MIN words other than stop words, so one or two words naming a topic
  // (`volumes`) are left to the ranking above.
  var HEADED_WORDS_MIN = 3;
  function headedFirst(groups, query) {
    var words = (query || "").toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w && !stopWords.has(w); });
    if (words.length < HEADED_WORDS_MIN) return groups;
    // Class: a heading typed in another form of its words ("why does my container exit
    // immediately" for "The container exits immediately"): the words typed compare with the
    // heading's by their stems, when the reader typed HEADED_WORDS_MIN words (a compound such
    // as `multi-stage` is one: "multi-stage build" names a topic, left to the ranking above).
    var typedWords = (query || "").toLowerCase().split(/\s+/).filter(function (w) { return w && !stopWords.has(w); });
    var stems = typedWords.length >= HEADED_WORDS_MIN ? words.map(stem) : null;
    var top = 0;
    groups.forEach(function (group) { group.forEach(function (item) { top = Math.max(top, item.score); }); });
    var headed = false;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (isExample(item.location)) return;
        var heading = plainLine(item.title || "").toLowerCase().split(/[^a-z0-9]+/).filter(function (w) {
          return w && !stopWords.has(w);
        });
        // the words typed are the heading's, or the heading is all in what was pasted (the
        // message with the daemon's prefix and the names of the reader's own containers)
        var said = new Set(heading);
        var saidStems = new Set(heading.map(stem));
        var typed = new Set(words);
        if (!words.every(function (w) { return said.has(w); }) &&
            !(stems && stems.every(function (w) { return saidStems.has(w); })) &&
            !(heading.length >= HEADED_WORDS_MIN && heading.every(function (w) { return typed.has(w); }))) return;
        item.score += top;
        headed = true;
      });
    });
    return headed ? reordered(groups) : groups;
  }

  // -- round 15 of issue #24: rarity, coverage, verb context, no destructive line first --------
  // Class 2, one everyday word deciding rank 1 (`up` found Swarm's updates for "how long has my
  // container been up"), and class 3, a broader neighbour over the section made for the task:
  // Lunr weighs a word by its rarity, but a section's prose says most everyday words, and the
  // tokens and boosts the rewrite adds outweigh the words themselves. So each result is weighed
  // again by how much of the query it covers: the query's distinct words (stemmed, no stop
  // words), each weighing its inverse document frequency over the index's own results (BM25's
  // idf: a word most sections and examples say, `container`, `image`, `run`, counts little), and
  // the share of that weight the result's own words say, each word once (a word said ten times
  // covers no more than once). A section's own words are its title, tasks, command words and
  // first lines with those of one of its examples, its best, not its prose: an example that says
  // the query's rare words through its line, explanation and flags' meanings outranks a section
  // that shares a noun. Its score is multiplied by (COVERAGE_FLOOR + share) ^ COVERAGE_POWER.
  var COVERAGE_FLOOR = 0.25;
  var COVERAGE_POWER = 2;
  var COVERAGE_WORDS_MIN = 2; // one word is Lunr's to rank
  var HEAD_FIELDS = ["title", "tasks", "keywords", "text"];
  var formFrequencyCache = new Map();
  var headWordsCache = new Map();

  // How many of the index's results have a form of the word (formOf: the word, a plural, `-ed`…).
  function formFrequency(root) {
    var found = formFrequencyCache.get(root);
    if (found !== undefined) return found;
    found = 0;
    Object.keys(docOf).forEach(function (location) {
      var has = false;
      wordsOf(location).forEach(function (w) { if (!has && formOf(root, w)) has = true; });
      if (has) found++;
    });
    formFrequencyCache.set(root, found);
    return found;
  }

  function rarity(root) {
    var all = Object.keys(docOf).length;
    var n = formFrequency(root);
    return Math.log(1 + (all - n + 0.5) / (n + 0.5));
  }

  // The query's distinct words as stems, each with its weight, the command words it may mean
  // as a reader's verb (`usage`: `stats`), and the command it names surely, if any (`login`:
  // `docker login`), which only a result running that command says.
  function weighedWords(query, wanted) {
    var seen = {};
    var sureOnes = (wanted && wanted.sure) || [];
    return (query || "").replace(/(\w)['\u2019]s\b/gi, "$1").toLowerCase().split(/[^a-z0-9]+/).filter(function (w) {
      return w.length >= 2 && /^[a-z]+$/.test(w) && !stopWords.has(w);
    }).filter(function (w) {
      if (seen[stem(w)]) return false;
      seen[stem(w)] = true;
      return true;
    }).map(function (w) {
      var root = stem(w);
      var plain = pairWord(w);
      var names = sureOnes.filter(function (t) { return t.slice(-plain.length) === plain; });
      // a verb that may mean one command word only (`usage`: `stats`)
      var verbs = Array.from(new Set(meant(w).slice(1)));
      return { root: root, weight: rarity(root), verb: verbs.length === 1 ? verbs[0] : "", command: names[0] || "" };
    });
  }

  function headWords(location) {
    var words = headWordsCache.get(location);
    if (words) return words;
    var doc = docOf[location] || {};
    words = new Set();
    HEAD_FIELDS.forEach(function (field) {
      if (typeof doc[field] !== "string") return;
      doc[field].replace(/<[^>]*>/g, " ").toLowerCase().split(/[^a-z0-9]+/).forEach(function (w) { if (w) words.add(w); });
    });
    headWordsCache.set(location, words);
    return words;
  }

  // The share of the query's weight these word sets say (a word in any of them counts once),
  // for a result running these commands and flags (`uses`).
  function saidShare(wanted, sets, uses) {
    var total = 0;
    var said = 0;
    wanted.forEach(function (q) {
      total += q.weight;
      var has = q.command ? uses.has(q.command) : q.verb && Array.from(uses).some(function (t) {
        return t.indexOf(prefix.command) === 0 && t.slice(-q.verb.length) === q.verb;
      }) || sets.some(function (words) {
        if (words.has(q.root)) return true;
        for (var w of words) if (formOf(q.root, w)) return true;
        return false;
      });
      if (has) said += q.weight;
    });
    return total ? said / total : 0;
  }

  // A result running a flag the query's words name with its command (namedFlags) says what
  // those words ask for: it covers the query (`build an image for a different platform`: the
  // multi-platform section, though "different" is a rarer word of another section's prose).
  function coverage(location, wanted, named) {
    var uses = usesOf[location] || new Set();
    if ((named || []).some(function (n) { return uses.has(n.flag) && uses.has(n.command); })) return 1;
    var lines = !isExample(location) && sectionLines[location];
    if (!lines) return saidShare(wanted, [wordsOf(location)], uses);
    var head = headWords(location);
    return lines.reduce(function (best, example) {
      return Math.max(best, saidShare(wanted, [head, wordsOf(example.location)], uses));
    }, saidShare(wanted, [head], uses));
  }

  function covered(groups, query, asked) {
    var wanted = weighedWords(query, asked);
    if (wanted.length < COVERAGE_WORDS_MIN) return groups;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (!docOf[item.location]) return;
        item.score *= Math.pow(COVERAGE_FLOOR + coverage(item.location, wanted, asked && asked.named), COVERAGE_POWER);
      });
    });
    return reordered(groups);
  }

  // Class 4, build vs run: a warning printed when a container starts ("The requested image's
  // platform … does not match") found the build section that uses the same flag. A query that
  // says run-time words and no build word (or the reverse) wants the commands of that family:
  // a result whose commands are all of the other family (an example's own; a section's, by
  // most of its examples) weighs FAMILY_AWAY as much. Known from each result's command tokens.
  var FAMILY_AWAY = 0.5;
  var RUN_WORDS = new Set(["container", "containers", "running", "run", "runs", "started", "start", "starts", "requested", "exec"]);
  var BUILD_WORDS = new Set(["build", "builds", "building", "built", "dockerfile", "bake", "buildx", "compile", "compiled"]);
  function familyOf(tokens) {
    var run = 0;
    var build = 0;
    tokens.forEach(function (t) {
      var command = canonicalOf[t] || t;
      if (command.indexOf(prefix.command) !== 0) return;
      var path = command.slice(prefix.command.length);
      if (path.indexOf("container") === 0) run++;
      else if (path.indexOf("build") === 0) build++;
    });
    return run > build ? "run" : build > run ? "build" : "";
  }
  function resultFamily(location) {
    var lines = !isExample(location) && sectionLines[location];
    if (!lines) return familyOf(Array.from(usesOf[location] || []));
    var votes = { run: 0, build: 0 };
    lines.forEach(function (example) {
      var family = familyOf(Array.from(usesOf[example.location] || []));
      if (family) votes[family]++;
    });
    return votes.run > votes.build ? "run" : votes.build > votes.run ? "build" : "";
  }
  function queryFamily(query) {
    var words = (query || "").replace(/(\w)['\u2019]s\b/gi, "$1").toLowerCase().split(/[^a-z0-9]+/);
    var run = words.some(function (w) { return RUN_WORDS.has(w); });
    var build = words.some(function (w) { return BUILD_WORDS.has(w); });
    return run && !build ? "run" : build && !run ? "build" : "";
  }
  function verbContext(groups, query) {
    var wanted = queryFamily(query);
    if (!wanted) return groups;
    var moved = false;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        var family = resultFamily(item.location || "");
        if (!family || family === wanted) return;
        item.score *= FAMILY_AWAY;
        moved = true;
      });
    });
    return moved ? reordered(groups) : groups;
  }

  // Class 5, a destructive line shown for a query that does not ask to delete: an example the
  // build marks destructive (data/destructive.yaml: the index's `destructive`) weighs
  // DESTRUCTIVE_AWAY as much, and a preview shows it after the other matching lines, unless a
  // word of the query asks to delete, force or kill (as typed, or a verb meaning such a command).
  var DESTRUCTIVE_AWAY = 0.5;
  var DELETING_WORDS = new Set(["delete", "remove", "rm", "prune", "purge", "wipe", "clean", "clear", "erase", "destroy",
    "kill", "force", "forget", "tidy", "free", "reclaim", "down", "empty"]);
  var DELETING_COMMANDS = ["rm", "rmi", "prune", "kill", "down"];
  function asksToDelete(query) {
    return (query || "").toLowerCase().split(/[^a-z0-9]+/).some(function (w) {
      if (!w) return false;
      if (DELETING_WORDS.has(w) || DELETING_WORDS.has(stem(w)) || DELETING_WORDS.has(pairWord(w))) return true;
      return meant(w).slice(1).some(function (c) { return DELETING_COMMANDS.indexOf(c) >= 0; });
    });
  }
  // A line running a command or flag the query names is asked for (`send a signal to a
  // container`: `kill --signal`).
  function isDestructive(location, wanted) {
    if (!(location && docOf[location] && docOf[location].destructive)) return false;
    var uses = usesOf[location] || new Set();
    return !(wanted && ((wanted.meant || []).some(function (c) { return uses.has(c); }) ||
      (wanted.named || []).some(function (n) { return uses.has(n.flag); })));
  }
  function destructiveLast(groups, query, wanted) {
    if (asksToDelete(query)) return groups;
    var moved = false;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (!isDestructive(item.location, wanted)) return;
        item.score *= DESTRUCTIVE_AWAY;
        moved = true;
      });
    });
    return moved ? reordered(groups) : groups;
  }

  // False friends across orchestrators: Swarm's commands share Compose's words (`service`,
  // `scale`, `stack`, `up`, `logs`), so a goal about a Compose project found Swarm's page first
  // (`service scale` for scaling a compose service). A query that says "compose" and none of
  // Swarm's own words is about Compose: it names no Swarm command (rewriteQuery), and the Swarm
  // page's results weigh SWARM_AWAY as much.
  var SWARM_PAGE = /(^|\/)swarm\.html/;
  var SWARM_WORDS = new Set(["swarm", "swarms", "stack", "stacks", "node", "nodes", "replica", "replicas"]);
  var SWARM_AWAY = 0.1;
  var SWARM_COMMAND = /^(service|stack|node|swarm)/;
  function aboutCompose(query) {
    var words = (query || "").toLowerCase().split(/[^a-z0-9]+/);
    return words.indexOf("compose") >= 0 && !words.some(function (w) { return SWARM_WORDS.has(w); });
  }
  function composeOverSwarm(groups, query) {
    if (!aboutCompose(query)) return groups;
    var moved = false;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        if (!SWARM_PAGE.test(item.location || "")) return;
        item.score *= SWARM_AWAY;
        moved = true;
      });
    });
    return moved ? reordered(groups) : groups;
  }

  // The `words` field of a section or example, which Lunr indexes: the index holds the long
  // names of the flags it runs (with few others), grouped by command: the first command's, then
  // `@1` and the second's, a command counted among the `xcmd` tokens of its `tokens` field
  // (cheatsheet/search.py's reader_words). Each name becomes its words of more than two letters
  // (`pids limit`), and brings the readers' words stored once for that command's flag (`fork
  // bomb` for `--pids-limit` of `docker container run`).
  var READERS_MARK = "|";
  var wordsFilled = new WeakSet();
  function fillWords(doc, readersOf) {
    if (typeof doc.words !== "string" || wordsFilled.has(doc)) return;
    wordsFilled.add(doc);
    var commands = (doc.tokens || "").split(" ").filter(function (t) { return t.indexOf(prefix.command) === 0; });
    var command = commands[0];
    var words = [];
    doc.words.split(" ").forEach(function (name) {
      if (!name) return;
      if (/^@\d+$/.test(name)) {
        command = commands[Number(name.slice(1))];
        return;
      }
      name.split("-").forEach(function (w) { if (w.length > 2) words.push(w); });
      var said = readersOf[command + " " + prefix.flag + name.replace(/[^a-z0-9]/g, "")];
      if (said) words.push.apply(words, said.split(" "));
    });
    doc.words = Array.from(new Set(words)).join(" ");
  }

  // An example's `about` field, which Lunr indexes: what its command and the flags it uses do,
  // from the index's config (cheatsheet/search.py's about_entries: each meaning once in the
  // whole index, under the command's token and `command-token flag-token`), less the words
  // other fields of it hold. Done here, before the SETUP message reaches the worker.
  function fillAbout(doc, meanings) {
    var tokens = (doc.tokens || "").split(" ");
    var command = tokens.filter(function (t) { return t.indexOf(prefix.command) === 0; })[0];
    if (!command || typeof doc.about === "string") return;
    // less what its title and its `words` field (readers' words for its flags) already hold
    var shown = new Set([doc.title, doc.words].join(" ").toLowerCase().split(/[^a-z0-9]+/));
    var words = [];
    [command].concat(tokens.map(function (t) { return command + " " + t; })).forEach(function (key) {
      if (typeof meanings[key] === "string") words.push.apply(words, meanings[key].split(" "));
    });
    doc.about = Array.from(new Set(words)).filter(function (w) { return w && !shown.has(w); }).join(" ");
  }

  // As cheatsheet/search.py's pair_word: lower case, letters and digits, no plural `s`.
  function pairWord(word) {
    word = word.toLowerCase().replace(/[^a-z0-9]/g, "");
    return word.length > 3 && /[^s]s$/.test(word) ? word.slice(0, -1) : word;
  }

  // A word's stem for a prefix query: the index is not stemmed (its pipeline is the stop word
  // filter alone) and Material makes each query word a prefix, so a reader's `removing`,
  // `stopped` or `containers` would miss `remove`, `stop`, `container`. Plural `s` or `ies`, `ing`, `ed`
  // and a final `e` go (a doubled consonant left by `ing`/`ed` is undoubled); a stem shorter
  // than STEM_MIN letters keeps the word as typed (`logs` must not become `log*`, `login`).
  var STEM_MIN = 4;
  function stem(word) {
    var w = word.toLowerCase();
    if (!/^[a-z]+$/.test(w)) return word;
    var cut = function (s, n) { return s.length - n >= STEM_MIN ? s.slice(0, -n) : s; };
    if (/ing$/.test(w)) w = cut(w, 3);
    else if (/ies$/.test(w)) w = cut(w, 3); // `capabilities`, `policies`: the prefix `capabilit`
    else if (/[^e]ed$/.test(w)) w = cut(w, 2);
    else if (/[^s]s$/.test(w)) w = cut(w, 1);
    if (w !== word.toLowerCase() && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = cut(w, 1);
    if (/e$/.test(w)) w = cut(w, 1);
    return w;
  }

  // One edit apart, a swap of two neighbours counting as one (Damerau).
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function correction(word) {
    var lower = word.toLowerCase();
    for (var i = 0; i < vocabulary.length; i++) if (oneEdit(lower, vocabulary[i])) return vocabulary[i];
    return null;
  }

  // How surely a word points to a command (`form`: meant(word)): as one of the command words it
  // may mean as a reader's verb (`usage` only means `stats`; `see` means `ls`, `ps`, `inspect` or
  // `logs`; `list` `ls` or `ps`, typed as an alias or not), fully when it is no such verb.
  // Readers' display verbs (show, see, view, display…) are the words data/search-verbs.yaml gives
  // for `inspect`; naming the object with two more rare words names another of its commands.
  var DISPLAY_COMMAND = "inspect";
  // The fewest words of a query that a command's meaning must all say to be meant by it: fewer
  // are a short task the vocabulary's pairs name (`free disk space`, `remove build cache`), and
  // many meanings say three everyday words.
  var MEANING_WORDS_MIN = 3;
  var MEANING_SAID = 0.5; // the share of the meaning's words the query says, at least
  var OTHER_OBJECT_WORDS = 2;

  // Whether a command's words all point to it fully (no general verb among them): a command
  // named by words as typed has no strengths.
  function isSure(strengths) {
    return !strengths || Object.keys(strengths).every(function (k) { return strengths[k] === 1; });
  }

  // A word's forms as command words, the word as typed too when it is a plural (`images` for
  // `compose images`, which pairs compare as `image`).
  function spelled(form, word) {
    return form.length && form.indexOf(word) < 0 && /^[a-z0-9]+$/.test(word) ? form.concat([word]) : form;
  }

  function pointing(form) {
    var meanings = new Set(form.slice(1)).size;
    return meanings ? 1 / meanings : 1;
  }

  // Command tokens for a query's words, each with how many of them name it: from the start
  // when it begins with `docker` and a command follows, else any run of two or more words naming
  // a command, or the single word of a one-word query.
  function commandTokens(words) {
    var found = [];
    var support = {};
    var lower = words.map(function (w) { return w.toLowerCase(); });
    var fromStart = lower[0] === "docker";
    if (fromStart) lower = lower.slice(1);
    var shortest = fromStart || lower.length === 1 ? 1 : 2;
    for (var i = 0; i < lower.length; i++) {
      for (var n = Math.min(COMMAND_WORDS, lower.length - i); n >= shortest; n--) {
        var candidate = token(prefix.command, lower.slice(i, i + n).join(""));
        if (known.has(candidate)) {
          found.push(candidate);
          support[candidate] = new Set();
          for (var k = i; k < i + n; k++) support[candidate].add(k);
          i += n - 1;
          break;
        }
      }
      if (fromStart) break;
    }
    // `docker inspect`, `docker top`: most top-level commands are the container's
    if (fromStart && !found.length && lower.length) {
      var container = token(prefix.command + "container", lower.slice(0, COMMAND_WORDS - 1).join(""));
      if (known.has(container)) found.push(container);
    }
    // `docker daemon information`: "docker" named no command, the rest is a task in words.
    if (fromStart && !found.length && lower.length > 1) fromStart = false;
    // A task in a reader's words and order: `inspect a volume` is `docker volume inspect`,
    // `delete an image` `docker image rm`: two of its words, in either order, each as typed
    // (plural `s` off) or as a command word its verb may mean. A command more of the query's
    // words point to counts more (`display detailed information on a container`: `display`
    // may list or inspect, `detailed` only inspects).
    // (stop words keep their place, meaning nothing, so positions match `lower`'s)
    var forms = lower.map(function (w) { return stopWords.has(w) ? [] : meant(w); });
    var strength = {}; // candidate -> {position: how surely its word points to it}
    var meantWhole = {}; // candidate -> how many words of the query its own meaning says, all
    // Also when two words name a command as typed: `pull compose images` is `compose pull`
    // done to images, not `compose images`; the meanings below choose.
    var pairUp = function () {
      for (var a = 0; a < forms.length; a++) {
        for (var b = 0; b < forms.length; b++) {
          if (a === b) continue;
          spelled(forms[a], lower[a]).forEach(function (x) {
            spelled(forms[b], lower[b]).forEach(function (y) {
              var candidate = token(prefix.command, x + y);
              if (!known.has(candidate)) return;
              if (found.indexOf(candidate) < 0) found.push(candidate);
              (support[candidate] = support[candidate] || new Set()).add(a).add(b);
              var say = strength[candidate] = strength[candidate] || {};
              say[a] = pointing(forms[a]);
              say[b] = pointing(forms[b]);
            });
          });
        }
      }
    };
    if (!fromStart) pairUp();
    // A question word is a stop word, but data/search-verbs.yaml may give it as a reader's verb:
    // asking which, what or why is asking to see (`which network is a container on` is
    // `container inspect`). When the other words name no command; or when the query starts
    // with it, a question about state whose verb says the state, not the task (`which user does
    // a container run as`: inspect, not run). Inside a task it only asks to see what the other
    // words name (`find which port a container uses` is `container port`).
    var question = !fromStart && lower.length > 0 && asked(lower[0]);
    if (!fromStart && (!found.length || question) && lower.some(asked)) {
      var told = found.slice();
      forms = lower.map(function (w) { return stopWords.has(w) && !asked(w) ? [] : meant(w); });
      pairUp();
      var seeing = found.filter(function (t) { return told.indexOf(t) < 0; });
      if (question && seeing.length) found = seeing;
    }
    // Only a display verb chose (`show the compose file with variables filled in`: `show` and
    // `compose` name `compose ls`, `ps`, `logs`): the object's other commands whose meaning says
    // at least two of the query's rare words are candidates too, those words pointing to them
    // (`compose config` "prints … the variables used filled in"). One word is too little to
    // leave the display commands for (`see the ip of a container`: `container run --ip`).
    var display = lower.some(function (w) { return meant(w).indexOf(DISPLAY_COMMAND) > 0; });
    if (display && !fromStart && found.length && found.every(function (t) { return !isSure(strength[t]); })) {
      found.slice().forEach(function (t) {
        Array.from(support[t] || []).forEach(function (k) {
          if (strength[t][k] !== 1) return;
          var group = token(prefix.command, forms[k][0]);
          known.forEach(function (other) {
            if (other.indexOf(group) !== 0 || other === group || found.indexOf(other) >= 0 || !described[other]) return;
            var said = lower.map(function (w, m) {
              return !stopWords.has(w) && m !== k && sayers(stem(w)) < RARE && described[other].indexOf(" " + stem(w)) >= 0 ? m : -1;
            }).filter(function (m) { return m >= 0; });
            if (said.length < OTHER_OBJECT_WORDS) return;
            found.push(other);
            support[other] = new Set([k].concat(said));
            strength[other] = {};
            support[other].forEach(function (m) { strength[other][m] = 1; });
          });
        });
      });
    }
    // Class: readers' words with no path to the feature, and false friends. Readers describe a
    // goal in the words of the site's own meaning of its command, while an everyday word of theirs
    // may be another command's name (attach, name, tag). A command whose own meaning (data/
    // meanings.yaml, its name's words and its sentence) says every word of the query that
    // carries meaning, names what it acts on (its first word: `network`, `image`) and is mostly
    // said by the query is meant by all of those words: named by the words already, it weighs as
    // much as they are (`attach a running container to a network`: `network connect`, "Attach a
    // running container to a network", over `container attach`'s pairs); when no command the
    // words named says them all, it replaces those (`give the container a new name`: `container
    // rename`, not `create --name`), of several the ones whose meaning says least besides. A
    // reader's verb counts through the words that mean no more than it (`delete` says `remove`).
    // A question asks to see (below: `which network is my container connected to`), not to do.
    if (!fromStart && !lower.some(asked)) {
      var content = [];
      lower.forEach(function (w, k) { if (!stopWords.has(w) && /^[a-z0-9]+$/.test(w)) content.push(k); });
      var roots = content.map(function (k) {
        return [lower[k]].concat(synonyms(pairWord(lower[k]))).map(function (w) { return " " + stem(w); });
      });
      var says = function (text) {
        return function (forms) { return forms.some(function (r) { return text.indexOf(r) >= 0; }); };
      };
      var saysAll = function (t) {
        var text = ownMeaning[canonicalOf[t] || t] || "";
        var own = text.trim().split(" ");
        return roots.every(says(text)) &&
          content.some(function (k) { return pairWord(lower[k]) === pairWord(own[0]); }) &&
          // `free disk space` is not all `builder prune` does ("… taken by the build cache")
          own.filter(function (w) { return roots.some(says(" " + w)); }).length / own.length >= MEANING_SAID;
      };
      var length = function (t) { return ownMeaning[t].trim().split(" ").length; };
      var whole = content.length >= MEANING_WORDS_MIN ? found.filter(saysAll) : [];
      if (content.length >= MEANING_WORDS_MIN && !whole.length) {
        var meaning = Object.keys(ownMeaning).filter(function (t) { return known.has(t) && saysAll(t); });
        var shortest = Math.min.apply(null, meaning.map(length));
        whole = meaning.filter(function (t) { return length(t) === shortest; });
        if (whole.length) found = whole.slice();
        whole.forEach(function (t) { support[t] = new Set(content); });
      }
      whole.forEach(function (t) { meantWhole[t] = content.length; });
    }
    // A verb may mean several commands (`show … container`: list, inspect, logs): keep the ones
    // whose meaning, or a flag's, says most of the query's other words (`show the latest
    // created container` is `container ls --latest`, "show the container created last").
    // A general verb points less than a word that means one command: `see` may list, inspect or
    // show logs, so in `see the images used by compose services` the object, `compose images`,
    // says what to show. And a common word of the query in a meaning counts less than a rare one
    // (see namedFlags): every compose command's meaning says "services".
    if (found.length > 1) {
      var fit = {};
      found.forEach(function (t) {
        var text = described[canonicalOf[t] || t] || described[t] || "";
        var pointed = !support[t] ? 1 : Array.from(support[t]).reduce(function (sum, k) {
          return sum + (strength[t] && strength[t][k] !== undefined ? strength[t][k] : 1);
        }, 0);
        fit[t] = pointed + lower.reduce(function (sum, w, k) {
          if (stopWords.has(w) || (support[t] && support[t].has(k)) || text.indexOf(" " + stem(w)) < 0) return sum;
          return sum + (sayers(stem(w)) < RARE ? 1 : COMMON_WORD);
        }, 0);
      });
      var best = Math.max.apply(null, found.map(function (t) { return fit[t]; }));
      found = found.filter(function (t) { return fit[t] === best; });
    }
    // No two words named a command: one word may, when it names a command of its own
    // (`login to a private registry`; `information` is `info`).
    // A general verb names none when another word names what it is about (`show the build
    // history`, `show stats once`: `show` may mean `inspect`, but "history" and "stats" say what
    // to show).
    if (!fromStart && !found.length && forms.filter(function (f) { return f.length; }).length > 1) {
      forms.forEach(function (form, k) {
        // a question word alone names nothing to see (`which storage driver is docker using`)
        if (stopWords.has(lower[k])) return;
        var object = lower.some(function (w, m) { return m !== k && !stopWords.has(w) && commandWords.has(pairWord(w)); });
        form.forEach(function (x, j) {
          if (j > 0 && object) return;
          var candidate = token(prefix.command, x);
          if (alone.has(candidate) && known.has(candidate) && found.indexOf(candidate) < 0) found.push(candidate);
        });
      });
    }
    named = namedFlags(lower, found, support);
    return found.map(function (t) {
      var weight = Math.max(1, (support[t] ? support[t].size : 0) - 1, (meantWhole[t] || 0) - 1);
      return { token: t, weight: weight, sure: isSure(strength[t]) };
    })
      .concat(named.map(function (n) { return { token: n.flag, weight: 1 }; }));
  }

  // Class 2 of issue #24, common words beating the distinguishing one: in a query of
  // RARE_QUERY_WORDS plain words or more, a word few of the index's results have (at most
  // RARE_SHARE of them, as a prefix: Lunr's document frequency over the whole index) weighs
  // RARE_BOOST times, when another word of the query is common: the rare word says what the
  // reader wants, the common ones (`container`, `image`, `compose`) what it is about. The boost
  // keeps the word a prefix (`word*^2`: Material adds no `*` to a boosted term).
  var RARE_QUERY_WORDS = 3;
  var RARE_SHARE = 0.02;
  var RARE_BOOST = 2;
  var docFrequencyCache = new Map();
  function docFrequency(root) {
    var found = docFrequencyCache.get(root);
    if (found !== undefined) return found;
    found = 0;
    Object.keys(docOf).forEach(function (location) {
      var has = false;
      wordsOf(location).forEach(function (w) { if (!has && w.indexOf(root) === 0) has = true; });
      if (has) found++;
    });
    docFrequencyCache.set(root, found);
    return found;
  }

  function rareFirst(out, plainAt) {
    if (plainAt.length < RARE_QUERY_WORDS) return;
    var all = Object.keys(docOf).length;
    var counts = plainAt.map(function (k) { return docFrequency(out[k].toLowerCase()); });
    if (!counts.some(function (n) { return n > RARE_SHARE * all; })) return;
    plainAt.forEach(function (k, i) {
      if (counts[i] > 0 && counts[i] <= RARE_SHARE * all) out[k] = out[k] + "*^" + RARE_BOOST;
    });
  }

  function rewriteQuery(query) {
    // Pasted text is not query syntax: Material reads `"…"` as words that must all be found (a
    // pasted message's quoted path, `"/web"`, never is), and Lunr reads `^`, `~`, `*` and `:` as
    // boosts, edit distances, wildcards and fields (`^C` stopped the query). The search's own
    // syntax is added below, after the reader's words. Flags keep their dashes.
    // A possessive is its noun (`a container's IP address` is about a container): as typed, it
    // names no command, pairs with no word, and Lunr reads it as another word.
    // Class: symbols around a word are no part of it: a question's `?`, a sentence's `.` or `,`,
    // brackets, and what a listing prints in angle brackets (`<none>` images): Lunr would look
    // for `big?` or `<none>` as typed and find neither. A flag keeps its leading dashes.
    var terms = query.replace(/["\u201c\u201d^~*:]/g, " ").replace(/(\w)['\u2019]s\b/gi, "$1").trim().split(/\s+/)
      .map(function (term) { return term.replace(/^[<([{]+|[>)\]}?!.,;]+$/g, ""); }).filter(Boolean);
    typed = {};
    named = [];
    sure = [];
    meantCommands = [];
    meantInstructions = [];
    var out = [];
    var words = [];
    var plainAt = []; // where the query's plain words are in `out`, for rareFirst
    terms.forEach(function (term) {
      var match = FLAG.exec(term);
      if (match) {
        var flag = flagToken(match[1]);
        typed[flag] = term;
        out.push(flag + "^1");
        return;
      }
      if (!stopWords.has(term.toLowerCase())) {
        var stemmed = /^[a-z]+$/i.test(term) ? stem(term) : term;
        if (stemmed !== term) typed[stemmed] = term;
        out.push(stemmed);
        if (/^[a-z]+$/i.test(term)) plainAt.push(out.length - 1);
      }
      if (WORD.test(term)) words.push(term);
    });
    if (!out.length) return query;
    rareFirst(out, plainAt);
    // An instruction is meant when written in capitals, alone, next to "Dockerfile", or when the
    // query says all the words of one of its readers' words (data/instructions.yaml): its name
    // where that is no English word (`workdir`), or a phrase (`change directory`). `copy file
    // from container` is about `docker cp`, not COPY and FROM.
    var dockerfile = terms.length === 1 || terms.some(function (t) { return /^dockerfile$/i.test(t); });
    var said = new Set();
    words.forEach(function (w) {
      w.split("-").forEach(function (part) { if (part && !stopWords.has(part.toLowerCase())) said.add(stem(part)); });
    });
    var instructions = [];
    words.forEach(function (word) {
      var instruction = token(prefix.instruction, word);
      if (known.has(instruction) && (dockerfile || word === word.toUpperCase())) instructions.push(instruction);
    });
    // Meant by readers' words: the preview shows its lines too (instructionScore); named, the
    // instruction's own word picks them already (lineScore).
    meantInstructions = Object.keys(instructionWords).filter(function (instruction) {
      return known.has(instruction) && instructionWords[instruction].some(function (phrase) {
        return phrase.every(function (w) { return said.has(w); });
      });
    });
    instructions.concat(meantInstructions).filter(function (t, i, all) { return all.indexOf(t) === i; })
      .forEach(function (t) { out.push(t + "^1"); });
    var tokens = commandTokens(words);
    if (aboutCompose(query)) {
      // nor does it name Swarm's commands (`update … compose service` is no `service update`)
      tokens = tokens.filter(function (t) { return !SWARM_COMMAND.test(t.token.slice(prefix.command.length)); });
      named = named.filter(function (n) { return !SWARM_COMMAND.test(n.command.slice(prefix.command.length)); });
    }
    tokens.forEach(function (t) {
      out.push(t.token + "^" + t.weight);
      if (t.sure) sure.push(t.token);
      if (t.token.indexOf(prefix.command) === 0) meantCommands.push(t.token);
    });
    // One word naming a topic page (`networks`, `Dockerfile`) opens that page.
    if (terms.length === 1 && words.length === 1 && known.has(prefix.topic + pairWord(words[0]))) {
      out.push(prefix.topic + pairWord(words[0]) + "^1");
    }
    // Neighbouring words as the task vocabulary's pairs (`remove stopped containers`).
    // As cheatsheet/search.py's pair_tokens and skip_tokens: a word pairs with the next one and
    // the one after next (the index weighs the second kind less).
    var plain = words.filter(function (w) { return !stopWords.has(w.toLowerCase()); }).map(pairWord);
    for (var i = 0; i + 1 < plain.length; i++) {
      for (var j = i + 1; j <= i + 2 && j < plain.length; j++) {
        var pair = prefix.pair + plain[i] + plain[j];
        if (known.has(pair)) out.push(pair + "^1");
        else {
          // The task vocabulary may say the same with another verb (`delete build cache` for
          // `remove build cache`): a pair of the reader's synonyms.
          var also = synonyms(plain[i]).map(function (w) { return prefix.pair + w + plain[j]; })
            .concat(synonyms(plain[j]).map(function (w) { return prefix.pair + plain[i] + w; }))
            .filter(function (t) { return known.has(t); });
          if (also.length) out.push(also[0] + "^1");
        }
      }
    }
    return out.join(" ");
  }

  // The query once more with each missing word corrected: to the command or instruction word
  // one edit away (`imgae prune` -> `image prune`, which then finds the command), else fuzzy.
  function retryQuery(query, missing) {
    var set = new Set(missing.map(function (w) { return w.toLowerCase(); }));
    var fuzzy = {};
    var corrected = query.trim().split(/\s+/).map(function (term) {
      if (!set.has(term.toLowerCase())) return term;
      var better = correction(term);
      if (better) return better;
      fuzzy[term.toLowerCase()] = true;
      return term;
    });
    return rewriteQuery(corrected.join(" ")).split(" ").map(function (term) {
      return fuzzy[term.toLowerCase()] ? term + "~1" : term;
    }).join(" ");
  }

  // The words of the query that no result contains (never tokens, stop words or short words).
  // Material marks each query word in each result: true when found, false when not, and
  // leaves stop words out; with no result at all, every word counts as missing.
  function unmatched(query, items) {
    var found = {};
    var asked = {};
    items.forEach(function (group) {
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (key) {
          asked[key] = true;
          if (item.terms[key]) found[key] = true;
        });
      });
    });
    return query.split(/\s+/).filter(function (term) {
      var word = term.toLowerCase();
      if (!WORD.test(word) || word.length < FUZZY_MIN || TOKEN.test(word)) return false;
      var key = stem(word); // as rewriteQuery asked for it
      return items.length ? asked[key] && !found[key] : true;
    });
  }

  // -- previews that show the lines matching the query ---------------------------------------
  // A section's preview holds its first command lines (cheatsheet/search.py); the result shows
  // the ones with most of the query's words and flags (flags as typed, case included), at most
  // PREVIEW_LINES, else the first ones; flags are marked.
  var PREVIEW_LINES = 3;
  var LINE = /<pre><code>([\s\S]*?)<\/code><\/pre>/g;
  var FLAG_IN_LINE = /(^|[\s>(])(--?[A-Za-z][\w-]*)/g;

  function queryTerms(query) {
    var flags = [];
    var words = [];
    query.trim().split(/\s+/).forEach(function (term) {
      if (FLAG.test(term)) flags.push(term.split("=")[0]);
      else if (term.length >= 2 && !stopWords.has(term.toLowerCase())) words.push(term.toLowerCase().replace(/[^a-z0-9]/g, ""));
    });
    return { flags: flags, words: words.filter(Boolean) };
  }


  // A preview line's text: tags out, the entities the build writes (html.escape) decoded. Cached:
  // the same lines come back on every keystroke.
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };
  var plainCache = new Map();

  function plainLine(html) {
    var text = plainCache.get(html);
    if (text === undefined) {
      text = html.replace(/<[^>]*>/g, "").replace(/&(?:lt|gt|amp|quot|#x27|#39);/g, function (e) { return ENTITIES[e]; }).trim();
      plainCache.set(html, text);
    }
    return text;
  }

  function lineScore(html, terms, about, among) {
    var text = plainLine(html);
    var said = about ? " " + about.toLowerCase().replace(/[^a-z0-9]+/g, " ") + " " : "";
    var lower = " " + text.toLowerCase().replace(/[^a-z0-9-]+/g, " ") + " ";
    var first = (text.match(/^\s*(\S+)/) || ["", ""])[1].toLowerCase();
    var score = 0;
    terms.flags.forEach(function (flag) {
      if (new RegExp("(^|\\s)" + escape(flag) + "(?=[\\s=]|$)").test(text)) score += 2;
    });
    terms.words.forEach(function (typedWord) {
      var word = pairWord(typedWord);
      var root = stem(typedWord);
      var inLine = 0;
      if (word === first) inLine = 3; // an instruction (`ENV`) or a program named
      // the word itself (`stats`) counts more than a word it starts (`status`)
      else if (lower.indexOf(" " + typedWord + " ") >= 0 || lower.indexOf(" " + word + " ") >= 0) inLine = 2;
      else if (lower.indexOf(" " + root) >= 0 || lower.indexOf("-" + root) >= 0) inLine = 1;
      // as a command word its verb may mean, as surely as it points to it (`see` may mean `logs`)
      else if (meant(typedWord).slice(1).some(function (w) { return lower.indexOf(" " + w + " ") >= 0; })) {
        inLine = pointing(meant(typedWord));
      }
      // What the line does (its explanation, what its command does) counts as the line does:
      // `docker logout ghcr.io  # log out of a registry` answers "log out" as fully as a
      // line that spells the words.
      var inSaid = !said ? 0 : said.indexOf(" " + typedWord + " ") >= 0 ? 2 : said.indexOf(" " + root) >= 0 ? 1 : 0;
      // a word many examples say (`services`, `container`) tells lines apart less than a rare one
      // (among a section's lines, by how many of them say it: amongLines)
      score += Math.max(inLine, inSaid) *
        (among && among[typedWord] !== undefined ? among[typedWord] : sayers(root) < RARE ? 1 : COMMON_WORD);
    });
    return score;
  }

  // Round 15, class 1 (the right section previewed by the wrong lines): a word every line of a
  // section says (`builds` in each `buildx history` line, or in a file name) tells its lines
  // apart no more than none does; a word few of them say (`list`: the `ls` lines) tells most.
  // Each word of the query weighs, among the lines to choose from, log(1 + n / lines saying it)
  // / log(1 + n): 1 for a word one line says, less the more say it.
  function amongLines(lines, terms, about) {
    var n = lines.length;
    var among = {};
    if (n < 2) return among;
    terms.words.forEach(function (word) {
      var one = { flags: [], words: [word] };
      var saying = lines.filter(function (line) { return lineScore(line, one, about[plainLine(line)]) > 0; }).length;
      if (saying) among[word] = Math.log(1 + n / saying) / Math.log(1 + n);
    });
    return among;
  }

  function markFlags(html) {
    return html.replace(FLAG_IN_LINE, '$1<span class="cs-search-flag">$2</span>');
  }

  // A line whose command the query names surely (commandTokens' `sure`: no general verb such as
  // `see` or `remove` chose it) counts as much as three quarters of a word of the query, and a
  // flag the query names (namedFlags) with its command as much as a word and a half: `see the
  // resource usage of compose services` shows `docker compose stats`, not the `docker compose
  // logs` lines that say "services".
  var SURE_LINE = 1.5;
  // A command a general verb or a question word chose (not sure) counts half as much.
  var MEANT_LINE = 0.75;
  var NAMED_LINE = 3;

  function commandScore(location, wanted) {
    var uses = location && wanted && usesOf[location];
    if (!uses) return 0;
    var score = (wanted.sure || []).some(function (c) { return uses.has(c); }) ? SURE_LINE
      : (wanted.meant || []).some(function (c) { return uses.has(c); }) ? MEANT_LINE : 0;
    var flagged = (wanted.named || []).some(function (n) { return uses.has(n.flag) && uses.has(n.command); });
    return score + (flagged ? NAMED_LINE : 0);
  }

  // A Dockerfile line of an instruction the query means (`change directory`: WORKDIR) outweighs
  // the docker command lines next to it that share the query's everyday words (`command that
  // always runs when the container starts`: ENTRYPOINT, not `docker container run`).
  var INSTRUCTION_LINE = 8;
  function instructionScore(html, wanted) {
    var meant = wanted && wanted.instructions;
    if (!meant || !meant.length) return 0;
    var first = (plainLine(html).match(/^([A-Z]+)\s/) || ["", ""])[1];
    return first && meant.indexOf(token(prefix.instruction, first)) >= 0 ? INSTRUCTION_LINE : 0;
  }

  // Class 5 of issue #24, an answer shown but not taught: a line running many flags (the daily
  // options, a hardening one-liner) says most of a query's words through its flags' meanings, and
  // was shown over the short line beside it that runs the one asked for. When the query names a
  // flag (namedFlags), what a line says of the query's words is divided as rerank divides a
  // result's score, by the flags it runs beyond SECTION_FREE_FLAGS; its command and the named
  // flag count in full (commandScore), so the short line running the flag comes first, and a
  // many-flag line is still shown when it alone runs it. With no flag named, lines rank as they
  // did (a many-flag line may be the only one showing the answer).
  function manyFlags(line) {
    var flags = (plainLine(line).match(/(^|\s)--?[A-Za-z][\w-]*/g) || []).length;
    return 1 + OTHER_FLAG_COST * Math.max(0, flags - SECTION_FREE_FLAGS);
  }

  function pickLines(text, query, location, wanted) {
    if (typeof text !== "string") return text;
    var own = text.indexOf("<pre><code>") >= 0;
    var instructed = !!(wanted && wanted.instructions && wanted.instructions.length && previewOf[location]);
    if (!own && !sectionLines[location] && !instructed) return text;
    var lines = [];
    var about = {};
    var runs = {}; // line -> the example's location, whose uses commandScore reads
    // its first lines, and every command line of its examples, not only the first ones
    var seen = {};
    var add = function (whole, inner) {
      var key = plainLine(inner);
      if (!seen[key]) lines.push(inner);
      seen[key] = true;
      return whole;
    };
    text.replace(LINE, add);
    if (instructed) {
      previewOf[location].replace(LINE, function (whole, inner) {
        return instructionScore(inner, wanted) ? add(whole, inner) : whole;
      });
    }
    (sectionLines[location] || []).forEach(function (example) {
      example.text.replace(LINE, function (whole, inner) {
        about[plainLine(inner)] = example.about;
        runs[plainLine(inner)] = example.location;
        return add(whole, inner);
      });
    });
    if (!lines.length) return text;
    var terms = queryTerms(query || "");
    // A section previewed by its first sentence keeps it unless a line matches the query.
    var flagNamed = !!(wanted && wanted.named && wanted.named.length);
    var among = amongLines(lines, terms, about);
    // a line that deletes goes after the others that match, unless the query asks to delete
    var spare = !asksToDelete(query);
    var ranked = lines.map(function (line, i) {
      var score = lineScore(line, terms, about[plainLine(line)], among) / (flagNamed ? manyFlags(line) : 1) +
        commandScore(runs[plainLine(line)], wanted) + instructionScore(line, wanted);
      return { line: line, i: i, score: score, last: spare && isDestructive(runs[plainLine(line)], wanted) };
    });
    var matching = ranked.filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return (a.last - b.last) || b.score - a.score || a.i - b.i; });
    if (!own && !matching.length) return text;
    // shown best first (round 15): the line that answers leads, not the section's first line
    var chosen = (matching.length ? matching : ranked).slice(0, PREVIEW_LINES);
    return chosen.map(function (r) { return "<pre><code>" + markFlags(r.line) + "</code></pre>"; }).join("");
  }

  var PICKED_GROUPS = 20; // pages whose previews are chosen: more than a reader scrolls to

  function restoreTerms(message, query, wanted) {
    message.data.items.forEach(function (group, g) {
      group.forEach(function (item) {
        if (g < PICKED_GROUPS) item.text = pickLines(item.text, query, item.location, wanted);
        var terms = {};
        Object.keys(item.terms || {}).forEach(function (key) {
          // tokens the rewrite added (a flag only when the reader typed it) are no words to show
          if (/^x(cmd|df|pair|topic)/.test(key) || (key.indexOf(prefix.flag) === 0 && !typed[key])) return;
          terms[typed[key] || key] = item.terms[key];
        });
        item.terms = terms;
      });
    });
    return message;
  }

  // -- whole-word highlighting after a search --------------------------------------------------

  function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function highlighter(query) {
    var parts = query.split(/\s+/).filter(function (t) { return t.length >= 2; }).map(function (term) {
      if (term.charAt(0) === "-") return "(?<![\\p{L}\\p{N}_-])" + escape(term) + "(?![\\p{L}\\p{N}_-])";
      return "(?<![\\p{L}\\p{N}_])" + escape(term) + "[\\p{L}\\p{N}_]*";
    });
    return parts.length ? new RegExp(parts.join("|"), "giu") : null;
  }

  function highlightPage(query) {
    var pattern = highlighter(query);
    var root = document.querySelector("article.md-content__inner");
    if (!pattern || !root) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && !parent.closest("script, style, mark, .headerlink") ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (text) {
      var value = text.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(value)) return;
      pattern.lastIndex = 0;
      var fragment = document.createDocumentFragment();
      var cursor = 0;
      value.replace(pattern, function (match, offset) {
        offset = arguments[arguments.length - 2];
        fragment.appendChild(document.createTextNode(value.slice(cursor, offset)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match;
        fragment.appendChild(mark);
        cursor = offset + match.length;
        return match;
      });
      fragment.appendChild(document.createTextNode(value.slice(cursor)));
      text.parentNode.replaceChild(fragment, text);
    });
  }

  if (typeof location !== "undefined" && typeof URLSearchParams !== "undefined") {
    var url = new URL(location.href);
    var landing = url.searchParams.get("h");
    if (landing) {
      url.searchParams.delete("h");
      history.replaceState(history.state, "", url.href);
      var run = function () { highlightPage(landing); };
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
      else run();
    }
  }

  // -- the worker --------------------------------------------------------------------------------

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.head.appendChild(script);
    });
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this._queue = [];
      this._ready = false;
      var frame = document.createElement("iframe");
      frame.hidden = true;
      frame.tabIndex = -1;
      frame.title = "Search index";
      frame.setAttribute("aria-hidden", "true");
      (document.body || document.documentElement).appendChild(frame);
      this._frame = frame;

      var worker = this;
      var scope = frame.contentWindow;
      var script = new URL(url, location.href).href;
      // What a dedicated worker's global scope offers that a window does not do the same way.
      scope.postMessage = function (data) {
        setTimeout(function () { worker._emit("message", data); }, 0);
      };
      scope.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, next) {
          return done.then(function () { return loadScript(scope.document, new URL(next, script).href); });
        }, Promise.resolve());
      };
      loadScript(scope.document, script).then(function () {
        worker._ready = true;
        worker._queue.splice(0).forEach(function (data) { worker._deliver(data); });
      }, function (error) {
        worker._emit("error", error.message);
      });
    }

    postMessage(data) {
      if (this._ready) this._deliver(data);
      else this._queue.push(data);
    }

    terminate() {
      this._frame.remove();
    }

    _deliver(data) {
      var scope = this._frame.contentWindow;
      setTimeout(function () { scope.dispatchEvent(new scope.MessageEvent("message", { data: data })); }, 0);
    }

    _emit(type, data) {
      var event = type === "message" ? new MessageEvent("message", { data: data }) : new ErrorEvent("error", { message: data });
      this.dispatchEvent(event);
      var handler = type === "message" ? this.onmessage : this.onerror;
      if (typeof handler === "function") handler.call(this, event);
    }
  }

  if (typeof window === "undefined" || !window.Worker) return;
  // What a reader touches to search: the search box and the header button that opens it.
  var SEARCH_PARTS = ".md-search, label[for='__search'], #__search";
  var Base = location.protocol === "file:" ? FrameWorker : window.Worker;

  class SearchWorker extends Base {
    constructor(url) {
      super(url);
      this._wrapped = new Map();
      this._pending = []; // queries posted, in order: the worker answers them in that order
    }

    // Undefined: the result is held back (its query runs again, fuzzy).
    _filter(message) {
      if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
      var asked = this._pending.shift();
      if (!asked) return restoreTerms(message, "");
      if (!asked.fuzzy && !this._pending.length) {
        var missing = unmatched(asked.query, message.data.items);
        if (missing.length) {
          this._post(retryQuery(asked.query, missing), asked.query, true);
          return undefined;
        }
      }
      partialAway(message.data.items, asked.query);
      rerank(message.data.items, asked.named);
      covered(message.data.items, asked.query, asked);
      verbContext(message.data.items, asked.query);
      destructiveLast(message.data.items, asked.query, asked);
      composeOverSwarm(message.data.items, asked.query);
      headedFirst(message.data.items, asked.query);
      return restoreTerms(message, asked.query, asked);
    }

    addEventListener(type, listener, options) {
      if (type !== "message" || typeof listener !== "function") return super.addEventListener(type, listener, options);
      var worker = this;
      var wrapped = function (event) {
        if (!event.__filtered) {
          event.__filtered = true;
          event.__data = worker._filter(event.data);
        }
        if (event.__data === undefined) return;
        listener.call(this, { data: event.__data, target: event.target });
      };
      this._wrapped.set(listener, wrapped);
      return super.addEventListener(type, wrapped, options);
    }

    removeEventListener(type, listener, options) {
      return super.removeEventListener(type, this._wrapped.get(listener) || listener, options);
    }

    // The index reaches the worker when the reader reaches for search (points at it, focuses
    // it, opens it, or presses a key: Material's search keys), not while the page loads: reading
    // the index here, copying it to the worker and, from file://, Lunr's indexing on this
    // page's own thread were about half of the largest page's blocking time (scripts/bench/REPORT.md).
    // Queries typed before the worker is ready wait for it, as Material has them wait.
    _startWhenWanted(message) {
      var worker = this;
      var types = ["pointerover", "focusin", "change", "keydown"];
      var start = function (event) {
        var target = event && event.target;
        if (event && event.type !== "keydown" && !(target && target.closest && target.closest(SEARCH_PARTS))) return;
        types.forEach(function (type) { document.removeEventListener(type, start, true); });
        worker._started = true;
        worker.postMessage(message);
      };
      types.forEach(function (type) { document.addEventListener(type, start, true); });
      // Already reached for (the index can arrive after the search was opened), or asked for
      // by the address.
      var toggle = document.getElementById("__search");
      var active = document.activeElement;
      if ((toggle && toggle.checked) || (active && active.closest && active.closest(SEARCH_PARTS)) ||
          /[?&]q=/.test(location.search)) start();
    }

    _post(rewritten, query, fuzzy) {
      this._pending.push({ query: query, rewritten: rewritten, fuzzy: fuzzy, named: named, sure: sure, meant: meantCommands,
        instructions: meantInstructions });
      super.postMessage({ type: QUERY, data: rewritten });
    }

    postMessage(message) {
      if (message && message.type === SETUP && !this._started) {
        this._startWhenWanted(message);
        return;
      }
      if (message && message.type === SETUP) learn(message.data);
      if (message && message.type === QUERY && typeof message.data === "string") {
        var query = readersPhrases(message.data);
        this._post(rewriteQuery(query), query, false);
        return;
      }
      super.postMessage(message);
    }
  }

  window.Worker = SearchWorker;
})();
