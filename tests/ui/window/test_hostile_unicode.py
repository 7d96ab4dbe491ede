"""Odd Unicode from the user and from the model: the window shows it, keeps it and finds it.

A hostile (or just unlucky) user pastes right-to-left text, combining marks, family emoji
joined with ZWJ, NUL and U+2028 into the prompt; the model answers with the same, and a broken
proxy even escapes a lone surrogate (``\\ud800``) into the JSON stream. Nothing may crash, hang
or be lost: the reply completes, the history keeps it, search finds it.
"""

from __future__ import annotations

from app.core.history import MessageStatus
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import type_and_enter

ODD = (
    "שלום עולם مرحبا "  # right to left
    "e\u0301\u0302\u0303 "  # combining marks
    "👨\u200d👩\u200d👧\u200d👦 "  # ZWJ family
    "a\u0000b "  # NUL
    "line\u2028sep\u2029para "  # line / paragraph separators
    "\u202eevil\u202c "  # bidi override
)


def escaped_surrogate(answer_before: str, answer_after: str) -> fs.Scenario:
    """A reply whose JSON carries a lone surrogate as an escape (valid JSON, invalid text)."""
    marker = "QQLONESURROGATEQQ"

    def render(ctx: fs.Context) -> fs.Reply:
        scenario = fs.answer_only(answer_before + marker + answer_after, chunk_size=4096)
        reply = scenario.render(ctx)
        parts = [
            p.replace(marker.encode(), b"\\ud800") if isinstance(p, bytes) else p
            for p in reply.parts
        ]
        return fs.Reply(reply.status, reply.headers, parts)

    return fs.Scenario("escaped_surrogate", render)


def test_odd_unicode_in_prompt_and_answer_is_shown_stored_and_found(qtbot, window, fake):
    fake.enqueue(fs.answer_only("Echo: " + ODD, chunk_size=3))
    type_and_enter(qtbot, window, "Say " + ODD)
    reply = windowkit.wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == "Echo: " + ODD
    cid = window.current_id
    stored = [(m.role, m.text) for m in window.store.messages(cid)]
    assert stored[1] == ("assistant", "Echo: " + ODD)
    # the composer turns U+2028/U+2029 into line breaks, as any text box does; the rest is kept
    assert stored[0] == ("user", ("Say " + ODD).replace("\u2028", "\n").replace("\u2029", "\n"))
    hits = window.store.search("مرحبا")
    assert {hit.message_id for hit in hits} == {None} | {m.id for m in window.store.messages(cid)}


def test_a_lone_surrogate_escaped_in_the_stream_does_not_lose_the_reply(qtbot, window, fake):
    fake.enqueue(escaped_surrogate("before ", " after"))
    type_and_enter(qtbot, window, "break it")
    reply = windowkit.wait_reply_done(qtbot, window)
    assert reply.status is MessageStatus.COMPLETE
    assert reply.answer.source() == "before \ufffd after"  # the broken half shown as such
    stored = window.store.messages(window.current_id)[-1]
    assert (stored.text, stored.status) == ("before \ufffd after", MessageStatus.COMPLETE)
