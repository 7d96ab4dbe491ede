"""The settings dialog: region, workspace ID, API, the key (masked), and "Test connection".

Everything it offers comes from the core's declarations: the regions and their workspace rules
from ``regions.REGIONS``, the checks from ``settings.SPECS`` and ``regions``, the key handling
from ``secrets``. So a value the dialog refuses is refused by ``seekdesk config set`` too.

Rules the user sees:

* Workspace ID: disabled where the region has no workspace host (Virginia), optional where the
  fixed host also works (Beijing), required elsewhere (Singapore, Frankfurt, Tokyo). Invalid IDs
  are refused inline (they end up in a host name); odd-looking ones only warn.
* Key: masked, with a Show toggle; never pre-filled (an empty field keeps the current key). A
  label says where the current key comes from: the environment, the keyring, this session only,
  or nowhere. Without a usable keyring the label says the key will be held for this session only.
* Test connection sends one tiny real request (``stream_chat``) as an asyncio task on the qasync
  loop, so the window never blocks; the button turns into "Cancel test" meanwhile. It reports
  latency and request id, or the failure exactly as the taxonomy has it (hint, HTTP status, code,
  request id). ``SEEKDESK_BASE_URL`` is honoured, like everywhere else. The task, its request and
  its wording live in ``connection_test``; the dialog reads the form and shows the result.
* Save writes the settings atomically and the key to the keyring; a keyring failure is shown in
  the dialog, which stays open.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import protocols, regions, secrets
from app.core.errors import Failure
from app.core.protocols.dialect import TRANSLATION_CONTEXT
from app.core.settings import Settings, save_settings
from app.ui.settings.connection_test import ConnectionTarget, ConnectionTest, ConnectionTestResult

BASE_URL_ENV = regions.BASE_URL_ENV

# Colours that stay readable on both the light and the dark palette.
_ERROR_COLOR = {"light": "#b3261e", "dark": "#ff8a80"}
_WARNING_COLOR = {"light": "#8a5a00", "dark": "#ffcc66"}
_OK_COLOR = {"light": "#1e7a34", "dark": "#81c995"}


def needs_first_run_setup(settings: Settings, region: str | None = None) -> bool:
    """True when the window cannot chat yet: no usable key for the region (the dialog opens by
    itself then), or the region needs a workspace ID and none is set."""
    region_id = region or settings.region
    try:
        reg = regions.get_region(region_id)
        if reg.needs_workspace and not settings.workspace:
            return True
        return secrets.resolve_key(reg.id) is None
    except regions.ConfigError:  # unknown region, locked keyring, bad DASHSCOPE_API_KEY
        return True


class SettingsDialog(QDialog):
    """Edit region, workspace, API and key. ``edited_settings()`` is what Save wrote."""

    #: Emitted with a ConnectionTestResult when a test ends (success, failure or cancel).
    connection_tested = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tester = ConnectionTest(self)
        self._tester.result_ready.connect(self._finish_test)
        self._tester.ended.connect(self._test_done)
        self._saved_key_source: secrets.KeySource | None = None
        self._resolved: dict[str, secrets.ResolvedKey | regions.ConfigError | None] = {}
        self._keyring = secrets.keyring_status()
        self.setWindowTitle(self.tr("SeekDesk Settings"))
        self.setObjectName("settingsDialog")
        self._build()
        self._load(settings)
        self._refresh()

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.region_combo = QComboBox()
        self.region_combo.setObjectName("regionCombo")
        for region in regions.REGIONS:
            self.region_combo.addItem(region.name, region.id)
        self.region_combo.currentIndexChanged.connect(self._region_changed)
        form.addRow(self.tr("&Region:"), self.region_combo)

        self.workspace_edit = QLineEdit()
        self.workspace_edit.setObjectName("workspaceEdit")
        self.workspace_edit.setPlaceholderText("ws-xxxxxxxxxxxxxxxx")
        self.workspace_edit.setClearButtonEnabled(True)
        self.workspace_edit.textChanged.connect(self._refresh)
        self.workspace_message = self._message_label("workspaceMessage")
        workspace_box = QVBoxLayout()
        workspace_box.setSpacing(2)
        workspace_box.addWidget(self.workspace_edit)
        workspace_box.addWidget(self.workspace_message)
        self.workspace_label = QLabel(self.tr("&Workspace ID:"))
        self.workspace_label.setBuddy(self.workspace_edit)
        form.addRow(self.workspace_label, workspace_box)

        # One radio per registered API dialect, labelled by the dialect (translated here).
        self.api_group = QButtonGroup(self)
        self.api_radios: dict[str, QRadioButton] = {}
        api_box = QHBoxLayout()
        for dialect in protocols.dialects():
            radio = QRadioButton(QCoreApplication.translate(TRANSLATION_CONTEXT, dialect.label))
            radio.setObjectName(f"{dialect.name}Radio")
            radio.setToolTip(QCoreApplication.translate(TRANSLATION_CONTEXT, dialect.summary))
            self.api_group.addButton(radio)
            api_box.addWidget(radio)
            self.api_radios[dialect.name] = radio
        api_box.addStretch(1)
        form.addRow(self.tr("API:"), api_box)

        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("keyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("sk-… (leave empty to keep the current key)"))
        self.key_edit.textChanged.connect(self._refresh)
        self.show_key_button = QToolButton()
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setText(self.tr("Show"))
        self.show_key_button.setCheckable(True)
        self.show_key_button.setToolTip(self.tr("Show or hide the key you are typing"))
        self.show_key_button.toggled.connect(self._toggle_key_visible)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key_button)
        self.key_message = self._message_label("keyMessage")
        self.key_source_label = self._message_label("keySourceLabel")
        key_box = QVBoxLayout()
        key_box.setSpacing(2)
        key_box.addLayout(key_row)
        key_box.addWidget(self.key_message)
        key_box.addWidget(self.key_source_label)
        key_label = QLabel(self.tr("API &key:"))
        key_label.setBuddy(self.key_edit)
        form.addRow(key_label, key_box)

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self._test_clicked)
        self.test_result = self._message_label("testResult")
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QVBoxLayout()
        test_row.setSpacing(4)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        test_row.addWidget(self.test_result)

        self.endpoint_label = self._message_label("endpointLabel")
        self.save_error = self._message_label("saveError")
        self.save_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.endpoint_label)
        layout.addStretch(1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _message_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.hide()
        return label

    def _load(self, settings: Settings) -> None:
        index = self.region_combo.findData(regions.get_region(settings.region).id)
        self.region_combo.setCurrentIndex(max(index, 0))
        self.workspace_edit.setText(settings.workspace)
        self.api_radio(settings.api).setChecked(True)
        base_url = self._base_url()
        if base_url:
            self._show(
                self.endpoint_label,
                self.tr("Requests go to {url} ({env} is set).").format(
                    url=base_url, env=BASE_URL_ENV
                ),
                "warning",
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    # --- reading the form -----------------------------------------------------------------

    def region(self) -> regions.Region:
        return regions.get_region(self.region_combo.currentData())

    def api_radio(self, name: str) -> QRadioButton:
        """The radio button of the dialect called ``name`` (the default one for an unknown)."""
        return self.api_radios.get(name) or self.api_radios[protocols.default().name]

    def api(self) -> str:
        """The name of the chosen API dialect."""
        for name, radio in self.api_radios.items():
            if radio.isChecked():
                return name
        return protocols.default().name

    def workspace(self) -> str:
        """The workspace ID as it will be saved (kept, but unused, where the region has none)."""
        return self.workspace_edit.text().strip()

    def edited_settings(self) -> Settings:
        """The settings as edited (what Save writes). Raises ValueError if invalid."""
        region = self.region()
        updated = self._settings.with_value("region", region.id)
        try:
            updated = updated.with_value("workspace", self.workspace())
        except ValueError:
            if region.workspace_host:
                raise
            # The field is disabled here (Virginia): an invalid ID typed for another region
            # cannot be fixed by the user, and is not used, so the saved one is kept.
        return updated.with_value("api", self.api())

    def key_to_save(self) -> str | None:
        """The key typed in the field, cleaned (None when empty). Raises InvalidKey."""
        text = self.key_edit.text()
        return secrets.clean_key(text) if text.strip() else None

    @property
    def saved_key_source(self) -> secrets.KeySource | None:
        """Where Save put the typed key (keyring or session), None if no key was typed."""
        return self._saved_key_source

    def _base_url(self) -> str | None:
        return regions.base_url_override()

    # --- validation and feedback ----------------------------------------------------------

    def _workspace_problem(self) -> tuple[str, str] | None:
        """(kind, message) for the line under the workspace field; kind error blocks Save."""
        region = self.region()
        value = self.workspace()
        if not region.workspace_host:
            return (
                "info",
                self.tr("{region} does not use a workspace ID.").format(region=region.name),
            )
        if not value:
            if region.needs_workspace:
                return (
                    "error",
                    self.tr(
                        "{region} needs a workspace ID: copy it from the Model Studio console "
                        "(it looks like ws-xxxxxxxxxxxxxxxx)."
                    ).format(region=region.name),
                )
            return ("info", self.tr("Optional in {region}.").format(region=region.name))
        try:
            regions.validate_workspace_id(value)
        except regions.ConfigError as exc:
            return ("error", str(exc))
        warning = regions.workspace_warning(value)
        if warning:
            return (
                "warning",
                self.tr(
                    "This does not look like a workspace ID (they look like ws-xxxxxxxxxxxxxxxx)."
                ),
            )
        return None

    def _key_problem(self) -> str | None:
        try:
            self.key_to_save()
        except secrets.InvalidKey as exc:
            return str(exc)
        return None

    def _region_changed(self) -> None:
        self.save_error.hide()
        self._refresh()

    def _refresh(self) -> None:
        """Re-derive every enabled state and message from the form (cheap; runs on each edit)."""
        region = self.region()
        self.workspace_edit.setEnabled(region.workspace_host)
        self.workspace_label.setEnabled(region.workspace_host)
        if region.needs_workspace:
            self.workspace_label.setText(self.tr("&Workspace ID:"))
            self.workspace_edit.setPlaceholderText("ws-xxxxxxxxxxxxxxxx")
        elif region.workspace_host:
            self.workspace_label.setText(self.tr("&Workspace ID (optional):"))
            self.workspace_edit.setPlaceholderText("ws-xxxxxxxxxxxxxxxx")
        else:
            self.workspace_label.setText(self.tr("&Workspace ID:"))
            self.workspace_edit.setPlaceholderText("")
        problem = self._workspace_problem()
        if problem is None:
            self.workspace_message.hide()
        else:
            self._show(self.workspace_message, problem[1], problem[0])
        key_problem = self._key_problem()
        if key_problem:
            self._show(self.key_message, key_problem, "error")
        else:
            self.key_message.hide()
        self._refresh_key_source()
        has_error = key_problem is not None or (problem is not None and problem[0] == "error")
        self.save_button.setEnabled(not has_error)
        if not self._tester.running:
            self.test_button.setEnabled(not has_error and self._test_key() is not None)
        self._fit()

    def _fit(self) -> None:
        """Grow to fit the wrapped messages at the current width. A top-level window does not
        follow its layout's height-for-width by itself, and without this the messages overlap
        the fields below them."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return  # showEvent fits once the final width is known
        height = layout.totalHeightForWidth(self.width())
        if height > self.minimumHeight() or height < self.minimumHeight() - 40:
            # Only on a real change: each resize of a top-level window is costly.
            self.setMinimumHeight(height)  # also grows the window when it is shorter

    def _current_key(self) -> secrets.ResolvedKey | None:
        """The region's current key (environment, keyring, session), looked up once per region
        rather than on every keystroke. Raises ConfigError (keyring failure, bad env key)."""
        region_id = self.region().id
        if region_id not in self._resolved:
            try:
                self._resolved[region_id] = secrets.resolve_key(region_id)
            except regions.ConfigError as exc:
                self._resolved[region_id] = exc
        found = self._resolved[region_id]
        if isinstance(found, regions.ConfigError):
            raise found
        return found

    def _refresh_key_source(self) -> None:
        region = self.region()
        kind = "info"
        try:
            resolved = self._current_key()
        except secrets.KeyringFailure as exc:
            resolved = None
            text = self.tr("The keyring could not be read: {error}").format(error=str(exc))
            kind = "error"
        except regions.ConfigError as exc:  # DASHSCOPE_API_KEY that cannot be a key
            resolved = None
            text = str(exc)
            kind = "error"
        else:
            text = self._source_text(region, resolved)
        env = resolved is not None and resolved.source is secrets.KeySource.ENVIRONMENT
        if not self._keyring.usable and not env:
            text += "\n" + self.tr(
                "No system keyring is available: a key entered here is kept for this session "
                "only. {env} in the environment works too."
            ).format(env=secrets.ENV_VAR)
            kind = "warning"
        self._show(self.key_source_label, text, kind)

    def _source_text(self, region: regions.Region, resolved: secrets.ResolvedKey | None) -> str:
        if resolved is None:
            return self.tr("Current key: none yet for {region}.").format(region=region.name)
        masked = secrets.mask(resolved.value)
        if resolved.source is secrets.KeySource.ENVIRONMENT:
            return self.tr(
                "Current key: {key} from the environment ({env}); it overrides a key saved here."
            ).format(key=masked, env=secrets.ENV_VAR)
        if resolved.source is secrets.KeySource.KEYRING:
            return self.tr("Current key: {key}, saved in the system keyring.").format(key=masked)
        return self.tr("Current key: {key}, for this session only (not stored).").format(key=masked)

    def _show(self, label: QLabel, text: str, kind: str) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        scheme = "dark" if dark else "light"
        colors = {"error": _ERROR_COLOR, "warning": _WARNING_COLOR, "ok": _OK_COLOR}
        label.setProperty("kind", kind)
        if kind in colors:
            label.setStyleSheet(f"color: {colors[kind][scheme]};")
        else:
            label.setStyleSheet("")
        label.setText(text)
        label.show()

    def _toggle_key_visible(self, visible: bool) -> None:
        self.key_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )
        self.show_key_button.setText(self.tr("Hide") if visible else self.tr("Show"))

    # --- Test connection ------------------------------------------------------------------

    def _test_key(self) -> str | None:
        """The key a test uses: the one being typed, else the current one for the region."""
        try:
            typed = self.key_to_save()
        except secrets.InvalidKey:
            return None
        if typed:
            return typed
        try:
            resolved = self._current_key()
        except regions.ConfigError:
            return None
        return resolved.value if resolved else None

    def _test_target(self) -> ConnectionTarget:
        """The form as a test reads it, with the key from ``_test_key``."""
        return ConnectionTarget(
            region=self.region().id,
            api=self.api(),
            workspace=self.workspace() or None,
            base_url=self._base_url(),
            model=self._settings.model,
            key=self._test_key(),
        )

    @property
    def testing(self) -> bool:
        return self._tester.running

    def _test_clicked(self) -> None:
        if self._tester.running:
            self._tester.cancel()
            return
        self.start_test()

    def start_test(self) -> None:
        """Start "Test connection" on the running asyncio (qasync) loop."""
        if self._tester.running:
            return
        self._tester.start(self._test_target())
        self.test_button.setText(self.tr("Cancel test"))
        self.test_button.setEnabled(True)
        self._show(self.test_result, self.tr("Testing…"), "info")

    def cancel_test(self) -> None:
        self._tester.cancel()

    def _test_done(self) -> None:
        self.test_button.setText(self.tr("Test connection"))
        self._refresh()

    def _finish_test(self, result: ConnectionTestResult) -> None:
        kind = "ok" if result.ok else ("info" if result.cancelled else "error")
        self._show(self.test_result, result.message, kind)
        self._fit()
        self.connection_tested.emit(result)

    # tests/ui/screenshots.py stages results with these two.
    def _success_text(
        self, model: str, latency: float, first: float | None, request_id: str | None
    ) -> str:
        return self._tester.success_text(model, latency, first, request_id)

    def _failure_text(self, failure: Failure) -> str:
        return self._tester.failure_text(failure)

    # --- Save / Cancel --------------------------------------------------------------------

    def accept(self) -> None:
        """Save: the key first (keyring, or this session without one), then the settings.
        Any failure is shown here and the dialog stays open."""
        self.save_error.hide()
        try:
            edited = self.edited_settings()
            key = self.key_to_save()
        except (ValueError, TypeError) as exc:
            self._show(self.save_error, str(exc), "error")
            return
        problem = self._workspace_problem()
        if problem is not None and problem[0] == "error":
            self._show(self.save_error, problem[1], "error")
            return
        if key is not None:
            region = edited.region
            if self._keyring.usable:
                try:
                    secrets.store_key(region, key)
                    self._saved_key_source = secrets.KeySource.KEYRING
                except secrets.KeyringFailure as exc:
                    self._show(
                        self.save_error,
                        self.tr("The key was not saved: {error}").format(error=str(exc)),
                        "error",
                    )
                    return
            else:
                secrets.remember_for_session(region, key)
                self._saved_key_source = secrets.KeySource.SESSION
        try:
            save_settings(edited)
        except OSError as exc:
            self._show(
                self.save_error,
                self.tr("The settings could not be saved: {error}").format(error=str(exc)),
                "error",
            )
            return
        self._settings = edited
        self._resolved.clear()
        self.key_edit.clear()
        super().accept()

    def done(self, result: int) -> None:
        """Closing the dialog in any way (Save, Cancel, Esc, the window's X) stops a test."""
        self.cancel_test()
        super().done(result)

    def settings(self) -> Settings:
        """The settings as saved (the ones given, until Save succeeds)."""
        return self._settings
