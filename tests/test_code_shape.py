"""The shape of ``app/`` that keeps it easy to change: no import cycles, no module too long.

A cycle (even one closed only by an import under ``TYPE_CHECKING`` or inside a function) means
two modules cannot be understood, tested or moved apart; a module over 500 lines is one that
should have been split. The graph is read from the source with ``ast``, nothing is imported.
"""

from __future__ import annotations

import ast
import gc
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(APP.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every ``app`` module ``path`` imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # ``from app.x import y``: y may be a module of package app.x, or a name in it.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    # CPython 3.11: an async generator an earlier test abandoned, finalised by the GC in the
    # middle of ast.parse, fails the parse ("AST constructor recursion depth mismatch").
    gc.collect()
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            # A package's __init__ importing its own submodules is how packages re-export.
            if target.startswith(node + "."):
                continue
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_graph_reader_sees_type_checking_and_function_imports(tmp_path: Path) -> None:
    """The check can fail: an import under TYPE_CHECKING closing a loop is a cycle."""
    graph = {"app.a": {"app.b"}, "app.b": {"app.a"}, "app.c": set()}
    assert find_cycle(graph) == ["app.a", "app.b", "app.a"]
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from app.ui import app\n"
    module = tmp_path / "m.py"
    module.write_text(source + "def f():\n    import app.core.paths\n", encoding="utf-8")
    assert imports_of("app.x.m", module, {"app.ui", "app.ui.app", "app.core.paths"}) == {
        "app.ui.app",
        "app.ui",
        "app.core.paths",
    }


def test_app_has_no_import_cycle() -> None:
    graph = import_graph()
    assert "app.ui.window.main_window" in graph  # the reader found the tree
    cycle = find_cycle(graph)
    # The usual way out: move what both modules need into a third, smaller one.
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_module_in_app_is_over_500_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, "split these modules (the limit is 500 lines): " + repr(long)
