"""Who is writing a streaming reply: a process id plus that process's start time.

A ``streaming`` row left behind by a process that died must become ``interrupted``; one being
written right now by another live process (the window and a ``seekdesk ask`` side by side) must
not be touched. The pid alone is not enough, since pids are reused after a reboot or wrap-around,
so the row also records an opaque token for the process's start time and both must match.
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache


def _linux_start_token(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return None
    # Field 22 (starttime, clock ticks since boot) counted after the ")" closing the command.
    fields = stat[stat.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    boot = _linux_boot_id()
    return f"linux:{boot}:{fields[19]}"


@cache
def _linux_boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            return fh.read().strip()
    except OSError:
        return "?"


def _ps_start_token(pid: int) -> str | None:
    """macOS and the BSDs: ``ps`` prints the start time of a live process, nothing otherwise."""
    try:
        out = subprocess.run(
            ["ps", "-o", "lstart=", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout.strip()
    return f"ps:{text}" if out.returncode == 0 and text else None


def _windows_start_token(pid: int) -> str | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        code = wintypes.DWORD()
        if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != 259:
            return None  # exited (259 = STILL_ACTIVE)
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return None
        created = times[0]
        return f"win:{created.dwHighDateTime}:{created.dwLowDateTime}"
    finally:
        kernel32.CloseHandle(handle)


def start_token(pid: int) -> str | None:
    """An opaque token identifying the process ``pid`` since it started; None if it is gone."""
    if pid <= 0:
        return None
    if sys.platform.startswith("linux"):
        return _linux_start_token(pid)
    if sys.platform == "win32":
        return _windows_start_token(pid)
    return _ps_start_token(pid)


@cache
def _owner_of(pid: int) -> tuple[int, str]:
    return pid, start_token(pid) or f"pid:{pid}"


def current_owner() -> tuple[int, str]:
    """This process's (pid, start token), recorded on every row it starts streaming.

    Keyed by pid, so a forked child does not inherit its parent's identity.
    """
    return _owner_of(os.getpid())


def is_alive(pid: int | None, token: str | None) -> bool:
    """Whether the process that recorded (pid, token) is still running.

    Rows without an owner (written by an older version) count as dead: nothing can still be
    writing them after an upgrade.
    """
    if pid is None or token is None:
        return False
    if (pid, token) == current_owner():
        return True
    return start_token(pid) == token
