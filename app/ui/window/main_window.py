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
* one ``TaskOwner`` (``app.ui.common.tasks``) starts every task of the window, by name.

Decisions worth knowing:

* **Each conversation streams on its own** (``turns``). While one streams, its composer shows
  Stop and says so (the text box stays editable); any other conversation can send meanwhile.
  Stop and Esc stop the conversation on screen only. The sidebar marks every streaming
  conversation; opening one mid-stream shows the text so far plus live deltas.
* **Closing the window stops every stream.** ``closeEvent`` cancels the turns at once (each
  session marks its reply ``stopped`` with its partial text) and ``shutdown()``, awaited by
  ``app.run`` before the loop exits, waits for that and for pending writes, then closes the
  history.
* **The window appears at once; the history opens behind it.** Until it is open the sidebar
  and the composer say "Opening history…" and sending is disabled (typing is not).
* **No disk, keyring or network work on the UI thread.** Reads run in tasks on worker
  threads; a reply's records come with the session's events.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

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
from app.ui.usage.window_part import UsageRoom
from app.ui.window.branch_room import BranchRoom
from app.ui.window.conversations import ConversationRoom
from app.ui.window.delete_undo import DeleteUndo
from app.ui.window.drafts import Drafts
from app.ui.window.drop_text import TextDrop
from app.ui.window.empty_state import EmptyState, connect_welcome
from app.ui.window.find_bar import FindBar
from app.ui.window.history_door import HistoryDoor
from app.ui.window.import_export import HistoryFiles
from app.ui.window.jump import MessageJump
from app.ui.window.look import Look
from app.ui.window.message_dispatch import MessageDispatcher
from app.ui.window.opening_view import OpeningView
from app.ui.window.pins import Pins
from app.ui.window.preferences import Preferences
from app.ui.window.resume import Resume
from app.ui.window.search_results import HitSteps
from app.ui.window.setup_room import SetupRoom
from app.ui.window.shortcuts import Shortcuts
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply, Shown
from app.ui.window.turns import TurnRouter
from app.ui.window.unsaved import UnsavedReplies
from app.ui.window.window_actions import ActionState, WindowActions, WindowCommands
from app.ui.window.worker import ChatWorker

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """SeekDesk's window. Construct, ``show()``, then ``start()`` once the loop runs."""

    closed = Signal()

    def __init__(
        self,
        store: HistoryStore | None = None,
        settings: LoadedSettings | None = None,
        parent: QWidget | None = None,
        *,
        open_store: Callable[[], HistoryStore] = HistoryStore.open,
    ) -> None:
        """``store``: an open history to use (tests); without it ``start()`` opens one with
        ``open_store`` on a worker thread (a test can slow that down to look at the window)."""
        super().__init__(parent)
        loaded = settings if settings is not None else load_settings()
        notices = [loaded.notice] if loaded.notice else []
        if store is not None:
            notices += list(store.notices)
        self._shut_down = False

        self.setWindowTitle("SeekDesk")
        self.setObjectName("mainWindow")
        self.tasks = TaskOwner(on_error=self._task_failed)
        self.worker = ChatWorker(self, self.tasks)
        self.sidebar = Sidebar(self)
        self.chat_view = ChatView(self)
        self.composer = Composer(self)
        self.notice_banner = Banner(self, Tone.WARNING)
        self.notice_banner.setObjectName("noticeBanner")
        self.model_banner = Banner(self, Tone.INFO)
        self.model_banner.setObjectName("modelBanner")
        self._lay_out()

        self.door = HistoryDoor(store, self.tasks, open_store, self)
        self.opening = OpeningView(
            self, self.door, self.sidebar, self.composer, lambda: self.turns.busy_here()
        )
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
            live=lambda cid: self.turns.live_in(cid),
            stop_streaming=lambda ids: self.turns.stop_in(ids),
            parent=self,
        )
        self.turns = TurnRouter(
            self.door,
            self.worker,
            self.conversations,
            self.chat_view,
            self.sidebar,
            self.composer,
            self,
            lambda: self.prefs.settings,
            self.prefs.open_settings,
            self,
        )
        self.jump = MessageJump(
            self.door, self.tasks, self.conversations, self.chat_view, self.turns.live_in, self,
        )  # fmt: skip
        self.unsaved = UnsavedReplies(
            self.tasks, self.chat_view, self, self.conversations.refresh, self
        )
        self.turns.on_unsaved = self.unsaved.keep
        self.conversations.unsaved_record = self.unsaved.record
        self.branch_room = BranchRoom(
            self, self.chat_view, self.door, self.tasks, self.conversations, self.turns, self,
            self.turns.busy_here,
        )  # fmt: skip
        self.setup_room = SetupRoom(
            self.chat_view, self.composer, self.door, self.tasks, self.conversations, self.turns,
            self, self,
        )  # fmt: skip
        self.setup_room.place()
        self.dispatcher = MessageDispatcher(
            self.chat_view,
            self,
            self.turns.retry,
            self.prefs.open_settings,
            self.prefs.switch_model,
            self.conversations.conversation,
            self,
            send_prompt=self.turns.send,
            save_again=self.unsaved.save_again,
            save_to_file=self.unsaved.save_to_file,
            versions=self.branch_room.handle,
        )
        commands = WindowCommands(
            new_chat=self.new_chat,
            quit=self.close,
            copy=self.copy,
            find=self.focus_search,
            stop=self.turns.stop,
            settings=self.prefs.open_settings,
        )
        state = ActionState(
            busy=self.turns.busy_here,
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
        self.delete_undo = DeleteUndo(self, self.door, self.tasks, self.conversations, self,
                                      self.turns.stop_in)  # fmt: skip
        self.pins = Pins(self.sidebar, lambda: self.prefs.settings.ui, self.prefs.save_ui)
        self.drafts = Drafts(self.composer, self.conversations, self.turns, self.sidebar,
                             self.delete_undo, self.tasks, self, self.closed, self)  # fmt: skip
        self.delete_undo.restored.connect(self.pins.carry)  # a pin survives Undo
        self.text_drop = TextDrop(self.composer.edit, self.tasks, self, self)
        self.history_files = HistoryFiles(self, self.menus.file_menu, self.door, self.tasks, self,
                                          self.conversations.refresh)  # fmt: skip
        self.find_bar = FindBar(
            self.chat_view,
            self.door,
            self.tasks,
            lambda: self.conversations.current_id,
            self.jump.open_at,
        )
        self.steps = HitSteps(self.sidebar.hits, lambda: self.conversations.current_id,
                              self.jump.open_at, self.status, self)  # fmt: skip
        self.keys = Shortcuts(self, self.menus.edit_menu, self.menus.view_menu,
                              self.menus.help_menu, self.steps, self.sidebar, self.chat_view,
                              lambda: self.conversations.current_id, self.conversations.open,
                              self.status, self.door, self.tasks, self.find_bar)  # fmt: skip
        self.resume = Resume(self, self.splitter, self.door, self.conversations, self.jump,
                             self.chat_view, lambda: self.prefs.settings.ui)  # fmt: skip
        self.usage = UsageRoom(
            self,
            self.menus.view_menu,
            self.tasks,
            lambda: self.door.store if self.door.is_ready() else None,
            self.conversations.open,
            self.composer.edit,
            lambda: self.prefs.settings.model,
        )
        self.composer.add_fact(self.usage.meter_label)
        self.setup_room.panel.add_fact(self.usage.total_label)
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
        rooms, turns, prefs = self.conversations, self.turns, self.prefs
        self.door.opened.connect(self._history_opened)
        turns.state_changed.connect(self.menus.update_enabled)
        rooms.shown.connect(self._shown)
        rooms.shown.connect(lambda shown: self.usage.show_conversation(shown.conversation_id))
        self.worker.reply_ended.connect(lambda _end: self.usage.refresh())

        # A page cut around a search hit gives way to the newest page first (``jump``).
        self.composer.send_requested.connect(lambda _text: self.jump.catch_up())
        # A spent budget asks first (the user can go on); nothing else stands in the way.
        self.composer.send_requested.connect(
            lambda text: self.usage.allow_send() and turns.send(text)
        )
        self.composer.stop_requested.connect(turns.stop)
        self.composer.model_changed.connect(prefs.model_chosen)
        self.composer.thinking_changed.connect(lambda on: prefs.save("thinking", on))
        self.composer.effort_changed.connect(lambda value: prefs.save("effort", value))

        self.sidebar.conversation_selected.connect(rooms.open)
        self.sidebar.hit_selected.connect(self.steps.open_hit)
        self.sidebar.more_wanted.connect(rooms.load_more)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.rename_requested.connect(rooms.rename)
        self.sidebar.delete_requested.connect(self.delete_undo.delete)  # with Undo
        self.sidebar.delete_many_requested.connect(self.delete_undo.delete_many)
        self.sidebar.export_requested.connect(self.history_files.ask_export)
        self.sidebar.search_requested.connect(rooms.search)

        self.chat_view.action_requested.connect(self.dispatcher.dispatch)
        connect_welcome(self.empty_state, self.chat_view, self.conversations, self.composer)
        self.chat_view.load_older_requested.connect(rooms.load_older)

    def start(self) -> None:
        """Open the history (off the UI thread) and fill the sidebar; on a first launch without
        a usable key, open Settings. Call once the window is shown and the loop runs."""
        self.composer.focus_prompt()
        if self.door.is_ready():
            self.conversations.refresh()
        else:
            self.door.open()
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
        self.worker.stop()
        if not self._shut_down:
            self.save_ui_state()
        super().closeEvent(event)
        self.closed.emit()

    async def shutdown(self) -> None:
        """Stop the stream, let pending writes finish, close the store (before the loop ends)."""
        if self._shut_down:
            return
        self._shut_down = True
        await self.worker.shutdown()
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
