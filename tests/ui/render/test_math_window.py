"""The formula corpus through the real window: the fake server streams the answer one
character per delta (and whole, in one), the window shows it as it comes, and when the reply
ends every formula is an image, no delimiter is left, and money is still text."""

from __future__ import annotations

import pytest

from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.render.math_corpus import answer
from tests.ui.render.test_math_view import assert_every_formula_drawn
from tests.ui.windowkit import type_and_enter, wait_reply_done


@pytest.mark.parametrize("chunk_size", [1, 100_000], ids=["one-character-deltas", "whole"])
def test_the_corpus_streamed_through_the_window(qtbot, qasync_loop, run_async, fake, chunk_size):
    source = answer()
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        fake.enqueue(fs.answer_only(source, chunk_size=chunk_size))
        type_and_enter(qtbot, window, "Show me the formulas.")
        reply = wait_reply_done(qtbot, window)
        assert reply.answer.source() == source
        assert_every_formula_drawn(qtbot, reply.answer, source)
    finally:
        next(gen, None)
