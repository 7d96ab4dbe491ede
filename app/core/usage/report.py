"""The one computation of usage figures, for the usage view, the CLI and the tests alike.

``compute_usage`` reads the ledger for a range of local days and returns every figure a front
end shows: the total, one row per day, per day and model (the stacked chart), per model, region,
API and conversation. The window and ``seekdesk usage`` both call it, so they cannot disagree.

Why days are cut in SQL against a list of day boundaries: a "day" is a local calendar day, and
with daylight saving time a day is 23 or 25 hours long, so ``at / 86400`` is wrong twice a year
and a fixed offset is wrong half of it. The boundaries are computed here in Python (from the
given ``tz``, else the process's local time, which honours ``TZ``) and joined against the ledger's
time index, so a year of heavy use (73 000 rows) is summed by SQLite without a Python call per
row.

Cost is computed per model and region group, from the user's price table; tokens without a
price are counted as ``unpriced`` and never as zero cost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.core.history import HistoryStore
from app.core.usage.prices import PriceTable


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
GROUPINGS = ("day", "model", "region", "api", "conversation")


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
        }[by]

    def total_since(self, first: dt.date) -> UsageRow:
        """The total of the days from ``first`` on (today / last 7 / last 30 days)."""
        return _sum_rows("", "", (r for r in self.by_day if dt.date.fromisoformat(r.key) >= first))


# -- local days -------------------------------------------------------------------------------


def day_start(day: dt.date, tz: dt.tzinfo | None = None) -> float:
    """Epoch seconds of local midnight starting ``day`` (``tz``, else the process's TZ)."""
    if tz is None:
        return time.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1))
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()


def local_day(at: float, tz: dt.tzinfo | None = None) -> dt.date:
    """The local calendar day an epoch time falls on."""
    if tz is None:
        return dt.date.fromtimestamp(at)
    return dt.datetime.fromtimestamp(at, tz).date()


def today(tz: dt.tzinfo | None = None, now: float | None = None) -> dt.date:
    return local_day(time.time() if now is None else now, tz)


# -- the computation --------------------------------------------------------------------------

_SUMS = (
    "count(*), sum(l.input_tokens), sum(l.output_tokens), sum(l.reasoning_tokens), "
    "sum(l.cached_tokens)"
)


def reader(store: HistoryStore) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection of its own to the history file: figures are computed off the UI
    thread without taking the store's lock, and can never write."""
    conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 15000")
    return contextlib.closing(conn)


def compute_usage(
    store: HistoryStore,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    tz: dt.tzinfo | None = None,
    prices: PriceTable | None = None,
    now: float | None = None,
    conversations: bool = True,
) -> UsageReport:
    """Sum the ledger over local days ``since``..``until`` (both included; None = from the
    first recorded day / up to today). ``conversations=False`` skips the per-conversation table
    (the view's period totals do not need it)."""
    with reader(store) as conn:
        return _compute(conn, since, until, tz, prices or PriceTable(), now, conversations)


