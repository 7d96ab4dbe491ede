"""The theme setting is honoured: a user who chose Dark (in the dialog, with ``seekdesk config set
theme dark``, or as ``ui.theme`` in an older settings file) gets the dark palette, and a forced
theme does not flip when the system switches; "As the system" follows it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.core import settings
from app.ui.app import create_application
from app.ui.common.palettes import THEME_PROPERTY, is_dark, system_scheme_changed


@pytest.fixture
def app(qapp, monkeypatch):
    monkeypatch.delenv("SEEKDESK_THEME", raising=False)
    palette, theme = qapp.palette(), qapp.property(THEME_PROPERTY)
    yield qapp
    qapp.setPalette(palette)
    qapp.setProperty(THEME_PROPERTY, theme)


def test_a_theme_saved_as_ui_theme_by_an_older_version_opens_dark(app):
    path = settings.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"ui": {"theme": "dark"}}), encoding="utf-8")
    create_application(theme=settings.load_settings().settings.theme)
    assert is_dark(app)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_forced_theme_stays_when_the_system_switches(app, theme):
    create_application(theme=theme)
    assert is_dark(app) == (theme == "dark")
    other = Qt.ColorScheme.Light if theme == "dark" else Qt.ColorScheme.Dark
    system_scheme_changed(app, other)
    assert is_dark(app) == (theme == "dark")


def test_as_the_system_follows_the_system(app):
    create_application(theme="system")
    system_scheme_changed(app, Qt.ColorScheme.Dark)
    assert is_dark(app)
    system_scheme_changed(app, Qt.ColorScheme.Light)
    assert not is_dark(app)


def test_the_environment_still_wins(app, monkeypatch):
    monkeypatch.setenv("SEEKDESK_THEME", "light")
    create_application(theme="dark")
    assert not is_dark(app)
