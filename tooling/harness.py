"""The one test harness, imported by tests/conftest.py, the tests and the scripts: a throwaway
copy of the project, the strict build (with either builder), site variants built once per test
run and shared by every pytest-xdist worker, a loopback server, Debian's Chromium and its
arguments, the page that aborts every foreign request, typing a query into Material's search,
the counter of queries the search worker answered, and the search-latency measurement.

Standard library and Playwright only (Playwright is imported where a browser starts)."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# What a build reads: a copy of these is a project that builds on its own.
PROJECT_FILES = ["mkdocs.yml", "docs", "hooks", "cheatsheet", "data", "overrides", "templates"]

# -- the builder ----------------------------------------------------------------------------------

# MkDocs 1.6.1 is its last release; ProperDocs is its maintained fork and builds this site the
# same (scripts/compare_builders.py holds it). CHEATSHEET_BUILDER=properdocs runs every build of
# the tests and scripts with it.
BUILDERS = ("mkdocs", "properdocs")


def builder() -> str:
    name = os.environ.get("CHEATSHEET_BUILDER", "mkdocs")
    if name not in BUILDERS:
        raise SystemExit(f"CHEATSHEET_BUILDER={name!r}: use one of {', '.join(BUILDERS)}")
    return name


def build_command(*args: str, builder_name: str | None = None) -> list[str]:
    """`python -m mkdocs ARGS` (or properdocs) with this interpreter, so the venv's copy runs."""
    return [sys.executable, "-m", builder_name or builder(), *args]


def build_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra)


def copy_project(dest: Path) -> Path:
    """A throwaway copy of what a build reads, to add, break or reconfigure pages in."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


@dataclasses.dataclass
class Build:
    returncode: int
    output: str
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def strict_build(
    project: Path,
    site: Path,
    *,
    config: str | None = None,
    builder_name: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Build:
    """`mkdocs build --strict` of `project` into `site`. Never with -q: quiet mode drops the
    warnings before strict counts them, so a broken page would pass."""
    args = ["build", "--strict", "-d", str(site)]
    if config:
        args += ["-f", config]
    proc = subprocess.run(
        build_command(*args, builder_name=builder_name),
        cwd=project,
        capture_output=True,
        text=True,
        env=env or build_env(),
        timeout=timeout,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def shared_build(base: Path, name: str, make: Callable[[Path], Build]) -> Build:
    """A site variant built once per test run, whichever pytest-xdist worker asks first.

    `base` is a folder every worker of the run sees (the parent of pytest's per-worker temporary
    folder); `make(folder)` builds the variant in `folder`. The others wait on a file lock, then
    read the recorded result. Tests read a shared build, never write into it."""
    folder = base / f"variant-{name}"
    record = base / f"variant-{name}.json"
    with open(base / f"variant-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if record.exists():
                data = json.loads(record.read_text(encoding="utf-8"))
                return Build(data["returncode"], data["output"], Path(data["site"]))
            folder.mkdir(parents=True, exist_ok=True)
            build = make(folder)
            data = {"returncode": build.returncode, "output": build.output, "site": str(build.site)}
            record.write_text(json.dumps(data), encoding="utf-8")
            return build
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# -- a loopback server ----------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging each request to stderr."""

    def log_message(self, *args: Any) -> None:
        pass


class PrefixHandler(QuietHandler):
    """Serves the folder under a base path (`prefix`, e.g. "/docker-cheat-sheet/"), as a host
    serves a project site."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)


class QuietServer(http.server.ThreadingHTTPServer):
    """A loopback server that says nothing when the browser drops a connection mid-answer (a
    test closes its page while a file is still being sent), which is no error of the site."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`directory` on a free loopback port; yields its base URL (`http://127.0.0.1:PORT/`)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# -- Debian's Chromium ----------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests and CI run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no update checks or field trials: offline means offline
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_MISSING = f"{CHROMIUM} is missing: apt-get install -y chromium"


