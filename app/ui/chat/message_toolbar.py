"""What a message offers: a toolbar on hover (or focus), the same actions in a context menu, the
``‹ 2 / 3 ›`` switcher between versions, and editing a prompt in place.

Everything here only *asks*: each button, menu entry and key emits a
:class:`~app.ui.chat.message_actions.MessageActionRequest` on the chat view's
``action_requested`` (the one route to the window's dispatcher), so a click, a menu entry and a
key are the same request. ``attach(view, row)`` dresses one row; it is called for every row the
view makes.

Keyboard: every message takes focus with Tab (it then shows its toolbar, whose buttons are next
in the Tab order); the Menu key or Shift+F10 opens its context menu; Enter on a focused prompt
edits it; Delete deletes it (after the window's confirmation). In the inline editor Enter
(without Shift) sends the edited prompt as a new branch and Esc cancels. Up in an empty
composer edits the last prompt (``composer_up_edits``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_widgets import AssistantMessageWidget, UserMessageWidget
from app.ui.common.theme import paint_card, theme_for

Row = AssistantMessageWidget | UserMessageWidget
Ask = Callable[[MessageAction, str], None]


def _conversation_id(row: Row) -> int:
    if isinstance(row, AssistantMessageWidget):
        return row.conversation_id
    return row.message.conversation_id


class BranchSwitcher(QWidget):
    """``‹ 2 / 3 ›``: which version of this message is shown, and a way to the others.

    Every row has one, hidden; few messages have other versions, so its buttons and label are
    made the first time there is more than one version to show (``set_position``)."""

    step = Signal(int)

    previous: QToolButton
    label: QLabel
    next: QToolButton

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("branchSwitcher")
        self._built = False
        self.hide()

    def _build(self) -> None:
        self._built = True
        self.previous = QToolButton(self)
        self.previous.setObjectName("branchPrevious")
        self.previous.setText("‹")
        self.previous.setToolTip(self.tr("Previous version"))
        self.label = QLabel(self)
        self.label.setObjectName("branchLabel")
        self.next = QToolButton(self)
        self.next.setObjectName("branchNext")
        self.next.setText("›")
        self.next.setToolTip(self.tr("Next version"))
        for button in (self.previous, self.next):
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.previous.clicked.connect(lambda: self.step.emit(-1))
        self.next.clicked.connect(lambda: self.step.emit(1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.previous)
        layout.addWidget(self.label)
        layout.addWidget(self.next)

    def set_position(self, index: int, count: int) -> None:
        if count <= 1 and not self._built:
            return  # one version: nothing to show, nothing to make
        if not self._built:
            self._build()
        self.label.setText(self.tr("{index} / {count}").format(index=index, count=count))
        self.label.setAccessibleName(
            self.tr("Version {index} of {count}").format(index=index, count=count)
        )
        self.previous.setEnabled(index > 1)
        self.next.setEnabled(index < count)
        self.setVisible(count > 1)


class MessageToolbar(QFrame):
    """The buttons that float over a message's top right corner while hovered or focused."""

    def __init__(self, row: Row, ask: Ask, menu: Callable[[QPoint], None]) -> None:
        super().__init__(row)
        self.setObjectName("messageToolbar")
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.setSpacing(0)
        self.buttons: dict[MessageAction, QToolButton] = {}
        self.ask = ask
        wanted = [(MessageAction.COPY, self.tr("Copy"))]
        if isinstance(row, UserMessageWidget):
            wanted.append((MessageAction.EDIT, self.tr("Edit")))
        else:
            wanted.append((MessageAction.REGENERATE, self.tr("Regenerate")))
        for action, name in wanted:
            button = QToolButton(self)
            button.setObjectName(f"toolbar_{action.value}")
            button.setText(name)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, a=action: ask(a, ""))
            layout.addWidget(button)
            self.buttons[action] = button
        more = QToolButton(self)
        more.setObjectName("toolbar_more")
        more.setText("⋯")
        more.setToolTip(self.tr("More actions"))
        more.setAccessibleName(self.tr("More actions"))
        more.setAutoRaise(True)
        more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        more.clicked.connect(lambda: menu(more.mapTo(row, QPoint(0, more.height()))))
        layout.addWidget(more)
        self.more = more
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:
        """A light outline: the buttons read as a toolbar, not as more of the message's text."""
        theme = theme_for(self.palette())
        paint_card(self, theme.window, radius=6, border=theme.border)

    def menu_entries(self, row: Row) -> list[tuple[MessageAction, str]]:
        """The actions ``row`` offers, in menu order, with their (translated) names."""
        if isinstance(row, UserMessageWidget):
            return [
                (MessageAction.COPY, self.tr("Copy")),
                (MessageAction.EDIT, self.tr("Edit")),
                (MessageAction.DELETE, self.tr("Delete…")),
            ]
        entries = [
            (MessageAction.COPY, self.tr("Copy")),
            (MessageAction.COPY_PLAIN, self.tr("Copy as plain text")),
        ]
        if row.thinking_text():
            entries.append((MessageAction.COPY_THINKING, self.tr("Copy thinking")))
        entries.append((MessageAction.COPY_DIAGNOSTICS, self.tr("Copy diagnostics")))
        if not row.is_streaming():
            if row.failure is not None:
                entries.append((MessageAction.RETRY, self.tr("Retry")))
            entries.append((MessageAction.REGENERATE, self.tr("Regenerate")))
            entries.append((MessageAction.DELETE, self.tr("Delete…")))
        return entries

    def place(self) -> None:
        """Float in the row's role line (its free right part), never over the text."""
        row = self.parentWidget()
        assert isinstance(row, AssistantMessageWidget | UserMessageWidget)
        slot = row.header.toolbar_slot()
        for button in self.findChildren(QToolButton):
            button.setMaximumHeight(max(16, slot.height() - 2))
        self.adjustSize()
        height = min(self.height(), slot.height())
        top = slot.top() + (slot.height() - height) // 2
        self.setGeometry(max(0, slot.right() + 1 - self.width()), top, self.width(), height)
        self.raise_()


