"""The ledger counts every request the service saw, from a real session and from old history."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import sqlite3

from app.core import paths
from app.core.client import ClientOptions
from app.core.events import Usage
from app.core.history import HistoryStore, MessageStatus
from app.core.regions import resolve_endpoint
from app.core.session import ChatSession, SessionConfig
from app.core.usage.report import compute_usage
from tests.core.usage.conftest import add_reply, build_fixture
from tests.fakeserver import error, thinking_answer

KEY = "sk-test-0123456789abcdef-never-stored"


def _ledger(store: HistoryStore) -> list[tuple]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(
            "SELECT kind, status, model, region, api, conversation_id, input_tokens, "
            "output_tokens, reasoning_tokens, usage_reported FROM usage_ledger ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _run(agen) -> list:
    async def collect():
        return [event async for event in agen]

    return asyncio.run(collect())


def test_a_throttled_attempt_then_a_reply_are_two_requests(store, fake_server):
    fake_server.enqueue(error(429, "Throttling.RateQuota", "Requests rate limit exceeded."))
    fake_server.enqueue(thinking_answer("Compare.", "9.9 is greater."))
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake_server.base_url)
    options = ClientOptions(backoff_base=0.01, backoff_max=0.02)
    session = ChatSession(
        store,
        SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro", options=options),
    )
    _run(session.send("Which is greater, 9.9 or 9.11?"))
    rows = _ledger(store)
    assert [r[:2] for r in rows] == [("retry", "retried"), ("reply", "complete")]
    retry, reply = rows
    assert retry[2:6] == ("deepseek-v4-pro", "cn-beijing", "openai", session.conversation_id)
    assert retry[6:] == (0, 0, 0, 0)
    message = store.messages(session.conversation_id)[-1]
    assert reply[6:9] == (
        message.usage.input_tokens,
        message.usage.output_tokens,
        message.usage.reasoning_tokens,
    )
    assert reply[9] == 1


def test_a_reply_refused_before_it_left_is_not_counted(store):
    conv = store.create_conversation("Offline", "deepseek-v4-pro", "cn-beijing", "openai")
    add_reply(store, conv.id, 1_790_000_000.0, MessageStatus.FAILED, None)
    assert _ledger(store) == []


def test_flushes_of_a_growing_reply_do_not_add_rows(store):
    conv = store.create_conversation("Flush", "deepseek-v4-pro", "cn-beijing", "openai")
    row = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
    store.flush_streaming(row.id, "half", "", first_token_at=row.started_at)
    store.flush_streaming(row.id, "half and more", "")
    assert _ledger(store) == []
    store.finish_message(
        row.id,
        MessageStatus.COMPLETE,
        text="done",
        thinking="",
        usage=Usage(3, 4),
        daily_backup=False,
    )
    store.update_message_text(row.id, "edited later")
    assert len(_ledger(store)) == 1


def test_deleting_messages_or_a_conversation_does_not_rewrite_the_past(isolated_dirs):
    with HistoryStore.open() as store:
        ids = build_fixture(store)  # deletes the "Gone" conversation at the end
        before = compute_usage(store).total.tokens
        replies = [m for m in store.messages(ids["numbers"]) if m.role == "assistant"]
        store.delete_messages_from(replies[0].id)
        store.delete_conversation(ids["numbers"])
        assert compute_usage(store).total.tokens == before


def _v2_history(db) -> None:
    """A history as SeekDesk wrote it before the ledger: schema version 2, three replies."""
    from app.core.history import schema

    conn = sqlite3.connect(db, isolation_level=None)
    for version in (1, 2):
        for statement in schema._split(schema.MIGRATIONS[version]):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO conversations (id, uid, title, model, region, api, created_at, updated_at) "
        "VALUES (1, 'u1', 'Old', 'deepseek-v4-pro', 'cn-beijing', 'openai', 1.0, 1.0)"
    )
    rows = [
        # role, status, input, output, reasoning, cached, request id, failure status, at
        ("user", "complete", None, None, None, None, None, None, 1.0),
        ("assistant", "complete", 100, 50, 30, 20, "r1", None, 2.0),
        ("assistant", "stopped", 200, 10, None, None, None, None, 3.0),
        ("assistant", "failed", None, None, None, None, "r3", 429, 4.0),
        ("assistant", "failed", None, None, None, None, None, None, 5.0),  # never reached
    ]
    conn.executemany(
        "INSERT INTO messages (conversation_id, role, status, model, input_tokens, output_tokens, "
        "reasoning_tokens, cached_tokens, request_id, failure_status, created_at, started_at) "
        "VALUES (1, ?, ?, 'deepseek-v4-pro', ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*r, r[-1]) for r in rows],
    )
    conn.close()


def test_replies_made_before_the_ledger_existed_are_counted_once_after_the_upgrade(isolated_dirs):
    """A version-2 history (no ledger) is upgraded, after a backup, and its replies counted."""
    _v2_history(paths.data_dir() / "history.sqlite3")
    with HistoryStore.open() as store:
        assert any("upgraded" in n for n in store.notices)
        assert any(b.reason == "before-v3" for b in store.backups())
        backfilled = compute_usage(store, dt.date(1970, 1, 1), dt.date(1970, 1, 1), tz=dt.UTC)
        tokens = backfilled.total.tokens
        assert (tokens.requests, tokens.input, tokens.output, tokens.reasoning, tokens.cached) == (
            3,
            300,
            60,
            30,
            20,
        )
        assert {r.key: r.tokens.requests for r in backfilled.by_region} == {"cn-beijing": 3}
    with HistoryStore.open() as store:  # opening again adds nothing
        again = compute_usage(store, dt.date(1970, 1, 1), dt.date(1970, 1, 1), tz=dt.UTC)
        assert again.total.tokens == tokens


def test_a_reply_cut_off_by_a_crash_is_counted_when_marked_interrupted(store):
    """The sweep on open marks a dead process's reply interrupted; what it had got counts."""
    conv = store.create_conversation("Crash", "deepseek-v4-pro", "cn-beijing", "openai")
    row = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
    store.flush_streaming(row.id, "Once upon", "", first_token_at=row.started_at)
    with store.transaction() as conn:  # what HistoryStore does on open for a dead owner
        conn.execute("UPDATE messages SET status = 'interrupted' WHERE id = ?", (row.id,))
    [counted] = _ledger(store)
    assert counted[:2] == ("reply", "interrupted") and counted[9] == 0  # no usage reported


