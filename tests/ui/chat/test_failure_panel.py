"""The failure panel says each failure in the user's language, from the one sentence the core
wrote: a full disk reads as a full disk, a bug as a bug with its log file named, and a user of
the Chinese translation reads the Chinese sentence for each."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.core import paths
from app.core.errors import HINTS, Action, ErrorKind, failure_for, make_failure
from app.ui.chat.failure_panel import FailurePanel

SHIPPED_QM = (
    Path(__file__).resolve().parents[3] / "resources" / "translations" / "seekdesk_zh_CN.qm"
)


@pytest.fixture
def panel(qtbot) -> FailurePanel:
    shown = FailurePanel()
    qtbot.addWidget(shown)
    return shown


def test_a_full_disk_reads_as_a_full_disk_with_ways_to_keep_the_reply(panel):
    panel.show_failure(failure_for(OSError(errno.ENOSPC, "No space left on device")))
    assert panel.hint_label.text() == HINTS[ErrorKind.STORAGE_FULL]
    assert "check any proxy" not in panel.hint_label.text()
    # Asking again would bill it again and could not be saved either (issue 11, point 4).
    assert list(panel.buttons) == [Action.SAVE_AGAIN, Action.SAVE_TO_FILE]


def test_a_bug_reads_as_a_bug_and_names_its_log_file(panel, isolated_dirs):
    try:
        raise KeyError("reply")
    except KeyError as exc:
        panel.show_failure(failure_for(exc))
    assert panel.hint_label.text().startswith("SeekDesk hit an internal error")
    assert str(paths.log_file()) in panel.details_label.text()


@pytest.fixture
def chinese(qapp):
    """The shipped zh_CN catalogue, installed as the app does on a Chinese desktop."""
    translator = QTranslator()
    assert translator.load(str(SHIPPED_QM))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_every_sentence_has_its_chinese_and_a_specific_one_stays_as_written(panel, chinese):
    for kind, sentence in HINTS.items():
        panel.show_failure(make_failure(kind=kind))
        shown = panel.hint_label.text()
        assert shown != sentence, kind  # translated
        assert any("\u4e00" <= ch <= "\u9fff" for ch in shown), kind
    panel.show_failure(make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=7))
    assert panel.hint_label.text() == "Too many requests right now. Wait 7 s, then retry."
