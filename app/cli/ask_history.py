"""The history side of ``seekdesk ask``: opening the store, continuing a conversation, saving.

Why this is apart from ``app.cli.ask``: that module turns a command line into a request and
prints the reply, and every ask does that. Saving is optional (``--no-save`` skips all of this,
``--dry-run`` only reads), and it has failure modes and messages of its own: a damaged file moved
aside, a database from a newer SeekDesk, a conversation that does not exist, a full disk. Keeping
them here keeps the command's flow readable and its configuration free of SQLite.

Everything the user reads goes to stderr through ``output.say``, so stdout keeps only the answer
(or the JSON lines).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.cli.output import Printer, say

if TYPE_CHECKING:
    from app.cli.ask_config import AskConfig
    from app.core.client import ClientOptions
    from app.core.history import HistoryStore
    from app.core.request import Turn
    from app.core.session import ChatSession


class HistoryUsageError(Exception):
    """The history cannot serve this command line (exit 2, nothing sent): it cannot be opened or
    written, or the conversation to continue is not in it. The message says what to do."""


def open_history(*, writable: bool) -> HistoryStore:
    """Open the history, telling the user on stderr what happened on open (file moved aside…).

    Raises HistoryUsageError when it cannot be used; with ``writable``, also when it is read-only
    (a database from a newer SeekDesk), since saving is what the user asked for.
    """
    from app.core.errors import failure_for
    from app.core.history import HistoryError, HistoryStore

    try:
        store = HistoryStore.open()
    except HistoryError as exc:  # the whole family: a locked, read-only, damaged… history
        hint = failure_for(exc).hint
        raise HistoryUsageError(f"{exc} {hint} Use --no-save to ask without saving.") from None
    for notice in store.notices:
        say(notice)
    if writable and store.read_only:
        why = (
            "it is read-only (see above)"
            if store.read_only_reason
            else "it was written by a newer version of SeekDesk"
        )
        store.close()
        raise HistoryUsageError(
            f"The history cannot be saved to: {why}. "
            "Nothing was sent; use --no-save to ask without saving."
        )
    return store


def check_continued(store: HistoryStore, conversation_id: int, config: AskConfig) -> None:
    """The conversation must exist; a model/region/API different from its own is pointed out."""
    conversation = store.get_conversation(conversation_id)
    if conversation is None:
        raise HistoryUsageError(
            f"There is no conversation {conversation_id} ('seekdesk history list' shows them). "
            "Nothing was sent."
        )
    was = (conversation.model, conversation.region, conversation.api)
    now = (config.request.model, config.endpoint.region, str(config.endpoint.api))
    if all(was) and was != now:
        say(
            f"note: conversation {conversation_id} used {was[0]} ({was[1]}, {was[2]} API); "
            f"this turn uses {now[0]} ({now[1]}, {now[2]} API) from the flags and settings "
            "(--model, --region and --api choose)."
        )


def open_for_ask(config: AskConfig, *, save: bool, continue_id: int | None) -> HistoryStore | None:
    """The history this ask needs, checked: None when it neither saves nor continues.

    Writable when saving; with ``continue_id`` the conversation must exist. When a check fails
    the store is closed again before the HistoryUsageError reaches the caller.
    """
    if not save and continue_id is None:
        return None
    store = open_history(writable=save)
    if continue_id is not None:
        try:
            check_continued(store, continue_id, config)
        except BaseException:
            store.close()
            raise
    return store


def history_turns(
    store: HistoryStore, conversation_id: int, system: str | None = None
) -> tuple[Turn, ...]:
    """The earlier exchanges a continued conversation sends (for --dry-run): the same rule as
    the session's (``app.core.context``), after its system prompt (``system`` replaces it)."""
    from app.core.context import context_turns
    from app.core.history.setup import setup_of

    if system is None:
        system = setup_of(store, conversation_id).system_prompt
    return tuple(context_turns(store.messages(conversation_id), system))


def new_session(
    config: AskConfig, options: ClientOptions, store: HistoryStore, conversation_id: int | None
) -> ChatSession:
    """A ChatSession sending exactly what ``config`` says (flags > settings > defaults)."""
    from app.core.session import ChatSession, SessionConfig

    request = config.request
    return ChatSession(
        store,
        SessionConfig(
            endpoint=config.endpoint,
            api_key=config.api_key,
            model=request.model,
            thinking=request.thinking,
            effort=request.effort,
            parameters=dict(request.parameters),
            options=options,
            system=config.system,
            conversation_parameters=config.conversation_parameters,
            preset=config.preset,
        ),
        conversation_id,
    )


@dataclass(slots=True)
class SavedReply:
    """Where the history put this exchange, learned from the session's ``ReplyStarted``."""

    conversation_id: int | None = None
    assistant_message_id: int | None = None


async def tracked(events: AsyncIterator[Any], saved: SavedReply) -> AsyncIterator[Any]:
    """Pass the session's events through, noting in ``saved`` where the reply is stored."""
    from app.core.session import ReplyStarted

    async with contextlib.aclosing(events) as inner:  # type: ignore[type-var]
        async for event in inner:
            if isinstance(event, ReplyStarted):
                saved.conversation_id = event.conversation_id
                saved.assistant_message_id = event.assistant_message_id
            yield event


class Recorder:
    """Saves one exchange through a ChatSession, then tells the user where it went.

    ``send`` is the event source for the streaming loop; ``report`` comes after it (also after
    Ctrl-C, when no ``ReplyEnded`` came): the notices the store raised meanwhile (a daily backup
    that failed…), then the conversation's id and the reply's status, through the printer.
    """

    def __init__(
        self,
        store: HistoryStore,
        config: AskConfig,
        options: ClientOptions,
        conversation_id: int | None,
    ) -> None:
        self.store = store
        self.session = new_session(config, options, store, conversation_id)
        self.saved = SavedReply()
        self._notices_seen = len(store.notices)

    def send(self, prompt: str) -> AsyncIterator[Any]:
        return tracked(self.session.send(prompt), self.saved)

    def report(self, printer: Printer) -> None:
        for notice in self.store.notices[self._notices_seen :]:
            say(notice)
        self._notices_seen = len(self.store.notices)
        # The session knows the conversation even when Ctrl-C came before the reply started.
        conversation_id = self.saved.conversation_id or self.session.conversation_id
        if conversation_id is None:
            return
        message_id = self.saved.assistant_message_id
        reply = self.store.get_message(message_id) if message_id else None
        printer.saved(conversation_id, str(reply.status) if reply is not None else None)
