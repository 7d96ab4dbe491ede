"""The replies streaming now, as the window has seen them: one per conversation, marked in the
sidebar.

Several conversations may stream at once (``turns``), and only the one on screen is drawn. For
every streaming reply this keeps the text received so far (``LiveReply``: thinking, answer,
usage), ahead of the store's flush, so opening that conversation mid-stream shows all of it
(``ConversationRoom`` overlays it on the stored row) and the live deltas carry on from there.
A reply is kept from its ``ReplyStarted`` to its end (complete, stopped, failed, or its turn's
task ending without one); the sidebar's marks follow the set of conversations kept here, so
they are set and cleared in one place.
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

    def get(self, conversation_id: int | None) -> LiveReply | None:
        """The reply streaming in ``conversation_id`` (None: none, or a new chat)."""
        if conversation_id is None:
            return None
        return self._by_conversation.get(conversation_id)

    def ids(self) -> set[int]:
        """Every conversation with a reply streaming."""
        return set(self._by_conversation)

    def begin(self, conversation_id: int, message_id: int) -> None:
        self._by_conversation[conversation_id] = LiveReply(conversation_id, message_id)
        self._sidebar.set_streaming(self.ids())

    def end(self, conversation_id: int, message_id: int) -> None:
        """The reply ``message_id`` has ended (a later one in its conversation is kept)."""
        if self.of(conversation_id, message_id) is not None:
            del self._by_conversation[conversation_id]
            self._sidebar.set_streaming(self.ids())

    def of(self, conversation_id: int, message_id: int) -> LiveReply | None:
        """That reply if it is the one streaming in its conversation."""
        live = self._by_conversation.get(conversation_id)
        return live if live is not None and live.message_id == message_id else None

    def add_thinking(self, conversation_id: int, message_id: int, text: str) -> None:
        live = self.of(conversation_id, message_id)
        if live is not None:
            live.thinking += text

    def add_answer(self, conversation_id: int, message_id: int, text: str) -> None:
        live = self.of(conversation_id, message_id)
        if live is not None:
            live.answer += text

    def set_usage(self, conversation_id: int, message_id: int, usage: Usage) -> None:
        live = self.of(conversation_id, message_id)
        if live is not None:
            live.usage = usage


__all__ = ["LiveReplies"]
