"""The zh_CN catalogue as the window will load it once the lead merges the pending lists
(``resources/translations/pending/*.tsv``, one per helper) into the shipped one: the shipped
``.qm`` plus the pending lines compiled into a second one. After the merge (the lists removed) it
is the shipped catalogue alone, so the tests that use it keep working unchanged."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
SHIPPED_QM = TRANSLATIONS / "seekdesk_zh_CN.qm"
PENDING = TRANSLATIONS / "pending"


def _pending_lines() -> list[tuple[str, str, str]]:
    """Every pending list's lines (context, English, Chinese), the lists in name order."""
    lines = []
    for tsv in sorted(PENDING.glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            fields = line.split("\t")
            assert len(fields) == 3, f"{tsv.name}:{number}: not context<TAB>English<TAB>Chinese"
            lines.append((fields[0], fields[1], fields[2]))
    return lines


def _compiled_pending(folder: Path) -> Path:
    if shutil.which("pyside6-lrelease") is None:
        pytest.skip("needs pyside6-lrelease")
    root = ET.Element("TS", {"version": "2.1", "language": "zh_CN"})
    contexts: dict[str, ET.Element] = {}
    for line in _pending_lines():
        name, source, translation = line
        if name not in contexts:
            contexts[name] = ET.SubElement(root, "context")
            ET.SubElement(contexts[name], "name").text = name
        message = ET.SubElement(contexts[name], "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = translation
    ts, qm = folder / "pending_zh_CN.ts", folder / "pending_zh_CN.qm"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True,
                   timeout=120)  # fmt: skip
    return qm


@contextmanager
def chinese(folder: Path) -> Iterator[None]:
    """The zh_CN catalogue installed (the pending lines win over the shipped ones)."""
    files = [SHIPPED_QM] + ([_compiled_pending(folder)] if _pending_lines() else [])
    translators = []
    for qm in files:  # installed last, looked up first
        translator = QTranslator()
        assert translator.load(str(qm)), qm
        QCoreApplication.installTranslator(translator)
        translators.append(translator)
    try:
        yield
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
