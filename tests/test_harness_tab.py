"""The tab a worker lends its tests one at a time (tooling/harness.py's LentTab): the next test
finds nothing the last one left, as in a fresh context, on disk and over http."""

import pytest

from tooling import harness

STORE = """async () => {
  localStorage.setItem("left", "1");
  sessionStorage.setItem("left", "1");
  document.cookie = "left=1";
  await new Promise((done) => { const db = indexedDB.open("left"); db.onsuccess = () => done(); });
  if (location.protocol === "http:") {
    await (await caches.open("left")).put("/left", new Response("1"));
    await navigator.serviceWorker.register("sw.js");
  }
}"""
LEFT = """async () => [
  localStorage.getItem("left"),
  sessionStorage.getItem("left"),
  document.cookie,
  (await indexedDB.databases()).map((db) => db.name),
  location.protocol === "http:" ? await caches.keys() : [],
  location.protocol === "http:" ? (await navigator.serviceWorker.getRegistrations()).length : 0,
]"""
NOTHING: list[object] = [None, None, "", [], [], 0]


@pytest.mark.browser
def test_a_lent_tab_keeps_nothing_of_the_last_test_and_a_failed_or_changed_one_is_replaced(browser, tmp_path):
    (tmp_path / "page.html").write_text("<!doctype html><title>page</title><p>text</p>", encoding="utf-8")
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});", encoding="utf-8")
    tab = harness.LentTab(browser)
    try:
        with harness.serve(tmp_path) as base:
            urls = [(tmp_path / "page.html").as_uri(), base + "page.html"]
            page = tab.lend()
            heard: list[str] = []
            page.on("console", lambda message: heard.append(message.text))
            for url in urls:
                page.goto(url)
                page.evaluate(STORE)
                assert page.evaluate(LEFT)[:2] == ["1", "1"], url
            page.evaluate("fetch('https://foreign.example/').catch(() => {})")  # aborted and recorded
            page.wait_for_function("() => true")
            assert page.foreign_requests == ["https://foreign.example/"]
            heard.clear()
            tab.give_back(clean=True)

            again = tab.lend()
            assert again is page  # the same tab: no new renderer
            assert again.url == "about:blank" and again.foreign_requests == [] and again.errors == []
            for url in urls:
                again.goto(url)
                assert again.evaluate(LEFT) == NOTHING, url
                again.evaluate("console.log('after')")
            assert heard == []  # the last test's listener is gone
            again.set_viewport_size({"width": 400, "height": 600})  # not undone: a new tab next time
            tab.give_back(clean=True)
            assert tab.lend() is not page
            failed = tab.lend()
            tab.give_back(clean=False)
            assert tab.lend() is not failed
            tab.give_back(clean=True)
    finally:
        tab.close()
