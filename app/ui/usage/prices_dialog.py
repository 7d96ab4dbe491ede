"""Prices and budgets: the user's own price table (with CSV in and out) and two budgets.

Why the user types the prices: Model Studio's prices differ by region and change, and the seed
gives none, so SeekDesk ships none (see ``app/core/usage/prices``). Each price carries its
currency and the date it was taken from the console.

Nothing is saved until every row is valid: a bad cell is named in the message under the table
and what was typed stays where it is. Import merges a CSV into the table (a row for the same
model and region is replaced); Export writes the table as saved.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.usage.budgets import Budget, BudgetError, Period, Unit, load_budgets, make_budget
from app.core.usage.budgets import save_budgets as _save_budgets
from app.core.usage.prices import Price, PriceError, PriceTable, make_price
from app.ui.common.said import said

_FIELDS = ("model", "region", "currency", "input", "output", "cached_input", "as_of")


def _cell(value: object) -> QTableWidgetItem:
    return QTableWidgetItem(
        "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    )


class _BudgetRow(QWidget):
    """One budget: on/off, tokens or money, the limit and (for money) the currency."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox()
        self.unit = QComboBox()
        self.unit.addItem(self.tr("tokens"), str(Unit.TOKENS))
        self.unit.addItem(self.tr("money"), str(Unit.COST))
        self.limit = QLineEdit()
        self.limit.setPlaceholderText(self.tr("limit"))
        self.currency = QLineEdit()
        self.currency.setPlaceholderText("CNY")
        self.currency.setMaximumWidth(70)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.enabled, self.limit, self.unit, self.currency):
            layout.addWidget(widget)
        self.unit.currentIndexChanged.connect(lambda _i: self._sync())
        self.enabled.toggled.connect(lambda _on: self._sync())
        self._sync()

    def _sync(self) -> None:
        on = self.enabled.isChecked()
        self.unit.setEnabled(on)
        self.limit.setEnabled(on)
        self.currency.setEnabled(on and self.unit.currentData() == str(Unit.COST))

    def set_budget(self, budget: Budget | None) -> None:
        self.enabled.setChecked(budget is not None)
        if budget is not None:
            self.unit.setCurrentIndex(self.unit.findData(str(budget.unit)))
            self.limit.setText(f"{budget.limit:g}")
            self.currency.setText(budget.currency or "")
        self._sync()

    def budget(self, period: Period) -> Budget | None:
        if not self.enabled.isChecked():
            return None
        return make_budget(period, self.unit.currentData(), self.limit.text(), self.currency.text())


class PricesDialog(QDialog):
    """Edit ``prices.json`` and ``budgets.json``; ``saved`` after a successful Save."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prices and budgets"))
        self.resize(780, 520)
        intro = QLabel(
            self.tr(
                "SeekDesk ships no prices. Copy them from the Model Studio console, per million "
                "tokens, with the date you took them. Region * applies to every region without "
                "a price of its own. Where no price applies, costs show as —."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(_FIELDS))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Region"),
                self.tr("Currency"),
                self.tr("Input / M"),
                self.tr("Output / M"),
                self.tr("Cached input / M"),
                self.tr("As of (YYYY-MM-DD)"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add price"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        for button in (self.import_button, self.export_button):
            buttons_row.addWidget(button)

        self.day_budget, self.month_budget = _BudgetRow(), _BudgetRow()
        budgets = QGroupBox(self.tr("Budgets"))
        form = QFormLayout(budgets)
        form.addRow(self.tr("Daily"), self.day_budget)
        form.addRow(self.tr("Monthly"), self.month_budget)
        hint = QLabel(
            self.tr(
                "A quiet notice at 80 %; past 100 % SeekDesk asks before sending (you can go on). "
                "Tokens count input and output, thinking included."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons_row)
        layout.addWidget(budgets)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self._remove_rows)
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._load()

    # -- the table ------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            self.set_prices(PriceTable.load())
        except PriceError as exc:
            self.message.setText(said(exc))
        try:
            saved = {b.period: b for b in load_budgets()}
        except BudgetError as exc:
            self.message.setText(said(exc))
            saved = {}
        self.day_budget.set_budget(saved.get(Period.DAY))
        self.month_budget.set_budget(saved.get(Period.MONTH))

    def set_prices(self, table: PriceTable) -> None:
        self.table.setRowCount(0)
        for price in table:
            self.add_row(price)

    def add_row(self, price: Price | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        today = dt.date.today().isoformat()
        values = (
            (
                price.model,
                price.region,
                price.currency,
                price.input,
                price.output,
                price.cached_input,
                price.as_of,
            )
            if isinstance(price, Price)
            else ("", "*", "CNY", "", "", "", today)
        )
        for column, value in enumerate(values):
            self.table.setItem(row, column, _cell(value))

    def _remove_rows(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def prices(self) -> PriceTable:
        """The table as typed; PriceError names the first bad row."""
        prices = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c) or QTableWidgetItem()).text() for c in range(7)]
            if not any(cell.strip() for cell in cells[:1] + cells[3:6]):
                continue  # an empty row added and never filled
            try:
                prices.append(make_price(*cells))
            except PriceError as exc:
                raise PriceError(self.tr("Row {0}: {1}").format(row + 1, said(exc))) from None
        return PriceTable(prices)

    # -- save, import, export -------------------------------------------------------------------

    def save(self) -> bool:
        """Validate everything, then write both files; on a problem say it and keep the form."""
        try:
            table = self.prices()
            budgets = [
                b
                for b in (
                    self.day_budget.budget(Period.DAY),
                    self.month_budget.budget(Period.MONTH),
                )
                if b is not None
            ]
        except (PriceError, BudgetError) as exc:
            self.message.setText(said(exc))
            return False
        try:
            table.save()
            _save_budgets(budgets)
        except OSError as exc:
            self.message.setText(self.tr("Could not save: {0}").format(exc))
            return False
        self.saved.emit()
        self.accept()
        return True

    def import_csv(self, path: Path) -> bool:
        try:
            imported = PriceTable.from_csv(Path(path).read_text(encoding="utf-8-sig"))
            current = self.prices()
        except (OSError, UnicodeDecodeError, PriceError) as exc:
            self.message.setText(self.tr("Nothing imported: {0}").format(said(exc)))
            return False
        merged = {(p.model, p.region): p for p in current}
        merged.update({(p.model, p.region): p for p in imported})
        self.set_prices(PriceTable(merged.values()))
        self.message.setText(
            self.tr("{0} prices imported; press Save to keep them.").format(len(imported))
        )
        return True

    def export_csv(self, path: Path) -> bool:
        try:
            Path(path).write_text(self.prices().to_csv(), encoding="utf-8")
        except (OSError, PriceError) as exc:
            self.message.setText(self.tr("Nothing exported: {0}").format(exc))
            return False
        self.message.setText(self.tr("Exported to {0}.").format(path))
        return True

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import prices"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_csv(Path(path))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export prices"), "prices.csv", self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))
