"""Start where you left off: the window's place and size, the splitter, and the conversation
on screen (at the message that was at the top of the view) come back on the next start.

A saved geometry is only a wish: the screen may be smaller now, or scaled 2x (which halves its
size in the logical pixels Qt works in), or gone. So the window is restored and then fitted:
never larger than the screen's available area, moved so that all of it is on that screen.
The splitter is fitted the same way: the sidebar keeps its width only while the conversation
keeps a usable width beside it.

The place in the conversation is the message at the top of the view, or none when the view
was at the end (then it opens at the end, as new replies would be there). It reopens through
the same door as a search hit (``jump``), so a message 4,000 back costs the same as one
near the end.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from app.ui.chat.chat_view import ChatView
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor

if TYPE_CHECKING:  # (made on first use: the window's first frame does not need it)
    from app.ui.window.jump import MessageJump

#: The narrowest sidebar and conversation the splitter may restore (logical px).
MIN_SIDEBAR, MIN_CONVERSATION = 160, 360


def fit_rect(rect: QRect, area: QRect) -> QRect:
    """``rect`` made no larger than ``area`` and moved to lie wholly inside it."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = max(area.left(), min(rect.left(), area.right() + 1 - width))
    y = max(area.top(), min(rect.top(), area.bottom() + 1 - height))
    return QRect(x, y, width, height)


def fit_to_screen(window: QMainWindow) -> None:
    """Shrink and move ``window`` (its frame) onto the screen it is on, or the primary one."""
    if window.isMaximized() or window.isFullScreen():
        return
    frame = window.frameGeometry()
    screen = QGuiApplication.screenAt(frame.center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    fitted = fit_rect(frame, area)
    if fitted == frame:
        return
    # The frame (title bar, borders) is outside the client geometry: keep its margins.
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    window.resize(max(1, fitted.width() - extra_w), max(1, fitted.height() - extra_h))
    window.move(fitted.topLeft())


def fit_splitter(sizes: list[int], total: int) -> list[int]:
    """The saved [sidebar, conversation] sizes fitted into ``total`` px."""
    if total <= 0:
        return sizes
    side = max(MIN_SIDEBAR, min(sizes[0], total - MIN_CONVERSATION, total // 2))
    side = max(0, min(side, total))
    return [side, total - side]


class Resume(QObject):
    """Keeps and restores the window's place and the conversation on screen."""

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        door: HistoryDoor,
        rooms: ConversationRoom,
        jump: Callable[[], MessageJump],
        view: ChatView,
        ui: Callable[[], Mapping[str, Any]],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._rooms = rooms
        self._jump = jump
        self._view = view
        self._ui = ui
        self._refit_when_shown = False
        door.opened.connect(self.reopen)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A restored geometry is fitted again once shown: only then are the frame's margins
        # (title bar) known. A size set by the program itself is left alone.
        if (
            watched is self._window
            and event.type() == QEvent.Type.Show
            and self._refit_when_shown
        ):
            self._refit_when_shown = False
            QTimer.singleShot(0, lambda: fit_to_screen(self._window))
        return False

    def restore(self, ui: Mapping[str, Any]) -> None:
        """The saved geometry and splitter, fitted to the screen of now."""
        geometry = ui.get("geometry")
        if isinstance(geometry, str):
            try:
                data = base64.b64decode(geometry.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError):
                data = b""
            if data and self._window.restoreGeometry(QByteArray(data)):
                fit_to_screen(self._window)
                self._refit_when_shown = True
        sizes = ui.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(x, int) for x in sizes):
            total = self._splitter.width() or sum(sizes)
            self._splitter.setSizes(fit_splitter(sizes, min(total, self._window.width())))

    def remember(self, ui: dict[str, Any]) -> None:
        """Write the window's place and the conversation's into ``ui`` (saved on close)."""
        ui["geometry"] = bytes(self._window.saveGeometry().toBase64().data()).decode("ascii")
        ui["splitter"] = self._splitter.sizes()
        ui["last_conversation"] = self._rooms.current_id
        ui["last_message"] = self.top_message()

    def top_message(self) -> int | None:
        """The message at the top of the view; None at the end (or an empty view)."""
        if self._view.is_following_tail() or self._rooms.current_id is None:
            return None
        viewport = self._view.viewport()
        for row in self._view.rows():
            top = row.mapTo(viewport, QPoint(0, 0)).y()
            if top + row.height() > 0:
                return int(row.message_id)
        return None

    def reopen(self) -> None:
        """Once the history is open: the last conversation, where the user left it."""
        ui = self._ui()
        cid, mid = ui.get("last_conversation"), ui.get("last_message")
        if not isinstance(cid, int) or self._rooms.current_id is not None:
            return
        if isinstance(mid, int):
            self._jump().open_at(cid, mid)
        else:
            self._rooms.open(cid)


__all__ = ["Resume", "fit_rect", "fit_splitter", "fit_to_screen"]
