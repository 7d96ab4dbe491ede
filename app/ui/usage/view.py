"""View → Usage: totals, a chart by day, tables by model and by conversation.

Every figure comes from ``compute_usage`` (the function behind ``seekdesk usage``), run on a
worker thread so the window never waits for SQLite; the result comes back as one frozen
``UsageFigures`` on a queued signal. Two reports are asked for: all time without the
conversation table (the period totals: today, 7 days, 30 days, all) and the chosen range with it
(chart and tables). The second is the expensive one, so the view opens on the last 30 days.

A conversation opens on double click (``open_conversation``); a deleted one cannot, and its row
says so, with its usage kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.history import HistoryStore
from app.core.usage.prices import PriceError, PriceTable
from app.core.usage.report import UsageReport, UsageRow, compute_overview, today
from app.ui.common.said import said
from app.ui.usage.chart import Stacking, UsageChart, format_day
from app.ui.usage.prices_dialog import PricesDialog
from app.ui.usage.tables import ROW_ROLE, UsageTableModel, format_cost, format_rate

#: Ranges offered, as days back from today (None: all time; -1: the dates chosen).
RANGES = (("today", 1), ("7", 7), ("30", 30), ("all", None), ("custom", -1))
DEFAULT_RANGE = "30"


@dataclass(frozen=True, slots=True)
class UsageFigures:
    """What one refresh computed; ``generation`` drops answers to superseded requests."""

    generation: int
    overall: UsageReport
    chosen: UsageReport
    today: dt.date
    seconds: float
    prices_problem: str | None = None


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class _Bridge(QObject):
    """Carries a worker thread's result to the GUI thread (a queued signal)."""

    computed = Signal(UsageFigures)
    failed = Signal(int, str)


