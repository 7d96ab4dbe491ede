"""What goes into the desktop bundles, checked without building them.

The Linux bundle is built and smoke-tested for real by ``.ci/run`` (packaging/smoke.sh). The
macOS and Windows specs cannot be built here, so each spec is executed with recorders standing
in for PyInstaller's build targets (Analysis, PYZ, EXE, COLLECT, BUNDLE), and what it asks
PyInstaller for is checked: the arguments documented for those targets. The pruning rules and
the version resource is read as PyInstaller's loader reads it (one Python expression).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import app
from tests.packaging.program import ROOT


def _load_specbits() -> Any:
    """packaging/specbits.py as the module ``specbits`` (the specs ``import specbits``),
    without putting packaging/ (which has a build.py) on sys.path for the whole session."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("specbits", ROOT / "packaging" / "specbits.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["specbits"] = module
    spec.loader.exec_module(module)
    return module


specbits = _load_specbits()


class Target:
    """Records one build target's arguments, as the spec gave them."""

    calls: list[Target]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.kind = type(self).__name__
        self.args, self.kwargs = args, kwargs
        self.calls.append(self)


def run_spec(name: str, tmp_path: Path) -> list[Target]:
    calls: list[Target] = []

    class Analysis(Target):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pure, self.scripts = ["pure"], ["scripts"]
            self.binaries = [("PySide6/Qt/plugins/platforms/libqvnc.so", "x", "BINARY")]
            self.datas = [("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA")]

    namespace: dict[str, Any] = {"SPECPATH": str(ROOT / "packaging"), "workpath": str(tmp_path)}
    for cls in (Analysis, *(type(n, (Target,), {}) for n in ("PYZ", "EXE", "COLLECT", "BUNDLE"))):
        cls.calls = calls
        namespace[cls.__name__] = cls
    path = ROOT / "packaging" / name
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    original = specbits.drop_unreachable_libraries
    specbits.drop_unreachable_libraries = lambda binaries: list(binaries)  # needs real files
    saved_path = list(sys.path)
    try:
        exec(code, namespace)
    finally:
        specbits.drop_unreachable_libraries = original
        sys.path[:] = saved_path
    return calls


def of(calls: list[Target], kind: str) -> list[Target]:
    return [c for c in calls if c.kind == kind]


@pytest.fixture(autouse=True)
def pyinstaller():
    pytest.importorskip("PyInstaller", reason="python packaging/build.py installs it")


def test_the_version_is_written_once_and_everything_reads_it():
    assert specbits.version() == app.__version__
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}


def test_linux_is_one_folder_named_seekdesk_with_the_unused_left_out(tmp_path):
    calls = run_spec("seekdesk-linux.spec", tmp_path)
    analysis = of(calls, "Analysis")[0].kwargs
    assert analysis["scripts"] == [str(ROOT / "app" / "__main__.py")]
    for unwanted in ("PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtWebEngineCore", "pytest",
                     "pip", "setuptools", "tkinter", "cryptography"):
        assert unwanted in analysis["excludes"]
    assert analysis["runtime_hooks"] == specbits.LINUX_RUNTIME_HOOKS
    assert Path(analysis["runtime_hooks"][0]).is_file()
    assert any(name.startswith("keyring.backends.") for name in analysis["hiddenimports"])
    assert "app.cli.ask" in analysis["hiddenimports"]  # imported by name at run time
    assert any("keyring" in dest for _src, dest in analysis["datas"])  # its entry points
    (exe,) = of(calls, "EXE")
    assert exe.kwargs["name"] == "seekdesk" and exe.kwargs["exclude_binaries"]
    (collect,) = of(calls, "COLLECT")
    assert collect.kwargs["name"] == "seekdesk"
    # the analysis' VNC plugin and German Qt translation were pruned before collecting
    assert collect.args[1] == [] and collect.args[2] == []
    assert of(calls, "BUNDLE") == []


def test_macos_is_an_app_bundle_with_its_info_plist(tmp_path):
    calls = run_spec("seekdesk-macos.spec", tmp_path)
    (exe,) = of(calls, "EXE")
    assert exe.kwargs["console"] is False  # True would make it a background-only app
    assert exe.kwargs["exclude_binaries"] is True
    (bundle,) = of(calls, "BUNDLE")
    assert bundle.args[0] is of(calls, "COLLECT")[0]
    kw = bundle.kwargs
    assert kw["name"] == "SeekDesk.app"
    assert kw["bundle_identifier"] == "app.seekdesk.SeekDesk"
    assert kw["version"] == app.__version__
    assert kw["icon"].endswith(".icns") and Path(kw["icon"]).is_file()
    plist = kw["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSMinimumSystemVersion"] == specbits.MIN_MACOS
    assert plist["CFBundleShortVersionString"] == app.__version__
    assert "zh_CN" in plist["CFBundleLocalizations"]


