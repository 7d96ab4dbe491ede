"""Any setting declared for the dialog gets a working row from its declaration alone: a list for
choices (radio buttons when asked), a check box for on/off, a line edit otherwise, and what the
row reads back is a value the setting's own check accepts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.core.settings import SPECS, Settings
from app.ui.settings.setting_rows import CheckRow, ComboRow, RadioRow, TextRow, make_row

SCALARS = [spec for spec in SPECS if spec.type in (str, bool, float)]


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("spec", SCALARS, ids=[spec.name for spec in SCALARS])
def test_every_scalar_setting_round_trips_through_its_row(parent, spec):
    row = make_row(spec, parent)
    expected = {True: CheckRow, False: TextRow}[spec.type is bool]
    if spec.choices is not None:
        expected = RadioRow if spec.radio else ComboRow
    assert type(row) is expected
    row.set_value(spec.default)
    assert Settings().with_value(spec.name, row.value()) == Settings()
    if spec.choices is not None:
        for choice in spec.choices():
            row.set_value(choice)
            assert getattr(Settings().with_value(spec.name, row.value()), spec.name) == choice


def test_a_row_tells_when_the_user_changes_it(parent, qtbot):
    spec = next(s for s in SPECS if s.name == "thinking")
    row = make_row(spec, parent)
    assert isinstance(row, CheckRow)
    row.set_value(True)
    with qtbot.waitSignal(row.changed, timeout=1000):
        row.check.click()
    assert Settings().with_value("thinking", row.value()).thinking is False
