"""The one computation of usage figures, for the usage view, the CLI and the tests alike.

``compute_usage`` returns every figure a front end shows for a range of local days: the total,
one row per day, per day and model (the stacked chart), per model, region, API and conversation.
The window and ``seekdesk usage`` both call it, so they cannot disagree.

Days come from ``daycache`` (the ledger summed per local day, kept current on each call), so a
year of heavy use is a few thousand small rows; the per-conversation table is summed from the
ledger for the range asked (its time index bounds the work to that range).

Cost is computed per model and region group, from the user's price table; tokens without a
price are counted as ``unpriced`` and never as zero cost.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sqlite3
import time
from collections import defaultdict
from typing import Any

from app.core.history import HistoryStore
from app.core.history.errors import guard
from app.core.usage import daycache
from app.core.usage.daycache import day_start, local_day
from app.core.usage.prices import Price, PriceTable
from app.core.usage.records import (
    GROUPINGS,
    Cost,
    DayModel,
    Tokens,
    UsageReport,
    UsageRow,
)

#: How a failed read is worded (then the database's own words): a HistoryError, never sqlite3's.
_READING = "The usage could not be read from the history"

# -- the computation --------------------------------------------------------------------------


def today(tz: dt.tzinfo | None = None, now: float | None = None) -> dt.date:
    return local_day(time.time() if now is None else now, tz)


def reader(store: HistoryStore) -> contextlib.closing[sqlite3.Connection]:
    """A read-only connection of its own to the history file: figures are computed off the UI
    thread without taking the store's lock, and can never write."""
    conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 15000")
    return contextlib.closing(conn)


class _Sum:
    """A running total of counts and cost for one row of a table (mutable, private)."""

    __slots__ = ("amounts", "counts", "unpriced")

    def __init__(self) -> None:
        self.counts = [0, 0, 0, 0, 0]
        self.amounts: dict[str, float] = {}
        self.unpriced = 0

    def add(self, sums: tuple[int, ...], price: tuple[str, float] | None) -> None:
        counts = self.counts  # unrolled: this runs a dozen times per cached day row
        counts[0] += sums[0]
        counts[1] += sums[1]
        counts[2] += sums[2]
        counts[3] += sums[3]
        counts[4] += sums[4]
        if price is not None:
            currency, amount = price
            self.amounts[currency] = self.amounts.get(currency, 0.0) + amount
        elif sums[1] or sums[2]:
            self.unpriced += sums[0]

    def row(self, key: str, label: str, **extra: object) -> UsageRow:
        cost = Cost(tuple(sorted(self.amounts.items())), self.unpriced)
        return UsageRow(key, label, Tokens(*self.counts), cost, **extra)  # type: ignore[arg-type]


