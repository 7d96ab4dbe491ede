"""Screenshots of the remaining screens for a human: the presets dialog, the quick switcher with
several conversations, a connection failure naming its host, and the settings dialog, each
light/dark × en/zh_CN at the scale of the run.

Run: ``QT_QPA_PLATFORM=offscreen python3 -m pytest tests/ui/window/shots_screens.py`` and again
with ``QT_SCALE_FACTOR=2`` (not part of the suite: it only draws). PNGs go to
``$SEEKDESK_ARTIFACTS`` or ``/tmp/seekdesk-artifacts``.
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.core import presets
from app.core.client import name_the_place
from app.core.errors import ErrorKind, make_failure
from app.core.history import HistoryStore
from app.core.settings import Settings
from app.ui.app import dark_palette, install_translations, light_palette
from app.ui.settings.settings_dialog import SettingsDialog
from tests import fakeserver as fs
from tests.ui import pending_catalogue, windowkit
from tests.ui.screenshots import artifacts_dir
from tests.ui.windowkit import WAIT_MS, type_and_enter


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_shots(qtbot, qasync_loop, run_async, fake, theme, lang, tmp_path):
    app = QApplication.instance()
    translators = install_translations(app, QLocale(lang)) if lang != "en" else []
    app.setPalette(light_palette() if theme == "light" else dark_palette())
    presets.save_presets([presets.make_preset("Pirate", system="Talk like a pirate."),
                          presets.make_preset("Reviewer", model="deepseek-v4-flash")])  # fmt: skip
    with HistoryStore.open() as store:
        for title in ("Sourdough notes", "分布式数据库的一致性", "Trip to Kyoto"):
            store.create_conversation(title, "deepseek-v4-pro", "cn-beijing", "openai")
    gen = windowkit.open_window(qtbot, run_async)
    window = next(gen)
    catalogue = pending_catalogue.chinese(tmp_path) if lang != "en" else None
    if catalogue is not None:
        catalogue.__enter__()
    try:
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        out = artifacts_dir()
        tag = f"{theme}-{lang}-{scale}x"
        qtbot.waitUntil(lambda: len(window.sidebar.conversation_ids()) == 3, timeout=WAIT_MS)
        window.sidebar.pin_toggled.emit(window.sidebar.conversation_ids()[-1])
        qtbot.wait(100)
        window.sidebar.grab().save(str(out / f"sidebar-pinned-{tag}.png"))
        window.setup_room.open_presets()
        qtbot.waitUntil(lambda: window.setup_room.presets_dialog is not None, timeout=WAIT_MS)
        dialog = window.setup_room.presets_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        dialog.listing.setCurrentRow(0)
        qtbot.wait(100)
        dialog.grab().save(str(out / f"presets-{tag}.png"))
        dialog.close()
        window.keys.switcher.start()
        qtbot.waitUntil(lambda: window.keys.switcher.list.count() == 3, timeout=WAIT_MS)
        qtbot.wait(100)
        window.keys.switcher.grab().save(str(out / f"switcher3-{tag}.png"))
        window.keys.switcher.reject()
        settings_dialog = SettingsDialog(Settings())
        settings_dialog.show()
        qtbot.waitUntil(lambda: not settings_dialog.waiting_for_keyring, timeout=WAIT_MS)
        settings_dialog.region_combo.setCurrentIndex(
            settings_dialog.region_combo.findData("eu-central-1"))  # fmt: skip
        qtbot.keyClicks(settings_dialog.workspace_edit, "ws-756pfhanyfvqhdkw")
        qtbot.wait(100)
        settings_dialog.grab().save(str(out / f"settings-{tag}.png"))
        settings_dialog.close()
        fake.enqueue(fs.error(400, "InvalidParameter", "Bad."))  # then a host failure in its place
        type_and_enter(qtbot, window, "Hello?")
        qtbot.waitUntil(lambda: not window.worker.is_busy(), timeout=WAIT_MS)
        row = window.chat_view.rows()[-1]
        failure = name_the_place(make_failure(kind=ErrorKind.NETWORK, message="Could not "
                                 "connect to ws-typo1234.cn-beijing.maas.aliyuncs.com "
                                 "([Errno -2] Name or service not known)."),
                                 "ws-typo1234.cn-beijing.maas.aliyuncs.com")  # fmt: skip
        window.chat_view.show_failure(row.message_id, failure)
        qtbot.wait(200)
        window.grab().save(str(out / f"window-host-failure-{tag}.png"))
    finally:
        if catalogue is not None:
            catalogue.__exit__(None, None, None)
        next(gen, None)
        for translator in translators:
            app.removeTranslator(translator)
