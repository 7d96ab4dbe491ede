"""The settings dialog's API key row: a masked field with a Show toggle, what is wrong with what
is typed, and where the region's current key comes from.

The key is never pre-filled (an empty field keeps the current key) and never shown unmasked
unless the user asks. Where the current key comes from (the environment, the keyring, this
session, or nowhere) is asked of the keyring off the UI thread (``KeyAccess``); until it answers
the row says it is waiting, since an unlock prompt may be open.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from app.core import regions, secrets
from app.ui.common.said import said
from app.ui.settings.key_access import KeyAccess
from app.ui.settings.messages import message_label, show_message
from app.ui.settings.setting_rows import translated


class KeyField(QWidget):
    """The key being typed and the region's current key, as the dialog needs them."""

    #: The typed key changed.
    changed = Signal()

    def __init__(self, keys: KeyAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys = keys
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("sk-… (leave empty to keep the current key)"))
        self.key_edit.textChanged.connect(self.changed)
        self.show_key_button = QToolButton()
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setText(self.tr("Show"))
        self.show_key_button.setCheckable(True)
        self.show_key_button.setToolTip(self.tr("Show or hide the key you are typing"))
        self.show_key_button.toggled.connect(self._toggle_key_visible)
        line = QHBoxLayout()
        line.addWidget(self.key_edit, 1)
        line.addWidget(self.show_key_button)
        self.key_message = message_label("keyMessage")
        self.key_source_label = message_label("keySourceLabel")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.key_message)
        box.addWidget(self.key_source_label)

    def key_to_save(self) -> str | None:
        """The key typed in the field, cleaned (None when empty). Raises InvalidKey."""
        text = self.key_edit.text()
        return secrets.clean_key(text) if text.strip() else None

    def problem(self) -> str | None:
        """What is wrong with the typed key (shown under the field), or None."""
        try:
            self.key_to_save()
        except secrets.InvalidKey as exc:
            show_message(self.key_message, said(exc), "error")
            return said(exc)
        self.key_message.hide()
        return None

    def current_key(self, region: str) -> secrets.ResolvedKey | None:
        """The region's current key (environment, keyring, session), looked up off the UI
        thread once per region. None while the keyring has not answered. Raises ConfigError
        (keyring failure, bad env key)."""
        found = self._keys.result(region)
        if found is None:
            return None
        if found.error is not None:
            raise found.error
        return found.key

    def waiting_text(self) -> str:
        return self.tr("Waiting for the keyring… (an unlock prompt may be open)")

    def refresh_source(self, region: regions.Region) -> None:
        """Say where ``region``'s current key comes from (or that the keyring is awaited)."""
        found = self._keys.result(region.id)
        if found is None:
            show_message(self.key_source_label, self.waiting_text(), "info")
            return
        kind = "info"
        resolved = found.key
        if isinstance(found.error, secrets.KeyringFailure):
            text = self.tr("The keyring could not be read: {error}").format(error=said(found.error))
            kind = "error"
        elif found.error is not None:  # DASHSCOPE_API_KEY that cannot be a key
            text = said(found.error)
            kind = "error"
        else:
            text = self._source_text(region, resolved)
        env = resolved is not None and resolved.source is secrets.KeySource.ENVIRONMENT
        if not found.status.usable and not env:
            text += "\n" + self.tr(
                "No system keyring is available: a key entered here is kept for this session "
                "only. {env} in the environment works too."
            ).format(env=secrets.ENV_VAR)
            kind = "warning"
        show_message(self.key_source_label, text, kind)

    def _source_text(self, region: regions.Region, resolved: secrets.ResolvedKey | None) -> str:
        if resolved is None:
            return self.tr("Current key: none yet for {region}.").format(
                region=translated(region.name)
            )
        masked = secrets.mask(resolved.value)
        if resolved.source is secrets.KeySource.ENVIRONMENT:
            return self.tr(
                "Current key: {key} from the environment ({env}); it overrides a key saved here."
            ).format(key=masked, env=secrets.ENV_VAR)
        if resolved.source is secrets.KeySource.KEYRING:
            return self.tr("Current key: {key}, saved in the system keyring.").format(key=masked)
        return self.tr("Current key: {key}, for this session only (not stored).").format(key=masked)

    def _toggle_key_visible(self, visible: bool) -> None:
        self.key_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )
        self.show_key_button.setText(self.tr("Hide") if visible else self.tr("Show"))