class _Pricer:
    """Cost of a group of tokens of one model and region, the price looked up once per pair."""

    def __init__(self, prices: PriceTable) -> None:
        self._prices = prices
        self._found: dict[tuple[str, str], Price | None] = {}

    def __call__(self, model: str, region: str, sums: tuple[int, ...]) -> tuple[str, float] | None:
        key = (model, region)
        if key not in self._found:
            self._found[key] = self._prices.find(model, region)
        price = self._found[key]
        if price is None:
            return None
        amount = price.cost(sums[1], sums[2], sums[4])
        return None if amount is None else (price.currency, amount)


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
    first recorded day / up to today). ``conversations=False`` skips the per-conversation and
    per-preset tables (the view's period totals do not need them)."""
    pricer = _Pricer(prices or PriceTable())
    last = until or today(tz, now)
    with guard(_READING), reader(store) as conn:
        first = since or min(daycache.first_day(store, conn, tz) or last, last)
        if first > last:
            raise ValueError(f"The range starts ({first}) after it ends ({last}).")
        rows = daycache.day_rows(store, conn, first, last, tz)
        conversation_rows: tuple[UsageRow, ...] = ()
        preset_rows: tuple[UsageRow, ...] = ()
        if conversations:
            conversation_rows = _conversations_between(conn, first, last, tz, pricer)
            preset_rows = _presets_between(conn, first, last, tz, pricer)
    report = _report(first, last, rows, pricer, conversation_rows)
    return dataclasses.replace(report, by_preset=preset_rows)


def compute_overview(
    store: HistoryStore,
    since: dt.date | None,
    until: dt.date,
    *,
    tz: dt.tzinfo | None = None,
    prices: PriceTable | None = None,
    now: float | None = None,
) -> tuple[UsageReport, UsageReport]:
    """What the usage view shows, from one read of the day sums: all time up to today (the
    period totals: days and total only) and the chosen range in full (``compute_usage``'s
    report for it, figure for figure)."""
    pricer = _Pricer(prices or PriceTable())
    day = today(tz, now)
    with guard(_READING), reader(store) as conn:
        earliest = daycache.first_day(store, conn, tz)
        first_all = min(earliest or day, day)
        first = since or min(earliest or until, until)
        if first > until:
            raise ValueError(f"The range starts ({first}) after it ends ({until}).")
        low, high = min(first_all, first), max(day, until)
        rows = daycache.day_rows(store, conn, low, high, tz)
        conversation_rows = _conversations_between(conn, first, until, tz, pricer)
        preset_rows = _presets_between(conn, first, until, tz, pricer)
    start, end, lo, hi = (
        first_all.isoformat(),
        day.isoformat(),
        first.isoformat(),
        until.isoformat(),
    )
    overall = _report(
        first_all, day, [r for r in rows if start <= r[0] <= end], pricer, (), detail=False
    )
    chosen = _report(first, until, [r for r in rows if lo <= r[0] <= hi], pricer, conversation_rows)
    return overall, dataclasses.replace(chosen, by_preset=preset_rows)


def _conversations_between(
    conn: sqlite3.Connection, first: dt.date, last: dt.date, tz: dt.tzinfo | None, pricer: _Pricer
) -> tuple[UsageRow, ...]:
    lo = daycache.day_start(first, tz)
    hi = daycache.day_start(last + dt.timedelta(days=1), tz)
    return _by_conversation(conn, lo, hi, pricer)


def _presets_between(
    conn: sqlite3.Connection, first: dt.date, last: dt.date, tz: dt.tzinfo | None, pricer: _Pricer
) -> tuple[UsageRow, ...]:
    """The ledger summed by the preset its conversation was begun from (read from the ledger
    itself: the day sums do not keep the preset, and a by-preset table is asked for rarely)."""
    lo = daycache.day_start(first, tz)
    hi = daycache.day_start(last + dt.timedelta(days=1), tz)
    rows = conn.execute(
        f"SELECT coalesce(l.preset, ''), l.model, l.region, {daycache.SUMS} "
        "FROM usage_ledger l WHERE l.at >= ? AND l.at < ? "
        "GROUP BY coalesce(l.preset, ''), l.model, l.region",
        (lo, hi),
    ).fetchall()
    groups: dict[str, _Sum] = defaultdict(_Sum)
    for preset, model, region, n, inp, out, reasoning, cached in rows:
        sums = (n, inp or 0, out or 0, reasoning or 0, cached or 0)
        groups[preset].add(sums, pricer(model, region, sums))
    return _ranked(groups)


def _report(
    first: dt.date,
    last: dt.date,
    rows: list[tuple[Any, ...]],
    pricer: _Pricer,
    conversation_rows: tuple[UsageRow, ...],
    *,
    detail: bool = True,
) -> UsageReport:
    """Fold day rows ``(day, model, region, api, counts…)`` into a report; ``detail=False``
    keeps only the days and the total (the view's all-time period figures)."""
    days: dict[str, _Sum] = defaultdict(_Sum)
    segments: dict[tuple[str, str], _Sum] = defaultdict(_Sum)
    groups: dict[str, dict[str, _Sum]] = {g: defaultdict(_Sum) for g in ("model", "region", "api")}
    total = _Sum()
    for day, model, region, api, *counts in rows:
        sums = tuple(int(n or 0) for n in counts)
        price = pricer(model, region, sums)
        days[day].add(sums, price)
        total.add(sums, price)
        if detail:
            segments[(day, model)].add(sums, price)
            groups["model"][model].add(sums, price)
            groups["region"][region].add(sums, price)
            groups["api"][api].add(sums, price)
    by_day_model = []
    for (day, model), acc in sorted(segments.items()):
        row = acc.row(model, model)
        by_day_model.append(DayModel(dt.date.fromisoformat(day), model, row.tokens, row.cost))
    return UsageReport(
        since=first,
        until=last,
        total=total.row("", ""),
        by_day=tuple(days[d].row(d, d) for d in sorted(days)),
        by_day_model=tuple(by_day_model),
        by_model=_ranked(groups["model"]),
        by_region=_ranked(groups["region"]),
        by_api=_ranked(groups["api"]),
        by_conversation=conversation_rows,
    )


def conversation_usage(
    store: HistoryStore, conversation_id: int, prices: PriceTable | None = None
) -> UsageRow:
    """Everything one conversation has used, all time (the window's per-conversation line)."""
    with guard(_READING), reader(store) as conn:
        rows = _by_conversation(conn, None, None, _Pricer(prices or PriceTable()), conversation_id)
    return rows[0] if rows else UsageRow(str(conversation_id), "", Tokens(), Cost())


def _by_conversation(
    conn: sqlite3.Connection,
    lo: float | None,
    hi: float | None,
    pricer: _Pricer,
    only: int | None = None,
) -> tuple[UsageRow, ...]:
    where, params = (
        ("l.conversation_id = ?", (only,))
        if only is not None
        else ("l.at >= ? AND l.at < ?", (lo, hi))
    )
    rows = conn.execute(
        f"WITH g AS (SELECT l.conversation_id AS cid, l.model, l.region, {daycache.SUMS} "
        f"FROM usage_ledger l WHERE {where} "
        "GROUP BY l.conversation_id, l.model, l.region) "
        "SELECT g.*, c.title, d.title FROM g "
        "LEFT JOIN conversations c ON c.id = g.cid "
        "LEFT JOIN usage_deleted_conversations d ON d.id = g.cid",
        params,
    ).fetchall()
    groups: dict[int | None, _Sum] = defaultdict(_Sum)
    titles: dict[int | None, tuple[str, bool]] = {}
    for cid, model, region, n, inp, out, reasoning, cached, title, deleted_title in rows:
        sums = (n, inp or 0, out or 0, reasoning or 0, cached or 0)
        groups[cid].add(sums, pricer(model, region, sums))
        if cid is not None:
            titles[cid] = (title, False) if title is not None else (deleted_title or "", True)
    result = []
    for cid, acc in groups.items():
        label, deleted = titles.get(cid, ("", False))
        key = "" if cid is None else str(cid)
        result.append(acc.row(key, label, deleted=deleted, conversation_id=cid))
    result.sort(key=lambda r: (-r.tokens.total, -r.tokens.requests, r.key))
    return tuple(result)


def _ranked(groups: dict[str, _Sum]) -> tuple[UsageRow, ...]:
    rows = [acc.row(key, key) for key, acc in groups.items()]
    rows.sort(key=lambda r: (-r.tokens.total, -r.tokens.requests, r.key))
    return tuple(rows)


__all__ = [
    "GROUPINGS",
    "Cost",
    "DayModel",
    "Tokens",
    "UsageReport",
    "UsageRow",
    "compute_overview",
    "compute_usage",
    "conversation_usage",
    "day_start",
    "local_day",
    "reader",
    "today",
]
