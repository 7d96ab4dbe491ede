"""A burst of text (thousands of deltas a second) goes in over several turns, a screenful or
so per turn: the repaint's time budget counts putting pieces into the views, not only
rendering them.

A table piece renders in ~0.1 ms (the fast path) but takes Qt ~1.5 ms to insert and lay out;
a budget for rendering alone let one repaint put ~45 pieces (~70 ms) into the window. The
clock here is a model of those costs, so the test counts pieces, not milliseconds.
"""

from __future__ import annotations

import time

from app.ui.render import rich_text
from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart
from tests.benchmarks import shapes

RENDER_S = 0.0001  # a table piece rendered (each look at the clock)
INSERT_S = 0.0015  # a piece put into a view and laid out


def test_a_burst_of_table_rows_goes_in_a_few_pieces_per_repaint(qtbot, monkeypatch):
    part = AnswerPart(MarkdownStyle())
    qtbot.addWidget(part)
    part.resize(700, 500)
    part.show()
    now = [0.0]

    def clock() -> float:
        now[0] += RENDER_S
        return now[0]

    inserted: list[str] = []
    real_append = rich_text.append_html

    def append_html(browser, html: str) -> None:
        now[0] += INSERT_S
        inserted.append(html)
        real_append(browser, html)

    monkeypatch.setattr(time, "perf_counter", clock)
    monkeypatch.setattr(rich_text, "append_html", append_html)
    part.append(shapes.make("table", 20_000))  # all at once: the text outran the screen
    per_repaint = []
    while True:
        before = len(inserted)
        part.render()
        per_repaint.append(len(inserted) - before)
        if not part.stream.backlog:
            break
    part.finish()
    # A repaint puts in what fits its budget (8 ms: five pieces of 1.5 ms, and the one that
    # crosses it), never the ~45 pieces that render in 8 ms…
    assert max(per_repaint) <= rich_text.RENDER_BUDGET_S / INSERT_S + 1
    # …and the rest follows in the next repaints, every row once.
    assert len(per_repaint) > 10
    assert part.plain_text().count(" ok") == shapes.make("table", 20_000).count(" ok")
