"""The history store on real SQLite files: what a user keeps, sees and never loses."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from app.core import paths
from app.core.history import HistoryReadOnlyError, HistoryStore, MessageStatus, schema
from tests.core.history.conftest import add_exchange

REPO = Path(__file__).resolve().parents[3]


def test_a_new_history_lives_in_the_data_dir_in_wal_mode(store):
    assert store.path == paths.data_dir() / "history.sqlite3"
    assert store.notices == []
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    conn.close()


def test_conversations_are_listed_newest_activity_first(store):
    old = store.create_conversation("Old", "deepseek-v4-pro", "cn-beijing", "openai")
    new = store.create_conversation("New", "qwen3-max", "cn-beijing", "dashscope")
    assert [c.title for c in store.list_conversations()] == ["New", "Old"]
    add_exchange(store, old.id, "Back to the old one", "Sure.")
    assert [c.title for c in store.list_conversations()] == ["Old", "New"]
    assert [c.title for c in store.list_conversations(limit=1, offset=1)] == ["New"]
    store.rename_conversation(new.id, "Renamed")
    assert store.get_conversation(new.id).title == "Renamed"
    assert store.get_conversation(9999) is None


def test_each_new_conversation_gets_its_own_random_uuid(store):
    uids = [store.conversation_uid(store.create_conversation(f"Chat {n}").id) for n in range(50)]
    assert len(set(uids)) == 50  # what export, import and merge tell conversations apart by
    for uid in uids:
        parsed = uuid.UUID(hex=uid)
        assert parsed.hex == uid and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_a_reply_keeps_everything_learned_about_it(store):
    conv = store.create_conversation("Numbers", "deepseek-v4-pro", "cn-beijing", "openai")
    user_id, reply_id = add_exchange(store, conv.id, "9.9 or 9.11?", "9.9", thinking="compare")
    user, reply = store.messages(conv.id)
    assert (user.id, user.role, user.text, user.status) == (
        user_id,
        "user",
        "9.9 or 9.11?",
        "complete",
    )
    assert reply.id == reply_id and reply.role == "assistant"
    assert (reply.text, reply.thinking, reply.status) == ("9.9", "compare", MessageStatus.COMPLETE)
    assert reply.model == "deepseek-v4-pro" and reply.parameters == {"temperature": 0.6}
    assert reply.usage.reasoning_tokens == 31 and reply.usage.cached_tokens == 2
    assert reply.request_id == f"req-{reply_id}"
    assert reply.started_at <= reply.first_token_at <= reply.finished_at


def test_a_long_conversation_opens_at_its_end_and_loads_backwards(store):
    conv = store.create_conversation("Long")
    ids = [store.add_user_message(conv.id, f"message {i}").id for i in range(120)]
    assert store.count_messages(conv.id) == 120
    newest = store.messages(conv.id, limit=50)
    assert [m.id for m in newest] == ids[-50:]
    older = store.messages(conv.id, limit=50, before_id=newest[0].id)
    assert [m.id for m in older] == ids[-100:-50]
    oldest = store.messages(conv.id, limit=50, before_id=older[0].id)
    assert [m.id for m in oldest] == ids[:20]


def test_deleting_a_conversation_deletes_its_messages(store):
    conv = store.create_conversation("Gone soon")
    add_exchange(store, conv.id, "hello", "hi")
    assert store.delete_conversation(conv.id)
    assert store.messages(conv.id) == []
    assert not store.delete_conversation(conv.id)


def test_a_stale_flush_never_overwrites_a_finished_reply(store):
    conv = store.create_conversation("Race")
    reply = store.start_assistant_message(conv.id, model="m")
    store.finish_message(reply.id, MessageStatus.STOPPED, text="partial answer", thinking="")
    store.flush_streaming(reply.id, "partial", "")  # a flush thread that lost the race
    assert store.get_message(reply.id).text == "partial answer"
    assert store.get_message(reply.id).status is MessageStatus.STOPPED


_STREAMER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from app.core.history import HistoryStore
    store = HistoryStore.open(Path(sys.argv[1]))
    conv = store.create_conversation("Crash test")
    store.add_user_message(conv.id, "Tell me a long story")
    reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
    store.flush_streaming(reply.id, "Once upon a time", "The user wants a story")
    print(reply.id, flush=True)
    time.sleep(600)
    """
)


