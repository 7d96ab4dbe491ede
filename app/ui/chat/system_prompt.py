"""The conversation's system prompt, at the top of the conversation: one quiet line when
collapsed ("System prompt: Talk like a pirate…", or "Add a system prompt"), an editor when
opened, and for a new chat the preset ("assistant") to start from.

The panel only shows and asks: ``saved(text)`` when the user saves an edit, ``preset_chosen
(name)`` when a preset is picked; the window's ``SetupRoom`` writes the history and fills the
composer. Esc in the editor cancels, Ctrl+Enter saves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.theme import theme_for, tinted

SUMMARY_CHARS = 90


class SystemPromptPanel(QFrame):
    """See the module docstring."""

    saved = Signal(str)
    preset_chosen = Signal(str)
    parameters_requested = Signal()
    presets_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systemPromptPanel")
        self._text = ""
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("systemPromptToggle")
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggle.clicked.connect(lambda: self.set_expanded(not self.is_expanded()))
        self.presets = QComboBox(self)
        self.presets.setObjectName("presetCombo")
        self.presets.setToolTip(self.tr("Start this chat from a preset (an assistant)"))
        self.presets.activated.connect(self._on_preset)
        self.parameters_button = QToolButton(self)
        self.parameters_button.setObjectName("parametersButton")
        self.parameters_button.setText(self.tr("Parameters…"))
        self.parameters_button.setAutoRaise(True)
        self.parameters_button.setToolTip(self.tr("Sampling parameters of this conversation"))
        self.parameters_button.clicked.connect(self.parameters_requested)
        self.presets_button = QToolButton(self)
        self.presets_button.setObjectName("presetsButton")
        self.presets_button.setText(self.tr("Presets…"))
        self.presets_button.setAutoRaise(True)
        self.presets_button.setToolTip(self.tr("Create, edit or delete presets"))
        self.presets_button.clicked.connect(self.presets_requested)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("systemPromptEdit")
        self.editor.setPlaceholderText(
            self.tr("Instructions the model follows in this whole conversation")
        )
        self.editor.setMaximumHeight(140)
        self.editor.setTabChangesFocus(True)
        self.editor.installEventFilter(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("systemPromptSave")
        self.save_button.clicked.connect(self._save)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self._cancel)
        self.note = QLabel(self.tr("Sent first, before every prompt of this conversation."), self)
        self.note.setPalette(tinted(QPalette.ColorRole.WindowText, theme_for(self.palette()).muted))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addStretch(1)
        self._top = top  # the conversation's header row; add_fact puts facts after the stretch
        top.addWidget(self.presets)
        top.addWidget(self.parameters_button)
        top.addWidget(self.presets_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 4, 24, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self._body = (self.editor, self.save_button, self.cancel_button, self.note)
        self.set_presets([], new_chat=False)
        self.set_expanded(False)
        self._refresh()

    # -- what the window tells it -------------------------------------------------------------

    def add_fact(self, widget: QWidget) -> None:
        """Show ``widget`` in the conversation's header row (its total tokens and cost)."""
        self._top.insertWidget(2, widget)

    def set_text(self, text: str) -> None:
        """The stored system prompt (an edit in progress is dropped)."""
        self._text = text
        self.editor.setPlainText(text)
        self._refresh()

    def text(self) -> str:
        return self._text

    def set_presets(self, names: list[str], *, new_chat: bool, chosen: str = "") -> None:
        """The presets to start a new chat from (the combo shows only for a new chat)."""
        self.presets.blockSignals(True)
        self.presets.clear()
        self.presets.addItem(self.tr("No preset"), "")
        for name in names:
            self.presets.addItem(name, name)
        index = self.presets.findData(chosen)
        self.presets.setCurrentIndex(max(0, index))
        self.presets.blockSignals(False)
        self.presets.setVisible(new_chat and bool(names))

    # -- state ----------------------------------------------------------------------------------

    def is_expanded(self) -> bool:
        return self.editor.isVisibleTo(self)

    def set_expanded(self, expanded: bool) -> None:
        for widget in self._body:
            widget.setVisible(expanded)
        self.toggle.setArrowType(
            Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        )
        if expanded:
            self.editor.setFocus()

    def summary(self) -> str:
        text = " ".join(self._text.split())
        if not text:
            return self.tr("Add a system prompt")
        if len(text) > SUMMARY_CHARS:
            text = text[: SUMMARY_CHARS - 1].rstrip() + "…"
        return self.tr("System prompt: {text}").format(text=text)

    def _refresh(self) -> None:
        self.toggle.setText(self.summary())
        self.toggle.setToolTip(self._text or self.tr("Add a system prompt"))

    def _save(self) -> None:
        self._text = self.editor.toPlainText()
        self._refresh()
        self.set_expanded(False)
        self.saved.emit(self._text)

    def _cancel(self) -> None:
        self.editor.setPlainText(self._text)
        self.set_expanded(False)

    def _on_preset(self, index: int) -> None:
        self.preset_chosen.emit(str(self.presets.itemData(index) or ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self._cancel()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._save()
                return True
        return super().eventFilter(watched, event)


__all__ = ["SystemPromptPanel"]
