"""The settings dialog while the keyring is slow to answer (an unlock prompt is open, a keyring
daemon hangs): the dialog stays usable and says it is waiting, Save completes once the keyring
answers, and closing the dialog meanwhile is safe.

The slow keyring is a real keyring backend object whose calls wait for the test to "unlock" it,
exactly as a Secret Service call waits for the user at an unlock prompt.
"""

from __future__ import annotations

import threading

import keyring
import pytest
import shiboken6
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from app.core import secrets
from app.core.settings import Settings, load_settings, settings_path
from app.ui.settings.settings_dialog import SettingsDialog
from tests.keyring_support import keyring_backend

__all__ = ["keyring_backend"]

KEY = "sk-slow0123456789abcdefWXYZ"
WORKSPACE = "ws-756pfhanyfvqhdkw"
WAIT_MS = 20_000

pytestmark = pytest.mark.usefixtures("keyring_backend")


class LockedUntilUnlocked(KeyringBackend):
    """An in-memory keyring whose every call waits until ``unlock()`` (as at a prompt).

    Its constructor takes an argument so that keyring's own discovery, which instantiates every
    backend class it knows without arguments, leaves it out of the system's backend chain."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, unlocked: threading.Event) -> None:
        super().__init__()
        self.unlocked = unlocked
        self.calls = 0
        self.answered = 0
        self.secrets: dict[tuple[str, str], str] = {}

    def unlock(self) -> None:
        self.unlocked.set()

    def _wait(self) -> None:
        self.calls += 1
        if not self.unlocked.wait(30):
            raise RuntimeError("the test never unlocked the keyring")
        self.answered += 1

    def get_password(self, service: str, username: str) -> str | None:
        self._wait()
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait()
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._wait()
        self.secrets.pop((service, username), None)


@pytest.fixture
def slow_keyring(keyring_backend):
    backend = LockedUntilUnlocked(threading.Event())
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        backend.unlock()  # never leave a worker thread waiting


def open_dialog(qtbot) -> SettingsDialog:
    dialog = SettingsDialog(Settings())
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def event_loop_ticks(qtbot, ms: int) -> int:
    """How often a 10 ms timer fired during ``ms``: near ms/10 when the UI thread is free."""
    ticks = [0]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start(10)
    qtbot.wait(ms)
    timer.stop()
    return ticks[0]


def test_the_dialog_stays_usable_while_the_keyring_waits_and_save_finishes_later(
    qtbot, qasync_loop, slow_keyring
):
    dialog = open_dialog(qtbot)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: slow_keyring.calls >= 1, timeout=WAIT_MS)
    assert "Waiting for the keyring" in dialog.key_source_label.text()
    assert dialog.waiting_for_keyring
    assert event_loop_ticks(qtbot, 300) >= 10  # the window is not frozen

    # The user goes on filling the form meanwhile.
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("ap-southeast-1"))
    qtbot.keyClicks(dialog.workspace_edit, WORKSPACE)
    qtbot.keyClicks(dialog.key_edit, KEY)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    # Save waits for the keyring, and says so; the dialog is still there and responsive.
    assert dialog.isVisible()
    assert not dialog.save_button.isEnabled()
    assert dialog.save_button.text() == "Saving…"
    assert "Waiting for the keyring" in dialog.save_error.text()
    assert event_loop_ticks(qtbot, 300) >= 10
    assert not settings_path().exists()

    slow_keyring.unlock()  # the user typed the keyring password
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_key_source is secrets.KeySource.KEYRING
    assert KEY in slow_keyring.secrets.values()
    saved = load_settings().settings
    assert (saved.region, saved.workspace) == ("ap-southeast-1", WORKSPACE)


def test_the_key_source_appears_once_the_keyring_answers(qtbot, qasync_loop, slow_keyring):
    slow_keyring.secrets[(secrets.SERVICE, "cn-beijing")] = KEY
    dialog = open_dialog(qtbot)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: slow_keyring.calls >= 1, timeout=WAIT_MS)
    assert not dialog.test_button.isEnabled()  # no key known yet to test with
    slow_keyring.unlock()
    qtbot.waitUntil(lambda: "saved in the system keyring" in dialog.key_source_label.text())
    assert "…WXYZ" in dialog.key_source_label.text()
    assert dialog.test_button.isEnabled()


def test_closing_the_dialog_while_the_keyring_waits_is_safe(qtbot, qasync_loop, slow_keyring):
    errors: list[dict] = []
    qasync_loop.set_exception_handler(lambda loop, context: errors.append(context))
    dialog = open_dialog(qtbot)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    qtbot.waitUntil(lambda: slow_keyring.calls >= 1, timeout=WAIT_MS)
    qtbot.keyClicks(dialog.key_edit, KEY)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: slow_keyring.calls >= 2, timeout=WAIT_MS)  # Save asked too
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel while both wait for the keyring
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=WAIT_MS)

    slow_keyring.unlock()  # the prompt is answered after all: the late answers go nowhere
    qtbot.waitUntil(lambda: slow_keyring.answered >= 2, timeout=WAIT_MS)
    qtbot.wait(200)
    assert errors == []
    assert not settings_path().exists()  # Save stopped before writing the settings
