"""The replies streaming now, as the window has seen them: one per conversation, marked in the
sidebar.

Several conversations may stream at once (``turns``), and only the one on screen is drawn. For
every streaming reply this keeps the text received so far (``LiveReply``: thinking, answer,
usage), ahead of the store's flush, so opening that conversation mid-stream shows all of it
(``ConversationRoom`` overlays it on the stored row) and the live deltas carry on from there.
A reply is kept from its ``ReplyStarted`` to its end (complete, stopped, failed, or its turn's
task ending without one); the sidebar's marks follow the set of conversations kept here, so
they are set and cleared in one place. So are the marks of replies that failed while their
conversation was off screen (``failed``), each with its failure's sentence, until the user
opens that conversation (``seen``).

Deltas are kept as pieces and joined when the reply is asked for (``get``): adding each delta to
a growing string copies the whole text every time, which for a 1 MB answer in 35,000 deltas is
seconds of the UI thread's time; a list append is not.
"""

from __future__ import annotations

from app.core.events import Usage
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply


class LiveReplies:
    """The live replies by conversation (see the module docstring)."""

    def __init__(self, sidebar: Sidebar) -> None:
        self._sidebar = sidebar
        self._by_conversation: dict[int, LiveReply] = {}
        #: Thinking and answer pieces received since the reply was last asked for.
        self._pieces: dict[int, tuple[list[str], list[str]]] = {}
        #: Conversations whose reply failed off screen, and the failure's sentence.
        self._failures: dict[int, str] = {}

    def get(self, conversation_id: int | None) -> LiveReply | None:
        """The reply streaming in ``conversation_id`` (None: none, or a new chat)."""
        if conversation_id is None:
            return None
        live = self._by_conversation.get(conversation_id)
        pieces = self._pieces.get(conversation_id)
        if live is not None and pieces is not None and (pieces[0] or pieces[1]):
            live.thinking += "".join(pieces[0])
            live.answer += "".join(pieces[1])
            pieces[0].clear()
            pieces[1].clear()
        return live

    def ids(self) -> set[int]:
        """Every conversation with a reply streaming."""
        return set(self._by_conversation)

    def begin(self, conversation_id: int, message_id: int) -> None:
        self._by_conversation[conversation_id] = LiveReply(conversation_id, message_id)
        self._pieces[conversation_id] = ([], [])
        self._sidebar.set_streaming(self.ids())

    def end(self, conversation_id: int, message_id: int) -> None:
        """The reply ``message_id`` has ended (a later one in its conversation is kept)."""
        if self.of(conversation_id, message_id) is not None:
            del self._by_conversation[conversation_id]
            del self._pieces[conversation_id]
            self._sidebar.set_streaming(self.ids())

    def failed(self, conversation_id: int, sentence: str) -> None:
        """A reply failed in ``conversation_id`` while it was off screen: mark it."""
        self._failures[conversation_id] = sentence
        self._sidebar.set_failed(self._failures)

    def seen(self, conversation_id: int | None) -> None:
        """The user opened ``conversation_id``: its failure is on screen now, unmark it."""
        if conversation_id in self._failures:
            del self._failures[conversation_id]
            self._sidebar.set_failed(self._failures)

    def of(self, conversation_id: int, message_id: int) -> LiveReply | None:
        """That reply if it is the one streaming in its conversation (its text as last asked
        for: ``get`` brings it up to date)."""
        live = self._by_conversation.get(conversation_id)
        return live if live is not None and live.message_id == message_id else None

    def add_thinking(self, conversation_id: int, message_id: int, text: str) -> None:
        if self.of(conversation_id, message_id) is not None:
            self._pieces[conversation_id][0].append(text)

    def add_answer(self, conversation_id: int, message_id: int, text: str) -> None:
        if self.of(conversation_id, message_id) is not None:
            self._pieces[conversation_id][1].append(text)

    def set_usage(self, conversation_id: int, message_id: int, usage: Usage) -> None:
        live = self.of(conversation_id, message_id)
        if live is not None:
            live.usage = usage


__all__ = ["LiveReplies"]
