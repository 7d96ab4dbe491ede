"""One selection across an answer's views, and copies of it that give the source.

An answer is a stack of text views (segments of at most 8,000 source characters, code and table
views, the streaming tail); each ``QTextEdit`` knows only its own selection. An
:class:`AnswerSelection` watches every view of one answer (:meth:`AnswerSelection.track`) and
makes them behave as one text:

* a drag that starts in one view and moves into another extends across them: the views in
  between are selected whole, the two ends partly (the mouse stays grabbed by the view it was
  pressed in, so that view's filter sees every move and maps it to the view under the pointer);
* Shift+click extends from the last press, into any view of the answer;
* Ctrl+C, the context menu's Copy, Edit → Copy (``copy()`` of the focused view, which asks
  :func:`mime_data` through ``createMimeDataFromSelection``) copy the whole span in order, and
  Ctrl+A / the context menu's Select All select the whole answer;
* a press anywhere else — another view, another answer, the composer — clears it all, like a
  page in a browser: there is one selection in the window.

Within one view Qt does the work (double-click words, triple-click lines, dragging a selection
out); only what crosses views is done here. What a copy gives is decided in one place,
:func:`app.ui.render.selection_text.range_text` (formulas as source, code without its labels,
no marker characters). Views are asked for in order through the ``views`` callable the answer
passes in (``AnswerPart.browsers``), so views made or dropped later need no bookkeeping here.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QScrollArea, QTextEdit, QWidget

from app.ui.render.drag_scroll import EdgeScroll, page_of
from app.ui.render.math_syntax import MATH_SCHEME, source_for
from app.ui.render.one_selection import the_window_selection
from app.ui.render.selection_keys import moved_end
from app.ui.render.selection_text import Span as TextSpan
from app.ui.render.selection_text import register_image_source, spans_text

__all__ = ["AnswerSelection", "mime_data", "register_image_source", "selected_text"]

_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
#: The events the selection acts on; every other event a view gets (paints, moves, resizes:
#: hundreds while a long stored answer is built) passes at once.
_HANDLED = frozenset(
    {
        *_PRESSES,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.KeyPress,
        QEvent.Type.ContextMenu,
    }
)
#: A view's part of a selection: the view and the positions [start, end) selected in it.
Span = tuple[QTextEdit, int, int]

# A formula copies as its source, delimiters and all.
register_image_source(MATH_SCHEME, source_for)

_owners: weakref.WeakKeyDictionary[QTextEdit, AnswerSelection] = weakref.WeakKeyDictionary()


def _span_of(view: QTextEdit) -> Span | None:
    cursor = view.textCursor()
    if not cursor.hasSelection():
        return None
    return view, cursor.selectionStart(), cursor.selectionEnd()


def _block_of(view: QTextEdit, group: QWidget | None = None) -> int | None:
    """None if ``view`` holds running text (paragraphs that may go on in the next view); else
    a key for the block it shows, shared by all its pages: a view that never wraps (a code
    block's, a table's) holds lines, and its block is the item of ``group``'s stack it is in."""
    if view.lineWrapMode() != QTextEdit.LineWrapMode.NoWrap:
        return None
    item: QWidget = view
    while (parent := item.parentWidget()) is not None and parent is not group:
        item = parent
    return id(item)


def _end(view: QTextEdit) -> int:
    return max(0, view.document().characterCount() - 1)


def selected_text(view: QTextEdit) -> str:
    """What copying ``view``'s selection gives: the whole answer's span if it is tracked; a
    view of plain text (the thinking) gives its lines as they are, markers dropped."""
    owner = _owners.get(view)
    if owner is not None and shiboken6.isValid(owner):
        return owner.text()
    text = view.textCursor().selection().toPlainText()
    return text.replace("\u2060", "").replace("\ufffc", "")


def mime_data(view: QTextEdit) -> QMimeData:
    """The clipboard (or drag) contents for ``view``'s selection: plain text, as source.

    No HTML: pasted into a rich editor it would bring images that point at nothing.

    The object is made by Qt (the base class, asked with no selection: an empty fragment,
    so it holds only the text set here), not by Python: Qt deletes what the clipboard held
    when the application ends, and deleting a Python-made one then runs into the already
    finalised interpreter — a segfault at every exit after a copy (PySide6 6.11).
    """
    text = selected_text(view)
    cursor = view.textCursor()
    blocked = view.blockSignals(True)
    try:
        bare = QTextCursor(cursor)
        bare.clearSelection()
        view.setTextCursor(bare)
        data = QTextEdit.createMimeDataFromSelection(view)
    finally:
        view.setTextCursor(cursor)
        view.blockSignals(blocked)
    data.setText(text)
    return data


