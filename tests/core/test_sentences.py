"""A core sentence is its English (what the command line prints) and remembers its template,
so a front end can say it in another language; a translation that lost a placeholder never
shows a broken sentence."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

from app.core.sentences import NOTICE, Sentence, Term, notice


def test_a_sentence_is_its_english_and_keeps_its_parts():
    told = notice("The file {path} is {size} KB; kept until {day}.", path="/tmp/a b", size=12,
                  day=dt.date(2026, 7, 9))  # fmt: skip
    assert told == "The file /tmp/a b is 12 KB; kept until July 9, 2026."
    assert isinstance(told, str) and told.context == NOTICE
    assert dict(told.values)["day"] == dt.date(2026, 7, 9)


def test_told_in_another_language_with_values_written_its_way():
    region = Term("Setting", "Singapore")
    told = Sentence("Notice", "Region {where}: wait {seconds} s.", where=region, seconds=2.5)
    catalogue = {"Region {where}: wait {seconds} s.": "地域 {where}：请等待 {seconds} 秒。"}
    names = {"Singapore": "新加坡"}

    def translate(context: str, text: str) -> str:
        return (catalogue if context == "Notice" else names).get(text, text)

    def render(value: object) -> str:
        return translate(value.context, value.text) if isinstance(value, Term) else str(value)

    assert told.told(translate, render) == "地域 新加坡：请等待 2.5 秒。"
    assert told.told(lambda _c, _t: "地域 {place}") == told  # a lost placeholder: the English


def test_a_sentence_survives_copy_and_pickle():
    told = notice("Moved to {moved}.", moved="/x.broken")
    for again in (copy.deepcopy(told), pickle.loads(pickle.dumps(told))):
        assert again == told and again.template == "Moved to {moved}."
