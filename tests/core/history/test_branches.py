"""Conversations keep every version: regenerate and edit make siblings, the user switches between
them, the selected path is what is shown and sent, and Delete can be undone exactly."""

from __future__ import annotations

import sqlite3

import pytest

from app.core import paths
from app.core.history import HistoryStore, MessageStatus, branches, schema
from tests.core.history.conftest import add_exchange


def texts(store, conversation_id) -> list[str]:
    return [m.text for m in store.messages(conversation_id)]


def regenerate(store, user_id: int, answer: str) -> int:
    """What ChatSession.regenerate writes: a new reply beside the old ones."""
    user = store.get_message(user_id)
    branches.start_branch_at(store, user.conversation_id, user.id)
    reply = store.start_assistant_message(user.conversation_id, model="m")
    store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
    return reply.id


def edit(store, user_id: int, prompt: str, answer: str) -> tuple[int, int]:
    """What ChatSession.edit_and_resend writes: an edited prompt beside the original."""
    user = store.get_message(user_id)
    branches.start_branch_at(store, user.conversation_id, user.parent_id)
    edited = store.add_user_message(user.conversation_id, prompt)
    reply = store.start_assistant_message(user.conversation_id, model="m")
    store.finish_message(reply.id, MessageStatus.COMPLETE, text=answer, thinking="")
    return edited.id, reply.id


def test_regenerated_replies_are_siblings_and_the_newest_is_shown(store):
    conv = store.create_conversation("Haiku", "m", "cn-beijing", "openai")
    user, first = add_exchange(store, conv.id, "Write a haiku", "First take.")
    second = regenerate(store, user, "Second take.")
    third = regenerate(store, user, "Third take.")

    assert texts(store, conv.id) == ["Write a haiku", "Third take."]
    shown = store.messages(conv.id)
    assert branches.branch_positions(store, shown) == {third: (3, 3)}

    assert branches.select_sibling(store, third, -1) == second
    assert texts(store, conv.id) == ["Write a haiku", "Second take."]
    assert branches.select_sibling(store, first, -1) is None  # already the first


def test_switching_an_edited_prompt_shows_its_own_replies_and_follow_ups(store):
    conv = store.create_conversation("Capitals", "m", "cn-beijing", "openai")
    france, _ = add_exchange(store, conv.id, "Capital of France?", "Paris.")
    add_exchange(store, conv.id, "Population?", "About 2 million.")
    germany, _ = edit(store, france, "Capital of Germany?", "Berlin.")

    assert texts(store, conv.id) == ["Capital of Germany?", "Berlin."]
    assert branches.branch_positions(store, store.messages(conv.id)) == {germany: (2, 2)}

    branches.select_sibling(store, germany, -1)
    assert texts(store, conv.id) == [
        "Capital of France?",
        "Paris.",
        "Population?",
        "About 2 million.",
    ]

    # A new prompt goes on from the path on screen.
    add_exchange(store, conv.id, "And its river?", "The Seine.")
    assert texts(store, conv.id)[-2:] == ["And its river?", "The Seine."]


def test_branches_survive_a_restart(store):
    conv = store.create_conversation("Haiku", "m", "cn-beijing", "openai")
    user, first = add_exchange(store, conv.id, "Write a haiku", "First take.")
    regenerate(store, user, "Second take.")
    branches.select(store, first)
    store.close()
    with HistoryStore.open() as again:
        assert texts(again, conv.id) == ["Write a haiku", "First take."]
        assert branches.branch_positions(again, again.messages(conv.id)) == {first: (1, 2)}


def test_deleting_a_prompt_removes_what_follows_on_every_branch_and_undo_puts_it_back(store):
    conv = store.create_conversation("Capitals", "m", "cn-beijing", "openai")
    add_exchange(store, conv.id, "Hello", "Hi!")
    france, paris = add_exchange(store, conv.id, "Capital of France?", "Paris.")
    regenerate(store, france, "Paris, of course.")
    add_exchange(store, conv.id, "Population?", "About 2 million.")
    before = [(m.id, m.text) for m in store.messages(conv.id)]

    removed = branches.delete_subtree(store, france)

    assert removed.count == 5  # the prompt, both replies, the follow-up exchange
    assert texts(store, conv.id) == ["Hello", "Hi!"]
    assert store.get_message(paris) is None
    assert not [h for h in store.search("Capital of France") if h.message_id]

    branches.restore(store, removed)
    assert [(m.id, m.text) for m in store.messages(conv.id)] == before  # same ids, same path
    assert [h.message_id for h in store.search("Capital of France") if h.message_id] == [france]


