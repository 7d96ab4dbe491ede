"""On a Chinese desktop what is wrong with a key or a workspace ID reads in Chinese: a key pasted
with a space inside, a DASHSCOPE_API_KEY that cannot be a key, a workspace ID that is no host
label (the core's sentences, translated), while the command line keeps the English
(``app.core.secrets``, ``app.core.regions``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core import regions, secrets
from app.core.settings import Settings
from app.ui.settings.settings_dialog import SettingsDialog
from tests.keyring_support import keyring_backend
from tests.ui import pending_catalogue

__all__ = ["keyring_backend"]

KEY = "sk-dialog0123456789abcdQRST"

pytestmark = pytest.mark.usefixtures("keyring_backend")


@pytest.fixture
def chinese(qapp, qasync_loop, tmp_path) -> Iterator[None]:
    with pending_catalogue.chinese(tmp_path):
        yield


def opened(qtbot) -> SettingsDialog:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.waiting_for_keyring, timeout=20_000)
    return dialog


def test_a_key_with_a_space_inside_is_refused_in_chinese(qtbot, chinese):
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.key_edit, f"{KEY} {KEY}")
    shown = dialog.key_message.text()
    assert shown.startswith("API Key包含空格、换行或控制字符")
    assert KEY not in shown


def test_an_environment_key_that_cannot_be_a_key_is_named_in_chinese(qtbot, chinese, monkeypatch):
    monkeypatch.setenv(secrets.ENV_VAR, f"{KEY}\n{KEY}")
    dialog = opened(qtbot)
    assert "环境变量 DASHSCOPE_API_KEY包含空格" in dialog.key_source_label.text()


def test_a_workspace_id_that_is_no_host_label_is_refused_in_chinese(qtbot, chinese):
    dialog = opened(qtbot)
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("ap-southeast-1"))
    qtbot.waitUntil(lambda: not dialog.waiting_for_keyring, timeout=20_000)
    qtbot.keyClicks(dialog.workspace_edit, "evil.example.com/")
    assert dialog.workspace_message.text().startswith(
        "'evil.example.com/' 不是有效的业务空间 ID：只能使用字母、数字和连字符"
    )
    assert not dialog.save_button.isEnabled()


def test_the_command_line_keeps_the_english():
    with pytest.raises(secrets.InvalidKey) as raised:
        secrets.clean_key(f"{KEY} x")
    assert str(raised.value).startswith("The API key contains spaces, line breaks or control")
    with pytest.raises(secrets.InvalidKey, match=r"^The API key is empty\.$"):
        secrets.clean_key("   ")
    with pytest.raises(regions.ConfigError, match=r"^'a\.b' is not a valid workspace ID: "):
        regions.validate_workspace_id("a.b")
