"""ChatSession: the one place a turn is run, for the window and the command line alike.

It appends the user's message, builds the turn list, streams through ``stream_chat()`` and
persists as it goes, so a crash loses at most the last half second of an answer:

* the assistant row is written (status ``streaming``, owned by this process) before the request
  is sent; ``ReplyStarted`` tells the front end its ids;
* while text grows, a flusher task saves it every ``FLUSH_INTERVAL`` seconds (only when it
  changed), through ``asyncio.to_thread`` so the event loop never waits on SQLite;
* the row is finalised ``complete`` (Finished), ``failed`` (Failure: kind, message, code, status
  and the partial text kept) or ``stopped`` (the consuming task was cancelled, or the iterator
  closed early). Every final write runs on a worker thread (``app.core.reply_record``): the
  stopped one is shielded, so a second cancellation cannot lose it, and another program
  holding the history's write lock never freezes the window.

The turn list is decided by ``app.core.context.context_turns`` (the one rule, shared with
``ask --continue``): every earlier reply with answer text is sent as the user saw it (stopped and
length-cut ones included), thinking never, and a reply without answer text is left out with its
prompt. The reply's ``finish_reason`` is stored with it (``app.core.endings``). Retry
(``regenerate``) re-uses the existing user message, so it is never duplicated.

Nothing is ever deleted here: ``regenerate`` (also Retry of a failed reply) writes a new reply
beside the old one (a sibling, same prompt), and ``edit_and_resend`` writes the edited prompt
beside the original (same parent) and runs it; the new branch becomes the selected path and the
old ones stay a ``‹ 1 / 2 ›`` away (``app.core.history.branches``).

Consumers iterate with ``async for``; to stop, cancel the consuming task (or ``aclose()`` the
iterator): the reply is then marked ``stopped`` with its partial text, and the cancellation
propagates.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.core.client_options import ClientOptions
from app.core.context import context_turns
from app.core.errors import ErrorKind, Failure, failure_for, make_failure
from app.core.events import AnswerDelta, Finished, Retrying, ThinkingDelta, Usage
from app.core.history import (
    Conversation,
    HistoryError,
    HistoryStore,
    Message,
    MessageStatus,
    branches,
    setup,
)
from app.core.model_regions import region_failure
from app.core.regions import Endpoint
from app.core.reply_record import (
    Reply,
    final_record,
    finish,
    finish_off_loop,
    flush_loop,
    stop_flusher,
)
from app.core.request import ChatRequest, Turn
from app.core.usage import ledger as usage_ledger

TITLE_LENGTH = 60


@dataclass(frozen=True, slots=True)
class SessionConfig:
    endpoint: Endpoint
    api_key: str
    model: str
    thinking: bool | None = None
    effort: str | None = None
    parameters: Mapping[str, float | int] = field(default_factory=dict)
    options: ClientOptions = field(default_factory=ClientOptions)
    #: The conversation's system prompt, saved with it on ``send`` (None: keep the stored one).
    system: str | None = None
    #: The parameters chosen for a new conversation, saved with it when ``send`` creates it.
    conversation_parameters: Mapping[str, float | int] | None = None
    #: The preset a new conversation is begun from, saved with it (the usage ledger's preset).
    preset: str | None = None

    def __repr__(self) -> str:  # the key must never end up in a log or a traceback
        return (
            f"SessionConfig(endpoint={self.endpoint!r}, api_key='***', model={self.model!r}, "
            f"thinking={self.thinking!r}, effort={self.effort!r})"
        )


@dataclass(frozen=True, slots=True)
class ReplyStarted:
    """The reply's row exists: the records as written, so a front end draws the prompt and the
    streaming reply at once without reading them back (``conversation`` is the new
    conversation's record when this turn created it, else None)."""

    user: Message
    reply: Message
    conversation: Conversation | None = None

    @property
    def conversation_id(self) -> int:
        return self.reply.conversation_id

    @property
    def user_message_id(self) -> int:
        return self.user.id

    @property
    def assistant_message_id(self) -> int:
        return self.reply.id


@dataclass(frozen=True, slots=True)
class ReplyEnded:
    """The reply is final and written: ``reply`` equals what the history now holds (its times,
    usage, request id and failure), so a front end shows exactly what a restart will show."""

    reply: Message

    @property
    def conversation_id(self) -> int:
        return self.reply.conversation_id

    @property
    def assistant_message_id(self) -> int:
        return self.reply.id

    @property
    def status(self) -> MessageStatus:
        return self.reply.status


SessionEvent = (
    ReplyStarted | ThinkingDelta | AnswerDelta | Usage | Retrying | Finished | Failure | ReplyEnded
)


def make_title(prompt: str, length: int = TITLE_LENGTH) -> str:
    """The first non-empty line of the prompt, cut at a word boundary near ``length``."""
    line = next((ln.strip() for ln in prompt.splitlines() if ln.strip()), "")
    line = " ".join(line.split())
    if len(line) <= length:
        return line or "New conversation"
    cut = line[:length]
    space = cut.rfind(" ")
    if space >= length // 2:  # a word boundary not too far back; CJK text has none
        cut = cut[:space]
    return cut.rstrip(" ,.;:-—") + "…"


class ChatSession:
    """Runs turns of one conversation (created on the first ``send`` when none is given)."""

    def __init__(
        self, store: HistoryStore, config: SessionConfig, conversation_id: int | None = None
    ) -> None:
        self.store = store
        self.config = config
        #: Set once the first message is saved.
        self.conversation_id: int | None = conversation_id
        #: The final record of the last reply run (as written), also when it was stopped: a
        #: stop cannot be yielded as ``ReplyEnded``, so a front end finds its record here.
        self.last_reply: Message | None = None
        #: A reply whose final write the history refused (a full disk, a locked or read-only
        #: history): kept whole, so ``save_unsaved`` can write it once the history takes it.
        self._unsaved: tuple[Reply, MessageStatus, Failure | None, float, Message] | None = None
        #: That reply as a front end shows it until it is written: failed, why named, text whole.
        self.unsaved_record: Message | None = None

    # -- the three operations -------------------------------------------------------------

    def _preflight(self) -> None:
        """Raise ConfigError (bad endpoint, missing key) before anything is saved or sent."""
        # The HTTP client (httpx: ~16 MB, ~30 ms) is imported at the first send, not at start-up:
        # a window idles without it. On this thread: imports on a worker thread beside PySide6's
        # import hook have crashed the interpreter (see app.ui.render.highlight.warm_next).
        from app.core.client import prepare_request

        cfg = self.config
        prepare_request(ChatRequest(cfg.model, (Turn("user", "?"),)), cfg.endpoint, cfg.api_key)

    async def send(self, prompt: str) -> AsyncGenerator[SessionEvent, None]:
        """Save ``prompt`` as the next user message and stream the reply."""
        self._preflight()
        cfg = self.config
        created: Conversation | None = None
        if self.conversation_id is None:
            conversation = created = await asyncio.to_thread(
                self.store.create_conversation,
                make_title(prompt),
                cfg.model,
                cfg.endpoint.region,
                str(cfg.endpoint.api),
            )
            self.conversation_id = conversation.id
        else:
            await self._note_endpoint(self.conversation_id)
        if cfg.system is not None:
            await asyncio.to_thread(
                setup.set_system_prompt, self.store, self.conversation_id, cfg.system
            )
        if created is not None and cfg.preset:
            await asyncio.to_thread(setup.set_preset, self.store, created.id, cfg.preset)
        if created is not None and cfg.conversation_parameters:
            await asyncio.to_thread(
                setup.set_parameters, self.store, created.id, cfg.conversation_parameters
            )
        user = await asyncio.to_thread(self.store.add_user_message, self.conversation_id, prompt)
        async with contextlib.aclosing(self._run(user, created)) as events:
            async for event in events:
                yield event

    async def regenerate(self, assistant_message_id: int) -> AsyncGenerator[SessionEvent, None]:
        """Ask again (also Retry of a failed reply): a new reply to the same prompt, beside the
        old one, which is kept."""
        self._preflight()
        reply = self.store.get_message(assistant_message_id)
        if reply is None or reply.role != "assistant":
            raise ValueError(f"message {assistant_message_id} is not a reply")
        self.conversation_id = reply.conversation_id
        user = self.store.get_message(reply.parent_id) if reply.parent_id is not None else None
        if user is None or user.role != "user":
            raise ValueError(f"reply {assistant_message_id} has no prompt before it")
        await self._note_endpoint(user.conversation_id)
        await asyncio.to_thread(branches.start_branch_at, self.store, user.conversation_id, user.id)
        async with contextlib.aclosing(self._run(user)) as events:
            async for event in events:
                yield event

    async def edit_and_resend(
        self, user_message_id: int, text: str
    ) -> AsyncGenerator[SessionEvent, None]:
        """Send an edited prompt beside the original (same place in the conversation), which is
        kept with its replies."""
        self._preflight()
        user = self.store.get_message(user_message_id)
        if user is None or user.role != "user":
            raise ValueError(f"message {user_message_id} is not a prompt")
        self.conversation_id = conversation_id = user.conversation_id
        await self._note_endpoint(conversation_id)
        await asyncio.to_thread(
            branches.start_branch_at, self.store, conversation_id, user.parent_id
        )
        edited = await asyncio.to_thread(self.store.add_user_message, conversation_id, text)
        async with contextlib.aclosing(self._run(edited)) as events:
            async for event in events:
                yield event

    async def _note_endpoint(self, conversation_id: int) -> None:
        """The conversation records the model, region and API of its latest reply, which the
        usage ledger books that reply under (regenerate and edit after a switch included)."""
        cfg = self.config
        await asyncio.to_thread(
            self.store.update_conversation_settings,
            conversation_id,
            model=cfg.model,
            region=cfg.endpoint.region,
            api=str(cfg.endpoint.api),
        )

    # -- one turn -------------------------------------------------------------------------

    def _parameters(self) -> dict[str, Any]:
        """What the request really asks of the model (as sent, per the catalog): the history
        then never shows an effort or a parameter the model was not given."""
        cfg = self.config
        sent = ChatRequest(cfg.model, (), cfg.thinking, cfg.effort, cfg.parameters).rules()
        params: dict[str, Any] = dict(sent.parameters)
        if sent.enable_thinking is not None:
            params["thinking"] = sent.enable_thinking
        if sent.reasoning_effort is not None:
            params["effort"] = sent.reasoning_effort
        return params

    async def _run(
        self, user: Message, created: Conversation | None = None
    ) -> AsyncGenerator[SessionEvent, None]:
        """Stream one reply to ``user``. Callers close it with ``aclosing`` so that leaving
        their loop early reaches the ``stopped`` path here at once, not at garbage collection."""
        cfg = self.config
        history = self.store.messages(user.conversation_id, before_id=user.id)
        system = setup.setup_of(self.store, user.conversation_id).system_prompt
        turns = (*context_turns(history, system), Turn("user", user.text))
        request = ChatRequest(
            model=cfg.model,
            turns=turns,
            thinking=cfg.thinking,
            effort=cfg.effort,
            parameters=dict(cfg.parameters),
        )
        row = await self._start_row(user.conversation_id)
        reply = Reply(row.id)
        flusher = asyncio.create_task(
            flush_loop(self.store, reply), name=f"seekdesk-flush-{row.id}"
        )
        status = MessageStatus.FAILED
        failure: Failure | None = None
        try:
            yield ReplyStarted(user, row, created)
            from app.core.client import stream_chat

            async with contextlib.aclosing(
                stream_chat(request, cfg.endpoint, cfg.api_key, options=cfg.options)
            ) as events:
                async for event in events:
                    if isinstance(event, ThinkingDelta | AnswerDelta) and event.text:
                        now = time.time()
                        reply.first_token_at = reply.first_token_at or now
                        if isinstance(event, AnswerDelta):
                            reply.answer_started_at = reply.answer_started_at or now
                            reply.text.append(event.text)
                        else:
                            reply.thinking.append(event.text)
                        reply.dirty = True
                    elif isinstance(event, Usage):
                        reply.usage = event
                    elif isinstance(event, Finished):
                        status, reply.request_id = MessageStatus.COMPLETE, event.request_id
                        reply.finish_reason = event.finish_reason
                    elif isinstance(event, Retrying):  # an attempt the service saw counts
                        await asyncio.to_thread(self._record_retry, event, user.conversation_id)
                    elif isinstance(event, Failure):
                        # "not found"/"no access" name the region and the model (model_regions)
                        event = region_failure(event, cfg.model, cfg.endpoint.region)
                        status, failure = MessageStatus.FAILED, event
                        reply.request_id = event.request_id or reply.request_id
                    yield event
            if status is MessageStatus.FAILED and failure is None:
                failure = make_failure(
                    kind=ErrorKind.CONNECTION_DROPPED, message="The stream ended unexpectedly."
                )
        except (asyncio.CancelledError, GeneratorExit):
            await stop_flusher(flusher)
            stopped_at = time.time()
            self.last_reply = final_record(row, reply, MessageStatus.STOPPED, None, stopped_at)
            await finish_off_loop(self.store,
                reply, MessageStatus.STOPPED, None, daily_backup=False, finished_at=stopped_at
            )
            raise
        except Exception as exc:
            await stop_flusher(flusher)
            # A full disk, a locked history or a bug: recorded as what it is (never as a bad
            # stream), with the partial text, if the history still takes this one write.
            crash = failure_for(exc, secrets=(cfg.api_key,))
            with contextlib.suppress(HistoryError):
                await finish_off_loop(
                    self.store, reply, MessageStatus.FAILED, crash, daily_backup=False
                )
            raise
        await stop_flusher(flusher)
        finished_at = time.time()
        try:
            await asyncio.to_thread(
                finish, self.store, reply, status, failure, finished_at=finished_at
            )
        except HistoryError as exc:
            # The whole reply arrived but the history refused it: keep it for save_unsaved,
            # and as the record a front end shows meanwhile (failed, the storage named).
            self._unsaved = (reply, status, failure, finished_at, row)
            refused = failure_for(exc, secrets=(cfg.api_key,))
            self.unsaved_record = final_record(
                row, reply, MessageStatus.FAILED, refused, finished_at
            )
            raise
        self.last_reply = final_record(row, reply, status, failure, finished_at)
        yield ReplyEnded(self.last_reply)

    @property
    def unsaved_reply_id(self) -> int | None:
        """The reply the history refused to take at its end (see ``save_unsaved``), if any."""
        return self._unsaved[4].id if self._unsaved is not None else None

    def save_unsaved(self) -> Message:
        """Write the reply the history refused (space is back, the lock is gone): the whole
        reply, as it was streamed. Raises HistoryError if the history still refuses it.
        Blocking: call it off the UI thread."""
        if self._unsaved is None:
            raise ValueError("There is no unsaved reply.")
        reply, status, failure, finished_at, row = self._unsaved
        finish(self.store, reply, status, failure, finished_at=finished_at)
        self._unsaved = None
        self.unsaved_record = None
        self.last_reply = final_record(row, reply, status, failure, finished_at)
        return self.last_reply

    def _record_retry(self, event: Retrying, conversation_id: int) -> None:
        cfg = self.config
        usage_ledger.record_retry(
            self.store,
            event.failure,
            model=cfg.model,
            region=cfg.endpoint.region,
            api=str(cfg.endpoint.api),
            conversation_id=conversation_id,
        )

    async def _start_row(self, conversation_id: int) -> Message:
        """Write the ``streaming`` row off the event loop. If the task is cancelled meanwhile,
        the write still lands: wait for it and mark it stopped, so no row is left streaming."""
        write = asyncio.ensure_future(
            asyncio.to_thread(
                self.store.start_assistant_message,
                conversation_id,
                model=self.config.model,
                parameters=self._parameters(),
            )
        )
        try:
            return await asyncio.shield(write)
        except asyncio.CancelledError:
            row = await write
            await finish_off_loop(
                self.store, Reply(row.id), MessageStatus.STOPPED, None, daily_backup=False
            )
            raise