def test_deleting_a_selected_reply_shows_its_remaining_sibling(store):
    conv = store.create_conversation("Haiku", "m", "cn-beijing", "openai")
    user, _ = add_exchange(store, conv.id, "Write a haiku", "First take.")
    second = regenerate(store, user, "Second take.")
    branches.delete_subtree(store, second)
    assert texts(store, conv.id) == ["Write a haiku", "First take."]
    assert branches.branch_positions(store, store.messages(conv.id)) == {}


def test_an_upgraded_history_is_one_linear_path_per_conversation(isolated_dirs):
    db = paths.data_dir() / "history.sqlite3"
    with HistoryStore.open() as store:
        conv = store.create_conversation("Old", "m", "cn-beijing", "openai")
        add_exchange(store, conv.id, "one", "1")
        add_exchange(store, conv.id, "two", "2")
    conn = sqlite3.connect(db)  # back to version 4, as an older SeekDesk left it
    v3_trigger = next(
        s for s in schema._split(schema.MIGRATIONS[3]) if "TRIGGER usage_ledger_reply" in s
    )
    with conn:
        conn.execute("DROP TRIGGER usage_ledger_reply")  # (version 7's, back to version 3's)
        conn.execute("ALTER TABLE conversations DROP COLUMN preset")
        conn.execute(v3_trigger)
        conn.execute("DROP TRIGGER messages_branch_insert")
        conn.execute("DROP INDEX messages_by_parent")
        conn.execute("ALTER TABLE messages DROP COLUMN parent_id")
        conn.execute("ALTER TABLE conversations DROP COLUMN current_leaf")
        conn.execute("ALTER TABLE conversations DROP COLUMN system_prompt")  # (version 6's)
        conn.execute("ALTER TABLE conversations DROP COLUMN parameters")
        conn.execute("PRAGMA user_version = 4")
    conn.close()

    with HistoryStore.open() as store:
        assert "before-v5" in [b.reason for b in store.backups()]  # backed up first
        assert texts(store, conv.id) == ["one", "1", "two", "2"]
        parents = [m.parent_id for m in store.messages(conv.id)]
        ids = [m.id for m in store.messages(conv.id)]
        assert parents == [None, *ids[:-1]]


# --- export and import ---------------------------------------------------------------------------


def test_a_conversation_with_versions_round_trips_through_json_with_its_selection(store):
    from app.core.history.exchange import export_json, export_markdown, import_data

    conv = store.create_conversation("Capitals", "m", "cn-beijing", "openai")
    france, paris = add_exchange(store, conv.id, "Capital of France?", "Paris.")
    regenerate(store, france, "Paris, on the Seine.")
    germany, _ = edit(store, france, "Capital of Germany?", "Berlin.")
    branches.select(store, paris)  # the user looks at the first version

    document = export_json(store, [conv.id])
    assert document["version"] == 2  # an older SeekDesk would misread the versions
    (exported,) = document["conversations"]
    assert [m["parent"] for m in exported["messages"]] == [None, 0, 0, None, 3]
    assert exported["messages"][exported["selected"]]["text"] == "Paris."
    markdown = export_markdown(store, [conv.id])
    assert "Paris." in markdown and "Berlin" not in markdown  # the selected path only

    exported["uid"] = "a-copy"
    (copy,) = import_data(store, document).conversation_ids
    assert texts(store, copy) == ["Capital of France?", "Paris."]
    shown = store.messages(copy)
    assert branches.branch_positions(store, shown) == {shown[0].id: (1, 2), shown[1].id: (1, 2)}
    branches.select_sibling(store, shown[0].id, 1)
    assert texts(store, copy) == ["Capital of Germany?", "Berlin."]
    assert germany not in [m.id for m in store.messages(copy)]  # new rows, same tree


def test_a_linear_conversation_is_still_exported_as_version_1(store):
    from app.core.history.exchange import export_json

    conv = store.create_conversation("Plain", "m", "cn-beijing", "openai")
    add_exchange(store, conv.id, "one", "1")
    add_exchange(store, conv.id, "two", "2")
    document = export_json(store, [conv.id])
    assert document["version"] == 1
    assert [m["parent"] for m in document["conversations"][0]["messages"]] == [None, 0, 1, 2]


def test_a_parent_that_is_not_an_earlier_message_is_refused_and_nothing_imported(store):
    from app.core.history.exchange import export_json, import_data
    from app.core.history.validate import ImportFormatError

    conv = store.create_conversation("Plain", "m", "cn-beijing", "openai")
    add_exchange(store, conv.id, "one", "1")
    document = export_json(store, [conv.id])
    document["conversations"][0]["uid"] = "tampered"
    document["conversations"][0]["messages"][0]["parent"] = 1  # points forward
    before = store.count_conversations()
    with pytest.raises(ImportFormatError, match="parent is 1, but it must be the index of an"):
        import_data(store, document)
    assert store.count_conversations() == before
