"""Where the API key comes from, and where it is kept: never in a plain file.

Lookup order for a region (``resolve_key``)::

    DASHSCOPE_API_KEY (environment)  →  OS keyring (service "SeekDesk", user = region id)
                                      →  this session's memory (no usable keyring)

Model Studio keys belong to the region that issued them, so the keyring holds one key per
region. Only a real OS keyring is trusted: the ``fail`` and ``null`` backends, the plain-text
and file backends of ``keyrings.alt`` and a chainer with nothing usable behind it are refused,
because "stored" would then mean "written to disk in the clear" or "silently dropped". Without a
usable keyring the window keeps the key in memory for the session (``remember_for_session``) and
the command line points to ``DASHSCOPE_API_KEY``.

Everything the keyring library or D-Bus can raise (locked collection, daemon gone, broken
backend configuration) becomes ``KeyringFailure`` with a sentence for the user: a keyring
problem is never a crash. No message, repr or exception built here ever contains a key.
"""

from __future__ import annotations

import enum
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

from app.core import regions
from app.core.sentences import QT_TRANSLATE_NOOP, Term, notice

ENV_VAR = "DASHSCOPE_API_KEY"

#: What is wrong with a key or the keyring, told in the user's language by the window (the
#: CLI prints the English): ``{what}`` is THE_KEY or THE_ENV_KEY, ``{action}`` one of the
#: keyring actions below, ``{env}`` the environment variable's name.
KEY_EMPTY = QT_TRANSLATE_NOOP("Notice", "{what} is empty.")
KEY_SPACES = QT_TRANSLATE_NOOP(
    "Notice",
    "{what} contains spaces, line breaks or control characters; paste the key alone (it looks "
    "like sk-…).",
)
KEY_NOT_ASCII = QT_TRANSLATE_NOOP(
    "Notice",
    "{what} contains characters an API key cannot have (only ASCII letters, digits and "
    "punctuation); paste the key alone (it looks like sk-…).",
)
THE_KEY = Term("Notice", QT_TRANSLATE_NOOP("Notice", "The API key"))
THE_ENV_KEY = Term(
    "Notice", QT_TRANSLATE_NOOP("Notice", "The DASHSCOPE_API_KEY environment variable")
)
KEYRING_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Notice",
    "No usable system keyring is available ({reason}), so the API key cannot be stored safely. "
    "Set the {env} environment variable instead; SeekDesk uses it for every region.",
)
KEYRING_LOCKED = QT_TRANSLATE_NOOP(
    "Notice",
    "Could not {action}: the keyring is locked ({detail}). Unlock it (log in to your desktop "
    "session or open your keyring manager) and try again, or set {env}.",
)
KEYRING_ERROR = QT_TRANSLATE_NOOP(
    "Notice",
    "Could not {action}: the system keyring reported an error ({detail}). Check that the "
    "keyring service is running and unlocked, or set {env}.",
)
READ_KEY = Term("Notice", QT_TRANSLATE_NOOP("Notice", "read the API key from the keyring"))
STORE_KEY = Term("Notice", QT_TRANSLATE_NOOP("Notice", "store the API key in the keyring"))
DELETE_KEY = Term("Notice", QT_TRANSLATE_NOOP("Notice", "delete the API key from the keyring"))
#: Keyring service name; the username is the region id (``ap-southeast-1``…).
SERVICE = "SeekDesk"

#: Keys typed into the window when no keyring is usable; lost when the process exits.
_session_keys: dict[str, str] = {}


class KeySource(enum.StrEnum):
    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    SESSION = "session"  # held in memory only (no usable keyring)


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    value: str
    source: KeySource

    def __repr__(self) -> str:  # never print the key by accident
        return f"ResolvedKey(value={mask(self.value)!r}, source={self.source.value!r})"

    __str__ = __repr__


class InvalidKey(regions.ConfigError):
    """The text given as a key cannot be one (empty, spaces or control characters inside)."""


class KeyringFailure(regions.ConfigError):
    """The keyring could not be used; the message says why and what to do. Never has the key."""