class AnswerSelection(QObject):
    """The selection of one answer, over all its views (see the module docstring).

    ``group`` is the widget holding the views (the answer); ``views()`` lists them top to
    bottom.
    """

    def __init__(self, group: QWidget, views: Callable[[], Sequence[QTextEdit]]) -> None:
        super().__init__(group)
        self._group = group
        self._views = views
        #: Where the last press was: the view and the position in it.
        self._anchor: tuple[QTextEdit, int] | None = None
        #: A left button is down after a press in one of our views.
        self._dragging = False
        #: The drag is ours (Shift+press), not Qt's within one view.
        self._own_drag = False
        #: Views given a selection by us, to clear without asking ``views()`` (which may wake
        #: a sleeping answer).
        self._marked: list[QTextEdit] = []
        self._edge: EdgeScroll | None = None
        #: The moving end of a selection across views (where the next Shift+key moves it
        #: from), when it is not in the focused view.
        self._focus: tuple[QTextEdit, int] | None = None

    # --- the public surface -------------------------------------------------------------

    @property
    def edge(self) -> EdgeScroll:
        """Held beyond the conversation's edge, a drag scrolls it (and goes on selecting).
        Made on the first drag: most answers are never dragged over."""
        if self._edge is None:
            self._edge = EdgeScroll(self._group, lambda at: self._extend_to(at, ours=True))
        return self._edge

    def track(self, view: QTextEdit) -> None:
        """Make ``view`` part of the answer's selection (call once, where it is made)."""
        if view in _owners:
            return
        _owners[view] = self
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)

    def contains(self, widget: QWidget) -> bool:
        return widget is self._group or self._group.isAncestorOf(widget)

    def spans(self) -> list[Span]:
        """Each view's selected positions, top to bottom (only views with a selection)."""
        return [span for view in self._views() if (span := _span_of(view)) is not None]

    def text(self) -> str:
        """The selection as a copy gives it: each view's part, in order, as source."""
        return spans_text(
            [
                TextSpan(view.document(), start, end, _block_of(view, self._group))
                for view, start, end in self.spans()
            ]
        )

    def copy(self) -> None:
        text = self.text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def select_all(self) -> None:
        views = list(self._views())
        if not views:
            return
        self._anchor = (views[0], 0)
        self._select(views, 0, 0, len(views) - 1, _end(views[-1]))
        self._publish()

    def clear(self) -> None:
        """No selection in any view of the answer."""
        for view in self._marked:
            if shiboken6.isValid(view):
                cursor = view.textCursor()
                if cursor.hasSelection():
                    cursor.clearSelection()
                    view.setTextCursor(cursor)
        self._marked = []
        self._focus = None
        the_window_selection().release(self)

    # --- setting the span -----------------------------------------------------------------

    def _select(
        self, views: Sequence[QTextEdit], first: int, first_at: int, last: int, last_at: int
    ) -> None:
        """Select from (view ``first``, position) to (view ``last``, position); either way
        round, as the drag went. Every other view is cleared."""
        marked: list[QTextEdit] = []
        low, high = min(first, last), max(first, last)
        for index, view in enumerate(views):
            cursor = view.textCursor()
            if index < low or index > high:
                if cursor.hasSelection():
                    cursor.clearSelection()
                    view.setTextCursor(cursor)
                continue
            if first == last:
                anchor, position = first_at, last_at
            elif index == first:
                anchor, position = first_at, (_end(view) if first < last else 0)
            elif index == last:
                anchor, position = (0 if first < last else _end(view)), last_at
            else:
                anchor, position = (0, _end(view)) if first < last else (_end(view), 0)
            end = _end(view)  # (an anchor from before the view was emptied and refilled)
            cursor.setPosition(min(max(0, anchor), end))
            cursor.setPosition(min(max(0, position), end), QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            marked.append(view)
        self._marked = marked
        self._focus = (views[last], last_at)

    def _extend_to(self, global_pos: QPoint, ours: bool = False) -> bool:
        """Extend the selection from the anchor to the point under ``global_pos``; False when
        both are in the anchor's view (Qt's own handling is right there), unless ``ours``."""
        if self._anchor is None:
            return False
        views = list(self._views())
        anchor_view, anchor_at = self._anchor
        if anchor_view not in views:
            return False
        index, position = self._hit(views, global_pos)
        first = views.index(anchor_view)
        if index == first and not (self._own_drag or ours):
            if len(self._marked) > 1:
                self._select(views, first, anchor_at, first, anchor_view.textCursor().position())
            return False
        self._select(views, first, anchor_at, index, position)
        return True

    def _hit(self, views: Sequence[QTextEdit], global_pos: QPoint) -> tuple[int, int]:
        """The view under ``global_pos`` (by height: above the first is the first's start,
        below the last the last's end) and the position in it."""
        y = global_pos.y()
        for index, view in enumerate(views):
            top = view.mapToGlobal(QPoint(0, 0)).y()
            if y < top + view.height() or index == len(views) - 1:
                if y < top and index == 0:
                    return 0, 0
                if y >= top + view.height():
                    return index, _end(view)
                point = view.viewport().mapFromGlobal(global_pos)
                point.setY(max(0, point.y()))
                return index, view.cursorForPosition(point).position()
        return 0, 0

    def _publish(self) -> None:
        """Something is selected: claim the window's one selection (clears any other's), and
        offer it to the X11 selection clipboard as the whole span."""
        the_window_selection().hold(self)
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and len(self._marked) > 1:
            clipboard.setText(self.text(), QClipboard.Mode.Selection)

    # --- events -------------------------------------------------------------------------

    def _view_of(self, watched: QObject) -> QTextEdit | None:
        if isinstance(watched, QTextEdit):
            return watched
        parent = watched.parent() if isinstance(watched, QWidget) else None
        return parent if isinstance(parent, QTextEdit) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _HANDLED:
            return False
        view = self._view_of(watched)
        if view is None:
            return False
        if kind in _PRESSES and isinstance(event, QMouseEvent):
            return self._press(view, event)  # (a double click's second press is its own kind)
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            if self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
                at = event.globalPosition().toPoint()
                self.edge.follow(at)
                return self._extend_to(at)
            return False
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton and self._dragging:
                if self._edge is not None:
                    self._edge.stop()
                self._dragging = False
                self._own_drag = False
                # (A marked view may be gone: the streaming tail is dropped when a reply ends.)
                self._marked = [other for other in self._marked if shiboken6.isValid(other)]
                if view not in self._marked and view.textCursor().hasSelection():
                    self._marked.append(view)
                if any(other.textCursor().hasSelection() for other in self._marked):
                    self._publish()
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(view, event)
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            return self._menu(view, event)
        return False

    def _press(self, view: QTextEdit, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        self._dragging = True
        if shift and self._anchor is not None and shiboken6.isValid(self._anchor[0]):
            self._own_drag = True
            view.setFocus(Qt.FocusReason.MouseFocusReason)
            self._extend_to(event.globalPosition().toPoint())
            return True
        self._own_drag = False
        if len(self._marked) > 1 or any(other is not view for other in self._marked):
            # A press starts a new selection; a span across views cannot be dragged out.
            self.clear()
            cursor = view.textCursor()
            cursor.clearSelection()
            view.setTextCursor(cursor)
        self._anchor = (view, view.cursorForPosition(event.position().toPoint()).position())
        self._marked = [view]
        self._focus = None
        return False

    def _key(self, view: QTextEdit, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return True
        if event.matches(QKeySequence.StandardKey.Copy) and len(self._marked) > 1:
            self.copy()
            return True
        return self._extend_by_key(view, event)

    def _extend_by_key(self, view: QTextEdit, event: QKeyEvent) -> bool:
        """Shift+movement keys: the moving end goes on across views (``.selection_keys``)."""
        views = list(self._views())
        if view not in views:
            return False
        focus = self._focus
        if focus is None or focus[0] is view or focus[0] not in views:
            focus = (view, view.textCursor().position())
        anchor = self._anchor
        if anchor is None or anchor[0] not in views:
            anchor = (view, view.textCursor().anchor())
        moved = moved_end(views, views.index(focus[0]), focus[1], event)
        if moved is None:
            return False
        self._anchor = anchor
        self._select(views, views.index(anchor[0]), anchor[1], *moved)
        target = views[moved[0]]
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        page = page_of(self._group)  # the conversation follows the moving end
        content = page.widget() if isinstance(page, QScrollArea) else None
        if isinstance(page, QScrollArea) and content is not None:
            line = target.cursorRect()
            at = target.viewport().mapTo(content, line.center())
            page.ensureVisible(at.x(), at.y(), 0, line.height())
        self._publish()
        return True

    def _menu(self, view: QTextEdit, event: QContextMenuEvent) -> bool:
        """The view's usual menu, with Copy and Select All acting on the whole answer."""
        menu = view.createStandardContextMenu(view.viewport().mapFromGlobal(event.globalPos()))
        for action in menu.actions():
            name = action.objectName()
            if name == "edit-copy":
                action.triggered.disconnect()
                action.triggered.connect(self.copy)
                action.setEnabled(bool(self.spans()))
            elif name == "select-all":
                action.triggered.disconnect()
                action.triggered.connect(self.select_all)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        return True
