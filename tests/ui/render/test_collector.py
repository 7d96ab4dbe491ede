"""While a reply streams, Python's collector never walks the whole window in one turn.

A full pass of the cycle collector over the window's objects takes ~20 ms, and a long reply
used to set one off on top of a repaint (the longest stall of the stream). What existed when
the reply began is frozen until it ends; the reply's own cycles are still collected.
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


def test_a_full_collection_during_a_reply_walks_only_what_the_reply_made(qtbot):
    part = make_part(qtbot)
    before = len(gc.get_objects())
    part.append("The answer begins")
    part.render()
    # Everything that was there is set aside: a full pass now walks only what came since.
    assert gc.get_freeze_count() >= before * 0.9
    walked: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            walked.append(len(gc.get_objects()))

    gc.callbacks.append(count)
    try:
        garbage = Cycle()
        del garbage
        part.append(" and goes on.")
        part.render()
        assert gc.collect() >= 1  # the reply's own cycles are still freed…
    finally:
        gc.callbacks.remove(count)
    assert walked and walked[0] < before / 10  # …by a pass over a tenth of the objects or less
    part.finish()
    # The reply is over: everything is collectable again.
    assert gc.get_freeze_count() == 0 and not collector.is_frozen()


def test_a_reply_abandoned_without_an_end_unfreezes_all_the_same(qtbot, monkeypatch):
    monkeypatch.setattr(collector, "IDLE_MS", 50)
    part = make_part(qtbot)
    part.append("A reply whose conversation is closed mid-stream")
    part.render()
    assert collector.is_frozen()
    part.hide()  # its row goes away: no finish() ever comes
    qtbot.waitUntil(lambda: not collector.is_frozen(), timeout=2_000)
    assert gc.get_freeze_count() == 0
