"""Conversations pinned to the top of the sidebar, kept in the window's preferences.

The pinned ids live in the settings' ``ui`` section (``pinned``), beside the window's layout:
pinning is how this window is arranged, not a fact about the conversation, and it needs no
change to the history. An id whose conversation was deleted is harmless (nothing shows it) and
is dropped the next time the set changes; a deleted conversation brought back by Undo comes back
under a new id, and its pin moves to it (``carry``), even if the set changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from app.ui.window.sidebar import Sidebar

if TYPE_CHECKING:  # (Delete's Undo is made on first use)
    from app.ui.window.delete_undo import Restored


class Pins(QObject):
    """Loads the pinned set into the sidebar and keeps it as the user pins and unpins."""

    def __init__(
        self,
        sidebar: Sidebar,
        ui: Callable[[], Mapping[str, Any]],
        save_ui: Callable[[dict[str, Any]], None],
    ) -> None:
        super().__init__(sidebar)
        self._sidebar = sidebar
        self._ui = ui
        self._save_ui = save_ui
        #: Pinned ids dropped because their conversation was gone (deleted, maybe undone).
        self._departed: set[int] = set()
        sidebar.set_pinned(self.ids())
        sidebar.pin_toggled.connect(self.toggle)

    def ids(self) -> list[int]:
        saved = self._ui().get("pinned", [])
        return [i for i in saved if isinstance(i, int)] if isinstance(saved, list) else []

    def toggle(self, conversation_id: int) -> None:
        known = set(self._sidebar.conversation_ids())
        ids = self.ids()
        self._departed.update(i for i in ids if i not in known)
        ids = [i for i in ids if i in known]
        if conversation_id in ids:
            ids.remove(conversation_id)
        else:
            ids.insert(0, conversation_id)
        self._set(ids)

    def carry(self, restored: Restored) -> None:
        """Deleted conversations came back under new ids: their pins follow them."""
        ids = self.ids()
        was = [old for old in restored.moved if old in self._departed and old not in ids]
        carried = [restored.moved.get(i, i) for i in ids] + [restored.moved[old] for old in was]
        self._departed.difference_update(restored.moved)
        if carried != ids:
            self._set(carried)

    def _set(self, ids: list[int]) -> None:
        self._save_ui({**self._ui(), "pinned": ids})
        self._sidebar.set_pinned(ids)


__all__ = ["Pins"]
