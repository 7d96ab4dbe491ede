"""PySide6 asks of every module imported whether it uses PySide6 (for its ``__feature__``
switches); ``app.ui`` answers SeekDesk's own modules and the standard library's without opening
their files, and reads the others' bytes as before (counted: files opened, not time)."""

from __future__ import annotations

import builtins
import dataclasses
import datetime
import json
import sqlite3
import sys

import platformdirs
import pytest
import qasync

import app.core.settings
import app.ui.window.sidebar


@pytest.fixture
def check():
    import app.ui  # noqa: F401  (installs the check)

    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "seekdesk", False)
    return feature._mod_uses_pyside


@pytest.fixture
def opened(monkeypatch):
    paths: list[str] = []
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        paths.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    return paths


def test_seekdesks_modules_are_answered_by_their_package_without_reading_them(check, opened):
    assert check(app.ui.window.sidebar) is True
    assert check(app.core.settings) is False
    assert opened == []


def test_the_standard_librarys_modules_are_answered_without_reading_them(check, opened):
    for module in (json, datetime, sqlite3, dataclasses):
        assert check(module) is False
    assert opened == []


def test_another_librarys_module_is_still_read_for_the_text(check, opened):
    assert check(qasync) is True  # (it names PySide6 among the bindings it supports)
    assert check(platformdirs) is False
    assert opened == [qasync.__file__, platformdirs.__file__]
