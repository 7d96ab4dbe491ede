"""A connection failure names its host in the user's language: on a Chinese desktop the panel
reads the Chinese sentence with the host (and the workspace ID of a workspace host) in it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.core.client import name_the_place
from app.core.errors import HINT_CONTEXT, UNREACHABLE, ErrorKind, make_failure
from app.ui.chat.failure_panel import FailurePanel, failure_sentence

TRANSLATIONS = Path(__file__).resolve().parents[3] / "resources" / "translations"
#: This work's zh_CN list until the lead merges it into the shipped catalogue (then removed).
PENDING = TRANSLATIONS / "pending" / "POLISH.tsv"


def _compiled_pending(folder: Path) -> Path:
    """The Failure lines of the pending list compiled, as the shipped catalogue will hold them."""
    if shutil.which("pyside6-lrelease") is None:
        pytest.skip("needs pyside6-lrelease")
    root = ET.Element("TS", {"version": "2.1", "language": "zh_CN"})
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = HINT_CONTEXT
    for line in PENDING.read_text(encoding="utf-8").splitlines():
        name, source, translation = line.split("\t")
        if name == HINT_CONTEXT:
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").text = translation
    ts, qm = folder / "failure_zh_CN.ts", folder / "failure_zh_CN.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True,
                   timeout=120)  # fmt: skip
    return qm


@pytest.fixture
def chinese(qapp, tmp_path) -> Iterator[None]:
    qm = _compiled_pending(tmp_path) if PENDING.exists() else TRANSLATIONS / "seekdesk_zh_CN.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def panel(qtbot) -> FailurePanel:
    shown = FailurePanel()
    qtbot.addWidget(shown)
    return shown


def unreachable(host: str):
    return name_the_place(make_failure(kind=ErrorKind.NETWORK, message="refused"), host)


def test_the_host_is_named_in_chinese(panel, chinese):
    panel.show_failure(unreachable("127.0.0.1"))
    assert panel.hint_label.text() == "无法连接 127.0.0.1。请检查网络连接或代理后重试。"


def test_a_mistyped_workspace_is_named_in_chinese(panel, chinese):
    host = "ws-typo1234.cn-beijing.maas.aliyuncs.com"
    panel.show_failure(unreachable(host))
    shown = panel.hint_label.text()
    assert shown.startswith(f"无法连接 {host}。") and "业务空间 ID“ws-typo1234”" in shown


def test_without_a_catalogue_the_sentence_is_the_english_one(panel):
    failure = unreachable("dashscope.aliyuncs.com")
    panel.show_failure(failure)
    assert panel.hint_label.text() == UNREACHABLE.format(host="dashscope.aliyuncs.com")
    assert failure_sentence(failure) == failure.hint
