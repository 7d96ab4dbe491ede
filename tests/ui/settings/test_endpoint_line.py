"""The settings dialog shows the URL requests will go to, following the form as it is edited:
the region's host, a workspace's own host, the API's path, or the SEEKDESK_BASE_URL override."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from app.core.settings import Settings
from app.ui.settings.settings_dialog import SettingsDialog
from tests.keyring_support import keyring_backend

__all__ = ["keyring_backend"]

pytestmark = pytest.mark.usefixtures("keyring_backend")


@pytest.fixture
def dialog(qtbot, qasync_loop, monkeypatch) -> SettingsDialog:
    monkeypatch.delenv("SEEKDESK_BASE_URL", raising=False)
    keyring.set_keyring(fail.Keyring())
    widget = SettingsDialog(Settings())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: not widget.waiting_for_keyring, timeout=20_000)
    return widget


def choose_region(dialog: SettingsDialog, region: str) -> None:
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData(region))


def test_the_default_endpoint_is_shown(dialog):
    assert dialog.endpoint_label.isVisible()
    assert dialog.endpoint_label.text() == (
        "Requests go to https://dashscope.aliyuncs.com/compatible-mode/v1/chat/completions."
    )


def test_a_workspace_and_the_native_api_change_the_url(qtbot, dialog):
    choose_region(dialog, "eu-central-1")
    assert not dialog.endpoint_label.isVisible()  # Frankfurt needs a workspace ID first
    qtbot.keyClicks(dialog.workspace_edit, "ws-756pfhanyfvqhdkw")
    assert "https://ws-756pfhanyfvqhdkw.eu-central-1.maas.aliyuncs.com/" in (
        dialog.endpoint_label.text()
    )
    dialog.api_radios["dashscope"].click()
    assert dialog.endpoint_label.text().endswith(
        "/api/v1/services/aigc/text-generation/generation."
    )


def test_a_bad_workspace_id_shows_no_url(qtbot, dialog):
    choose_region(dialog, "ap-southeast-1")
    qtbot.keyClicks(dialog.workspace_edit, "evil.example.com/")
    assert not dialog.endpoint_label.isVisible()


def test_the_base_url_override_is_named(qtbot, qasync_loop, monkeypatch):
    monkeypatch.setenv("SEEKDESK_BASE_URL", "http://127.0.0.1:9")
    keyring.set_keyring(fail.Keyring())
    widget = SettingsDialog(Settings())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not widget.waiting_for_keyring, timeout=20_000)
    assert widget.endpoint_label.text().startswith("Requests go to http://127.0.0.1:9/")
    assert "(SEEKDESK_BASE_URL is set)" in widget.endpoint_label.text()
