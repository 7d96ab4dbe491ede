"""What a user can do to one message, as data: a ``MessageAction`` and a frozen request.

Every message widget asks for an action the same way: it emits ``action_requested`` with a
:class:`MessageActionRequest`; the chat view forwards that one signal unchanged, and the window
hands it to its one dispatcher (``app.ui.window.message_dispatch``), which decides what the
action does. So a new action is: a member here, a way to ask for it in the widget (a button, a
menu entry, a key), and one branch in the dispatcher — nothing in between changes.

Pure Python (no Qt): the window, the widgets and the tests share these types.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class MessageAction(enum.Enum):
    """The actions on a message. ``value`` in a request carries what the action needs."""

    #: The answer as its Markdown source.
    COPY = "copy"
    #: The model's reasoning, as it arrived.
    COPY_THINKING = "copy_thinking"
    #: The answer as the plain text the user reads (no Markdown marks).
    COPY_PLAIN = "copy_plain"
    #: Model, status, service code, request id, timings and tokens (never the key).
    COPY_DIAGNOSTICS = "copy_diagnostics"
    #: One code block of the answer; ``value`` is its code.
    COPY_CODE = "copy_code"
    #: Ask again: a new reply beside the old one (a branch; the old one is kept).
    REGENERATE = "regenerate"
    #: Ask again in place of a failed reply (the failure panel's button).
    RETRY = "retry"
    #: Go on after a reply cut at the length limit: "continue" as a new prompt (endings.py).
    CONTINUE = "continue"
    #: Show another version of a message; ``value`` is the step, "-1" (‹) or "1" (›).
    SWITCH_BRANCH = "switch_branch"
    #: Change a prompt and send it as a new version: ``value`` "" starts editing in place, the
    #: edited text sends it.
    EDIT = "edit"
    #: Delete a message and what follows it on every branch (after confirmation, with Undo).
    DELETE = "delete"
    #: A failure's way out: open Settings (a refused key, a wrong workspace).
    OPEN_SETTINGS = "open_settings"
    #: A failure's way out: switch model; ``value`` is the replacement, "" lets the user pick.
    SWITCH_MODEL = "switch_model"
    #: A storage failure's way out: write the reply to the history now that it can take it.
    SAVE_AGAIN = "save_again"
    #: A storage failure's way out: keep the reply (thinking and answer) in a Markdown file.
    SAVE_TO_FILE = "save_to_file"


@dataclass(frozen=True, slots=True)
class MessageActionRequest:
    """One action asked for on one message, as it travels from the widget to the dispatcher."""

    action: MessageAction
    message_id: int
    conversation_id: int
    #: What the action needs beyond the message (see each ``MessageAction``), else "".
    value: str = ""


__all__ = ["MessageAction", "MessageActionRequest"]
