"""What the core tells a user about their files (a settings file it cannot use, a history
backup that failed…) reads in the user's language in the window's banner, the paths in it as
they are, while the command line keeps the English (``app.core.sentences``)."""

from __future__ import annotations

import json

from PySide6.QtCore import QLocale

from app.core.catalog import DELISTING_DATE
from app.core.history import HistoryStore
from app.core.presets import load_presets, presets_path
from app.core.settings import load_settings, settings_path
from tests.ui import pending_catalogue, windowkit
from tests.ui.window.test_drop_text import drop
from tests.ui.windowkit import WAIT_MS


def test_a_settings_file_that_is_no_object_is_explained_in_chinese(
    qtbot, qasync_loop, run_async, fake, isolated_dirs, tmp_path
):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(["not", "settings"]), encoding="utf-8")
    assert load_settings().notice == (  # the CLI's words, unchanged
        f"Settings file {path} is not a JSON object; using defaults. It is left as it is; "
        f"when you save settings it is kept as {path}.broken."
    )
    with pending_catalogue.chinese(tmp_path):
        gen = windowkit.open_window(qtbot, run_async)
        window = next(gen)
        try:
            shown = window.notice_banner.text()
            assert f"设置文件 {path} 不是 JSON 对象" in shown
            assert "not a JSON object" not in shown
        finally:
            next(gen, None)


def test_a_failed_daily_backup_is_told_in_chinese(
    qtbot, qasync_loop, run_async, fake, isolated_dirs, tmp_path
):
    with HistoryStore.open() as store:
        store.create_conversation("Kept", "deepseek-v4-pro", "cn-beijing", "openai")
        blocker = store.backups_dir
    blocker.write_text("a file where the backups folder should be", encoding="utf-8")
    with pending_catalogue.chinese(tmp_path):
        gen = windowkit.open_window(qtbot, run_async)
        window = next(gen)
        try:
            qtbot.waitUntil(
                lambda: "历史记录的每日备份失败：" in window.notice_banner.text(), timeout=WAIT_MS
            )
            assert "daily backup" not in window.notice_banner.text()
        finally:
            next(gen, None)


def test_a_damaged_presets_file_is_told_in_english_on_the_command_line(isolated_dirs):
    path = presets_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    told = load_presets().notice
    assert told is not None and told.startswith("The presets file was damaged (")
    assert told.endswith(f"and was moved to {path}.broken.")


def test_a_file_that_is_no_export_is_refused_in_chinese(qtbot, window, run_async, tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    with pending_catalogue.chinese(tmp_path):
        run_async(window.history_files.import_from(bad))
        shown = window.notice_banner.text()
    assert "此文件既不是 SeekDesk 历史记录导出文件，也不是 ChatGPT 的 conversations.json。" in shown
    assert "neither" not in shown
    assert window.sidebar.conversation_ids() == []


def test_the_delisting_date_is_written_in_the_users_locale(qtbot, window, run_async):
    """The banner over a conversation on a delisted model writes the day as the desktop does
    (an ISO date is no date a reader expects)."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    try:
        window.composer.set_model("deepseek-r1")
        window.prefs.update_model_banner()
        day = DELISTING_DATE
        assert f"on {day:%B} {day.day}, {day.year};" in window.model_banner.text()
        QLocale.setDefault(QLocale("zh_CN"))
        window.prefs.update_model_banner()
        assert f"{day.year}年{day.month}月{day.day}日" in window.model_banner.text()
    finally:
        QLocale.setDefault(before)


def test_a_dropped_image_is_named_in_chinese(qtbot, window, fake, tmp_path):
    image = tmp_path / "diagram.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pending_catalogue.chinese(tmp_path):
        assert drop(window, image)
        qtbot.waitUntil(lambda: "diagram.png" in window.notice_banner.text(), timeout=WAIT_MS)
        shown = window.notice_banner.text()
    assert "PNG 图片" in shown and "PNG image" not in shown
    assert fake.requests == []
