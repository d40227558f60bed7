/*
 * Search that works from file:// and understands flags. Loaded (deferred, in document order)
 * right before Material's bundle, which creates the search worker.
 *
 * 1. Browsers refuse `new Worker(url)` on pages opened from disk, so Material's search worker
 *    never starts there. FrameWorker runs the same worker script inside a hidden iframe of this
 *    page's origin and passes messages as events, so the worker code runs unchanged.
 * 2. Lunr reads a leading `-` as "must not contain" and rejects `--rm` or `-it`. The build adds
 *    flag tokens to the index (`xflagrm`, `xflagit`; see cheatsheet/search.py), so a typed flag
 *    is rewritten to its token before the query reaches the worker.
 */
(function () {
  "use strict";

  // Material's SearchMessageType (SETUP = 0, READY = 1, QUERY = 2, RESULT = 3).
  var QUERY = 2;
  var RESULT = 3;
  var FLAG = /^-{1,2}([A-Za-z0-9][\w.-]*)(=.*)?$/;
  var WORD = /^[a-z][a-z0-9-]*$/i;

  // Index token -> what the reader typed, to show and highlight their words, not ours.
  var typed = {};

  function token(prefix, text) {
    return prefix + text.toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  function rewriteQuery(query) {
    var terms = query.trim().split(/\s+/).filter(Boolean);
    typed = {};
    var out = terms.map(function (term) {
      var match = FLAG.exec(term);
      if (!match) return term;
      var flag = token("xflag", match[1]);
      typed[flag] = term;
      return flag;
    });
    // Several plain words may name a command (`container ls`, `docker compose up`).
    var words = terms.filter(function (term) { return WORD.test(term); });
    if (words.length === terms.length && words.length > 1 && words.length < 5) {
      if (words[0].toLowerCase() === "docker") words = words.slice(1);
      if (words.length) out.push(token("xcmd", words.join("")));
    }
    return out.join(" ");
  }

  function restoreTerms(message) {
    if (!message || message.type !== RESULT || !message.data || !message.data.items) return message;
    message.data.items.forEach(function (group) {
      group.forEach(function (item) {
        var terms = {};
        Object.keys(item.terms || {}).forEach(function (key) {
          if (key.indexOf("xcmd") === 0) return;
          terms[typed[key] || key] = item.terms[key];
        });
        item.terms = terms;
      });
    });
    return message;
  }

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

  var Base = location.protocol === "file:" ? FrameWorker : window.Worker;

  class SearchWorker extends Base {
    constructor(url) {
      super(url);
      this._wrapped = new Map();
    }

    addEventListener(type, listener, options) {
      if (type !== "message" || typeof listener !== "function") return super.addEventListener(type, listener, options);
      var wrapped = function (event) { listener.call(this, { data: restoreTerms(event.data), target: event.target }); };
      this._wrapped.set(listener, wrapped);
      return super.addEventListener(type, wrapped, options);
    }

    removeEventListener(type, listener, options) {
      return super.removeEventListener(type, this._wrapped.get(listener) || listener, options);
    }

    postMessage(message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        message = Object.assign({}, message, { data: rewriteQuery(message.data) });
      }
      super.postMessage(message);
    }
  }

  window.Worker = SearchWorker;
})();
