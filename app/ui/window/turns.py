"""Running turns from the window: building the session, sending, retrying, stopping, and routing
the worker's signals to the chat view (a mixin of ``MainWindow``, split out to keep both small).

Routing rules: every payload carries its conversation id, and only the conversation on screen
is drawn; the window keeps the live text of the streaming reply (``LiveReply``) so that going
back to a conversation mid-stream shows everything received so far, not just the last flush.
A new chat becomes "the conversation on screen" when its ``ReplyStarted`` arrives, if the user
is still looking at that new chat.

The API key is looked up at the start of the turn's own task, off the UI thread (the keyring is
a D-Bus call, and a locked keyring may wait for the user to unlock it): the composer shows Stop
at once, Esc cancels the lookup like a stream, and the prompt leaves the box only once the key is
there (if the box still holds it), so a missing key costs the user nothing they typed.

When a reply ends, its row adopts the stored record (``ChatView.sync_reply``): the live row timed
events as they reached the window, the store as they reached the core, so without this the
footer's "First token" and "Duration" could read 0.1 s differently after a restart. The record is
read off the UI thread, like the window's other reads; ``is_syncing()`` says one is pending.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from app.core import regions, secrets
from app.core.client import ClientOptions
from app.core.history import HistoryError, MessageStatus
from app.core.session import ChatSession, ReplyStarted, SessionConfig, SessionEvent
from app.ui.window.worker import (
    Delta,
    EndNotice,
    FailureNotice,
    FinishNotice,
    RetryNotice,
    UsageUpdate,
)

if TYPE_CHECKING:
    from app.ui.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object

log = logging.getLogger(__name__)


@dataclasses.dataclass(slots=True)
class LiveReply:
    """The reply streaming right now, as the window has seen it (ahead of the store's flush)."""

    conversation_id: int
    message_id: int
    thinking: str = ""
    answer: str = ""
    usage: Any = None


@dataclasses.dataclass(frozen=True, slots=True)
class PendingTurn:
    """What the window asked for, so ReplyStarted can be drawn in the right place."""

    conversation_id: int | None  # None: a new chat
    replaces: int | None = None  # the assistant message a retry/regenerate replaces


@dataclasses.dataclass(frozen=True, slots=True)
class TurnPlan:
    """A turn as the user asked for it when pressing Send: everything but the key (looked up
    afterwards, in the turn's task). ``config.api_key`` is empty until then."""

    config: SessionConfig
    region: str
    conversation_id: int | None


class TurnRouting(_Base):
    """Turn methods of MainWindow (it provides store, worker, chat_view, composer, …)."""

    def plan_turn(self) -> TurnPlan | None:
        """The endpoint and the composer's choices, now; None after telling the user what is
        wrong with the endpoint."""
        s = self.settings
        try:
            endpoint = regions.resolve_endpoint(
                s.region, s.api, s.workspace, base_url=os.environ.get("SEEKDESK_BASE_URL")
            )
        except regions.ConfigError as exc:
            self.show_notice(str(exc))
            self.open_settings()
            return None
        config = SessionConfig(
            endpoint=endpoint,
            api_key="",
            model=self.composer.model(),
            thinking=self.composer.thinking(),
            effort=self.composer.effort(),
            parameters=dict(s.parameters),
            options=ClientOptions(read_timeout=s.read_timeout),
        )
        return TurnPlan(config, s.region, self.current_id)

    async def _api_key(self, region: str) -> str | None:
        """The key for ``region``, read off the UI thread; None after telling the user."""
        try:
            key = await asyncio.to_thread(secrets.resolve_key, region)
        except regions.ConfigError as exc:  # a locked or failing keyring, a malformed env key
            self.show_notice(str(exc))
            return None
        if key is None:
            self.show_notice(
                self.tr("No API key for {region}. Enter your Model Studio key in Settings.").format(
                    region=regions.get_region(region).name
                )
            )
            self.open_settings()
            return None
        return key.value

    async def _turn(
        self,
        plan: TurnPlan,
        begin: Callable[[ChatSession], AsyncIterator[SessionEvent]],
        prompt: str | None = None,
    ) -> AsyncIterator[SessionEvent]:
        """The worker's event source: the key first, then the session's events."""
        key = await self._api_key(plan.region)
        if key is None:
            return
        config = dataclasses.replace(plan.config, api_key=key)
        session = ChatSession(self.store, config, conversation_id=plan.conversation_id)
        if prompt is not None and self.composer.text() == prompt:
            self.composer.set_text("")  # sent: out of the box (unless edited meanwhile)
        async for event in begin(session):
            yield event

    # -- turns --------------------------------------------------------------------------------

    def _refuse(self, busy_message: str) -> bool:
        """True (after saying why) when no turn can start now."""
        if not self.is_ready():
            self.status(self.tr("The history is still opening; send again in a moment."))
            return True
        if self.worker.is_busy():
            self.status(busy_message)
            return True
        return False

    def send(self, text: str) -> bool:
        """Send ``text`` in the conversation on screen (a new one if none). False if refused
        (the key is looked up afterwards: a missing one ends the turn before any request)."""
        busy = self.tr("A reply is still streaming. Stop it (Esc) before sending.")
        if not text.strip() or self._refuse(busy):
            return False
        plan = self.plan_turn()
        if plan is None:
            return False
        self._pending = PendingTurn(plan.conversation_id)
        events = self._turn(plan, lambda session: session.send(text), prompt=text)
        return self.worker.start(events, plan.conversation_id)

    def retry(self, assistant_message_id: int) -> bool:
        """Ask again in place of ``assistant_message_id`` (Retry and Regenerate: same turn)."""
        busy = self.tr("A reply is still streaming. Stop it (Esc) before retrying.")
        if self.current_id is None or self._refuse(busy):
            return False
        plan = self.plan_turn()
        if plan is None:
            return False
        self._pending = PendingTurn(plan.conversation_id, replaces=assistant_message_id)
        events = self._turn(plan, lambda session: session.regenerate(assistant_message_id))
        return self.worker.start(events, plan.conversation_id)

    def stop(self) -> None:
        self.worker.stop()

    def _shows(self, conversation_id: int | None) -> bool:
        return conversation_id is not None and conversation_id == self.current_id

    def _on_reply_started(self, event: ReplyStarted) -> None:
        pending, self._pending = self._pending, None
        self.live = LiveReply(event.conversation_id, event.assistant_message_id)
        on_screen = self._shows(event.conversation_id) or (
            pending is not None and pending.conversation_id is None and self.current_id is None
        )
        if on_screen:
            self.current_id = event.conversation_id
            reply = self.store.get_message(event.assistant_message_id)
            assert reply is not None
            if pending is not None and pending.replaces is not None:
                self.chat_view.replace_reply(pending.replaces, reply)
            else:
                user = self.store.get_message(event.user_message_id)
                if user is not None:
                    self.chat_view.add_user_message(user)
                self.chat_view.begin_reply(reply)
        self.sidebar.set_streaming(event.conversation_id)
        self.sidebar.set_current(self.current_id)
        if on_screen and pending is not None and pending.conversation_id is None:
            conv = self.store.get_conversation(event.conversation_id)
            self._update_title(conv.title if conv else None)
        self.refresh_conversations()
        self.actions.update_enabled()

    def _on_thinking(self, delta: Delta) -> None:
        if self.live is not None and self.live.message_id == delta.message_id:
            self.live.thinking += delta.text
        if self._shows(delta.conversation_id):
            self.chat_view.append_thinking(delta.message_id, delta.text)

    def _on_answer(self, delta: Delta) -> None:
        if self.live is not None and self.live.message_id == delta.message_id:
            self.live.answer += delta.text
        if self._shows(delta.conversation_id):
            self.chat_view.append_answer(delta.message_id, delta.text)

    def _on_usage(self, update: UsageUpdate) -> None:
        if self.live is not None and self.live.message_id == update.message_id:
            self.live.usage = update.usage
        if self._shows(update.conversation_id):
            self.chat_view.set_usage(update.message_id, update.usage)

    def _on_retrying(self, notice: RetryNotice) -> None:
        self.status(
            self.tr("{problem} Retrying in {delay:.0f} s (attempt {attempt})…").format(
                problem=notice.failure.hint, delay=notice.delay, attempt=notice.attempt + 1
            ),
            ms=max(3000, int(notice.delay * 1000) + 2000),
        )

    def _on_finished(self, notice: FinishNotice) -> None:
        if self._shows(notice.conversation_id) and notice.request_id:
            self.chat_view.set_request_id(notice.message_id, notice.request_id)

    def _on_failed(self, notice: FailureNotice) -> None:
        if notice.message_id is None:
            # Nothing on screen to attach it to (the turn failed before a reply row existed).
            self.show_notice(f"{notice.failure.hint}\n{notice.failure.message}")
            return
        if self._shows(notice.conversation_id):
            self.chat_view.show_failure(notice.message_id, notice.failure)

    def _on_reply_ended(self, notice: EndNotice) -> None:
        if self._shows(notice.conversation_id):
            self.chat_view.end_reply(notice.message_id, notice.status)
            self._sync_with_store(notice.message_id)
        if self.live is not None and self.live.message_id == notice.message_id:
            self.live = None
        self.sidebar.set_streaming(None)
        self.refresh_conversations()

    def is_syncing(self) -> bool:
        """True while an ended reply still waits for its stored record (see the module doc)."""
        return bool(self._syncing)

    def _sync_with_store(self, message_id: int) -> None:
        """Show the ended reply exactly as the history will show it after a restart.

        The session has written the final record before the reply's end reaches the window
        (``ReplyEnded`` follows the write; a stop is written before the cancellation re-raises),
        so one read of that row gives the stored times, usage and request id.
        """
        self._syncing.add(message_id)
        self.spawn(self._sync_reply(message_id), "sync-reply")

    async def _sync_reply(self, message_id: int) -> None:
        try:
            try:
                message = await asyncio.to_thread(self.store.get_message, message_id)
            except HistoryError:
                # The live footer stays (a little less exact); not worth troubling the user.
                log.warning("could not read reply %s back from the history", message_id)
                return
            if message is not None and message.status is not MessageStatus.STREAMING:
                self.chat_view.sync_reply(message)  # ignored if it is no longer on screen
        finally:
            self._syncing.discard(message_id)

    def _on_busy_changed(self, busy: bool) -> None:
        reason = self.tr("Replying… (Esc to stop)") if busy else ""
        self.composer.set_busy(busy, reason)
        if not busy:
            self._pending = None
            if self.live is not None:  # ended without ReplyEnded (a crash): forget it
                self.live = None
                self.sidebar.set_streaming(None)
        self.actions.update_enabled()
