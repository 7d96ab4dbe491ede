"""SeekDesk's icon: every size of the title bar, the task bar and a 2x screen, read once."""

from __future__ import annotations

from PySide6.QtCore import QSize

from app.ui.common import app_icon as module


def test_the_icon_is_read_from_disk_once_however_many_parts_ask_for_it(qapp, monkeypatch):
    made: list[object] = []
    monkeypatch.setattr(module, "_MADE", [])
    real = module._icon
    monkeypatch.setattr(module, "_icon", lambda where: made.append(where) or real(where))
    icons = [module.app_icon() for _ in range(3)]  # the application, the window, the welcome
    assert len(made) == 1
    assert len({icon.cacheKey() for icon in icons}) == 1  # one shared icon
    sizes = {size.width() for size in icons[0].availableSizes()}
    assert {16, 32, 64, 256} <= sizes
    assert icons[0].actualSize(QSize(512, 512)).width() >= 256  # sharp on a 2x screen too


def test_an_icon_from_another_folder_is_read_from_that_folder(qapp, tmp_path):
    assert module.app_icon(tmp_path).isNull()  # (nothing there: empty, nothing fails)
