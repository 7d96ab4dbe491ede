"""What a turn will ask for: the endpoint, the composer's choices, and the key, looked up apart.

Split from the turn router (``turns``), which starts and routes turns; this part answers "what
would Send ask for now" and names the shapes of a turn the router keeps. The plan is taken at
once, when the user presses Send (the composer and settings as they are then); the API key is
not in it: it is read afterwards in the turn's own task, off the UI thread (``api_key``),
because the keyring is a D-Bus call and a locked keyring may wait for the user to unlock it.

A problem with the endpoint or the key is said to the user here (a notice, and Settings opened
where the fix is), so the router only sees "no plan" or "no key".
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.core import regions, secrets
from app.core.client_options import ClientOptions
from app.core.session import ChatSession, ReplyStarted, SessionConfig
from app.core.settings import Settings
from app.ui.chat.composer import Composer
from app.ui.common.said import said
from app.ui.settings.setting_rows import translated
from app.ui.window.state import Notices

#: (system prompt or None to keep the stored one, parameters over the settings') for a turn in
#: the conversation given (None: a new chat).
TurnSetup = Callable[[int | None], tuple[str | None, dict[str, float | int] | None]]


@dataclasses.dataclass(frozen=True, slots=True)
class TurnPlan:
    """A turn as the user asked for it when pressing Send: everything but the key (looked up
    afterwards, in the turn's task). ``config.api_key`` is empty until then."""

    config: SessionConfig
    region: str
    conversation_id: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class PendingTurn:
    """What the window asked for, so ReplyStarted can be drawn in the right place."""

    conversation_id: int | None  # None: a new chat
    replaces: int | None = None  # the assistant message a retry/regenerate replaces
    reopen: bool = False  # an edited prompt: the path changes, so the conversation is redrawn


@dataclasses.dataclass(slots=True)
class Turn:
    """A running turn as the router knows it: where to draw its start, its session (for the
    stopped record and an unsaved reply), its start once there, a retry line it put up."""

    pending: PendingTurn
    session: ChatSession | None = None
    started: ReplyStarted | None = None
    retry_shown: bool = False
    #: The prompt typed for it (None: a retry or an edit): back in the box if the turn fails
    #: before its reply starts.
    prompt: str | None = None


class TurnPlanner(QObject):
    """Plans turns for the conversation on screen (see the module docstring)."""

    def __init__(
        self,
        composer: Composer,
        notices: Notices,
        settings: Callable[[], Settings],
        open_settings: Callable[[], None],
        current_id: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._composer = composer
        self._notices = notices
        self._settings = settings
        self._open_settings = open_settings
        self._current_id = current_id
        #: The system prompt and parameters of a turn; set by the window's SetupRoom.
        self.turn_setup: TurnSetup | None = None
        #: The name of the preset a new chat starts from (None: none); set by the SetupRoom.
        self.turn_preset: Callable[[], str | None] | None = None

    def plan(self) -> TurnPlan | None:
        """The endpoint and the composer's choices, now; None after telling the user what is
        wrong with the endpoint."""
        s = self._settings()
        current = self._current_id()
        try:
            endpoint = regions.resolve_endpoint(
                s.region, s.api, s.workspace, base_url=regions.base_url_override()
            )
        except regions.ConfigError as exc:
            self._notices.show_notice(said(exc))
            self._open_settings()
            return None
        config = SessionConfig(
            endpoint=endpoint,
            api_key="",
            model=self._composer.model(),
            thinking=self._composer.thinking(),
            effort=self._composer.effort(),
            parameters=dict(s.parameters),
            options=ClientOptions(
                read_timeout=s.read_timeout, max_reply_seconds=s.max_minutes * 60
            ),
        )
        if self.turn_setup is not None:  # the system prompt and parameters (setup_room)
            system, parameters = self.turn_setup(current)
            config = dataclasses.replace(
                config,
                system=system,
                parameters={**config.parameters, **(parameters or {})},
                # a new chat's own parameters are saved with the conversation it creates
                conversation_parameters=parameters if current is None else None,
            )
        if self.turn_preset is not None and current is None:
            config = dataclasses.replace(config, preset=self.turn_preset())
        return TurnPlan(config, s.region, current)

    async def api_key(self, region: str) -> str | None:
        """The key for ``region``, read off the UI thread; None after telling the user."""
        try:
            key = await asyncio.to_thread(secrets.resolve_key, region)
        except regions.ConfigError as exc:  # a locked or failing keyring, a malformed env key
            self._notices.show_notice(said(exc))
            return None
        if key is None:
            self._notices.show_notice(
                self.tr("No API key for {region}. Enter your Model Studio key in Settings.").format(
                    region=translated(regions.get_region(region).name)
                )
            )
            self._open_settings()
            return None
        return key.value


__all__ = ["PendingTurn", "Turn", "TurnPlan", "TurnPlanner", "TurnSetup"]
