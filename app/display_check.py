"""Can the window open here? Answered before Qt is asked, because Qt's answer is an abort.

When Qt cannot load or start its platform plugin (no display, no X server behind ``DISPLAY``,
or a system library the plugin links against is missing, classically ``libxcb-cursor0`` since
Qt 6.5) it prints a paragraph and calls ``abort()``: the user gets "Aborted (core dumped)".
``window_problem()`` looks first, without loading Qt's GUI libraries, and returns one sentence
naming what is missing (for a library: the Debian/Ubuntu package that provides it), or None.

How it decides, on Linux (macOS and Windows always have their platform plugin):

* Which plugins Qt will try: ``QT_QPA_PLATFORM`` (a ``;`` list), else ``wayland`` then ``xcb``
  in a Wayland session, else ``xcb`` (Qt's own order).
* Whether a plugin can load: ``ldd`` on the plugin file lists every library that does not
  resolve (the dynamic loader's own search: RUNPATH, ``LD_LIBRARY_PATH``, the cache). Without
  ``ldd``, loading the plugin with ``ctypes`` names the first missing library.
* Whether it can connect: for ``xcb`` the X server's socket behind ``DISPLAY``, for ``wayland``
  the compositor's socket; ``offscreen`` and ``minimal`` need nothing.

Pure Python on purpose: it must run before, and without, any Qt GUI import.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: Debian/Ubuntu packages for the libraries Qt's Linux platform plugins need, by library stem.
DEBIAN_PACKAGES = {
    "libxcb-cursor": "libxcb-cursor0",
    "libxcb-icccm": "libxcb-icccm4",
    "libxcb-image": "libxcb-image0",
    "libxcb-keysyms": "libxcb-keysyms1",
    "libxcb-randr": "libxcb-randr0",
    "libxcb-render-util": "libxcb-render-util0",
    "libxcb-render": "libxcb-render0",
    "libxcb-shape": "libxcb-shape0",
    "libxcb-shm": "libxcb-shm0",
    "libxcb-sync": "libxcb-sync1",
    "libxcb-util": "libxcb-util1",
    "libxcb-xfixes": "libxcb-xfixes0",
    "libxcb-xinerama": "libxcb-xinerama0",
    "libxcb-xkb": "libxcb-xkb1",
    "libxcb": "libxcb1",
    "libX11-xcb": "libx11-xcb1",
    "libX11": "libx11-6",
    "libxkbcommon-x11": "libxkbcommon-x11-0",
    "libxkbcommon": "libxkbcommon0",
    "libEGL": "libegl1",
    "libGL": "libgl1",
    "libOpenGL": "libopengl0",
    "libfontconfig": "libfontconfig1",
    "libfreetype": "libfreetype6",
    "libglib-2.0": "libglib2.0-0",
    "libgthread-2.0": "libglib2.0-0",
    "libdbus-1": "libdbus-1-3",
    "libstdc++": "libstdc++6",
    "libgcc_s": "libgcc-s1",
    "libwayland-client": "libwayland-client0",
    "libwayland-cursor": "libwayland-cursor0",
    "libwayland-egl": "libwayland-egl1",
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
_DLOPEN_MISSING = re.compile(r"([^\s:]+\.so[.\d]*): cannot open shared object file")


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one platform plugin cannot be used; ``missing`` lists unresolved libraries."""

    platform: str
    sentence: str
    missing: tuple[str, ...] = ()


def package_for(library: str) -> str | None:
    """The Debian/Ubuntu package providing ``library`` (``libxcb-cursor.so.0``), if known."""
    stem = library.split(".so", 1)[0]
    return DEBIAN_PACKAGES.get(stem)


