"""The main window: it builds the widgets and the parts, and wires them together.

The parts, each with a narrow interface and none importing another in a circle (a test builds
the import graph of ``app/``):

* ``HistoryDoor`` (``history_door``) — opens the history off the UI thread, holds it, closes it;
  ``OpeningView`` (``opening_view``) — what the window shows meanwhile, or if it cannot open;
* ``ConversationRoom`` (``conversations``) — the conversation on screen and the sidebar's list;
* ``TurnRouter`` (``turns``) — sends, retries and stops turns, routes the worker's signals;
* ``Preferences`` (``preferences``) — the settings, the Settings dialog, the model banner;
* ``MessageDispatcher`` (``message_dispatch``) — every action asked for on a message;
* ``WindowActions`` (``window_actions``) — menus, zoom, export, About;
* the feature parts built on these (versions, search hits, unsaved replies, system prompt and
  parameters, look, shortcuts, resume, usage…), each in its own module, wired in ``_connect``;
* one ``TaskOwner`` (``app.ui.common.tasks``) starts every task of the window, by name;
* ``LaterParts`` (``later_parts``) — the parts the first frame does not show (the turn router,
  the worker, jump, versions, dispatcher, shortcuts, find, import/export, usage…): attributes
  like the others (``window.turns``), made on first use, at the user's first input, or in idle
  turns once the sidebar has its first page. The first-frame parts that ask about turns before
  there is a router ask the window (``busy_here``, ``live_in``, ``stop_in``): no router, no turn.

Decisions worth knowing:

* **Each conversation streams on its own** (``turns``). While one streams, its composer shows
  Stop and says so (the text box stays editable); any other conversation can send meanwhile.
  Stop and Esc stop the conversation on screen only. The sidebar marks every streaming
  conversation; opening one mid-stream shows the text so far plus live deltas.
* **Closing the window stops every stream.** ``closeEvent`` cancels the turns at once (each
  session marks its reply ``stopped`` with its partial text) and ``shutdown()``, awaited by
  ``app.run`` before the loop exits, waits for that and for pending writes, then closes the
  history.
* **The window appears at once; the history opens behind it** (``app.ui.app`` starts opening
  it before importing the window). Until it is open the sidebar and the composer say "Opening
  history…" and sending is disabled (typing is not). The first-launch key check waits until
  the later parts are made.
* **No disk, keyring or network work on the UI thread.** Reads run in tasks on worker
  threads; a reply's records come with the session's events.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.history import HistoryStore
from app.core.settings import LoadedSettings, Settings, load_settings
from app.core.titles import shown_title
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.common.banner import Banner, Tone
from app.ui.common.said import said
from app.ui.common.tasks import TaskOwner
from app.ui.window.conversations import ConversationRoom
from app.ui.window.drafts import Drafts
from app.ui.window.empty_state import EmptyState, connect_welcome
from app.ui.window.history_door import HistoryDoor, Opened
from app.ui.window.later_parts import Later, LaterParts
from app.ui.window.look import Look
from app.ui.window.opening_view import OpeningView
from app.ui.window.pins import Pins
from app.ui.window.preferences import Preferences
from app.ui.window.resume import Resume
from app.ui.window.setup_room import SetupRoom
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply, Shown
from app.ui.window.window_actions import ActionState, WindowActions, WindowCommands

if TYPE_CHECKING:  # the parts made after the first frame (``later_parts``)
    from app.core.history.records import Message
    from app.ui.usage.window_part import UsageRoom
    from app.ui.window.branch_room import BranchRoom
    from app.ui.window.delete_undo import DeleteUndo
    from app.ui.window.drop_text import TextDrop
    from app.ui.window.find_bar import FindBar
    from app.ui.window.import_export import HistoryFiles
    from app.ui.window.jump import MessageJump
    from app.ui.window.message_dispatch import MessageDispatcher
    from app.ui.window.search_results import HitSteps
    from app.ui.window.shortcuts import Shortcuts
    from app.ui.window.turns import TurnRouter
    from app.ui.window.unsaved import UnsavedReplies
    from app.ui.window.worker import ChatWorker

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """SeekDesk's window. Construct, ``show()``, then ``start()`` once the loop runs."""

    closed = Signal()

    # Made on first use or in idle turns after the first frame (``later_parts``).
    worker: Later[ChatWorker] = Later()
    turns: Later[TurnRouter] = Later()
    jump: Later[MessageJump] = Later()
    unsaved: Later[UnsavedReplies] = Later()
    branch_room: Later[BranchRoom] = Later()
    dispatcher: Later[MessageDispatcher] = Later()
    delete_undo: Later[DeleteUndo] = Later()
    text_drop: Later[TextDrop] = Later()
    history_files: Later[HistoryFiles] = Later()
    find_bar: Later[FindBar] = Later()
    steps: Later[HitSteps] = Later()
    keys: Later[Shortcuts] = Later()
    usage: Later[UsageRoom] = Later()

    def __init__(
        self,
        store: HistoryStore | None = None,
        settings: LoadedSettings | None = None,
        parent: QWidget | None = None,
        *,
        open_store: Callable[[], HistoryStore] = HistoryStore.open,
        early: Future[Opened] | None = None,
    ) -> None:
        """``store``: an open history to use (tests); without it ``start()`` opens one with
        ``open_store`` on a worker thread (a test can slow that down to look at the window),
        or awaits ``early``, an opening ``app.ui.app`` started before importing the window."""
        super().__init__(parent)
        loaded = settings if settings is not None else load_settings()
        notices = [loaded.notice] if loaded.notice else []
        if store is not None:
            notices += list(store.notices)
        self._shut_down = False

        self.setWindowTitle("SeekDesk")
        self.setObjectName("mainWindow")
        self.tasks = TaskOwner(on_error=self._task_failed)
        self.later = LaterParts(self)
        self.sidebar = Sidebar(self)
        self.chat_view = ChatView(self)
        self.composer = Composer(self)
        self.notice_banner = Banner(self, Tone.WARNING)
        self.notice_banner.setObjectName("noticeBanner")
        self.model_banner = Banner(self, Tone.INFO)
        self.model_banner.setObjectName("modelBanner")
        self.statusBar()  # (the usage room's budget notice comes later: nothing moves then)
        self._lay_out()

        self.door = HistoryDoor(store, self.tasks, open_store, self, early)
        self.opening = OpeningView(self, self.door, self.sidebar, self.composer, self.busy_here)
        self.prefs = Preferences(
            loaded.settings,
            self.tasks,
            self.composer,
            self.model_banner,
            self,
            self,
            self.notice_banner.hide,
        )
        self.conversations = ConversationRoom(
            self.door,
            self.tasks,
            self.chat_view,
            self.sidebar,
            self,
            live=self.live_in,
            stop_streaming=self.stop_in,
            parent=self,
        )
        self.conversations.unsaved_record = self._unsaved_record
        self.setup_room = SetupRoom(
            self.chat_view, self.composer, self.door, self.tasks, self.conversations, self, self
        )
        self.setup_room.place()
        commands = WindowCommands(
            new_chat=self.new_chat,
            quit=self.close,
            copy=self.copy,
            find=self.focus_search,
            stop=self._stop,
            settings=self.prefs.open_settings,
        )
        state = ActionState(
            busy=self.busy_here,
            current=self.conversations.current_conversation,
            current_id=lambda: self.conversations.current_id,
        )
        self.menus = WindowActions(
            self,
            commands,
            state,
            self.sidebar,
            [self.chat_view, self.composer.edit],
            self.door,
            self.tasks,
            self,
        )
        self.look = Look(
            self,
            self.menus.view_menu,
            [self.menus.zoom_in, self.menus.zoom_out, self.menus.zoom_reset],
            lambda: self.prefs.settings,
            self.prefs.save,
            lambda: self.prefs.save_ui({**self.prefs.settings.ui, "zoom": self.menus.zoom}),
        )
        self.pins = Pins(self.sidebar, lambda: self.prefs.settings.ui, self.prefs.save_ui)
        self.drafts = Drafts(self.composer, self.conversations, self.sidebar, self.tasks, self,
                             self.closed, self)  # fmt: skip
        self.resume = Resume(self, self.splitter, self.door, self.conversations, lambda: self.jump,
                             self.chat_view, lambda: self.prefs.settings.ui)  # fmt: skip
        self._connect()
        self.prefs.apply_to_composer()
        self._restore_ui_state()
        if store is None:
            self.opening.show_opening(True)
        if notices:
            self.show_notice("\n\n".join(map(said, notices)))

    def _lay_out(self) -> None:
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice_banner)
        column.addWidget(self.model_banner)
        column.addWidget(self.chat_view, 1)
        self.empty_state = EmptyState(lambda: self.prefs.settings, self.composer.model, right)
        column.addWidget(self.empty_state, 1)
        rule = QFrame(right)
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        column.addWidget(rule)
        column.addWidget(self.composer)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([260, 840])
        self.setCentralWidget(self.splitter)
        self.resize(1100, 760)

    def _connect(self) -> None:
        rooms, prefs = self.conversations, self.prefs
        self.door.opened.connect(self._history_opened)
        rooms.shown.connect(self._shown)
        rooms.shown.connect(self._usage_shown)
        rooms.listed.connect(self.later.after_first_frame)
        for menu in (self.menus.file_menu, self.menus.edit_menu, self.menus.view_menu,
                     self.menus.help_menu):  # fmt: skip
            menu.aboutToShow.connect(self.later.build_all)  # every entry there when it opens

        self.composer.send_requested.connect(self._send_requested)
        self.composer.stop_requested.connect(self._stop)
        self.composer.model_changed.connect(prefs.model_chosen)
        self.composer.thinking_changed.connect(lambda on: prefs.save("thinking", on))
        self.composer.effort_changed.connect(lambda value: prefs.save("effort", value))

        self.sidebar.conversation_selected.connect(rooms.open)
        self.sidebar.hit_selected.connect(lambda cid, mid: self.steps.open_hit(cid, mid))
        self.sidebar.more_wanted.connect(rooms.load_more)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.rename_requested.connect(rooms.rename)
        # With Undo.
        self.sidebar.delete_requested.connect(lambda cid: self.delete_undo.delete(cid))
        self.sidebar.delete_many_requested.connect(lambda ids: self.delete_undo.delete_many(ids))
        self.sidebar.export_requested.connect(lambda ids: self.history_files.ask_export(ids))
        self.sidebar.search_requested.connect(rooms.search)

        # Each row is dressed (toolbar, versions) as it is made: the first makes the room.
        self.chat_view.row_made.connect(lambda row: self.branch_room.dress(row))
        self.chat_view.action_requested.connect(lambda asked: self.dispatcher.dispatch(asked))
        connect_welcome(self.empty_state, self.chat_view, self.conversations, self.composer)
        self.chat_view.load_older_requested.connect(rooms.load_older)

    def _send_requested(self, text: str) -> None:
        jump = self.later.built("jump")
        if jump is not None:  # a page cut around a search hit gives way to the newest first
            jump.catch_up()
        # A spent budget asks first (the user can go on); nothing else stands in the way.
        if self.usage.allow_send():
            self.turns.send(text)

    def _usage_shown(self, shown: Shown) -> None:
        usage = self.later.built("usage")
        if usage is not None:  # (made later, it starts from the conversation on screen)
            usage.show_conversation(shown.conversation_id)

    # -- the turns, as the first-frame parts ask about them (none before the router is made) --

    def busy_here(self) -> bool:
        turns = self.later.built("turns")
        return turns is not None and turns.busy_here()

    def live_in(self, conversation_id: int | None) -> LiveReply | None:
        turns = self.later.built("turns")
        return turns.live_in(conversation_id) if turns is not None else None

    async def stop_in(self, conversation_ids: list[int]) -> None:
        turns = self.later.built("turns")
        if turns is not None:
            await turns.stop_in(conversation_ids)

    def _stop(self) -> None:
        turns = self.later.built("turns")
        if turns is not None:
            turns.stop()

    def _unsaved_record(self, message_id: int) -> Message | None:
        unsaved = self.later.built("unsaved")
        return unsaved.record(message_id) if unsaved is not None else None

    def start(self) -> None:
        """Open the history (off the UI thread) and fill the sidebar; on a first launch without
        a usable key, open Settings. Call once the window is shown and the loop runs."""
        self.composer.focus_prompt()
        self.later.watch_input()
        if self.door.is_ready():
            self.conversations.refresh()
        else:
            self.door.open()
        # The key check (keyring: imported and asked on a worker thread, a few tenths of a
        # second) waits until the later parts are made: it neither slows the first frame nor
        # imports beside the UI thread's imports.
        self.later.finished.connect(self._first_run_check)

    def _first_run_check(self) -> None:
        wanted = lambda: not self._shut_down and self.isVisible() and self.exit_status == 0  # noqa: E731
        self.tasks.start("first-run-check", self.prefs.first_run_check(wanted))

    # -- the parts' entry points, for tests and scripts -------------------------------------------

    @property
    def store(self) -> HistoryStore:
        return self.door.store

    def is_ready(self) -> bool:
        """True once the history is open (sending is possible from then on)."""
        return self.door.is_ready()

    @property
    def settings(self) -> Settings:
        return self.prefs.settings

    @property
    def current_id(self) -> int | None:
        return self.conversations.current_id

    @property
    def exit_status(self) -> int:
        """What ``app.run`` returns: 1 when the history could not be opened at all."""
        return self.opening.exit_status

    @property
    def live(self) -> LiveReply | None:
        return self.turns.live

    def send(self, text: str) -> bool:
        return self.turns.send(text)

    def open_conversation(self, conversation_id: int) -> asyncio.Task[None]:
        return self.conversations.open(conversation_id)

    def switch_model(self, name: str) -> None:
        self.prefs.switch_model(name)

    # -- the history opening ------------------------------------------------------------------

    def _history_opened(self) -> None:
        self.opening.show_opening(False)
        notices = self.door.store.notices
        if notices:
            shown = [self.notice_banner.text()] if not self.notice_banner.isHidden() else []
            self.show_notice("\n\n".join(shown + list(map(said, notices))))
        self.menus.update_enabled()
        first_page = self.door.take_first_page()  # listed by the early opening, if it was
        if first_page is not None:
            self.conversations.show_list(first_page)
        else:
            self.conversations.refresh()

    # -- what is on screen --------------------------------------------------------------------

    def new_chat(self) -> None:
        self.conversations.new_chat()

    def _shown(self, shown: Shown) -> None:
        self.setWindowTitle(f"{shown_title(shown.title)} — SeekDesk" if shown.title else "SeekDesk")
        if shown.conversation_id is None:  # a new chat starts from the saved choices
            self.prefs.apply_to_composer()
            self.composer.focus_prompt()
        elif shown.model:
            self.composer.set_model(shown.model)
            self.prefs.update_model_banner()
        self.menus.update_enabled()

    # -- notices ------------------------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.notice_banner.show_message(said(text), tone=Tone.WARNING)  # (a core Sentence)

    def status(self, text: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(text, ms)

    def _task_failed(self, name: str, exc: BaseException) -> None:
        self.show_notice(self.tr("Something went wrong: {error}").format(error=exc))

    # -- window state -------------------------------------------------------------------------

    def _restore_ui_state(self) -> None:
        ui = self.prefs.settings.ui
        self.resume.restore(ui)  # fitted to the screen of now, at any scale
        self.menus.set_sidebar(bool(ui.get("sidebar", True)))
        self.menus.apply_zoom(int(ui.get("zoom", 0) or 0))

    def save_ui_state(self) -> None:
        ui = dict(self.prefs.settings.ui)
        self.resume.remember(ui)  # geometry, splitter, the conversation and the place in it
        ui["sidebar"] = not self.sidebar.isHidden()
        ui["zoom"] = self.menus.zoom
        self.prefs.save_ui(ui)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The system switched light/dark. The chat view styles itself with a style sheet,
            # which pins its palette, so hand it the new one explicitly (it restyles on it).
            self.chat_view.setPalette(self.palette())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Stop all now: each session writes its partial reply as `stopped`; shutdown() waits.
        self.later.stop()
        worker = self.later.built("worker")
        if worker is not None:
            worker.stop()
        if not self._shut_down:
            self.save_ui_state()
        super().closeEvent(event)
        self.closed.emit()

    async def shutdown(self) -> None:
        """Stop the stream, let pending writes finish, close the store (before the loop ends)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.later.stop()
        worker = self.later.built("worker")
        if worker is not None:
            await worker.shutdown()
        self.tasks.cancel("first-run-check")
        # Also awaits what the stopped streams set off meanwhile (usage, branch positions…);
        # then nothing more starts, and what overran is cancelled, before the history closes.
        await self.tasks.join(timeout=10)
        self.tasks.close()
        self.tasks.cancel_all()
        await self.door.close()

    # -- small commands -----------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.find_bar.wants_ctrl_f():  # Ctrl+F in the conversation: find in it
            self.find_bar.start()
            return
        if self.sidebar.isHidden():
            self.menus.set_sidebar(True)
        self.sidebar.focus_search()

    def copy(self) -> None:
        widget = QApplication.focusWidget()
        copy: Callable[[], None] | None = getattr(widget, "copy", None)
        if callable(copy):
            copy()


__all__ = ["MainWindow"]
