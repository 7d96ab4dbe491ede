"""The window's usage part: View → Usage, the status-bar lines, budgets before a send.

What it adds to the main window, with one line there to build it:

* **View → Usage…** (Ctrl+Shift+U) opens the usage view (one at a time, following new replies
  while open); double-clicking a conversation there opens it in the window. **View → Prices and
  budgets…** opens the editor of both.
* **The current conversation's total** (tokens and cost, all time) at the right of the status
  bar, and the **context meter**: the next request's size, the last reply's reported input and
  answer plus an estimate for the typed text, marked "≈" and "estimate". The seed publishes no
  context limits, so there is no limit to compare with and no warning (see
  ``app/core/usage/context``); the meter says so in its tooltip.
* **Budgets**: a quiet line at 80 % of a daily or monthly budget; past 100 % ``allow_send``
  asks before sending, and the user can go on.

Every read (prices, budgets, ledger) runs on a worker thread through the window's ``TaskOwner``
after the history opens, after each reply and after Prices and budgets is saved; the UI thread
only shows the results and asks ``allow_send`` from what it already has.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QPlainTextEdit

from app.core.history import HistoryStore
from app.ui.common.tasks import TaskOwner
from app.ui.usage import footer

if TYPE_CHECKING:
    # Prices, budgets and the report come with the first refresh (``snapshot``, imported on the
    # UI thread, read on a worker thread): the window's first frame shows no usage figure. The
    # usage view and the prices dialog open on demand: not imported before that either.
    from app.core.usage.budgets import BudgetState
    from app.core.usage.context import ContextEstimate
    from app.ui.usage.prices_dialog import PricesDialog
    from app.ui.usage.snapshot import UsageSnapshot
    from app.ui.usage.view import UsageView


class _Fact(QLabel):
    """A figure in the composer's row or the conversation's header. In a narrow window it is
    shortened from the left with "…" rather than make the window wider than the screen allows:
    the figure, at the end, is what the user looks for ("…775,000 tokens"; cut at the right,
    only "This conversation:" was left). Its tooltip has it whole."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(1)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def clear(self) -> None:
        super().clear()
        self.setToolTip("")

    def shown(self) -> str:
        """The text as it fits the label's width now."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideLeft, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), shown)


class UsageRoom(QObject):
    """Builds the Usage action and status-bar lines of ``window``; see the module docstring."""

    def __init__(
        self,
        window: QMainWindow,
        view_menu: QMenu,
        tasks: TaskOwner,
        store: Callable[[], HistoryStore | None],
        open_conversation: Callable[[int], object],
        prompt: QPlainTextEdit,
        model: Callable[[], str],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tasks = tasks
        self._store = store
        self._open_conversation = open_conversation
        self._prompt = prompt
        self._model = model
        self._conversation_id: int | None = None
        self.snapshot: UsageSnapshot | None = None
        self.view: UsageView | None = None

        self.action = QAction(self.tr("&Usage…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.action.triggered.connect(self.open_view)
        window.addAction(self.action)
        self.prices_action = QAction(self.tr("&Prices and budgets…"), window)
        self.prices_action.triggered.connect(self.edit_prices)
        view_menu.addSeparator()
        view_menu.addAction(self.action)
        view_menu.addAction(self.prices_action)

        bar = window.statusBar()
        self.budget_label = QLabel()
        self.budget_label.setObjectName("budgetNotice")
        self.meter_label = _Fact()
        self.meter_label.setObjectName("contextMeter")
        self.total_label = _Fact()
        self.total_label.setObjectName("conversationUsage")
        for label in (self.budget_label, self.meter_label, self.total_label):
            label.setContentsMargins(10, 0, 10, 0)  # apart, as separate facts

        bar.addPermanentWidget(self.budget_label)
        # The context meter belongs to the composer and the total to the conversation's header:
        # the window places them (``MainWindow``), the status bar keeps the budget notice.
        self._meter_timer = QTimer(self)
        self._meter_timer.setSingleShot(True)
        self._meter_timer.setInterval(250)  # estimate once typing pauses, not per keystroke
        self._meter_timer.timeout.connect(self.update_meter)
        prompt.textChanged.connect(self._meter_timer.start)

    # -- entry points for the window ----------------------------------------------------------

    def show_conversation(self, conversation_id: int | None) -> None:
        """The window shows another conversation (None: a new chat)."""
        self._conversation_id = conversation_id
        if self.snapshot is not None and self.snapshot.conversation_id != conversation_id:
            self.total_label.clear()
        self.refresh()

    def refresh(self) -> None:
        """Re-read prices, budgets and the conversation's total on a worker thread."""
        store = self._store()
        if store is None:
            return
        self._tasks.start("usage-refresh", self._refresh(store, self._conversation_id))
        if self.view is not None and self.view.isVisible():
            self.view.refresh()  # an open usage view follows new replies

    async def _refresh(self, store: HistoryStore, conversation_id: int | None) -> None:
        from app.ui.usage.snapshot import read_snapshot  # (here, on the UI thread)

        snapshot = await asyncio.to_thread(read_snapshot, store, conversation_id)
        if conversation_id != self._conversation_id:
            return  # the window moved on meanwhile; a newer refresh is coming
        self.show_snapshot(snapshot)

    def show_snapshot(self, snapshot: UsageSnapshot) -> None:
        from app.core.usage.budgets import Level
        from app.ui.usage.tables import format_cost

        self.snapshot = snapshot
        footer.set_prices(snapshot.prices)
        locale = QLocale()
        if snapshot.total is not None and snapshot.total.tokens.requests:
            tokens = locale.toString(snapshot.total.tokens.total)
            text = self.tr("This conversation: {tokens} tokens · {cost}").format(
                tokens=tokens, cost=format_cost(snapshot.total.cost, locale)
            )
            if not snapshot.total.cost.known:  # no price set: a lone "—" read as a glitch
                text = self.tr("This conversation: {tokens} tokens").format(tokens=tokens)
            self.total_label.setText(text)
        else:
            self.total_label.clear()
        noticed = [s for s in snapshot.states if s.level is not Level.OK]
        self.budget_label.setText("  ".join(self.budget_text(s) for s in noticed))
        self.update_meter()

    def allow_send(self) -> bool:
        """True to send: no budget is spent, or the user chose to go on."""
        if self.snapshot is None:
            return True  # nothing read yet, so no budget known to be spent
        from app.core.usage.budgets import over_budget

        over = over_budget(self.snapshot.states)
        if not over:
            return True
        box = QMessageBox(self._window)
        box.setObjectName("budgetQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Budget reached"))
        box.setText("\n".join(self.budget_text(s) for s in over))
        box.setInformativeText(self.tr("Send anyway?"))
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is send

    def open_view(self) -> UsageView | None:
        store = self._store()
        if store is None:
            self._window.statusBar().showMessage(self.tr("The history is still opening…"), 4000)
            return None
        if self.view is None:
            from app.ui.usage.view import UsageView

            self.view = UsageView(store, self._window)
            self.view.open_conversation.connect(self._open_conversation)
            self.view.finished.connect(self._view_closed)
        else:
            self.view.refresh()
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def edit_prices(self) -> PricesDialog:
        """Prices and budgets, from the View menu; budgets and footers follow a Save."""
        from app.ui.usage.prices_dialog import PricesDialog

        dialog = PricesDialog(self._window)
        dialog.saved.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _view_closed(self) -> None:
        self.refresh()  # prices or budgets may have been edited there

    # -- words ----------------------------------------------------------------------------------

    def budget_text(self, state: BudgetState) -> str:
        from app.core.usage.budgets import Period, Unit

        locale = QLocale()
        budget = state.budget
        if budget.unit is Unit.TOKENS:
            used = locale.toString(int(state.used))
            limit = locale.toString(int(budget.limit))
            amounts = self.tr("{used} of {limit} tokens").format(used=used, limit=limit)
        else:
            currency = budget.currency or ""
            amounts = self.tr("{currency} {used} of {limit}").format(
                currency=currency,
                used=locale.toString(state.used, "f", 2),
                limit=locale.toString(budget.limit, "f", 2),
            )
            if state.partial:
                amounts += self.tr(" (at least: some requests have no price)")
        percent = locale.toString(round(state.fraction * 100))
        if budget.period is Period.DAY:
            return self.tr("{percent} % of today's budget: {amounts}").format(
                percent=percent, amounts=amounts
            )
        return self.tr("{percent} % of this month's budget: {amounts}").format(
            percent=percent, amounts=amounts
        )

    def estimate(self) -> ContextEstimate:
        from app.core.usage.context import next_request

        last = self.snapshot.last_usage if self.snapshot is not None else None
        answer = (last.output_tokens - (last.reasoning_tokens or 0)) if last else None
        return next_request(
            self._model(),
            last_input=last.input_tokens if last else None,
            last_answer=answer,
            new_text=self._prompt.toPlainText(),
        )

    def update_meter(self) -> None:
        meter = self.estimate()
        if meter.tokens == 0:
            self.meter_label.clear()
            return
        tokens = QLocale().toString(meter.tokens)
        mark = "≈ " if meter.estimated else ""
        if meter.limit:
            text = self.tr("Context: {mark}{tokens} of {limit} tokens").format(
                mark=mark, tokens=tokens, limit=QLocale().toString(meter.limit)
            )
        else:
            text = self.tr("Context: {mark}{tokens} tokens").format(mark=mark, tokens=tokens)
        if meter.estimated:
            text += self.tr(" (estimate)")
        self.meter_label.setText(text)
        self.meter_label.setToolTip(
            self.tr(
                "The next request: the last reply's reported input and answer, plus an estimate "
                "for the text typed since. The catalog knows no context limit for this model."
            )
            if not meter.limit
            else self.tr("The request may not fit the model's context.")
            if meter.warn
            else ""
        )
