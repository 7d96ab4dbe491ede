"""The failure panel says each failure in the user's language, from the one sentence the core
wrote: a full disk reads as a full disk, a bug as a bug with its log file named, and a user of
the Chinese translation reads the Chinese sentence for each, the specific ones too (a delisted
model with its date, a Retry-After wait, a region), dates and numbers written the Chinese way."""

from __future__ import annotations

import errno
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import QLocale

from app.core import paths
from app.core.catalog import DELISTING_DATE
from app.core.client import _transport_failure
from app.core.errors import HINTS, Action, ErrorKind, failure_for, make_failure
from app.core.model_regions import region_failure
from app.ui.chat.failure_panel import FailurePanel
from tests.ui import pending_catalogue


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
def chinese(qapp, tmp_path) -> Iterator[None]:
    """The zh_CN catalogue (shipped and pending lines) and a Chinese locale, as on a Chinese
    desktop: the app loads the catalogue for ``QLocale.system()``, which is then the default."""
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        with pending_catalogue.chinese(tmp_path):
            yield
    finally:
        QLocale.setDefault(before)


def chinese_text(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_sentence_has_its_chinese_even_a_retry_after_wait(panel, chinese):
    for kind, sentence in HINTS.items():
        panel.show_failure(make_failure(kind=kind))
        shown = panel.hint_label.text()
        assert shown != sentence, kind  # translated
        assert chinese_text(shown), kind
    panel.show_failure(make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=7))
    assert panel.hint_label.text() == "当前请求过多，请等待 7 秒后重试。"


def test_a_delisted_model_reads_in_chinese_with_the_date_written_the_chinese_way(panel, chinese):
    panel.show_failure(make_failure(kind=ErrorKind.MODEL_NOT_FOUND, model="deepseek-v3"))
    day = DELISTING_DATE
    assert panel.hint_label.text() == (
        f"deepseek-v3 已于 {day.year}年{day.month}月{day.day}日 被百炼（Model Studio）下线。"
        "请改用 qwen3.7-plus（或 qwen3.7-max, qwen3.6-flash）。"
    )
    assert panel.buttons[Action.SWITCH_MODEL].text() != "Switch to qwen3.7-plus"


def test_a_model_missing_from_a_region_names_the_region_in_chinese(panel, chinese):
    missing = make_failure(kind=ErrorKind.MODEL_NOT_FOUND, model="qwen-special")
    panel.show_failure(region_failure(missing, "qwen-special", "cn-beijing"))
    assert panel.hint_label.text().startswith("在中国（北京）未找到模型 qwen-special。")
    panel.show_failure(
        region_failure(make_failure(kind=ErrorKind.NO_ACCESS), "qwen-special", "cn-beijing")
    )
    assert panel.hint_label.text().startswith("无权在中国（北京）使用 qwen-special：")
    panel.show_failure(missing)
    assert panel.hint_label.text() == "在此地域未找到模型 qwen-special。请选择其他模型。"


@pytest.fixture
def american(qapp) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(before)


def test_an_american_desktop_reads_what_the_command_line_prints(panel, american):
    """No catalogue: the core's English, the date spelled out, the wait a plain number."""
    failure = make_failure(kind=ErrorKind.MODEL_NOT_FOUND, model="deepseek-v3")
    panel.show_failure(failure)
    assert panel.hint_label.text() == failure.hint
    assert f"on {DELISTING_DATE:%B} {DELISTING_DATE.day}, {DELISTING_DATE.year}." in failure.hint
    panel.show_failure(make_failure(kind=ErrorKind.RATE_LIMITED, retry_after=7))
    assert panel.hint_label.text() == "Too many requests right now. Wait 7 s, then retry."


def test_seekdesks_own_details_read_in_chinese_too(panel, chinese):
    """Under the sentence, what the connection did is SeekDesk's own words: translated, the
    host as it is; the service's own words would stay as the service wrote them."""
    request = httpx.Request("POST", "https://dashscope.aliyuncs.com/compatible-mode/v1/x")
    failure = _transport_failure(httpx.ConnectTimeout("timed out", request=request), None, "m")
    assert failure.message == "Connecting to dashscope.aliyuncs.com timed out."  # the CLI's
    panel.show_failure(failure)
    assert panel.details_label.text() == "连接 dashscope.aliyuncs.com 超时。"
    assert panel.hint_label.text().startswith("无法连接 dashscope.aliyuncs.com。")
