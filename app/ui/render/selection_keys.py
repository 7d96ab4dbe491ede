"""Shift with a movement key extends an answer's selection across its views, as in one text.

Within one view ``QTextCursor.movePosition`` does what Qt's own keyboard selection does; when
the end moves past a view's last line (or before its first), it goes on in the next (or the
previous) view of the answer. Ctrl+Shift+End and Ctrl+Shift+Home reach the end and the start
of the whole answer, not of the view the focus is in. :func:`moved_end` only computes where the
moving end of the selection lands; :class:`~app.ui.render.selection.AnswerSelection` applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QTextEdit

__all__ = ["moved_end"]

Move = QTextCursor.MoveOperation
_CTRL = Qt.KeyboardModifier.ControlModifier
#: key → (move without Ctrl, move with Ctrl, forward?)
_MOVES: dict[Qt.Key, tuple[Move, Move, bool]] = {
    Qt.Key.Key_Right: (Move.NextCharacter, Move.NextWord, True),
    Qt.Key.Key_Left: (Move.PreviousCharacter, Move.PreviousWord, False),
    Qt.Key.Key_Down: (Move.Down, Move.Down, True),
    Qt.Key.Key_Up: (Move.Up, Move.Up, False),
    Qt.Key.Key_End: (Move.EndOfLine, Move.End, True),
    Qt.Key.Key_Home: (Move.StartOfLine, Move.Start, False),
}


def _end(view: QTextEdit) -> int:
    return max(0, view.document().characterCount() - 1)


def moved_end(
    views: Sequence[QTextEdit], index: int, position: int, event: QKeyEvent
) -> tuple[int, int] | None:
    """Where the moving end of a selection at (view ``index``, ``position``) goes for ``event``
    (a view's index and a position in it), or None: not a Shift+movement key."""
    if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
        return None
    move = _MOVES.get(Qt.Key(event.key()))
    if move is None:
        return None
    plain, with_ctrl, forward = move
    ctrl = bool(event.modifiers() & _CTRL)
    if ctrl and event.key() in (Qt.Key.Key_End, Qt.Key.Key_Home):
        return (len(views) - 1, _end(views[-1])) if forward else (0, 0)
    view = views[index]
    cursor = QTextCursor(view.document())
    cursor.setPosition(min(max(0, position), _end(view)))
    if cursor.movePosition(with_ctrl if ctrl else plain) and cursor.position() != position:
        return index, cursor.position()
    # At the view's edge: on into the next view (its first line, the same column for Down)
    # or the previous one (its last line).
    vertical = event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
    x = view.cursorRect(cursor).left()
    if forward and index + 1 < len(views):
        return index + 1, _on_line(views[index + 1], 0, x) if vertical else 0
    if not forward and index > 0:
        above = views[index - 1]
        return index - 1, _on_line(above, _end(above), x) if vertical else _end(above)
    return index, position


def _on_line(view: QTextEdit, position: int, x: int) -> int:
    """The position at ``x`` on the line that holds ``position`` in ``view``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    line = view.cursorRect(cursor)
    return view.cursorForPosition(QPoint(x, line.center().y())).position()
