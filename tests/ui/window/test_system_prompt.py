"""The system prompt in the real window: shown collapsed at the top, edited and saved per
conversation, sent first (checked in what the fake server received), and a new chat starts from
the default preset (its system prompt, model and parameters)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core import presets
from app.core.history import HistoryStore, setup
from app.core.usage.report import compute_usage
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, settled, type_and_enter, wait_reply_done


def sent(fake) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in fake.requests[-1].messages]


def test_a_system_prompt_written_for_a_new_chat_is_sent_and_kept(qtbot, window, fake):
    panel = window.setup_room.panel
    assert panel.isVisible() and panel.toggle.text() == "Add a system prompt"
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    panel.editor.setPlainText("Talk like a pirate.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.toggle.text() == "System prompt: Talk like a pirate."

    fake.enqueue(fs.thinking_answer("", "Ahoy!"), fs.thinking_answer("", "Arr."))
    type_and_enter(qtbot, window, "Hello")
    wait_reply_done(qtbot, window)
    assert sent(fake) == [("system", "Talk like a pirate."), ("user", "Hello")]

    type_and_enter(qtbot, window, "Again")
    wait_reply_done(qtbot, window)
    assert sent(fake)[0] == ("system", "Talk like a pirate.")


def test_editing_the_system_prompt_of_a_conversation_changes_the_next_request(
    qtbot, window, fake
):
    type_and_enter(qtbot, window, "Hello")
    wait_reply_done(qtbot, window)
    panel = window.setup_room.panel
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    panel.editor.setPlainText("Answer in French.")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "System prompt saved.")

    cid = window.current_id
    window.new_chat()
    assert window.setup_room.panel.text() == ""
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: panel.text() == "Answer in French.", timeout=WAIT_MS)

    type_and_enter(qtbot, window, "Next")
    wait_reply_done(qtbot, window)
    assert sent(fake)[0] == ("system", "Answer in French.")


@pytest.fixture
def pirate_default(isolated_dirs):
    preset = presets.make_preset(
        "Pirate", system="Talk like a pirate.", model="deepseek-v3.2", thinking=False,
        parameters={"temperature": 0.3}, default=True,
    )  # fmt: skip
    presets.save_presets([preset, presets.make_preset("Plain")])


def test_a_new_chat_starts_from_the_default_preset(
    qtbot, qasync_loop, run_async, fake, pirate_default
):
    session = windowkit.open_window(qtbot, run_async)
    window = next(session)
    try:
        panel = window.setup_room.panel
        qtbot.waitUntil(lambda: panel.text() == "Talk like a pirate.", timeout=WAIT_MS)
        assert panel.presets.isVisible() and panel.presets.currentText() == "Pirate"
        assert window.composer.model() == "deepseek-v3.2"

        type_and_enter(qtbot, window, "Hello")
        qtbot.waitUntil(lambda: bool(fake.requests) and settled(window), timeout=WAIT_MS)
        body = fake.requests[-1].body
        assert body["model"] == "deepseek-v3.2" and body["temperature"] == 0.3
        assert sent(fake)[0] == ("system", "Talk like a pirate.")
        assert not panel.presets.isVisible()  # a conversation now: its preset is chosen

        window.new_chat()
        qtbot.waitUntil(lambda: panel.presets.isVisible(), timeout=WAIT_MS)
        panel.presets.setCurrentIndex(panel.presets.findText("Plain"))
        panel.presets.activated.emit(panel.presets.currentIndex())
        assert panel.text() == ""
    finally:
        next(session, None)


def test_the_parameters_panel_shows_the_model_s_defaults_and_saves_per_conversation(
    qtbot, window, fake
):
    window.composer.set_model("deepseek-v3.2")
    panel = window.setup_room.open_parameters()
    assert panel.notes["temperature"].text() == "default 1"
    assert panel.notes["top_p"].text() == "default 0.95"
    assert panel.notes["presence_penalty"].text() == "not accepted by this model"
    assert not panel.custom["presence_penalty"].isEnabled()

    panel.custom["temperature"].setChecked(True)
    panel.spins["temperature"].setValue(0.25)
    fake.enqueue(fs.thinking_answer("", "One."), fs.thinking_answer("", "Two."))
    type_and_enter(qtbot, window, "Hello")
    wait_reply_done(qtbot, window)
    assert fake.requests[-1].body["temperature"] == 0.25

    cid = window.current_id
    window.new_chat()
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: window.setup_room.parameters == {"temperature": 0.25})
    assert panel.custom["temperature"].isChecked()
    type_and_enter(qtbot, window, "Again")
    wait_reply_done(qtbot, window)
    assert fake.requests[-1].body["temperature"] == 0.25

    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert window.setup_room.parameters == {}


def test_a_model_that_takes_no_parameters_offers_none(qtbot, window, fake):
    window.composer.set_model("deepseek-r1")
    panel = window.setup_room.open_parameters()
    assert not any(check.isEnabled() for check in panel.custom.values())
    assert panel.notes["temperature"].text() == "fixed at 0.6"


def test_presets_are_created_edited_marked_default_and_deleted_in_the_window(qtbot, window, fake):
    room = window.setup_room
    qtbot.mouseClick(room.panel.presets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: room.presets_dialog is not None, timeout=WAIT_MS)
    dialog = room.presets_dialog
    dialog.name.setText("Translator")
    dialog.system.setPlainText("Translate into English.")
    dialog.model.setCurrentIndex(dialog.model.findData("deepseek-v4-flash"))
    dialog.default.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(presets.load_presets().presets), timeout=WAIT_MS)
    (saved,) = presets.load_presets().presets
    assert (saved.name, saved.model, saved.default) == ("Translator", "deepseek-v4-flash", True)
    qtbot.waitUntil(lambda: room.panel.presets.findText("Translator") >= 0, timeout=WAIT_MS)

    dialog.name.setText("")  # a bad value is named, nothing saved
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "needs a name" in dialog.error.text()

    dialog.listing.setCurrentRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not presets.load_presets().presets, timeout=WAIT_MS)


def test_a_new_chat_s_parameters_never_land_on_another_conversation(qtbot, window, fake):
    type_and_enter(qtbot, window, "An older chat")
    wait_reply_done(qtbot, window)
    older = window.current_id
    window.new_chat()
    window.composer.set_model("deepseek-v3.2")
    panel = window.setup_room.open_parameters()
    panel.custom["top_p"].setChecked(True)
    panel.spins["top_p"].setValue(0.5)
    window.open_conversation(older)  # the user changes their mind before sending
    qtbot.waitUntil(lambda: window.current_id == older, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.setup_room.parameters == {}, timeout=WAIT_MS)
    type_and_enter(qtbot, window, "Go on")
    wait_reply_done(qtbot, window)
    assert fake.requests[-1].body.get("top_p") != 0.5


def test_a_preset_s_temperature_is_edited_in_the_dialog_and_used_by_a_new_chat(
    qtbot, window, fake
):
    room = window.setup_room
    qtbot.mouseClick(room.panel.presets_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: room.presets_dialog is not None, timeout=WAIT_MS)
    dialog = room.presets_dialog
    dialog.name.setText("Careful")
    dialog.model.setCurrentIndex(dialog.model.findData("deepseek-v4-flash"))
    assert dialog.parameters_summary.text() == "The model's defaults"
    qtbot.mouseClick(dialog.parameters_button, Qt.MouseButton.LeftButton)
    panel = dialog.parameters_panel
    assert panel.isVisible() and panel.notes["temperature"].text() == "default 1"
    panel.custom["temperature"].setChecked(True)
    panel.spins["temperature"].setValue(0.4)
    panel.close()
    assert dialog.parameters_summary.text() == "temperature 0.4"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(presets.load_presets().presets), timeout=WAIT_MS)
    (saved,) = presets.load_presets().presets
    assert dict(saved.parameters) == {"temperature": 0.4}

    qtbot.mouseClick(dialog.parameters_button, Qt.MouseButton.LeftButton)
    assert panel.custom["temperature"].isChecked()  # the saved value comes back
    assert panel.spins["temperature"].value() == 0.4
    panel.close()
    dialog.close()

    chooser = room.panel.presets
    qtbot.waitUntil(lambda: chooser.findText("Careful") >= 0, timeout=WAIT_MS)
    chooser.setCurrentIndex(chooser.findText("Careful"))
    chooser.activated.emit(chooser.currentIndex())
    fake.enqueue(fs.thinking_answer("", "Sure."))
    type_and_enter(qtbot, window, "Hello")
    wait_reply_done(qtbot, window)
    body = fake.requests[-1].body
    assert body["model"] == "deepseek-v4-flash" and body["temperature"] == 0.4
    with HistoryStore.open() as store:  # the usage ledger counts the reply under its preset
        assert setup.preset_of(store, window.current_id) == "Careful"
        assert [r.key for r in compute_usage(store).rows("preset")] == ["Careful"]