def launch_chromium(playwright: Any, **options: Any) -> Any:
    """Debian's Chromium with the harness's arguments. A missing browser is an error: browser
    tests never skip to green."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(CHROMIUM_MISSING)
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options)


def launch_persistent_chromium(playwright_type: Any, profile: Path, **options: Any) -> Any:
    """Chromium with a profile on disk, as a reader's (installation is offered only there)."""
    return playwright_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **options
    )


LOCAL_URLS = ("file:", "http://127.0.0.1", "data:", "blob:", "about:")


def block_foreign_requests(page: Any, allowed: tuple[str, ...] = LOCAL_URLS) -> None:
    """Abort every request but file://, loopback and in-page URLs; list the aborted ones in
    `page.foreign_requests` and uncaught errors in `page.errors`."""
    page.foreign_requests = []
    page.errors = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(allowed):
            request_route.continue_()
        else:
            page.foreign_requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: page.errors.append(str(error)))


@contextlib.contextmanager
def offline_page(browser: Any, allowed: tuple[str, ...] = LOCAL_URLS, **context_options: Any) -> Iterator[Any]:
    """A page in a fresh context whose every foreign request is aborted and recorded."""
    context = browser.new_context(**context_options)
    # search() then waits for the answer to the whole query, not to a prefix typed before it.
    context.add_init_script(WORKER_COUNTER)
    try:
        page = context.new_page()
        block_foreign_requests(page, allowed)
        yield page
    finally:
        context.close()


def _origin(url: str) -> str:
    """The storage origin of a URL a frame showed ("" for about:blank and the like)."""
    if url.startswith("file:"):
        return "file://"
    return "/".join(url.split("/", 3)[:3]) if url.startswith(("http:", "https:")) else ""


