"""Benchmark of the usage figures: prints figures, asserts nothing (not part of the suite).

    python3 tests/benchmarks/bench_usage.py [--days 365] [--per-day 200]

Builds a year of heavy use in a temporary directory: ``--per-day`` replies a day over ``--days``
days (10 replies per conversation, three models, two regions, some cached tokens), written
straight into the ledger and the conversations table, then measures what the usage view does
when it opens: ``compute_usage`` over all time without the conversation table (the period totals
and chart), and over the last 30 days with it (the tables). Also the budget check, which runs
before each send. Target from issue 15: the view opens in under 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.history import HistoryStore
from app.core.usage.budgets import budget_states, make_budget
from app.core.usage.prices import PriceTable, make_price
from app.core.usage.report import compute_overview, compute_usage, today

MODELS = ("deepseek-v4-pro", "deepseek-v4-flash", "deepseek-v3.2")


def build(store: HistoryStore, days: int, per_day: int) -> int:
    rng = random.Random(15)
    now = time.time()
    start = now - days * 86400
    rows = []
    conversations = []
    conv_id = 0
    for day in range(days):
        for i in range(per_day):
            if i % 10 == 0:
                conv_id += 1
                at = start + day * 86400 + i * 300
                conversations.append((conv_id, f"uid-{conv_id}", f"Conversation {conv_id}", at))
            at = start + day * 86400 + i * 300 + rng.random() * 200
            inp = rng.randint(200, 20000)
            out = rng.randint(50, 4000)
            rows.append(
                (
                    at,
                    "reply",
                    "complete",
                    rng.choice(MODELS),
                    rng.choice(("cn-beijing", "ap-southeast-1")),
                    "openai",
                    conv_id,
                    inp,
                    out,
                    out // 2,
                    rng.randint(0, inp // 2),
                    1,
                )
            )
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO conversations (id, uid, title, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(c, u, t, a, a) for c, u, t, a in conversations],
        )
        conn.executemany(
            "INSERT INTO usage_ledger (at, kind, status, model, region, api, conversation_id, "
            "input_tokens, output_tokens, reasoning_tokens, cached_tokens, usage_reported) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def timed(func, repeat: int = 9) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=200)
    args = parser.parse_args()
    prices = PriceTable([make_price(m, "*", "CNY", 2, 8, 0.5, "2026-11-01") for m in MODELS[:2]])
    with tempfile.TemporaryDirectory() as tmp:
        store = HistoryStore(Path(tmp) / "history.sqlite3")
        n = build(store, args.days, args.per_day)
        print(f"ledger rows: {n:,} ({args.days} days x {args.per_day} replies)")
        last30 = today() - __import__("datetime").timedelta(days=29)
        figures = {
            "all time, no conversation table": lambda: compute_usage(
                store, prices=prices, conversations=False
            ),
            "all time, with conversation table": lambda: compute_usage(store, prices=prices),
            "last 30 days, with conversation table": lambda: compute_usage(
                store, last30, prices=prices
            ),
            "view figures (compute_overview: totals + 30 days)": lambda: compute_overview(
                store, last30, today(), prices=prices
            ),
            "budget check (day + month)": lambda: budget_states(
                store,
                [make_budget("day", "tokens", 1e6), make_budget("month", "cost", 100, "CNY")],
                prices,
            ),
        }
        for name, func in figures.items():
            median, worst = timed(func)
            print(f"{name:48s} median {median:7.1f} ms   max {worst:7.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
