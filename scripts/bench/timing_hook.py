"""A hook for the benchmark only: it loads the project's real hook file, times its import and
every event it handles, and logs the totals when MkDocs shuts down, as

    INFO - cheatsheet hooks: 0.412 s (import 0.101, files 0.160, page_markdown 0.012, …)
    INFO - garbage collection: 0.031 s in 41 collections, 2 of them full

All times are CPU time. The second line counts the whole build's time in Python's cyclic collector (whoever triggered
it): what the real hook's gc.freeze() is there to save.

Only the benchmark's derived config (`mkdocs-timing.yml`, written by bench.common) lists it,
in place of the real hook; the production hook carries no instrumentation. MkDocs runs the
build in the project's folder, so the real hook is found there."""

from __future__ import annotations

import functools
import gc
import importlib.util
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REAL_HOOK = Path("hooks") / "cheatsheet_hooks.py"
# CPU time of this process, not wall time: on a shared machine other work only delays the
# build, which wall time would count as the hooks' (the build is single-threaded).
_clock = time.process_time
log = logging.getLogger("mkdocs.plugins.cheatsheet.timing")
_spent: dict[str, float] = {}
_gc = {"seconds": 0.0, "collections": 0, "full": 0, "started": 0.0}


def _on_gc(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc["started"] = _clock()
        return
    _gc["seconds"] += _clock() - _gc["started"]
    _gc["collections"] += 1
    _gc["full"] += info.get("generation") == 2


gc.callbacks.append(_on_gc)


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    started = _clock()
    spec.loader.exec_module(module)
    _spent["import"] = _clock() - started
    return module


def _timed(name: str, handler: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(handler)  # keeps MkDocs' event priority (`mkdocs_priority`)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = _clock()
        try:
            return handler(*args, **kwargs)
        finally:
            _spent[name] = _spent.get(name, 0.0) + _clock() - start

    return timed


_real = _load(REAL_HOOK.resolve())
for _name in dir(_real):
    if _name.startswith("on_") and callable(getattr(_real, _name)) and _name != "on_shutdown":
        globals()[_name] = _timed(_name.removeprefix("on_"), getattr(_real, _name))


def on_shutdown() -> None:
    """When MkDocs exits: the real hook's own time, in all and per event."""
    if hasattr(_real, "on_shutdown"):
        _real.on_shutdown()
    parts = ", ".join(f"{name} {seconds:.3f}" for name, seconds in _spent.items())
    log.info(f"cheatsheet hooks: {sum(_spent.values()):.3f} s ({parts})")
    log.info(
        f"garbage collection: {_gc['seconds']:.3f} s in {_gc['collections']:.0f} collections, "
        f"{_gc['full']:.0f} of them full"
    )
