"""The window's entry point: QApplication, the qasync event loop, theme and translations.

asyncio runs inside Qt's own event loop (qasync), started once here; everything below is plain
asyncio, so the network and the history store never block the window and no thread juggling is
needed. The application does not quit when the last window closes: closing the window resolves a
future instead, and ``run()`` then waits for the window's shutdown (a streaming reply is stopped
and recorded as ``stopped``) before the loop exits.

The palette follows the system colour scheme (Fusion style, light or dark palette, switched live
when the system changes) unless the ``theme`` setting (System/Light/Dark, in the settings dialog
or ``seekdesk config set theme``; ``ui.theme`` in files of earlier versions) or
``SEEKDESK_THEME=light|dark`` forces one; the environment wins. A theme saved in the dialog
applies at once (``set_theme``).
Translations are loaded from ``resources/translations/seekdesk_<locale>.qm`` when present.

The start (``start_window``, which ``run`` and the start-up benchmarks share, so their figure is
the app's) begins opening the history on a thread of its own before it imports the window: the
SQLite work of the opening (an integrity check, a tenth of a second on a big history) overlaps
the imports and the window's construction instead of following them. Until the first frame is
painted the cyclic garbage collector is paused: the imports and the widgets make tens of
thousands of long-lived objects, and the collections they set off (about 50, ~10 ms) would
find almost no garbage; then what exists is frozen (``gc.freeze``: never scanned again, as the
module objects would have survived every collection anyway) and collecting resumes.
"""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.common.palettes import (
    THEME_PROPERTY,
    apply_theme,
    dark_palette,
    is_dark,
    light_palette,
    set_theme,
    system_scheme_changed,
    wanted_scheme,
)
from app.ui.common.resources import resources_dir

if TYPE_CHECKING:
    import qasync

    from app.ui.window.main_window import MainWindow

#: The palettes and the theme live in ``app.ui.common.palettes``; importable from here too.
__all__ = [
    "APP_ID",
    "THEME_PROPERTY",
    "apply_theme",
    "create_application",
    "dark_palette",
    "install_translations",
    "is_dark",
    "light_palette",
    "run",
    "set_theme",
    "start_window",
    "wanted_scheme",
]

APP_ID = "seekdesk"


RESOURCES = resources_dir()
TRANSLATIONS = RESOURCES / "translations"
ICON = RESOURCES / "seekdesk.svg"


def resource_path(name: str) -> Path:
    return RESOURCES / name


