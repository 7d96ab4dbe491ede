"""The longest turns of the event loop while an answer streams, in CPU time, not wall time.

    python tests/benchmarks/bench_turns.py code table --rate 500 --repeats 3
    python tests/benchmarks/bench_turns.py table --rate 5000

The longest stall (``shapes.stream``) is wall time: on a shared machine another process's
time slice lands in it, so two runs of the same code differ by 2x. The CPU time this thread
spends between two ticks of the stream's driver does not move with the load: it is the work
one turn does (rendering, putting pieces into the views, Qt's layout and paint, a collection).
Printed per run: the stall, the three longest turns, the 99th percentile and how many turns
took over 15 ms of CPU; then the medians. Figures only; nothing asserted.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import shapes

#: A turn over this much CPU is counted (the brief's "no piece of work above ~15 ms").
LONG_TURN_S = 0.015


def turns(shape: str, size: int, rate: float) -> tuple[shapes.StreamFigures, list[float]]:
    """One stream, and the CPU seconds of each turn between two ticks that handed deltas."""
    from app.ui.chat import chat_view

    marks: list[float] = []
    real = chat_view.ChatView.append_answer

    def append_answer(self: chat_view.ChatView, message_id: int, text: str) -> None:
        marks.append(time.thread_time())
        real(self, message_id, text)

    chat_view.ChatView.append_answer = append_answer  # type: ignore[method-assign]
    try:
        figures = shapes.stream(shape, shapes.make(shape, size), rate)
    finally:
        chat_view.ChatView.append_answer = real  # type: ignore[method-assign]
    return figures, sorted(b - a for a, b in itertools.pairwise(marks) if b > a)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", nargs="+", choices=sorted(shapes.SHAPES))
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from app.ui.render.highlight import warm_all

    shapes.qt_app()
    warm_all()
    for shape in args.shape:
        shapes.stream(shape, shapes.make(shape, 10_000), args.rate)  # first-use costs
        stalls, longest, p99s = [], [], []
        for _ in range(args.repeats):
            figures, cpu = turns(shape, args.size, args.rate)
            top = [f"{t * 1000:.1f}" for t in cpu[::-1][:3]]
            p99 = cpu[int(len(cpu) * 0.99)] * 1000 if cpu else 0.0
            over = sum(t > LONG_TURN_S for t in cpu)
            print(
                f"{shape} {args.rate:.0f}/s: stall {figures.max_stall_ms:.1f} ms, longest "
                f"turns {', '.join(top)} ms CPU, p99 {p99:.1f}, over 15 ms: {over}",
                flush=True,
            )
            stalls.append(figures.max_stall_ms)
            longest.append(cpu[-1] * 1000 if cpu else 0.0)
            p99s.append(p99)
        print(
            f"{shape} {args.rate:.0f}/s medians: stall {statistics.median(stalls):.1f} ms, "
            f"longest turn {statistics.median(longest):.1f} ms CPU, "
            f"p99 {statistics.median(p99s):.1f} ms (load {os.getloadavg()[0]:.1f})"
        )


if __name__ == "__main__":
    main()
