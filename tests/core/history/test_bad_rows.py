"""Values that are already in a history and break its rules (written by an older version, a
restore or a hand edit in an SQLite tool) never crash a listing, a show, an export, a search or
the CLI: the row is shown with the bad value replaced, and marked as repaired."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.cli import main
from app.core.history import HistoryStore, MessageStatus
from app.core.history.exchange import export_json, export_markdown, import_data
from tests.core.history.conftest import add_exchange

BAD_MESSAGE = {
    "status": "exploded",
    "role": "robot",
    "created_at": "yesterday",
    "finished_at": 1e308,
    "input_tokens": "lots",
    "output_tokens": -7,
    "parameters": "[[[",
    "failure_status": "five hundred",
    "text": 12345,
}
BAD_CONVERSATION = {"title": b"\xff\xfe", "created_at": "tuesday", "updated_at": float("inf")}


@pytest.fixture
def damaged(store: HistoryStore) -> tuple[int, int]:
    conv = store.create_conversation("Hand-edited", "deepseek-v4-pro", "cn-beijing", "openai")
    _, reply_id = add_exchange(store, conv.id, "hello", "hi there")
    good = store.create_conversation("Untouched", "deepseek-v4-pro", "cn-beijing", "openai")
    add_exchange(store, good.id, "still fine?", "yes")
    # Break the rows behind the store's back, as an SQLite browser would.
    db = sqlite3.connect(store.path)
    for column, value in BAD_MESSAGE.items():
        db.execute(f"UPDATE messages SET {column} = ? WHERE id = ?", (value, reply_id))
    for column, value in BAD_CONVERSATION.items():
        db.execute(f"UPDATE conversations SET {column} = ? WHERE id = ?", (value, conv.id))
    db.commit()
    db.close()
    return conv.id, reply_id


def test_a_damaged_row_is_listed_shown_and_marked(store, damaged):
    conv_id, reply_id = damaged
    conversations = store.list_conversations()
    untouched = next(c for c in conversations if c.id != conv_id)
    assert len(conversations) == 2
    conv = store.get_conversation(conv_id)
    assert conv is not None and conv.title == "\ufffd\ufffd" and conv.created_at == 0.0
    assert set(conv.repaired) == {"title", "created_at", "updated_at"}
    reply = store.messages(conv_id)[-1]
    assert reply.id == reply_id
    assert reply.status is MessageStatus.FAILED  # an unknown status cannot be trusted complete
    assert reply.text == "12345" and reply.created_at == 0.0 and reply.finished_at is None
    assert reply.usage is None or reply.usage.input_tokens == 0
    assert reply.parameters == {}
    assert {
        "status",
        "role",
        "created_at",
        "finished_at",
        "input_tokens",
        "output_tokens",
        "parameters",
        "failure_status",
    } <= set(reply.repaired)
    # The rows that follow the rules carry no mark.
    assert not untouched.repaired
    assert all(not m.repaired for m in store.messages(untouched.id))


def test_a_damaged_row_exports_as_a_file_that_imports_again(store, damaged, tmp_path):
    conv_id, _ = damaged
    document = export_json(store, [conv_id])
    text = export_markdown(store, [conv_id])
    assert "\ufffd" in text
    # What is exported follows the rules, so it can be imported into another history.
    with HistoryStore.open(tmp_path / "other.sqlite3") as other:
        assert import_data(other, json.loads(json.dumps(document))).added == 1


def test_the_cli_lists_shows_and_exports_a_damaged_history(damaged, capsys):
    conv_id, _ = damaged
    assert main(["history", "list"]) == 0
    assert main(["history", "list", "--json"]) == 0
    assert main(["history", "show", str(conv_id)]) == 0
    out = capsys.readouterr().out
    assert "repaired" in out.lower()
    assert main(["history", "export", "--all", "--format", "json"]) == 0
    assert main(["history", "export", "--all", "--format", "md"]) == 0
    assert main(["history", "search", "hello"]) == 0
