"""The window's parts its first frame does not show: made on first use, or in idle turns after it.

The first frame is the sidebar with its conversations, an empty conversation (welcome, system
prompt panel), the composer and the menus; the parts built for it are in ``MainWindow``. The
others — the turn router and the chat worker, jumping to a message, the versions room, the
message dispatcher, unsaved replies, Delete's Undo, dropped text files, import/export, the find
bar, search-hit stepping, the shortcuts (and the keyboard-shortcuts list), the usage room — and
the modules they stand on (the session and the HTTP-free core of a turn, the message rows, the
toolbar…) are made here, each by one builder (``_<name>``) that also wires it:

* **On first use.** ``MainWindow`` reads each as an attribute (``Later`` descriptors:
  ``window.turns``), which makes it, and what it needs, at once on the UI thread. A send makes the
  router, a row made dresses itself through the versions room, a search hit makes the stepper.
* **In idle turns after the first frame.** Once the sidebar has its first page and the window
  has painted it (or ``PAINT_WAIT_MS`` later, for a window not painted: minimised), one part is
  made per turn of the event loop (``QTimer.singleShot(0)``), in ``ORDER``, so the window
  answers in between: a few milliseconds each. The heavy ones' modules (``STEPS``) are imported
  one per turn before the part is made, so no turn holds the window for long.
* **On the user's first input.** A key, a click, a context menu or a drag that comes before the
  idle turns are over makes every part left, before Qt looks the key up among the shortcuts or
  opens a menu: Ctrl+K, F3 or a menu opened a moment after start find their entries. The
  application-wide event filter that notices it is installed when the idle turns begin (the
  first frame is painted) and removed once everything is made; until then the window and its
  focus widget (the prompt, and its viewport: where keys, clicks and drops go) are watched,
  which is all a user can reach before the window shows its list. Not sooner, because it is
  not free: every event of every object then passes through Python, and the first object of a
  class PySide6 does not wrap (Qt's private helpers) makes it load every class of QtCore, QtGui
  and QtWidgets with their enums — about 15 ms of CPU that landed before the first frame.

``finished`` says all is made (the window then starts its first-launch key check, whose
keyring is imported on a worker thread: not beside the UI thread's imports, nor before the
first frame). Menus keep one order whatever made what first: the shortcuts' View entries come
before the usage room's (its builder makes the shortcuts first). Modules are imported here, on
the UI thread, never on a worker thread.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
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

T = TypeVar("T")

#: The order of the idle turns: what the user may reach first comes first.
ORDER = (
    "find_bar",
    "steps",
    "keys",
    "usage",
    "history_files",
    "delete_undo",
    "text_drop",
    "worker",
    "turns",
    "jump",
    "unsaved",
    "branch_room",
    "dispatcher",
)

#: The modules the heaviest parts stand on, imported one per idle turn before the part is made
#: (its builder imports them too: these only spread the cost over more turns).
STEPS: dict[str, tuple[str, ...]] = {
    "worker": (
        "app.core.request",
        "app.core.reply_record",
        "app.core.usage.ledger",
        "app.core.session",
    ),
    "turns": ("app.core.secrets", "app.ui.chat.failure_panel", "app.ui.window.turn_plan"),
    "jump": (
        "app.ui.chat.message_parts",
        "app.ui.chat.reply_notice",
        "app.ui.chat.message_widgets",
        # The answers' renderer (~80 ms): else the first conversation opened imported it.
        "app.ui.render.highlight",
        "markdown_it",
        "app.ui.render.markdown",
        "app.ui.render.math_images",
        "app.ui.render.rich_text",
    ),
}

#: The idle turns start at the window's first paint with the list, or after this long without.
PAINT_WAIT_MS = 200

#: Input that makes every part left before it is delivered.
INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
    }
)


class Later(Generic[T]):
    """A window attribute made by ``window.later`` on first read (see the module docstring)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, window: None, owner: type | None = None) -> Later[T]: ...
    @overload
    def __get__(self, window: object, owner: type | None = None) -> T: ...
    def __get__(self, window: object | None, owner: type | None = None) -> Later[T] | T:
        if window is None:
            return self
        return window.later.get(self.name)  # type: ignore[attr-defined, no-any-return]


