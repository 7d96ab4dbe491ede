"""Issue 11.7: starting the window where it cannot open gives one sentence and exit 1, never
Qt's abort ("Aborted (core dumped)", exit 134).

Real child processes throughout. The missing-library story uses a real copy of Qt's xcb
platform plugin whose link to ``libxcb-cursor.so.0`` was renamed to a library no system has,
so it is the dynamic loader itself that cannot resolve it, exactly as on a machine without
the ``libxcb-cursor0`` package.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from app import display_check
from tests.packaging.program import headless_env, run

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def assert_one_sentence_and_exit_1(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.returncode != 128 + signal.SIGABRT and result.returncode != -signal.SIGABRT
    assert "Traceback" not in result.stderr
    assert "core dumped" not in result.stderr.lower()
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_no_display_at_all_is_said_in_one_sentence():
    line = assert_one_sentence_and_exit_1(run(env=headless_env()))
    assert line.startswith("SeekDesk cannot open its window: there is no display")
    assert "DISPLAY" in line and "seekdesk --help" in line


def test_the_command_line_still_works_without_a_display():
    result = run("--version", env=headless_env())
    assert result.returncode == 0
    assert result.stdout.startswith("seekdesk ")


@pytest.fixture
def plugin_missing_xcb_cursor(tmp_path) -> Path:
    """tmp/plugins/platforms/libqxcb.so: Qt's xcb plugin, its libxcb-cursor.so.0 link renamed
    to libxcb-cursor.so.9; tmp/lib points at Qt's libraries so its other links resolve."""
    real = display_check.find_plugin("xcb", {})
    if real is None:
        pytest.skip("PySide6 has no xcb platform plugin here")
    data = real.read_bytes()
    assert data.count(b"libxcb-cursor.so.0\0") >= 1
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    copy = platforms / "libqxcb.so"
    copy.write_bytes(data.replace(b"libxcb-cursor.so.0\0", b"libxcb-cursor.so.9\0"))
    (tmp_path / "lib").symlink_to(real.parent.parent.parent / "lib")
    return platforms


def test_a_missing_system_library_is_named_with_its_debian_package(plugin_missing_xcb_cursor):
    env = headless_env(
        DISPLAY=":0",
        QT_QPA_PLATFORM="xcb",
        QT_QPA_PLATFORM_PLUGIN_PATH=str(plugin_missing_xcb_cursor),
    )
    line = assert_one_sentence_and_exit_1(run(env=env))
    assert "libxcb-cursor.so.9" in line
    assert "apt install" in line and "libxcb-cursor0" in line


def test_the_check_lists_every_unresolved_library(plugin_missing_xcb_cursor):
    plugin = plugin_missing_xcb_cursor / "libqxcb.so"
    assert "libxcb-cursor.so.9" in display_check.missing_libraries(plugin)
    real = display_check.find_plugin("offscreen", {})
    assert real is not None and display_check.missing_libraries(real) == []


def test_an_x_display_nobody_serves_is_not_reachable_and_a_listening_one_is(tmp_path):
    number = 4000 + os.getpid() % 1000
    assert not display_check._x_display_reachable(f":{number}")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")  # Linux's abstract namespace, as Xorg does
        server.listen(1)
        assert display_check._x_display_reachable(f":{number}")
        assert display_check._x_display_reachable(f":{number}.0")


def test_which_platforms_qt_will_try():
    assert display_check.wanted_platforms({"DISPLAY": ":0"}) == ["xcb"]
    assert display_check.wanted_platforms({"WAYLAND_DISPLAY": "wayland-0"}) == ["wayland", "xcb"]
    assert display_check.wanted_platforms({"QT_QPA_PLATFORM": "offscreen"}) == ["offscreen"]
    assert display_check.wanted_platforms({"QT_QPA_PLATFORM": "wayland;xcb:x=1"}) == [
        "wayland",
        "xcb",
    ]


def test_offscreen_needs_no_display():
    assert display_check.window_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_known_libraries_map_to_their_debian_packages():
    assert display_check.package_for("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert display_check.package_for("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert display_check.package_for("libxcb-render-util.so.0") == "libxcb-render-util0"
    assert display_check.package_for("libEGL.so.1") == "libegl1"
    assert display_check.package_for("libunknown.so.1") is None


def test_a_display_no_x_server_answers_is_said_in_one_sentence():
    """DISPLAY points at nothing (a stale variable over ssh, a stopped X server): Qt would
    abort with "could not connect to display"."""
    number = 5000 + os.getpid() % 1000
    line = assert_one_sentence_and_exit_1(run(env=headless_env(DISPLAY=f":{number}")))
    plugin = display_check.find_plugin("xcb", {})
    if plugin is not None and not display_check.missing_libraries(plugin):
        assert line == f"SeekDesk cannot open its window: no X server answers on display :{number}."
    else:  # this machine lacks the xcb plugin's libraries: that is named first
        assert "missing system libraries" in line
