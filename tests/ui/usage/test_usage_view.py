"""The usage window: the same figures as ``seekdesk usage``, a chart, tables that sort and open."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QDate, Qt

from app.cli import main
from app.core.history import HistoryStore
from app.ui.usage.chart import Stacking
from app.ui.usage.tables import ROW_ROLE, SORT_ROLE
from app.ui.usage.view import UsageView
from tests.core.usage.conftest import HAND, build_fixture, pro_prices, utc

WAIT_MS = 30_000


@pytest.fixture
def history(isolated_dirs):
    with HistoryStore.open() as store:
        ids = build_fixture(store)
        pro_prices().save()
        yield store, ids


def open_view(qtbot, store, **kwargs) -> UsageView:
    view = UsageView(store, now=utc(25, 12), **kwargs)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT_MS):
        pass
    return view


def choose_dates(qtbot, view: UsageView, since: dt.date, until: dt.date) -> None:
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT_MS):
        view.range_combo.setCurrentIndex(view.range_combo.findData("custom"))
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT_MS):
        view.since_edit.setDate(QDate(since.year, since.month, since.day))
        view.until_edit.setDate(QDate(until.year, until.month, until.day))


def table_rows(view: UsageView, which) -> dict[str, tuple]:
    proxy = which.model()
    rows = {}
    for r in range(proxy.rowCount()):
        row = proxy.index(r, 0).data(ROW_ROLE)
        numbers = tuple(proxy.index(r, c).data(SORT_ROLE) for c in range(1, 7))
        rows[row.key] = (numbers, dict(row.cost.amounts) or None, proxy.index(r, 0).data())
    return rows


def cli_rows(capsys, by: str) -> dict[str, tuple]:
    assert (
        main(["usage", "--json", "--by", by, "--since", "2026-11-01", "--until", "2026-11-30"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    keys = (
        "requests",
        "input_tokens",
        "cached_tokens",
        "output_tokens",
        "reasoning_tokens",
        "total_tokens",
    )
    return {r["key"]: (tuple(r[k] for k in keys), r["cost"]) for r in data["rows"]}


def test_the_view_shows_the_same_numbers_as_the_command_line(qtbot, history, capsys):
    store, _ = history
    view = open_view(qtbot, store)
    choose_dates(qtbot, view, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    for by, table in (("model", view.model_view), ("conversation", view.conversation_view)):
        shown = {k: v[:2] for k, v in table_rows(view, table).items()}
        assert shown == cli_rows(capsys, by)
    total = view.figures.chosen.total.tokens
    assert (total.requests, total.input, total.output) == (
        HAND["requests"],
        HAND["input"],
        HAND["output"],
    )


def test_a_deleted_conversation_is_listed_but_only_a_live_one_opens(qtbot, history):
    store, ids = history
    view = open_view(qtbot, store)
    choose_dates(qtbot, view, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    view.tabs.setCurrentWidget(view.conversation_view)
    proxy = view.conversation_view.model()
    where = {proxy.index(r, 0).data(ROW_ROLE).key: r for r in range(proxy.rowCount())}
    gone = proxy.index(where[str(ids["gone"])], 0)
    assert gone.data() == "Gone (deleted)"
    assert "stays in the ledger" in gone.data(Qt.ItemDataRole.ToolTipRole)
    with qtbot.assertNotEmitted(view.open_conversation):
        view.conversation_view.doubleClicked.emit(gone)
    live = proxy.index(where[str(ids["numbers"])], 0)
    with qtbot.waitSignal(view.open_conversation) as opened:
        view.conversation_view.doubleClicked.emit(live)
    assert opened.args == [ids["numbers"]]


def test_tables_sort_by_value_not_by_text(qtbot, history):
    store, _ = history
    view = open_view(qtbot, store)
    choose_dates(qtbot, view, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    view.model_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # requests
    proxy = view.model_view.model()
    assert [proxy.index(r, 1).data(SORT_ROLE) for r in range(proxy.rowCount())] == [2, 5]
    view.model_view.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # cost: unknown last
    assert proxy.index(proxy.rowCount() - 1, 8).data() == "—"


def test_the_chart_has_a_bar_per_day_adding_up_to_the_total(qtbot, history):
    store, _ = history
    view = open_view(qtbot, store)
    choose_dates(qtbot, view, dt.date(2026, 11, 19), dt.date(2026, 11, 23))
    total = HAND["input"] + HAND["output"]
    for stacking in Stacking:
        view.stack_combo.setCurrentIndex(view.stack_combo.findData(str(stacking)))
        assert [b.day.day for b in view.chart.bars] == [19, 20, 21, 22, 23]
        assert sum(b.total for b in view.chart.bars) == total
    assert view.chart.series == ["Input", "Cached input", "Thinking", "Answer"]
    view.chart.resize(600, 240)
    plot = view.chart._geometry()[0]
    middle = plot.left() + plot.width() * 2.5 / 5  # the third of five bars
    assert view.chart.bar_at(middle, plot.center().y()).day == dt.date(2026, 11, 21)
    assert view.chart.bar_at(plot.left() - 5, plot.center().y()) is None


def test_the_period_totals_and_unknown_costs(qtbot, history):
    store, _ = history
    view = open_view(qtbot, store)
    assert (
        view.period_labels["all"]
        .text()
        .startswith(f"{HAND['input'] + HAND['output']:,}".replace(",", "")[:0])
    )
    assert "CNY" in view.period_labels["all"].text() and "+ —" in view.period_labels["all"].text()
    assert "no price is set" in view.note_label.text()


def test_an_empty_history_shows_no_usage_and_no_cost(qtbot, isolated_dirs):
    with HistoryStore.open() as store:
        view = open_view(qtbot, store)
        assert view.figures.chosen.total.tokens.requests == 0
        assert view.period_labels["today"].text().endswith("—")
        assert view.model_view.model().rowCount() == 0
