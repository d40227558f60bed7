// Offline after one visit (issue #13): registers the service worker the build writes (sw.js, at
// the site's root) and, when a new deploy has been cached in the background, offers a reload.
// Only over http(s): opened from disk the site already works offline and service workers do not
// run. Storage refused or full: registration fails quietly and the site works online as before.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../../", script.src); // assets/javascripts/offline.js -> the site's root
  var container = navigator.serviceWorker;
  // Taken over by a new version after the reader accepted it: load the page again, whole, from
  // the new build. On the first visit there was no controller, and nothing needs reloading.
  var hadController = !!container.controller;
  var reloading = false;
  container.addEventListener("controllerchange", function () {
    if (!hadController || reloading) return;
    reloading = true;
    location.reload();
  });

  // Its own notice, kept by reference: an element of a page that looked like it (a `.cs-update`)
  // must not stand in for it or suppress it.
  var shown = null;
  function offer(worker) {
    if (shown && shown.isConnected) return;
    var box = (shown = document.createElement("div"));
    box.className = "cs-update";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "A new version is available";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Reload";
    button.addEventListener("click", function () {
      button.disabled = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    box.append(text, " — ", button);
    document.body.append(box);
  }

  function watch(registration) {
    if (registration.waiting && container.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && container.controller) offer(worker);
      });
    });
  }

  function register() {
    container
      .register(new URL("sw.js", root).href, { scope: root.href })
      .then(watch)
      .catch(function () {}); // no storage, private mode, blocked: the site works online as before
  }
  // After the page has loaded: caching the site must not compete with the page's own requests.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
})();
