"""The modules of cheatsheet/ import each other without a cycle, so each can be read, tested and
reloaded (`mkdocs serve`) after the ones it uses. Imports made only for type checking count
too: a cycle there is still two modules that each need the other to be understood."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "cheatsheet"


def _module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path, name: str) -> set[str]:
    """The cheatsheet modules a module imports, however it spells them."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}  # `from . import site`
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: (_imports(path, name) & paths.keys()) - {name} for name, path in paths.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (its modules in order, the first repeated at the end), or []."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_graph_sees_every_spelling_of_an_import():
    graph = import_graph()
    assert "cheatsheet.findings" in graph["cheatsheet.catalog_checks"]  # from .findings import …
    assert "cheatsheet.findings" in graph["cheatsheet.generated.protocol"]  # from ..findings import (typing only)
    assert "cheatsheet.command_index" in graph["cheatsheet.generated.command_index"]  # from .. import x


def test_cheatsheet_has_no_import_cycle():
    assert find_cycle(import_graph()) == []


def test_findings_is_a_leaf():
    """The reports every check fills and every generated page reads import no check."""
    assert import_graph()["cheatsheet.findings"] <= {"cheatsheet.catalog", "cheatsheet.page", "cheatsheet.problems"}


def test_serve_reloads_a_subpackage_module_after_what_it_imports_from_the_package():
    """`mkdocs serve` reloads modules after their dependencies (cheatsheet/code_reload.py): a
    generated page's `from .. import cheat_sheet` and `from ..addresses import …` count."""
    import cheatsheet.generated  # noqa: F401 (loads the subpackage's modules)
    from cheatsheet import code_reload

    modules = code_reload._modules()
    found = code_reload._imports(modules["cheatsheet.generated.cheat_sheet"], set(modules))
    assert {"cheatsheet.cheat_sheet", "cheatsheet.addresses", "cheatsheet.generated.protocol"} <= found
