"""A scroll area's viewport, fetched without PySide6 building every widget class to type it.

Class building is once per process, so each story runs in a fresh one (as a user's start is)
and reports which of QtWidgets' Python classes exist afterwards; it counts classes, not time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CHILD = """
import json, sys
import PySide6.QtWidgets as widgets
from PySide6.QtWidgets import QApplication, QListWidget, QPlainTextEdit, QScrollArea
from app.ui.common import viewport

app = QApplication([])
if sys.argv[1] == "installed":
    viewport.install()
areas = [QScrollArea(), QListWidget(), QPlainTextEdit()]
found = [a.viewport() for a in areas]
built = sorted(name for name in ("QWizard", "QCalendarWidget", "QMdiArea", "QMessageBox")
               if name in widgets.__dict__)
same = [f is a.findChild(widgets.QWidget, "qt_scrollarea_viewport") and f.parentWidget() is a
        for f, a in zip(found, areas)]
print(json.dumps({"built": built, "same": same, "names": [f.objectName() for f in found]}))
"""


def _child(how: str) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, how], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_installed_every_area_gives_its_own_viewport_without_building_other_widget_classes():
    figures = _child("installed")
    assert figures["same"] == [True, True, True]
    assert figures["names"] == ["qt_scrollarea_viewport"] * 3
    assert figures["built"] == []


def test_without_it_pyside_builds_every_widget_class_to_type_the_first_viewport():
    figures = _child("as shipped")
    assert figures["same"] == [True, True, True]
    assert figures["built"] == ["QCalendarWidget", "QMdiArea", "QMessageBox", "QWizard"]


def test_a_viewport_set_by_hand_under_another_name_is_still_found(qtbot):
    from PySide6.QtWidgets import QScrollArea, QWidget

    from app.ui.common.viewport import viewport_of

    area = QScrollArea()
    qtbot.addWidget(area)
    assert viewport_of(area).objectName() == "qt_scrollarea_viewport"
    mine = QWidget()
    mine.setObjectName("myViewport")
    area.setViewport(mine)
    assert viewport_of(area) is mine
