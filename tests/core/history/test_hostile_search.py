"""Searching with what a hostile user pastes into the box: FTS syntax, odd Unicode, a "zalgo"
run of 10,000 combining marks. Every query is text (never parsed), finds what holds it, and
the index is never asked to match a phrase thousands of characters long (FTS5's phrase match
grows with the square of its length when trigrams repeat: the zalgo query took seconds)."""

from __future__ import annotations

import pytest

from app.core.history import HistoryStore
from app.core.history.search import MATCH_CHARS
from tests.core.history.conditions import connection

ZALGO = "Z" + "\u0301" * 10_000
ODD = 'hello "quoted" NEAR(a b) foo* -bar ^x AND OR NOT é\u0301 שלום مرحبا 👨\u200d👩\u200d👧 col:x'


def fill(store: HistoryStore) -> dict[str, int]:
    conv = store.create_conversation("Odd things")
    ids = {}
    for name, text in (("zalgo", ZALGO), ("short", "Z" + "\u0301" * 100), ("odd", ODD)):
        ids[name] = store.add_user_message(conv.id, text).id
    return ids


@pytest.mark.parametrize(
    "query",
    ['"quoted"', "NEAR(a", "foo*", "-bar", "^x", "col:x", "AND", "שלום", "مرحبا", "é\u0301",
     "👨\u200d👩\u200d👧", '"', "(", "*"],
)  # fmt: skip
def test_fts_syntax_and_odd_unicode_are_searched_as_text(store, query):
    ids = fill(store)
    found = {hit.message_id for hit in store.search(query)}
    assert ids["odd"] in found


def test_ten_thousand_combining_marks_find_only_what_holds_them_without_a_huge_match(store):
    ids = fill(store)
    statements: list[str] = []
    connection(store).set_trace_callback(statements.append)
    try:
        hits = store.search("\u0301" * 10_000)
    finally:
        connection(store).set_trace_callback(None)
    assert [hit.message_id for hit in hits] == [ids["zalgo"]]  # not the 100-mark one
    assert max(len(sql) for sql in statements) < 4 * MATCH_CHARS + 1_000
    assert {h.message_id for h in store.search("\u0301" * 100)} == {ids["short"], ids["zalgo"]}
    assert store.search("\u0301" * 10_001) == []
