"""The settings dialog: the settings it edits (region, workspace ID, API, theme), the key
(masked), and "Test connection".

Everything it offers comes from the core's declarations: its rows from the settings declared as
edited in the dialog (``settings.specs_edited_in(DIALOG)``, built by ``setting_rows``), the
regions and their workspace rules from ``regions``, the APIs from the dialect registry, the
checks from ``settings``, the key handling from ``secrets``. So a value the dialog refuses is
refused by ``seekdesk config set`` too, and a setting declared for the dialog appears here.

Rules the user sees:

* Workspace ID: disabled where the region has no workspace host (Virginia), optional where the
  fixed host also works (Beijing), required elsewhere (Singapore, Frankfurt, Tokyo). Invalid IDs
  are refused inline (they end up in a host name); odd-looking ones only warn.
* Key: masked, with a Show toggle; never pre-filled (an empty field keeps the current key). A
  label says where the current key comes from: the environment, the keyring, this session only,
  or nowhere. Without a usable keyring the label says the key will be held for this session only.
* The keyring is never asked on the UI thread (``key_access``): while it has not answered (an
  unlock prompt may be open) the label says the dialog is waiting, the form stays usable, and
  Save waits for the keyring with the button showing it; Cancel or closing stops waiting.
* Test connection sends one tiny real request (``stream_chat``) as an asyncio task on the qasync
  loop, so the window never blocks; the button turns into "Cancel test" meanwhile. It reports
  latency and request id, or the failure exactly as the taxonomy has it (hint, HTTP status, code,
  request id). ``SEEKDESK_BASE_URL`` is honoured, like everywhere else. The task, its request and
  its wording live in ``connection_test``; the dialog reads the form and shows the result.
* Save stores the key (keyring, or this session without one), then writes the settings the
  dialog edits (``save_settings(only=…)``) off the UI thread; a failure is shown in the dialog,
  which stays open. A theme change applies at once.
"""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core import protocols, regions, secrets
from app.core.errors import Failure
from app.core.settings import Editor, Settings, save_settings, specs_edited_in
from app.ui.common.palettes import set_theme
from app.ui.common.said import said
from app.ui.common.tasks import TaskOwner
from app.ui.settings.connection_test import ConnectionTarget, ConnectionTest, ConnectionTestResult
from app.ui.settings.key_access import KeyAccess, needs_first_run_setup
from app.ui.settings.key_field import KeyField
from app.ui.settings.messages import message_label, show_message
from app.ui.settings.setting_rows import (
    ComboRow,
    RadioRow,
    SettingRow,
    TextRow,
    make_row,
    translated,
)

BASE_URL_ENV = regions.BASE_URL_ENV
#: ``needs_first_run_setup`` lives with the other keyring calls; the window imports it here.
__all__ = ["ConnectionTestResult", "SettingsDialog", "needs_first_run_setup"]


