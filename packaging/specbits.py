"""What the three PyInstaller specs share: one Analysis recipe and one pruning rule.

The specs (``seekdesk-linux.spec``, ``seekdesk-macos.spec``, ``seekdesk-windows.spec``) differ
only in what PyInstaller does after the analysis (one folder, a ``.app``, two ``.exe``). What
goes in, and what is left out, is decided here once, so the three bundles cannot drift apart.

Why each rule exists:

* ``collect_submodules("app")``: the command line imports its subcommands by name
  (``importlib.import_module``), which PyInstaller's import scan cannot see.
* keyring finds its backends through the ``keyring.backends`` entry points in its package
  metadata. PyInstaller's own ``hook-keyring.py`` copies that metadata and collects the backend
  modules; the explicit ``copy_metadata``/``collect_submodules`` below keep that true even if a
  hook changes, and SecretStorage/jeepney (the Secret Service backend's D-Bus client) are named
  so a frozen Linux build can reach GNOME Keyring or KWallet's Secret Service.
* Excludes: Qt modules SeekDesk never imports, test tools, pip/setuptools, tkinter. Qt plugins
  for platforms a desktop never uses (framebuffer, VNC, EGLFS), Qt's SQL/TLS/network plugins
  and Qt's own translations beyond English and Chinese are pruned from the TOC afterwards.

This module is imported by the specs (``sys.path`` gets ``SPECPATH``) and by the tests; it never
imports PyInstaller at module level so the tests can read its lists without it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "SeekDesk"
BUNDLE_ID = "app.seekdesk.SeekDesk"
MIN_MACOS = "11.0"  # PySide6 6.8+ wheels require macOS 11 (Big Sur)

#: Qt modules SeekDesk does not import (it uses QtCore, QtGui, QtWidgets, and QtSvg for formulas).
UNUSED_QT_MODULES = """
    Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtAxContainer QtBluetooth
    QtCharts QtConcurrent QtDBus QtDataVisualization QtDesigner QtGraphs QtHelp QtHttpServer
    QtLocation QtMultimedia QtMultimediaWidgets QtNetwork QtNetworkAuth QtNfc QtOpenGL
    QtOpenGLWidgets QtPdf QtPdfWidgets QtPositioning QtPrintSupport QtQml QtQuick QtQuick3D
    QtQuickControls2 QtQuickWidgets QtRemoteObjects QtScxml QtSensors QtSerialBus QtSerialPort
    QtSpatialAudio QtSql QtStateMachine QtSvgWidgets QtTest QtTextToSpeech QtUiTools
    QtWebChannel QtWebEngineCore QtWebEngineQuick QtWebEngineWidgets QtWebSockets QtWebView QtXml
"""

#: Python packages/modules never wanted in the bundle.
EXCLUDES = [
    *(f"PySide6.{name}" for name in UNUSED_QT_MODULES.split()),
    # Test and build tools, other GUI toolkits.
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "ruff",
    "tests",
    "pip",
    "setuptools",
    "pkg_resources",
    "distutils",
    "wheel",
    "tkinter",
    "_tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "numpy",
    # Optional extras of httpx/anyio SeekDesk does not use (httpx's CLI, the trio backend).
    "click",
    "rich",
    "trio",
    "curio",
]

#: Linux only: SecretStorage's single use of ``cryptography`` (AES-CBC on the D-Bus session)
#: is served from the bundled OpenSSL by ``linux/pyi_rth_openssl_aes.py``; the 11.5 MB
#: ``cryptography`` wheel (and cffi, which only it needs) stays out.
LINUX_EXCLUDES = ["cryptography", "cffi", "_cffi_backend", "pycparser"]
LINUX_RUNTIME_HOOKS = [str(ROOT / "packaging" / "linux" / "pyi_rth_openssl_aes.py")]

#: Qt's own translations kept (the window is offered in English and Simplified Chinese).
QT_LANGUAGES = ("en", "zh_CN")

#: Qt plugin directories dropped whole: SeekDesk has no network, SQL, printing, QML or
#: vector-image use for them.
DROPPED_PLUGIN_DIRS = {
    "designer",
    "xcbglintegrations",  # OpenGL on X11: SeekDesk's widgets paint with the raster engine
    "wayland-graphics-integration-client",  # GL buffers on Wayland; raster uses wl_shm
    "generic",  # evdev/tuio input for framebuffer platforms
    "egldeviceintegrations",
    "networkinformation",
    "printsupport",
    "qmllint",
    "qmltooling",
    "sqldrivers",
    "tls",
    "wayland-graphics-integration-server",
}

#: Single plugins dropped from kept directories, by group and base name. The GTK3 platform
#: theme alone drags in GTK, GDK, Cairo, Pango and ATK (tens of MB) for native file dialogs
#: SeekDesk opens through Qt's own widgets anyway; the window only ever shows SVG and ICO
#: images (Markdown images are never fetched), so the other image formats go too.
DROPPED_PLUGINS = {
    "platformthemes": {"qgtk3"},
    "imageformats": {"qgif", "qicns", "qjpeg", "qtga", "qtiff", "qwbmp", "qwebp", "qpdf"},
}

#: Platform plugins kept (by base name): X11, Wayland, offscreen (self-test, CI), minimal,
#: and the desktop platforms of macOS and Windows.
KEPT_PLATFORMS = {"qxcb", "qwayland", "qwayland-egl", "qwayland-generic", "qoffscreen",
                  "qminimal", "qcocoa", "qwindows", "qdirect2d"}


def version() -> str:
    """SeekDesk's version, read from ``app/__init__.py`` (the one place it is written)."""
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("app/__init__.py has no __version__")
    return found.group(1)


