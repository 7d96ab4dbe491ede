"""The window appears without the HTTP stack or the Markdown renderer. ``httpx`` (with
``httpcore``, ``h11``, its SSL setup) is about 16 MB and 40 ms that an idle window does not need;
the first send imports it. The renderer (markdown-it, Pygments, the math syntax: about a fifth of
the app's imports) comes with the first message shown. Nor does the window keep the source of
every module in memory (PySide6's import hook reads each one; ``app.ui`` makes it read bytes and
keep nothing: about 10 MB). The child is a fresh process, as a user's start is; the test counts
modules and files, not time.

Nor does the first frame import the window's parts it does not show (``LATER``: the turn router
and the session, the message rows, jumping, versions, shortcuts, find, import/export, usage…):
they come in idle turns right after it (``app/ui/window/later_parts.py``), as the child sees a
moment later. The child starts the window as ``seekdesk`` does (``app.ui.app.start_window``:
the history starts opening on a thread of its own before the window's modules are imported —
safe because opening the history imports nothing, which the last test checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from tests.fakeserver import FakeServer, answer_only

HTTP_STACK = (
    "httpx",
    "httpcore",
    "h11",
    "app.core.client",
    # The dialects' modules and their stream parsers: the window needs their names only.
    "app.core.protocols.openai",
    "app.core.protocols.dashscope",
    "app.core.protocols.shared",
    "app.core.protocols.error_bodies",
    "app.core.sse",
)
#: Dialogs opened on demand: imported when first opened, not to paint the window.
ON_DEMAND = (
    "app.ui.usage.view",
    "app.ui.usage.prices_dialog",
    "app.ui.usage.chart",
    "app.ui.settings.settings_dialog",  # (opened by itself only when there is no key)
    # Import/export and Delete's Undo copy: read when a file is imported or a chat deleted.
    "app.core.history.exchange",
    "app.core.history.importer",
    "app.core.history.chatgpt",
    # Search results' snippets: the first search. Not at all: uuid (its import reads the
    # platform; a new conversation's uid takes os.urandom), ``_strptime`` and its locale
    # tables (backups' names are read by hand on every open). (``html`` and ``secrets``, with
    # hmac/hashlib: the renderer's, in idle turns after the first frame: RENDERER.)
    "app.ui.window.snippets",
    "uuid",
    "_strptime",
    # The checker of import files and backups: listing the history repairs rows by ``rules``.
    "app.core.history.validate",
    # The system prompt panel's dialogs: presets and sampling parameters.
    "app.ui.window.presets_dialog",
    "app.ui.chat.parameters_panel",
    "app.ui.window.quick_switcher",  # (Ctrl+K)
    "app.ui.window.rename_dialog",  # (F2 or the sidebar's menu)
)
#: Qt classes the first frame does not use: PySide6 builds a class (and its enum types) when a
#: module first names it, so these are imported where they are used (a dialog, a message box)…
UNUSED_CLASSES = (
    "QMessageBox", "QFileDialog", "QDialogButtonBox", "QTextCursor",
    # …or to type a C++ object it meets: a scroll area's viewport made it build every widget
    # class (``app.ui.common.viewport``).
    "QWizard", "QCalendarWidget", "QMdiArea", "QGraphicsView",
)  # fmt: skip
#: The Markdown renderer and what it stands on: not for the first frame; imported in idle
#: turns after it (later_parts), else the first conversation opened waited ~80 ms for it.
RENDERER = (
    "html",
    "secrets",
    "markdown_it",
    "mdit_py_plugins",
    "pygments",
    "app.ui.render.rich_text",
    "app.ui.render.markdown",
    "app.ui.render.math_tex",
    "app.ui.render.browser",
)

#: The window's parts (and what only they stand on) made after its first frame.
LATER = (
    "app.core.session",
    "app.ui.chat.message_widgets",
    "app.ui.chat.prompt_row",
    "app.ui.chat.message_parts",
    "app.ui.chat.message_toolbar",
    "app.ui.window.turns",
    "app.ui.window.worker",
    "app.ui.window.jump",
    "app.ui.window.branch_room",
    "app.ui.window.message_dispatch",
    "app.ui.window.unsaved",
    "app.ui.window.delete_undo",
    "app.ui.window.drop_text",
    "app.ui.window.import_export",
    "app.ui.window.find_bar",
    "app.ui.window.shortcuts",
    "app.ui.usage.window_part",
)

CHILD = """
import asyncio, enum, gc, json, linecache, os, sys
import qasync
from PySide6.QtWidgets import QApplication
import app.ui
from app.ui.app import install_asyncgen_hooks, start_window

