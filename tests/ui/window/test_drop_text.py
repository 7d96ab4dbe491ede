"""Text in, nothing else: a text file dropped on the prompt box or pasted as a file is inserted
(asking first above 100 kB); an image or PDF is refused with the reason and nothing is sent."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.text_files import Kind, read_text
from tests.ui.windowkit import WAIT_MS


def drop(window, *paths) -> bool:
    """Drag ``paths`` over the prompt box and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = window.composer.edit.viewport()
    point = QPointF(viewport.rect().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPoint(), action, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(viewport, enter)
    dropped = QDropEvent(point, action, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(viewport, dropped)
    return enter.isAccepted() and dropped.isAccepted()


def test_files_are_sorted_by_their_content_not_their_name(tmp_path):
    (tmp_path / "a.log").write_text("ok\r\nline two\n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    (tmp_path / "latin1.csv").write_bytes("caf\xe9".encode("latin-1"))
    assert read_text(tmp_path / "a.log").text == "ok\nline two\n"
    png = read_text(tmp_path / "photo.txt")
    assert png.kind is Kind.BINARY and png.what == "PNG image"
    assert read_text(tmp_path / "latin1.csv").kind is Kind.BINARY
    assert read_text(tmp_path / "missing.md").kind is Kind.UNREADABLE


def test_a_dropped_text_file_is_inserted_and_an_image_refused(qtbot, window, fake, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Plan\n\n- water the 番茄\n", encoding="utf-8")
    image = tmp_path / "diagram.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    window.composer.set_text("Summarise: ")
    window.composer.edit.moveCursor(window.composer.edit.textCursor().MoveOperation.End)
    assert drop(window, notes, image)
    qtbot.waitUntil(lambda: "番茄" in window.composer.text(), timeout=WAIT_MS)
    assert window.composer.text() == "Summarise: # Plan\n\n- water the 番茄\n"
    banner = window.notice_banner.text()
    assert "diagram.png" in banner and "PNG image" in banner and "text only" in banner
    assert fake.requests == []


def test_a_large_file_asks_first(qtbot, window, tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("a,b\n" * 40_000, encoding="utf-8")  # 160 kB
    assert drop(window, big)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "largeFileBox") is not None,
                    timeout=WAIT_MS)  # fmt: skip
    box = window.findChild(QMessageBox, "largeFileBox")
    assert "160 kB" in box.text() and window.composer.text() == ""
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.composer.text()) == 160_000, timeout=WAIT_MS)


def test_a_file_pasted_from_the_file_manager_is_inserted(qtbot, window, tmp_path):
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(script))])
    QGuiApplication.clipboard().setMimeData(mime)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.composer.text() == "print('hello')\n", timeout=WAIT_MS)
