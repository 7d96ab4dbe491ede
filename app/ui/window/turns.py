"""The turn router: starts turns (send, retry) and routes the worker's signals to the chat view.

Routing rules: every payload carries its conversation id, and only the conversation on screen
(``ConversationRoom.current_id``) is drawn; the router keeps the live text of the streaming
reply (``LiveReply``) so that going back to a conversation mid-stream shows everything received
so far, not just the last flush. A new chat becomes "the conversation on screen" when its
``ReplyStarted`` arrives, if the user is still looking at that new chat.

The API key is looked up at the start of the turn's own task, off the UI thread (the keyring is
a D-Bus call, and a locked keyring may wait for the user to unlock it): the composer shows Stop
at once, Esc cancels the lookup like a stream, and the prompt leaves the box only once the key is
there (if the box still holds it), so a missing key costs the user nothing they typed.

No reads of the history here: ``ReplyStarted`` carries the prompt's and the reply's records (and
a new conversation's), and ``ReplyEnded`` the reply's final stored record, which the row adopts
(``ChatView.sync_reply``) so its footer reads exactly as after a restart (the live row timed
events as they reached the window, the store as they reached the core). A stopped reply cannot
be yielded as ``ReplyEnded``; its record is the session's ``last_reply``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Callable

from PySide6.QtCore import QObject, Signal

from app.core import regions, secrets
from app.core.client import ClientOptions
from app.core.history import Message
from app.core.session import ChatSession, ReplyStarted, SessionConfig, SessionEvent
from app.core.settings import Settings
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.chat.failure_panel import failure_sentence
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply, Notices
from app.ui.window.worker import (
    ChatWorker,
    Delta,
    EndNotice,
    FailureNotice,
    FinishNotice,
    RetryNotice,
    UsageUpdate,
)

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True, slots=True)
class PendingTurn:
    """What the window asked for, so ReplyStarted can be drawn in the right place."""

    conversation_id: int | None  # None: a new chat
    replaces: int | None = None  # the assistant message a retry/regenerate replaces
    reopen: bool = False  # an edited prompt: the path changes, so the conversation is redrawn


@dataclasses.dataclass(frozen=True, slots=True)
class TurnPlan:
    """A turn as the user asked for it when pressing Send: everything but the key (looked up
    afterwards, in the turn's task). ``config.api_key`` is empty until then."""

    config: SessionConfig
    region: str
    conversation_id: int | None


class TurnRouter(QObject):
    """Starts turns and draws their events (see the module docstring)."""

    #: Busy or idle, or a reply started or ended: the window re-checks its actions.
    state_changed = Signal()

    def __init__(
        self,
        door: HistoryDoor,
        worker: ChatWorker,
        conversations: ConversationRoom,
        chat_view: ChatView,
        sidebar: Sidebar,
        composer: Composer,
        notices: Notices,
        settings: Callable[[], Settings],
        open_settings: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._door = door
        self.worker = worker
        self._rooms = conversations
        self._view = chat_view
        self._sidebar = sidebar
        self._composer = composer
        self._notices = notices
        #: A "Retrying in N s" line is in the status bar (cleared when the turn ends or stops).
        self._retry_shown = False
        #: Told of a session whose reply the history refused at its end (``window.unsaved``).
        self.on_unsaved: Callable[[ChatSession], None] | None = None
        self._settings = settings
        self._open_settings = open_settings
        #: (system prompt or None to keep the stored one, parameters over the settings') for a
        #: turn in the conversation given (None: a new chat); set by the window's SetupRoom.
        self.turn_setup: (
            Callable[[int | None], tuple[str | None, dict[str, float | int] | None]] | None
        ) = None
        #: The name of the preset a new chat starts from (None: none); set by the SetupRoom.
        self.turn_preset: Callable[[], str | None] | None = None
        #: The reply streaming now, as seen so far (None when none is).
        self.live: LiveReply | None = None
        self._pending: PendingTurn | None = None
        self._session: ChatSession | None = None
        w = worker
        w.reply_started.connect(self._on_reply_started)
        w.thinking.connect(self._on_thinking)
        w.answer.connect(self._on_answer)
        w.usage.connect(self._on_usage)
        w.retrying.connect(self._on_retrying)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.reply_ended.connect(self._on_reply_ended)
        w.busy_changed.connect(self._on_busy_changed)

    # -- starting turns -----------------------------------------------------------------------

    def plan_turn(self) -> TurnPlan | None:
        """The endpoint and the composer's choices, now; None after telling the user what is
        wrong with the endpoint."""
        s = self._settings()
        try:
            endpoint = regions.resolve_endpoint(
                s.region, s.api, s.workspace, base_url=regions.base_url_override()
            )
        except regions.ConfigError as exc:
            self._notices.show_notice(str(exc))
            self._open_settings()
            return None
        config = SessionConfig(
            endpoint=endpoint,
            api_key="",
            model=self._composer.model(),
            thinking=self._composer.thinking(),
            effort=self._composer.effort(),
            parameters=dict(s.parameters),
            options=ClientOptions(
                read_timeout=s.read_timeout, max_reply_seconds=s.max_minutes * 60
            ),
        )
        if self.turn_setup is not None:  # the system prompt and parameters (setup_room)
            system, parameters = self.turn_setup(self._rooms.current_id)
            config = dataclasses.replace(
                config,
                system=system,
                parameters={**config.parameters, **(parameters or {})},
                # a new chat's own parameters are saved with the conversation it creates
                conversation_parameters=parameters if self._rooms.current_id is None else None,
            )
        if self.turn_preset is not None and self._rooms.current_id is None:
            config = dataclasses.replace(config, preset=self.turn_preset())
        return TurnPlan(config, s.region, self._rooms.current_id)

    async def _api_key(self, region: str) -> str | None:
        """The key for ``region``, read off the UI thread; None after telling the user."""
        try:
            key = await asyncio.to_thread(secrets.resolve_key, region)
        except regions.ConfigError as exc:  # a locked or failing keyring, a malformed env key
            self._notices.show_notice(str(exc))
            return None
        if key is None:
            self._notices.show_notice(
                self.tr("No API key for {region}. Enter your Model Studio key in Settings.").format(
                    region=regions.get_region(region).name
                )
            )
            self._open_settings()
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
        session = ChatSession(self._door.store, config, conversation_id=plan.conversation_id)
        self._session = session
        if prompt is not None and self._composer.text() == prompt:
            self._composer.set_text("")  # sent: out of the box (unless edited meanwhile)
        async for event in begin(session):
            yield event

    def _refuse(self, busy_message: str) -> bool:
        """True (after saying why) when no turn can start now."""
        if not self._door.is_ready():
            self._notices.status(self.tr("The history is still opening; send again in a moment."))
            return True
        if self.worker.is_busy():
            self._notices.status(busy_message)
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
        """Ask again for the prompt of ``assistant_message_id`` (Retry and Regenerate: a new
        version beside it). An earlier reply's new version has none of the later messages on
        its path, so then the conversation is redrawn rather than the row replaced."""
        busy = self.tr("A reply is still streaming. Stop it (Esc) before retrying.")
        if self._rooms.current_id is None or self._refuse(busy):
            return False
        plan = self.plan_turn()
        if plan is None:
            return False
        rows = self._view.rows()
        last = bool(rows) and rows[-1].message_id == assistant_message_id
        self._pending = PendingTurn(
            plan.conversation_id, replaces=assistant_message_id, reopen=not last
        )
        events = self._turn(plan, lambda session: session.regenerate(assistant_message_id))
        return self.worker.start(events, plan.conversation_id)

    def edit(self, user_message_id: int, text: str) -> bool:
        """Send ``text`` as a new version of a prompt (a branch beside it; nothing deleted)."""
        busy = self.tr("A reply is still streaming. Stop it (Esc) before sending.")
        if self._rooms.current_id is None or not text.strip() or self._refuse(busy):
            return False
        plan = self.plan_turn()
        if plan is None:
            return False
        self._pending = PendingTurn(plan.conversation_id, reopen=True)
        events = self._turn(plan, lambda session: session.edit_and_resend(user_message_id, text))
        return self.worker.start(events, plan.conversation_id)

    def stop(self) -> None:
        self.worker.stop()

    # -- routing the worker's signals ---------------------------------------------------------

    def _on_reply_started(self, event: ReplyStarted) -> None:
        pending, self._pending = self._pending, None
        rooms = self._rooms
        self.live = LiveReply(event.conversation_id, event.assistant_message_id)
        new_chat = pending is not None and pending.conversation_id is None
        on_screen = rooms.shows(event.conversation_id) or (new_chat and rooms.current_id is None)
        if on_screen and pending is not None and pending.reopen:
            rooms.open(event.conversation_id)  # the new branch, its live reply included
        elif on_screen:
            if pending is not None and pending.replaces is not None:
                self._view.replace_reply(pending.replaces, event.reply)
            else:
                self._view.add_user_message(event.user)
                self._view.begin_reply(event.reply)
            if event.conversation is not None and not rooms.shows(event.conversation_id):
                rooms.adopt(event.conversation)
        self._sidebar.set_streaming(event.conversation_id)
        self._sidebar.set_current(rooms.current_id)
        rooms.refresh()
        self.state_changed.emit()

    def _on_thinking(self, delta: Delta) -> None:
        if self.live is not None and self.live.message_id == delta.message_id:
            self.live.thinking += delta.text
        if self._rooms.shows(delta.conversation_id):
            self._view.append_thinking(delta.message_id, delta.text)

    def _on_answer(self, delta: Delta) -> None:
        if self.live is not None and self.live.message_id == delta.message_id:
            self.live.answer += delta.text
        if self._rooms.shows(delta.conversation_id):
            self._view.append_answer(delta.message_id, delta.text)

    def _on_usage(self, update: UsageUpdate) -> None:
        if self.live is not None and self.live.message_id == update.message_id:
            self.live.usage = update.usage
        if self._rooms.shows(update.conversation_id):
            self._view.set_usage(update.message_id, update.usage)

    def _on_retrying(self, notice: RetryNotice) -> None:
        self._retry_shown = True
        self._notices.status(
            self.tr("{problem} Retrying in {delay:.0f} s (attempt {attempt})…").format(
                problem=failure_sentence(notice.failure),
                delay=notice.delay,
                attempt=notice.attempt + 1,
            ),
            ms=max(3000, int(notice.delay * 1000) + 2000),
        )

    def _on_finished(self, notice: FinishNotice) -> None:
        if self._rooms.shows(notice.conversation_id) and notice.request_id:
            self._view.set_request_id(notice.message_id, notice.request_id)

    def _on_failed(self, notice: FailureNotice) -> None:
        if notice.message_id is None:
            # Nothing on screen to attach it to (the turn failed before a reply row existed).
            sentence = failure_sentence(notice.failure)  # translated, as on a reply's panel
            self._notices.show_notice(f"{sentence}\n{notice.failure.message}")
            return
        if self._rooms.shows(notice.conversation_id):
            self._view.show_failure(notice.message_id, notice.failure)

    def _on_reply_ended(self, notice: EndNotice) -> None:
        if self._rooms.shows(notice.conversation_id):
            self._view.end_reply(notice.message_id, notice.status)
            record = notice.reply or self._last_reply(notice.message_id)
            if record is not None:
                self._view.sync_reply(record)
        if self.live is not None and self.live.message_id == notice.message_id:
            self.live = None
        self._sidebar.set_streaming(None)
        self._rooms.refresh()

    def _last_reply(self, message_id: int) -> Message | None:
        """A stopped reply's final record, as the session wrote it (no read back)."""
        record = self._session.last_reply if self._session is not None else None
        return record if record is not None and record.id == message_id else None

    def _on_busy_changed(self, busy: bool) -> None:
        reason = self.tr("Replying… (Esc to stop)") if busy else ""
        self._composer.set_busy(busy, reason)
        if not busy:
            if self._retry_shown:  # stopped while waiting to retry: no retry is coming
                self._retry_shown = False
                self._notices.status("", 1)
            self._pending = None
            session = self._session
            if session is not None and session.unsaved_reply_id is not None and self.on_unsaved:
                self.on_unsaved(session)
            self._session = None
            if self.live is not None:  # ended without ReplyEnded (a crash): forget it
                self.live = None
                self._sidebar.set_streaming(None)
        self.state_changed.emit()


__all__ = ["PendingTurn", "TurnPlan", "TurnRouter"]
