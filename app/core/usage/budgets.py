"""Optional daily and monthly budgets, in tokens or in money, and where usage stands against them.

Why a budget only warns: the service does not stop at a SeekDesk budget, and cutting a person
off mid-task is worse than telling them. At ``NOTICE_AT`` (80 %) the window shows a quiet
notice; past 100 % it asks before sending, and the user can go on.

Tokens mean input plus output (thinking included: it is billed as output). A money budget is in
one currency and counts only the requests priced in that currency; when some requests have no
price the figure is a lower bound and ``BudgetState.partial`` says so.

The budgets live in ``budgets.json`` in the config directory (not in settings.json, so no other
part of SeekDesk has to know them).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.history import HistoryStore
from app.core.sentences import QT_TRANSLATE_NOOP, notice
from app.core.usage.prices import PriceTable
from app.core.usage.report import UsageReport, compute_usage, today

BUDGETS_FILE = "budgets.json"
NOTICE_AT = 0.8


class Period(enum.StrEnum):
    DAY = "day"
    MONTH = "month"


class Unit(enum.StrEnum):
    TOKENS = "tokens"
    COST = "cost"


class Level(enum.StrEnum):
    OK = "ok"
    NOTICE = "notice"  # at or past NOTICE_AT
    OVER = "over"  # at or past the limit: ask before sending


#: What is wrong with a budget (the prices dialog says it in the user's language).
BUDGET_UNKNOWN = QT_TRANSLATE_NOOP("Notice", "Unknown budget {budget}.")
BUDGET_NOT_A_NUMBER = QT_TRANSLATE_NOOP("Notice", "The budget limit {limit} is not a number.")
BUDGET_NOT_POSITIVE = QT_TRANSLATE_NOOP("Notice", "A budget must be more than zero.")
BUDGET_CURRENCY = QT_TRANSLATE_NOOP(
    "Notice", "A money budget needs a currency code such as CNY or USD."
)
BUDGET_FILE = QT_TRANSLATE_NOOP("Notice", "The budget file {path} cannot be read: {error}")


class BudgetError(ValueError):
    """A budget that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Budget:
    period: Period
    unit: Unit
    limit: float
    currency: str | None = None  # for Unit.COST


@dataclass(frozen=True, slots=True)
class BudgetState:
    budget: Budget
    used: float
    partial: bool  # money budget with unpriced requests: ``used`` is a lower bound

    @property
    def fraction(self) -> float:
        return self.used / self.budget.limit if self.budget.limit > 0 else 0.0

    @property
    def level(self) -> Level:
        if self.fraction >= 1.0:
            return Level.OVER
        return Level.NOTICE if self.fraction >= NOTICE_AT else Level.OK


def make_budget(period: object, unit: object, limit: Any, currency: str | None = None) -> Budget:
    try:
        p, u = Period(str(period)), Unit(str(unit))
    except ValueError:
        raise BudgetError(notice(BUDGET_UNKNOWN, budget=f"{period!r}/{unit!r}")) from None
    try:
        value = float(limit)
    except (TypeError, ValueError):
        raise BudgetError(notice(BUDGET_NOT_A_NUMBER, limit=repr(limit))) from None
    if not value > 0 or value == float("inf"):
        raise BudgetError(notice(BUDGET_NOT_POSITIVE))
    code = (currency or "").strip().upper() or None
    if u is Unit.COST and (code is None or not code.isalpha()):
        raise BudgetError(notice(BUDGET_CURRENCY))
    return Budget(p, u, value, code if u is Unit.COST else None)


def default_path() -> Path:
    return paths.config_dir() / BUDGETS_FILE


def load_budgets(path: Path | None = None) -> list[Budget]:
    """The saved budgets (none when the file is absent); one per period at most."""
    path = path or default_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise BudgetError(notice(BUDGET_FILE, path=str(path), error=str(exc))) from exc
    rows = data.get("budgets", []) if isinstance(data, Mapping) else []
    return [
        make_budget(r.get("period"), r.get("unit"), r.get("limit"), r.get("currency"))
        for r in rows
        if isinstance(r, Mapping)
    ]


def save_budgets(budgets: Iterable[Budget], path: Path | None = None) -> Path:
    path = path or default_path()
    rows = [
        {"period": str(b.period), "unit": str(b.unit), "limit": b.limit, "currency": b.currency}
        for b in budgets
    ]
    paths.write_atomic(path, json.dumps({"version": 1, "budgets": rows}, indent=2) + "\n")
    return path


def _used(budget: Budget, report: UsageReport, first: dt.date) -> tuple[float, bool]:
    total = report.total_since(first)
    if budget.unit is Unit.TOKENS:
        return float(total.tokens.total), False
    amount = total.cost.amount(budget.currency or "") or 0.0
    return amount, total.cost.unpriced > 0


def budget_states(
    store: HistoryStore,
    budgets: Iterable[Budget],
    prices: PriceTable | None = None,
    *,
    tz: dt.tzinfo | None = None,
    now: float | None = None,
) -> list[BudgetState]:
    """Where this day's and this month's usage stand (one ledger query for both)."""
    budgets = list(budgets)
    if not budgets:
        return []
    day = today(tz, now)
    month_start = day.replace(day=1)
    report = compute_usage(
        store, month_start, day, tz=tz, prices=prices, now=now, conversations=False
    )
    states = []
    for budget in budgets:
        first = day if budget.period is Period.DAY else month_start
        used, partial = _used(budget, report, first)
        states.append(BudgetState(budget, used, partial))
    return states


def over_budget(states: Iterable[BudgetState]) -> list[BudgetState]:
    """The budgets already spent: the window asks before sending while any is listed."""
    return [s for s in states if s.level is Level.OVER]


__all__ = [
    "NOTICE_AT",
    "Budget",
    "BudgetError",
    "BudgetState",
    "Level",
    "Period",
    "Unit",
    "budget_states",
    "load_budgets",
    "make_budget",
    "over_budget",
    "save_budgets",
]