def wanted_platforms(env: dict[str, str] | os._Environ[str] = os.environ) -> list[str]:
    """The platform plugins Qt will try, in order (names without their ``:options``)."""
    forced = env.get("QT_QPA_PLATFORM", "").strip()
    if forced:
        return [p.split(":", 1)[0].strip() for p in forced.split(";") if p.strip()]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def plugin_dirs(env: dict[str, str] | os._Environ[str] = os.environ) -> list[Path]:
    """Where Qt looks for platform plugins: its env overrides first, then PySide6's own."""
    dirs: list[Path] = []
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        dirs.append(Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"]))
    for entry in env.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if entry:
            dirs.append(Path(entry) / "platforms")
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            dirs.append(Path(location) / "Qt" / "plugins" / "platforms")
    return dirs


def find_plugin(name: str, env: dict[str, str] | os._Environ[str] = os.environ) -> Path | None:
    for directory in plugin_dirs(env):
        candidate = directory / f"libq{name}.so"
        if candidate.is_file():
            return candidate
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """Libraries ``plugin`` needs that the dynamic loader cannot find (none when it loads)."""
    ldd = shutil.which("ldd")
    if ldd:
        try:
            out = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=20, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = None
        if out is not None:
            return list(dict.fromkeys(_NOT_FOUND.findall(out)))
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = _DLOPEN_MISSING.search(str(exc))
        return [found.group(1)] if found else [str(exc)]
    return []


def _x_display_reachable(display: str) -> bool:
    """Whether an X server answers at ``display`` (``:0``, ``unix:0.0``, ``host:1``)."""
    found = re.fullmatch(r"(?P<host>[^:]*):(?P<num>\d+)(?:\.\d+)?", display.strip())
    if not found:
        return os.path.exists(display)  # launchd-style socket paths on macOS/XQuartz
    host, number = found.group("host"), int(found.group("num"))
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        for address in (path, "\0" + path):  # the file, or Linux's abstract namespace
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as sock:
                sock.settimeout(2)
                sock.connect(address)
                return True
        if host == "unix":
            return False
        host = "127.0.0.1"
    try:
        with socket.create_connection((host, 6000 + number), timeout=2):
            return True
    except OSError:
        return False


def _wayland_reachable(env: dict[str, str] | os._Environ[str]) -> bool:
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    path = Path(name) if name.startswith("/") else Path(env.get("XDG_RUNTIME_DIR", "")) / name
    return path.exists()


def _libraries_sentence(missing: list[str]) -> str:
    packages = sorted({p for p in map(package_for, missing) if p})
    unknown = [lib for lib in missing if not package_for(lib)]
    bundled = [lib for lib in unknown if lib.startswith("libQt6")]
    sentence = f"missing system libraries: {', '.join(missing)}"
    if packages:
        sentence += (
            f" (on Debian or Ubuntu: sudo apt install {' '.join(packages)}; other systems "
            "name the packages alike)"
        )
    if bundled:
        sentence += "; Qt's own libraries are missing too, so reinstall SeekDesk"
    return sentence


def platform_problem(
    name: str, env: dict[str, str] | os._Environ[str] = os.environ
) -> Problem | None:
    """Why Qt's ``name`` platform plugin would fail here, or None if it should start."""
    plugin = find_plugin(name, env)
    if plugin is None:
        return Problem(name, f"Qt's '{name}' platform plugin is not installed")
    missing = missing_libraries(plugin)
    if missing:
        return Problem(name, f"Qt's '{name}' platform plugin cannot load: "
                       + _libraries_sentence(missing), tuple(missing))
    if name == "xcb":
        display = env.get("DISPLAY", "")
        if not display:
            return Problem(name, "the DISPLAY environment variable is not set")
        if not _x_display_reachable(display):
            return Problem(name, f"no X server answers on display {display}")
    if name == "wayland" and not _wayland_reachable(env):
        return Problem(name, f"no Wayland compositor at {env.get('WAYLAND_DISPLAY', '')!r}")
    return None


def window_problem(env: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """One sentence saying why the window cannot open here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return None
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") and not env.get(
        "WAYLAND_DISPLAY"
    ):
        return (
            "SeekDesk cannot open its window: there is no display (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Start it from a desktop session, or use the command line "
            "(seekdesk --help)."
        )
    problems = []
    for name in wanted_platforms(env):
        problem = platform_problem(name, env)
        if problem is None:
            return None
        problems.append(problem)
    # The most useful reason first: a missing library can be installed by name.
    best = next((p for p in problems if p.missing), problems[0])
    return f"SeekDesk cannot open its window: {best.sentence}."


def import_problem(exc: ImportError) -> str:
    """The sentence for Qt failing to import at all (a library of QtGui itself is missing)."""
    found = _DLOPEN_MISSING.search(str(exc))
    if found:
        return f"SeekDesk cannot open its window: {_libraries_sentence([found.group(1)])}."
    return f"SeekDesk cannot open its window: Qt could not be loaded ({exc})."
