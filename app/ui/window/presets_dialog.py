"""Presets ("assistants") in the window: create, edit, delete, and mark one default.

A list on the left, the chosen preset's fields on the right: name, system prompt, model,
thinking, effort, and "use for new chats". Save checks the preset with the core's rules
(``presets.make_preset``: a bad value is named in the dialog, nothing saved) and hands the new
list to ``save`` (the window writes it off the UI thread). "Parameters…" opens the same
``ParametersPanel`` a conversation uses, for the preset's model, so the catalog decides what may
be set; its values are kept with the preset when it is saved (as ``seekdesk preset set``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import catalog, presets
from app.ui.chat.parameters_panel import ParametersPanel


class PresetsDialog(QDialog):
    """See the module docstring."""

    def __init__(
        self,
        items: tuple[presets.Preset, ...],
        save: Callable[[tuple[presets.Preset, ...]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("presetsDialog")
        self.setWindowTitle(self.tr("Presets"))
        self.items = tuple(items)
        self._save = save
        self.listing = QListWidget(self)
        self.listing.setObjectName("presetList")
        self.listing.currentRowChanged.connect(self._show)
        self.new_button = QPushButton(self.tr("New"), self)
        self.new_button.clicked.connect(self.new_preset)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("presetDelete")
        self.delete_button.clicked.connect(self.delete_preset)
        self.name = QLineEdit(self)
        self.name.setObjectName("presetName")
        self.system = QPlainTextEdit(self)
        self.system.setObjectName("presetSystem")
        self.model = QComboBox(self)
        self.model.setObjectName("presetModel")
        self.model.addItem(self.tr("The composer's choice"), "")
        for entry in catalog.usable_models():
            self.model.addItem(entry.label, entry.name)
        self.thinking = QComboBox(self)
        self.thinking.addItem(self.tr("The model's default"), None)
        self.thinking.addItem(self.tr("On"), True)
        self.thinking.addItem(self.tr("Off"), False)
        self.effort = QComboBox(self)
        self.effort.addItem(self.tr("The model's default"), "")
        self.effort.addItem(self.tr("High"), "high")
        self.effort.addItem(self.tr("Max"), "max")
        self.parameters_button = QPushButton(self.tr("Parameters…"), self)
        self.parameters_button.setObjectName("presetParameters")
        self.parameters_button.clicked.connect(self.open_parameters)
        self.parameters_summary = QLabel(self)
        self.parameters_summary.setObjectName("presetParametersSummary")
        self.parameters_summary.setWordWrap(True)
        self.parameters_panel: ParametersPanel | None = None
        self._parameters: dict[str, float | int] = {}
        self.default = QCheckBox(self.tr("Use for new chats"), self)
        self.default.setObjectName("presetDefault")
        self.error = QLabel(self)
        self.error.setObjectName("presetError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("System prompt"), self.system)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Thinking"), self.thinking)
        form.addRow(self.tr("Effort"), self.effort)
        params_row = QHBoxLayout()
        params_row.addWidget(self.parameters_button)
        params_row.addWidget(self.parameters_summary, 1)
        form.addRow(self.tr("Parameters"), params_row)
        form.addRow("", self.default)
        left = QVBoxLayout()
        left.addWidget(self.listing)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(form, 2)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save_preset)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._editing: presets.Preset | None = None
        self._refill(0)

    def _refill(self, row: int) -> None:
        self.listing.clear()
        air = QSize(0, self.listing.fontMetrics().height() + 10)  # rows easy to aim at
        for preset in self.items:
            mark = self.tr(" (default)") if preset.default else ""
            item = QListWidgetItem(preset.name + mark)
            item.setSizeHint(air)
            self.listing.addItem(item)
        if self.items:
            self.listing.setCurrentRow(min(max(row, 0), len(self.items) - 1))
        else:
            self.new_preset()
        self.delete_button.setEnabled(bool(self.items))

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        preset = self._editing = self.items[row]
        self.name.setText(preset.name)
        self.system.setPlainText(preset.system)
        self.model.setCurrentIndex(max(0, self.model.findData(preset.model or "")))
        self.thinking.setCurrentIndex(max(0, self.thinking.findData(preset.thinking)))
        self.effort.setCurrentIndex(max(0, self.effort.findData(preset.effort or "")))
        self.default.setChecked(preset.default)
        self._set_parameters(dict(preset.parameters))
        self.error.hide()

    def new_preset(self) -> None:
        self._editing = None
        self.listing.clearSelection()
        for widget in (self.name, self.system):
            widget.clear()
        for box in (self.model, self.thinking, self.effort):
            box.setCurrentIndex(0)
        self.default.setChecked(False)
        self._set_parameters({})
        self.name.setFocus()

    def open_parameters(self) -> ParametersPanel:
        """The conversation's parameters panel, for the chosen model and this preset's values."""
        if self.parameters_panel is None:
            self.parameters_panel = ParametersPanel(self)
            self.parameters_panel.changed.connect(self._set_parameters)
        model = str(self.model.currentData() or catalog.DEFAULT_MODEL)
        self.parameters_panel.show_for(model, self._parameters)
        self.parameters_panel.open()
        return self.parameters_panel

    def _set_parameters(self, values: dict[str, float | int]) -> None:
        self._parameters = dict(values)
        shown = ", ".join(f"{name} {value:g}" for name, value in sorted(values.items()))
        self.parameters_summary.setText(shown or self.tr("The model's defaults"))

    def save_preset(self) -> None:
        old = self._editing
        try:
            made = presets.make_preset(
                self.name.text(),
                system=self.system.toPlainText(),
                model=str(self.model.currentData()) or None,
                thinking=self.thinking.currentData(),
                effort=str(self.effort.currentData()) or None,
                parameters=self._parameters,
                default=self.default.isChecked(),
            )
        except presets.PresetError as exc:
            self.error.setText(self.tr("Not saved: {reason}").format(reason=exc))
            self.error.show()
            return
        kept = presets.remove(self.items, old.name) if old is not None else self.items
        self.items = presets.put(kept, made)
        self._save(self.items)
        self._refill(len(self.items) - 1)

    def delete_preset(self) -> None:
        if self._editing is None:
            return
        self.items = presets.remove(self.items, self._editing.name)
        self._save(self.items)
        self._refill(0)


__all__ = ["PresetsDialog"]
