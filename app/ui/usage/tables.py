"""The usage view's tables (by model, by conversation): a model whose cells sort by value.

Displayed cells are formatted for the reader (thousands separators, "—" for an unknown cost),
so sorting by the text would put 9 after 10 and "—" anywhere; every cell also carries its value
under ``SORT_ROLE``, and the model sorts itself on those values (``sort``, which QTableView
calls when a header is clicked). No sort proxy: a proxy asks ``data()`` once per comparison,
thousands of Python calls for a year of conversations, where one ``list.sort`` does. An unknown
cost sorts below every known one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.core.usage.report import Cost, UsageRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def format_cost(cost: Cost, locale: QLocale | None = None) -> str:
    """ "—" when no price applied; else the amounts, marked "+ —" when some requests had none."""
    if not cost.known:
        return "—"
    locale = locale or QLocale()
    text = " + ".join(
        f"{currency} {locale.toString(amount, 'f', 4)}" for currency, amount in cost.amounts
    )
    return text + (" + —" if cost.unpriced else "")


def format_rate(rate: float | None, locale: QLocale | None = None) -> str:
    if rate is None:
        return "—"
    # (a no-break space: the figure and its % never land on two lines of the summary)
    return f"{(locale or QLocale()).toString(rate * 100, 'f', 1)}\u00a0%"


def _cost_key(cost: Cost) -> float:
    return sum(amount for _, amount in cost.amounts) if cost.known else -1.0


class UsageTableModel(QAbstractTableModel):
    """Rows of a report grouped one way; the first column is the group's name."""

    def __init__(
        self, first_column: str, *, conversations: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._first = first_column
        self._conversations = conversations
        self.rows: list[UsageRow] = []
        self._locale = QLocale()
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def headers(self) -> list[str]:
        return [
            self._first,
            QCoreApplication.translate("UsageTable", "Requests"),
            QCoreApplication.translate("UsageTable", "Input"),
            QCoreApplication.translate("UsageTable", "Cached"),
            QCoreApplication.translate("UsageTable", "Output"),
            QCoreApplication.translate("UsageTable", "Thinking"),
            QCoreApplication.translate("UsageTable", "Total"),
            QCoreApplication.translate("UsageTable", "Cache hits"),
            QCoreApplication.translate("UsageTable", "Cost"),
        ]

    def set_rows(self, rows: Sequence[UsageRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sorted is not None:
            self._sort_rows(*self._sorted)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sorted = (column, order)

        def key(row: UsageRow) -> Any:
            value = self.values(row)[column]
            return value.casefold() if isinstance(value, str) else value

        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def label(self, row: UsageRow) -> str:
        if not self._conversations:
            return row.label or QCoreApplication.translate("UsageTable", "(unknown)")
        if row.conversation_id is None:
            return QCoreApplication.translate("UsageTable", "Test connection (no conversation)")
        title = row.label or QCoreApplication.translate("UsageTable", "Untitled")
        return (
            QCoreApplication.translate("UsageTable", "{0} (deleted)").format(title)
            if row.deleted
            else title
        )

    def values(self, row: UsageRow) -> tuple[Any, ...]:
        t = row.tokens
        rate = t.cache_hit_rate
        return (
            self.label(row),
            t.requests,
            t.input,
            t.cached,
            t.output,
            t.reasoning,
            t.total,
            -1.0 if rate is None else rate,
            _cost_key(row.cost),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == SORT_ROLE:
            value = self.values(row)[column]
            return value.casefold() if isinstance(value, str) else value
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.label(row)
            if column == 7:
                return format_rate(row.tokens.cache_hit_rate, self._locale)
            if column == 8:
                return format_cost(row.cost, self._locale)
            return self._locale.toString(self.values(row)[column])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and row.deleted:
            return QCoreApplication.translate(
                "UsageTable", "This conversation was deleted; its usage stays in the ledger."
            )
        return None
