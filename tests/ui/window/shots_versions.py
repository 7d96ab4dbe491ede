"""Screenshots of versions and message actions in the real window, light and dark, for a human.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_versions.py`` (not
part of the suite: it asserts nothing a user would notice, it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``: a conversation with an edited prompt and
a regenerated reply (both switchers), a reply cut at the length limit with Continue and a
failed one "not sent as context", and a reply's actions menu.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMenu

from app.ui.app import dark_palette, light_palette
from app.ui.chat.message_actions import MessageAction, MessageActionRequest
from app.ui.chat.message_toolbar import editor_of, switcher_of
from tests import fakeserver as fs
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import WAIT_MS, last_reply, settled, type_and_enter, wait_reply_done

ANSWER = "Paris is the capital of **France**.\n\n- population about 2.1 million\n- on the Seine\n"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, window, fake, theme):
    QApplication.instance().setPalette(light_palette() if theme == "light" else dark_palette())
    fake.enqueue(
        fs.thinking_answer("The user asks for a capital.", "Berlin."),
        fs.thinking_answer("", ANSWER),
        fs.thinking_answer("", "Paris, on the Seine — the capital since 987."),
        fs.thinking_answer("", "Once upon a time, in a city of light", finish_reason="length"),
        fs.error(401, "InvalidApiKey", "Invalid API-key provided."),
    )
    type_and_enter(qtbot, window, "Capital of Germany?")
    wait_reply_done(qtbot, window)
    prompt = window.chat_view.rows()[0]
    window.branch_room.handle(
        MessageActionRequest(MessageAction.EDIT, prompt.message_id, window.current_id)
    )
    editor = editor_of(prompt)
    editor.edit.selectAll()
    editor.edit.insertPlainText("Capital of France?")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: settled(window) and len(window.chat_view.rows()) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: settled(window) and "France" in window.chat_view.rows()[0].text())
    wait_reply_done(qtbot, window).request(MessageAction.REGENERATE)
    qtbot.waitUntil(lambda: "987" in last_reply(window).answer_source(), timeout=WAIT_MS)
    wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "Now a story about it")
    wait_reply_done(qtbot, window)
    type_and_enter(qtbot, window, "Another?")
    qtbot.waitUntil(lambda: settled(window) and last_reply(window).failure is not None)
    qtbot.waitUntil(
        lambda: switcher_of(window.chat_view.rows()[1]).isVisible(), timeout=WAIT_MS
    )
    window.chat_view.jump_to_latest()
    qtbot.wait(200)
    out = artifacts_dir()
    window.grab().save(str(out / f"versions-{theme}.png"))

    reply = window.chat_view.rows()[1]
    window.chat_view.scroll_bar().setValue(0)
    QApplication.sendEvent(reply, QEvent(QEvent.Type.Enter))  # as the mouse coming over it
    qtbot.wait(50)
    window.grab().save(str(out / f"actions-toolbar-{theme}.png"))
    reply.setFocus()
    qtbot.keyClick(reply, Qt.Key.Key_Menu)
    menu = reply.findChild(QMenu, "messageMenu")
    qtbot.waitUntil(menu.isVisible, timeout=WAIT_MS)
    qtbot.wait(100)
    screen = QApplication.primaryScreen()
    screen.grabWindow(0).save(str(out / f"actions-menu-{theme}.png"))
    menu.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots_system_prompt_and_parameters(qtbot, window, fake, theme):
    QApplication.instance().setPalette(light_palette() if theme == "light" else dark_palette())
    fake.enqueue(fs.thinking_answer("", "Ahoy! The capital of France be Paris, matey."))
    panel = window.setup_room.panel
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    panel.editor.setPlainText("Talk like a pirate. Keep answers under three sentences.")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    window.composer.set_model("deepseek-v3.2")
    type_and_enter(qtbot, window, "Capital of France?")
    wait_reply_done(qtbot, window)
    qtbot.mouseClick(panel.toggle, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    out = artifacts_dir()
    window.grab().save(str(out / f"system-prompt-{theme}.png"))
    params = window.setup_room.open_parameters()
    params.custom["temperature"].setChecked(True)
    params.spins["temperature"].setValue(0.3)
    qtbot.wait(100)
    params.grab().save(str(out / f"parameters-{theme}.png"))
    params.close()
