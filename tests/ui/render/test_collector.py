"""While a reply streams, Python's collector never walks the whole window in one turn.

A full pass of the cycle collector over the window's objects takes ~20 ms, and a long reply
could set one off on top of a repaint (the longest stall of the stream). While a reply
streams the full pass waits; the young generations still free the reply's own cycles.
"""

from __future__ import annotations

import gc

from app.ui.render import collector
from app.ui.render.markdown import MarkdownStyle
from app.ui.render.rich_text import AnswerPart


def make_part(qtbot) -> AnswerPart:
    collector.reply_ended()  # (an earlier test's reply may have been left streaming)
    part = AnswerPart(MarkdownStyle())
    qtbot.addWidget(part)
    part.resize(600, 400)
    part.show()
    return part


class Cycle:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


def full_passes_while(action) -> int:
    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            passes.append(1)

    gc.callbacks.append(count)
    try:
        action()
    finally:
        gc.callbacks.remove(count)
    return len(passes)


def allocate_long_lived() -> None:
    """What sets off a full pass: many objects that survive the young collections."""
    kept = [{"n": n} for n in range(max(1_000_000, 4 * len(gc.get_objects())))]
    garbage = Cycle()
    del garbage
    kept.clear()


def test_no_full_collection_while_a_reply_streams_and_one_may_after_its_end(qtbot):
    threshold = gc.get_threshold()
    part = make_part(qtbot)
    part.append("The answer begins")
    part.render()
    # No walk over everything meanwhile (a million survivors set one off otherwise)…
    assert full_passes_while(allocate_long_lived) == 0
    assert gc.get_threshold()[:2] == threshold[:2]  # (…the young generations as before)
    part.append(" and goes on.")
    part.render()
    part.finish()
    assert gc.get_threshold() == threshold and not collector.is_paused()  # …and then it may


def test_a_reply_abandoned_without_an_end_lets_the_full_pass_run_again(qtbot, monkeypatch):
    monkeypatch.setattr(collector, "IDLE_MS", 50)
    threshold = gc.get_threshold()
    part = make_part(qtbot)
    part.append("A reply whose conversation is closed mid-stream")
    part.render()
    assert collector.is_paused()
    part.hide()  # its row goes away: no finish() ever comes
    qtbot.waitUntil(lambda: not collector.is_paused(), timeout=2_000)
    assert gc.get_threshold() == threshold
