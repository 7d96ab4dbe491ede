"""What the history raises when the disk, the file or another program lets it down: one family,
each fault its own kind and sentence, never a raw ``sqlite3.Error``, and nothing already saved
is lost."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.errors import HINTS, ErrorKind, failure_for
from app.core.history import (
    ConversationGoneError,
    HistoryBugError,
    HistoryError,
    HistoryStore,
    StorageCorruptError,
    StorageError,
    StorageFullError,
    StorageLockedError,
    StorageReadOnlyError,
)
from tests.core.history.conditions import (
    damage_messages,
    fill_disk,
    free_disk,
    held_by_another_program,
    make_read_only,
)


def _raised(call) -> HistoryError:
    with pytest.raises(HistoryError) as caught:
        call()
    assert not isinstance(caught.value, sqlite3.Error)
    return caught.value


def test_a_full_disk_is_a_full_disk_and_what_was_saved_stays(store):
    conversation = store.create_conversation("Kept")
    store.add_user_message(conversation.id, "saved before the disk filled up")
    fill_disk(store)

    error = _raised(lambda: store.add_user_message(conversation.id, "long " * 5000))

    assert isinstance(error, StorageFullError) and isinstance(error, StorageError)
    assert str(error).startswith("The history could not be saved: database or disk is full")
    failure = failure_for(error)
    assert failure.kind is ErrorKind.STORAGE_FULL
    assert "Free some space" in failure.hint
    free_disk(store)
    assert [m.text for m in store.messages(conversation.id)] == ["saved before the disk filled up"]
    store.add_user_message(conversation.id, "long " * 5000)  # space again: it works again
    assert store.count_messages(conversation.id) == 2


def test_a_read_only_history_says_so(store):
    conversation = store.create_conversation("Kept")
    make_read_only(store)

    error = _raised(lambda: store.rename_conversation(conversation.id, "New name"))

    assert isinstance(error, StorageReadOnlyError)
    assert failure_for(error).kind is ErrorKind.STORAGE_READ_ONLY
    assert "read-only" in failure_for(error).hint
    assert store.get_conversation(conversation.id).title == "Kept"  # reading still works


def test_a_history_locked_too_long_by_another_program_is_locked_not_broken(isolated_dirs):
    store = HistoryStore.open(busy_timeout_ms=100)
    try:
        conversation = store.create_conversation("Kept")
        with held_by_another_program(store.path):
            error = _raised(lambda: store.add_user_message(conversation.id, "hello"))
            assert store.get_conversation(conversation.id) is not None  # readers never wait
        assert isinstance(error, StorageLockedError)
        assert failure_for(error).kind is ErrorKind.STORAGE_LOCKED
        assert "another program" in failure_for(error).hint
        store.add_user_message(conversation.id, "hello")  # released: the write goes through
    finally:
        store.close()


def test_a_history_damaged_while_open_is_corrupt_and_the_sentence_says_how_to_recover(store):
    conversation = store.create_conversation("Kept")
    for n in range(50):
        store.add_user_message(conversation.id, f"message {n} " + "x" * 300)

    damage_messages(store.path)
    error = _raised(lambda: store.messages(conversation.id))

    assert isinstance(error, StorageCorruptError)
    failure = failure_for(error)
    assert failure.kind is ErrorKind.STORAGE_CORRUPT
    assert "seekdesk history restore" in failure.hint


def test_using_the_history_wrongly_is_a_bug_not_the_disks_fault(store):
    store.close()

    error = _raised(store.count_conversations)

    assert isinstance(error, HistoryBugError) and not isinstance(error, StorageError)
    assert failure_for(error).kind is ErrorKind.INTERNAL


def test_writing_to_a_conversation_another_seekdesk_deleted_says_so_not_a_bug(store):
    conversation = store.create_conversation("Deleted from a terminal")
    other = HistoryStore.open(store.path)  # `seekdesk history delete` in a terminal
    try:
        assert other.delete_conversation(conversation.id)
    finally:
        other.close()

    error = _raised(lambda: store.add_user_message(conversation.id, "typed meanwhile"))

    assert isinstance(error, ConversationGoneError) and not isinstance(error, HistoryBugError)
    failure = failure_for(error)
    assert failure.kind is ErrorKind.CONVERSATION_GONE
    assert "deleted by another SeekDesk" in failure.hint and "internal" not in failure.hint


def test_every_storage_kind_has_its_own_sentence():
    storage = [k for k in ErrorKind if k.value.startswith("storage_")]
    assert len(storage) == 5
    sentences = [HINTS[k] for k in storage]
    assert len(set(sentences)) == len(sentences)
    assert all(s.endswith(".") and "history" in s for s in sentences)
