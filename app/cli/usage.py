"""``seekdesk usage``: what the ledger holds, by day, model, region, API, conversation or preset.

The figures come from ``compute_usage``, the very function behind the window's usage view, so
the two always agree. Days are local days (the ``TZ`` of the process). Costs are computed from
the prices the user set (View → Prices and budgets in the window, or ``prices.json`` in the
config directory); where none applies the cost is "—" and the requests without a price are
counted, never costed at zero.

``--json`` writes one JSON document; ``--csv`` one header line then one line per row and a
``TOTAL`` line (costs in one column per currency).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
from typing import Any

from app.cli import EXIT_OK, EXIT_USAGE
from app.cli.terminal import inert, wants_inert
from app.core.history import HistoryError, HistoryStore
from app.core.usage.prices import PriceError, PriceTable
from app.core.usage.report import GROUPINGS, Cost, UsageReport, UsageRow, compute_usage, today

_RELATIVE = re.compile(r"^(\d{1,5})d$")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "usage",
        help="tokens and cost of every request, from the local ledger",
        description="Requests and tokens (input, cached, output, thinking) of every request "
        "that reached the service, counted locally the moment it ended; cost where you set a "
        "price. Days are local days.",
    )
    parser.add_argument(
        "--since", type=_date, help="first day: YYYY-MM-DD, 'today', or Nd for the last N days"
    )
    parser.add_argument("--until", type=_date, help="last day (included): YYYY-MM-DD or 'today'")
    parser.add_argument("--by", choices=GROUPINGS, default="day", help="rows (default: day)")
    fmt = parser.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="one JSON document")
    fmt.add_argument("--csv", action="store_true", help="CSV with a header line")
    parser.set_defaults(func=run)


def _date(text: str) -> dt.date:
    value = text.strip().lower()
    if value == "today":
        return today()
    if value == "yesterday":
        return today() - dt.timedelta(days=1)
    relative = _RELATIVE.match(value)
    if relative:
        days = int(relative.group(1))
        if days < 1:
            raise argparse.ArgumentTypeError("Use at least 1d.")
        return today() - dt.timedelta(days=days - 1)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD, today, yesterday or Nd."
        ) from None


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    try:
        prices = PriceTable.load()
    except PriceError as exc:
        _err(f"{exc} Costs are shown as unknown.")
        prices = PriceTable()
    try:
        with HistoryStore.open() as store:
            for notice in store.notices:
                _err(notice)
            report = compute_usage(
                store,
                args.since,
                args.until,
                prices=prices,
                conversations=args.by in ("conversation", "preset"),
            )
    except (HistoryError, ValueError) as exc:
        _err(str(exc))
        return EXIT_USAGE
    if args.json:
        print(json.dumps(as_json(report, args.by), ensure_ascii=False, indent=2))
    elif args.csv:
        _write_csv(report, args.by)
    else:
        _print_table(report, args.by, wants_inert(sys.stdout, False))
    return EXIT_OK


# -- JSON -------------------------------------------------------------------------------------


def row_json(row: UsageRow) -> dict[str, Any]:
    """One row as the CLI's JSON gives it (the tests compare the view's cells with these)."""
    t = row.tokens
    data: dict[str, Any] = {
        "key": row.key,
        "label": row.label,
        "requests": t.requests,
        "input_tokens": t.input,
        "cached_tokens": t.cached,
        "output_tokens": t.output,
        "reasoning_tokens": t.reasoning,
        "answer_tokens": t.answer,
        "total_tokens": t.total,
        "cache_hit_rate": t.cache_hit_rate,
        "cost": dict(row.cost.amounts) or None,
        "unpriced_requests": row.cost.unpriced,
    }
    if row.conversation_id is not None or row.deleted:
        data["conversation_id"] = row.conversation_id
        data["deleted"] = row.deleted
    return data


def as_json(report: UsageReport, by: str) -> dict[str, Any]:
    return {
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "by": by,
        "rows": [row_json(r) for r in report.rows(by)],
        "total": row_json(report.total),
    }


# -- CSV and the terminal table ---------------------------------------------------------------

_COLUMNS = ("requests", "input", "cached", "output", "thinking", "total")


def _counts(row: UsageRow) -> tuple[int, ...]:
    t = row.tokens
    return (t.requests, t.input, t.cached, t.output, t.reasoning, t.total)


def _write_csv(report: UsageReport, by: str) -> None:
    currencies = [c for c, _ in report.total.cost.amounts]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        [
            by,
            "label",
            *(f"{c}_tokens" if c != "requests" else c for c in _COLUMNS),
            *(f"cost_{c}" for c in currencies),
            "unpriced_requests",
        ]
    )
    for row in (*report.rows(by), report.total):
        key = row.key if row is not report.total else "TOTAL"
        amounts = dict(row.cost.amounts)
        writer.writerow(
            [
                key,
                row.label,
                *_counts(row),
                *(_amount(amounts[c]) if c in amounts else "" for c in currencies),
                row.cost.unpriced,
            ]
        )


def _amount(value: float) -> str:
    return f"{value:.4f}"


def format_cost(cost: Cost) -> str:
    """ "—" when no price applied; the amounts otherwise, starred when some requests had none."""
    if not cost.known:
        return "—"
    text = " + ".join(f"{currency} {_amount(amount)}" for currency, amount in cost.amounts)
    return text + ("*" if cost.unpriced else "")


def _label(row: UsageRow, by: str, safe: bool) -> str:
    if by == "preset":
        return (inert(row.key) if safe else row.key) or "(no preset)"
    if by != "conversation":
        return row.key
    if row.conversation_id is None:
        return "(no conversation: Test connection)"
    title = inert(row.label) if safe else row.label
    return f"{row.conversation_id} {title}" + (" (deleted)" if row.deleted else "")


def _print_table(report: UsageReport, by: str, safe: bool) -> None:
    header = [by.upper(), *(c.upper() for c in _COLUMNS), "COST"]
    lines = [
        [_label(r, by, safe), *(f"{n:,}" for n in _counts(r)), format_cost(r.cost)]
        for r in report.rows(by)
    ]
    lines.append(
        ["TOTAL", *(f"{n:,}" for n in _counts(report.total)), format_cost(report.total.cost)]
    )
    widths = [max(len(line[i]) for line in (header, *lines)) for i in range(len(header))]
    print(f"Usage {report.since} – {report.until} (local days)")
    for line in (header, *lines):
        first = line[0].ljust(widths[0])
        rest = (cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True))
        print("  ".join((first, *rest)).rstrip())
    rate = report.total.tokens.cache_hit_rate
    print(
        f"Cache hit rate: {rate:.1%} of input tokens"
        if rate is not None
        else "Cache hit rate: — (no input tokens)"
    )
    if report.total.cost.unpriced:
        print(
            f"* {report.total.cost.unpriced} request(s) have no price; set prices in "
            "View → Prices and budgets in the window."
        )
