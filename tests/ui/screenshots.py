"""Screenshots of the settings dialog in the light and the dark palette, for a human to look at.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m tests.ui.screenshots`` (or under ``tests/run.sh`` to
see the keyring states). PNGs go to ``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``.
Settings and keys live in a throwaway directory; nothing touches your real configuration.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SCENES: dict[str, Callable[..., None]] = {}


def artifacts_dir() -> Path:
    path = Path(os.environ.get("SEEKDESK_ARTIFACTS") or "/tmp/seekdesk-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _scene(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(func: Callable[..., None]) -> Callable[..., None]:
        SCENES[name] = func
        return func

    return register


@_scene("singapore-missing-workspace")
def _singapore(dialog) -> None:
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("ap-southeast-1"))
    dialog.workspace_edit.setText("")
    dialog.key_edit.setText("sk-0123456789abcdef")


@_scene("frankfurt-bad-workspace")
def _bad_workspace(dialog) -> None:
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("eu-central-1"))
    dialog.workspace_edit.setText("evil.example.com/")


@_scene("virginia-test-ok")
def _virginia_ok(dialog) -> None:
    from app.ui.settings.settings_dialog import ConnectionTestResult

    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("us-east-1"))
    dialog.show_key_button.setChecked(True)
    dialog.key_edit.setText("sk-shown0123456789")
    dialog._finish_test(
        ConnectionTestResult(
            True,
            dialog._success_text(
                "deepseek-v4-pro", 0.84, 0.61, "5b1e2f3a-9c8d-4e7f-a1b2-c3d4e5f60718"
            ),
        )
    )


@_scene("beijing-test-401")
def _beijing_401(dialog) -> None:
    from app.core.errors import make_failure
    from app.ui.settings.settings_dialog import ConnectionTestResult

    failure = make_failure(
        status=401,
        code="invalid_api_key",
        message="Incorrect API key provided.",
        request_id="0f3c9a52-1d2e-4b5c-8a7f-112233445566",
    )
    dialog.workspace_edit.setText("ws-756pfhanyfvqhdkw")
    dialog._finish_test(ConnectionTestResult(False, dialog._failure_text(failure)))


@_scene("tokyo-key-from-environment")
def _tokyo_env(dialog) -> None:
    os.environ["DASHSCOPE_API_KEY"] = "sk-from-the-environment-7f3c"
    try:
        dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("ap-northeast-1"))
        dialog.workspace_edit.setText("ws-6rq790chy8pc9lkq")
        dialog._keys.forget()
        dialog._refresh()
        settle(dialog)  # the keyring is asked off the UI thread
    finally:
        del os.environ["DASHSCOPE_API_KEY"]


def settle(dialog) -> None:
    """Let the dialog's keyring lookups (worker threads on the qasync loop) answer."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(10_000)
    while dialog.waiting_for_keyring and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="seekdesk-shots-")
    os.environ["SEEKDESK_CONFIG_DIR"] = os.path.join(scratch, "config")
    os.environ["SEEKDESK_DATA_DIR"] = os.path.join(scratch, "data")
    os.environ.pop("DASHSCOPE_API_KEY", None)

    from PySide6.QtWidgets import QApplication

    from app.core.settings import Settings
    from app.ui.app import dark_palette, light_palette
    from app.ui.settings.settings_dialog import SettingsDialog

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from tests.ui.asyncloop import running_loop

    loop = running_loop(app)  # the dialog asks the keyring on the qasync loop
    next(loop)
    out = artifacts_dir()
    written = []
    for theme, palette in (("light", light_palette), ("dark", dark_palette)):
        app.setPalette(palette())
        for name, prepare in SCENES.items():
            dialog = SettingsDialog(Settings())
            settle(dialog)
            prepare(dialog)
            settle(dialog)
            dialog.adjustSize()
            dialog.show()
            app.processEvents()
            path = out / f"settings-{name}-{theme}.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
    loop.close()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
