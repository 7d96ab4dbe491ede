"""The sidebar's date groups: Today, Yesterday, Previous 7 days, Previous 30 days, then by month.

A conversation goes by its last activity (``updated_at``), in local time; :func:`group_key` is
pure (``now`` is given), :class:`DateGroups` turns a key into the translated header. The header
is not a row of its own: the first row of a group carries it (``HEADER_ROLE``) and the
sidebar's delegate draws it above the title, so every row of the list is still a conversation
(the keys that walk the list, and clicks, never land on a header).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

TODAY, YESTERDAY, WEEK, MONTH = "today", "yesterday", "week", "month"
#: The group of conversations pinned to the top (``pins``), above every date.
PINNED = "pinned"
#: The item role holding the name of the date group a row starts (None inside a group).
HEADER_ROLE = Qt.ItemDataRole.UserRole + 2


def group_key(updated_at: float, now: dt.datetime) -> str | tuple[int, int]:
    """"today", "yesterday", "week" (2–7 days ago), "month" (8–30), else (year, month)."""
    day = dt.datetime.fromtimestamp(updated_at).date()
    days = (now.date() - day).days
    if days <= 0:
        return TODAY
    if days == 1:
        return YESTERDAY
    if days <= 7:
        return WEEK
    if days <= 30:
        return MONTH
    return (day.year, day.month)


class DateGroups(QObject):
    """The translated names of the groups."""

    def label(self, key: str | tuple[int, int]) -> str:
        if isinstance(key, tuple):
            year, month = key
            # (PySide6 takes a datetime.date where Qt wants a QDate; its stubs list QDate only)
            return QLocale().toString(dt.date(year, month, 1), "MMMM yyyy")  # type: ignore[call-overload]
        return {
            PINNED: self.tr("Pinned"),
            TODAY: self.tr("Today"),
            YESTERDAY: self.tr("Yesterday"),
            WEEK: self.tr("Previous 7 days"),
            MONTH: self.tr("Previous 30 days"),
        }[key]


def header_height(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
    """The room above a row that starts a date group (0 for the others)."""
    if not index.data(HEADER_ROLE):
        return 0
    return QFontMetrics(_header_font(option.font)).height() + 10  # type: ignore[attr-defined]


def paint_header(
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    height: int,
) -> None:
    """The group's name, small and muted, in the top ``height`` px of the row."""
    rect = option.rect  # type: ignore[attr-defined]
    area = QRect(rect.left() + 6, rect.top() + 4, rect.width() - 12, height - 6)
    painter.save()
    painter.setFont(_header_font(option.font))  # type: ignore[attr-defined]
    palette = option.palette  # type: ignore[attr-defined]
    painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(area, int(flags), str(index.data(HEADER_ROLE)))
    painter.restore()


def _header_font(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    small.setWeight(QFont.Weight.DemiBold)
    return small


__all__ = ["HEADER_ROLE", "PINNED", "DateGroups", "group_key", "header_height", "paint_header"]
