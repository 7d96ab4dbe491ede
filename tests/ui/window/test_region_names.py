"""On a Chinese desktop a region is named in Chinese wherever the window names it: the welcome
of a new chat (with the API) and the settings dialog's region list and its messages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.settings import Settings
from app.ui.window.empty_state import EmptyState
from tests.ui import pending_catalogue


@pytest.fixture
def chinese(qapp, tmp_path) -> Iterator[None]:
    with pending_catalogue.chinese(tmp_path):
        yield


def test_the_welcome_names_region_and_api_in_chinese(qtbot, chinese):
    welcome = EmptyState(Settings, lambda: "deepseek-v4-pro")
    qtbot.addWidget(welcome)
    welcome.update_connection()
    said = welcome.connection.text()
    assert "中国（北京）" in said and "OpenAI 兼容" in said
    assert "China (Beijing)" not in said and "OpenAI-compatible" not in said


def test_the_settings_dialog_names_regions_in_chinese(qtbot, qasync_loop, chinese):
    import keyring
    from keyring.backends import fail

    from app.ui.settings.settings_dialog import SettingsDialog

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = SettingsDialog(Settings())
        qtbot.addWidget(dialog)
        names = [dialog.region_combo.itemText(i) for i in range(dialog.region_combo.count())]
        assert "中国（北京）" in names and "德国（法兰克福）" in names
        dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("us-east-1"))
        assert dialog.workspace_message.text().startswith("美国（弗吉尼亚）")
    finally:
        keyring.set_keyring(previous)
