"""``seekdesk key set|status|delete``: the real command against real keyrings (or none)."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap

import pytest

from tests.fakeserver import FakeServer
from tests.keyring_support import (
    files_containing,
    keyring_backend,
    requires_secret_service,
    run_cli,
)

__all__ = ["keyring_backend"]

KEY = "sk-cli0123456789abcdefLMNO"

pytestmark = pytest.mark.usefixtures("keyring_backend")

FAIL = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
NULL = {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
NO_DBUS = {
    "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/seekdesk-bus",
}
CHAINER_NO_DBUS = {
    "PYTHON_KEYRING_BACKEND": "keyring.backends.chainer.ChainerBackend",
    "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/seekdesk-bus",
}


# --- no usable keyring --------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [FAIL, NULL, NO_DBUS, CHAINER_NO_DBUS],
    ids=["fail backend", "null backend", "D-Bus gone", "chainer with nothing"],
)
def test_without_a_keyring_key_set_exits_1_and_points_to_the_environment(env, isolated_dirs):
    result = run_cli("key", "set", stdin=KEY + "\n", env=env)
    assert result.returncode == 1, result.stderr
    assert "No usable system keyring" in result.stderr
    assert "DASHSCOPE_API_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert KEY not in result.stdout + result.stderr
    assert files_containing(KEY, *isolated_dirs) == []


def test_without_a_keyring_status_and_delete_still_answer(isolated_dirs):
    status = run_cli("key", "status", env=NO_DBUS)
    assert status.returncode == 2
    assert "no API key" in status.stdout
    assert "seekdesk key set" in status.stderr
    assert "Traceback" not in status.stderr
    deleted = run_cli("key", "delete", env=FAIL)
    assert deleted.returncode == 0
    assert "No API key was stored" in deleted.stdout


# --- the environment ------------------------------------------------------------------------


def test_status_says_the_key_comes_from_the_environment_masked_to_its_last_4():
    result = run_cli("key", "status", "--region", "tokyo", env={"DASHSCOPE_API_KEY": KEY})
    assert result.returncode == 0
    assert result.stdout.strip() == (
        "Japan (Tokyo) (ap-northeast-1): key …LMNO from the DASHSCOPE_API_KEY environment variable."
    )
    assert KEY not in result.stdout + result.stderr


def test_a_broken_environment_key_is_reported_without_being_echoed():
    result = run_cli("key", "status", env={"DASHSCOPE_API_KEY": f"{KEY} {KEY}"})
    assert result.returncode == 2
    assert "DASHSCOPE_API_KEY" in result.stderr
    assert KEY not in result.stdout + result.stderr


def test_an_unknown_region_is_a_usage_error():
    result = run_cli("key", "status", "--region", "atlantis")
    assert result.returncode == 2
    assert "Unknown region" in result.stderr


# --- a real Secret Service ------------------------------------------------------------------


@requires_secret_service
def test_a_user_stores_checks_uses_and_deletes_a_key(isolated_dirs):
    # The region defaults to the saved one.
    assert run_cli("config", "set", "region", "virginia").returncode == 0
    stored = run_cli("key", "set", stdin=f"  {KEY}\n")
    assert stored.returncode == 0, stored.stderr
    assert "…LMNO" in stored.stdout and "US (Virginia)" in stored.stdout
    assert KEY not in stored.stdout + stored.stderr

    status = run_cli("key", "status")
    assert status.returncode == 0
    assert "key …LMNO from the system keyring" in status.stdout
    assert run_cli("key", "status", "--region", "beijing").returncode == 2  # per region

    # `seekdesk ask` picks the stored key up by itself, also with --base-url.
    with FakeServer(expected_key=KEY) as fake:
        asked = run_cli("ask", "--base-url", fake.base_url, "Hello there")
        assert asked.returncode == 0, asked.stderr
        assert fake.requests[-1].headers["authorization"] == f"Bearer {KEY}"
        assert KEY not in asked.stdout + asked.stderr

    deleted = run_cli("key", "delete")
    assert deleted.returncode == 0
    assert "Deleted" in deleted.stdout
    assert run_cli("key", "status").returncode == 2
    assert files_containing(KEY, *isolated_dirs) == []


@requires_secret_service
def test_ask_without_a_key_for_the_region_is_a_configuration_error_and_sends_nothing():
    with FakeServer() as fake:
        result = run_cli("ask", "--base-url", fake.base_url, "--region", "tokyo", "Hi")
        assert result.returncode == 2
        assert "seekdesk key set" in result.stderr
        assert fake.requests == []


@requires_secret_service
@pytest.mark.parametrize(
    ("pasted", "message"),
    [("", "empty"), ("\n  \n", "empty"), (f"{KEY} {KEY}\n", "spaces"), (f"{KEY}\x07", "control")],
)
def test_an_empty_or_garbled_key_is_a_usage_error_and_nothing_is_stored(pasted, message):
    result = run_cli("key", "set", "--region", "frankfurt", stdin=pasted)
    assert result.returncode == 2
    assert message in result.stderr and "Nothing was stored" in result.stderr
    assert KEY not in result.stderr
    assert run_cli("key", "status", "--region", "frankfurt").returncode == 2


@requires_secret_service
def test_the_environment_overrides_a_stored_key_and_set_says_so():
    result = run_cli(
        "key", "set", "--region", "sg", stdin=KEY, env={"DASHSCOPE_API_KEY": "sk-env-key-00009999"}
    )
    assert result.returncode == 0
    assert "takes precedence" in result.stderr
    status = run_cli("key", "status", "--region", "sg", env={"DASHSCOPE_API_KEY": "sk-env-9999"})
    assert "environment" in status.stdout


@requires_secret_service
@pytest.mark.skipif(not shutil.which("gnome-keyring-daemon"), reason="needs gnome-keyring")
def test_a_locked_keyring_gives_a_clear_message_and_exit_1(tmp_path):
    """In a private D-Bus session of its own: lock the collection, then try to store a key.
    Headless, gnome-keyring cannot prompt for the password, so the keyring stays locked."""
    script = textwrap.dedent(
        f"""
        set -e
        export XDG_DATA_HOME="{tmp_path}/keyring"
        mkdir -p "$XDG_DATA_HOME"
        eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
        python3 -c "import secretstorage as s; s.get_default_collection(s.dbus_init()).lock()"
        set +e
        printf '%s' '{KEY}' | python3 -m app key set --region tokyo
        echo "rc=$?"
        """
    )
    env = dict(os.environ)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        env=env,
        timeout=120,
    )
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert "keyring is locked" in result.stderr
    assert "Traceback" not in result.stderr
    assert KEY not in result.stdout + result.stderr


def _run_on_a_terminal(args: list[str], typed: str, timeout: float = 60) -> tuple[int, str]:
    """Run ``seekdesk`` with a pseudo-terminal as its controlling terminal, type ``typed`` when
    it asks, and return (exit status, everything the terminal showed)."""
    import pty
    import select
    import sys
    import time
    import warnings

    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a threaded process; the child only exec()s.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command
        os.execvp(sys.executable, [sys.executable, "-m", "app", *args])
    shown = b""
    deadline = time.monotonic() + timeout
    typed_yet = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        if not typed_yet and b"input hidden" in shown:
            os.write(fd, typed.encode() + b"\n")
            typed_yet = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


@requires_secret_service
def test_on_a_terminal_the_key_is_asked_for_without_echo():
    code, shown = _run_on_a_terminal(["key", "set", "--region", "tokyo"], KEY)
    assert code == 0, shown
    assert "API key for Japan (Tokyo) (input hidden):" in shown
    assert "Stored the API key …LMNO" in shown
    assert KEY not in shown  # neither echoed as typed nor printed back
    assert run_cli("key", "status", "--region", "tokyo").returncode == 0
