"""How the window looks, chosen from the window: View → Theme applies at once and is kept, the
font size keys grow the conversation and the prompt and are kept at once, the title bar carries
SeekDesk's icon, and read-only text shows no blinking caret."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTextBrowser

from app.core.settings import load_settings
from app.ui.app import THEME_PROPERTY, is_dark, set_theme
from tests import fakeserver as fs
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done


def test_the_theme_chosen_in_the_view_menu_applies_at_once_and_is_kept(
    qtbot, window, monkeypatch
):
    monkeypatch.delenv("SEEKDESK_THEME", raising=False)
    app = QApplication.instance()
    before = app.property(THEME_PROPERTY)
    try:
        labels = [a.text() for a in window.look.theme_menu.actions()]
        assert labels == ["As the system", "Light", "Dark"]
        window.look.theme_actions["dark"].trigger()
        assert is_dark(app)
        qtbot.waitUntil(lambda: load_settings().settings.theme == "dark", timeout=WAIT_MS)
        window.look.theme_menu.aboutToShow.emit()
        assert window.look.theme_actions["dark"].isChecked()

        window.look.theme_actions["light"].trigger()
        assert not is_dark(app)
        qtbot.waitUntil(lambda: load_settings().settings.theme == "light", timeout=WAIT_MS)
    finally:
        set_theme(app, before)


def test_the_font_size_keys_grow_the_chat_and_prompt_and_are_kept_before_closing(
    qtbot, window
):
    before = window.composer.edit.font().pointSizeF()
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.composer.edit.font().pointSizeF() == before + 2
    assert window.chat_view.font().pointSizeF() == before + 2
    qtbot.waitUntil(lambda: load_settings().settings.ui.get("zoom") == 2, timeout=WAIT_MS)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.composer.edit.font().pointSizeF() == before
    qtbot.waitUntil(lambda: load_settings().settings.ui.get("zoom") == 0, timeout=WAIT_MS)


def test_the_title_bar_carries_the_seekdesk_icon(window):
    icon = window.windowIcon()
    assert not icon.isNull()
    assert icon.actualSize(window.size()).width() >= 128  # sharp on a 2x screen too


def test_an_answer_clicked_into_shows_no_caret(qtbot, window, fake):
    fake.enqueue(fs.thinking_answer("", "A read-only answer."))
    type_and_enter(qtbot, window, "Say something")
    reply = wait_reply_done(qtbot, window)
    browsers = reply.findChildren(QTextBrowser)
    assert browsers
    for browser in browsers:
        assert browser.cursorWidth() == 0


def test_an_undo_button_in_the_status_bar_does_not_push_the_composer(qtbot, window):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPushButton

    def composer_top() -> int:
        return window.composer.mapTo(window, QPoint(0, 0)).y()

    qtbot.wait(50)
    before = composer_top()
    bar = window.statusBar()
    button = QPushButton("Undo", bar)
    bar.addWidget(button)
    bar.showMessage("1 message deleted.")
    qtbot.wait(50)
    assert composer_top() == before