started = start_window(sys.argv[:1])
loop, window = started.loop, started.window
install_asyncgen_hooks(loop)
http = {stack!r}
on_demand = {on_demand!r}
renderer = {renderer!r}
later = {later!r}
unused_classes = {unused_classes!r}
first = {{}}

def first_frame():
    if not first:  # the sidebar's first page: the first frame, painted here
        first["collecting"] = gc.isenabled()
        enums = [o for o in gc.get_objects()
                 if isinstance(o, enum.EnumType) and o.__module__.startswith("PySide6")]
        first["enums"] = len(enums)
        first["qstyle"] = sorted(o.__qualname__ for o in enums
                                 if o.__qualname__.startswith("QStyle."))
        window.grab()
        first["later"] = sorted(m for m in later if m in sys.modules)
        first["drawn"] = sorted(m for m in renderer if m in sys.modules)
        first["app"] = sum(1 for m in sys.modules if m.startswith("app."))
        import PySide6.QtGui as gui, PySide6.QtWidgets as widgets
        first["classes"] = sorted(c for c in unused_classes
                                  if c in widgets.__dict__ or c in gui.__dict__)

if window.sidebar.list.count():  # listed already: the history's early opening was done
    first_frame()
window.conversations.listed.connect(first_frame)

def rendering():
    return sorted(m for m in renderer if m in sys.modules)

def loaded():
    return sorted(m for m in sys.modules if m.split(".")[0] in http or m in http)

async def scenario():
    while window.sidebar.list.count() < 1:
        await asyncio.sleep(0.01)
    window.grab()
    await asyncio.sleep(0.3)
    shown = loaded()
    sources = sorted(name for name in linecache.cache if "/app/" in name)
    dialogs = sorted(m for m in on_demand if m in sys.modules)
    drawn = rendering()
    window.send("hello")
    while window.worker.is_busy() or window.live is not None:
        await asyncio.sleep(0.05)
    print(json.dumps({{"shown": shown, "sent": loaded(), "sources": sources,
                      "dialogs": dialogs, "drawn": drawn, "replied": rendering(),
                      "first": first, "later": sorted(m for m in later if m in sys.modules),
                      "collecting": gc.isenabled()}}))
    window.close()
    await window.shutdown()

