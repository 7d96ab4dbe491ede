"""What a new chat shows before its first prompt: where SeekDesk is connected, and a few
example prompts that fill the composer (they never send by themselves: the user reads, edits
and presses Enter).

It stands in for the empty conversation, not over it: the window shows one or the other
(:meth:`EmptyState.follow`), so nothing is drawn on top of the chat view's rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.core import catalog, protocols, regions
from app.core.settings import Settings
from app.ui.chat.chat_view import ChatView
from app.ui.chat.composer import Composer
from app.ui.common.app_icon import app_icon
from app.ui.settings.setting_rows import translated
from app.ui.window.conversations import ConversationRoom


class EmptyState(QWidget):
    """The welcome of a new chat (see the module docstring)."""

    #: An example prompt the user picked: the window puts it in the composer.
    prompt_chosen = Signal(str)

    def __init__(self, settings: Callable[[], Settings], model: Callable[[], str],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("emptyState")
        self._settings = settings
        self._model = model
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(10)
        column.addStretch(2)
        self.logo = QLabel(self)
        self.logo.setPixmap(app_icon().pixmap(64, 64))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.logo)
        self.heading = QLabel(self)
        self.heading.setObjectName("emptyHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        column.addWidget(self.heading)
        self.connection = QLabel(self)
        self.connection.setObjectName("emptyConnection")
        self.connection.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.connection.setWordWrap(True)
        self.connection.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addWidget(self.connection)
        column.addSpacing(14)
        self.examples: list[QPushButton] = []
        for _ in range(4):
            button = QPushButton(self)
            button.setObjectName("examplePrompt")
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(34)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, b=button: self.prompt_chosen.emit(b.text()))
            column.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.examples.append(button)
        column.addStretch(3)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("What shall we work on?"))
        prompts = [
            self.tr("Explain the difference between a process and a thread, with an example."),
            self.tr("Write a Python function that removes duplicates but keeps the order."),
            self.tr("Summarise the main arguments for and against remote work."),
            self.tr("Help me write a polite email asking to move a meeting to Friday."),
        ]
        for button, text in zip(self.examples, prompts, strict=True):
            button.setText(text)
        widest = max(button.sizeHint().width() for button in self.examples)
        for button in self.examples:  # one column of equal cards, whatever the language
            button.setMinimumWidth(widest + 32)

    def update_connection(self) -> None:
        """Say which model, region and API a prompt will go to (from the settings in force)."""
        settings = self._settings()
        try:
            region = translated(regions.get_region(settings.region).name)
        except regions.ConfigError:
            region = settings.region
        try:
            api = translated(protocols.shown(settings.api).label)
        except (KeyError, ValueError):
            api = settings.api
        model = catalog.lookup(self._model()).label
        self.connection.setText(
            self.tr("Connected to {model} on Alibaba Cloud Model Studio · {region} · {api}")
            .format(model=model, region=region, api=api)
        )

    def follow(self, view: QWidget, empty: bool) -> None:
        """Show this instead of ``view`` while the chat is ``empty``, ``view`` otherwise."""
        if empty:
            self.update_connection()
        self.setVisible(empty)
        view.setVisible(not empty)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.update_connection()


def connect_welcome(
    welcome: EmptyState, view: ChatView, rooms: ConversationRoom, composer: Composer
) -> None:
    """Show ``welcome`` for a new chat's empty conversation, ``view`` once it has a row; an
    example fills ``composer`` (the user reads, edits and sends it: nothing is sent here)."""
    rooms.shown.connect(
        lambda shown: welcome.follow(view, shown.conversation_id is None and not view.rows())
    )
    view.row_made.connect(lambda _row: welcome.follow(view, False))

    def fill(text: str) -> None:
        from PySide6.QtGui import QTextCursor  # (its class and enums: at the first click)

        composer.set_text(text)
        composer.edit.moveCursor(QTextCursor.MoveOperation.End)
        composer.focus_prompt()

    welcome.prompt_chosen.connect(fill)
    composer.model_changed.connect(lambda _model: welcome.update_connection())
    welcome.follow(view, True)


__all__ = ["EmptyState", "connect_welcome"]
