"""The history as the window holds it: opened off the UI thread, waited for, closed at the end.

``HistoryStore.open()`` runs an integrity check and maybe a migration or a backup (a tenth of a
second on a big history, seconds on a slow disk), so the window appears at once and the door
opens behind it, as the task ``open-history`` of the window's ``TaskOwner``. Until then
``is_ready()`` is False; everything that may run earlier awaits ``wait()``. A window given an
open store (tests) is ready at once and does not close it.

``app.ui.app`` starts the opening even earlier, before it imports the window (``open_early``:
a thread of its own, whose SQLite work — the integrity check above all — runs in C without the
GIL while the UI thread imports), and hands the door that future. The same thread lists the
sidebar's first page (``FIRST_PAGE`` conversations): when it is done by the time the window
starts, the door opens at once and the window's first frame shows the list (one paint, no
"Opening history…" before it). The store's module is imported
first, on the UI thread: a worker thread never imports (beside PySide6's import hook that can
crash), and opening the history imports nothing (``tests/ui/window/test_startup_imports.py``).

Signals: ``opened`` once the store is there; ``failed`` with the sentence to show when it cannot
be opened at all (the window then explains and closes, and ``app.run`` exits 1).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core.history import Conversation, HistoryError, HistoryStore
from app.ui.common.tasks import TaskOwner

log = logging.getLogger(__name__)

OPEN_TASK = "open-history"
#: Conversations listed before the window's first frame (the rest follow when it has painted).
FIRST_PAGE = 100


@dataclass(frozen=True)
class Opened:
    """An early opening's result: the store and the newest ``FIRST_PAGE`` conversations."""

    store: HistoryStore
    first_page: list[Conversation]


def open_early(open_store: Callable[[], HistoryStore] = HistoryStore.open) -> Future[Opened]:
    """Start opening the history (and listing its first page) on a thread now, before the loop
    runs; the door takes it."""
    future: Future[Opened] = Future()

    def work() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            store = open_store()
            future.set_result(Opened(store, store.list_conversations(FIRST_PAGE)))
        except BaseException as exc:  # (handed to the door, which tells the user)
            future.set_exception(exc)

    threading.Thread(target=work, name=OPEN_TASK, daemon=True).start()
    return future


class HistoryDoor(QObject):
    """Opens, holds and closes the window's ``HistoryStore``."""

    opened = Signal()
    #: The sentence to show: the history cannot be opened at all.
    failed = Signal(str)

    def __init__(
        self,
        store: HistoryStore | None,
        tasks: TaskOwner,
        open_store: Callable[[], HistoryStore] = HistoryStore.open,
        parent: QObject | None = None,
        early: Future[Opened] | None = None,
    ) -> None:
        """``early``: an opening already under way (``open_early``), used instead of
        ``open_store``."""
        super().__init__(parent)
        self._early = early
        self._store = store
        self._owns_store = store is None
        self._open_store = open_store
        self._tasks = tasks
        self._opening: asyncio.Task[None] | None = None
        self._closing = False
        self._first_page: list[Conversation] | None = None

    @property
    def store(self) -> HistoryStore:
        """The open history. Only valid once ``is_ready()``: code that can run earlier awaits
        ``wait()`` instead."""
        if self._store is None:
            raise RuntimeError("the history is not open yet")
        return self._store

    def is_ready(self) -> bool:
        return self._store is not None

    def open(self) -> None:
        """Start opening (no-op with a store given, or when already opening). An early opening
        that is done already is taken at once: ``opened`` is emitted before this returns."""
        if self._store is not None or self._opening is not None:
            return
        early = self._early
        if early is not None and early.done() and early.exception() is None:
            self._adopt(early.result())
            return
        self._opening = self._tasks.start(OPEN_TASK, self._open())

    def take_first_page(self) -> list[Conversation] | None:
        """The first page the early opening listed, once (None: there is none, or taken)."""
        page, self._first_page = self._first_page, None
        return page

    async def wait(self) -> HistoryStore | None:
        """The store, waiting while it opens; None if it never will (not started, or opening
        failed)."""
        if self._store is None and self._opening is not None and not self._opening.done():
            await asyncio.shield(self._opening)
        return self._store

    async def _open(self) -> None:
        try:
            if self._early is not None:
                opened = await asyncio.wrap_future(self._early)
            else:
                opened = Opened(await asyncio.to_thread(self._open_store), [])
        except Exception as exc:  # HistoryError (unusable even after moving it aside), OSError…
            log.error("the history cannot be opened: %s", exc)
            message = str(exc) if isinstance(exc, HistoryError) else None
            self.failed.emit(
                message or self.tr("The history cannot be opened: {error}").format(error=exc)
            )
            return
        if self._closing:  # the window closed while the history was opening
            opened.store.close()
            return
        self._adopt(opened)

    def _adopt(self, opened: Opened) -> None:
        self._store = opened.store
        self._first_page = opened.first_page if self._early is not None else None
        self.opened.emit()

    async def close(self) -> None:
        """Close the store (if the door opened it), after an opening under way has finished:
        a migration or a backup cannot be interrupted (its thread runs on regardless)."""
        self._closing = True
        if self._opening is not None and not self._opening.done():
            await asyncio.wait([self._opening])
        if self._owns_store and self._store is not None:
            self._store.close()


__all__ = ["HistoryDoor"]
