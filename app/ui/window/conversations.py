"""The conversations room: which conversation is on screen, and the sidebar's operations.

It owns the answer to "what is on screen" (``current_id``) and everything that reads or changes
the list of conversations: opening one (its newest page), loading older pages as the user
scrolls up, a new chat, rename, delete, search and the sidebar's refresh. All reads run off the
UI thread, as tasks of the window's ``TaskOwner``; a task the user has moved on from is
cancelled, not ignored: opening another conversation (or a new chat) cancels the opening and the
older-page load still under way, and a new search cancels the previous one.

Opening a conversation whose reply is streaming shows the store's row overlaid with the live
text the turn router keeps for it (``live(conversation_id)``), so nothing between two flushes is
missing; several conversations may be streaming, each with its own live reply. Deleting a
conversation whose reply streams stops that reply first (recorded as stopped, then deleted).

It tells the window what changed through ``shown`` (a :class:`~app.ui.window.state.Shown`): the
window then sets its title, the composer's model and the enabled actions.

The sidebar's first fill lists ``FIRST_PAGE`` conversations (a few screens; making a row costs
~0.14 ms, and 500 of them were an eighth of the window's start-up), then, once the window has
painted, the usual ``CONVERSATION_LIMIT`` (the sidebar appends the rows it lacks).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.history import Conversation, HistoryStore, Message, MessageStatus
from app.ui.chat.chat_view import ChatView
from app.ui.common.tasks import TaskOwner
from app.ui.usage import footer
from app.ui.window.history_door import FIRST_PAGE, HistoryDoor
from app.ui.window.sidebar import Sidebar
from app.ui.window.state import LiveReply, Notices, Shown

#: Messages loaded when a conversation opens, and per "load older" step.
PAGE_SIZE = 24
CONVERSATION_LIMIT = 500

OPEN_TASK = "open-conversation"
OLDER_TASK = "load-older"


class ConversationRoom(QObject):
    """The conversation on screen and the sidebar's list (see the module docstring)."""

    shown = Signal(Shown)
    #: The sidebar's list was (re)filled; the first time, the window has its first frame.
    listed = Signal()

    def __init__(
        self,
        door: HistoryDoor,
        tasks: TaskOwner,
        chat_view: ChatView,
        sidebar: Sidebar,
        notices: Notices,
        live: Callable[[int], LiveReply | None],
        stop_streaming: Callable[[list[int]], Awaitable[None]],
        parent: QObject | None = None,
    ) -> None:
        """``live``: the reply streaming in a conversation, as the window saw it (None: none);
        ``stop_streaming``: stops the replies streaming in these conversations and returns once
        each is recorded as stopped."""
        super().__init__(parent)
        self._door = door
        self._tasks = tasks
        self._view = chat_view
        self._sidebar = sidebar
        self._notices = notices
        self._live = live
        self._stop_streaming = stop_streaming
        #: The conversation on screen; None for a new chat.
        self.current_id: int | None = None
        self._conversations: list[Conversation] = []
        self._oldest_loaded: int | None = None
        self._has_older = False
        #: A reply the history refused at its end, as it is to be shown (``window.unsaved``).
        self.unsaved_record: Callable[[int], Message | None] = lambda _message_id: None
        #: How many conversations the sidebar lists; grows as the user scrolls to its end.
        self._list_limit = FIRST_PAGE

    def shows(self, conversation_id: int | None) -> bool:
        return conversation_id is not None and conversation_id == self.current_id

    def current_conversation(self) -> Conversation | None:
        return next((c for c in self._conversations if c.id == self.current_id), None)

    def conversation(self, conversation_id: int) -> Conversation | None:
        """A conversation of the sidebar's list (the newest ones, as many as it has loaded)."""
        return next((c for c in self._conversations if c.id == conversation_id), None)

    # -- what is on screen --------------------------------------------------------------------

    def new_chat(self) -> None:
        self._cancel_loading()
        self.current_id = None
        self._oldest_loaded = None
        self._has_older = False
        self._view.clear()
        self._sidebar.set_current(None)
        self.shown.emit(Shown(None))

    def adopt(self, conversation: Conversation) -> None:
        """A new chat's first turn created ``conversation``: it is now the one on screen."""
        footer.set_region(conversation.region)
        self.current_id = conversation.id
        self._sidebar.set_current(conversation.id)
        self.shown.emit(Shown(conversation.id, conversation.title))

    def open(self, conversation_id: int) -> asyncio.Task[None]:
        """Show a conversation (its newest page); returns the loading task."""
        self._cancel_loading()
        return self._tasks.start(OPEN_TASK, self._open(conversation_id))

    def _cancel_loading(self) -> None:
        self._tasks.cancel(OPEN_TASK)
        self._tasks.cancel(OLDER_TASK)

    async def _open(self, conversation_id: int) -> None:
        store = await self._door.wait()
        if store is None:
            return

        def read() -> tuple[Conversation | None, list[Message]]:
            return (
                store.get_conversation(conversation_id),
                store.messages(conversation_id, limit=PAGE_SIZE),
            )

        for _ in range(3):  # a reply that started there while the page was read: read again
            conv, messages = await asyncio.to_thread(read)
            messages = await self._up_to_date(store, messages)
            live = self._live(conversation_id)
            if live is None or any(m.id == live.message_id for m in messages):
                break
        if conv is None:
            self._notices.status(self.tr("That conversation no longer exists."))
            self.refresh()
            return
        self.current_id = conversation_id
        self._has_older = len(messages) == PAGE_SIZE
        self._oldest_loaded = messages[0].id if messages else None
        footer.set_region(conv.region)  # the replies' costs, at the conversation's prices
        self._view.set_messages(messages, self._has_older)
        live = self._live(conversation_id)
        if live is not None and live.usage:
            self._view.set_usage(live.message_id, live.usage)
        self._sidebar.set_current(conversation_id)
        model = next((m.model for m in reversed(messages) if m.model), None) or conv.model
        self.shown.emit(Shown(conversation_id, conv.title, model or None))

    def show_page(self, conv: Conversation, messages: list[Message], has_older: bool) -> None:
        """Show ``messages`` of ``conv``: a page cut around one message (a search hit, where
        the user left off) instead of the newest; older pages load on scroll as usual."""
        self._cancel_loading()
        self.current_id = conv.id
        self._has_older = has_older
        self._oldest_loaded = messages[0].id if messages else None
        footer.set_region(conv.region)
        live = self._live(conv.id)  # a reply streaming there: its live text, not the last flush
        self._view.set_messages(self._overlaid(messages, live), has_older)
        if live is not None and live.usage:
            self._view.set_usage(live.message_id, live.usage)
        self._sidebar.set_current(conv.id)
        model = next((m.model for m in reversed(messages) if m.model), None) or conv.model
        self.shown.emit(Shown(conv.id, conv.title, model or None))

    async def _up_to_date(self, store: HistoryStore, messages: list[Message]) -> list[Message]:
        """The page as it is now: a row that was streaming when read either is the live reply
        (its text overlaid: the store's copy lags by up to a second) or has ended meanwhile
        (read again). The overlay is done here on the UI thread, after the last await, so no
        delta can fall between it and the view."""
        cid = messages[0].conversation_id if messages else None
        live = self._live(cid) if cid is not None else None
        ended = [
            m.id
            for m in messages
            if m.status is MessageStatus.STREAMING and (live is None or m.id != live.message_id)
        ]
        if ended:
            fresh = await asyncio.to_thread(lambda: {i: store.get_message(i) for i in ended})
            messages = [fresh.get(m.id) or m for m in messages]
        return self._overlaid(messages, self._live(cid) if cid is not None else None)

    def _overlaid(self, messages: list[Message], live: LiveReply | None) -> list[Message]:
        """``messages`` with the live reply's text as received so far (on the UI thread, with
        no await before the view gets them: no delta can fall in between), and any reply the
        history refused at its end as its session holds it (the store has its last flush)."""
        messages = [self.unsaved_record(m.id) or m for m in messages]
        if live is None:
            return messages
        return [
            dataclasses.replace(m, text=live.answer, thinking=live.thinking)
            if m.id == live.message_id
            else m
            for m in messages
        ]

    def load_older(self) -> None:
        """The view reached the top: load the page before the oldest shown (once at a time)."""
        if self.current_id is None or not self._has_older or self._oldest_loaded is None:
            return
        if not self._tasks.running(OLDER_TASK):
            self._tasks.start(OLDER_TASK, self._load_older(self.current_id, self._oldest_loaded))

    async def _load_older(self, cid: int, before: int) -> None:
        store = await self._door.wait()
        if store is None:
            return
        older = await asyncio.to_thread(
            lambda: store.messages(cid, limit=PAGE_SIZE, before_id=before)
        )
        self._has_older = len(older) == PAGE_SIZE
        if older:
            self._oldest_loaded = older[0].id
        self._view.prepend_messages(older, self._has_older)

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._tasks.start("refresh-conversations", self.refreshed())

    async def refreshed(self) -> None:
        """Re-read the sidebar's list (awaitable: the window's first fill awaits it)."""
        store = await self._door.wait()
        if store is None:
            return
        self.show_list(await asyncio.to_thread(store.list_conversations, self._list_limit))

    def show_list(self, conversations: list[Conversation]) -> None:
        """Fill the sidebar with the list as read (the first fill may come read already, by the
        history's early opening: ``FIRST_PAGE`` of them)."""
        self._conversations = conversations
        self._sidebar.set_conversations(conversations, len(conversations) >= self._list_limit)
        self._sidebar.set_current(self.current_id)
        self.listed.emit()
        if self._list_limit < CONVERSATION_LIMIT:  # the first fill: the rest once it is painted
            more = len(conversations) >= self._list_limit
            self._list_limit = CONVERSATION_LIMIT
            if more:
                QTimer.singleShot(0, self, self.refresh)

    def load_more(self) -> None:
        """The user scrolled to the end of the sidebar: list the next older conversations."""
        self._list_limit = len(self._conversations) + CONVERSATION_LIMIT
        self.refresh()

    def rename(self, cid: int, title: str) -> None:
        async def rename() -> None:
            store = await self._door.wait()
            if store is None:
                return
            await asyncio.to_thread(store.rename_conversation, cid, title)
            await self.refreshed()
            if cid == self.current_id:  # the window's title follows
                self.shown.emit(Shown(cid, title))

        self._tasks.start(f"rename-{cid}", rename())

    def delete(self, cid: int) -> asyncio.Task[None]:
        """Delete ``cid`` (its streaming reply, if any, is stopped and recorded first)."""

        async def delete() -> None:
            store = await self._door.wait()
            if store is None:
                return
            await self._stop_streaming([cid])
            await asyncio.to_thread(store.delete_conversation, cid)
            if self.current_id == cid:
                self.new_chat()
            await self.refreshed()

        return self._tasks.start(f"delete-{cid}", delete())

    def search(self, query: str) -> None:
        async def search() -> None:
            store = await self._door.wait()
            if store is None:
                return
            hits = await asyncio.to_thread(store.search, query, 200)  # grouped per conversation
            self._sidebar.set_search_results(query, hits)

        self._tasks.start("search", search())


__all__ = ["CONVERSATION_LIMIT", "FIRST_PAGE", "PAGE_SIZE", "ConversationRoom"]
