"""Export and import: lossless JSON, readable Markdown, ChatGPT's export; never twice."""

from __future__ import annotations

import json

import pytest

from app.core.history import HistoryStore, MessageStatus
from app.core.history.exchange import (
    FORMAT,
    FORMAT_VERSION,
    ImportFormatError,
    export_json,
    export_markdown,
    import_data,
    import_file,
)
from tests.core.history.conftest import FIXTURES, add_exchange


@pytest.fixture
def filled(store):
    conv = store.create_conversation("Numbers & 数字", "deepseek-v4-pro", "cn-beijing", "openai")
    add_exchange(store, conv.id, "9.9 or 9.11?", "**9.9** is greater.", thinking="0.90 > 0.11")
    user = store.add_user_message(conv.id, "Why?")
    reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
    from app.core.errors import ErrorKind, make_failure

    store.finish_message(
        reply.id,
        MessageStatus.FAILED,
        text="Because",
        thinking="",
        failure=make_failure(
            kind=ErrorKind.RATE_LIMITED, status=429, code="Throttling", request_id="req-x"
        ),
    )
    other = store.create_conversation("第二个对话", "qwen3-max", "ap-southeast-1", "dashscope")
    add_exchange(store, other.id, "你好", "你好！有什么可以帮你？")
    return store, conv.id, other.id, user.id


def _without_ids(document):
    document = dict(document)
    document.pop("exported_at")
    return document


def test_json_export_is_versioned_and_has_every_field(filled):
    store, conv, _, _ = filled
    document = export_json(store, [conv])
    assert (document["format"], document["version"]) == (FORMAT, FORMAT_VERSION)
    (conversation,) = document["conversations"]
    assert conversation["uid"] and conversation["region"] == "cn-beijing"
    user, answer, _, failed = conversation["messages"]
    assert user["role"] == "user" and answer["role"] == "assistant"
    assert answer["thinking"] == "0.90 > 0.11" and answer["status"] == "complete"
    assert answer["usage"] == {
        "input_tokens": 12,
        "output_tokens": 40,
        "reasoning_tokens": 31,
        "cached_tokens": 2,
    }
    assert answer["request_id"].startswith("req-") and answer["parameters"] == {"temperature": 0.6}
    for key in ("created_at", "started_at", "first_token_at", "answer_started_at", "finished_at"):
        assert isinstance(answer[key], float)
    assert failed["status"] == "failed" and failed["text"] == "Because"
    assert failed["failure"]["kind"] == "rate_limited" and failed["failure"]["status"] == 429
    assert failed["request_id"] == "req-x"


def test_json_round_trip_is_lossless_and_importing_twice_adds_nothing(filled, tmp_path):
    store, *_ = filled
    document = export_json(store)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    other = HistoryStore.open(tmp_path / "elsewhere" / "history.sqlite3")
    try:
        first = import_file(other, path)
        assert (first.added, first.skipped, first.messages) == (2, 0, 6)
        again = import_file(other, path)
        assert (again.added, again.skipped) == (0, 2)
        assert other.count_conversations() == 2
        assert _without_ids(export_json(other)) == _without_ids(document)
        assert [h.title for h in other.search("你好")] == ["第二个对话", "第二个对话"]
    finally:
        other.close()
    # Importing into the very history it came from adds nothing either.
    assert import_file(store, path).added == 0


def test_markdown_export_is_readable_with_thinking_apart(filled):
    store, conv, _, _ = filled
    text = export_markdown(store, [conv])
    assert text.startswith("# Numbers & 数字\n")
    assert "## You" in text and "## Assistant · deepseek-v4-pro" in text
    thinking = text.index("<summary>Thinking</summary>")
    assert thinking < text.index("0.90 > 0.11") < text.index("</details>") < text.index("**9.9**")
    assert "(failed)" in text and "Failed** (rate_limited)" in text
    everything = export_markdown(store)
    assert "# Numbers & 数字" in everything and "# 第二个对话" in everything


def test_unknown_files_are_refused_with_a_reason(store):
    with pytest.raises(ImportFormatError, match="neither"):
        import_data(store, {"hello": "world"})
    with pytest.raises(ImportFormatError, match="Update SeekDesk"):
        import_data(store, {"format": FORMAT, "version": FORMAT_VERSION + 2, "conversations": []})
    assert store.count_conversations() == 0


def test_a_chatgpt_export_imports_every_branch_and_shows_the_current_one_text_only(store):
    result = import_file(store, FIXTURES / "chatgpt_conversations.json")
    assert (result.added, result.messages) == (2, 8)  # the abandoned branch too
    bread, chinese = store.list_conversations()[::-1]
    assert bread.title == "Sourdough starter help" and bread.model == "gpt-4o"
    assert bread.created_at == 1700000000.5
    messages = store.messages(bread.id)
    assert [(m.role, m.text) for m in messages] == [
        ("user", "My sourdough starter smells like acetone. Is it dead?"),
        ("assistant", "Not dead: it is hungry. Feed it more often, 1:1:1 twice a day."),
        ("user", "What flour ratio works best for rye?"),  # the branch at current_node
        ("assistant", "For rye, use 100% hydration: equal weights of flour and water."),
    ]
    assert messages[0].created_at == 1700000001.0
    assert all(m.status is MessageStatus.COMPLETE for m in messages)
    assert [m.text for m in store.messages(chinese.id)] == [
        "我想学中文，\n从哪里开始？",
        "先学拼音和声调，然后每天练习常用汉字。",
    ]
    # The abandoned branch is kept, one ‹ › away from the shown one.
    (hit,) = [h for h in store.search("How warm") if h.message_id]
    abandoned = store.get_message(hit.message_id)
    assert abandoned.parent_id == messages[1].id and abandoned.role == "user"
    again = import_file(store, FIXTURES / "chatgpt_conversations.json")
    assert (again.added, again.skipped) == (0, 2)
    assert store.count_conversations() == 2