def _start_streamer(db: Path) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _STREAMER, str(db)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip(), "the streaming process did not start"
    return proc, int(line)


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.stdout is not None
    proc.stdout.close()


def test_a_reply_of_a_killed_process_is_marked_interrupted_with_its_text(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    proc, reply_id = _start_streamer(db)
    _kill(proc)
    with HistoryStore.open() as store:
        reply = store.get_message(reply_id)
        assert reply.status is MessageStatus.INTERRUPTED
        assert reply.text == "Once upon a time"
        assert reply.thinking == "The user wants a story"
        assert reply.finished_at is not None
        # Interrupted replies are searchable like any finished one.
        assert [h.message_id for h in store.search("upon a time")] == [reply_id]


def test_a_reply_still_streaming_in_another_live_process_is_left_alone(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    proc, reply_id = _start_streamer(db)
    try:
        with HistoryStore.open() as store:
            assert store.get_message(reply_id).status is MessageStatus.STREAMING
    finally:
        _kill(proc)
    with HistoryStore.open() as store:
        assert store.get_message(reply_id).status is MessageStatus.INTERRUPTED


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.core.history import HistoryStore
    store = HistoryStore.open(Path(sys.argv[1]))
    conv = store.create_conversation(sys.argv[2])
    for i in range(150):
        store.add_user_message(conv.id, f"{sys.argv[2]} prompt {i}")
        reply = store.start_assistant_message(conv.id, model="m")
        store.flush_streaming(reply.id, "half", "")
        store.finish_message(reply.id, "complete", text=f"{sys.argv[2]} answer {i}", thinking="")
    store.close()
    """
)


def test_two_processes_writing_at_once_do_not_corrupt_the_history(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    HistoryStore.open(db).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(db), name], cwd=REPO)
        for name in ("window", "terminal")
    ]
    assert [w.wait(timeout=110) for w in writers] == [0, 0]
    with HistoryStore.open(db) as store:
        conversations = store.list_conversations()
        assert sorted(c.title for c in conversations) == ["terminal", "window"]
        for conv in conversations:
            texts = [m.text for m in store.messages(conv.id)]
            assert len(texts) == 300
            assert texts[-1] == f"{conv.title} answer 149"
        assert len(store.search("window answer")) == 50
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_history_started(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    db.write_bytes(b"these are not the bytes of a database" * 200)
    with HistoryStore.open() as store:
        assert len(store.notices) == 1
        moved = [p for p in db.parent.iterdir() if p.name.startswith("history.sqlite3.corrupt-")]
        assert len(moved) == 1
        assert str(moved[0]) in store.notices[0]
        assert moved[0].read_bytes().startswith(b"these are not the bytes")
        conv = store.create_conversation("Fresh start")
        assert store.get_conversation(conv.id).title == "Fresh start"


def test_a_damaged_database_is_moved_aside(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    with HistoryStore.open() as store:
        conv = store.create_conversation("Precious")
        for i in range(300):
            add_exchange(store, conv.id, f"prompt {i} " * 20, f"answer {i} " * 40)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over many pages
        data[offset : offset + 200] = os.urandom(200)
    db.write_bytes(bytes(data))
    with HistoryStore.open() as store:
        assert store.notices and "moved to" in store.notices[0]
        assert store.list_conversations() == []


def test_a_history_from_a_newer_seekdesk_is_left_untouched(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    with HistoryStore.open() as store:
        conv = store.create_conversation("From the future")
        add_exchange(store, conv.id, "hello", "hi")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with HistoryStore.open() as store:
        assert store.read_only
        assert "newer version" in store.notices[0]
        assert [c.title for c in store.list_conversations()] == ["From the future"]
        with pytest.raises(HistoryReadOnlyError):
            store.create_conversation("Not saved")
    assert db.read_bytes() == before
