"""An impatient user: three replies full of formulas stream while they hop between the chats,
start new ones, delete the one on screen and take it back, and close the window mid-formula.

Nothing may raise in the event loop (pytest-qt fails the test on any exception there), and
every reply ends up stored whole, in its own conversation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.core.history import HistoryStore, MessageStatus
from app.ui.render import math_jobs
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.window.test_parallel_streams import open_and_wait, settled, start_streaming, stored
from tests.ui.windowkit import WAIT_MS, last_reply


def formulas(tag: int, count: int) -> str:
    """``count`` formulas no other reply has (so none is typeset already)."""
    return "".join(
        f"Step {i}: $x_{{{tag}{i}}} = \\frac{{{tag} + {i}}}{{\\sqrt{{{i + 7}}}}}$\n\n"
        for i in range(count)
    )


def test_hopping_between_three_streaming_chats_loses_nothing(qtbot, window, fake):
    answers = [formulas(n, 120) for n in range(3)]
    fake.enqueue(*(fs.slow("", answer, delay=0.002, chunk_size=9) for answer in answers))
    ids = []
    for n in range(3):
        window.new_chat()
        ids.append(start_streaming(qtbot, window, f"Derive series {n}"))
    for turn in range(30):  # as fast as a held Alt+Down: no waiting for each to open
        if turn % 7 == 6:
            window.new_chat()
        else:
            window.open_conversation(ids[turn % 3])
        QApplication.processEvents()
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    for cid, answer in zip(ids, answers, strict=True):
        assert stored(window, cid)[-1] == ("assistant", answer, MessageStatus.COMPLETE)
    open_and_wait(qtbot, window, ids[1])
    assert last_reply(window).answer.source() == answers[1]


def test_deleting_the_chat_on_screen_while_it_streams_and_undoing_brings_it_back(
    qtbot, window, fake
):
    answer = formulas(7, 400)
    fake.enqueue(fs.slow("", answer, delay=0.003, chunk_size=5))
    doomed = start_streaming(qtbot, window, "A long derivation")
    task = window.delete_undo.delete(doomed)  # the one on screen, mid-stream
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    assert window.store.get_conversation(doomed) is None
    qtbot.waitUntil(lambda: window.current_id != doomed, timeout=WAIT_MS)  # a new chat shows
    undo = window.delete_undo.undo()
    assert undo is not None
    qtbot.waitUntil(undo.done, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(window), timeout=WAIT_MS)
    (back,) = window.store.list_conversations(10)
    ((_, prompt, _), (_, text, status)) = stored(window, back.id)
    assert prompt == "A long derivation"
    assert status is MessageStatus.STOPPED and len(text) > 20 and answer.startswith(text)


def test_closing_the_window_while_formulas_are_being_typeset(qtbot, qasync_loop, run_async, fake):
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    fake.enqueue(fs.answer_only(formulas(9, 300), chunk_size=4000))
    windowkit.type_and_enter(qtbot, window, "All of them at once")
    reply = windowkit.wait_reply_done(qtbot, window)
    # (its last pieces may still be drawing: see test_hostile_teardown for that defect)
    qtbot.waitUntil(lambda: reply.answer.stream.backlog == 0, timeout=WAIT_MS)
    task = window.open_conversation(window.current_id)  # opened whole: the worker typesets
    qtbot.waitUntil(lambda: task.done() or math_jobs.pending() > 0, timeout=WAIT_MS)
    next(gen, None)  # close() + shutdown() while formulas are queued
    qtbot.waitUntil(lambda: math_jobs.pending() == 0, timeout=WAIT_MS)
    for _ in range(10):
        QApplication.processEvents()  # the worker's "ready" reaches nothing that is gone
    with HistoryStore.open() as store:
        (conversation,) = store.list_conversations(10)
        assert store.messages(conversation.id)[-1].status is MessageStatus.COMPLETE
