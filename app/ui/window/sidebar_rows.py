"""How a sidebar row is drawn: air around the title, its date group's name above, and its mark.

A conversation row may carry a mark (``MARK_ROLE``): a reply is streaming there, or a reply
failed there while the user was looking elsewhere. The mark is painted by the delegate as a
small dot in a gutter left of the title, never typed into the title: search, rename and the
quick switcher read the title as it is, and the titles stay aligned whether marked or not
(every conversation row has the gutter, so a title does not jump when a stream starts). The
dot takes the theme's accent (streaming) or error colour (failed) of the palette of now, so it
follows a live light/dark switch; on the selected row, whose background is the accent, it takes
the highlighted-text colour instead (a failed dot keeps its red inside a ring of it). Screen
readers and tooltips get the mark as words (``sidebar``).

No style sheet: it would pin the palette and break live light/dark switching.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.common.theme import theme_for
from app.ui.window.date_groups import header_height, paint_header

MARK_ROLE = Qt.ItemDataRole.UserRole + 3
#: The gutter left of a conversation's title, where its mark is drawn (logical pixels).
GUTTER = 12
DOT = 7.0


class RowMark(enum.Enum):
    """What a conversation row says besides its title."""

    NONE = "none"
    STREAMING = "streaming"
    FAILED = "failed"


class RoomyRows(QStyledItemDelegate):
    """Rows with some air above and below the title, their group's header, and their mark."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view
        #: A one-line ASCII title's height, by font, kind of row and pixel ratio, for the
        #: view's style (forgotten when it changes).
        self._heights: dict[tuple[object, ...], int] = {}
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self._heights.clear()
        return False

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # As wide as the list, so long titles are elided instead of scrolling sideways.
        width = max(40, self._view.viewport().width() - 2)
        header = header_height(option, index)  # a date group starts here: its name above
        return QSize(width, self._text_height(option, index) + 10 + header)

    def _text_height(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> int:
        """The height the style gives the row. The list lays out every row when it fills (500
        calls into the style, each calling back ``initStyleOption``); a title of printable
        ASCII is one line of the font, whatever its words, so its height is asked once per
        font, style, kind of row and pixel ratio. Any other title (another script may take a
        taller fallback font; a line break makes two lines) is asked every time. (The style is
        not read here: the first frame would build PySide6's QStyle class for it, ~15 ms; a
        change of style clears the heights instead.)"""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not (isinstance(text, str) and text.isascii() and text.isprintable()):
            return super().sizeHint(option, index).height()
        font = option.font  # type: ignore[attr-defined]
        key = (font.key(), index.data(MARK_ROLE) is not None, self._view.devicePixelRatioF())
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = super().sizeHint(option, index).height()
        return height

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(MARK_ROLE) is not None:  # a conversation row: room for its mark
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration  # type: ignore[attr-defined]
            option.decorationSize = QSize(GUTTER, GUTTER)  # type: ignore[attr-defined]

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        header = header_height(option, index)
        if header:
            paint_header(painter, option, index, header)
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(0, header, 0, 0)  # type: ignore[attr-defined]
        super().paint(painter, option, index)
        mark = index.data(MARK_ROLE)
        if mark is not None and mark != RowMark.NONE.value:
            laid_out = QStyleOptionViewItem(option)
            self.initStyleOption(laid_out, index)  # where the style puts the gutter
            paint_mark(painter, laid_out, RowMark(mark))


def paint_mark(painter: QPainter, option: QStyleOptionViewItem, mark: RowMark) -> None:
    """The dot of ``mark``, centred in the row's gutter (where the style put the decoration)."""
    from PySide6.QtWidgets import QStyle  # (not for the first frame: see _text_height)

    rect = option.rect  # type: ignore[attr-defined]
    widget = option.widget  # type: ignore[attr-defined]
    style = widget.style() if widget is not None else None
    place = rect
    if style is not None:
        place = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, option, widget)
    palette: QPalette = option.palette  # type: ignore[attr-defined]
    theme = theme_for(palette)
    selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
    on_accent = palette.color(QPalette.ColorRole.HighlightedText)
    fill = QColor(theme.error if mark is RowMark.FAILED else theme.accent)
    if selected and mark is RowMark.STREAMING:
        fill = on_accent
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(on_accent if selected and mark is RowMark.FAILED else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    centre = QPointF(place.center().x() + 0.5, rect.center().y() + 0.5)
    painter.drawEllipse(centre, DOT / 2, DOT / 2)
    painter.restore()


__all__ = ["GUTTER", "MARK_ROLE", "RoomyRows", "RowMark", "paint_mark"]
