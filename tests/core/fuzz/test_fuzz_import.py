"""Whatever file a user imports (a SeekDesk export or a ChatGPT conversations.json, intact,
edited, truncated or hostile), the import either adds conversations the history can show and
export, or is refused with ``ImportFormatError`` and leaves the history exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.history import HistoryStore
from app.core.history.exchange import (
    ImportFormatError,
    export_json,
    export_markdown,
    import_data,
    import_file,
)
from tests.core.fuzz.strategies import FUZZ, JSON_VALUES, deep, mutate, mutated_text

MESSAGE = {
    "role": "assistant",
    "text": "9.9 is greater.",
    "thinking": "Compare",
    "status": "complete",
    "model": "deepseek-v4-pro",
    "parameters": {"thinking": True, "temperature": 0.6},
    "usage": {
        "input_tokens": 12,
        "output_tokens": 40,
        "reasoning_tokens": 31,
        "cached_tokens": None,
    },
    "request_id": "7f3c",
    "created_at": 1764000001.0,
    "started_at": 1764000001.0,
    "first_token_at": 1764000001.8,
    "answer_started_at": 1764000004.2,
    "finished_at": 1764000005.0,
    "failure": {
        "kind": "rate_limited",
        "message": "slow down",
        "code": "Throttling",
        "status": 429,
    },
}
NATIVE = {
    "format": "seekdesk-history",
    "version": 1,
    "exported_at": "2026-11-25T16:30:00+00:00",
    "conversations": [
        {
            "uid": "u1",
            "title": "Which is greater?",
            "model": "deepseek-v4-pro",
            "region": "cn-beijing",
            "api": "openai",
            "created_at": 1764000000.0,
            "updated_at": 1764000012.5,
            "messages": [{**MESSAGE, "role": "user", "failure": None, "usage": None}, MESSAGE],
        },
        {
            "uid": "u2",
            "title": "Second",
            "model": "qwen3-max",
            "region": "singapore",
            "api": "dashscope",
            "created_at": 1764000100.0,
            "updated_at": 1764000100.0,
            "messages": [{**MESSAGE, "role": "user", "failure": None, "usage": None}],
        },
    ],
}
CHATGPT = [
    {
        "id": "c1",
        "title": "Hello",
        "create_time": 1700000000.5,
        "update_time": 1700000100.0,
        "current_node": "n3",
        "mapping": {
            "n1": {"id": "n1", "parent": None, "children": ["n2"], "message": None},
            "n2": {
                "id": "n2",
                "parent": "n1",
                "children": ["n3"],
                "message": {
                    "author": {"role": "user"},
                    "create_time": 1700000001.0,
                    "content": {"content_type": "text", "parts": ["Hi there"]},
                    "metadata": {},
                },
            },
            "n3": {
                "id": "n3",
                "parent": "n2",
                "children": [],
                "message": {
                    "author": {"role": "assistant"},
                    "create_time": 1700000002.0,
                    "content": {"content_type": "text", "parts": ["Hello!"]},
                    "metadata": {"model_slug": "gpt-4o"},
                },
            },
        },
    }
]


@pytest.fixture
def store(isolated_dirs) -> Iterator[HistoryStore]:
    opened = HistoryStore.open()
    yield opened
    opened.close()


def snapshot(store: HistoryStore) -> list:
    """Everything a user could see of the history: every conversation and message."""
    return [(conv, store.messages(conv.id)) for conv in store.list_conversations(limit=10_000)]


def check_import(store: HistoryStore, data) -> None:
    before = snapshot(store)
    try:
        result = import_data(store, data)
    except ImportFormatError as exc:
        assert str(exc)
        assert snapshot(store) == before  # refused as a whole: nothing partial remains
        return
    # What was added can be listed, shown and exported like anything else.
    ids = list(result.conversation_ids)
    for conversation_id in ids:
        store.get_conversation(conversation_id)
        store.messages(conversation_id)
    json.dumps(export_json(store, ids))
    export_markdown(store, ids)


@FUZZ
@given(st.data())
def test_a_mutated_seekdesk_export_is_imported_or_refused_whole(store, data):
    check_import(store, mutate(NATIVE, data, times=4))


@FUZZ
@given(st.data())
def test_a_mutated_chatgpt_export_is_imported_or_refused_whole(store, data):
    check_import(store, mutate(CHATGPT, data, times=4))


@FUZZ
@given(JSON_VALUES)
def test_any_json_value_is_imported_or_refused(store, value):
    check_import(store, value)


@FUZZ
@given(st.data())
def test_a_damaged_file_is_refused_with_a_reason(store, tmp_path_factory, data):
    text = mutated_text(json.dumps(data.draw(st.sampled_from([NATIVE, CHATGPT]))), data)
    path: Path = tmp_path_factory.mktemp("imports") / "export.json"
    path.write_text(text, encoding="utf-8")
    before = snapshot(store)
    try:
        import_file(store, path)
    except ImportFormatError as exc:
        assert str(exc)
        assert snapshot(store) == before


@pytest.mark.parametrize(
    "text", [deep(100_000), deep(100_000, "object"), deep(200)], ids=["list", "object", "200"]
)
def test_a_file_nested_absurdly_deep_is_refused(store, tmp_path, text):
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFormatError):
        import_file(store, path)
    assert store.count_conversations() == 0
