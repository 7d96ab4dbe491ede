"""The Qt front end (PySide6 Widgets on a qasync loop).

One guard runs on import, before any widget exists, because every module of this package and
every GUI test imports it first:

PySide6 6.12 (abi3 wheels) returns ``None`` from Qt methods that return nothing (``setText``,
``resize``, ``setEnabled``…) without taking a reference to it, as if ``None`` were immortal, which
it is only from Python 3.12 on (PEP 683). On Python 3.11 each such call therefore drops one
reference to ``None``; after a few thousand calls the count reaches zero and the interpreter
aborts with "Fatal Python error: none_dealloc: deallocating None" (measured here: ``None`` starts
with about 5,000 references; the settings dialog test module alone exhausts them). Giving ``None``
a reference count that can never run out makes it immortal in practice, which is exactly what
that build assumes and what Python 3.12 does. It is a no-op on 3.12+ and on non-CPython.

The same holds for ``True`` (and, by the same code path, ``False``): ``SignalInstance.emit()``
returns ``True`` without a reference, so every ``signal.emit(...)`` made from Python drops one;
a streaming reply emits thousands (measured: each emit lowers ``sys.getrefcount(True)`` by one,
and the GUI test modules end with "Fatal Python error: bool_dealloc"). They get the same guard.
"""

from __future__ import annotations

import sys


def _immortalize_none() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if hasattr(sys, "gettotalrefcount"):  # debug build: ob_refcnt is not the first field
        return
    import ctypes

    # CPython object header: ob_refcnt (Py_ssize_t) is the first field of every object.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_immortalize_none()
