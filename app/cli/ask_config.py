"""Turning a command line into a request: flags win over saved settings, settings over defaults.

Why this is apart from ``app.cli.ask``: deciding *what* is sent is settled before anything is
sent, and its rules are worth reading in one place: a saved workspace ID belongs to the saved
region, ``--base-url`` and ``SEEKDESK_BASE_URL`` are checked, a model SeekDesk does not know is
sent ``enable_thinking`` only when asked, a flag the model makes pointless is noted rather than
dropped silently, and a question that is not UTF-8 text is refused. Any problem is a
``UsageError`` (exit 2) with a sentence saying what to fix, raised before a byte goes out.

Nothing here touches the network, the keyring or the history, which keeps it cheap to test and
free of import cycles: ``app.cli.ask`` (the flags and the streaming) and ``app.cli.ask_history``
(saving through the session) both build on ``AskConfig``, and this module imports neither.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from app.cli.output import is_terminal
from app.core import catalog, protocols, regions, settings
from app.core.request import ChatRequest, Turn

BASE_URL_ENV = regions.BASE_URL_ENV


class UsageError(Exception):
    """The command line cannot become a request (exit 2); the message says what to fix."""


@dataclass(frozen=True, slots=True)
class AskConfig:
    """Everything a request needs, resolved from flags, saved settings and defaults."""

    endpoint: regions.Endpoint
    request: ChatRequest
    read_timeout: float
    #: Longest a reply may stream (the ``max_minutes`` setting, in seconds).
    max_reply_seconds: float = settings.Settings().max_minutes * 60
    #: Non-fatal remarks for stderr (a delisted model, a flag the model ignores…).
    notes: tuple[str, ...] = ()
    api_key: str = field(default="", repr=False)
    #: The system prompt to save and send (None: a continued conversation keeps its own).
    system: str | None = None
    #: The parameters asked for (flags, preset), saved with a conversation this ask begins.
    conversation_parameters: Mapping[str, float | int] | None = None
    #: The preset's name, saved with a conversation this ask begins (the usage ledger's preset).
    preset: str | None = None

    def request_for(self, prompt: str, earlier: tuple[Turn, ...] = ()) -> ChatRequest:
        """The request asking ``prompt`` after the ``earlier`` turns of a conversation."""
        return replace(self.request, turns=(*earlier, Turn("user", prompt)))


def resolve_config(
    args: argparse.Namespace, saved: settings.Settings, environ: dict[str, str] | None = None
) -> AskConfig:
    """Merge flags > saved settings > defaults into a checked configuration (no key yet)."""
    environ = dict(os.environ) if environ is None else environ
    notes: list[str] = []
    endpoint = _resolve_endpoint(args, saved, environ, notes)
    request = _resolve_request(args, saved, notes)
    read_timeout = args.read_timeout if args.read_timeout is not None else saved.read_timeout
    return AskConfig(
        endpoint=endpoint,
        request=request,
        read_timeout=read_timeout,
        max_reply_seconds=saved.max_minutes * 60,
        notes=tuple(notes),
    )


def _resolve_endpoint(
    args: argparse.Namespace, saved: settings.Settings, environ: dict[str, str], notes: list[str]
) -> regions.Endpoint:
    """Where the request goes: region, API, workspace ID and base URL, checked.

    A saved workspace ID belongs to the saved region: it is used only when the region asked for
    is that region, never carried into another region's host.
    """
    try:
        region = regions.get_region(args.region or saved.region)
        api = args.api or saved.api
        if args.workspace is not None:
            workspace = args.workspace.strip()
            if not workspace:
                raise UsageError("--workspace is empty.")
            regions.validate_workspace_id(workspace)
        elif region.id == regions.get_region(saved.region).id:
            workspace = saved.workspace
        else:
            workspace = ""
        base_url = _base_url(args.base_url, environ)
        try:
            endpoint = regions.resolve_endpoint(region.id, api, workspace or None, base_url)
        except regions.ConfigError as exc:
            if not workspace and saved.workspace and region.id != saved.region:
                raise UsageError(
                    f"{exc} (The saved workspace ID belongs to {saved.region}, "
                    f"so it is not used for {region.id}.)"
                ) from None
            raise
    except regions.ConfigError as exc:
        raise UsageError(str(exc)) from None
    if workspace and not base_url:
        if not region.workspace_host:
            notes.append(f"{region.name} has no workspace host; the workspace ID is not used.")
        elif warning := regions.workspace_warning(workspace):
            notes.append(f"{warning} Using {workspace!r} anyway.")
    return endpoint


def _base_url(flag: str | None, environ: dict[str, str]) -> str | None:
    """--base-url, else SEEKDESK_BASE_URL, else None (the region's own host); checked."""
    if flag is not None:
        if not flag.strip():
            raise UsageError("--base-url is empty.")
        _check_base_url(flag, "--base-url")
        return flag
    from_env = regions.base_url_override(environ)
    if from_env:
        _check_base_url(from_env, BASE_URL_ENV)
    return from_env


def _check_base_url(url: str, source: str) -> None:
    try:
        regions.validate_base_url(url)
    except regions.ConfigError as exc:
        raise UsageError(f"{source}: {exc}") from None


def _resolve_request(
    args: argparse.Namespace, saved: settings.Settings, notes: list[str]
) -> ChatRequest:
    """What is asked: the model, thinking on/off, the effort and the saved parameters (no turns).

    The saved thinking choice is for catalog models; a model SeekDesk does not know is sent
    ``enable_thinking`` only when asked on this command line (it may not accept the field). The
    saved effort goes with thinking; an explicit --effort is kept as given, and the core decides
    whether it is sent (only to models that take it, and not with thinking off).
    """
    model_name = (args.model if args.model is not None else saved.model).strip()
    if not model_name or any(c.isspace() for c in model_name):
        raise UsageError(f"{model_name!r} is not a model name.")
    model = catalog.lookup(model_name)
    if model.is_delisted():
        assert model.delisted_on is not None
        notes.append(
            f"{model.name} was delisted by Model Studio on {model.delisted_on:%Y-%m-%d}; "
            f"it is recommended to switch to {', '.join(model.replacements)}."
        )
    thinking = args.thinking
    if thinking is None and model.known:
        thinking = saved.thinking
    effort_text = args.effort or (saved.effort if model.thinking_enabled(thinking) else None)
    request = ChatRequest(
        model=model_name,
        turns=(),
        thinking=thinking,
        effort=catalog.normalize_effort(effort_text).value if effort_text else None,
        parameters=dict(saved.parameters),
    )
    notes.extend(_ignored_flags(args, request.rules()))
    return request


def _ignored_flags(args: argparse.Namespace, rules: catalog.RequestRules) -> list[str]:
    """Notes on the flags the catalog's rules leave out, so none is dropped silently (the
    catalog decides; this only words its reasons for the command line)."""
    model = rules.model
    notes: list[str] = []
    if args.thinking is not None and catalog.Dropped.THINKING_FIXED in rules.dropped:
        mode = "always thinks" if model.thinking_enabled(None) else "never thinks"
        flag = "--thinking" if args.thinking else "--no-thinking"
        notes.append(f"{model.name} {mode}; {flag} has no effect.")
    if args.effort is None:
        return notes
    if catalog.Dropped.EFFORT_UNKNOWN_MODEL in rules.dropped:
        notes.append(f"{model.name} is not in SeekDesk's catalog; --effort is not sent.")
    elif catalog.Dropped.EFFORT_NOT_TAKEN in rules.dropped:
        notes.append(f"{model.name} does not take a reasoning effort; --effort is not sent.")
    elif catalog.Dropped.EFFORT_THINKING_OFF in rules.dropped:
        notes.append("--effort has no effect with thinking off; it is not sent.")
    return notes


def api_choices() -> list[str]:
    """``--api`` choices: every registered dialect."""
    return list(protocols.names())


def api_help() -> str:
    """``--api`` help: each dialect's name and summary, the default first."""
    return "; ".join(f"{d.name}: {d.summary}" for d in protocols.dialects())


def read_prompt(arg: str | None, stdin: Any = None) -> str:
    """The prompt from the argument, or from stdin for '-' or when input is piped in."""
    stdin = sys.stdin if stdin is None else stdin
    if arg is not None and arg != "-":
        text = _argument_text(arg)
    else:
        if arg is None and is_terminal(stdin):
            raise UsageError(
                "No question given: pass it as an argument, or pipe it in (use '-' to read stdin)."
            )
        raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError("The question read from stdin is not UTF-8 text.") from None
        text = raw.rstrip()
    if not text.strip():
        raise UsageError("The question is empty.")
    return text


def _argument_text(arg: str) -> str:
    """Python decodes argv with the locale's encoding; in a non-UTF-8 locale UTF-8 bytes come out
    as lone surrogates, which cannot be sent. Recover the bytes and read them as UTF-8."""
    try:
        arg.encode("utf-8")
        return arg
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("The question is not valid text (not UTF-8).") from None
