"""A user on a Simplified Chinese desktop sees SeekDesk in Chinese; everyone else in English.

The shipped catalogue (resources/translations/seekdesk_zh_CN.qm) is loaded exactly as the app
loads it at start-up: ``install_translations`` with the locale, from the real translations
directory. Each test removes the translators it installed, so later tests see English.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import QLocale

from app.core.errors import Action
from app.core.history import MessageStatus
from app.ui.app import TRANSLATIONS, install_translations
from tests import fakeserver as fs
from tests.ui import windowkit
from tests.ui.windowkit import WAIT_MS, type_and_enter, wait_reply_done

TS = TRANSLATIONS / "seekdesk_zh_CN.ts"
QM = TRANSLATIONS / "seekdesk_zh_CN.qm"


@pytest.fixture
def locale_translators(qapp) -> Iterator:
    """``use(locale)`` installs the app's translators for ``locale``; all removed afterwards."""
    installed = []

    def use(locale: QLocale) -> list:
        translators = install_translations(qapp, locale)
        installed.extend(translators)
        return translators

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)
        translator.deleteLater()


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_on_a_chinese_desktop_the_window_speaks_chinese(
    qtbot, qasync_loop, run_async, fake, locale_translators
):
    assert len(locale_translators(QLocale("zh_CN"))) == 2  # Qt's own and SeekDesk's
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
        assert window.menus.settings.text() == "设置(&S)…"
        assert window.composer.send_button.text() == "发送"
        assert window.composer.stop_button.text() == "停止"
        assert window.composer.edit.placeholderText().startswith("给模型发消息")
        assert window.sidebar.new_button.text() == "新建对话"

        # a reply: the thinking header and the footer read in Chinese, numbers intact
        fake.enqueue(fs.thinking_answer("想一想。", "你好！"))
        type_and_enter(qtbot, window, "你好")
        reply = wait_reply_done(qtbot, window)
        assert reply.thinking.header_text().startswith("已思考 ")
        assert reply.thinking.header_text().split(" · ")[0].endswith(" 秒")
        assert "耗时" in reply.footer.text() and "首个 token" in reply.footer.text()

        # an error in place: the taxonomy's sentence and the way out, in Chinese
        fake.enqueue(fs.error(401, "invalid_api_key", "Incorrect API key provided."))
        type_and_enter(qtbot, window, "再来一次")
        reply = windowkit.wait_status(qtbot, window, MessageStatus.FAILED)
        assert "API Key 被拒绝" in reply.failure_panel.hint_label.text()
        assert reply.failure_panel.buttons[Action.OPEN_SETTINGS].text() == "打开设置"
    finally:
        next(gen, None)


def test_elsewhere_the_window_stays_english(
    qtbot, qasync_loop, run_async, fake, locale_translators
):
    installed = locale_translators(QLocale("en_US"))
    assert not any(QM.name in t.filePath() for t in installed)
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    try:
        assert menu_titles(window) == ["&File", "&Edit", "&View", "&Help"]
        assert window.composer.send_button.text() == "Send"
    finally:
        next(gen, None)


def fields(text: str) -> list[str]:
    """``{name}`` / ``{seconds:.2f}`` fields and ``&`` mnemonics: what must survive translation."""
    return sorted(re.findall(r"\{[^{}]*\}", text)) + ["&"] * len(re.findall(r"&(?=\w)", text))


def test_every_translation_keeps_its_placeholders_and_mnemonic():
    root = ET.parse(TS).getroot()
    checked = 0
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") or not translation.text:
            continue
        source = message.findtext("source") or ""
        assert fields(translation.text) == fields(source), source
        checked += 1
    assert checked >= 100  # the strings a user meets first are all there


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path):
    """A .ts edited without running packaging/update_translations.sh would never show."""
    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    out = tmp_path / "check.qm"
    subprocess.run(
        [lrelease, "-silent", "-nounfinished", str(TS), "-qm", str(out)],
        check=True,
        capture_output=True,
        timeout=WAIT_MS / 1000,
    )
    assert out.read_bytes() == QM.read_bytes()