class InlineEditor(QFrame):
    """A prompt edited in place: Enter sends it as a new branch, Esc gives the bubble back."""

    send = Signal(str)
    cancel = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inlineEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("inlineEdit")
        self.edit.setPlainText(text)
        self.edit.setTabChangesFocus(True)
        self.edit.installEventFilter(self)
        hint = QLabel(self.tr("Enter sends as a new version · Shift+Enter new line · Esc cancels"))
        hint.setObjectName("inlineEditHint")
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.edit)
        layout.addWidget(hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Escape:
                self.cancel.emit()
                return True
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not mods & Qt.KeyboardModifier.ShiftModifier:
                text = self.edit.toPlainText()
                if text.strip():
                    self.send.emit(text)
                return True
        return super().eventFilter(watched, event)


def begin_edit(row: UserMessageWidget, ask: Ask) -> InlineEditor:
    """Swap the prompt's bubble for an editor holding its text; focus it."""
    existing = row.findChild(InlineEditor)
    if existing is not None:
        existing.edit.setFocus()
        return existing
    editor = InlineEditor(row.text(), row)
    layout = cast("QBoxLayout | None", row.layout())  # (rows are laid out in a box)
    assert layout is not None
    layout.addWidget(editor)
    layout.setStretchFactor(editor, 4)
    row.bubble.hide()

    def close() -> None:
        row.bubble.show()
        editor.hide()
        editor.deleteLater()
        row.setFocus()

    editor.cancel.connect(close)
    editor.send.connect(lambda text: (close(), ask(MessageAction.EDIT, text)))  # type: ignore[func-returns-value]
    editor.edit.setFocus()
    cursor = editor.edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.edit.setTextCursor(cursor)
    return editor


#: The events a row's watcher acts on; every other event (paint, layout, moves: dozens per row
#: while a long conversation opens) returns at once, before any other check.
_WATCHED = frozenset(
    {
        QEvent.Type.Enter,
        QEvent.Type.Leave,
        QEvent.Type.FocusIn,
        QEvent.Type.FocusOut,
        QEvent.Type.Resize,
        QEvent.Type.ContextMenu,
        QEvent.Type.KeyPress,
    }
)


class _RowWatcher(QObject):
    """Shows the toolbar while the row is hovered or focused; opens the menu on request.

    The toolbar is made on the row's first hover, focus or key: a long conversation opens with
    dozens of rows of which few are ever hovered, and four buttons per row were a good part of
    the time to open one. When made, its buttons are put right after the row in the Tab order
    (where they would have been had they been made with the row)."""

    def __init__(self, row: Row, ask: Ask, menu: Callable[[QPoint], None]) -> None:
        super().__init__(row)
        self._row = row
        self._ask = ask
        self._menu = menu
        self._toolbar: MessageToolbar | None = None

    def toolbar(self) -> MessageToolbar:
        if self._toolbar is None:
            toolbar = MessageToolbar(self._row, self._ask, self._menu)
            previous: QWidget = self._row
            for button in (*toolbar.buttons.values(), toolbar.more):
                QWidget.setTabOrder(previous, button)
                previous = button
            self._toolbar = toolbar
        return self._toolbar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _WATCHED:
            return False
        if not shiboken6.isValid(self._row):
            return False  # the row is being destroyed: its last events are not ours
        if self._toolbar is not None and not shiboken6.isValid(self._toolbar):
            return False
        try:
            return self._filter(watched, event)
        except RuntimeError:  # a part of the row already gone (deleteLater in progress)
            return False

    def _filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        shown = self._toolbar
        if kind in (QEvent.Type.Enter, QEvent.Type.FocusIn):
            toolbar = self.toolbar()
            toolbar.place()
            toolbar.show()
        elif shown is None or not shown.isVisible():
            pass  # nothing to hide or move
        elif kind == QEvent.Type.Leave and not self._row.hasFocus():
            shown.hide()
        elif kind == QEvent.Type.FocusOut and not self._row.underMouse():
            if not shown.isAncestorOf(self._row.focusWidget() or self._row):
                shown.hide()
        elif kind == QEvent.Type.Resize:
            shown.place()
        if kind == QEvent.Type.ContextMenu and watched is self._row:
            assert isinstance(event, QContextMenuEvent)
            self._menu(event.pos())
            return True
        if kind == QEvent.Type.KeyPress and watched is self._row:
            assert isinstance(event, QKeyEvent)
            shift_f10 = event.key() == Qt.Key.Key_F10 and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            if shift_f10 or event.key() == Qt.Key.Key_Menu:
                self._menu(QPoint(12, 12))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(
                self._row, UserMessageWidget
            ):
                self.toolbar().buttons[MessageAction.EDIT].click()
                return True
            if event.key() == Qt.Key.Key_Delete:  # asks first (the window's confirmation)
                self._ask(MessageAction.DELETE, "")
                return True
        return False


def attach(row: Row, emit: Callable[[MessageActionRequest], None]) -> BranchSwitcher:
    """Dress ``row``: toolbar (made on first hover or focus), context menu, keyboard, and its
    (hidden) branch switcher, whose ``‹ ›`` ask for ``SWITCH_BRANCH`` with value ``-1``/``1``.
    Returns the switcher."""
    conversation_id = _conversation_id(row)

    def ask(action: MessageAction, value: str) -> None:
        emit(MessageActionRequest(action, row.message_id, conversation_id, value))

    def menu(at: QPoint) -> None:
        popup = QMenu(row)
        popup.setObjectName("messageMenu")
        for action, name in watcher.toolbar().menu_entries(row):
            entry = popup.addAction(name)
            entry.setObjectName(f"menu_{action.value}")
            entry.triggered.connect(lambda _=False, a=action: ask(a, ""))
        popup.popup(row.mapToGlobal(at))

    row.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    watcher = _RowWatcher(row, ask, menu)
    row.installEventFilter(watcher)
    switcher = BranchSwitcher(row)
    switcher.step.connect(lambda step: ask(MessageAction.SWITCH_BRANCH, str(step)))
    layout = cast("QBoxLayout | None", row.layout())  # (rows are laid out in a box)
    if isinstance(row, UserMessageWidget) and layout is not None:
        layout.insertWidget(1, switcher)  # left of the bubble, after the stretch
    elif layout is not None:
        at = max(0, layout.indexOf(row.footer))  # type: ignore[union-attr]  # (an answer row)
        layout.insertWidget(at, switcher, 0, Qt.AlignmentFlag.AlignLeft)
    return switcher


def toolbar_of(row: QWidget) -> MessageToolbar | None:
    """The row's toolbar, made now if it was not yet (it is made on first hover or focus)."""
    watcher = row.findChild(_RowWatcher)
    return watcher.toolbar() if watcher is not None else None


def switcher_of(row: QWidget) -> BranchSwitcher | None:
    return row.findChild(BranchSwitcher)


def composer_up_edits(edit: QPlainTextEdit, last_prompt: Callable[[], bool]) -> QObject:
    """Up in an empty composer edits the last prompt (``last_prompt`` starts it; False when
    there is none, and Up does what it always did)."""

    class UpFilter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Up
                and not event.modifiers()
                and not edit.toPlainText()
            ):
                return last_prompt()
            return False

    watcher = UpFilter(edit)
    edit.installEventFilter(watcher)
    return watcher


def editor_of(row: QWidget) -> InlineEditor | None:
    return row.findChild(InlineEditor)


__all__ = [
    "BranchSwitcher",
    "InlineEditor",
    "MessageToolbar",
    "attach",
    "begin_edit",
    "composer_up_edits",
    "editor_of",
    "switcher_of",
    "toolbar_of",
]
