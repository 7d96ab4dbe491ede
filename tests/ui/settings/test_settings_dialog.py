"""The settings dialog, driven like a user would: pick a region, type, click, read the labels."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from app.core import protocols, secrets
from app.core.errors import ErrorKind
from app.core.settings import Editor, Settings, load_settings, specs_edited_in
from app.ui.settings.settings_dialog import (
    ConnectionTestResult,
    SettingsDialog,
    needs_first_run_setup,
)
from tests.fakeserver import FakeServer, stall
from tests.keyring_support import (
    BrokenKeyring,
    files_containing,
    keyring_backend,
    requires_secret_service,
)

__all__ = ["keyring_backend"]

KEY = "sk-dialog0123456789abcdQRST"
WORKSPACE = "ws-756pfhanyfvqhdkw"

pytestmark = pytest.mark.usefixtures("keyring_backend")


@pytest.fixture
def no_keyring():
    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def dialog(qtbot, qasync_loop):
    def make(settings: Settings | None = None) -> SettingsDialog:
        widget = SettingsDialog(settings or Settings())
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitExposed(widget)
        settle(qtbot, widget)
        return widget

    return make


def settle(qtbot, dialog: SettingsDialog) -> None:
    """Wait until the keyring (asked off the UI thread) has answered."""
    qtbot.waitUntil(lambda: not dialog.waiting_for_keyring and not dialog.saving, timeout=20_000)


def choose_region(qtbot, dialog: SettingsDialog, region_id: str) -> None:
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData(region_id))
    settle(qtbot, dialog)


def save(qtbot, dialog: SettingsDialog) -> None:
    """Click Save and wait for it to store the key and write the settings."""
    click(qtbot, dialog.save_button)
    settle(qtbot, dialog)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- the form -------------------------------------------------------------------------------


def test_the_regions_are_the_seeds_five(dialog):
    d = dialog()
    names = [d.region_combo.itemText(i) for i in range(d.region_combo.count())]
    assert names == [
        "China (Beijing)",
        "US (Virginia)",
        "Singapore",
        "Germany (Frankfurt)",
        "Japan (Tokyo)",
    ]


def test_the_workspace_field_follows_the_region(dialog, qtbot):
    d = dialog()

    choose_region(qtbot, d, "us-east-1")
    assert not d.workspace_edit.isEnabled()
    assert d.save_button.isEnabled()
    assert "does not use a workspace ID" in d.workspace_message.text()

    choose_region(qtbot, d, "cn-beijing")
    assert d.workspace_edit.isEnabled()
    assert "optional" in d.workspace_label.text().lower()
    assert d.save_button.isEnabled()

    for region in ("ap-southeast-1", "eu-central-1", "ap-northeast-1"):
        choose_region(qtbot, d, region)
        assert d.workspace_edit.isEnabled()
        assert "needs a workspace ID" in d.workspace_message.text()
        assert d.workspace_message.property("kind") == "error"
        assert not d.save_button.isEnabled()

    qtbot.keyClicks(d.workspace_edit, WORKSPACE)
    assert d.workspace_message.isHidden()
    assert d.save_button.isEnabled()


def test_a_workspace_id_that_is_not_a_host_label_is_refused_inline(dialog, qtbot):
    d = dialog()
    choose_region(qtbot, d, "ap-southeast-1")
    qtbot.keyClicks(d.workspace_edit, "evil.example.com/")
    assert "not a valid workspace ID" in d.workspace_message.text()
    assert not d.save_button.isEnabled()
    assert not d.test_button.isEnabled()


def test_an_odd_looking_workspace_id_only_warns(dialog, qtbot):
    d = dialog()
    choose_region(qtbot, d, "eu-central-1")
    qtbot.keyClicks(d.workspace_edit, "myworkspace")
    assert "does not look like a workspace ID" in d.workspace_message.text()
    assert d.workspace_message.property("kind") == "warning"
    assert d.save_button.isEnabled()


def test_the_api_choice_is_loaded_and_saved(dialog, no_keyring):
    d = dialog(Settings(api="dashscope"))
    assert d.api_radio("dashscope").isChecked()
    d.api_radio("openai").setChecked(True)
    assert d.edited_settings().api == "openai"


def test_every_registered_api_dialect_is_offered_with_its_label(dialog, no_keyring):
    from tests.core.protocols.test_registry import TOY

    protocols.register(TOY)
    try:
        d = dialog(Settings(api="toy"))
        labels = [radio.text() for radio in d.api_radios.values()]
        assert labels == ["OpenAI-compatible", "DashScope native", "Toy API"]
        assert d.api_radio("toy").isChecked()
        assert d.edited_settings().api == "toy"
    finally:
        protocols.unregister(TOY.name)


def test_the_key_is_masked_until_the_user_asks_to_see_it(dialog, qtbot):
    d = dialog()
    assert d.key_edit.echoMode() == QLineEdit.EchoMode.Password
    assert d.key_edit.text() == ""  # never pre-filled
    qtbot.keyClicks(d.key_edit, KEY)
    assert d.key_edit.displayText() != KEY
    click(qtbot, d.show_key_button)
    assert d.key_edit.echoMode() == QLineEdit.EchoMode.Normal
    assert d.key_edit.displayText() == KEY
    click(qtbot, d.show_key_button)
    assert d.key_edit.echoMode() == QLineEdit.EchoMode.Password


def test_a_key_with_a_space_inside_is_refused_inline(dialog, qtbot):
    d = dialog()
    qtbot.keyClicks(d.key_edit, f"{KEY} {KEY}")
    assert "spaces" in d.key_message.text()
    assert KEY not in d.key_message.text()
    assert not d.save_button.isEnabled()


# --- where the key comes from ---------------------------------------------------------------


def test_the_label_says_the_key_comes_from_the_environment(dialog, monkeypatch):
    monkeypatch.setenv("DASHSCOPE_API_KEY", KEY)
    d = dialog()
    text = d.key_source_label.text()
    assert "environment" in text and "DASHSCOPE_API_KEY" in text
    assert "…QRST" in text and KEY not in text


def test_without_a_keyring_the_label_says_the_key_is_kept_for_this_session_only(dialog, no_keyring):
    d = dialog()
    text = d.key_source_label.text()
    assert "none yet" in text
    assert "No system keyring" in text and "this session only" in text


def test_saving_without_a_keyring_keeps_the_key_for_the_session_and_writes_no_file_with_it(
    dialog, qtbot, no_keyring, isolated_dirs
):
    d = dialog()
    choose_region(qtbot, d, "ap-northeast-1")
    qtbot.keyClicks(d.workspace_edit, WORKSPACE)
    qtbot.keyClicks(d.key_edit, f"  {KEY} ")
    save(qtbot, d)

    assert d.result() == QDialog.DialogCode.Accepted
    assert d.saved_key_source is secrets.KeySource.SESSION
    assert secrets.resolve_key("tokyo") == secrets.ResolvedKey(KEY, secrets.KeySource.SESSION)
    saved = load_settings().settings
    assert (saved.region, saved.workspace) == ("ap-northeast-1", WORKSPACE)
    assert d.settings() == saved
    assert files_containing(KEY, *isolated_dirs) == []


def test_a_keyring_failure_on_save_is_shown_and_the_dialog_stays_open(dialog, qtbot, isolated_dirs):
    keyring.set_keyring(BrokenKeyring(KeyringLocked("Failed to unlock the collection!")))
    d = dialog()
    assert "keyring could not be read" in d.key_source_label.text()
    qtbot.keyClicks(d.key_edit, KEY)
    save(qtbot, d)

    assert d.isVisible()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "locked" in d.save_error.text() and "not saved" in d.save_error.text()
    assert KEY not in d.save_error.text()
    assert not (isolated_dirs[1] / "settings.json").exists()


@requires_secret_service
def test_save_puts_the_key_in_the_keyring_for_the_chosen_region(dialog, qtbot, isolated_dirs):
    d = dialog()
    choose_region(qtbot, d, "us-east-1")
    qtbot.keyClicks(d.key_edit, KEY)
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert d.saved_key_source is secrets.KeySource.KEYRING
    assert secrets.stored_key("us-east-1") == KEY
    assert secrets.stored_key("cn-beijing") is None
    assert files_containing(KEY, *isolated_dirs) == []

    again = dialog(load_settings().settings)
    assert "saved in the system keyring" in again.key_source_label.text()
    assert "…QRST" in again.key_source_label.text()


def test_first_launch_needs_setup_until_there_is_a_key(monkeypatch, no_keyring):
    assert needs_first_run_setup(Settings())
    monkeypatch.setenv("DASHSCOPE_API_KEY", KEY)
    assert not needs_first_run_setup(Settings())
    # Singapore cannot work without a workspace ID, key or not.
    assert needs_first_run_setup(Settings(region="ap-southeast-1"))
    assert not needs_first_run_setup(Settings(region="ap-southeast-1", workspace=WORKSPACE))
    monkeypatch.delenv("DASHSCOPE_API_KEY")
    secrets.remember_for_session("us-east-1", KEY)
    assert not needs_first_run_setup(Settings(), "us-east-1")


# --- Test connection (against the fake Model Studio) ----------------------------------------


@pytest.fixture
def fake(monkeypatch):
    with FakeServer(expected_key=KEY) as server:
        monkeypatch.setenv("SEEKDESK_BASE_URL", server.base_url)
        yield server


def run_test(qtbot, d: SettingsDialog) -> ConnectionTestResult:
    with qtbot.waitSignal(d.connection_tested, timeout=60_000) as blocker:
        click(qtbot, d.test_button)
    qtbot.waitUntil(lambda: not d.testing, timeout=10_000)
    return blocker.args[0]


def test_test_connection_reports_latency_and_request_id(dialog, qtbot, qasync_loop, fake):
    d = dialog()
    assert fake.base_url in d.endpoint_label.text()  # the user sees where requests go
    assert not d.test_button.isEnabled()  # no key yet
    qtbot.keyClicks(d.key_edit, KEY)
    assert d.test_button.isEnabled()

    result = run_test(qtbot, d)

    assert result.ok, result.message
    assert result.request_id and result.request_id in d.test_result.text()
    assert result.latency is not None and result.latency > 0
    assert "Connected" in d.test_result.text()
    assert d.test_button.text() == "Test connection"
    sent = fake.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.dialect == "openai"
    assert sent.body["max_tokens"] <= 16  # a minimal request
    assert sent.body.get("enable_thinking") is False
    assert [m["content"] for m in sent.messages] == ["Hi"]
    assert d.isVisible()  # testing neither saves nor closes


def test_test_connection_uses_the_native_api_when_chosen(dialog, qtbot, qasync_loop, fake):
    d = dialog()
    d.api_radio("dashscope").setChecked(True)
    qtbot.keyClicks(d.key_edit, KEY)
    result = run_test(qtbot, d)
    assert result.ok, result.message
    assert fake.requests[-1].dialect == "dashscope"


def test_test_connection_shows_the_exact_failure_for_a_wrong_key(dialog, qtbot, qasync_loop, fake):
    d = dialog()
    qtbot.keyClicks(d.key_edit, "sk-wrong-key-00000000")
    result = run_test(qtbot, d)

    assert not result.ok
    assert result.failure is not None and result.failure.kind is ErrorKind.INVALID_KEY
    text = d.test_result.text()
    assert "The API key was refused" in text
    assert "HTTP 401" in text and "invalid_api_key" in text
    assert result.failure.request_id and result.failure.request_id in text
    assert d.test_result.property("kind") == "error"
    assert "sk-wrong-key-00000000" not in text


def test_test_connection_can_be_cancelled_and_the_window_stays_responsive(
    dialog, qtbot, qasync_loop, fake
):
    fake.enqueue(stall("Hel", 120))
    d = dialog()
    qtbot.keyClicks(d.key_edit, KEY)
    click(qtbot, d.test_button)
    assert d.test_button.text() == "Cancel test"
    qtbot.waitUntil(lambda: len(fake.requests) == 1, timeout=30_000)

    # The request is in flight and the form still takes input.
    qtbot.keyClicks(d.workspace_edit, "ws-")
    assert d.workspace_edit.text() == "ws-"

    with qtbot.waitSignal(d.connection_tested, timeout=30_000) as blocker:
        click(qtbot, d.test_button)
    assert blocker.args[0].cancelled
    assert d.test_result.text() == "Test cancelled."
    assert fake.wait_for_disconnect(30)  # the HTTP connection was really closed
    qtbot.waitUntil(lambda: d.test_button.text() == "Test connection", timeout=10_000)


def test_closing_the_dialog_stops_a_running_test(dialog, qtbot, qasync_loop, fake):
    fake.enqueue(stall("Hel", 120))
    d = dialog()
    qtbot.keyClicks(d.key_edit, KEY)
    click(qtbot, d.test_button)
    qtbot.waitUntil(lambda: len(fake.requests) == 1, timeout=30_000)
    with qtbot.waitSignal(d.connection_tested, timeout=30_000) as blocker:
        d.reject()
    assert blocker.args[0].cancelled
    assert fake.wait_for_disconnect(30)


def test_a_region_that_needs_a_workspace_cannot_be_tested_without_one(
    dialog, qtbot, qasync_loop, monkeypatch
):
    monkeypatch.setenv("DASHSCOPE_API_KEY", KEY)
    d = dialog()
    choose_region(qtbot, d, "ap-southeast-1")
    assert not d.test_button.isEnabled()
    qtbot.keyClicks(d.workspace_edit, WORKSPACE)
    assert d.test_button.isEnabled()


def test_settings_file_written_by_the_dialog_holds_no_key(dialog, qtbot, no_keyring, isolated_dirs):
    d = dialog()
    qtbot.keyClicks(d.key_edit, KEY)
    save(qtbot, d)
    text = (isolated_dirs[1] / "settings.json").read_text(encoding="utf-8")
    assert KEY not in text
    assert "key" not in json.loads(text)


def test_an_invalid_workspace_typed_for_another_region_does_not_block_virginia(
    dialog, qtbot, no_keyring
):
    d = dialog(Settings(workspace=WORKSPACE))
    choose_region(qtbot, d, "ap-southeast-1")
    d.workspace_edit.setText("bad/host")
    choose_region(qtbot, d, "us-east-1")
    assert d.save_button.isEnabled()
    save(qtbot, d)
    assert d.result() == QDialog.DialogCode.Accepted
    assert load_settings().settings.workspace == WORKSPACE


# --- rows derived from the declarations ------------------------------------------------------


def test_the_dialog_offers_exactly_the_settings_declared_for_it(dialog):
    d = dialog()
    assert list(d.rows) == [s.name for s in specs_edited_in(Editor.DIALOG)]
    assert [d.rows[name].label.text() for name in d.rows] == [
        "&Region:",
        "&Workspace ID (optional):",  # the workspace row words itself for the region
        "API:",
        "&Theme:",
    ]


def test_a_theme_chosen_in_the_dialog_is_saved_and_applied_at_once(
    dialog, qtbot, qapp, no_keyring, monkeypatch
):
    from app.ui.common.palettes import THEME_PROPERTY, is_dark, set_theme

    monkeypatch.delenv("SEEKDESK_THEME", raising=False)
    palette = qapp.palette()
    d = dialog()
    theme = d.rows["theme"]
    assert [theme.combo.itemText(i) for i in range(theme.combo.count())] == [
        "As the system",
        "Light",
        "Dark",
    ]
    try:
        theme.set_value("dark")
        save(qtbot, d)
        assert load_settings().settings.theme == "dark"
        assert is_dark(qapp) and qapp.property(THEME_PROPERTY) == "dark"
    finally:
        set_theme(qapp, "system")
        qapp.setPalette(palette)
