"""What the window's usage part reads on a worker thread: prices, budgets and the current
conversation's total, as one ``UsageSnapshot``.

Apart from ``window_part`` so the window's first frame imports none of it (prices, budgets and
the report are a dozen records and a CSV reader; the idle window shows no usage figure). The
window part imports this module on the UI thread when it first refreshes, then runs
``read_snapshot`` on a worker thread: a module is never imported on a worker thread beside
PySide6's import hook.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.events import Usage
from app.core.history import HistoryStore
from app.core.usage import daycache
from app.core.usage.budgets import BudgetError, BudgetState, budget_states, load_budgets
from app.core.usage.prices import PriceError, PriceTable
from app.core.usage.report import UsageRow, conversation_usage


@dataclass(frozen=True, slots=True)
class UsageSnapshot:
    """What one background read found, for the status bar and the send check."""

    conversation_id: int | None
    total: UsageRow | None
    last_usage: Usage | None
    states: tuple[BudgetState, ...]
    prices: PriceTable


def read_snapshot(store: HistoryStore, conversation_id: int | None) -> UsageSnapshot:
    """(worker thread) Prices, budgets and the conversation's total; a broken prices or budgets
    file reads as none (the usage view and the prices dialog say what is wrong with it)."""
    try:
        prices = PriceTable.load()
    except PriceError:
        prices = PriceTable()
    try:
        budgets = load_budgets()
    except BudgetError:
        budgets = []
    total = last = None
    if conversation_id is not None:
        total = conversation_usage(store, conversation_id, prices)
        replies = [
            m
            for m in store.messages(conversation_id, limit=20)
            if m.role == "assistant" and m.usage is not None
        ]
        last = replies[-1].usage if replies else None
    states = tuple(budget_states(store, budgets, prices))
    daycache.warm(store)  # so the usage view opens on ready sums
    return UsageSnapshot(conversation_id, total, last, states, prices)


__all__ = ["UsageSnapshot", "read_snapshot"]
