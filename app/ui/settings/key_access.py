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
from app.core.settings import Settings
from app.ui.common.tasks import TaskOwner


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


def needs_first_run_setup(settings: Settings, region: str | None = None) -> bool:
    """(worker thread) True when the window cannot chat yet: no usable key for the region (the
    dialog opens by itself then), or the region needs a workspace ID and none is set."""
    region_id = region or settings.region
    try:
        reg = regions.get_region(region_id)
        if reg.needs_workspace and not settings.workspace:
            return True
        return secrets.resolve_key(reg.id) is None
    except regions.ConfigError:  # unknown region, locked keyring, bad DASHSCOPE_API_KEY
        return True


class KeyAccess(QObject):
    """Keyring lookups and stores for the dialog, each a named task of the dialog's owner."""

    #: A lookup answered (the dialog re-reads ``result``).
    changed = Signal()

    def __init__(self, tasks: TaskOwner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._results: dict[str, KeyLookup] = {}
        self._lookups: set[str] = set()
        self._saving: asyncio.Future[secrets.KeySource] | None = None
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
        pending = {r for r in self._lookups if self._tasks.running(_lookup_name(r))}
        if region is None:
            return saving or bool(pending)
        return saving or region in pending

    def lookup(self, region: str) -> None:
        if region in self._results or self._tasks.running(_lookup_name(region)):
            return
        self._lookups.add(region)
        self._tasks.start(_lookup_name(region), self._lookup(region))

    async def _lookup(self, region: str) -> None:
        found = await asyncio.to_thread(look_up, region)
        self._results[region] = found
        self.status = found.status
        self.changed.emit()

    async def save(self, region: str, key: str) -> secrets.KeySource:
        """Store ``key`` for ``region`` off the UI thread; raises KeyringFailure."""
        self._saving = asyncio.ensure_future(asyncio.to_thread(store, region, key))
        try:
            return await self._saving
        finally:
            self._results.clear()  # the current key may have changed: look it up again

    def forget(self) -> None:
        """Drop every answer, so the next ``result`` asks the keyring again."""
        self._results.clear()

    def cancel(self) -> None:
        """Stop waiting for every pending lookup (the dialog is closing)."""
        for region in self._lookups:
            self._tasks.cancel(_lookup_name(region))


def _lookup_name(region: str) -> str:
    return f"keyring-lookup-{region}"
