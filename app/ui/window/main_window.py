"""The main window: sidebar, chat view and composer, conversations, settings and notices.

Menus and shortcuts live in ``window_actions``, turn routing in ``turns`` (a mixin).

Decisions worth knowing:

* **One reply streams at a time.** While it does, sending is refused everywhere (the Send button
  turns into Stop and the composer says a reply is streaming); the text box stays editable so
  the next prompt can be prepared.
* **Switching conversations mid-stream keeps the stream running.** The sidebar marks that
  conversation with a dot; opening it again shows the text so far (the store's row overlaid with
  the live text the window keeps, so nothing between two flushes is missing) plus live deltas.
* **Closing the window stops the stream.** ``closeEvent`` cancels the turn at once (the session
  marks it ``stopped`` with its partial text) and ``shutdown()``, awaited by ``app.run`` before
  the loop exits, waits for that to be written and closes the store.
* **The window appears at once; the history opens behind it.** ``HistoryStore.open()`` runs an
  integrity check and maybe a migration or a backup (a tenth of a second on a big history,
  seconds on a slow disk), so ``start()`` runs it off the UI thread. Until it is open the sidebar
  and the composer say "Opening history…" and sending is disabled (typing is not); then the
  conversations and the store's notices appear. ``MainWindow(store=...)`` skips all that.
* **Disk reads happen off the UI thread** (``asyncio.to_thread``) except the two primary-key
  lookups needed to draw a reply the moment it starts, which must precede its first delta.
  So does the keyring lookup (a D-Bus call that may wait for an unlock prompt): at first launch
  and at the start of each turn, inside the turn's task (see ``turns``).
* **What you see live is what you see after a restart.** When a reply ends, its row takes the
  stored record's times, usage and request id (``TurnRouting._sync_with_store``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.core import catalog, regions
from app.core.history import Conversation, HistoryError, HistoryStore, Message, MessageStatus
from app.core.settings import LoadedSettings, Settings, load_settings, save_settings
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.common.banner import Banner, Tone
from app.ui.window.sidebar import Sidebar
from app.ui.window.turns import LiveReply, PendingTurn, TurnRouting
from app.ui.window.window_actions import WindowActions
from app.ui.window.worker import ChatWorker

log = logging.getLogger(__name__)

#: Messages loaded when a conversation opens, and per "load older" step.
PAGE_SIZE = 24
CONVERSATION_LIMIT = 500


class MainWindow(QMainWindow, TurnRouting):
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
        self.settings: Settings = loaded.settings
        notices = [loaded.notice] if loaded.notice else []
        self._store: HistoryStore | None = store
        self._open_store = open_store
        self._opening: asyncio.Task[None] | None = None
        self._owns_store = store is None
        if store is not None:
            notices += list(store.notices)
        #: What ``app.run`` returns: 1 when the history could not be opened at all.
        self.exit_status = 0

        self.current_id: int | None = None
        self.live: LiveReply | None = None
        self._pending: PendingTurn | None = None
        self._open_generation = 0
        self._oldest_loaded: int | None = None
        self._has_older = False
        self._tasks: set[asyncio.Task[Any]] = set()
        self._syncing: set[int] = set()  # ended replies waiting for their stored record
        self._conversations: list[Conversation] = []
        self._shut_down = False
        self._settings_dirty = False
        self._settings_writer: asyncio.Task[None] | None = None

        self.setWindowTitle("SeekDesk")
        self.setObjectName("mainWindow")
        self.worker = ChatWorker(self)
        self.sidebar = Sidebar(self)
        self.chat_view = ChatView(self)
        self.composer = Composer(self)
        self.notice_banner = Banner(self, Tone.WARNING)
        self.notice_banner.setObjectName("noticeBanner")
        self.model_banner = Banner(self, Tone.INFO)
        self.model_banner.setObjectName("modelBanner")

        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice_banner)
        column.addWidget(self.model_banner)
        column.addWidget(self.chat_view, 1)
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

        self.actions = WindowActions(self)
        self._connect()
        self._apply_settings_to_composer()
        self._restore_ui_state()
        if store is None:
            self._show_opening(True)
        if notices:
            self.show_notice("\n\n".join(notices))

    # -- wiring -------------------------------------------------------------------------------

    def _connect(self) -> None:
        w = self.worker
        w.reply_started.connect(self._on_reply_started)
        w.thinking.connect(self._on_thinking)
        w.answer.connect(self._on_answer)
        w.usage.connect(self._on_usage)
        w.retrying.connect(self._on_retrying)
        w.finished.connect(self._on_finished)
        w.failed.connect(self._on_failed)
        w.reply_ended.connect(self._on_reply_ended)
        w.busy_changed.connect(self._on_busy_changed)

        self.composer.send_requested.connect(self.send)
        # After the composer's own slot (connection order), which re-enables Send on any text.
        self.composer.edit.textChanged.connect(self._gate_send_button)
        self.composer.stop_requested.connect(self.stop)
        self.composer.model_changed.connect(self._on_model_chosen)
        self.composer.thinking_changed.connect(lambda on: self._save_setting("thinking", on))
        self.composer.effort_changed.connect(lambda value: self._save_setting("effort", value))

        self.sidebar.conversation_selected.connect(self.open_conversation)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.rename_requested.connect(self._rename)
        self.sidebar.delete_requested.connect(self._delete)
        self.sidebar.search_requested.connect(self._search)

        self.chat_view.retry_requested.connect(self.retry)
        self.chat_view.open_settings_requested.connect(self.open_settings)
        self.chat_view.switch_model_requested.connect(self.switch_model)
        self.chat_view.load_older_requested.connect(self._load_older)

        self.model_banner.action_clicked.connect(self._switch_to_replacement)

    def start(self) -> None:
        """Open the history (off the UI thread) and fill the sidebar; on a first launch without
        a usable key, open Settings. Call once the window is shown and the loop runs."""
        self.composer.focus_prompt()
        if self._store is None:
            self._opening = self.spawn(self._open_history(), "open-history")
        else:
            self.refresh_conversations()
        self.spawn(self._first_run_check(), "first-run-check")

    # -- the history store --------------------------------------------------------------------

    @property
    def store(self) -> HistoryStore:
        """The open history. Only valid once ``is_ready()``: everything that can run earlier
        goes through ``_history()``, which waits for it."""
        if self._store is None:
            raise RuntimeError("the history is not open yet")
        return self._store

    def is_ready(self) -> bool:
        """True once the history is open (sending is possible from then on)."""
        return self._store is not None

    async def _history(self) -> HistoryStore | None:
        """The store, waiting while it opens; None if it never will (start() not called, or
        opening failed and the window is closing)."""
        if self._store is None and self._opening is not None and not self._opening.done():
            await asyncio.shield(self._opening)
        return self._store

    async def _open_history(self) -> None:
        try:
            store = await asyncio.to_thread(self._open_store)
        except Exception as exc:  # HistoryError (unusable even after moving it aside), OSError…
            log.error("the history cannot be opened: %s", exc)
            message = str(exc) if isinstance(exc, HistoryError) else None
            self._cannot_start(
                message or self.tr("The history cannot be opened: {error}").format(error=exc)
            )
            return
        if self._shut_down:  # the window closed while the history was opening
            store.close()
            return
        self._store = store
        self._show_opening(False)
        if store.notices:
            shown = [self.notice_banner.text()] if not self.notice_banner.isHidden() else []
            self.show_notice("\n\n".join(shown + list(store.notices)))
        self.actions.update_enabled()
        await self._refresh_conversations()

    def _show_opening(self, opening: bool) -> None:
        """The sidebar and composer while the history opens: typing works, sending waits."""
        self.sidebar.set_opening(opening)
        if opening:
            label = self.composer.busy_label
            label.setText(self.tr("Opening history…"))
            label.show()
            self._gate_send_button()
        else:
            self.composer.set_busy(self.worker.is_busy())  # clears the label, re-enables Send

    def _gate_send_button(self) -> None:
        if self._store is None:
            self.composer.send_button.setEnabled(False)

    def _cannot_start(self, message: str) -> None:
        """Say why, then close the window once the user has read it (``app.run`` returns 1)."""
        self.exit_status = 1
        self.sidebar.set_opening(False, failed=True)
        self.composer.busy_label.setText(self.tr("The history could not be opened."))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("SeekDesk cannot start"),
            message,
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setObjectName("cannotStartBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(self.close)
        box.open()  # not exec(): a nested event loop inside an asyncio task breaks qasync

    def spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Run ``coro`` as a named, referenced task (an unreferenced task may be collected)."""
        task = asyncio.get_event_loop().create_task(coro, name=f"seekdesk-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("background task %s failed", task.get_name(), exc_info=exc)
            self.show_notice(self.tr("Something went wrong: {error}").format(error=exc))

    # -- notices ------------------------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.notice_banner.show_message(text, tone=Tone.WARNING)

    def status(self, text: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(text, ms)

    # -- settings -----------------------------------------------------------------------------

    def _apply_settings_to_composer(self) -> None:
        s = self.settings
        self.composer.set_thinking(s.thinking)
        self.composer.set_effort(s.effort)
        self.composer.set_model(s.model)
        self._update_model_banner()

    def _save_setting(self, name: str, value: Any) -> None:
        try:
            self.settings = self.settings.with_value(name, value)
        except (ValueError, regions.ConfigError) as exc:
            self.status(str(exc))
            return
        self._persist_settings()

    def _persist_settings(self) -> None:
        """Write the settings off the UI thread; one writer at a time, the latest value last."""
        self._settings_dirty = True
        if self._settings_writer is None or self._settings_writer.done():
            self._settings_writer = self.spawn(self._write_settings(), "save-settings")

    async def _write_settings(self) -> None:
        while self._settings_dirty:
            self._settings_dirty = False
            try:
                await asyncio.to_thread(save_settings, self.settings)
            except OSError as exc:
                self.show_notice(
                    self.tr("Your preferences could not be saved: {error}").format(error=exc)
                )
                return

    def _on_model_chosen(self, name: str) -> None:
        self._save_setting("model", name)
        self._update_model_banner()

    def switch_model(self, name: str) -> None:
        """Use ``name`` from now on (a delisted model's replacement, or any catalog model);
        an empty name (no known replacement) opens the model picker instead."""
        if not name:
            self.composer.model_box.setFocus()
            self.composer.model_box.showPopup()
            return
        self.composer.set_model(name)
        self._on_model_chosen(name)
        self.status(self.tr("Model switched to {model}.").format(model=name))

    def _update_model_banner(self) -> None:
        entry = catalog.lookup(self.composer.model())
        if entry.is_delisted() and entry.replacements:
            replacement = entry.replacements[0]
            day = entry.delisted_on
            assert day is not None
            self.model_banner.show_message(
                self.tr(
                    "{model} was delisted by Model Studio on {date}; it no longer answers. "
                    "Its recommended replacement is {replacement}."
                ).format(model=entry.label, date=day.isoformat(), replacement=replacement),
                self.tr("Switch to {replacement}").format(replacement=replacement),
            )
            self.model_banner.setProperty("replacement", replacement)
        else:
            self.model_banner.hide()

    def _switch_to_replacement(self) -> None:
        replacement = self.model_banner.property("replacement")
        if replacement:
            self.switch_model(str(replacement))

    def open_settings(self) -> None:
        from app.ui.settings.settings_dialog import SettingsDialog

        existing = self.findChild(SettingsDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return
        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._settings_saved(dialog.settings()))
        dialog.open()

    def _settings_saved(self, saved: Settings) -> None:
        # The dialog edits region, workspace, API and key; keep the window's own choices.
        self.settings = dataclasses.replace(
            saved,
            model=self.settings.model,
            thinking=self.settings.thinking,
            effort=self.settings.effort,
            ui=self.settings.ui,
        )
        self._persist_settings()
        self.notice_banner.hide()
        self._apply_settings_to_composer()

    async def _first_run_check(self) -> None:
        """Open Settings by itself when there is no usable key (looked up off the UI thread:
        the keyring is a D-Bus call that can wait for an unlock prompt)."""
        from app.ui.settings.settings_dialog import needs_first_run_setup

        settings = self.settings
        needed = await asyncio.to_thread(needs_first_run_setup, settings, settings.region)
        if needed and not self._shut_down and self.isVisible() and self.exit_status == 0:
            self.open_settings()

    # -- conversations ------------------------------------------------------------------------

    def new_chat(self) -> None:
        self._open_generation += 1
        self.current_id = None
        self._oldest_loaded = None
        self._has_older = False
        self.chat_view.clear()
        self.sidebar.set_current(None)
        self._update_title(None)
        self._apply_settings_to_composer()
        self.composer.focus_prompt()
        self.actions.update_enabled()

    def refresh_conversations(self) -> None:
        self.spawn(self._refresh_conversations(), "refresh-conversations")

    async def _refresh_conversations(self) -> None:
        store = await self._history()
        if store is None:
            return
        conversations = await asyncio.to_thread(store.list_conversations, CONVERSATION_LIMIT)
        self._conversations = conversations
        self.sidebar.set_conversations(conversations)
        self.sidebar.set_current(self.current_id)

    def open_conversation(self, conversation_id: int) -> asyncio.Task[Any]:
        """Show a conversation (its newest page); returns the loading task."""
        self._open_generation += 1
        return self.spawn(
            self._open_conversation(conversation_id, self._open_generation), "open-conversation"
        )

    async def _open_conversation(self, conversation_id: int, generation: int) -> None:
        if await self._history() is None:
            return
        conv, messages = await asyncio.to_thread(self._read_conversation, conversation_id)
        if generation != self._open_generation:
            return  # the user has already clicked elsewhere
        if conv is None:
            self.status(self.tr("That conversation no longer exists."))
            self.refresh_conversations()
            return
        messages = [self._with_live_text(m) for m in messages]
        self.current_id = conversation_id
        self._has_older = len(messages) == PAGE_SIZE
        self._oldest_loaded = messages[0].id if messages else None
        self.chat_view.set_messages(messages, self._has_older)
        live = self.live
        if live is not None and live.conversation_id == conversation_id and live.usage:
            self.chat_view.set_usage(live.message_id, live.usage)
        self.sidebar.set_current(conversation_id)
        self._update_title(conv.title)
        model = next((m.model for m in reversed(messages) if m.model), None) or conv.model
        if model:
            self.composer.set_model(model)
        self._update_model_banner()
        self.actions.update_enabled()

    def _read_conversation(self, cid: int) -> tuple[Conversation | None, list[Message]]:
        return self.store.get_conversation(cid), self.store.messages(cid, limit=PAGE_SIZE)

    def _with_live_text(self, message: Message) -> Message:
        """Overlay the live text on a streaming row (the store's copy lags by up to a second)."""
        live = self.live
        if live is not None and message.id == live.message_id:
            return dataclasses.replace(message, text=live.answer, thinking=live.thinking)
        if message.status is MessageStatus.STREAMING and not self.worker.is_busy():
            fresh = self.store.get_message(message.id)  # it ended while we were reading
            return fresh or message
        return message

    def _load_older(self) -> None:
        if self.current_id is None or not self._has_older or self._oldest_loaded is None:
            return
        self.spawn(
            self._load_older_page(self.current_id, self._oldest_loaded, self._open_generation),
            "load-older",
        )

    async def _load_older_page(self, cid: int, before: int, generation: int) -> None:
        store = await self._history()
        if store is None:
            return
        older = await asyncio.to_thread(
            lambda: store.messages(cid, limit=PAGE_SIZE, before_id=before)
        )
        if generation != self._open_generation or self._oldest_loaded != before:
            return
        self._has_older = len(older) == PAGE_SIZE
        if older:
            self._oldest_loaded = older[0].id
        self.chat_view.prepend_messages(older, self._has_older)

    def _rename(self, cid: int, title: str) -> None:
        async def rename() -> None:
            store = await self._history()
            if store is None:
                return
            await asyncio.to_thread(store.rename_conversation, cid, title)
            await self._refresh_conversations()

        self.spawn(rename(), "rename")

    def _delete(self, cid: int) -> None:
        if self.worker.conversation_id == cid:
            self.status(self.tr("Stop the streaming reply before deleting its conversation."))
            return

        async def delete() -> None:
            store = await self._history()
            if store is None:
                return
            await asyncio.to_thread(store.delete_conversation, cid)
            if self.current_id == cid:
                self.new_chat()
            await self._refresh_conversations()

        self.spawn(delete(), "delete")

    def _search(self, query: str) -> None:
        async def search() -> None:
            store = await self._history()
            if store is None:
                return
            hits = await asyncio.to_thread(store.search, query)
            self.sidebar.set_search_results(query, hits)

        self.spawn(search(), "search")

    def _update_title(self, title: str | None) -> None:
        self.setWindowTitle(f"{title} — SeekDesk" if title else "SeekDesk")

    def current_conversation(self) -> Conversation | None:
        return next((c for c in self._conversations if c.id == self.current_id), None)

    # -- window state -------------------------------------------------------------------------

    def _restore_ui_state(self) -> None:
        ui = self.settings.ui
        geometry = ui.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        sizes = ui.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 2 and all(isinstance(x, int) for x in sizes):
            self.splitter.setSizes(sizes)
        self.actions.set_sidebar(bool(ui.get("sidebar", True)))
        self.actions.apply_zoom(int(ui.get("zoom", 0) or 0))

    def save_ui_state(self) -> None:
        ui = dict(self.settings.ui)
        ui["geometry"] = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        ui["splitter"] = self.splitter.sizes()
        ui["sidebar"] = not self.sidebar.isHidden()
        ui["zoom"] = self.actions.zoom
        self.settings = dataclasses.replace(self.settings, ui=ui)
        self._persist_settings()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The system switched light/dark. The chat view styles itself with a style sheet,
            # which pins its palette, so hand it the new one explicitly (it restyles on it).
            self.chat_view.setPalette(self.palette())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Stop now: the session writes the partial reply as `stopped`; shutdown() waits for it.
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
        if self._opening is not None and not self._opening.done():
            # A migration or backup cannot be interrupted (its thread runs on regardless, and
            # Python waits for it at exit): let it finish; _open_history then closes the store.
            await asyncio.wait([self._opening])
        pending = [t for t in self._tasks if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=10)
        if self._owns_store and self._store is not None:
            self._store.close()

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About SeekDesk"),
            self.tr(
                "<h3>SeekDesk {version}</h3><p>A desktop chat client for DeepSeek and Qwen "
                "models on Alibaba Cloud Model Studio.</p><p>Your history stays on this "
                "computer; your API key stays in the system keyring.</p>"
            ).format(version=__version__),
        )

    def sidebar_focus_search(self) -> None:
        if self.sidebar.isHidden():
            self.actions.set_sidebar(True)
        self.sidebar.focus_search()

    def copy(self) -> None:
        widget = QApplication.focusWidget()
        copy: Callable[[], None] | None = getattr(widget, "copy", None)
        if callable(copy):
            copy()
