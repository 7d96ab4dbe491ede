"""Small shared shapes of the window's parts: the live reply and what a part may tell the user.

Kept apart so the parts (``history_door``, ``conversations``, ``turns``, ``preferences``,
``message_dispatch``, ``window_actions``) depend on these and on the widgets, never on each
other's modules in a circle, and never on ``main_window``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from app.core.events import Usage


@dataclass(slots=True)
class LiveReply:
    """The reply streaming right now, as the window has seen it (ahead of the store's flush)."""

    conversation_id: int
    message_id: int
    thinking: str = ""
    answer: str = ""
    usage: Usage | None = None


@dataclass(frozen=True, slots=True)
class Shown:
    """What the window shows now: the conversation on screen (None: a new chat), its title,
    and the model it last used (None: keep the composer's choice)."""

    conversation_id: int | None
    title: str | None = None
    model: str | None = None


class Notices(Protocol):
    """How a part tells the user something without owning a widget for it."""

    def show_notice(self, text: str) -> None:
        """A banner the user should read (stays until dismissed)."""

    def status(self, text: str, ms: int = 6000) -> None:
        """A passing line in the status bar."""


__all__ = ["LiveReply", "Notices", "Shown"]
