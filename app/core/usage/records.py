"""The usage figures as front ends receive them: counts, cost, table rows, a whole report.

Frozen, like every record SeekDesk hands out: ``report.compute_usage`` builds them, the usage
view, ``seekdesk usage`` and the budget check read them, nobody changes them. ``Cost`` keeps
money per currency and the number of requests that had no price, so "unknown" is never shown
as zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Tokens:
    """Requests and token counts; ``output`` includes ``reasoning`` (billed as output)."""

    requests: int = 0
    input: int = 0
    output: int = 0
    reasoning: int = 0
    cached: int = 0

    def __add__(self, other: Tokens) -> Tokens:
        return Tokens(
            self.requests + other.requests,
            self.input + other.input,
            self.output + other.output,
            self.reasoning + other.reasoning,
            self.cached + other.cached,
        )

    @property
    def answer(self) -> int:
        """Output tokens that were the answer (the rest was thinking)."""
        return self.output - self.reasoning

    @property
    def total(self) -> int:
        return self.input + self.output

    @property
    def cache_hit_rate(self) -> float | None:
        """Share of input tokens served from the cache; None when there was no input."""
        return self.cached / self.input if self.input else None


@dataclass(frozen=True, slots=True)
class Cost:
    """Money per currency, and how many requests with tokens had no price (cost unknown)."""

    amounts: tuple[tuple[str, float], ...] = ()
    unpriced: int = 0

    def __add__(self, other: Cost) -> Cost:
        merged: dict[str, float] = dict(self.amounts)
        for currency, amount in other.amounts:
            merged[currency] = merged.get(currency, 0.0) + amount
        return Cost(tuple(sorted(merged.items())), self.unpriced + other.unpriced)

    @property
    def known(self) -> bool:
        """True when some cost is known (there may still be unpriced requests)."""
        return bool(self.amounts)

    def amount(self, currency: str) -> float | None:
        return dict(self.amounts).get(currency)


@dataclass(frozen=True, slots=True)
class UsageRow:
    """One line of a table: what it groups by (``key``), its counts and its cost.

    For conversations, ``key`` is the id as text ("" for requests outside any conversation,
    such as Test connection), ``label`` its title, and ``deleted`` says the conversation is gone
    (its counts stay: the ledger does not rewrite the past).
    """

    key: str
    label: str
    tokens: Tokens
    cost: Cost
    deleted: bool = False
    conversation_id: int | None = None


@dataclass(frozen=True, slots=True)
class DayModel:
    """Tokens of one model on one local day: a segment of the stacked chart."""

    day: dt.date
    model: str
    tokens: Tokens
    cost: Cost


#: What a usage table can be grouped by.
GROUPINGS = ("day", "model", "region", "api", "conversation", "preset")


@dataclass(frozen=True, slots=True)
class UsageReport:
    """Everything the usage view and ``seekdesk usage`` show for ``since``..``until`` (local
    days, both included)."""

    since: dt.date
    until: dt.date
    total: UsageRow
    by_day: tuple[UsageRow, ...] = ()
    by_day_model: tuple[DayModel, ...] = ()
    by_model: tuple[UsageRow, ...] = ()
    by_region: tuple[UsageRow, ...] = ()
    by_api: tuple[UsageRow, ...] = ()
    by_conversation: tuple[UsageRow, ...] = field(default_factory=tuple)
    #: By the preset a conversation was begun from (key "" for none; schema 7 on).
    by_preset: tuple[UsageRow, ...] = field(default_factory=tuple)

    def days(self) -> list[dt.date]:
        """Every day of the range, empty ones included (the chart's x axis)."""
        count = (self.until - self.since).days + 1
        return [self.since + dt.timedelta(days=i) for i in range(max(count, 0))]

    def rows(self, by: str) -> tuple[UsageRow, ...]:
        """The table grouped ``by`` one of ``GROUPINGS`` (day, model, region, api,
        conversation): what the CLI prints and the view's tables show."""
        if by not in GROUPINGS:
            raise ValueError(f"Cannot group usage by {by!r}: use one of {', '.join(GROUPINGS)}.")
        return {
            "day": self.by_day,
            "model": self.by_model,
            "region": self.by_region,
            "api": self.by_api,
            "conversation": self.by_conversation,
            "preset": self.by_preset,
        }[by]

    def total_since(self, first: dt.date) -> UsageRow:
        """The total of the days from ``first`` on (today / last 7 / last 30 days)."""
        return _sum_rows("", "", (r for r in self.by_day if dt.date.fromisoformat(r.key) >= first))


def _sum_rows(key: str, label: str, rows: Iterable[UsageRow]) -> UsageRow:
    tokens, cost = Tokens(), Cost()
    for row in rows:
        tokens, cost = tokens + row.tokens, cost + row.cost
    return UsageRow(key, label, tokens, cost)


__all__ = ["GROUPINGS", "Cost", "DayModel", "Tokens", "UsageReport", "UsageRow"]
