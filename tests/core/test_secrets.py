"""The API key: where it comes from, where it may be kept, and that it never shows."""

from __future__ import annotations

import keyring
import pytest
import secretstorage
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked

from app.core import secrets
from app.core.regions import ConfigError
from tests.keyring_support import BrokenKeyring, keyring_backend, requires_secret_service

__all__ = ["keyring_backend"]  # the fixture, imported for pytest

KEY = "sk-test0123456789abcdWXYZ"

pytestmark = pytest.mark.usefixtures("keyring_backend")


# --- what a key may look like ------------------------------------------------------------


def test_a_key_is_shown_by_its_last_four_characters_only():
    assert secrets.mask(KEY) == "…WXYZ"
    assert secrets.mask("sk-short") == "…"
    resolved = secrets.ResolvedKey(KEY, secrets.KeySource.KEYRING)
    assert KEY not in repr(resolved)
    assert KEY not in str(resolved)
    assert "…WXYZ" in repr(resolved)


def test_a_pasted_key_is_stripped():
    assert secrets.clean_key(f"  {KEY}\n") == KEY


@pytest.mark.parametrize(
    "pasted",
    [
        f"{KEY} {KEY}",  # two keys
        f"{KEY}\n# my key",  # a key and a comment
        f"sk-abc\tdef{KEY}",
        f"sk-abc\x00def{KEY}",
        f"sk-abc\u200bdef{KEY}",  # zero-width space (format character)
        f"sk-abcé{KEY}",
    ],
)
def test_a_key_with_spaces_or_control_characters_inside_is_refused_without_echoing_it(pasted):
    with pytest.raises(secrets.InvalidKey) as info:
        secrets.clean_key(pasted)
    assert KEY not in str(info.value)
    assert isinstance(info.value, ConfigError)


def test_an_empty_key_is_refused():
    with pytest.raises(secrets.InvalidKey, match="empty"):
        secrets.clean_key("  \n")


# --- the environment ----------------------------------------------------------------------


def test_the_environment_key_wins_and_says_where_it_comes_from(monkeypatch):
    secrets.remember_for_session("cn-beijing", "sk-session-key-1234")
    monkeypatch.setenv("DASHSCOPE_API_KEY", f" {KEY} ")
    resolved = secrets.resolve_key("cn-beijing")
    assert resolved == secrets.ResolvedKey(KEY, secrets.KeySource.ENVIRONMENT)


def test_a_broken_environment_key_is_a_configuration_error_that_does_not_echo_it(monkeypatch):
    monkeypatch.setenv("DASHSCOPE_API_KEY", f"{KEY} extra")
    with pytest.raises(secrets.InvalidKey, match="DASHSCOPE_API_KEY") as info:
        secrets.resolve_key("cn-beijing")
    assert KEY not in str(info.value)


def test_no_key_anywhere_resolves_to_none_and_the_message_says_how_to_set_one():
    keyring.set_keyring(fail.Keyring())
    assert secrets.resolve_key("singapore") is None
    message = secrets.missing_key_message("singapore")
    assert "seekdesk key set --region ap-southeast-1" in message
    assert "DASHSCOPE_API_KEY" in message


# --- without a usable keyring ------------------------------------------------------------


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_fail_and_null_backends_are_never_used_to_store_a_key(backend):
    keyring.set_keyring(backend())
    status = secrets.keyring_status()
    assert not status.usable
    assert "DASHSCOPE_API_KEY" in (status.reason or "")
    with pytest.raises(secrets.KeyringUnavailable, match="DASHSCOPE_API_KEY"):
        secrets.store_key("cn-beijing", KEY)
    assert secrets.resolve_key("cn-beijing") is None


def test_a_plaintext_file_backend_is_refused():
    stored: dict[tuple[str, str], str] = {}

    class PlaintextKeyring(BrokenKeyring):
        """Stands in for keyrings.alt.file.PlaintextKeyring (not installed here)."""

        def set_password(self, service, username, password):
            stored[service, username] = password

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    keyring.set_keyring(PlaintextKeyring(RuntimeError("unused")))
    assert not secrets.keyring_status().usable
    with pytest.raises(secrets.KeyringUnavailable, match="file"):
        secrets.store_key("cn-beijing", KEY)
    assert stored == {}


