"""One answer shape streamed at two sizes: CPU medians, their ratio, and where the time goes.

    python tests/benchmarks/bench_shape.py list20 longline     # CPU 100k / 10k per shape
    python tests/benchmarks/bench_shape.py list20 --repeats 5 --big 50000
    python tests/benchmarks/bench_shape.py list20 --profile    # cProfile of each size, by
                                                               # cumulative time per character

The quick loop for ``run.py``'s "CPU 100k/10k" row: the same driver (``shapes.stream``), the
same warm-up for both sizes (common lexers loaded, and one throw-away small run first so
first-use costs of a process land on neither figure), medians of ``--repeats`` runs, the small
and the big run interleaved (so a change in the machine's load meets both), and the load
average printed beside them: on a shared machine the ratio moves with the load (list nested
20, the same code: 9.8x at a load average of ~2.5, 11.7x at ~4 on 2 cores). With
``--profile``, the functions whose time per streamed character grows most from the small run
to the big one are listed first: what grows with the answer. Figures only; nothing asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.benchmarks import shapes


def warm_up(shape: str, small: int, rate: float) -> None:
    """What every run of ``run.py`` also has behind it: lexers loaded, one stream played."""
    from app.ui.render.highlight import warm_all

    shapes.qt_app()
    warm_all()
    shapes.stream(shape, shapes.make(shape, small), rate)


def streams(
    shape: str, sizes: tuple[int, int], rate: float, repeats: int
) -> tuple[list[shapes.StreamFigures], list[shapes.StreamFigures]]:
    """``repeats`` runs of each size, small and big in turn."""
    texts = [shapes.make(shape, size) for size in sizes]
    runs: tuple[list[shapes.StreamFigures], list[shapes.StreamFigures]] = ([], [])
    for _ in range(repeats):
        for text, figures in zip(texts, runs, strict=True):
            figures.append(shapes.stream(shape, text, rate))
    return runs


def tenths(runs: list[shapes.StreamFigures]) -> str:
    """Median CPU ms of each tenth of the deltas: flat when nothing grows with the answer."""
    columns = zip(*(r.cpu_by_tenth for r in runs), strict=False)
    return " ".join(f"{statistics.median(column) * 1000:4.0f}" for column in columns)


def profiled(shape: str, size: int, rate: float) -> pstats.Stats:
    text = shapes.make(shape, size)
    profile = cProfile.Profile()
    profile.enable()
    shapes.stream(shape, text, rate)
    profile.disable()
    return pstats.Stats(profile)


def growth(small: pstats.Stats, big: pstats.Stats, ratio: float, top: int) -> None:
    """Functions by how much more their own time per character is in the big run."""
    small_t = {k: (v[2], v[1]) for k, v in small.stats.items()}  # type: ignore[attr-defined]
    rows = []
    for key, value in big.stats.items():  # type: ignore[attr-defined]
        (own_big, calls), (own_small, calls_small) = value[2:0:-1], small_t.get(key, (0.0, 0))
        rows.append((own_big - ratio * own_small, own_big, own_small, calls, calls_small, key))
    rows.sort(reverse=True)
    print(f"   {'excess s':>9} {'big s':>7} {'small s':>8} {'calls':>9} {'small':>7}  function")
    for excess, own_big, own_small, calls, calls_small, (path, line, name) in rows[:top]:
        where = f"{Path(path).name}:{line} {name}"
        print(
            f"   {excess:9.3f} {own_big:7.3f} {own_small:8.3f} {calls:9} {calls_small:7}  {where}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shape", nargs="+", choices=sorted(shapes.SHAPES))
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=500.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    for shape in args.shape:
        warm_up(shape, args.small, args.rate)
        if args.profile:
            small = profiled(shape, args.small, args.rate)
            big = profiled(shape, args.big, args.rate)
            print(f"{shape}: functions whose time grows faster than the text "
                  f"({args.big:,} vs {args.small:,} characters)")  # fmt: skip
            growth(small, big, args.big / args.small, args.top)
            continue
        smalls, bigs = streams(shape, (args.small, args.big), args.rate, args.repeats)
        cpu_small = statistics.median(r.cpu_s for r in smalls)
        cpu_big = statistics.median(r.cpu_s for r in bigs)
        stall_small = statistics.median(r.max_stall_ms for r in smalls)
        stall_big = statistics.median(r.max_stall_ms for r in bigs)
        print(
            f"{shape:10} CPU {args.big:,}: {cpu_big:6.2f} s  {args.small:,}: {cpu_small:5.2f} s  "
            f"ratio {cpu_big / cpu_small:5.2f}x  stall {stall_big:.0f} / {stall_small:.0f} ms  "
            f"load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(f"           CPU ms per tenth, {args.big:,}: {tenths(bigs)}")
        print(f"           CPU ms per tenth, {args.small:,}: {tenths(smalls)}", flush=True)


if __name__ == "__main__":
    main()