def install_translations(
    app: QApplication, locale: QLocale | None = None, directory: Path = TRANSLATIONS
) -> list[QTranslator]:
    """Load Qt's own and SeekDesk's translations (``seekdesk_<locale>.qm`` in ``directory``) for
    ``locale``; missing files are fine (English). Returns the installed translators."""
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in (("qtbase", qt_dir), (APP_ID, str(directory))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", where):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def create_application(argv: list[str] | None = None, theme: str | None = None) -> QApplication:
    """The QApplication with name, icon, Fusion style, palette (for the ``theme`` setting) and
    translations in place."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle("Fusion")
    else:  # Fusion named on the command line: setStyle would make PySide6 build QStyle's
        # Python class and its enums (~15 ms), which nothing before the first frame needs.
        app = QApplication([*(argv or sys.argv[:1]), "-style", "Fusion"])
    app.setApplicationName("SeekDesk")
    app.setApplicationDisplayName("SeekDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("SeekDesk")
    app.setDesktopFileName(APP_ID)
    from app.ui.common.app_icon import app_icon  # PNGs of every size, the SVG as fallback

    app.setWindowIcon(app_icon())  # the dock / task bar; the window sets its own too
    set_theme(app, theme)
    app.styleHints().colorSchemeChanged.connect(lambda scheme: system_scheme_changed(app, scheme))
    install_translations(app)
    return app


def install_asyncgen_hooks(loop: asyncio.AbstractEventLoop) -> Any:
    """Give async generators the loop's first-iteration and finalizer hooks; return the old ones.

    ``BaseEventLoop.run_forever`` installs these, but qasync replaces ``run_forever`` and does
    not. Without them an async generator abandoned mid-iteration (httpx does this when a reply
    ends before its body) is finalised by the garbage collector with a bare ``close()``, outside
    any loop, which fails noisily ("async generator ignored GeneratorExit") instead of being
    closed on the loop, and ``shutdown_asyncgens()`` cannot find it.
    """
    old = sys.get_asyncgen_hooks()
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # type: ignore[attr-defined]
        finalizer=loop._asyncgen_finalizer_hook,  # type: ignore[attr-defined]
    )
    return old


async def _serve(window: object, closed: asyncio.Future[None]) -> int:
    """Wait for the window to close, then for its shutdown; its ``exit_status`` is returned
    (1 when the history could not be opened, 0 otherwise)."""
    await closed
    shutdown = getattr(window, "shutdown", None)
    if shutdown is not None:
        await shutdown()
    return int(getattr(window, "exit_status", 0))


#: The garbage collector resumes at the first frame, or this long after the start at the latest.
COLLECT_AGAIN_MS = 3000


def _collect_again() -> None:
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


@dataclass(frozen=True)
class Started:
    """What ``start_window`` made: the application, its loop (current) and the shown window."""

    app: QApplication
    loop: qasync.QEventLoop
    window: MainWindow


def start_window(
    argv: list[str] | None = None, progress: Callable[[str], object] = lambda _step: None
) -> Started:
    """SeekDesk's start up to the window shown and its history opening: what ``run`` does
    before it waits, and what the start-up benchmarks measure. ``progress`` is told each step
    ("app imported", "QApplication", "MainWindow()", "shown"), for the benchmarks' timeline."""
    gc.disable()  # until the first frame (see the module docstring)
    import qasync

    from app.core.history import HistoryStore  # here, on the UI thread (see history_door)
    from app.core.settings import load_settings
    from app.ui.common import viewport
    from app.ui.window.history_door import open_early

    early = open_early(HistoryStore.open)  # it runs while the window's modules are imported
    viewport.install()  # no viewport() makes PySide6 build every widget class (common.viewport)
    # Read once, before the window exists (a small file), so the first frame has the theme.
    loaded = load_settings()
    from app.ui.window.main_window import MainWindow

    progress("app imported")
    app = create_application(argv, loaded.settings.theme)
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    progress("QApplication")
    # Shown at once; start() awaits the history's opening (see history_door).
    window = MainWindow(settings=loaded, early=early)
    window.later.begun.connect(_collect_again)
    QTimer.singleShot(COLLECT_AGAIN_MS, _collect_again)  # (a history that never opens)
    progress("MainWindow()")
    window.show()
    window.start()
    progress("shown")
    return Started(app, loop, window)


def run(argv: list[str] | None = None) -> int:
    """Open the main window on a qasync loop and return the exit status when it closes."""
    started = start_window(argv)
    loop, window = started.loop, started.window
    closed: asyncio.Future[None] = loop.create_future()
    old_hooks = install_asyncgen_hooks(loop)
    window.closed.connect(lambda: closed.done() or closed.set_result(None))  # type: ignore[func-returns-value]

    # Ctrl+C in the terminal closes the window properly (Python only sees signals between
    # Qt events, so a timer gives it a chance a few times a second).
    signal.signal(signal.SIGINT, lambda *_: window.close())
    ticker = QTimer()
    ticker.start(250)
    ticker.timeout.connect(lambda: None)
    try:
        with loop:
            status = loop.run_until_complete(_serve(window, closed))
            loop.run_until_complete(loop.shutdown_asyncgens())
            return status
    finally:
        sys.set_asyncgen_hooks(*old_hooks)
        ticker.stop()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        asyncio.set_event_loop(None)
