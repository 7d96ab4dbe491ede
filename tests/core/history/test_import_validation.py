"""A user imports a file that is damaged, edited by hand or crafted: it is refused as a whole,
the first problem is named (conversation, field, value), and the history is left exactly as it
was. A ChatGPT tree that is not a tree (cycles, missing nodes, no current node) imports its
longest acyclic branch instead of hanging."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest

from app.core.history import StorageError
from app.core.history.exchange import FORMAT, ImportFormatError, import_data, import_file
from tests.core.history.conftest import FIXTURES


def message(role: str, text: str, **extra) -> dict:
    return {"role": role, "text": text, "status": "complete", "created_at": 1764000001.0, **extra}


def export(*conversations: dict) -> dict:
    return {"format": FORMAT, "version": 1, "conversations": list(conversations)}


def conversation(uid: str, title: str, *messages: dict) -> dict:
    return {
        "uid": uid,
        "title": title,
        "model": "deepseek-v4-pro",
        "created_at": 1764000000.0,
        "updated_at": 1764000000.0,
        "messages": list(messages)
        or [message("user", f"{title}?"), message("assistant", f"{title}!")],
    }


GOOD = conversation("u-good", "Fine one")


@pytest.mark.parametrize(
    ("bad_message", "field", "value"),
    [
        (message("assistant", "x", status="exploded"), "status", "'exploded'"),
        (message("assistant", "x", created_at="yesterday"), "created_at", "'yesterday'"),
        (message("assistant", "x", created_at=1e300), "created_at", "1e+300"),
        (message("assistant", "x", model={"name": "m"}), "model", "an object"),
        (message("assistant", "x", usage={"output_tokens": 1e300}), "output_tokens", "1e+300"),
        (message("assistant", "x", usage={"input_tokens": -5}), "input_tokens", "-5"),
        (message("assistant", "x", parameters={"t": [1, 2]}), "parameters.t", "a list of 2"),
        (message("robot", "x"), "role", "'robot'"),
        (message("assistant", 42), "text", "42"),
        (message("assistant", "x", failure={"status": 7}), "status", "7"),
    ],
)
def test_a_bad_field_refuses_the_whole_file_and_names_it(store, bad_message, field, value):
    bad = conversation("u-bad", "Broken one", message("user", "hi"), bad_message)
    with pytest.raises(ImportFormatError) as refused:
        import_data(store, export(GOOD, bad))
    said = str(refused.value)
    assert said.startswith("Conversation 2 ('Broken one'), message 2")
    assert f"{field} is {value}" in said
    # The good conversation before it was not written either: nothing partial remains.
    assert store.count_conversations() == 0


def test_a_conversation_of_the_wrong_shape_is_named_by_its_number(store):
    with pytest.raises(ImportFormatError, match=r"Conversation 2: the conversation is 'oops'"):
        import_data(store, export(GOOD, "oops"))
    with pytest.raises(ImportFormatError, match=r"Conversation 1 \('Fine one'\): messages is"):
        import_data(store, export({**GOOD, "messages": {"a": 1}}))
    assert store.count_conversations() == 0


@pytest.mark.parametrize(
    ("version", "said"),
    [
        ("1", "format version is '1', which is not a version number"),
        (True, "format version is true, which is not a version number"),
        (None, "format version is null, which is not a version number"),
        (0, "versions start at 1"),
        (3, "reads up to 2. Update SeekDesk"),
    ],
)
def test_a_format_version_of_the_wrong_kind_gets_a_sentence_that_holds_together(
    store, version, said
):
    with pytest.raises(ImportFormatError) as refused:
        import_data(store, {**export(GOOD), "version": version})
    assert said in str(refused.value)
    # Never "has format version 1 … reads up to 1, update" (contradicting itself).
    if version != 3:
        assert "Update SeekDesk" not in str(refused.value)


def test_a_good_file_with_unknown_extra_fields_still_imports(store):
    extra = copy.deepcopy(GOOD)
    extra["colour"] = "blue"
    extra["messages"][0]["mood"] = {"deep": [1, 2, 3]}
    result = import_data(store, {**export(extra), "exported_by": "a newer SeekDesk"})
    assert (result.added, result.messages) == (1, 2)


def test_a_disk_that_fills_during_an_import_leaves_nothing_of_the_file(store):
    big = [
        conversation(f"u{i}", f"Conversation {i}", message("user", "x" * 20_000)) for i in range(40)
    ]
    with store.transaction() as db:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 60}")
    with pytest.raises((sqlite3.Error, StorageError)):
        import_data(store, export(*big))
    assert store.count_conversations() == 0


def chatgpt(mapping: dict, current: str | None) -> list[dict]:
    nodes = {}
    for node_id, (parent, role, text) in mapping.items():
        nodes[node_id] = {
            "id": node_id,
            "parent": parent,
            "children": [],
            "message": {
                "author": {"role": role},
                "create_time": 1700000001.0,
                "content": {"content_type": "text", "parts": [text]},
                "metadata": {},
            },
        }
    conv = {"id": "c1", "title": "Tree", "create_time": 1700000000.0, "mapping": nodes}
    if current is not None:
        conv["current_node"] = current
    return [conv]


@pytest.mark.timeout(30)
def test_a_chatgpt_tree_whose_children_loop_and_no_current_node_shows_the_longest_branch(store):
    data = chatgpt(
        {
            "r": (None, "user", "root question"),
            "a": ("r", "assistant", "first answer"),
            "b": ("a", "user", "follow-up"),
            "side": ("r", "assistant", "abandoned answer"),
        },
        current=None,
    )
    mapping = data[0]["mapping"]
    mapping["r"]["children"] = ["a", "side"]
    mapping["a"]["children"] = ["b"]
    mapping["b"]["children"] = ["r"]  # a loop a blind walk down the children never leaves
    result = import_data(store, data)
    assert result.messages == 4  # the side branch is kept, not shown
    texts = [m.text for m in store.messages(result.conversation_ids[0])]
    assert texts == ["root question", "first answer", "follow-up"]


@pytest.mark.timeout(30)
def test_a_chatgpt_tree_whose_parents_loop_imports_each_node_once(store):
    data = chatgpt(
        {
            "x": ("z", "user", "one"),
            "y": ("x", "assistant", "two"),
            "z": ("y", "user", "three"),
            "tip": ("z", "assistant", "four"),
        },
        current="nowhere",  # a current node that is not in the mapping
    )
    result = import_data(store, data)
    texts = [m.text for m in store.messages(result.conversation_ids[0])]
    assert texts == ["one", "two", "three", "four"]


def test_a_chatgpt_branch_with_a_missing_parent_imports_what_is_there(store):
    data = chatgpt(
        {"q": ("gone", "user", "question"), "a": ("q", "assistant", "answer")}, current="a"
    )
    result = import_data(store, data)
    assert [m.text for m in store.messages(result.conversation_ids[0])] == ["question", "answer"]


@pytest.mark.timeout(60)
def test_a_long_chatgpt_tree_full_of_cycles_is_read_in_linear_work(store):
    # 50 000 nodes in rings of three hanging off one long chain: a quadratic walk would take
    # minutes; the branch found is the chain plus one ring.
    mapping = {}
    for i in range(20_000):
        mapping[f"c{i}"] = (f"c{i - 1}" if i else None, "user", f"chain {i}")
    for i in range(10_000):
        mapping[f"r{i}a"] = (f"r{i}c", "user", "ring")
        mapping[f"r{i}b"] = (f"r{i}a", "user", "ring")
        mapping[f"r{i}c"] = (f"r{i}b", "user", "ring")
    result = import_data(store, chatgpt(mapping, current=None))
    assert result.messages == 20_000


def test_a_chatgpt_node_of_the_wrong_shape_is_named(store):
    data = json.loads((FIXTURES / "chatgpt_conversations.json").read_text())
    data[1]["mapping"]["broken"] = ["not", "a", "node"]
    with pytest.raises(ImportFormatError) as refused:
        import_data(store, data)
    assert "ChatGPT conversation 2" in str(refused.value)
    assert "mapping['broken']" in str(refused.value)
    assert store.count_conversations() == 0


def test_a_file_that_is_not_utf8_json_is_refused_with_its_name(store, tmp_path):
    path = tmp_path / "export.json"
    path.write_bytes(b'{"format": "seekdesk-history", \xff}')
    with pytest.raises(ImportFormatError, match="cannot be read as JSON"):
        import_file(store, path)