def test_a_chainer_is_looked_through_and_refused_when_nothing_usable_is_behind_it(monkeypatch):
    # Without a D-Bus session the Secret Service is not viable, so the chainer has nothing.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/seekdesk-bus")
    keyring.set_keyring(chainer.ChainerBackend())
    status = secrets.keyring_status()
    assert not status.usable
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.store_key("cn-beijing", KEY)


def test_without_a_keyring_the_key_is_held_for_this_session_only():
    keyring.set_keyring(fail.Keyring())
    secrets.remember_for_session("frankfurt", f"{KEY}\n")
    assert secrets.resolve_key("eu-central-1") == secrets.ResolvedKey(
        KEY, secrets.KeySource.SESSION
    )
    assert secrets.resolve_key("tokyo") is None  # keys belong to one region
    assert secrets.delete_key("frankfurt") is True
    assert secrets.resolve_key("frankfurt") is None


# --- a keyring that fails ------------------------------------------------------------------


def test_a_locked_keyring_is_a_clear_failure_not_a_crash():
    keyring.set_keyring(BrokenKeyring(KeyringLocked("Failed to unlock the collection!")))
    with pytest.raises(secrets.KeyringFailure, match="locked") as info:
        secrets.store_key("cn-beijing", KEY)
    assert KEY not in str(info.value)
    with pytest.raises(secrets.KeyringFailure, match="Unlock"):
        secrets.resolve_key("cn-beijing")
    with pytest.raises(secrets.KeyringFailure):
        secrets.delete_key("cn-beijing")


def test_a_vanished_keyring_daemon_is_a_clear_failure():
    keyring.set_keyring(BrokenKeyring(ConnectionResetError("Connection reset by peer")))
    with pytest.raises(secrets.KeyringFailure, match="ConnectionResetError"):
        secrets.resolve_key("cn-beijing")


def test_a_failing_keyring_still_lets_this_sessions_key_through():
    keyring.set_keyring(BrokenKeyring(KeyringLocked("locked")))
    secrets.remember_for_session("cn-beijing", KEY)
    assert secrets.resolve_key("cn-beijing").source is secrets.KeySource.SESSION


def test_a_backend_that_cannot_even_be_loaded_means_no_keyring(monkeypatch):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/seekdesk-bus")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    status = secrets.keyring_status()
    assert not status.usable
    with pytest.raises(secrets.KeyringUnavailable, match="DASHSCOPE_API_KEY"):
        secrets.store_key("cn-beijing", KEY)


# --- the real Secret Service ---------------------------------------------------------------


@requires_secret_service
def test_a_key_is_stored_per_region_in_the_secret_service():
    assert secrets.keyring_status().usable
    secrets.store_key("singapore", KEY)
    secrets.store_key("cn-beijing", "sk-beijing-key-0000")

    assert secrets.resolve_key("ap-southeast-1") == secrets.ResolvedKey(
        KEY, secrets.KeySource.KEYRING
    )
    assert secrets.resolve_key("beijing").value == "sk-beijing-key-0000"
    assert secrets.resolve_key("tokyo") is None

    # Service "SeekDesk", username = region id, as another tool (seahorse) would see it.
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        items = list(collection.search_items({"service": "SeekDesk", "username": "ap-southeast-1"}))
        assert [item.get_secret().decode() for item in items] == [KEY]
    finally:
        connection.close()

    assert secrets.delete_key("singapore") is True
    assert secrets.resolve_key("singapore") is None
    assert secrets.delete_key("singapore") is False
    assert secrets.resolve_key("beijing").value == "sk-beijing-key-0000"


@requires_secret_service
def test_storing_a_key_replaces_the_previous_one_and_the_environment_still_wins(monkeypatch):
    secrets.store_key("tokyo", "sk-old-key-00001111")
    secrets.store_key("tokyo", KEY)
    assert secrets.stored_key("tokyo") == KEY
    monkeypatch.setenv("DASHSCOPE_API_KEY", "sk-from-the-env-9999")
    assert secrets.resolve_key("tokyo").source is secrets.KeySource.ENVIRONMENT


@requires_secret_service
def test_the_keyring_wins_over_a_session_key():
    secrets.remember_for_session("cn-beijing", "sk-session-only-1234")
    secrets.store_key("cn-beijing", KEY)
    # Storing replaces the session copy; the keyring is the source from now on.
    assert secrets.resolve_key("cn-beijing") == secrets.ResolvedKey(KEY, secrets.KeySource.KEYRING)