def analysis_args() -> dict[str, Any]:
    """Keyword arguments for ``Analysis`` (PyInstaller must be importable)."""
    from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

    datas = [
        (str(ROOT / "resources" / "seekdesk.svg"), "resources"),
        (str(ROOT / "resources" / "seekdesk.desktop"), "resources"),
        (str(ROOT / "resources" / "translations" / "seekdesk_zh_CN.qm"), "resources/translations"),
        (str(ROOT / "resources" / "icons"), "resources/icons"),
        *copy_metadata("keyring"),
        # Formulas: ziamath's math font, ziafont's text font, latex2mathml's symbol table.
        *(f for name in ("ziamath", "ziafont", "latex2mathml") for f in collect_data_files(name)),
    ]
    hidden = [
        *collect_submodules("app"),
        *collect_submodules("keyring.backends"),
        "secretstorage",
        "jeepney",
        "jeepney.io.blocking",
    ]
    return {
        "scripts": [str(ROOT / "app" / "__main__.py")],
        "pathex": [str(ROOT)],
        "datas": datas,
        "hiddenimports": hidden,
        "excludes": EXCLUDES,
        "noarchive": False,
        "optimize": 1,  # asserts are not relied on; docstrings stay (argparse help uses them)
    }


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


#: CJK codecs for Japanese, Korean and traditional-Chinese legacy encodings: SeekDesk reads and
#: writes UTF-8 only (the network, SQLite, exports); the simplified-Chinese codecs stay.
DROPPED_CODECS = {"_codecs_jp", "_codecs_kr", "_codecs_hk", "_codecs_tw", "_codecs_iso2022"}


def keep(dest: str) -> bool:
    """Whether a file bound for ``dest`` (its path inside the bundle) stays in the bundle."""
    parts = _parts(dest)
    if "lib-dynload" in parts and parts[-1].split(".")[0] in DROPPED_CODECS:
        return False
    if "translations" in parts and "PySide6" in parts:
        name = parts[-1]
        if not name.endswith(".qm"):
            return True
        lang = name[:-3].split("_", 1)[1] if "_" in name else ""
        return lang in QT_LANGUAGES
    if "plugins" in parts and "PySide6" in parts:
        i = parts.index("plugins")
        if len(parts) > i + 2:
            group = parts[i + 1]
            if group in DROPPED_PLUGIN_DIRS:
                return False
            base = parts[-1].split(".")[0]
            base = base[3:] if base.startswith("lib") else base
            if group == "platforms":
                return base in KEPT_PLATFORMS
            return base not in DROPPED_PLUGINS.get(group, set())
    return True


#: Icon containers only macOS and Windows use; the Linux bundle keeps the PNGs and the SVG.
NOT_FOR_LINUX = {"seekdesk.icns", "seekdesk.ico"}


def prune(toc: Any) -> list[Any]:
    """The TOC (``a.binaries`` or ``a.datas``) without what :func:`keep` refuses."""
    return [entry for entry in toc if keep(entry[0])]