class LentTab:
    """One tab that a worker lends to its tests one at a time, emptied between them as a fresh
    context would be: every origin it reached loses its storage (local and session storage,
    IndexedDB, Cache Storage, service workers, cookies), the test's listeners are removed, and
    it goes back to about:blank. A fresh tab costs a new renderer: a page loaded in one took
    about 1.0 CPU-seconds here, in a lent tab 0.3 (tests/test_harness_tab.py holds the emptying).

    A test that changes what the lender cannot undo (init scripts, exposed functions, emulated
    media, viewport, its own routes, headers) or that fails gets a new context next time."""

    _DIRTYING = (
        "once",
        "add_init_script",
        "expose_function",
        "expose_binding",
        "emulate_media",
        "set_viewport_size",
        "route",
        "set_extra_http_headers",
        "set_default_timeout",
        "set_default_navigation_timeout",
    )

    def __init__(
        self,
        browser: Any,
        allowed: tuple[str, ...] | None = LOCAL_URLS,
        permissions: tuple[list[str], str] | None = None,
    ) -> None:
        """`allowed`: the URLs a page may request, the rest aborted and recorded (None: every
        request goes out unrouted, which costs less)."""
        self._browser = browser
        self._allowed = allowed
        self._permissions = permissions
        self._context: Any = None
        self._page: Any = None
        self._cdp: Any = None
        self._origins: set[str] = set()
        self._listeners: list[tuple[str, Any]] = []
        self._dirty = False

    def _open(self) -> None:
        self._context = self._browser.new_context()
        # search() then waits for the answer to the whole query, not to a prefix typed before it.
        self._context.add_init_script(WORKER_COUNTER)
        if self._permissions:
            self._context.grant_permissions(self._permissions[0], origin=self._permissions[1])
        page = self._context.new_page()
        self._cdp = self._context.new_cdp_session(page)
        self._origins = set()
        self._dirty = False
        if self._allowed is not None:
            page.route("**/*", self._route)
        page.on("framenavigated", lambda frame: self._origins.add(_origin(frame.url)))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        listen = page.on

        def on(event: str, handler: Any) -> None:
            self._listeners.append((event, handler))
            listen(event, handler)

        page.on = on
        for name in self._DIRTYING:
            setattr(page, name, self._dirtying(getattr(page, name)))
        self._page = page

    def _dirtying(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self._dirty = True
            return method(*args, **kwargs)

        return call

    def _route(self, request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(self._allowed or ()):
            request_route.continue_()
        else:
            self._page.foreign_requests.append(url)
            request_route.abort()

    def lend(self) -> Any:
        if self._context is None:
            self._open()
        self._page.foreign_requests = []
        self._page.errors = []
        return self._page

    def give_back(self, clean: bool) -> None:
        """Empty the tab for the next test, or drop it when the test failed or changed it."""
        page, listeners, self._listeners = self._page, self._listeners, []
        if page is None:
            return
        if clean and not self._dirty and not page.is_closed():
            try:
                for event, handler in listeners:
                    page.remove_listener(event, handler)
                page.goto("about:blank")
                for origin in sorted(self._origins - {""}):
                    self._cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
                self._context.clear_cookies()
                return
            except Exception:  # whatever went wrong, the next test gets a new context
                pass
        self.close()

    def close(self) -> None:
        if self._context is not None:
            with contextlib.suppress(Exception):
                self._context.close()
        self._context = self._page = self._cdp = None


# -- Material's search, as a reader types into it -------------------------------------------------

# Runs before the page's scripts: counts the queries posted to the search worker and the results
# it delivers, and when it first reported ready (the override's SearchWorker replaces
# window.Worker; the setter wraps it), so a query counts as answered only when every query typed
# so far has its result, however slow the machine. (Its own second, fuzzy run of a query is
# internal: one query, one result.) Material's messages: 1 ready, 2 query, 3 result.
WORKER_COUNTER = """(() => {
  const counts = window.__queries = {posted: 0, answered: 0, ready: null, answeredAt: 0};
  let current = window.Worker;
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get() { return current; },
    set(value) {
      current = class extends value {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (event) => {
            const data = event.data;
            if (data && data.type === 1 && counts.ready === null) counts.ready = performance.now();
            if (data && data.type === 3) { counts.answered++; counts.answeredAt = performance.now(); }
          });
        }
        postMessage(message) {
          if (message && message.type === 2) counts.posted++;
          super.postMessage(message);
        }
      };
    },
  });
})();"""
# Records every change of the result list; SETTLED resolves once every query has its result, the
# list has changed since the last one arrived (it is shown, not just received), and has then
# been quiet for `quiet` ms (false after `timeout` ms).
OBSERVE = """() => {
  const list = document.querySelector(".md-search-result");
  window.__changed = performance.now();
  new MutationObserver(() => { window.__changed = performance.now(); })
    .observe(list, {childList: true, subtree: true, characterData: true});
}"""
SETTLED = """async ([quiet, timeout]) => {
  const start = performance.now();
  while (performance.now() - start < timeout) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const counts = window.__queries;
    const answered = counts.posted > 0 && counts.answered >= counts.posted;
    const shown = window.__changed >= counts.answeredAt;
    if (answered && shown && performance.now() - window.__changed >= quiet) return true;
  }
  return false;
}"""
# Arms a measurement: the next key press's time, and the first change of the results after it.
ARM = """() => {
  window.__key = null;
  window.__first = null;
  document.addEventListener("keydown", () => { window.__key = performance.now(); }, {capture: true, once: true});
  new MutationObserver((records, observer) => {
    if (window.__key !== null && window.__first === null) { window.__first = performance.now(); observer.disconnect(); }
  }).observe(document.querySelector(".md-search-result__list"), {childList: true, subtree: true});
}"""
RESULTS_SHOWN = """() => [
  ...document.querySelectorAll('.md-search-result__item > a, .md-search-result__item details a'),
].map(a => ({href: a.getAttribute('href'), title: (a.querySelector('h1,h2') || a).textContent, text: a.textContent}))"""


def open_search(page: Any) -> Any:
    """Opens the search box (behind a button on narrow screens) and returns it."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    return box


def type_query(page: Any, text: str, delay: float = 15) -> None:
    """Replaces the query key by key: Material reacts to key presses, so never fill()."""
    box = page.locator("input.md-search__input")
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(text, delay=delay)


def enter_query(page: Any, text: str) -> None:
    """Puts a whole query in the box with one key press, its last character: Material searches on
    that key press and reads the whole box. For benchmarks of what a query finds, where typing
    key by key would have the worker answer every prefix and throw the answers away."""
    box = page.locator("input.md-search__input")
    box.fill(text[:-1])
    box.press_sequentially(text[-1:])


def search(page: Any, query: str, timeout: float = 10.0) -> list[dict]:
    """Enter a query and return the results shown (href, title, text). On a page with
    WORKER_COUNTER (offline_page's), the query goes in with one key press and the results are
    read once its answer is shown: typed key by key, the answer to a prefix ('docker p') can
    arrive, and look final, well before the answer to the whole query on a busy machine.
    Elsewhere it is typed key by key and read once the results' count is shown."""
    open_search(page)
    if page.evaluate("() => window.__queries !== undefined"):
        page.evaluate("() => window.__changed === undefined && (" + OBSERVE + ")()")
        enter_query(page, query)
        assert settle(page, quiet=100, timeout=int(timeout * 1000)), f"no answer to {query!r} in {timeout} s"
        return page.evaluate(RESULTS_SHOWN)
    type_query(page, query)
    deadline = time.monotonic() + timeout
    meta = page.locator(".md-search-result__meta")
    while time.monotonic() < deadline:
        if "matching" in meta.inner_text().lower():
            break
        time.sleep(0.05)
    time.sleep(0.3)  # results render in batches after the count
    return page.evaluate(RESULTS_SHOWN)


def watch_search(page: Any, url: str) -> Any:
    """Opens `url` with the worker counter in place and the result list observed; returns the
    search box, open."""
    page.add_init_script(WORKER_COUNTER)
    page.goto(url)
    page.evaluate(OBSERVE)
    return open_search(page)


def settle(page: Any, quiet: int = 250, timeout: int = 10_000) -> bool:
    """Waits until every query typed has its result and the list is quiet for `quiet` ms."""
    return page.evaluate(SETTLED, [quiet, timeout])


# The queries of the one search-latency measurement: a flag, a command, a task, a typo, an
# instruction and a phrase; from file://, where the worker runs in a frame and is slowest.
LATENCY_QUERIES = ["--rm", "compose up", "copy file from container", "contianer logs", "HEALTHCHECK", "free disk space"]
LATENCY_BUDGET_MS = 50.0  # median, last keystroke -> first change of the results (issue #11)


def measure_latency(page: Any, box: Any, queries: list[str], rounds: int) -> list[tuple[str, float]]:
    """The one search-latency measurement: for each query, milliseconds from its last keystroke
    to the first change of the result list, timed in the page with performance.now(). `page`
    was opened with watch_search(); `box` is its search box. Returns (query, ms) samples."""
    samples: list[tuple[str, float]] = []
    for _ in range(rounds):
        for text in queries:
            type_query(page, text[:-1])
            settle(page, 300, 10_000)
            page.evaluate(ARM)
            box.press(text[-1])
            page.wait_for_function("() => window.__first !== null", timeout=15_000)
            samples.append((text, page.evaluate("() => window.__first - window.__key")))
    return samples


def latency_summary(samples: list[tuple[str, float]]) -> dict:
    """The one figure (the median) with its max, count and budget."""
    values = [ms for _, ms in samples]
    median = statistics.median(values)
    return {
        "median_ms": median,
        "max_ms": max(values),
        "n": len(values),
        "budget_ms": LATENCY_BUDGET_MS,
        "met": median <= LATENCY_BUDGET_MS,
    }


def search_latency(page: Any, site: Path, rounds: int = 3, queries: list[str] | None = None) -> dict:
    """measure_latency() on the built site opened from disk, summarised."""
    box = watch_search(page, (site / "index.html").resolve().as_uri())
    return latency_summary(measure_latency(page, box, queries or LATENCY_QUERIES, rounds))
