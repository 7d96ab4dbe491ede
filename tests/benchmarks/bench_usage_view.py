"""Benchmark of the usage window's open time: prints figures, asserts nothing.

    QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_usage_view.py [--days 365]

Builds a year of heavy use (see ``bench_usage.build``), then measures, from the moment the
window is asked for until its figures are on screen (``shown_figures``): the first open (the
per-day sums of the ledger computed and cached) and later opens (cache warm, as on every open
after the first). The view opens on the last 30 days, with the all-time period totals. Also
switching the range to All time (its conversation table sums the whole ledger).
Target from issue 15: the view opens in under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--opens", type=int, default=9)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="seekdesk-bench-usage-")
    os.environ["SEEKDESK_CONFIG_DIR"] = os.path.join(scratch, "config")
    os.environ["SEEKDESK_DATA_DIR"] = os.path.join(scratch, "data")
    import bench_usage
    from PySide6.QtWidgets import QApplication

    from app.core.history import HistoryStore
    from app.core.usage.prices import PriceTable, make_price
    from app.ui.usage.view import UsageView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = HistoryStore.open()
    rows = bench_usage.build(store, args.days, args.per_day)
    PriceTable(
        [make_price(m, "*", "CNY", 2, 8, 0.5, "2026-11-01") for m in bench_usage.MODELS[:2]]
    ).save()
    print(f"ledger rows: {rows:,} ({args.days} days x {args.per_day} replies)")

    def open_once(all_time: bool = False) -> tuple[float, float]:
        started = time.perf_counter()
        view = UsageView(store)
        view.show()
        while view.figures is None:
            app.processEvents()
            time.sleep(0.0005)
        shown = time.perf_counter() - started
        computed = view.figures.seconds
        if all_time:
            target = view.figures
            started = time.perf_counter()
            view.range_combo.setCurrentIndex(view.range_combo.findData("all"))
            while view.figures is target:
                app.processEvents()
                time.sleep(0.0005)
            shown = time.perf_counter() - started
            computed = view.figures.seconds
        view.close()
        view.deleteLater()
        app.processEvents()
        return shown * 1000, computed * 1000

    first, first_work = open_once()
    print(
        f"first open (day sums built):     {first:7.1f} ms on screen ({first_work:.1f} ms counting)"
    )
    warm = [open_once() for _ in range(args.opens)]
    median = statistics.median(w[0] for w in warm)
    print(
        f"open, cache warm (n={args.opens}):  median {median:7.1f} ms"
        f"  max {max(w[0] for w in warm):7.1f} ms on screen"
        f"  (counting median {statistics.median(w[1] for w in warm):.1f} ms)"
    )
    all_time = [open_once(all_time=True) for _ in range(3)]
    median = statistics.median(a[0] for a in all_time)
    print(
        f"switch to All time (n=3):   median {median:7.1f} ms"
        " on screen (per-conversation table over the whole ledger)"
    )
    store.close()


if __name__ == "__main__":
    main()
