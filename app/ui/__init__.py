"""The Qt front end (PySide6 Widgets on a qasync loop).

One guard runs on import, before any widget exists, because every module of this package and
every GUI test imports it first:

PySide6 6.12 (abi3 wheels) under-counts references to Python's singletons, as if they were
immortal, which they are only from Python 3.12 on (PEP 683). Measured on Python 3.11 here: every
call of a Qt method returning nothing (``setText``, ``resize``, ``setEnabled``…) drops one
reference to ``None``, and every signal ``emit()`` drops one to ``True``. ``None`` starts with
about 5,000 references and ``True`` with a few hundred, so within seconds of use the interpreter
aborts ("Fatal Python error: none_dealloc" / "bool_dealloc") or crashes. Giving these singletons a
reference count that can never run out makes them immortal in practice, which is exactly what
that build assumes and what Python 3.12 does. It is a no-op on 3.12+, on non-CPython and on
other PySide6 versions; pyproject.toml excludes 6.12.0, so it runs only where the pin was bypassed.

A second one makes start-up lighter. PySide6 checks every Python module imported after it for
the text "PySide6" (for its opt-in ``__feature__`` switches), with ``inspect.getsource``: each
file is decoded line by line and kept whole in ``linecache`` for the life of the process, about
10 MB for the window's modules (a third of its Python heap) plus the decoding, at every start.
``_check_sources_as_bytes`` asks the same question of the file's bytes, and keeps nothing; a
module without a ``.py`` file (a frozen bundle's) still goes to PySide6's own check. SeekDesk's
own modules are answered by their package, and the standard library's by its place (no
``-packages`` folder under it), without opening the file (~25–100 µs each, ~3 ms for the
window's): ``app.core`` never imports Qt (a test enforces it), ``app.ui`` is Qt's, the standard
library never is. The answer only matters to a module that opts into ``__feature__``.
"""

from __future__ import annotations

import os
import sys


def _immortalize_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import PySide6

    # pyproject excludes 6.12.0; this only protects an install that ignored the pin.
    if tuple(PySide6.__version_info__[:2]) < (6, 12):
        return
    if hasattr(sys, "gettotalrefcount"):  # debug build: ob_refcnt is not the first field
        return
    import ctypes

    # CPython object header: ob_refcnt (Py_ssize_t) is the first field of every object.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


def _check_sources_as_bytes() -> None:
    import PySide6  # noqa: F401  (loads shibokensupport.feature, which holds the check)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "seekdesk", False):
        return  # another PySide6 layout, or done already

    stdlib = os.path.dirname(os.__file__) + os.sep

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", None)
        if isinstance(name, str) and name.startswith("app."):
            return name.startswith("app.ui.")
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        if path.startswith(stdlib) and "-packages" not in path[len(stdlib) :]:
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.seekdesk = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


_immortalize_none()
_check_sources_as_bytes()
