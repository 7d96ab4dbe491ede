"""A conversation's sampling parameters, for the chosen model, from the catalog.

One row per parameter the API knows (temperature, top_p, presence_penalty, repetition_penalty,
max_tokens, thinking_budget). Each shows the model's default as the seed lists it; a row is
editable only where the seed says the model accepts a value (``Model.can_set``), within the
range the API accepts (``catalog.PARAMETER_RANGES``); otherwise it says why not ("fixed" with
the default, or "not accepted"). A row left on "Default" sends nothing, so the model's own
default applies. Reset puts every row back to its default.

The panel only shows and asks: ``changed(dict)`` with the values set (the window's
``SetupRoom`` saves them with the conversation; each reply records what was really sent).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import catalog


class ParametersPanel(QDialog):
    """See the module docstring."""

    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parametersPanel")
        self.setWindowTitle(self.tr("Parameters"))
        self._model = catalog.lookup(catalog.DEFAULT_MODEL)
        self.title = QLabel(self)
        self.title.setObjectName("parametersTitle")
        self.title.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.spins: dict[str, QAbstractSpinBox] = {}
        self.custom: dict[str, QCheckBox] = {}
        self.notes: dict[str, QLabel] = {}
        for row, name in enumerate(catalog.PARAMETER_TYPES):
            lo, hi = catalog.PARAMETER_RANGES[name]
            spin: QAbstractSpinBox
            if catalog.PARAMETER_TYPES[name] is int:
                box = QSpinBox(self)
                box.setRange(int(lo), int(hi))
                box.setSingleStep(256)
                box.setGroupSeparatorShown(True)
                box.valueChanged.connect(self._emit)
                spin = box
            else:
                dbox = QDoubleSpinBox(self)
                dbox.setRange(lo, hi)
                dbox.setDecimals(2)
                dbox.setSingleStep(0.05)
                dbox.valueChanged.connect(self._emit)
                spin = dbox
            spin.setObjectName(f"param_{name}")
            check = QCheckBox(self.tr("Set"), self)
            check.setObjectName(f"set_{name}")
            check.setToolTip(self.tr("Unchecked: the model's default is used (nothing is sent)."))
            check.toggled.connect(lambda on, s=spin: s.setEnabled(on))
            check.toggled.connect(self._emit)
            note = QLabel(self)
            note.setEnabled(False)
            grid.addWidget(QLabel(name, self), row, 0)
            grid.addWidget(check, row, 1)
            grid.addWidget(spin, row, 2)
            grid.addWidget(note, row, 3)
            self.spins[name], self.custom[name], self.notes[name] = spin, check, note
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reset_button = buttons.addButton(
            self.tr("Reset"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.setObjectName("parametersReset")
        self.reset_button.clicked.connect(self.reset)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self._quiet = False
        self.show_for(catalog.DEFAULT_MODEL, {})

    def show_for(self, model_name: str, values: Mapping[str, float | int]) -> None:
        """Rows for ``model_name`` with the conversation's ``values`` (others on default)."""
        self._quiet = True
        try:
            model = self._model = catalog.lookup(model_name)
            self.title.setText(
                self.tr("{model}: values the seed lets you set; others use the model's default.")
                .format(model=model.label if model.known else model.name)
            )
            for name, spin in self.spins.items():
                check, note = self.custom[name], self.notes[name]
                settable = model.can_set(name)
                default = model.parameters.get(name) if settable else None
                fixed = model.fixed_defaults.get(name)
                shown_default = default if default is not None else fixed
                if settable:
                    note.setText(
                        self.tr("default {value}").format(value=_number(shown_default))
                        if shown_default is not None else self.tr("default set by the service")
                    )  # fmt: skip
                elif fixed is not None:
                    note.setText(self.tr("fixed at {value}").format(value=_number(fixed)))
                else:
                    note.setText(self.tr("not accepted by this model"))
                value = values.get(name)
                on = settable and value is not None
                check.setEnabled(settable)
                check.setChecked(on)
                spin.setEnabled(on)
                start = value if on else shown_default
                if start is not None:
                    spin.setValue(start)  # type: ignore[attr-defined]
        finally:
            self._quiet = False

    def values(self) -> dict[str, float | int]:
        """The values set (checked rows of settable parameters), typed by the catalog."""
        found: dict[str, float | int] = {}
        for name, spin in self.spins.items():
            if self.custom[name].isChecked() and self._model.can_set(name):
                raw = spin.value()  # type: ignore[attr-defined]
                found[name] = catalog.validate_parameter(self._model, name, raw)
        return found

    def reset(self) -> None:
        self._quiet = True
        try:
            for check in self.custom.values():
                check.setChecked(False)
        finally:
            self._quiet = False
        self._emit()

    def _emit(self, *_: object) -> None:
        if not self._quiet:
            self.changed.emit(self.values())


def _number(value: float | int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, int) and value >= 10_000:
        return f"{value:,}"
    return f"{value:g}"


__all__ = ["ParametersPanel"]