class UsageView(QDialog):
    """The usage window. ``refresh()`` recomputes; ``figures`` holds what is shown."""

    open_conversation = Signal(int)
    #: Emitted once figures are on screen (tests and the open-time benchmark wait for it).
    shown_figures = Signal(UsageFigures)

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        tz: dt.tzinfo | None = None,
        now: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Usage"))
        self.setObjectName("usageView")
        self.resize(860, 640)
        self._store = store
        self._tz = tz
        self._now = now
        self._generation = 0
        self._bridge = _Bridge(self)
        self._bridge.computed.connect(self._show)
        self._bridge.failed.connect(self._show_failure)
        self.figures: UsageFigures | None = None

        self.range_combo = QComboBox()
        labels = {
            "today": self.tr("Today"),
            "7": self.tr("Last 7 days"),
            "30": self.tr("Last 30 days"),
            "all": self.tr("All time"),
            "custom": self.tr("Chosen dates"),
        }
        for key, _days in RANGES:
            self.range_combo.addItem(labels[key], key)
        self.range_combo.setCurrentIndex(self.range_combo.findData(DEFAULT_RANGE))
        self.since_edit, self.until_edit = QDateEdit(), QDateEdit()
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.stack_combo = QComboBox()
        self.stack_combo.addItem(self.tr("Stacked by model"), str(Stacking.MODEL))
        self.stack_combo.addItem(self.tr("Input / cached / thinking / answer"), str(Stacking.KIND))
        self.prices_button = QPushButton(self.tr("Prices and budgets…"))
        controls = QHBoxLayout()
        controls.addWidget(self.range_combo)
        controls.addWidget(self.since_edit)
        controls.addWidget(QLabel("–"))
        controls.addWidget(self.until_edit)
        controls.addStretch(1)
        controls.addWidget(self.stack_combo)
        controls.addWidget(self.prices_button)

        self.period_labels: dict[str, QLabel] = {}
        periods = QGridLayout()
        for column, (key, title) in enumerate(
            (
                ("today", self.tr("Today")),
                ("7", self.tr("7 days")),
                ("30", self.tr("30 days")),
                ("all", self.tr("All time")),
            )
        ):
            heading = QLabel(title)
            heading.setStyleSheet("font-weight: 600")
            value = QLabel("…")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            periods.addWidget(heading, 0, column)
            periods.addWidget(value, 1, column)
            self.period_labels[key] = value
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)

        self.chart = UsageChart()
        self.model_table = UsageTableModel(self.tr("Model"), parent=self)
        self.conversation_table = UsageTableModel(
            self.tr("Conversation"), conversations=True, parent=self
        )
        self.model_view = self._table(self.model_table)
        self.conversation_view = self._table(self.conversation_table)
        self.conversation_view.doubleClicked.connect(self._open_row)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.model_view, self.tr("By model"))
        self.tabs.addTab(self.conversation_view, self.tr("By conversation"))

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(periods)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.tabs, 3)
        layout.addWidget(self.note_label)

        day = today(tz, now)
        self.until_edit.setDate(QDate(day.year, day.month, day.day))
        start = day - dt.timedelta(days=29)
        self.since_edit.setDate(QDate(start.year, start.month, start.day))
        self._sync_dates_enabled()
        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.since_edit.dateChanged.connect(lambda _d: self._dates_changed())
        self.until_edit.dateChanged.connect(lambda _d: self._dates_changed())
        self.stack_combo.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self.prices_button.clicked.connect(self.edit_prices)
        self.refresh()

    def edit_prices(self) -> PricesDialog:
        """Open the prices and budgets editor; the figures are recomputed after a Save."""
        dialog = PricesDialog(self)
        dialog.saved.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _table(self, model: UsageTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(6, Qt.SortOrder.DescendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(100)  # widths from the first rows, not a year's worth
        return view

    # -- range --------------------------------------------------------------------------------

    def chosen_range(self) -> tuple[dt.date | None, dt.date]:
        """The first and last local day of the range shown (None: from the first request)."""
        key = self.range_combo.currentData()
        day = today(self._tz, self._now)
        days = dict(RANGES)[key]
        if days is None:
            return None, day
        if days == -1:
            since, until = _day(self.since_edit.date()), _day(self.until_edit.date())
            return min(since, until), max(since, until)
        return day - dt.timedelta(days=days - 1), day

    def _sync_dates_enabled(self) -> None:
        custom = self.range_combo.currentData() == "custom"
        self.since_edit.setEnabled(custom)
        self.until_edit.setEnabled(custom)

    def _range_changed(self) -> None:
        self._sync_dates_enabled()
        self.refresh()

    def _dates_changed(self) -> None:
        if self.range_combo.currentData() == "custom":
            self.refresh()

    # -- computing off the UI thread ------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute on a worker thread; the newest request wins."""
        self._generation += 1
        generation = self._generation
        since, until = self.chosen_range()
        self.note_label.setText(self.tr("Counting…"))
        store, tz, now, bridge = self._store, self._tz, self._now, self._bridge

        def work() -> None:
            started = time.perf_counter()
            problem = None
            try:
                try:
                    prices = PriceTable.load()
                except PriceError as exc:
                    prices, problem = PriceTable(), (exc.args or (str(exc),))[0]  # said when shown
                day = today(tz, now)
                overall, chosen = compute_overview(
                    store, since, until, tz=tz, prices=prices, now=now
                )
                figures = UsageFigures(
                    generation, overall, chosen, day, time.perf_counter() - started, problem
                )
            except Exception as exc:  # a damaged file or a bad range: say so, keep the window
                self._emit_safely(bridge.failed, generation, str(exc))
                return
            self._emit_safely(bridge.computed, figures)

        threading.Thread(target=work, name="seekdesk-usage", daemon=True).start()

    @staticmethod
    def _emit_safely(signal: object, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the view was closed and deleted meanwhile
            signal.emit(*args)  # type: ignore[attr-defined]

    def _show_failure(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.note_label.setText(self.tr("The usage could not be counted: {0}").format(message))

    def _show(self, figures: UsageFigures) -> None:
        if figures.generation != self._generation:
            return
        self.figures = figures
        locale = QLocale()
        overall = figures.overall
        day = figures.today
        for key, first in (
            ("today", day),
            ("7", day - dt.timedelta(days=6)),
            ("30", day - dt.timedelta(days=29)),
        ):
            self.period_labels[key].setText(self._figure(overall.total_since(first)))
        self.period_labels["all"].setText(self._figure(overall.total))
        chosen = figures.chosen
        t = chosen.total.tokens
        self.summary_label.setText(
            self.tr(
                "{since} – {until}: {requests} requests, {tokens} tokens (input {input}, "
                "cached {cached}, thinking {thinking}, answer {answer}); cache hit rate {rate}; "
                "cost {cost}"
            ).format(
                since=format_day(locale, chosen.since, QLocale.FormatType.ShortFormat),
                until=format_day(locale, chosen.until, QLocale.FormatType.ShortFormat),
                requests=locale.toString(t.requests),
                tokens=locale.toString(t.total),
                input=locale.toString(t.input),
                cached=locale.toString(t.cached),
                thinking=locale.toString(t.reasoning),
                answer=locale.toString(t.answer),
                rate=format_rate(t.cache_hit_rate, locale),
                cost=format_cost(chosen.total.cost, locale),
            )
        )
        self.model_table.set_rows(chosen.by_model)
        self.conversation_table.set_rows(chosen.by_conversation)
        self._draw_chart()
        notes = []
        if chosen.total.cost.unpriced:
            notes.append(
                self.tr(
                    "— means no price is set for that model and region: costs are only "
                    "computed from prices you enter (Prices and budgets…)."
                )
            )
        if figures.prices_problem:
            notes.append(said(figures.prices_problem))
        self.note_label.setText("\n".join(notes))
        self.shown_figures.emit(figures)

    def _figure(self, row: UsageRow) -> str:
        locale = QLocale()
        tokens = self.tr("{0} tokens").format(locale.toString(row.tokens.total))
        return f"{tokens}\n{format_cost(row.cost, locale)}"

    def _draw_chart(self) -> None:
        if self.figures is not None:
            self.chart.set_data(self.figures.chosen, Stacking(self.stack_combo.currentData()))

    def _open_row(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, UsageRow) and row.conversation_id is not None and not row.deleted:
            self.open_conversation.emit(row.conversation_id)