class KeyringUnavailable(KeyringFailure):
    """No usable keyring on this system: nothing can be stored safely."""


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Whether a safe keyring exists, which backend it is, and, if not usable, why."""

    usable: bool
    backend: str
    reason: str | None = None


def mask(key: str) -> str:
    """Show at most the last 4 characters of a key (nothing at all of a short one)."""
    return "…" + key[-4:] if len(key) > 8 else "…"


def clean_key(raw: str, *, what: Term = THE_KEY) -> str:
    """Strip surrounding whitespace and refuse what cannot be a key (raises InvalidKey).

    A key travels in an HTTP header: a space, newline or control character inside it means a
    paste went wrong (two keys, a key plus a comment), and non-ASCII text cannot be sent at all.
    The message never repeats the key.
    """
    key = raw.strip()
    if not key:
        raise InvalidKey(notice(KEY_EMPTY, what=what))
    for char in key:
        if char.isspace() or unicodedata.category(char).startswith("C"):
            raise InvalidKey(notice(KEY_SPACES, what=what))
        if not char.isascii():
            raise InvalidKey(notice(KEY_NOT_ASCII, what=what))
    return key


def region_id(region: str) -> str:
    """The canonical region id the keyring entry is named after (accepts city aliases)."""
    return regions.get_region(region).id


# --- the keyring backend -------------------------------------------------------------------


def _backend_name(backend: Any) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _refusal(backend: Any) -> str | None:
    """Why ``backend`` must not hold a key, or None when it is a real keyring."""
    from keyring.backends import chainer, fail, null

    module = type(backend).__module__
    if isinstance(backend, fail.Keyring):
        return "no keyring backend is available"
    if isinstance(backend, null.Keyring):
        return "the keyring is disabled (null backend)"
    if module.startswith("keyrings.alt") or "plaintext" in type(backend).__name__.lower():
        return "the only keyring backend stores secrets in a file"
    if isinstance(backend, chainer.ChainerBackend):
        if not _usable_backends(backend):
            return "no keyring backend is available"
        return None
    return None


def _usable_backends(backend: Any) -> list[Any]:
    """The concrete backends a key may go to, best first (a chainer is looked through)."""
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        try:  # re-checks each backend's viability; a vanished D-Bus raises here
            candidates = list(backend.backends)
        except Exception:
            candidates = []
    else:
        candidates = [backend]
    return [b for b in candidates if not isinstance(b, chainer.ChainerBackend) and not _refusal(b)]


def _current_backend() -> Any:
    """keyring's configured backend; its detection itself can fail (bad env, D-Bus gone)."""
    import keyring

    try:
        return keyring.get_keyring()
    except Exception as exc:  # any failure here means "no keyring"
        raise KeyringUnavailable(_unavailable_message(f"{type(exc).__name__}: {exc}")) from None


def _unavailable_message(reason: str) -> str:
    return notice(KEYRING_UNAVAILABLE, reason=reason, env=ENV_VAR)


def keyring_status() -> KeyringStatus:
    """Check, without storing anything, whether a safe keyring is there."""
    try:
        backend = _current_backend()
    except KeyringUnavailable as exc:
        return KeyringStatus(False, "none", exc.args[0])  # (the Sentence, for the window)
    reason = _refusal(backend)
    usable = _usable_backends(backend)
    name = _backend_name(usable[0]) if usable else _backend_name(backend)
    if reason is not None:
        return KeyringStatus(False, name, _unavailable_message(reason))
    return KeyringStatus(True, name)


def _store_backend() -> Any:
    backend = _current_backend()
    usable = _usable_backends(backend)
    if not usable:
        raise KeyringUnavailable(_unavailable_message(_refusal(backend) or "unknown backend"))
    return usable[0]


def _failure(action: Term, exc: BaseException) -> KeyringFailure:
    """Turn whatever the keyring raised into a sentence. Only the exception text is used; the
    keyring libraries never put the secret into their messages."""
    from keyring import errors

    detail = str(exc).strip() or type(exc).__name__
    if isinstance(exc, errors.KeyringLocked):
        return KeyringFailure(notice(KEYRING_LOCKED, action=action, detail=detail, env=ENV_VAR))
    detail = f"{type(exc).__name__}: {detail}"
    return KeyringFailure(notice(KEYRING_ERROR, action=action, detail=detail, env=ENV_VAR))