loop.run_until_complete(scenario())
sys.stdout.flush()
os._exit(0)  # (as the benchmarks do: Qt's teardown of qasync's threads is not under test)
"""


def test_the_window_shows_its_history_without_the_http_client_and_loads_it_to_send():
    from app.core.history import HistoryStore

    store = HistoryStore.open()
    store.create_conversation("Earlier", "deepseek-v4-pro", "cn-beijing", "openai")
    store.close()
    child = CHILD.format(stack=HTTP_STACK, on_demand=ON_DEMAND, renderer=RENDERER, later=LATER,
                         unused_classes=UNUSED_CLASSES)  # fmt: skip
    with FakeServer() as fake:
        fake.enqueue(answer_only("Hi there"))
        env = {"SEEKDESK_BASE_URL": fake.base_url, "DASHSCOPE_API_KEY": "sk-test-0000000000"}
        done = subprocess.run(
            [sys.executable, "-c", child],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["shown"] == []
    assert figures["sources"] == []  # PySide6's check of each module kept no file in memory
    assert figures["dialogs"] == []
    assert figures["first"]["drawn"] == []  # the list and an empty conversation: no Markdown
    assert "app.ui.render.rich_text" in figures["replied"] and "markdown_it" in figures["replied"]
    assert "httpx" in figures["sent"] and "app.core.client" in figures["sent"]
    assert "app.core.protocols.openai" in figures["sent"]  # the default API's, asked at the send
    assert len(fake.requests) == 1  # the reply came through it
    assert figures["first"]["later"] == []  # the first frame: none of the later parts
    assert figures["later"] == sorted(LATER)  # …and a moment later, all of them
    assert figures["first"]["app"] < 90  # (124 app modules before they were made later)
    # Nor does it load every class of QtCore, QtGui and QtWidgets (and their enum types): an
    # application-wide event filter installed before the first paint did, at the first event of
    # a Qt object PySide6 does not wrap (see later_parts).
    # (~235; 370 with it; ~290 when a viewport's type made it build every widget class)
    assert figures["first"]["enums"] < 260, figures["first"]["enums"]
    # Nor the Python class of QStyle (~15 ms: a dozen enums of hundreds of members): the style is
    # named on the command line, the light palette written out, row heights not keyed by style.
    assert figures["first"]["qstyle"] == []
    assert figures["first"]["classes"] == []  # (message boxes, file dialogs: when first asked)
    # The garbage collector waits for the first frame (app.ui.app), and then collects again.
    assert not figures["first"]["collecting"] and figures["collecting"]


def test_opening_the_history_imports_nothing_so_it_may_run_beside_the_imports():
    """``start_window`` opens the history on a thread while the UI thread imports the window;
    a module imported on that thread could crash beside PySide6's import hook."""
    from app.core.history import HistoryStore

    store = HistoryStore.open()  # (a history that exists, as at every start but the first)
    store.create_conversation("Earlier", "deepseek-v4-pro", "cn-beijing", "openai")
    store.close()
    shutil.rmtree(store.backups_dir, ignore_errors=True)  # (its daily backup due)
    code = (
        "import sys\n"
        "from app.core.history import HistoryStore\n"
        "before = set(sys.modules)\n"
        "store = HistoryStore.open()\n"
        "store.list_conversations(100)\n"
        "store.close()\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ), check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"
    assert list(store.backups_dir.glob("*daily*"))  # (it did take one)


def test_the_light_palette_is_fusions_own_written_out(qapp):
    """(Written out so the start needs no Fusion style object: see ``palettes.FUSION_LIGHT``.)"""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleFactory

    from app.ui.common.palettes import fusion_light_palette

    fusion, ours = QStyleFactory.create("Fusion").standardPalette(), fusion_light_palette()
    group = QPalette.ColorGroup
    groups = (group.Active, group.Inactive, group.Disabled)
    roles = [role for role in QPalette.ColorRole if role != QPalette.ColorRole.NColorRoles]
    differ = [(g.name, role.name) for g in groups for role in roles
              if fusion.color(g, role).rgba() != ours.color(g, role).rgba()]  # fmt: skip
    assert differ == []


def test_sidebar_rows_follow_a_change_of_style_though_their_heights_are_not_keyed_by_it(qtbot):
    """(The row heights' memory is keyed by font, not style, so the first frame reads no style:
    a change of style clears it instead.)"""
    from PySide6.QtWidgets import QProxyStyle, QStyle

    from tests.ui.window.test_sidebar_row_heights import (
        conversations,
        heights,
        listed_sidebar,
        style_heights,
    )

    class Roomier(QProxyStyle):
        def sizeFromContents(self, kind, option, size, widget=None):
            found = super().sizeFromContents(kind, option, size, widget)
            if kind == QStyle.ContentsType.CT_ItemViewItem:
                found.setHeight(found.height() + 20)
            return found

    sidebar = listed_sidebar(qtbot)
    before = heights(sidebar)
    roomier = Roomier("Fusion")
    sidebar.list.setStyle(roomier)
    sidebar.set_conversations(conversations())
    qtbot.waitUntil(lambda: heights(sidebar)[1] > before[1])
    assert heights(sidebar) == style_heights(sidebar)
    assert heights(sidebar)[1] == before[1] + 20
