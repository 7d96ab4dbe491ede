"""A reply's finish_reason is kept wherever the reply goes: the history (schema 4, older rows
read as unknown), the JSON export and its import, and the Markdown a person reads."""

from __future__ import annotations

from app.core.events import Usage
from app.core.history import MessageStatus
from app.core.history.exchange import export_json, export_markdown, import_data


def cut_reply(store) -> int:
    conv = store.create_conversation("Story", "deepseek-v4-pro", "cn-beijing", "openai")
    store.add_user_message(conv.id, "Tell a long story")
    reply = store.start_assistant_message(conv.id, model="deepseek-v4-pro")
    store.finish_message(
        reply.id,
        MessageStatus.COMPLETE,
        text="Once upon a",
        thinking="",
        usage=Usage(10, 4096),
        finish_reason="length",
    )
    return conv.id


def test_a_cut_reply_keeps_its_finish_reason_through_export_and_import(store):
    conversation_id = cut_reply(store)
    document = export_json(store, [conversation_id])
    prompt, reply = document["conversations"][0]["messages"]
    assert prompt["finish_reason"] is None and reply["finish_reason"] == "length"

    document["conversations"][0]["uid"] = "another-copy"  # imported as a new conversation
    result = import_data(store, document)
    (imported,) = result.conversation_ids
    assert store.messages(imported)[-1].finish_reason == "length"


def test_markdown_says_the_reply_was_cut(store):
    conversation_id = cut_reply(store)
    assert "> *Cut off at the length limit (max_tokens).*" in export_markdown(
        store, [conversation_id]
    )


def test_an_export_without_finish_reasons_still_imports(store):
    conversation_id = cut_reply(store)
    document = export_json(store, [conversation_id])
    for message in document["conversations"][0]["messages"]:
        del message["finish_reason"]  # a file written before the field existed
    document["conversations"][0]["uid"] = "older-file"
    (imported,) = import_data(store, document).conversation_ids
    assert store.messages(imported)[-1].finish_reason is None
