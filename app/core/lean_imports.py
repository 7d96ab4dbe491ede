"""Importing a library without the optional extras it would load and SeekDesk never uses.

Start-up time is a feature (``seekdesk ask`` in a script loop, the window's first paint), and
two of our dependencies import heavy optional packages merely because they are installed:

* ``httpx`` imports its command-line client (``httpx._main``: ``rich``, ``click`` and Pygments'
  lexer registry) whenever ``click`` and ``rich`` happen to be installed, about 40 ms;
* ``httpcore`` imports ``trio`` when it is installed (about 50 ms), to support trio event
  loops; SeekDesk runs on asyncio only.

``without(...)`` hides such modules for the duration of one import statement: Python treats a
``None`` in ``sys.modules`` as "not installed", and both libraries fall back to what they do
when the extra is absent (``httpx.main`` becomes a stub telling to install ``httpx[cli]``;
httpcore refuses to run under trio). Afterwards the names are released, so anything else in the
process (a test run's plugins) can still import them. A module already imported is left as it is.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

#: What ``httpx`` (and ``httpcore`` beneath it) would import and SeekDesk never uses.
HTTPX_EXTRAS = ("httpx._main", "trio")


@contextlib.contextmanager
def without(*names: str) -> Iterator[None]:
    """Imports inside the block see ``names`` as not installed (unless already imported)."""
    hidden = [name for name in names if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