def version_resource(path: str) -> dict[str, Any]:
    """The version-resource file as PyInstaller reads it: one Python expression of
    VSVersionInfo(...) calls (its loader evaluates it with those classes in scope)."""
    import ast

    tree = ast.parse(Path(path).read_text(encoding="utf-8"), mode="eval").body
    assert isinstance(tree, ast.Call) and tree.func.id == "VSVersionInfo"
    found: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("filevers", "prodvers"):
            found[node.arg] = ast.literal_eval(node.value)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct":
            key, value = (ast.literal_eval(a) for a in node.args)
            found[key] = value
    return found


def test_windows_has_a_windowed_and_a_console_program_from_one_analysis(tmp_path):
    calls = run_spec("seekdesk-windows.spec", tmp_path)
    assert len(of(calls, "Analysis")) == 1 and len(of(calls, "PYZ")) == 1
    window, console = of(calls, "EXE")
    pyz = of(calls, "PYZ")[0]
    assert window.args[0] is pyz and console.args[0] is pyz
    assert (window.kwargs["name"], window.kwargs["console"]) == ("SeekDeskW", False)
    assert (console.kwargs["name"], console.kwargs["console"]) == ("seekdesk", True)
    # distinct even where file names ignore case (both get .exe)
    assert window.kwargs["name"].lower() != console.kwargs["name"].lower()
    for exe in (window, console):
        assert exe.kwargs["exclude_binaries"] is True
        assert exe.kwargs["icon"].endswith(".ico") and Path(exe.kwargs["icon"]).is_file()
        info = version_resource(exe.kwargs["version"])
        assert info["ProductVersion"] == app.__version__
        assert info["filevers"] == info["prodvers"] == (0, 1, 0, 0)
        assert info["ProductName"] == "SeekDesk"
        assert info["OriginalFilename"] == exe.kwargs["name"] + ".exe"
    (collect,) = of(calls, "COLLECT")
    assert collect.args[0] is window and collect.args[1] is console
    assert collect.kwargs["name"] == "seekdesk"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_help_ja.qm", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("python3.11/lib-dynload/_codecs_jp.cpython-311-x86_64-linux-gnu.so", False),
        ("python3.11/lib-dynload/_codecs_cn.cpython-311-x86_64-linux-gnu.so", True),
        ("resources/translations/seekdesk_zh_CN.qm", True),
    ],
)
def test_what_the_bundle_keeps(dest, kept):
    assert specbits.keep(dest) is kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files")
def test_direct_dependencies_are_read_from_the_elf_file_itself():
    from app.display_check import find_plugin

    plugin = find_plugin("xcb", {})
    if plugin is None:
        pytest.skip("no xcb plugin")
    needed = specbits.elf_needed(plugin)
    assert "libxcb-cursor.so.0" in needed and "libQt6Gui.so.6" in needed
    assert specbits.elf_needed(ROOT / "README.md") == []


def test_libraries_nothing_links_to_any_more_are_dropped(tmp_path):
    from app.display_check import find_plugin

    plugin = find_plugin("offscreen", {})
    if plugin is None or not sys.platform.startswith("linux"):
        pytest.skip("needs PySide6's Linux plugins")
    lib = plugin.parent.parent.parent / "lib"
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", str(plugin), "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", str(lib / "libQt6Gui.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(lib / "libQt6Core.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", str(lib / "libQt6Pdf.so.6"), "BINARY"),
        ("libdbus-1.so.3", "/nonexistent/libdbus-1.so.3", "BINARY"),
    ]
    kept = [dest for dest, _src, _kind in specbits.drop_unreachable_libraries(binaries)]
    assert kept == [
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Core.so.6",
    ]


def test_macos_signs_with_the_hardened_runtime_entitlements_when_given_an_identity(
    tmp_path, monkeypatch
):
    import plistlib

    assert of(run_spec("seekdesk-macos.spec", tmp_path), "EXE")[0].kwargs[
        "codesign_identity"
    ] is None  # unset: PyInstaller's ad-hoc signatures only
    monkeypatch.setenv("SEEKDESK_CODESIGN_IDENTITY", "Developer ID Application: X (TEAMID)")
    (exe,) = of(run_spec("seekdesk-macos.spec", tmp_path), "EXE")
    assert exe.kwargs["codesign_identity"] == "Developer ID Application: X (TEAMID)"
    entitlements = plistlib.loads(Path(exe.kwargs["entitlements_file"]).read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
