"""Prices and budgets as a user types them: saved only when valid, CSV in and out."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from app.core.usage.budgets import Period, Unit, load_budgets
from app.core.usage.prices import PriceTable
from app.ui.usage.prices_dialog import PricesDialog
from tests.ui import pending_catalogue


def type_row(dialog: PricesDialog, row: int, *cells: str) -> None:
    for column, text in enumerate(cells):
        dialog.table.setItem(row, column, QTableWidgetItem(text))


@pytest.fixture
def dialog(qtbot, isolated_dirs):
    opened = PricesDialog()
    qtbot.addWidget(opened)
    return opened


def test_a_typed_price_and_budget_are_saved(qtbot, dialog):
    dialog.add_row()
    type_row(dialog, 0, "deepseek-v4-pro", "*", "cny", "2", "8", "0.5", "2026-11-01")
    dialog.month_budget.enabled.setChecked(True)
    dialog.month_budget.unit.setCurrentIndex(dialog.month_budget.unit.findData("cost"))
    dialog.month_budget.limit.setText("50")
    dialog.month_budget.currency.setText("CNY")
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    price = PriceTable.load().find("deepseek-v4-pro", "cn-beijing")
    assert (price.currency, price.input, price.output, price.cached_input) == ("CNY", 2, 8, 0.5)
    [budget] = load_budgets()
    assert (budget.period, budget.unit, budget.limit, budget.currency) == (
        Period.MONTH,
        Unit.COST,
        50,
        "CNY",
    )
    again = PricesDialog()
    qtbot.addWidget(again)
    assert again.table.item(0, 0).text() == "deepseek-v4-pro"
    assert again.month_budget.enabled.isChecked() and not again.day_budget.enabled.isChecked()


def test_a_bad_cell_is_named_and_nothing_is_saved(qtbot, dialog, isolated_dirs):
    dialog.add_row()
    type_row(dialog, 0, "deepseek-v4-pro", "*", "CNY", "two", "8", "", "2026-11-01")
    with qtbot.assertNotEmitted(dialog.saved):
        assert not dialog.save()
    assert "Row 1" in dialog.message.text() and "not a number" in dialog.message.text()
    assert dialog.table.item(0, 3).text() == "two"  # what was typed stays
    assert not (isolated_dirs[1] / "prices.json").exists()


def test_csv_import_merges_and_export_writes_the_table(dialog, tmp_path):
    dialog.add_row()
    type_row(dialog, 0, "deepseek-v4-pro", "*", "CNY", "2", "8", "", "2026-11-01")
    source = tmp_path / "prices.csv"
    source.write_text(
        "model,region,currency,input_per_million,output_per_million,as_of\n"
        "deepseek-v4-pro,*,CNY,3,9,2026-11-20\n"
        "deepseek-v4-flash,ap-southeast-1,USD,0.1,0.4,2026-11-20\n",
        encoding="utf-8",
    )
    assert dialog.import_csv(source)
    table = dialog.prices()
    assert len(table) == 2 and table.find("deepseek-v4-pro", "x").input == 3
    out = tmp_path / "out.csv"
    assert dialog.export_csv(out)
    assert PriceTable.from_csv(out.read_text(encoding="utf-8")) == table
    broken = tmp_path / "broken.csv"
    broken.write_text("model,price\nx,1\n", encoding="utf-8")
    assert not dialog.import_csv(broken)
    assert "Nothing imported" in dialog.message.text() and len(dialog.prices()) == 2


@pytest.fixture
def chinese(qapp, tmp_path):
    with pending_catalogue.chinese(tmp_path):
        yield


def test_a_bad_cell_is_named_in_chinese(qtbot, dialog, chinese):
    """The core's sentence about the cell, translated inside the dialog's own "Row" line."""
    dialog.add_row()
    type_row(dialog, 0, "deepseek-v4-pro", "*", "CNY", "two", "8", "", "2026-11-01")
    dialog.month_budget.enabled.setChecked(True)
    assert not dialog.save()
    assert "deepseek-v4-pro 的输入价格不是数字：'two'。" in dialog.message.text()
    assert "not a number" not in dialog.message.text()


def test_a_budget_of_nothing_is_refused_in_chinese(qtbot, dialog, chinese):
    dialog.month_budget.enabled.setChecked(True)
    dialog.month_budget.limit.setText("0")
    assert not dialog.save()
    assert dialog.message.text() == "预算必须大于零。"
