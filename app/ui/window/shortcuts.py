"""The keyboard's reach beyond the menus' own entries: F3 / Shift+F3 through search hits,
Ctrl+Shift+C to copy the last answer, Ctrl+K to go to a conversation by typing its title
(``quick_switcher``), Alt+Up / Alt+Down between conversations, and Help →
Keyboard shortcuts, a list made from the window's actions themselves (so it cannot drift from
what the keys do).

Keys are ``QKeySequence`` standard keys where one exists (FindNext is F3 here and Cmd+G on
macOS) and written with "Ctrl" otherwise, which Qt maps to Cmd on macOS.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.ui.chat.chat_view import ChatView
from app.ui.chat.rows import AssistantMessageWidget
from app.ui.common.tasks import TaskOwner
from app.ui.window.find_bar import FindBar
from app.ui.window.history_door import HistoryDoor
from app.ui.window.search_results import HitSteps
from app.ui.window.sidebar import Sidebar

if TYPE_CHECKING:
    from app.ui.window.quick_switcher import QuickSwitcher


class Shortcuts(QObject):
    """Builds the actions (see the module docstring) on ``window``."""

    def __init__(
        self,
        window: QMainWindow,
        edit_menu: QMenu,
        view_menu: QMenu,
        help_menu: QMenu,
        steps: HitSteps,
        sidebar: Sidebar,
        chat_view: ChatView,
        current_id: Callable[[], int | None],
        open_conversation: Callable[[int], object],
        say: Callable[[str], None],
        door: HistoryDoor,
        tasks: TaskOwner,
        find_bar: FindBar | None = None,
    ) -> None:
        """F3 steps through the find bar's matches while it shows, else the sidebar search's."""
        super().__init__(window)
        self._switcher: QuickSwitcher | None = None  # made at its first Ctrl+K (a dialog)
        self._switcher_parts = (window, door, tasks, open_conversation)
        self._window = window
        self._sidebar = sidebar
        self._chat_view = chat_view
        self._current_id = current_id
        self._open = open_conversation
        self._say = say
        tr = self.tr

        def step(forward: bool) -> None:
            if find_bar is not None and find_bar.isVisible():
                find_bar.step(forward)
            else:
                steps.step(forward)

        self.find_next = self._action(tr("Find &next"), lambda: step(True),
                                      QKeySequence.StandardKey.FindNext)  # fmt: skip
        self.find_previous = self._action(tr("Find pre&vious"), lambda: step(False),
                                          QKeySequence.StandardKey.FindPrevious)  # fmt: skip
        self.copy_answer = self._action(tr("Copy last &answer"), self.copy_last_answer,
                                        "Ctrl+Shift+C")  # fmt: skip
        edit_menu.addActions([self.find_next, self.find_previous, self.copy_answer])
        self.quick_switch = self._action(tr("&Go to conversation…"), lambda: self.switcher.start(),
                                         "Ctrl+K")  # fmt: skip
        self.previous_conversation = self._action(
            tr("&Previous conversation"), lambda: self.move(-1), "Alt+Up"
        )
        self.next_conversation = self._action(
            tr("Ne&xt conversation"), lambda: self.move(1), "Alt+Down"
        )
        view_menu.addSeparator()
        view_menu.addActions(
            [self.quick_switch, self.previous_conversation, self.next_conversation]
        )
        self.keys_list = self._action(tr("&Keyboard shortcuts"), self.show_keys,
                                      QKeySequence.StandardKey.HelpContents)  # fmt: skip
        first = help_menu.actions()[0] if help_menu.actions() else None
        help_menu.insertAction(first, self.keys_list)  # type: ignore[arg-type]  # (None: append)

    @property
    def switcher(self) -> QuickSwitcher:
        if self._switcher is None:
            from app.ui.window.quick_switcher import QuickSwitcher

            self._switcher = QuickSwitcher(*self._switcher_parts)
        return self._switcher

    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence.StandardKey | str
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def copy_last_answer(self) -> None:
        answers = [
            row
            for row in self._chat_view.rows()
            if isinstance(row, AssistantMessageWidget) and row.answer_source().strip()
        ]
        if not answers:
            self._say(self.tr("There is no answer to copy yet."))
            return
        QGuiApplication.clipboard().setText(answers[-1].answer_source())
        self._say(self.tr("Last answer copied."))

    def move(self, step: int) -> None:
        """Open the conversation above (-1) or below (+1) the one on screen, in the list."""
        ids = self._sidebar.conversation_ids()
        if not ids:
            return
        current = self._current_id()
        if current in ids:
            index = max(0, min(len(ids) - 1, ids.index(current) + step))
        else:
            index = 0 if step > 0 else len(ids) - 1
        if ids[index] != current:
            self._open(ids[index])

    def rows(self) -> list[tuple[str, str]]:
        """(what, keys) for every window action with a shortcut, in menu order."""
        out = []
        for action in self._window.actions():
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            keys = [k for k in keys if k and _typeable(k)]
            if keys and action.text():
                out.append((_plain(action.text()), ", ".join(keys)))
        return out

    def show_keys(self) -> None:
        dialog = QDialog(self._window)
        dialog.setObjectName("shortcutsDialog")
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        rows = self.rows()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for n, (what, keys) in enumerate(rows):
            table.setItem(n, 0, QTableWidgetItem(what))
            table.setItem(n, 1, QTableWidgetItem(keys))
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab and Esc go to Close
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.resizeColumnsToContents()
        table.setColumnWidth(0, table.columnWidth(0) + 16)  # air between a command and its keys
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        # Every row at once (no scrolling through a list of ~15), within the screen.
        frame = 2 * table.frameWidth()
        rows_height = table.horizontalHeader().sizeHint().height() + frame
        rows_height += table.verticalHeader().length()
        screen = self._window.screen().availableGeometry()
        table.setMinimumHeight(min(rows_height, int(screen.height() * 0.75)))
        width = table.horizontalHeader().length() + frame + 80
        dialog.resize(max(420, width), dialog.sizeHint().height())
        dialog.open()


def _plain(text: str) -> str:
    """A menu text without its mnemonic: "&New chat" and "新建对话(&N)" read as typed."""
    return re.sub(r"\(&.\)", "", text).replace("&", "").rstrip("…").strip()


def _typeable(keys: str) -> bool:
    """A chord or a named key one types (Ctrl+N, F3, Esc); not a media key such as ZoomIn."""
    return "+" in keys or bool(re.fullmatch(r"F\d+|Esc|Del|Delete", keys))


__all__ = ["Shortcuts"]
