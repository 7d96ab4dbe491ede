"""What the window shows while the history opens, and when it cannot be opened at all.

The window appears at once and the history opens behind it (``HistoryDoor``). Until it is open
the sidebar and the composer say "Opening history…" and Send stays disabled (typing does not:
the next prompt can be prepared). If it cannot be opened even after moving a damaged file
aside, a message box says why, and the window closes once the user has read it (``app.run``
then exits 1).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from app.ui.chat.composer import Composer
from app.ui.window.history_door import HistoryDoor
from app.ui.window.sidebar import Sidebar


class OpeningView(QObject):
    """The sidebar and composer while the history opens (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        door: HistoryDoor,
        sidebar: Sidebar,
        composer: Composer,
        busy: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._door = door
        self._sidebar = sidebar
        self._composer = composer
        self._busy = busy
        #: 1 once the history could not be opened (what ``app.run`` returns).
        self.exit_status = 0
        door.failed.connect(self.cannot_start)
        # After the composer's own slot (connection order), which re-enables Send on any text.
        composer.edit.textChanged.connect(self.gate_send_button)

    def show_opening(self, opening: bool) -> None:
        """Typing works, sending waits (``opening``); or back to normal."""
        self._sidebar.set_opening(opening)
        if opening:
            label = self._composer.busy_label
            label.setText(self.tr("Opening history…"))
            label.show()
            self.gate_send_button()
        else:
            self._composer.set_busy(self._busy())  # clears the label, re-enables Send

    def gate_send_button(self) -> None:
        if not self._door.is_ready():
            self._composer.send_button.setEnabled(False)

    def cannot_start(self, message: str) -> None:
        """Say why, then close the window once the user has read it."""
        from PySide6.QtWidgets import QMessageBox  # (its class and enums: only on this path)

        self.exit_status = 1
        self._sidebar.set_opening(False, failed=True)
        self._composer.busy_label.setText(self.tr("The history could not be opened."))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("SeekDesk cannot start"),
            message,
            QMessageBox.StandardButton.Close,
            self._window,
        )
        box.setObjectName("cannotStartBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(self._window.close)
        box.open()  # not exec(): a nested event loop inside an asyncio task breaks qasync


__all__ = ["OpeningView"]
