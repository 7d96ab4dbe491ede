"""The composer: where a prompt is typed, sent and stopped, and where the model is chosen.

Enter sends and Shift+Enter adds a line, except while an input method (Chinese, Japanese, Korean
IME) is composing: its preedit text is not part of the document yet, and the Enter that confirms
it belongs to the IME. We track the preedit from ``QInputMethodEvent`` and never send while it is
non-empty, so a half-typed message is never sent.

The model picker lists the models offered in the region (``model_regions.picker``), grouped
(DeepSeek, Qwen), the region's own first; a delisted or other-region model is hidden unless the
conversation uses one, which is then shown disabled and marked (the replacement in the label).
The thinking toggle and the effort picker follow the model's catalog entry, so the user cannot
ask for something the model does not do. Signals fire only on user action; ``set_*`` calls
from the window are silent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItemModel, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core import catalog, model_regions, regions
from app.core.catalog import Effort
from app.ui.common.theme import primary_button_palette

if TYPE_CHECKING:  # (PySide6 builds a class, and its enums, when a module first names it)
    from PySide6.QtGui import QFocusEvent, QInputMethodEvent, QKeyEvent

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PromptEdit(QPlainTextEdit):
    """A plain-text box where Enter submits, Shift+Enter breaks the line, Esc asks to stop."""

    submit = Signal()
    escape = Signal()

    #: The box grows with its text between these many lines, then scrolls.
    MIN_LINES, MAX_LINES = 2, 10
    #: A line longer than this wraps anywhere: Qt's word-boundary wrapping of one long unbroken
    #: line (a pasted 200,000-character blob) stalls the window for seconds, anywhere takes ms.
    LONG_LINE = 5000

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preedit = ""
        self.setTabChangesFocus(True)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._word_wrap = self.wordWrapMode()
        self._replacing = False
        # contentsChange comes before the layout of the change: the mode is right in time.
        self.document().contentsChange.connect(self._watch_long_lines)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def _watch_long_lines(self, position: int, removed: int, added: int) -> None:
        """Wrap anywhere while a line is very long, at words again once none is."""
        anywhere = QTextOption.WrapMode.WrapAnywhere
        if self._replacing:
            return
        if self.wordWrapMode() != anywhere:
            if added and self._long_block_between(position, position + added):
                self.setWordWrapMode(anywhere)
        elif removed and not self._long_block_between(0, self.document().characterCount()):
            self.setWordWrapMode(self._word_wrap)

    def setPlainText(self, text: str) -> None:
        """Replacing the whole text (a restored draft) lays it out before ``contentsChange``
        is sent (after one for the clearing), so the mode is chosen here, from ``text``."""
        long = len(text) > self.LONG_LINE and max(map(len, text.split("\n"))) > self.LONG_LINE
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere if long else self._word_wrap)
        self._replacing = True
        try:
            super().setPlainText(text)
        finally:
            self._replacing = False

    def _long_block_between(self, start: int, end: int) -> bool:
        """Whether a line touching ``start..end`` is longer than LONG_LINE: a walk over those
        lines only (none when the whole text is shorter)."""
        doc = self.document()
        if doc.characterCount() <= self.LONG_LINE:
            return False
        block = doc.findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.length() > self.LONG_LINE:
                return True
            block = block.next()
        return False

    def _fit_height(self, *_: object) -> None:
        """As tall as the text (wrapped lines count), within MIN_LINES..MAX_LINES."""
        lines = max(1, int(self.document().documentLayout().documentSize().height()))
        lines = min(max(lines, self.MIN_LINES), self.MAX_LINES)
        margins = self.contentsMargins()
        doc_margin = self.document().documentMargin()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + int(2 * doc_margin)
            + margins.top()
            + margins.bottom()
            + 2 * self.frameWidth()
        )
        if height != self.height():
            self.setFixedHeight(height)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()

    def is_composing(self) -> bool:
        """True while an input method holds uncommitted (preedit) text."""
        return bool(self._preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _ENTER_KEYS:
            if self.is_composing():
                # The IME confirms its composition with this Enter; it must never send.
                event.accept()
                return
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")  # a real newline, not Qt's U+2028 soft break
                event.accept()
                return
            event.accept()
            self.submit.emit()
            return
        if key == Qt.Key.Key_Escape and not self.is_composing():
            event.accept()
            self.escape.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Losing focus ends any composition on every platform; forget our copy of it.
        self._preedit = ""
        super().focusOutEvent(event)


class Composer(QWidget):
    """Prompt box, Send/Stop button, model picker, thinking toggle and effort picker."""

    send_requested = Signal(str)
    stop_requested = Signal()
    model_changed = Signal(str)
    thinking_changed = Signal(bool)
    effort_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._busy = False
        self._thinking_choice = True  # the user's choice for hybrid models

        self.edit = PromptEdit(self)
        self.edit.setObjectName("composerEdit")
        self.edit.setPlaceholderText(
            self.tr("Message the model — Enter to send, Shift+Enter for a new line")
        )

        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self._tint_send_button()
        self.stop_button = QPushButton(self.tr("Stop"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc); the text so far is kept"))
        self.stop_button.hide()

        self.model_box = QComboBox(self)
        self.model_box.setObjectName("modelBox")
        self.model_box.setToolTip(self.tr("Model"))
        # Long delisted labels live in the popup; the closed box stays a sensible width.
        self.model_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_box.setMinimumContentsLength(22)
        self._region = regions.DEFAULT_REGION
        self._fill_models()
        view = self.model_box.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 32)

        self.thinking_box = QCheckBox(self.tr("Thinking"), self)
        self.thinking_box.setObjectName("thinkingBox")
        self.effort_label = QLabel(self.tr("Effort"), self)
        self.effort_box = QComboBox(self)
        self.effort_box.setObjectName("effortBox")
        self.effort_box.addItem(self.tr("High"), Effort.HIGH.value)
        self.effort_box.addItem(self.tr("Max"), Effort.MAX.value)
        self.effort_label.setBuddy(self.effort_box)

        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setEnabled(False)  # rendered muted by the style
        self.busy_label.hide()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.model_box)
        controls.addWidget(self.thinking_box)
        controls.addWidget(self.effort_label)
        controls.addWidget(self.effort_box)
        controls.addStretch(1)
        self._facts_at = controls.count()  # quiet facts (the context meter) go here
        controls.addWidget(self.busy_label)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addLayout(controls)
        self._controls = controls

        self.edit.textChanged.connect(self._update_send_enabled)
        self.edit.submit.connect(self._submit)
        self.edit.escape.connect(self._escape)
        self.send_button.clicked.connect(self._submit)
        self.stop_button.clicked.connect(self.stop_requested)
        self.model_box.activated.connect(self._on_model_activated)
        self.thinking_box.toggled.connect(self._on_thinking_toggled)
        self.effort_box.activated.connect(self._on_effort_activated)

        self.set_model(catalog.DEFAULT_MODEL)
        self._update_send_enabled()

    # -- model list ---------------------------------------------------------------------------

    def add_fact(self, widget: QWidget) -> None:
        """Show ``widget`` in the controls row, right of the pickers (the context meter)."""
        self._controls.insertWidget(self._facts_at, widget)
        self._facts_at += 1

    def _fill_models(self) -> None:
        model = self.model_box.model()
        assert isinstance(model, QStandardItemModel)
        for group in model_regions.picker(self._region, self._today):
            self.model_box.addItem(group.label, None)  # a heading, not a choice
            model.item(self.model_box.count() - 1).setEnabled(False)
            for entry in group.models:
                self.model_box.addItem("   " + entry.label, entry.name)
                index = self.model_box.count() - 1
                self.model_box.setItemData(index, entry.name, Qt.ItemDataRole.ToolTipRole)

    def set_region(self, region: str) -> None:
        """Offer the models of ``region`` (the choice is kept, marked if not offered there)."""
        if region == self._region:
            return
        current = self.model()
        self._region = region
        blocker = self.model_box.blockSignals(True)
        self.model_box.clear()
        self._fill_models()
        self.model_box.blockSignals(blocker)
        self.set_model(current)

    def _index_for(self, name: str) -> int:
        index = self.model_box.findData(name)
        if index < 0:
            # Not offered here (delisted, another region's) or not in the catalog: shown,
            # marked and disabled where the catalog knows why; an unknown model is sent as given.
            entry = catalog.lookup(name)
            label, usable = name, True
            if entry.is_delisted(self._today):
                replacement = entry.replacements[0] if entry.replacements else "?"
                label = self.tr("{label} — delisted, use {replacement}").format(
                    label=entry.label, replacement=replacement
                )
                usable = False
            elif not model_regions.offered_in(name, self._region):
                label = self.tr("{label} — not offered in this region").format(label=entry.label)
                usable = False
            self.model_box.addItem(label, name)
            index = self.model_box.count() - 1
            model = self.model_box.model()
            assert isinstance(model, QStandardItemModel)
            model.item(index).setEnabled(usable)
        return index

    def is_model_enabled(self, name: str) -> bool:
        """Whether ``name`` can be picked (False for delisted models)."""
        index = self.model_box.findData(name)
        model = self.model_box.model()
        assert isinstance(model, QStandardItemModel)
        return index >= 0 and model.item(index).isEnabled()

    # -- state from the window ----------------------------------------------------------------

    def model(self) -> str:
        return str(self.model_box.currentData())

    def _rules(self) -> catalog.RequestRules:
        """The catalog's verdict on what the controls ask of the chosen model."""
        return catalog.request_rules(
            self.model(), self.thinking_box.isChecked(), str(self.effort_box.currentData())
        )

    def thinking(self) -> bool | None:
        """The thinking choice to send: None where the model decides (not hybrid)."""
        return self._rules().enable_thinking

    def effort(self) -> str | None:
        """The effort to send, or None where the model has none or thinking is off (the
        catalog's rule, which the request builder applies too)."""
        return self._rules().reasoning_effort

    def set_model(self, name: str) -> None:
        self.model_box.setCurrentIndex(self._index_for(name))
        self._apply_model_rules()

    def set_thinking(self, on: bool) -> None:
        self._thinking_choice = on
        self._apply_model_rules()

    def set_effort(self, value: str) -> None:
        try:
            effort = catalog.normalize_effort(value)
        except ValueError:
            effort = catalog.DEFAULT_EFFORT
        self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(effort.value)))

    def set_busy(self, busy: bool, reason: str = "") -> None:
        """While a reply streams: Stop replaces Send and sending is refused (one turn at a time)."""
        self._busy = busy
        self.stop_button.setVisible(busy)
        self.send_button.setVisible(not busy)
        self.busy_label.setText(reason)
        self.busy_label.setVisible(bool(busy and reason))
        self._update_send_enabled()

    def is_busy(self) -> bool:
        return self._busy

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def set_draft(self, text: str) -> None:
        """Show a conversation's unsent draft (``drafts``), the cursor at its end, where the
        user goes on typing."""
        from PySide6.QtGui import QTextCursor  # (its class and enums: at the first draft)

        self.edit.setPlainText(text)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)
        self.edit.ensureCursorVisible()

    def focus_prompt(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- internals ----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint_send_button()  # light/dark switched: the accent changed with it

    def _tint_send_button(self) -> None:
        """Send filled with the accent while it can send, flat and muted while it cannot (an
        empty prompt, a reply streaming): see :func:`primary_button_palette`."""
        self.send_button.setPalette(primary_button_palette(self.palette()))

    def _apply_model_rules(self) -> None:
        """Show what the catalog allows the chosen model: the thinking toggle switchable only on
        hybrid models (fixed on or off elsewhere), the effort picker only for effort models."""
        rules = catalog.request_rules(self.model(), self._thinking_choice)
        entry = rules.model
        blocker = self.thinking_box.blockSignals(True)
        try:
            self.thinking_box.setChecked(rules.thinking)
            self.thinking_box.setEnabled(entry.thinking_switchable)
            if entry.thinking_switchable:
                tip = self.tr("Think before answering")
            elif rules.thinking:
                tip = self.tr("This model always thinks")
            else:
                tip = self.tr("This model does not think")
            self.thinking_box.setToolTip(tip)
        finally:
            self.thinking_box.blockSignals(blocker)
        self.effort_label.setVisible(rules.effort_offered)
        self.effort_box.setVisible(rules.effort_offered)
        self._apply_effort_rule()

    def _apply_effort_rule(self) -> None:
        active = self._rules().effort_active
        self.effort_box.setEnabled(active)
        self.effort_label.setEnabled(active)
        self.effort_box.setToolTip(
            self.tr("How hard the model thinks")
            if active
            else self.tr("Effort applies only while thinking is on")
        )

    def _update_send_enabled(self) -> None:
        self.send_button.setEnabled(not self._busy and bool(self.text().strip()))

    def _submit(self) -> None:
        text = self.text()
        if self._busy or not text.strip():
            return
        self.send_requested.emit(text)

    def _escape(self) -> None:
        if self._busy:
            self.stop_requested.emit()

    def _on_model_activated(self, index: int) -> None:
        self._apply_model_rules()
        self.model_changed.emit(str(self.model_box.itemData(index)))

    def _on_thinking_toggled(self, on: bool) -> None:
        self._thinking_choice = on
        self._apply_effort_rule()
        self.thinking_changed.emit(on)

    def _on_effort_activated(self, index: int) -> None:
        self.effort_changed.emit(str(self.effort_box.itemData(index)))
