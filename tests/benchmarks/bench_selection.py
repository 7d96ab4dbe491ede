"""Benchmark: what one selection across a long answer costs, and what closing its seams costs.

On the 100,000-character answer of ``bench_render.py`` (headings, prose, lists, tables, code),
finished in a real ``AnswerPart`` offscreen, prints (best of several runs, wall time):

1. ``select all``: Ctrl+A over every view of the answer;
2. ``copy``: the text a copy of all of it gives (formulas and code as source);
3. ``drag step``: one mouse move of a drag from the first view into the last (every view
   between selected whole);
4. ``seams``: ``close_seams`` over every view (done once when an answer is shown or woken;
   a streaming repaint passes only the last few views).

Run: ``QT_QPA_PLATFORM=offscreen python3 tests/benchmarks/bench_selection.py``. Prints figures;
asserts nothing (timings depend on the machine).
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

RUNS = 7


def best_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> int:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QScrollArea

    from app.ui.render.markdown import MarkdownStyle
    from app.ui.render.rich_text import AnswerPart
    from app.ui.render.seams import close_seams
    from tests.benchmarks.bench_render import make_answer

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with warnings.catch_warnings():  # the typesetter's import warns (importlib.resources)
        warnings.simplefilter("ignore", DeprecationWarning)
        part = AnswerPart(MarkdownStyle())
        page = QScrollArea()
        page.setWidgetResizable(True)
        page.setWidget(part)
        page.resize(800, 600)
        page.show()
        source = make_answer()
        part.set_text(source)
    for _ in range(5):
        app.processEvents()
    views = part.browsers()
    selection = part.selection
    print(f"answer {len(source):,} characters in {len(views)} views")
    print(f"select all  {best_ms(selection.select_all):8.1f} ms")
    copied = selection.text()
    print(f"copy        {best_ms(selection.text):8.1f} ms  ({len(copied):,} characters)")
    target = views[-1].viewport().mapToGlobal(QPoint(10, 10))
    selection.clear()
    selection._anchor = (views[0], 5)  # a press in the first view, as _press records it
    print(
        f"drag step   {best_ms(lambda: selection._extend_to(target)):8.1f} ms  (into the last view)"
    )
    print(
        f"seams       {best_ms(lambda: close_seams(views)):8.2f} ms  (all views, nothing to change)"
    )
    page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
