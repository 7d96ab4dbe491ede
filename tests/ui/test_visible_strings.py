"""Every sentence the window shows goes through Qt's translation: a bare English literal handed
straight to a Qt call that shows text (a label, a button, a tooltip, a title, a message box…)
would stay English on a Chinese desktop. This reads app/ui's source and names each such call."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "app" / "ui"

#: Calls that show their text argument, and which positional argument that is.
SHOWN_ARGUMENT: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "showMessage": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setAccessibleName": (0,),
    "setSpecialValueText": (0,),
    "addAction": (0, 1),  # (text) or (icon, text)
    "addMenu": (0, 1),
    "addItem": (0,),
    "insertItem": (1,),
    "setItemText": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "setTabText": (1,),
    "setHeaderLabels": (0,),
    "information": (1, 2),  # QMessageBox.information(parent, title, text)
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "QLabel": (0,),
    "QPushButton": (0,),
    "QToolButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QMenu": (0,),
    # The window's own ways to show a sentence (a banner, the status bar, a notice card).
    "show_notice": (0,),
    "status": (0,),
    "show_message": (0,),
    "setHtml": (0,),
}

#: Literals that are no sentence: the product's name, a sample ID, a currency code, and a
#: button only measured, never shown. (path relative to app/ui, text)
NOT_SENTENCES = {
    ("window/main_window.py", "SeekDesk"),
    ("settings/settings_dialog.py", "ws-xxxxxxxxxxxxxxxx"),
    ("usage/prices_dialog.py", "CNY"),
    ("window/look.py", "Undo"),  # steady_status_bar's probe: sized, removed, never drawn
}


def _words(node: ast.expr) -> str | None:
    """The English a literal argument carries, if it carries any (f-strings: the fixed part)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    elif isinstance(node, ast.BinOp):  # "a" + "b", "a %s" % x
        return _words(node.left) or _words(node.right)
    else:
        return None
    return text if any(ch.isalpha() for ch in text) else None


def untranslated(root: Path = UI) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            for index in SHOWN_ARGUMENT.get(name, ()):
                if index < len(node.args):
                    text = _words(node.args[index])
                    if text is not None and (where, text) not in NOT_SENTENCES:
                        found.append(f"{where}:{node.lineno}: {name}({text!r})")
    return found


def test_no_visible_text_skips_the_translation():
    assert untranslated() == []


def test_the_check_sees_a_bare_literal(tmp_path):
    """It can fail: a label made with English words, a tooltip from an f-string."""
    (tmp_path / "bad.py").write_text(
        "from PySide6.QtWidgets import QLabel\n"
        "label = QLabel('Hello')\n"
        "label.setToolTip(f'{3} new messages')\n"
        "label.setText(label.tr('Fine'))\n"
        "label.setText('✕')\n",
        encoding="utf-8",
    )
    assert untranslated(tmp_path) == [
        "bad.py:2: QLabel('Hello')",
        "bad.py:3: setToolTip(' new messages')",
    ]
