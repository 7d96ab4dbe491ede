"""An answer of 200 formulas streams like one without: the work of a delta does not grow with
the formulas before it, and each formula is checked at most once however often the tail
around it is rendered again. Counts work, not time (no display needed)."""

from __future__ import annotations

from app.ui.render import math_tex
from app.ui.render.markdown import MarkdownRenderer
from app.ui.render.stream import MarkdownStream
from tests.benchmarks.bench_math import math_answer


def rendered_per_repaint(text: str, every: int = 4) -> tuple[list[int], int]:
    """Stream ``text`` 20 characters at a time, repainting after every ``every`` deltas: the
    characters of source rendered per repaint, and the repaints that rendered the tail."""
    renderer = MarkdownRenderer()
    stream = MarkdownStream(renderer)
    work: list[int] = []
    deltas = [text[i : i + 20] for i in range(0, len(text), 20)]
    for start in range(0, len(deltas), every):
        before = renderer.chars_rendered
        for delta in deltas[start : start + every]:
            stream.append(delta)
        stream.render()
        work.append(renderer.chars_rendered - before)
    stream.finish()
    return work, stream.tail_renders


def mean_end(work: list[int], repaints: int = 40) -> float:
    return sum(work[-repaints:]) / repaints


def test_the_work_of_a_delta_does_not_grow_with_the_formulas_before_it():
    fifty, _ = rendered_per_repaint(math_answer(50))
    two_hundred, _ = rendered_per_repaint(math_answer(200))
    assert mean_end(two_hundred) <= 1.5 * mean_end(fifty) + 100


def test_each_formula_is_checked_at_most_once_however_often_its_tail_is_rendered():
    """(Checks past a small time budget are skipped, not repeated: the formula is shown on
    trust and the typesetter has the last word.)"""
    text = math_answer(200).replace("+ ", "+ 7000 + ")  # formulas no earlier test has seen
    before = math_tex._check.cache_info().misses
    _, tail_renders = rendered_per_repaint(text, every=1)
    checked = math_tex._check.cache_info().misses - before
    assert 0 < checked <= 200
    assert tail_renders > 2 * 200