def _is_plain_library(dest: str) -> bool:
    """A shared library bundled only because something links against it (not a Python
    extension, not a Qt plugin, not libpython which the bootloader loads by name)."""
    parts = _parts(dest)
    name = parts[-1]
    return (
        name.startswith("lib")
        and ".so" in name
        and "plugins" not in parts
        and not name.startswith("libpython")
    )


#: Linux libraries left to the system although PyInstaller would bundle them. Every Linux
#: desktop has the D-Bus client library (Qt's accessibility, portals and keyring all speak
#: D-Bus), and bundling it drags in libsystemd, libgcrypt, libzstd, liblz4 and liblzma (3.4 MB).
#: The C++ runtime is the system's too: PySide6's manylinux_2_28 wheels need no newer one than
#: any such system has, while a bundled copy older than the system's breaks the GPU drivers
#: that Qt loads from the system (they need the newer libstdc++). Where one is missing, the
#: window's start check names its package.
LINUX_SYSTEM_LIBRARIES = {"libdbus-1.so.3", "libstdc++.so.6", "libgcc_s.so.1"}


def elf_needed(path: str | Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (its direct dependencies),
    read from the file itself: no ldd, readelf or binutils needed."""
    import struct

    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads, dynamic = [], None
    for i in range(phnum):
        kind, _flags, offset, vaddr, _paddr, filesz = struct.unpack_from(
            "<IIQQQQ", data, phoff + i * phentsize
        )
        if kind == 1:  # PT_LOAD
            loads.append((vaddr, offset, filesz))
        elif kind == 2:  # PT_DYNAMIC
            dynamic = (offset, filesz)
    if dynamic is None:
        return []
    entries, strtab = [], None
    for pos in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, value = struct.unpack_from("<qQ", data, pos)
        if tag == 0:
            break
        if tag == 1:  # DT_NEEDED
            entries.append(value)
        elif tag == 5:  # DT_STRTAB (a virtual address)
            strtab = next((off + value - va for va, off, size in loads
                           if va <= value < va + size), None)
    if strtab is None:
        return []
    return [data[strtab + e: data.index(b"\0", strtab + e)].decode() for e in entries]


def drop_unreachable_libraries(binaries: Any) -> list[Any]:
    """Linux: the binaries without the system libraries above and without shared libraries
    that nothing kept links against any more.

    Pruning a plugin (the GTK theme) leaves behind the libraries PyInstaller collected for it.
    Walking DT_NEEDED from every Python extension, Qt plugin and libpython through the bundled
    libraries finds what is really reachable; the rest is dead weight."""
    entries = [e for e in binaries if Path(e[0]).name not in LINUX_SYSTEM_LIBRARIES]
    by_name = {Path(e[0]).name: e for e in entries if _is_plain_library(e[0])}
    todo = [e for e in entries if not _is_plain_library(e[0])]
    reached: set[str] = set()
    while todo:
        _dest, src, _kind = todo.pop()
        try:
            needed = elf_needed(src)
        except (OSError, ValueError, IndexError):
            return entries  # an unreadable file keeps everything: never break a build here
        for name in needed:
            if name in by_name and name not in reached:
                reached.add(name)
                todo.append(by_name[name])
    return [e for e in entries if not _is_plain_library(e[0]) or Path(e[0]).name in reached]


def windows_version_text(program: str = "seekdesk.exe") -> str:
    """The version resource of a Windows executable (``program``), in PyInstaller's text
    format (``EXE(version=<file>)``), generated from the one version."""
    numbers = [int(n) for n in re.findall(r"\d+", version())[:4]]
    numbers += [0] * (4 - len(numbers))
    tup = tuple(numbers)
    dotted = ".".join(str(n) for n in tup)
    strings = {
        "CompanyName": "SeekDesk",
        "FileDescription": "SeekDesk: chat with DeepSeek and Qwen models",
        "FileVersion": dotted,
        "InternalName": program.removesuffix(".exe"),
        "LegalCopyright": "MIT License",
        "OriginalFilename": program,
        "ProductName": APP_NAME,
        "ProductVersion": version(),
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={tup},
    prodvers={tup},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable('040904B0', [
{table}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_windows_version_file(directory: str | Path, program: str) -> str:
    path = Path(directory) / f"version-info-{program.removesuffix('.exe')}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(windows_version_text(program), encoding="utf-8")
    return str(path)
