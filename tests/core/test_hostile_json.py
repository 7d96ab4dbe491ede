"""JSON from a server or a file that escapes half a surrogate pair: still text, never a crash.

``"\\ud800"`` is valid JSON but not encodable text; kept as is it made SQLite refuse the reply
at its end (the whole turn crashed and the answer was lost). It is read as U+FFFD, like a bad
UTF-8 byte; an escaped *pair* stays the character it spells.
"""

from __future__ import annotations

from app.core import untrusted


def test_a_lone_surrogate_escape_becomes_a_replacement_character_anywhere_in_the_document():
    value = untrusted.loads(rb'{"a":["x\ud800y",{"k\uDC00":"\udfff"}],"e":"\ud83d\ude00"}')
    assert value == {"a": ["x\ufffdy", {"k\ufffd": "\ufffd"}], "e": "😀"}
    for text in ("x\ufffdy", "😀"):
        text.encode("utf-8")


def test_a_bare_string_and_str_input_are_cleaned_too():
    assert untrusted.loads('"\\uD800 tail"') == "\ufffd tail"
    assert untrusted.loads('["\\ud7ff"]') == ["\ud7ff"]  # not a surrogate: untouched
    assert untrusted.loads('{"ok": "plain"}') == {"ok": "plain"}
