"""One editor row per declared setting, built from its ``SettingSpec``.

The settings dialog does not list its fields: it asks ``settings.specs_edited_in(DIALOG)`` and
builds a row for each from the declaration: a drop-down list for a setting with choices (radio
buttons when the spec asks for them), a check box for an on/off setting, a line edit otherwise.
Labels and choice labels are the spec's, translated under the ``Setting`` context. So adding a
setting the dialog edits is one declaration in ``app.core.settings``; the dialog only adds the
behaviour a particular row needs on top (the workspace rules, say).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import SettingSpec

CONTEXT = "Setting"


def translated(text: str) -> str:
    """A label the core marked with ``QT_TRANSLATE_NOOP("Setting", …)``, in the UI language."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


class SettingRow(QObject):
    """A label, an editor and room below it for messages; ``value()`` is what Save takes."""

    #: The user changed the value.
    changed = Signal()

    def __init__(self, spec: SettingSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.widget = QWidget(parent)
        self.widget.setObjectName(f"{spec.name}Row")
        #: The editor and, below it, whatever the dialog adds (messages).
        self.box = QVBoxLayout(self.widget)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(2)
        self.label = QLabel(translated(spec.label), parent)
        self.editor: QWidget = self._build()
        self.label.setBuddy(self.editor)

    def _build(self) -> QWidget:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class ComboRow(SettingRow):
    def _build(self) -> QWidget:
        self.combo = QComboBox(self.widget)
        self.combo.setObjectName(f"{self.spec.name}Combo")
        assert self.spec.choices is not None
        for choice in self.spec.choices():
            self.combo.addItem(translated(self.spec.choice_label(choice)), choice)
        self.combo.currentIndexChanged.connect(self.changed)
        self.box.addWidget(self.combo)
        return self.combo

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))


class RadioRow(SettingRow):
    def _build(self) -> QWidget:
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        holder = QWidget(self.widget)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        assert self.spec.choices is not None
        for choice in self.spec.choices():
            radio = QRadioButton(translated(self.spec.choice_label(choice)), holder)
            radio.setObjectName(f"{choice}Radio")
            self.group.addButton(radio)
            line.addWidget(radio)
            self.radios[choice] = radio
        line.addStretch(1)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())
        self.box.addWidget(holder)
        return next(iter(self.radios.values()), holder)

    def value(self) -> Any:
        for choice, radio in self.radios.items():
            if radio.isChecked():
                return choice
        return self.spec.default

    def set_value(self, value: Any) -> None:
        radio = self.radios.get(value) or self.radios.get(self.spec.default)
        if radio is not None:
            radio.setChecked(True)


class CheckRow(SettingRow):
    def _build(self) -> QWidget:
        self.check = QCheckBox(translated(self.spec.label), self.widget)
        self.check.setObjectName(f"{self.spec.name}Check")
        self.check.toggled.connect(self.changed)
        self.box.addWidget(self.check)
        self.label.setText("")
        return self.check

    def value(self) -> Any:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class TextRow(SettingRow):
    def _build(self) -> QWidget:
        self.edit = QLineEdit(self.widget)
        self.edit.setObjectName(f"{self.spec.name}Edit")
        self.edit.textChanged.connect(self.changed)
        self.box.addWidget(self.edit)
        return self.edit

    def value(self) -> Any:
        return self.edit.text().strip()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


def make_row(spec: SettingSpec, parent: QWidget) -> SettingRow:
    """The row the declaration calls for."""
    if spec.choices is not None:
        return RadioRow(spec, parent) if spec.radio else ComboRow(spec, parent)
    if spec.type is bool:
        return CheckRow(spec, parent)
    return TextRow(spec, parent)
