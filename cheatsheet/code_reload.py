"""Fresh code for every build of `mkdocs serve`.

MkDocs executes a hook file once per process (it caches the loaded hook), and Python keeps
every imported module: so under `mkdocs serve` an edit to this package would reach the site
only after a restart. `reload_if_changed` reloads the package's modules, in place and
dependencies first, when one of their files has changed since it was loaded; the module
objects stay the same, so the hook's `from cheatsheet import site` keeps working."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path
from types import ModuleType

PACKAGE = __name__.rpartition(".")[0]
_loaded: dict[str, tuple[int, int]] = {}  # module file -> (mtime, size) when it was last loaded


def _stamp(path: str) -> tuple[int, int]:
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        return -1, -1  # deleted: whatever imported it is reloaded, and fails if it still does
    return stat.st_mtime_ns, stat.st_size


def _modules() -> dict[str, ModuleType]:
    return {
        name: module
        for name, module in list(sys.modules.items())
        if (name == PACKAGE or name.startswith(PACKAGE + "."))
        and name != __name__
        and getattr(module, "__file__", None)
    }


def remember() -> None:
    """Note the files of the package's modules as they are now (call once they are imported)."""
    for module in _modules().values():
        _loaded.setdefault(str(module.__file__), _stamp(str(module.__file__)))


def _imports(module: ModuleType, names: set[str]) -> set[str]:
    """The package's modules that module imports at run time (not under `if TYPE_CHECKING:`)."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    package = module.__name__ if hasattr(module, "__path__") else module.__name__.rpartition(".")[0]
    found: set[str] = set()
    for node in tree.body:  # top-level statements only: what runs when the module loads
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # `from .x import`, `from .. import x` (a subpackage's module)
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & names) - {module.__name__}


def reload_if_changed() -> list[str]:
    """Reload every module of the package if any of their files changed; the names reloaded."""
    modules = _modules()
    if all(_loaded.get(str(m.__file__)) == _stamp(str(m.__file__)) for m in modules.values()):
        return []
    deps = {
        name: _imports(module, set(modules)) if Path(str(module.__file__)).is_file() else set()
        for name, module in modules.items()
    }
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order or name in path:
            return
        for dep in sorted(deps[name]):
            visit(dep, (*path, name))
        order.append(name)

    for name in sorted(modules):
        visit(name, ())
    for name in order:
        path = str(modules[name].__file__)
        if not Path(path).is_file():
            del sys.modules[name]  # a module that is gone cannot be reloaded
            continue
        importlib.reload(modules[name])
        _loaded[path] = _stamp(path)
    remember()  # modules imported for the first time by the new code
    return order
