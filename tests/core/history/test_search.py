"""Search finds what the user remembers: any language, any length, highlighted, always current."""

from __future__ import annotations

import pytest

from app.core.history import HIGHLIGHT_END, HIGHLIGHT_START, MessageStatus
from tests.core.history.conftest import add_exchange


def _marked(text: str) -> str:
    return f"{HIGHLIGHT_START}{text}{HIGHLIGHT_END}"


@pytest.fixture
def history(store):
    bread = store.create_conversation("Sourdough baking notes")
    add_exchange(
        store,
        bread.id,
        "My starter smells like acetone",
        "Your Starter is hungry: feed it twice a day.",
        thinking="Acetone smell means the yeast ran out of food.",
    )
    db = store.create_conversation("数据库学习")
    add_exchange(store, db.id, "什么是分布式数据库系统？", "分布式数据库把数据存放在多台机器上。")
    cat = store.create_conversation("宠物")
    add_exchange(store, cat.id, "我的猫不吃饭", "猫可能生病了，请带它去看兽医。")
    return store, bread.id, db.id, cat.id


def test_english_words_are_found_case_insensitively_with_highlights(history):
    store, bread, *_ = history
    hits = store.search("STARTER")
    assert {h.conversation_id for h in hits} == {bread}
    assert any(_marked("Starter") in h.snippet for h in hits)
    assert any(_marked("starter") in h.snippet for h in hits)


def test_thinking_and_titles_are_searched_too(history):
    store, bread, *_ = history
    (hit,) = store.search("yeast ran out")
    assert hit.role == "assistant" and hit.conversation_id == bread
    (title,) = store.search("baking")
    assert title.message_id is None and _marked("baking") in title.snippet


def test_chinese_substrings_are_found(history):
    store, _, db, _ = history
    hits = store.search("数据库")
    assert {h.conversation_id for h in hits} == {db}
    assert {h.message_id is None for h in hits} == {True, False}  # title and messages
    assert all(_marked("数据库") in h.snippet for h in hits)


def test_one_and_two_character_queries_still_find_results(history):
    store, _, db, cat = history
    hits = store.search("猫")
    assert {h.conversation_id for h in hits} == {cat}
    assert all(_marked("猫") in h.snippet for h in hits)
    assert {h.conversation_id for h in store.search("数据")} == {db}
    # A short term narrows a long one.
    assert {h.conversation_id for h in store.search("兽医 猫")} == {cat}
    assert store.search("兽医 狗") == []


def test_every_term_must_appear(history):
    store, bread, *_ = history
    assert {h.conversation_id for h in store.search("feed twice")} == {bread}
    assert store.search("feed thrice") == []


@pytest.mark.parametrize(
    "query", ['"', "AND", "NEAR(a b)", "st*", "a OR b", "-x", "(((", "col:val", "''"]
)
def test_typed_operators_are_plain_text_never_errors(history, query):
    store, *_ = history
    assert isinstance(store.search(query), list)


def test_the_index_follows_edits_and_deletions(history):
    store, bread, db, _ = history
    user = store.messages(bread)[0]
    store.update_message_text(user.id, "My starter smells like nail polish")
    assert store.search("acetone smell") != []  # still in the thinking text
    assert [h.message_id for h in store.search("nail polish")] == [user.id]
    assert all(h.message_id != user.id for h in store.search("like acetone"))
    store.rename_conversation(db, "Databases 101")
    assert [h.conversation_id for h in store.search("Databases 101")] == [db]
    assert all(h.message_id is not None for h in store.search("数据库学习"))
    store.delete_conversation(db)
    assert store.search("分布式") == []


def test_a_streaming_reply_is_indexed_when_it_ends(store):
    conv = store.create_conversation("Live")
    reply = store.start_assistant_message(conv.id, model="m")
    store.flush_streaming(reply.id, "The answer is forty-two", "")
    assert store.search("forty-two") == []
    store.finish_message(
        reply.id, MessageStatus.COMPLETE, text="The answer is forty-two.", thinking=""
    )
    assert [h.message_id for h in store.search("forty-two")] == [reply.id]