class SettingsDialog(QDialog):
    """Edit the dialog's settings and the key. ``settings()`` is what Save wrote."""

    #: Emitted with a ConnectionTestResult when a test ends (success, failure or cancel).
    connection_tested = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        #: Names, keeps and cancels the dialog's tasks: keyring lookups, Save, the test.
        self._tasks = TaskOwner(prefix="seekdesk-settings")
        self._tester = ConnectionTest(self, self._tasks)
        self._tester.result_ready.connect(self._finish_test)
        self._tester.ended.connect(self._test_done)
        self._keys = KeyAccess(self._tasks, self)
        self._keys.changed.connect(self._refresh)
        self._saved_key_source: secrets.KeySource | None = None
        self.setWindowTitle(self.tr("SeekDesk Settings"))
        self.setObjectName("settingsDialog")
        self._build()
        self._load(settings)
        self._refresh()

    # --- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        """One form: each section's rows as declared (``specs_edited_in(DIALOG)``), the first
        section (Connection) followed by the key and "Test connection", later ones under a
        header, so every label lines up."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        #: One row per setting the dialog edits, by name, in declaration order.
        self.rows: dict[str, SettingRow] = {}
        sections: dict[str, list[SettingRow]] = {}
        for spec in specs_edited_in(Editor.DIALOG):
            row = make_row(spec, self)
            row.changed.connect(self._row_changed)
            sections.setdefault(spec.section, []).append(row)
            self.rows[spec.name] = row
        self._bind_rows()
        self._build_connection_extras()
        for index, (title, rows) in enumerate(sections.items()):
            if index:
                header = QLabel(translated(title))
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setContentsMargins(0, 8, 0, 0)
                form.addRow(header)
            for row in rows:
                form.addRow(row.label, row.widget)
            if not index:
                form.addRow(self.key_label, self.key_field)
                form.addRow(self.test_box)
                form.addRow(self.endpoint_label)

        self.save_error = message_label("saveError")
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
        layout.addStretch(1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _build_connection_extras(self) -> None:
        """What the connection section has beyond settings: the workspace's message line, the
        API radios' tooltips, the key, "Test connection" and the base-URL note."""
        self.workspace_edit.setPlaceholderText("ws-xxxxxxxxxxxxxxxx")
        self.workspace_edit.setClearButtonEnabled(True)
        self.workspace_message = message_label("workspaceMessage")
        self.rows["workspace"].box.addWidget(self.workspace_message)
        for name, radio in self.api_radios.items():
            radio.setToolTip(translated(protocols.get(name).summary))

        self.key_field = KeyField(self._keys, self)
        self.key_field.changed.connect(self._refresh)
        # Names the tests and screenshots use.
        self.key_edit = self.key_field.key_edit
        self.show_key_button = self.key_field.show_key_button
        self.key_source_label = self.key_field.key_source_label
        self.key_message = self.key_field.key_message
        self.key_label = QLabel(self.tr("API &key:"))
        self.key_label.setBuddy(self.key_edit)

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self._test_clicked)
        self.test_result = message_label("testResult")
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_box = QWidget(self)
        test_row = QVBoxLayout(self.test_box)
        test_row.setContentsMargins(0, 0, 0, 0)
        test_row.setSpacing(4)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        test_row.addWidget(self.test_result)
        self.endpoint_label = message_label("endpointLabel")

    def _bind_rows(self) -> None:
        """Names for the rows the dialog adds behaviour to (tests and screenshots use them)."""
        region, workspace, api = self.rows["region"], self.rows["workspace"], self.rows["api"]
        assert isinstance(region, ComboRow) and isinstance(workspace, TextRow)
        assert isinstance(api, RadioRow)
        self.region_combo = region.combo
        self.workspace_edit = workspace.edit
        self.workspace_label = workspace.label
        self.api_radios: dict[str, QRadioButton] = api.radios

    def _load(self, settings: Settings) -> None:
        for name, row in self.rows.items():
            row.set_value(getattr(settings, name))

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
        """The settings as edited (what Save writes), each checked by its declaration. Raises
        ValueError if one is invalid."""
        updated = self._settings
        for name, row in self.rows.items():
            try:
                updated = updated.with_value(name, row.value())
            except ValueError:
                if name == "workspace" and not self.region().workspace_host:
                    # The field is disabled here (Virginia): an invalid ID typed for another
                    # region cannot be fixed by the user, and is not used, so the saved one
                    # is kept.
                    continue
                raise
        return updated

    def key_to_save(self) -> str | None:
        """The key typed in the field, cleaned (None when empty). Raises InvalidKey."""
        return self.key_field.key_to_save()

    @property
    def saved_key_source(self) -> secrets.KeySource | None:
        """Where Save put the typed key (keyring or session), None if no key was typed."""
        return self._saved_key_source

    def _base_url(self) -> str | None:
        return regions.base_url_override()

    # --- validation and feedback ----------------------------------------------------------

    def _workspace_problem(self) -> tuple[str, str] | None:
        """(kind, message) for the line under the workspace field; kind error blocks Save."""
        region, name = self.region(), translated(self.region().name)
        value = self.workspace()
        if not region.workspace_host:
            return ("info", self.tr("{region} does not use a workspace ID.").format(region=name))
        if not value:
            if region.needs_workspace:
                return (
                    "error",
                    self.tr(
                        "{region} needs a workspace ID: copy it from the Model Studio console "
                        "(it looks like ws-xxxxxxxxxxxxxxxx)."
                    ).format(region=name),
                )
            return ("info", self.tr("Optional in {region}.").format(region=name))
        try:
            regions.validate_workspace_id(value)
        except regions.ConfigError as exc:
            return ("error", said(exc))
        warning = regions.workspace_warning(value)
        if warning:
            return (
                "warning",
                self.tr(
                    "This does not look like a workspace ID (they look like ws-xxxxxxxxxxxxxxxx)."
                ),
            )
        return None

    def _row_changed(self) -> None:
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
        key_problem = self.key_field.problem()
        self.key_field.refresh_source(region)
        self._show_endpoint(region)
        has_error = key_problem is not None or (problem is not None and problem[0] == "error")
        self.save_button.setEnabled(not has_error and not self.saving)
        if not self._tester.running:
            self.test_button.setEnabled(not has_error and self._test_key() is not None)
        self._fit()

    def _show_endpoint(self, region: regions.Region) -> None:
        """The URL requests will go to with the form as it is (issue 14 point 6)."""
        base_url = self._base_url()
        try:
            endpoint = regions.resolve_endpoint(region.id, self.api(), self.workspace(), base_url)
        except regions.ConfigError:  # no (valid) workspace yet: its own line says so
            self.endpoint_label.hide()
            return
        text, kind = self.tr("Requests go to {url}."), "info"
        if base_url:
            text, kind = self.tr("Requests go to {url} ({env} is set)."), "warning"
        self._show(self.endpoint_label, text.format(url=endpoint.url, env=BASE_URL_ENV), kind)

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

    @property
    def waiting_for_keyring(self) -> bool:
        """A keyring call is pending (a lookup, or Save storing the key)."""
        return self._keys.waiting()

    def _show(self, label: QLabel, text: str, kind: str) -> None:
        show_message(label, text, kind)

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
            resolved = self.key_field.current_key(self.region().id)
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

    @property
    def saving(self) -> bool:
        return self._tasks.running("save")

    def accept(self) -> None:
        """Save: check the form, then store the key and write the settings off the UI thread
        (``_save``). Any failure is shown here and the dialog stays open."""
        if self.saving:
            return
        self.save_error.hide()
        try:
            edited = self.edited_settings()
            key = self.key_to_save()
        except (ValueError, TypeError) as exc:
            self._show(self.save_error, said(exc), "error")
            return
        problem = self._workspace_problem()
        if problem is not None and problem[0] == "error":
            self._show(self.save_error, problem[1], "error")
            return
        self._tasks.start("save", self._save(edited, key)).add_done_callback(self._save_ended)
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("Saving…"))
        if key is not None:
            self._show(self.save_error, self.key_field.waiting_text(), "info")

    async def _save(self, edited: Settings, key: str | None) -> None:
        """The key first (keyring, or this session without one), then the settings."""
        if key is not None:
            try:
                self._saved_key_source = await self._keys.save(edited.region, key)
            except secrets.KeyringFailure as exc:
                self._show(
                    self.save_error,
                    self.tr("The key was not saved: {error}").format(error=said(exc)),
                    "error",
                )
                return
        names = [spec.name for spec in specs_edited_in(Editor.DIALOG)]
        try:
            await asyncio.to_thread(save_settings, edited, None, names)
        except OSError as exc:
            self._show(
                self.save_error,
                self.tr("The settings could not be saved: {error}").format(error=str(exc)),
                "error",
            )
            return
        self._settings = edited
        self.key_edit.clear()
        self._apply_theme(edited.theme)
        super().accept()

    def _save_ended(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return  # the dialog is closing
        with contextlib.suppress(RuntimeError):  # the dialog was deleted meanwhile
            self.save_button.setText(self.tr("&Save"))
            if self.isVisible():
                self.save_error.setVisible(self.save_error.property("kind") == "error")
                self._refresh()

    def _apply_theme(self, theme: str) -> None:
        """A theme chosen here applies at once, to every window."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_theme(app, theme)

    def done(self, result: int) -> None:
        """Closing the dialog in any way (Save, Cancel, Esc, the window's X) stops a test and
        stops waiting for the keyring (a call already made ends in the background, unheard)."""
        self.cancel_test()
        self._keys.cancel()
        if result != QDialog.DialogCode.Accepted:
            self._tasks.cancel("save")
        super().done(result)

    def settings(self) -> Settings:
        """The settings as saved (the ones given, until Save succeeds)."""
        return self._settings
