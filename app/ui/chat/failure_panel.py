"""A failed reply, in place: the taxonomy's sentence, the details, and the ways out.

The sentence is the core's ``Failure.hint``, translated under the ``Failure`` context where the
core marked it (``QT_TRANSLATE_NOOP`` in ``app.core.errors``: written once, there). A
sentence that names something (a host, a delisted model and its replacement with the date, a
Retry-After wait, a region) is a template filled with the values written in the user's locale
(``app.ui.common.said``). Buttons come from ``Failure.actions``: Retry, Open settings, Switch
model.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.errors import HINT_CONTEXT, Action, ErrorKind, Failure, make_failure
from app.core.history.records import Message
from app.ui.common.said import said, written_here
from app.ui.common.theme import CARD_PADDING, Theme, paint_card, theme_for, tinted
from app.ui.render.labels import SelectableLabel


class FailurePanel(QFrame):
    """The failure, in place: what happened in words, the details, and the ways out."""

    retry_clicked = Signal()
    settings_clicked = Signal()
    switch_clicked = Signal(str)
    save_again_clicked = Signal()
    save_to_file_clicked = Signal()

    def __init__(self, parent: QWidget | None = None, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("failurePanel")
        self._theme = theme or theme_for(self.palette())
        self.hint_label = SelectableLabel(parent=self)
        self.hint_label.setObjectName("failureHint")
        bold = QFont(self.hint_label.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.hint_label.setFont(bold)
        self.details_label = SelectableLabel(parent=self)
        self.details_label.setObjectName("failureDetails")
        for label in (self.hint_label, self.details_label):
            label.setWordWrap(True)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        layout = QVBoxLayout(self)
        # (+1: inside the 1 px border it paints)
        layout.setContentsMargins(
            CARD_PADDING + 3, CARD_PADDING + 1, CARD_PADDING + 3, CARD_PADDING + 1
        )
        layout.setSpacing(6)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.details_label)
        layout.addLayout(self._buttons)
        self.buttons: dict[Action, QPushButton] = {}
        self.failure: Failure | None = None
        self.restyle(self._theme)

    def restyle(self, theme: Theme) -> None:
        """Colours from the theme: a palette on the details label, the card painted by hand."""
        self._theme = theme
        self.details_label.setPalette(tinted(QPalette.ColorRole.WindowText, theme.muted))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        paint_card(self, self._theme.error_background, 8, self._theme.error_border)

    def show_failure(self, failure: Failure) -> None:
        self.failure = failure
        self.hint_label.setText(self.hint_text(failure))
        self.details_label.setText(self.details_text(failure))
        self.details_label.setVisible(bool(self.details_label.text()))
        while self._buttons.count():
            item = self._buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        for action in failure.actions:
            button = QPushButton(self.action_text(action, failure), self)
            button.setObjectName(f"failure_{action.value}")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            if action is Action.RETRY:
                button.clicked.connect(self.retry_clicked)
            elif action is Action.OPEN_SETTINGS:
                button.clicked.connect(self.settings_clicked)
            elif action is Action.SAVE_AGAIN:
                button.clicked.connect(self.save_again_clicked)
            elif action is Action.SAVE_TO_FILE:
                button.clicked.connect(self.save_to_file_clicked)
            else:
                replacement = failure.replacement or ""
                button.clicked.connect(lambda _=False, r=replacement: self.switch_clicked.emit(r))
            self.buttons[action] = button
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        if self.buttons:
            next(iter(self.buttons.values())).setDefault(True)
        self.show()

    def action_text(self, action: Action, failure: Failure) -> str:
        if action is Action.RETRY:
            return self.tr("Retry")
        if action is Action.OPEN_SETTINGS:
            return self.tr("Open settings")
        if action is Action.SAVE_AGAIN:
            return self.tr("Save to history again")
        if action is Action.SAVE_TO_FILE:
            return self.tr("Save to a file…")
        if failure.replacement:
            return self.tr("Switch to {model}").format(model=failure.replacement)
        return self.tr("Switch model")

    def hint_text(self, failure: Failure) -> str:
        """The core's sentence in the user's language.

        Each kind's sentence is written once, in ``app.core.failure_kinds.HINTS``, and extracted by
        lupdate under the ``Failure`` context; a specific one (a delisted model and its
        replacement, a Retry-After) is a template there, filled in the user's locale.
        """
        return failure_sentence(failure)

    def details_text(self, failure: Failure) -> str:
        parts = []
        if failure.status is not None:
            parts.append(self.tr("HTTP {status}").format(status=failure.status))
        if failure.code:
            parts.append(failure.code)
        if failure.request_id:
            parts.append(self.tr("Request ID {id}").format(id=failure.request_id))
        line = "  ·  ".join(parts)
        message = said(failure.message).strip()  # SeekDesk's own details: translated
        if message and failure.message.strip() != failure.hint:
            line = f"{message}\n{line}" if line else message
        return line


def failure_sentence(failure: Failure) -> str:
    """``failure.hint`` in the user's language: the one lookup for every place that shows it
    (the panel, a notice when no reply row exists yet)."""
    return failure.sentence(
        lambda text: QCoreApplication.translate(HINT_CONTEXT, text), written_here
    )


def failure_from_message(message: Message) -> Failure:
    """The Failure a failed message from history was saved with (kind first, then classify)."""
    kind: ErrorKind | None
    try:
        kind = ErrorKind(message.failure_kind) if message.failure_kind else None
    except ValueError:
        kind = None
    return make_failure(
        kind=kind,
        status=message.failure_status,
        code=message.failure_code,
        message=message.failure_message,
        request_id=message.request_id,
        model=message.model,
    )
