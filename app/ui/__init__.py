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
"""

from __future__ import annotations

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


_immortalize_none()
