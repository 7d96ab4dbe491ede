"""Benchmark: what code blocks and wide tables cost — opening stored answers and streaming.

Prints, for answers of 100,000 characters, the median ms to open a stored answer of each
shape (plain words, one code block, a table, a wide table of 8 columns, the mixed answer of
bench_render: 126 code blocks and 126 tables) laid out and painted once, and the longest
event-loop stall while one code block streams at 500 deltas a second (medians of
``--repeats`` runs, same process). Asserts nothing.

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_blocks.py [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def wide_table(size: int) -> str:
    """A table of 8 columns (a view of its own, as 6+ columns get)."""
    head = "| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|---|---|---|\n"
    rows = [head]
    n = 0
    while sum(map(len, rows)) < size:
        n += 1
        rows.append(f"| {n} | item {n} | {n * 37 % 1000} | x | y | `{n % 13}` | z | ok |\n")
    return "".join(rows)


def colour_turns(text: str) -> None:
    """After a stored code answer opens: how long its late colouring takes, in how many
    event-loop turns, and the longest turn (the stall it could cause)."""
    import dataclasses
    import time

    from app.core.history.records import MessageStatus
    from app.ui.render import late_colour
    from tests.benchmarks import shapes

    app = shapes.qt_app()
    turns: list[float] = []
    turn = late_colour._Queue._turn

    def timed(queue: object) -> None:
        t0 = time.perf_counter()
        turn(queue)  # type: ignore[arg-type]
        turns.append(time.perf_counter() - t0)

    late_colour._Queue._turn = timed  # type: ignore[method-assign]
    view = shapes._view()
    message = dataclasses.replace(
        shapes._streaming_message(5), text=text, status=MessageStatus.COMPLETE
    )
    view.set_messages([message], False)
    t0 = time.perf_counter()
    while late_colour.colour_pending():
        app.processEvents()
    late_colour._Queue._turn = turn  # type: ignore[method-assign]
    print(f"late colour of code: {time.perf_counter() - t0:.2f} s in {len(turns)} turns, "
          f"longest {max(turns, default=0) * 1000:.1f} ms, "
          f"median {statistics.median(turns or [0]) * 1000:.1f} ms")
    view.close()
    view.deleteLater()
    app.processEvents()


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--no-stream", action="store_true")
    args = parser.parse_args()
    from tests.benchmarks import shapes

    shapes.qt_app()
    texts = {
        "words": shapes.make("words", args.size),
        "code": shapes.make("code", args.size),
        "table": shapes.make("table", args.size),
        "wide_table": wide_table(args.size),
        "mixed": shapes.make("mixed", args.size),
    }
    shapes.open_stored(texts["mixed"], 1)  # warm up: lexers, caches
    for name, text in texts.items():
        ms = shapes.open_stored(text, max(3, args.repeats))
        print(f"open stored {name:<11} {len(text):>7,} chars  {ms:8.1f} ms (median)", flush=True)
    colour_turns(texts["code"])
    if not args.no_stream:
        stalls = [
            shapes.stream("code", texts["code"], 500.0).max_stall_ms for _ in range(args.repeats)
        ]
        print(f"code at 500 deltas/s: max stall median {statistics.median(stalls):.1f} ms "
              f"({', '.join(f'{s:.0f}' for s in stalls)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
