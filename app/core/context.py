"""What is sent as context: the one rule, for the window's turns and ``ask --continue`` alike.

A conversation's earlier exchanges are sent so the model can go on from what the user saw, so
the rule follows what the user saw, not how the reply ended:

* a reply with answer text is sent with that text, whatever its status: complete, stopped by the
  user, cut at the length limit, failed part-way or interrupted by a crash — the words on the
  screen are the words the model is told it said;
* a reply with no answer text (failed before the first word, stopped while thinking, a complete
  reply that said nothing) is left out **together with its prompt**: sending a question without
  its answer would make the model answer it again on the next turn; the window marks such a turn
  "not sent as context" so the user knows;
* thinking is never sent (Model Studio's DeepSeek guide: append only the assistant's content);
* a reply still streaming is not part of anyone's context yet.

Callers pass the messages before the prompt being sent, oldest first, exactly as shown (the
selected path when a conversation has branches); ``context_turns`` returns the turns to send
before that prompt. ``--dry-run`` prints the same list, so what is sent can always be seen.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.history.records import Message, MessageStatus
from app.core.request import Turn


def sent_as_context(reply: Message) -> bool:
    """Whether this reply (and so its prompt) is sent in later turns' context."""
    return (
        reply.role == "assistant"
        and reply.status is not MessageStatus.STREAMING
        and bool(reply.text.strip())
    )


def context_turns(history: Sequence[Message], system: str | None = None) -> list[Turn]:
    """The turns sent before the next prompt: ``system`` first (when not blank), then each
    prompt with the reply that followed it, where ``sent_as_context`` holds for that reply."""
    turns: list[Turn] = []
    if system and system.strip():
        turns.append(Turn("system", system))
    prompt: Message | None = None
    for message in history:
        if message.role == "user":
            prompt = message
        elif message.role == "assistant":
            if prompt is not None and sent_as_context(message):
                turns += [Turn("user", prompt.text), Turn("assistant", message.text)]
            prompt = None
    return turns


def left_out(history: Sequence[Message]) -> set[int]:
    """Ids of the messages ``context_turns`` leaves out: each reply that is not sent and the
    prompt before it (the window marks these turns)."""
    ids: set[int] = set()
    prompt: Message | None = None
    for message in history:
        if message.role == "user":
            if prompt is not None:  # a prompt with no reply at all (its reply was deleted)
                ids.add(prompt.id)
            prompt = message
        elif message.role == "assistant" and message.status is not MessageStatus.STREAMING:
            if not sent_as_context(message):
                ids.add(message.id)
                if prompt is not None:
                    ids.add(prompt.id)
            prompt = None
    return ids


__all__ = ["context_turns", "left_out", "sent_as_context"]