class LaterParts(QObject):
    """Makes and holds the window's later parts. ``window`` is the ``MainWindow`` (not imported
    here: it imports this module); the builders read its first-frame parts."""

    #: The first frame is painted (or ``PAINT_WAIT_MS`` passed without): the idle turns begin.
    begun = Signal()
    #: Every part is made (once; by the idle turns or the user's first input).
    finished = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._w = window
        self._parts: dict[str, object] = {}
        self._building: list[str] = []
        self._idle = False
        self._begun = False
        self._stopped = False
        self._watching = False  # the user's first input is watched for (see watch_input)
        self._app_filter = False  # …by the application-wide filter (else by the window's)
        self._window_filter = False
        self._focus: list[QObject] = []  # the focus widget watched before the app filter
        self._finished = False

    def get(self, name: str) -> Any:
        """The part, made now if it was not yet."""
        part = self._parts.get(name)
        if part is None:
            if name in self._building:
                raise RuntimeError(f"the window's part {name!r} needs itself")
            self._building.append(name)
            try:
                part = self._parts[name] = getattr(self, "_" + name)()
            finally:
                self._building.remove(name)
        return part

    def built(self, name: str) -> Any | None:
        """The part if it is made, else None (nothing is made)."""
        return self._parts.get(name)

    def missing(self) -> list[str]:
        return [name for name in ORDER if name not in self._parts]

    # -- when ---------------------------------------------------------------------------------

    def watch_input(self) -> None:
        """From now until all is made, the user's first input makes every part left: the window
        and its focus widget are watched until the idle turns begin, then everything (see the
        module docstring)."""
        if self.missing() and not self._watching and not self._stopped:
            self._watching = True
            focus = self._w.focusWidget()  # (and its viewport, where drags and clicks go)
            viewport = getattr(focus, "viewport", None)
            self._focus = [o for o in (focus, viewport() if viewport else None) if o is not None]
            for watched in self._focus:
                watched.installEventFilter(self)
            self._sync_window_filter()
            if self._begun:
                self._watch_everything()

    def _watch_everything(self) -> None:
        app = QApplication.instance()
        if self._watching and not self._app_filter and app is not None:
            self._app_filter = True
            app.installEventFilter(self)
            self._forget_focus()
            self._sync_window_filter()

    def _forget_focus(self) -> None:
        for watched in self._focus:
            watched.removeEventFilter(self)
        self._focus = []

    def _sync_window_filter(self) -> None:
        """The window's filter is there until the idle turns begin."""
        wanted = (self._watching and not self._app_filter) or (self._idle and not self._begun)
        if wanted != self._window_filter:
            self._window_filter = wanted
            if wanted:
                self._w.installEventFilter(self)
            else:
                self._w.removeEventFilter(self)

    def after_first_frame(self) -> None:
        """The sidebar has its first page: the idle turns start once the window has painted it
        (once)."""
        if not self._idle and not self._stopped:
            self._idle = True
            self._sync_window_filter()
            QTimer.singleShot(PAINT_WAIT_MS, self, self._begin)

    def _begin(self) -> None:
        if not self._begun:
            self._begun = True
            self._watch_everything()
            self._sync_window_filter()
            QTimer.singleShot(0, self, self._next)
            self.begun.emit()

    def _next(self) -> None:
        missing = self.missing()
        if self._stopped or not missing:
            self._done()
            return
        waiting = [name for name in STEPS.get(missing[0], ()) if name not in sys.modules]
        if waiting:
            importlib.import_module(waiting[0])  # (the UI thread: see the module docstring)
        else:
            self.get(missing[0])
        QTimer.singleShot(0, self, self._next)

    def build_all(self) -> None:
        """Make every part left, now."""
        for name in self.missing():
            self.get(name)
        self._done()

    def stop(self) -> None:
        """The window closes: make nothing more in the background."""
        self._stopped = True
        self._unwatch()

    def _done(self) -> None:
        self._unwatch()
        if not self._finished and not self._stopped and not self.missing():
            self._finished = True
            self.finished.emit()

    def _unwatch(self) -> None:
        app = QApplication.instance()
        self._watching = False
        if self._app_filter and app is not None:
            self._app_filter = False
            app.removeEventFilter(self)
        self._forget_focus()
        self._sync_window_filter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT and not self._stopped:
            self.build_all()
        elif kind == QEvent.Type.Paint and watched is self._w and self._idle:
            self._begin()  # (the window's children are painted in the same pass)
        return False

    # -- the builders (each imports its module here, on the UI thread) ------------------------

    def _worker(self) -> ChatWorker:
        from app.ui.window.worker import ChatWorker

        w = self._w
        worker = ChatWorker(w, w.tasks)
        worker.reply_ended.connect(lambda _end: w.usage.refresh())
        return worker

    def _turns(self) -> TurnRouter:
        from app.ui.window.turns import TurnRouter

        w, prefs, drafts, setup = self._w, self._w.prefs, self._w.drafts, self._w.setup_room
        turns = TurnRouter(
            w.door, w.worker, w.conversations, w.chat_view, w.sidebar, w.composer, w,
            lambda: prefs.settings, prefs.open_settings, w,
        )  # fmt: skip
        turns.state_changed.connect(w.menus.update_enabled)
        turns.on_unsaved = lambda session: w.unsaved.keep(session)
        turns.on_sent = drafts.sent
        turns.on_adopt = drafts.adopt
        turns.turn_setup = setup.turn_setup
        turns.turn_preset = setup.new_chat_preset_name
        return turns

    def _jump(self) -> MessageJump:
        from app.ui.window.jump import MessageJump

        w = self._w
        return MessageJump(w.door, w.tasks, w.conversations, w.chat_view, w.live_in, w)

    def _unsaved(self) -> UnsavedReplies:
        from app.ui.window.unsaved import UnsavedReplies

        w = self._w
        return UnsavedReplies(w.tasks, w.chat_view, w, w.conversations.refresh, w)

    def _branch_room(self) -> BranchRoom:
        from app.ui.window.branch_room import BranchRoom

        w = self._w
        return BranchRoom(
            w, w.chat_view, w.door, w.tasks, w.conversations, w.turns, w, w.busy_here
        )

    def _dispatcher(self) -> MessageDispatcher:
        from app.ui.window.message_dispatch import MessageDispatcher

        w = self._w
        turns, unsaved, prefs = w.turns, w.unsaved, w.prefs
        return MessageDispatcher(
            w.chat_view, w, turns.retry, prefs.open_settings, prefs.switch_model,
            w.conversations.conversation, w, send_prompt=turns.send,
            save_again=unsaved.save_again, save_to_file=unsaved.save_to_file,
            versions=w.branch_room.handle,
        )  # fmt: skip

    def _delete_undo(self) -> DeleteUndo:
        from app.ui.window.delete_undo import DeleteUndo

        w = self._w
        undo = DeleteUndo(w, w.door, w.tasks, w.conversations, w, w.stop_in)
        undo.restored.connect(w.drafts.carry)  # a draft survives Undo
        undo.restored.connect(w.pins.carry)  # …and so does a pin
        return undo

    def _text_drop(self) -> TextDrop:
        from app.ui.window.drop_text import TextDrop

        w = self._w
        return TextDrop(w.composer.edit, w.tasks, w, w)

    def _history_files(self) -> HistoryFiles:
        from app.ui.window.import_export import HistoryFiles

        w = self._w
        return HistoryFiles(w, w.menus.file_menu, w.door, w.tasks, w, w.conversations.refresh)

    def _find_bar(self) -> FindBar:
        from app.ui.window.find_bar import FindBar

        w = self._w
        return FindBar(
            w.chat_view, w.door, w.tasks, lambda: w.conversations.current_id, self._open_at
        )

    def _steps(self) -> HitSteps:
        from app.ui.window.search_results import HitSteps

        w = self._w
        return HitSteps(
            w.sidebar.hits, lambda: w.conversations.current_id, self._open_at, w.status, w
        )

    def _keys(self) -> Shortcuts:
        from app.ui.window.shortcuts import Shortcuts

        w, menus = self._w, self._w.menus
        return Shortcuts(
            w, menus.edit_menu, menus.view_menu, menus.help_menu, w.steps, w.sidebar,
            w.chat_view, lambda: w.conversations.current_id, w.conversations.open, w.status,
            w.door, w.tasks, w.find_bar,
        )  # fmt: skip

    def _usage(self) -> UsageRoom:
        from app.ui.usage.window_part import UsageRoom

        w = self._w
        self.get("keys")  # its View entries come first
        prefs, door = w.prefs, w.door
        usage = UsageRoom(
            w, w.menus.view_menu, w.tasks, lambda: door.store if door.is_ready() else None,
            w.conversations.open, w.composer.edit, lambda: prefs.settings.model,
        )  # fmt: skip
        w.composer.add_fact(usage.meter_label)
        w.setup_room.panel.add_fact(usage.total_label)
        if w.conversations.current_id is not None:  # it missed the conversation's opening
            usage.show_conversation(w.conversations.current_id)
        return usage

    def _open_at(self, conversation_id: int, message_id: int, query: str = "") -> object:
        return self._w.jump.open_at(conversation_id, message_id, query)


__all__ = ["ORDER", "STEPS", "Later", "LaterParts"]
