"""A connection failure names its host in the user's language: on a Chinese desktop the panel
reads the Chinese sentence with the host (and the workspace ID of a workspace host) in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.client import name_the_place
from app.core.errors import UNREACHABLE, Action, ErrorKind, make_failure
from app.ui.chat.failure_panel import FailurePanel, failure_sentence
from tests.ui import pending_catalogue


@pytest.fixture
def chinese(qapp, tmp_path) -> Iterator[None]:
    with pending_catalogue.chinese(tmp_path):
        yield


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


def test_a_mistyped_workspace_offers_settings_before_retry(panel):
    panel.show_failure(unreachable("ws-typo1234.cn-beijing.maas.aliyuncs.com"))
    assert list(panel.buttons) == [Action.OPEN_SETTINGS, Action.RETRY]
    panel.show_failure(unreachable("dashscope.aliyuncs.com"))  # no ID to fix: retry only
    assert list(panel.buttons) == [Action.RETRY]
