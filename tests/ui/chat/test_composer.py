"""The composer, as a user types in it: Enter sends, Shift+Enter breaks the line, an input method
keeps its Enter, Esc stops, and the model controls follow the catalog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextOption
from PySide6.QtWidgets import QApplication

from app.core import catalog
from app.core.protocols import openai
from app.core.request import ChatRequest, Turn
from app.ui.chat.composer import Composer

AFTER_DELISTING = dt.date(2026, 11, 25)


@pytest.fixture
def composer(qtbot):
    widget = Composer(today=AFTER_DELISTING)
    qtbot.addWidget(widget)
    widget.show()
    widget.edit.setFocus()
    return widget


def sent_texts(composer: Composer) -> list[str]:
    texts: list[str] = []
    composer.send_requested.connect(texts.append)
    return texts


def test_enter_sends_the_prompt(qtbot, composer):
    sent = sent_texts(composer)
    qtbot.keyClicks(composer.edit, "Hello there")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == ["Hello there"]


def test_keypad_enter_sends_too(qtbot, composer):
    sent = sent_texts(composer)
    qtbot.keyClicks(composer.edit, "hi")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert sent == ["hi"]


def test_shift_enter_adds_a_line_and_does_not_send(qtbot, composer):
    sent = sent_texts(composer)
    qtbot.keyClicks(composer.edit, "first line")
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(composer.edit, "second line")
    assert sent == []
    assert composer.text() == "first line\nsecond line"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == ["first line\nsecond line"]


ANYWHERE = QTextOption.WrapMode.WrapAnywhere
AT_WORDS = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def wrap_modes_laid_out_with(composer: Composer) -> list[QTextOption.WrapMode]:
    """The wrap mode in force each time the box lays out a text holding a huge line."""
    modes: list[QTextOption.WrapMode] = []
    document = composer.edit.document()

    def laid_out(*_: object) -> None:
        if document.characterCount() > 40_000:
            modes.append(composer.edit.wordWrapMode())

    document.documentLayout().documentSizeChanged.connect(laid_out)
    return modes


def test_a_pasted_200000_character_line_is_wrapped_anywhere_from_the_start(qtbot, composer):
    """Wrapping one unbroken 200,000-character line at words stalls the window for seconds;
    anywhere it takes milliseconds. Once the line is gone, a prompt wraps at words again."""
    modes = wrap_modes_laid_out_with(composer)
    QApplication.clipboard().setText("x" * 200_000)
    composer.edit.paste()
    assert len(composer.text()) == 200_000  # nothing lost
    assert modes and set(modes) == {ANYWHERE}
    composer.edit.selectAll()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Delete)
    assert composer.edit.wordWrapMode() == AT_WORDS
    qtbot.keyClicks(composer.edit, "a short prompt")
    assert composer.edit.wordWrapMode() == AT_WORDS


def test_a_restored_draft_with_a_huge_line_wraps_anywhere_and_a_normal_one_at_words(composer):
    modes = wrap_modes_laid_out_with(composer)
    composer.set_draft("intro\n" + "y" * 50_000 + "\nthe end")
    assert modes and set(modes) == {ANYWHERE}
    composer.set_draft("just a few words")
    assert composer.edit.wordWrapMode() == AT_WORDS


def test_a_normal_long_prompt_still_breaks_its_lines_between_words(qtbot, composer):
    composer.resize(300, composer.height())
    words = " ".join(f"word{i}" for i in range(60))
    composer.set_text(words)
    block = composer.edit.document().firstBlock()
    lines = block.layout()
    assert lines.lineCount() > 1
    first = lines.lineAt(0)
    assert words[first.textStart() + first.textLength() - 1] == " "  # not cut mid-word


def test_enter_on_an_empty_prompt_sends_nothing_and_send_is_disabled(qtbot, composer):
    sent = sent_texts(composer)
    assert not composer.send_button.isEnabled()
    qtbot.keyClicks(composer.edit, "   ")
    assert not composer.send_button.isEnabled()
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []
    qtbot.keyClicks(composer.edit, "x")
    assert composer.send_button.isEnabled()


def test_enter_that_confirms_an_ime_composition_never_sends(qtbot, composer):
    """Typing 中文 with a pinyin IME: 'zhongwen' is preedit until the Enter that commits it."""
    sent = sent_texts(composer)
    composer.edit.insertPlainText("我想说")  # QTest can only type ASCII
    QApplication.sendEvent(composer.edit, QInputMethodEvent("zhongwen", []))
    assert composer.edit.is_composing()

    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # the IME's Enter
    assert sent == []
    assert composer.text() == "我想说"  # no newline either: the key belonged to the IME

    commit = QInputMethodEvent()
    commit.setCommitString("中文")
    QApplication.sendEvent(composer.edit, commit)
    assert not composer.edit.is_composing()
    assert composer.text() == "我想说中文"

    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)  # now the user's own Enter
    assert sent == ["我想说中文"]


def test_send_button_becomes_stop_while_busy_and_esc_stops(qtbot, composer):
    sent = sent_texts(composer)
    stops: list[bool] = []
    composer.stop_requested.connect(lambda: stops.append(True))
    composer.set_busy(True, "Replying…")
    assert composer.stop_button.isVisible() and not composer.send_button.isVisible()
    qtbot.keyClicks(composer.edit, "next question")  # typing ahead is allowed
    qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert sent == []  # refused while a reply streams
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    assert stops == [True]
    qtbot.mouseClick(composer.stop_button, Qt.MouseButton.LeftButton)
    assert stops == [True, True]
    composer.set_busy(False)
    assert composer.send_button.isVisible() and composer.send_button.isEnabled()


def test_delisted_models_are_hidden_unless_used_then_disabled_with_their_replacement(composer):
    assert composer.model_box.findData("deepseek-r1") < 0  # not offered for a new choice
    composer.set_model("deepseek-r1")  # a conversation on it: shown, marked
    index = composer.model_box.findData("deepseek-r1")
    assert index >= 0
    assert not composer.is_model_enabled("deepseek-r1")
    assert "delisted" in composer.model_box.itemText(index)
    assert "qwen3.7-max" in composer.model_box.itemText(index)
    assert composer.is_model_enabled("deepseek-v4-pro")
    assert composer.is_model_enabled("qwen3.7-max")


def test_thinking_toggle_follows_the_model(composer):
    composer.set_model("deepseek-v4-pro")  # hybrid
    assert composer.thinking_box.isEnabled()
    composer.thinking_box.setChecked(False)
    assert composer.thinking() is False

    composer.set_model("deepseek-r1")  # thinking-only: on and locked
    assert composer.thinking_box.isChecked() and not composer.thinking_box.isEnabled()
    assert composer.thinking() is None

    composer.set_model("deepseek-v3")  # non-thinking: off and locked
    assert not composer.thinking_box.isChecked() and not composer.thinking_box.isEnabled()

    composer.set_model("deepseek-v4-pro")  # back to hybrid: the user's choice comes back
    assert composer.thinking_box.isEnabled() and not composer.thinking_box.isChecked()


def test_effort_only_where_the_model_has_it(composer):
    composer.set_model("deepseek-v4-flash")
    assert composer.effort_box.isVisible()
    composer.set_effort("xhigh")
    assert composer.effort() == "max"
    composer.thinking_box.setChecked(False)  # effort tunes thinking: off with it
    assert not composer.effort_box.isEnabled() and composer.effort() is None
    composer.thinking_box.setChecked(True)
    assert composer.effort_box.isEnabled() and composer.effort() == "max"
    composer.set_model("qwen3.7-plus")
    assert not composer.effort_box.isVisible()
    assert composer.effort() is None


def test_choices_are_signalled_only_when_the_user_makes_them(qtbot, composer):
    models: list[str] = []
    composer.model_changed.connect(models.append)
    composer.set_model("qwen3.6-flash")  # programmatic: silent
    assert models == []
    index = composer.model_box.findData("deepseek-v4-flash")
    composer.model_box.setCurrentIndex(index)  # what a click in the popup does…
    composer.model_box.activated.emit(index)
    assert models == ["deepseek-v4-flash"]
    assert composer.model() == "deepseek-v4-flash"


def test_unknown_model_from_settings_is_kept(composer):
    composer.set_model("qwen-next-preview")
    assert composer.model() == "qwen-next-preview"
    assert composer.thinking_box.isEnabled()


@pytest.mark.parametrize("name", [m.name for m in catalog.MODELS] + ["deepseek-v5-preview"])
def test_what_the_composer_asks_is_what_the_request_body_carries(composer, name):
    """The toggle and the effort box follow the catalog's rules, the same ones the request
    builder applies: nothing the composer offers is silently dropped on the way out."""
    for choice in (True, False):
        composer.set_model(name)
        composer.set_thinking(choice)
        composer.set_effort("max")
        request = ChatRequest(name, (Turn("user", "hi"),), composer.thinking(), composer.effort())
        body = openai.build_body(request)
        assert body.get("enable_thinking") == composer.thinking()
        assert body.get("reasoning_effort") == composer.effort()
        entry = catalog.lookup(name)
        assert composer.thinking_box.isEnabled() == entry.accepts("thinking")
        assert composer.effort_box.isVisibleTo(composer) == entry.accepts("effort")
        if composer.effort() is not None:
            assert composer.thinking_box.isChecked() and composer.effort_box.isEnabled()


def test_the_picker_is_grouped_and_the_us_models_are_offered_in_virginia_only_and_first(composer):
    box = composer.model_box
    texts = [box.itemText(i) for i in range(box.count())]
    assert texts[0] == "DeepSeek" and "Qwen" in texts  # headings, not choices
    assert box.findData("deepseek-v4-pro-us") < 0  # Beijing (the default) does not offer it

    composer.set_model("deepseek-v4-flash")
    composer.set_region("us-east-1")
    names = [box.itemData(i) for i in range(box.count())]
    assert names[1:3] == ["deepseek-v4-pro-us", "deepseek-v4-flash-us"]  # first in the US
    assert composer.model() == "deepseek-v4-flash"  # the choice is kept

    composer.set_model("deepseek-v4-pro-us")
    composer.set_region("ap-southeast-1")  # elsewhere: kept, but marked and disabled
    index = box.findData("deepseek-v4-pro-us")
    assert "not offered in this region" in box.itemText(index)
    assert not composer.is_model_enabled("deepseek-v4-pro-us")
