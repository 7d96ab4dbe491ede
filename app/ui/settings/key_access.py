"""The settings dialog's keyring calls, run off the UI thread.

Why: every keyring call is a D-Bus round trip (Secret Service, KWallet) that can wait for as long
as an unlock prompt stays open, or for a keyring daemon that never answers. Made on the UI thread,
that froze the whole window. Here each call runs in a worker thread (``asyncio.to_thread`` on
the qasync loop) and the dialog stays usable: it shows that it is waiting, can be cancelled or
closed, and picks the answer up when it comes.

``KeyAccess`` looks up, once per region, which key is current and whether a keyring is usable
(``lookup``), and stores a typed key (``save``). It emits ``changed`` when an answer arrives.
Closing the dialog cancels what is pending (``cancel``): a worker thread cannot be interrupted,
so a call already made finishes in the background, and its answer is dropped.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.core import regions, secrets


@dataclass(frozen=True, slots=True)
class KeyLookup:
    """What the keyring said about one region: its status, and the current key or the error."""

    status: secrets.KeyringStatus
    key: secrets.ResolvedKey | None = None
    error: regions.ConfigError | None = None


def look_up(region: str) -> KeyLookup:
    """(worker thread) Probe the keyring and resolve ``region``'s current key."""
    status = secrets.keyring_status()
    try:
        return KeyLookup(status, secrets.resolve_key(region))
    except regions.ConfigError as exc:  # keyring failure, or a DASHSCOPE_API_KEY that is no key
        return KeyLookup(status, error=exc)


def store(region: str, key: str) -> secrets.KeySource:
    """(worker thread) Keep ``key`` in the keyring, or for this session where there is none.
    Raises KeyringFailure."""
    if secrets.keyring_status().usable:
        secrets.store_key(region, key)
        return secrets.KeySource.KEYRING
    secrets.remember_for_session(region, key)
    return secrets.KeySource.SESSION


class KeyAccess(QObject):
    """Keyring lookups and stores for the dialog, each a task on the running (qasync) loop."""

    #: A lookup answered (the dialog re-reads ``result``).
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results: dict[str, KeyLookup] = {}
        self._pending: dict[str, asyncio.Task[None]] = {}
        self._saving: asyncio.Task[secrets.KeySource] | None = None
        #: The latest keyring status seen (None until the first lookup answers).
        self.status: secrets.KeyringStatus | None = None

    def result(self, region: str) -> KeyLookup | None:
        """The answer for ``region``, or None while it is pending (starts the lookup)."""
        found = self._results.get(region)
        if found is None:
            self.lookup(region)
        return found

    def waiting(self, region: str | None = None) -> bool:
        """A keyring call is pending (for ``region``, or any at all)."""
        saving = self._saving is not None and not self._saving.done()
        if region is None:
            return saving or bool(self._pending)
        return saving or region in self._pending

    def lookup(self, region: str) -> None:
        if region in self._results or region in self._pending:
            return
        task = asyncio.get_running_loop().create_task(
            self._lookup(region), name=f"settings-keyring-lookup-{region}"
        )
        self._pending[region] = task
        task.add_done_callback(lambda _: self._pending.pop(region, None))

    async def _lookup(self, region: str) -> None:
        found = await asyncio.to_thread(look_up, region)
        self._results[region] = found
        self.status = found.status
        self._pending.pop(region, None)
        self.changed.emit()

    async def save(self, region: str, key: str) -> secrets.KeySource:
        """Store ``key`` for ``region`` off the UI thread; raises KeyringFailure."""
        self._saving = asyncio.ensure_future(asyncio.to_thread(store, region, key))
        try:
            return await self._saving
        finally:
            self._results.clear()  # the current key may have changed: look it up again

    def cancel(self) -> None:
        """Stop waiting for every pending call (the dialog is closing)."""
        for task in list(self._pending.values()):
            task.cancel()
        self._pending.clear()
        if self._saving is not None:
            self._saving.cancel()
