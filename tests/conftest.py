"""Shared fixtures: every test runs with its own data and config directories, and with no key
in the environment unless it sets one."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("SEEKDESK_DATA_DIR", str(data))
    monkeypatch.setenv("SEEKDESK_CONFIG_DIR", str(config))
    monkeypatch.delenv("DASHSCOPE_API_KEY", raising=False)
    monkeypatch.delenv("SEEKDESK_BASE_URL", raising=False)
    return data, config


@pytest.fixture
def fake_server():
    """A fake Model Studio on 127.0.0.1 (see tests/fakeserver.py), stopped after the test."""
    from tests.fakeserver import FakeServer

    with FakeServer() as fake:
        yield fake
