"""The core must run where there is no Qt at all (the CLI on a server, the tests of the core)."""

from __future__ import annotations

import ast
import gc
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[2] / "app" / "core"
QT_MODULES = ("PySide6", "qasync", "shiboken6")


def test_no_core_module_imports_qt():
    # CPython 3.11: an async generator an earlier test abandoned, finalised by the GC in the
    # middle of ast.parse, fails the parse ("AST constructor recursion depth mismatch").
    gc.collect()
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in QT_MODULES]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "app.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
        for p in CORE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print([m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
