"""The turn router: starts turns (send, retry) and routes the worker's signals to the chat view.

**Each conversation streams on its own.** A turn can start in the conversation on screen while
others stream; only one per conversation (its composer shows Stop meanwhile, the others' show
Send). Stop and Esc stop the turn of the conversation on screen; closing the window stops them
all (``ChatWorker.shutdown``); deleting a conversation stops its turn first (``stop_in``).

Routing rules: every payload carries its conversation id, and only the conversation on screen
(``ConversationRoom.current_id``) is drawn; there is one chat view. For every streaming reply
the router keeps its live text (``live_replies``, one per conversation), so going back to a
conversation mid-stream shows everything received so far (the room overlays it on the stored
row), then the live deltas — nothing lost between two flushes, nothing twice. The sidebar marks
every conversation with a live reply, and one whose reply failed off screen until it is
opened. A new chat becomes "the conversation on screen" when its ``ReplyStarted`` arrives, if
the user is still looking at a new chat.

The plan (``turn_plan``) is taken when Send is pressed; the API key is looked up at the start of
the turn's own task, off the UI thread (the keyring is a D-Bus call, and a locked keyring may
wait for the user to unlock it): the composer shows Stop at once, Esc cancels the lookup like a
stream, and the prompt leaves the box only once the key is there (if the box still holds it),
so a missing key costs the user nothing they typed.

No reads of the history here: ``ReplyStarted`` carries the prompt's and the reply's records (and
a new conversation's), and ``ReplyEnded`` the reply's final stored record, which the row adopts
(``ChatView.sync_reply``) so its footer reads exactly as after a restart (the live row timed
events as they reached the window, the store as they reached the core). A stopped reply cannot
be yielded as ``ReplyEnded``; its record is the session's ``last_reply``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator, Callable

from PySide6.QtCore import QObject, Signal

from app.core.history import Message
from app.core.session import ChatSession, ReplyStarted, SessionEvent
from app.core.settings import Settings
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.chat.failure_panel import failure_sentence
from app.ui.window.conversations import ConversationRoom
from app.ui.window.history_door import HistoryDoor
from app.ui.window.live_replies import LiveReplies
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply, Notices, Shown
from app.ui.window.turn_plan import PendingTurn, Turn, TurnPlan, TurnPlanner, TurnSetup
from app.ui.window.worker import (
    ChatWorker,
    Delta,
    EndNotice,
    FailureNotice,
    FinishNotice,
    RetryNotice,
    TurnDone,
    UsageUpdate,
)

log = logging.getLogger(__name__)


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
        #: Told of a session whose reply the history refused at its end (``window.unsaved``).
        self.on_unsaved: Callable[[ChatSession], None] | None = None
        self.planner = TurnPlanner(
            composer, notices, settings, open_settings, lambda: conversations.current_id, self
        )
        #: Told that a prompt sent from a conversation (None: a new chat) has left, once its
        #: key was found (``drafts`` clears the draft if it still is that prompt).
        self.on_sent: Callable[[int | None, str], None] = self._empty_box
        #: Told that the new chat on screen is about to become this conversation (``drafts``).
        self.on_adopt: Callable[[int], None] | None = None
        #: The running turns by the worker's ticket.
        self._turns: dict[int, Turn] = {}
        #: The streaming replies as seen so far, by conversation; the sidebar marks them.
        self._lives = LiveReplies(sidebar)
        w = worker
        w.reply_started.connect(self._on_reply_started)
        w.thinking.connect(self._on_thinking)
        w.answer.connect(self._on_answer)
        w.usage.connect(self._on_usage)
        w.retrying.connect(self._on_retrying)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.reply_ended.connect(self._on_reply_ended)
        w.turn_done.connect(self._on_turn_done)
        # Another conversation on screen: the composer's Send/Stop and the actions follow it.
        conversations.shown.connect(self._on_shown)

    def _on_shown(self, shown: Shown) -> None:
        self._lives.seen(shown.conversation_id)  # a failure marked off screen is seen now
        self._sync_busy()

    # -- the streams, per conversation --------------------------------------------------------

    @property
    def live(self) -> LiveReply | None:
        """The reply streaming in the conversation on screen, as seen so far (None: none)."""
        return self.live_in(self._rooms.current_id)

    def live_in(self, conversation_id: int | None) -> LiveReply | None:
        """The reply streaming in ``conversation_id``, as seen so far (None: none)."""
        return self._lives.get(conversation_id)

    def streaming_ids(self) -> set[int]:
        """Every conversation with a reply streaming (what the sidebar marks)."""
        return self._lives.ids()

    def busy_here(self) -> bool:
        """A turn runs in the conversation on screen (for a new chat: one whose conversation
        is not made yet), so sending there waits and Stop applies."""
        return self.worker.busy_in(self._rooms.current_id)

    def stop(self) -> None:
        """Stop the turn of the conversation on screen (the others go on)."""
        ticket = self.worker.ticket_in(self._rooms.current_id)
        if ticket is not None:
            self.worker.stop(ticket)

    async def stop_in(self, conversation_ids: list[int]) -> None:
        """Stop the turns of ``conversation_ids`` and wait until each reply is recorded as
        stopped (a conversation about to be deleted)."""
        tickets = [self.worker.ticket_in(cid) for cid in conversation_ids]
        await self.worker.stopped([t for t in tickets if t is not None])

    # -- starting turns -----------------------------------------------------------------------

    def plan_turn(self) -> TurnPlan | None:
        """What Send would ask for now (``turn_plan``); None after saying what is wrong."""
        return self.planner.plan()

    @property
    def turn_setup(self) -> TurnSetup | None:
        """The system prompt and parameters of a turn in a conversation (None: a new chat);
        set by the window's SetupRoom."""
        return self.planner.turn_setup

    @turn_setup.setter
    def turn_setup(self, setup: TurnSetup | None) -> None:
        self.planner.turn_setup = setup

    @property
    def turn_preset(self) -> Callable[[], str | None] | None:
        """The name of the preset a new chat starts from; set by the SetupRoom."""
        return self.planner.turn_preset

    @turn_preset.setter
    def turn_preset(self, preset: Callable[[], str | None] | None) -> None:
        self.planner.turn_preset = preset

    async def _turn(
        self,
        plan: TurnPlan,
        turn: Turn,
        begin: Callable[[ChatSession], AsyncIterator[SessionEvent]],
        prompt: str | None = None,
    ) -> AsyncIterator[SessionEvent]:
        """The worker's event source: the key first, then the session's events."""
        key = await self.planner.api_key(plan.region)
        if key is None:
            return
        config = dataclasses.replace(plan.config, api_key=key)
        session = ChatSession(self._door.store, config, conversation_id=plan.conversation_id)
        turn.session = session
        if prompt is not None:
            self.on_sent(plan.conversation_id, prompt)  # sent: out of the box and the drafts
        async for event in begin(session):
            if isinstance(event, ReplyStarted):
                turn.started = event  # before the worker signals it: the start finds its turn
            yield event

    def _empty_box(self, _conversation_id: int | None, prompt: str) -> None:
        if self._composer.text() == prompt:
            self._composer.set_text("")  # unless edited meanwhile

    def _start(
        self,
        plan: TurnPlan,
        pending: PendingTurn,
        begin: Callable[[ChatSession], AsyncIterator[SessionEvent]],
        prompt: str | None = None,
    ) -> bool:
        turn = Turn(pending, prompt=prompt)
        ticket = self.worker.start(self._turn(plan, turn, begin, prompt), plan.conversation_id)
        if ticket is None:
            return False
        self._turns[ticket] = turn
        self._sync_busy()
        return True

    def _refuse(self, busy_message: str) -> bool:
        """True (after saying why) when no turn can start now."""
        if not self._door.is_ready():
            self._notices.status(self.tr("The history is still opening; send again in a moment."))
            return True
        if self.busy_here():
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
        pending = PendingTurn(plan.conversation_id)
        return self._start(plan, pending, lambda session: session.send(text), prompt=text)

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
        pending = PendingTurn(plan.conversation_id, replaces=assistant_message_id, reopen=not last)
        return self._start(plan, pending, lambda session: session.regenerate(assistant_message_id))

    def edit(self, user_message_id: int, text: str) -> bool:
        """Send ``text`` as a new version of a prompt (a branch beside it; nothing deleted)."""
        busy = self.tr("A reply is still streaming. Stop it (Esc) before sending.")
        if self._rooms.current_id is None or not text.strip() or self._refuse(busy):
            return False
        plan = self.plan_turn()
        if plan is None:
            return False
        pending = PendingTurn(plan.conversation_id, reopen=True)
        return self._start(
            plan, pending, lambda session: session.edit_and_resend(user_message_id, text)
        )

    # -- routing the worker's signals ---------------------------------------------------------

    def _on_reply_started(self, event: ReplyStarted) -> None:
        turn = next((t for t in self._turns.values() if t.started is event), None)
        pending = turn.pending if turn is not None else None
        rooms, cid = self._rooms, event.conversation_id
        self._lives.begin(cid, event.assistant_message_id)  # before a reopen reads the page
        new_chat = pending is not None and pending.conversation_id is None
        on_screen = rooms.shows(cid) or (new_chat and rooms.current_id is None)
        if on_screen and pending is not None and pending.reopen:
            rooms.open(cid)  # the new branch, its live reply included
        elif on_screen:
            if pending is not None and pending.replaces is not None:
                self._view.replace_reply(pending.replaces, event.reply)
            else:
                self._view.add_user_message(event.user)
                self._view.begin_reply(event.reply)
            if event.conversation is not None and not rooms.shows(cid):
                if self.on_adopt is not None:
                    self.on_adopt(cid)
                rooms.adopt(event.conversation)
        self._sidebar.set_current(rooms.current_id)
        rooms.refresh()
        self._sync_busy()

    def _turn_in(self, conversation_id: int) -> Turn | None:
        """The running turn whose reply started in ``conversation_id``."""
        cid = conversation_id
        return next(
            (t for t in self._turns.values() if t.started and t.started.conversation_id == cid),
            None,
        )

    def _on_thinking(self, delta: Delta) -> None:
        self._lives.add_thinking(delta.conversation_id, delta.message_id, delta.text)
        if self._rooms.shows(delta.conversation_id):
            self._view.append_thinking(delta.message_id, delta.text)

    def _on_answer(self, delta: Delta) -> None:
        self._lives.add_answer(delta.conversation_id, delta.message_id, delta.text)
        if self._rooms.shows(delta.conversation_id):
            self._view.append_answer(delta.message_id, delta.text)

    def _on_usage(self, update: UsageUpdate) -> None:
        self._lives.set_usage(update.conversation_id, update.message_id, update.usage)
        if self._rooms.shows(update.conversation_id):
            self._view.set_usage(update.message_id, update.usage)

    def _on_retrying(self, notice: RetryNotice) -> None:
        """Said in the status bar while its conversation is on screen (the sidebar marks the
        others as streaming; their retries are theirs)."""
        if not self._rooms.shows(notice.conversation_id):
            return
        turn = self._turn_in(notice.conversation_id)
        if turn is not None:
            turn.retry_shown = True
        self._notices.status(
            self.tr("{problem} Retrying in {delay:.0f} s (attempt {attempt})…").format(
                problem=failure_sentence(notice.failure),  # translated, as on the panel
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
            if self._prompt_back(notice.conversation_id):
                sentence += " " + self.tr("Your prompt is back in the box.")
            self._notices.show_notice(f"{sentence}\n{notice.failure.message}")
            return
        # Off screen, the stored row carries the failure: its panel shows when it is opened,
        # and the sidebar marks the conversation until then.
        if self._rooms.shows(notice.conversation_id):
            self._view.show_failure(notice.message_id, notice.failure)
        elif notice.conversation_id is not None:
            self._lives.failed(notice.conversation_id, failure_sentence(notice.failure))

    def _prompt_back(self, conversation_id: int | None) -> bool:
        """A turn that failed before its reply started (a full disk, a conversation deleted by
        another program…) left the box empty when it was sent: its prompt goes back there, if
        the box is still empty and shows that conversation. True if it did."""
        turn = next(
            (
                t
                for t in self._turns.values()
                if t.started is None and t.prompt and t.pending.conversation_id == conversation_id
            ),
            None,
        )
        if turn is None or turn.prompt is None or self._composer.text().strip():
            return False
        if self._rooms.current_id != conversation_id:
            return False
        self._composer.set_text(turn.prompt)
        return True

    def _on_reply_ended(self, notice: EndNotice) -> None:
        cid = notice.conversation_id
        if self._rooms.shows(cid):
            self._view.end_reply(notice.message_id, notice.status)
            record = notice.reply or self._last_reply(cid, notice.message_id)
            if record is not None:
                self._view.sync_reply(record)
        self._lives.end(cid, notice.message_id)
        self._rooms.refresh()

    def _last_reply(self, conversation_id: int, message_id: int) -> Message | None:
        """A stopped reply's final record, as its session wrote it (no read back)."""
        turn = self._turn_in(conversation_id)
        session = turn.session if turn is not None else None
        record = session.last_reply if session is not None else None
        return record if record is not None and record.id == message_id else None

    def _on_turn_done(self, done: TurnDone) -> None:
        turn = self._turns.pop(done.ticket, None)
        if turn is not None:
            if turn.retry_shown:  # stopped while waiting to retry: no retry is coming
                self._notices.status("", 1)
            session = turn.session
            if session is not None and session.unsaved_reply_id is not None and self.on_unsaved:
                self.on_unsaved(session)
            started = turn.started
            if started is not None:  # ended without ReplyEnded (a crash): forget it
                self._lives.end(started.conversation_id, started.assistant_message_id)
        self._sync_busy()

    def _sync_busy(self) -> None:
        """The composer and the actions follow the conversation on screen: Stop while its
        turn runs, Send otherwise (whatever streams elsewhere). While the history opens the
        composer is the opening view's (no turn can run yet)."""
        busy = self.busy_here()
        if self._door.is_ready():
            self._composer.set_busy(busy, self.tr("Replying… (Esc to stop)") if busy else "")
        self.state_changed.emit()


__all__ = ["PendingTurn", "TurnPlan", "TurnRouter"]