def test_a_conversation_begun_from_a_preset_is_counted_under_that_preset(store, fake_server):
    fake_server.enqueue(
        thinking_answer("", "Ahoy."), thinking_answer("", "Aye."), thinking_answer("", "Plain.")
    )
    endpoint = resolve_endpoint("cn-beijing", "openai", base_url=fake_server.base_url)
    config = SessionConfig(endpoint=endpoint, api_key=KEY, model="deepseek-v4-pro")
    pirate = ChatSession(store, dataclasses.replace(config, preset="Pirate"))
    _run(pirate.send("Hello"))
    _run(pirate.send("Again"))  # the same conversation: still the pirate's
    _run(ChatSession(store, config).send("No preset here"))

    conn = sqlite3.connect(store.path)
    try:
        presets = conn.execute("SELECT preset FROM usage_ledger ORDER BY id").fetchall()
    finally:
        conn.close()
    assert presets == [("Pirate",), ("Pirate",), (None,)]
    rows = {r.key: r.tokens.requests for r in compute_usage(store).rows("preset")}
    assert rows == {"Pirate": 2, "": 1}


def test_a_reply_regenerated_after_a_region_switch_is_booked_where_it_was_asked(store, fake_server):
    fake_server.enqueue(thinking_answer("", "First."), thinking_answer("", "Second."))
    beijing = resolve_endpoint("cn-beijing", "openai", base_url=fake_server.base_url)
    virginia = resolve_endpoint("us-east-1", "dashscope", base_url=fake_server.base_url)
    first = ChatSession(
        store, SessionConfig(endpoint=beijing, api_key=KEY, model="deepseek-v4-pro")
    )
    _run(first.send("Hello"))
    reply = store.messages(first.conversation_id)[-1]

    later = ChatSession(
        store, SessionConfig(endpoint=virginia, api_key=KEY, model="deepseek-v4-pro")
    )
    _run(later.regenerate(reply.id))

    assert [(r[3], r[4]) for r in _ledger(store)] == [
        ("cn-beijing", "openai"),
        ("us-east-1", "dashscope"),
    ]