def _compute(
    conn: sqlite3.Connection,
    since: dt.date | None,
    until: dt.date | None,
    tz: dt.tzinfo | None,
    prices: PriceTable,
    now: float | None,
    conversations: bool,
) -> UsageReport:
    last = until or today(tz, now)
    first = since
    if first is None:
        earliest = conn.execute("SELECT min(at) FROM usage_ledger").fetchone()[0]
        first = local_day(earliest, tz) if earliest is not None else last
        first = min(first, last)
    if first > last:
        raise ValueError(f"The range starts ({first}) after it ends ({last}).")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 2)]
    bounds = [day_start(d, tz) for d in days]
    spans = json.dumps(
        [[days[i].isoformat(), bounds[i], bounds[i + 1]] for i in range(len(days) - 1)]
    )
    rows = conn.execute(
        "WITH d(day, lo, hi) AS (SELECT value ->> 0, value ->> 1, value ->> 2 "
        "FROM json_each(?)) "
        f"SELECT d.day, l.model, l.region, l.api, {_SUMS} FROM d JOIN usage_ledger l "
        "ON l.at >= d.lo AND l.at < d.hi GROUP BY d.day, l.model, l.region, l.api",
        (spans,),
    ).fetchall()
    by_day: dict[str, list[UsageRow]] = defaultdict(list)
    by_day_model: dict[tuple[str, str], list[UsageRow]] = defaultdict(list)
    by_model: dict[str, list[UsageRow]] = defaultdict(list)
    by_region: dict[str, list[UsageRow]] = defaultdict(list)
    by_api: dict[str, list[UsageRow]] = defaultdict(list)
    for day, model, region, api, *sums in rows:
        row = _priced_row(model, region, sums, prices)
        by_day[day].append(row)
        by_day_model[(day, model)].append(row)
        by_model[model].append(row)
        by_region[region].append(row)
        by_api[api].append(row)
    day_rows = tuple(_sum_rows(k, k, v) for k, v in sorted(by_day.items()))
    segments = []
    for (day, model), parts in sorted(by_day_model.items()):
        summed = _sum_rows(model, model, parts)
        segments.append(DayModel(dt.date.fromisoformat(day), model, summed.tokens, summed.cost))
    conversation_rows: tuple[UsageRow, ...] = ()
    if conversations:
        conversation_rows = _by_conversation(conn, bounds[0], bounds[-1], prices)
    return UsageReport(
        since=first,
        until=last,
        total=_sum_rows("", "", day_rows),
        by_day=day_rows,
        by_day_model=tuple(segments),
        by_model=_ranked(by_model),
        by_region=_ranked(by_region),
        by_api=_ranked(by_api),
        by_conversation=conversation_rows,
    )


def _by_conversation(
    conn: sqlite3.Connection, lo: float, hi: float, prices: PriceTable
) -> tuple[UsageRow, ...]:
    rows = conn.execute(
        f"WITH g AS (SELECT l.conversation_id AS cid, l.model, l.region, {_SUMS} "
        "FROM usage_ledger l WHERE l.at >= ? AND l.at < ? "
        "GROUP BY l.conversation_id, l.model, l.region) "
        "SELECT g.*, c.title, d.title FROM g "
        "LEFT JOIN conversations c ON c.id = g.cid "
        "LEFT JOIN usage_deleted_conversations d ON d.id = g.cid",
        (lo, hi),
    ).fetchall()
    groups: dict[int | None, list[UsageRow]] = defaultdict(list)
    titles: dict[int | None, tuple[str, bool]] = {}
    for cid, model, region, *rest in rows:
        *sums, title, deleted_title = rest
        groups[cid].append(_priced_row(model, region, sums, prices))
        if cid is not None:
            titles[cid] = (title, False) if title is not None else (deleted_title or "", True)
    result = []
    for cid, parts in groups.items():
        label, deleted = titles.get(cid, ("", False))
        summed = _sum_rows("" if cid is None else str(cid), label, parts)
        result.append(UsageRow(summed.key, label, summed.tokens, summed.cost, deleted, cid))
    result.sort(key=lambda r: (-r.tokens.total, -r.tokens.requests, r.key))
    return tuple(result)


def _priced_row(model: str, region: str, sums: list[int], prices: PriceTable) -> UsageRow:
    tokens = Tokens(*(int(s or 0) for s in sums))
    price = prices.find(model, region)
    amount = price.cost(tokens.input, tokens.output, tokens.cached) if price else None
    if amount is not None and price is not None:
        cost = Cost(((price.currency, amount),))
    else:
        cost = Cost((), tokens.requests if tokens.total else 0)
    return UsageRow(model, model, tokens, cost)


def _sum_rows(key: str, label: str, rows: Iterable[UsageRow]) -> UsageRow:
    tokens, cost = Tokens(), Cost()
    for row in rows:
        tokens, cost = tokens + row.tokens, cost + row.cost
    return UsageRow(key, label, tokens, cost)


def _ranked(groups: dict[str, list[UsageRow]]) -> tuple[UsageRow, ...]:
    rows = [_sum_rows(k, k, v) for k, v in groups.items()]
    rows.sort(key=lambda r: (-r.tokens.total, -r.tokens.requests, r.key))
    return tuple(rows)


__all__ = [
    "GROUPINGS",
    "Cost",
    "DayModel",
    "Tokens",
    "UsageReport",
    "UsageRow",
    "compute_usage",
    "day_start",
    "local_day",
    "reader",
    "today",
]
