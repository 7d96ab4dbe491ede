"""packaging/linux/install.sh: a user installs the unpacked bundle, finds SeekDesk in the menu
and on the PATH, then uninstalls it and is left with exactly what they had before.

Runs the real script with HOME pointed at a temporary directory. The "bundle" is laid out as
packaging/build.py lays it out (``seekdesk`` beside ``_internal/`` with the resources), with a
tiny stand-in program, since only the files' places matter to the script.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.program import ROOT

SCRIPT = ROOT / "packaging" / "linux" / "install.sh"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux installer")


@pytest.fixture
def bundle(tmp_path) -> Path:
    root = tmp_path / "seekdesk-0.1.0"
    resources = root / "_internal" / "resources"
    shutil.copytree(ROOT / "resources" / "icons", resources / "icons")
    shutil.copy(ROOT / "resources" / "seekdesk.desktop", resources)
    shutil.copy(ROOT / "resources" / "seekdesk.svg", resources)
    program = root / "seekdesk"
    program.write_text("#!/bin/sh\necho seekdesk 0.1.0\n")
    program.chmod(0o755)
    shutil.copy(SCRIPT, root / "install.sh")
    return root


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    (home / ".local" / "share" / "applications").mkdir(parents=True)
    (home / ".local" / "share" / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "other-tool").write_text("#!/bin/sh\n")
    return home


def sh(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), PATH="/usr/bin:/bin")
    return subprocess.run(["bash", str(script), *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def files(home: Path) -> set[str]:
    """Every file, link and directory under ``home``."""
    return {str(p.relative_to(home)) for p in home.rglob("*")}


def test_install_puts_program_menu_entry_icons_and_link_in_place(bundle, home):
    result = sh(bundle / "install.sh", home)
    assert result.returncode == 0, result.stderr
    prefix = home / ".local" / "opt" / "seekdesk"
    link = home / ".local" / "bin" / "seekdesk"
    assert os.readlink(link) == str(prefix / "seekdesk")
    assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "seekdesk 0.1.0\n"

    entry = (home / ".local/share/applications/seekdesk.desktop").read_text()
    assert f"Exec={prefix / 'seekdesk'}" in entry
    assert f"TryExec={prefix / 'seekdesk'}" in entry
    assert "Icon=seekdesk" in entry
    icons = home / ".local/share/icons/hicolor"
    for size in (16, 32, 48, 128, 256, 512):
        assert (icons / f"{size}x{size}" / "apps" / "seekdesk.png").is_file()
    assert (icons / "scalable" / "apps" / "seekdesk.svg").is_file()
    assert "not on your PATH" in result.stdout  # ~/.local/bin is not on this PATH


def test_the_menu_entry_matches_the_window_it_starts(qapp):
    """Docks group the window under the entry by StartupWMClass (X11: the WM_CLASS class,
    which Qt takes from the application name) and by the desktop file name (Wayland)."""
    from app.ui.app import APP_ID, create_application

    app = create_application()
    entry = (ROOT / "resources" / "seekdesk.desktop").read_text()
    assert f"StartupWMClass={app.applicationName()}" in entry.splitlines()
    assert app.desktopFileName() == APP_ID == "seekdesk"  # installed as seekdesk.desktop


def test_uninstall_removes_exactly_what_install_added(bundle, home):
    before = files(home)
    assert sh(bundle / "install.sh", home).returncode == 0
    assert len(files(home) - before) > 10
    result = sh(home / ".local/opt/seekdesk/install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    # other.desktop and other-tool are still there, and no directory the install made remains
    assert files(home) == before
    assert not (home / ".local" / "opt").exists()
    assert "conversations and settings were kept" in result.stdout


def test_installing_again_upgrades_in_place_and_still_uninstalls_cleanly(bundle, home):
    before = files(home)
    assert sh(bundle / "install.sh", home).returncode == 0
    (bundle / "seekdesk").write_text("#!/bin/sh\necho seekdesk 0.2.0\n")
    assert sh(bundle / "install.sh", home).returncode == 0
    out = subprocess.run([str(home / ".local/bin/seekdesk")], capture_output=True, text=True)
    assert out.stdout == "seekdesk 0.2.0\n"
    assert sh(bundle / "install.sh", home, "--uninstall").returncode == 0
    assert files(home) == before


def test_a_seekdesk_that_is_not_ours_is_not_overwritten_or_removed(bundle, home):
    foreign = home / ".local" / "bin" / "seekdesk"
    foreign.write_text("#!/bin/sh\necho pip-installed\n")
    result = sh(bundle / "install.sh", home)
    assert result.returncode == 1
    assert "is not SeekDesk's link" in result.stderr
    assert foreign.read_text() == "#!/bin/sh\necho pip-installed\n"
    assert not (home / ".local" / "opt" / "seekdesk").exists()


def test_uninstall_without_an_install_says_so(home):
    result = sh(SCRIPT, home, "--uninstall")
    assert result.returncode == 1
    assert "not installed" in result.stderr
