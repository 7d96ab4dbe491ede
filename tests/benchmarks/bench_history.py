"""Benchmark of the history store: prints figures, asserts nothing (not part of the suite).

    python3 tests/benchmarks/bench_history.py [--messages 100000]

Builds a history of ``--messages`` messages (English and Chinese, ~300 characters each, with
thinking on replies) in a temporary directory, one 5,000-message conversation among them, then
measures: bulk insert rate, the per-reply write path (start + flushes + finish), a single flush
of a growing answer, FTS search p50/p99 (trigram, 3+ characters), the short-query fallback
(1–2 characters), opening the newest 50 messages of the long conversation, and opening the store.
Targets from issue 3: search p99 <= 50 ms, open <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.events import Usage
from app.core.history import HistoryStore, MessageStatus

_SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "su", "vi", "da", "pe", "zo", "qu", "ix", "ba"]
#: A Zipf-distributed vocabulary, as real text has: a few very common words, many rare ones.
_RNG = random.Random(7)
EN = ["".join(_RNG.choice(_SYLLABLES) for _ in range(_RNG.randint(2, 4))) for _ in range(6000)] + [
    "database",
    "consistency",
    "replication",
    "sourdough",
    "asyncio",
    "throughput",
]
EN_WEIGHTS = [1 / (rank + 1) for rank in range(len(EN))]
ZH = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)] + list("分布式数据库一致性猫天气")
ZH_WEIGHTS = [1 / (rank + 1) ** 0.8 for rank in range(len(ZH))]


def sentence(rng: random.Random, n: int = 300) -> str:
    """About ``n`` characters: 30% Chinese, the rest English-like words."""
    if rng.random() < 0.3:
        return "".join(rng.choices(ZH, ZH_WEIGHTS, k=n // 3))
    words = rng.choices(EN, EN_WEIGHTS, k=n // 6)
    return " ".join(words)[:n]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def fill(store: HistoryStore, total: int, long_len: int, rng: random.Random) -> int:
    """Bulk-insert ``total`` messages; returns the id of the long conversation."""
    per_conv = 100
    now = time.time() - total
    long_id = store.create_conversation(
        "The long one", "deepseek-v4-pro", "cn-beijing", "openai"
    ).id
    plan = [(long_id, long_len)]
    remaining = total - long_len
    while remaining > 0:
        n = min(per_conv, remaining)
        conv = store.create_conversation(sentence(rng, 40), "qwen3-max", "cn-beijing", "openai")
        plan.append((conv.id, n))
        remaining -= n
    rows = []
    for conv_id, n in plan:
        for i in range(n):
            now += 1
            role = "user" if i % 2 == 0 else "assistant"
            rows.append(
                (
                    conv_id,
                    role,
                    sentence(rng),
                    sentence(rng, 200) if role == "assistant" else "",
                    "complete",
                    now,
                )
            )
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO messages (conversation_id, role, text, thinking, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return long_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--long", type=int, default=5_000)
    parser.add_argument("--profile", action="store_true", help="also print each query's p99")
    args = parser.parse_args()
    rng = random.Random(42)
    figures: dict[str, float | int | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.sqlite3"
        store = HistoryStore.open(path)
        t0 = time.perf_counter()
        long_id = fill(store, args.messages, args.long, rng)
        elapsed = time.perf_counter() - t0
        figures["insert_messages"] = args.messages
        figures["insert_total_s"] = round(elapsed, 2)
        figures["insert_per_s"] = round(args.messages / elapsed)

        # The write path of one reply as ChatSession does it.
        answer = sentence(rng, 3000)
        starts, flushes, finishes = [], [], []
        for _ in range(100):
            t = time.perf_counter()
            reply = store.start_assistant_message(long_id, model="deepseek-v4-pro")
            starts.append(time.perf_counter() - t)
            for cut in range(300, len(answer), 300):
                t = time.perf_counter()
                store.flush_streaming(reply.id, answer[:cut], "")
                flushes.append(time.perf_counter() - t)
            t = time.perf_counter()
            store.finish_message(
                reply.id, MessageStatus.COMPLETE, text=answer, thinking="", usage=Usage(10, 900)
            )
            finishes.append(time.perf_counter() - t)
        figures["start_row_p50_ms"] = round(pct(starts, 0.5), 3)
        figures["flush_p50_ms"] = round(pct(flushes, 0.5), 3)
        figures["flush_p99_ms"] = round(pct(flushes, 0.99), 3)
        figures["finish_with_fts_p50_ms"] = round(pct(finishes, 0.5), 3)
        figures["finish_with_fts_p99_ms"] = round(pct(finishes, 0.99), 3)

        queries = [
            EN[0],  # the most common word: the worst case for ranking
            EN[3],
            f"{EN[1]} {EN[2]}",
            EN[200],
            EN[3000],
            "database",
            "sourdough replication",
            "".join(ZH[:3]),
            "".join(ZH[100:103]),
            "nothing-matches-this",
        ]
        times = []
        per_query: dict[str, list[float]] = {q: [] for q in queries}
        for _ in range(20):
            for q in queries:
                t = time.perf_counter()
                store.search(q, limit=50)
                times.append(time.perf_counter() - t)
                per_query[q].append(times[-1])
        if args.profile:
            for q, ts in per_query.items():
                print(f"{q!r}: p50 {pct(ts, 0.5):.1f} ms, max {max(ts) * 1000:.1f} ms")
        figures["search_fts_p50_ms"] = round(pct(times, 0.5), 2)
        figures["search_fts_p99_ms"] = round(pct(times, 0.99), 2)
        short = [ZH[0], ZH[50], ZH[2000], "".join(ZH[5:7]), "zz"]
        times = []
        for _ in range(10):
            for q in short:
                t = time.perf_counter()
                store.search(q, limit=50)
                times.append(time.perf_counter() - t)
        figures["search_short_p50_ms"] = round(pct(times, 0.5), 2)
        figures["search_short_p99_ms"] = round(pct(times, 0.99), 2)

        times = []
        for _ in range(50):
            t = time.perf_counter()
            newest = store.messages(long_id, limit=50)
            times.append(time.perf_counter() - t)
        assert len(newest) == 50
        figures["open_newest_50_p50_ms"] = round(pct(times, 0.5), 2)
        figures["open_newest_50_p99_ms"] = round(pct(times, 0.99), 2)
        t = time.perf_counter()
        store.list_conversations()
        figures["list_200_conversations_ms"] = round((time.perf_counter() - t) * 1000, 2)
        store.close()

        times = []
        for _ in range(5):
            t = time.perf_counter()
            HistoryStore.open(path).close()
            times.append(time.perf_counter() - t)
        figures["store_open_median_ms"] = round(statistics.median(times) * 1000, 1)
        figures["db_size_mb"] = round(
            sum(p.stat().st_size for p in Path(tmp).glob("history*")) / 1e6, 1
        )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