def stored_key(region: str) -> str | None:
    """The key kept in the keyring for ``region`` (None if none). Raises KeyringFailure."""
    username = region_id(region)
    backend = _current_backend()
    for candidate in _usable_backends(backend):
        try:
            value: str | None = candidate.get_password(SERVICE, username)
        except Exception as exc:  # keyring and D-Bus errors of every kind
            raise _failure(READ_KEY, exc) from None
        if value:
            return value
    return None


def store_key(region: str, key: str) -> str:
    """Validate ``key`` and put it in the keyring for ``region``; returns the stored key.

    Raises InvalidKey, KeyringUnavailable (nothing safe to store it in) or KeyringFailure.
    """
    value = clean_key(key)
    username = region_id(region)
    backend = _store_backend()
    try:
        backend.set_password(SERVICE, username, value)
    except Exception as exc:
        raise _failure(STORE_KEY, exc) from None
    _session_keys.pop(username, None)
    return value


def delete_key(region: str) -> bool:
    """Remove the region's key from the keyring and this session; True if one was there."""
    from keyring import errors

    username = region_id(region)
    removed = _session_keys.pop(username, None) is not None
    try:
        backend = _current_backend()
    except KeyringUnavailable:
        return removed
    for candidate in _usable_backends(backend):
        try:
            if candidate.get_password(SERVICE, username) is None:
                continue
            candidate.delete_password(SERVICE, username)
        except errors.PasswordDeleteError:
            continue  # already gone
        except Exception as exc:
            raise _failure(DELETE_KEY, exc) from None
        removed = True
    return removed


# --- session memory (no usable keyring) ----------------------------------------------------


def remember_for_session(region: str, key: str) -> str:
    """Keep ``key`` for ``region`` in memory until the process exits (validated, returned)."""
    value = clean_key(key)
    _session_keys[region_id(region)] = value
    return value


def forget_session_keys() -> None:
    """Drop every key held in memory (tests; "sign out")."""
    _session_keys.clear()


# --- lookup --------------------------------------------------------------------------------


def environment_key_set() -> bool:
    """Whether DASHSCOPE_API_KEY is set (non-blank), without validating it."""
    return bool(os.environ.get(ENV_VAR, "").strip())


def environment_key() -> str | None:
    """DASHSCOPE_API_KEY, stripped and checked (raises InvalidKey if it cannot be a key)."""
    raw = os.environ.get(ENV_VAR, "")
    if not raw.strip():
        return None
    return clean_key(raw, what=THE_ENV_KEY)


def resolve_key(region: str) -> ResolvedKey | None:
    """The key to use for ``region``: DASHSCOPE_API_KEY, then the keyring, then this session.

    A keyring that fails is not silently skipped when there is nothing else: the
    KeyringFailure (a ConfigError) says what went wrong. A missing or unusable keyring is simply
    "no key there".
    """
    value = environment_key()
    if value:
        return ResolvedKey(value, KeySource.ENVIRONMENT)
    username = region_id(region)
    session = _session_keys.get(username)
    try:
        value = stored_key(username)
    except KeyringUnavailable:
        value = None
    except KeyringFailure:
        if session:
            return ResolvedKey(session, KeySource.SESSION)
        raise
    if value:
        return ResolvedKey(value, KeySource.KEYRING)
    if session:
        return ResolvedKey(session, KeySource.SESSION)
    return None


def missing_key_message(region: str) -> str:
    """What to tell a user whose region has no key (the CLI exits 2 with this)."""
    reg = regions.get_region(region)
    return (
        f"No API key for {reg.name} ({reg.id}). Store one with 'seekdesk key set --region "
        f"{reg.id}' (it reads the key from stdin), or set {ENV_VAR}. Keys belong to the region "
        "that issued them."
    )


def describe_source(source: KeySource) -> str:
    """Plain words for where a key comes from (CLI; the window has its own translations)."""
    return {
        KeySource.ENVIRONMENT: f"the {ENV_VAR} environment variable",
        KeySource.KEYRING: "the system keyring",
        KeySource.SESSION: "this session only (not stored)",
    }[source]
