"""How the window looks, from the window itself: View → Theme, a font size that is saved at
once, the application icon in the title bar, and a status bar that keeps its height.

The theme is the ``theme`` setting the Settings dialog also edits (one declaration); choosing it
here applies at once to every window (``set_theme``) and is saved like any choice made in the
window. The menu's check mark is read back from the settings each time the menu opens, so a
change made in the dialog shows there too. The font size is the window's ``zoom`` (Ctrl+= /
Ctrl+- / Ctrl+0, applied to the conversation and the composer by ``WindowActions``); it is saved
as soon as it changes, not only on close, so a crash does not forget it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QPushButton

from app.core.setting_values import THEMES, theme_label
from app.core.settings import Settings
from app.ui.common.app_icon import app_icon


def steady_status_bar(window: QMainWindow) -> None:
    """Make the status bar as tall from the start as it is with a button in it (Undo), so a
    button appearing there never pushes the composer up."""
    bar = window.statusBar()
    probe = QPushButton("Undo", bar)
    bar.addWidget(probe)
    bar.setMinimumHeight(bar.sizeHint().height())
    bar.removeWidget(probe)
    probe.deleteLater()


class Look(QObject):
    """The Theme submenu, the saved font size and the window icon (see the module docstring)."""

    def __init__(
        self,
        window: QMainWindow,
        view_menu: QMenu,
        zoom_actions: list[QAction],
        settings: Callable[[], Settings],
        save: Callable[[str, object], None],
        save_zoom: Callable[[], None],
    ) -> None:
        """``save(name, value)`` keeps a setting; ``save_zoom()`` keeps the current zoom."""
        super().__init__(window)
        self._settings = settings
        self._save = save
        window.setWindowIcon(app_icon())
        steady_status_bar(window)
        self.theme_menu = QMenu(self.tr("&Theme"), view_menu)
        self.theme_menu.setObjectName("themeMenu")
        self._group = QActionGroup(self.theme_menu)
        self._group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in THEMES:
            label = QCoreApplication.translate("Setting", theme_label(name))
            action = QAction(label, self.theme_menu)
            action.setCheckable(True)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self.choose_theme(n))
            self._group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[name] = action
        self.theme_menu.aboutToShow.connect(self._sync)
        view_menu.addSeparator()
        view_menu.addMenu(self.theme_menu)
        for action in zoom_actions:
            action.triggered.connect(lambda _checked=False: save_zoom())
        self._sync()

    def _sync(self) -> None:
        current = self._settings().theme
        for name, action in self.theme_actions.items():
            action.setChecked(name == current)

    def choose_theme(self, name: str) -> None:
        """Use ``name`` (system, light or dark) from now on: applied at once, saved."""
        from app.ui.common.palettes import set_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_theme(app, name)
        self._save("theme", name)
        self._sync()


__all__ = ["Look"]
