"""Build SeekDesk's desktop bundle for the OS this runs on: ``python packaging/build.py``.

* Installs PyInstaller into the running interpreter when it is missing (pip), and SeekDesk's
  own dependencies are whatever this interpreter has (``pip install .`` first on a clean box).
* Picks ``seekdesk-linux.spec``, ``seekdesk-macos.spec`` or ``seekdesk-windows.spec``.
* Builds into ``dist/`` (work files in ``build/``): ``dist/seekdesk/`` on Linux and Windows,
  ``dist/SeekDesk.app`` on macOS.
* On Linux also writes ``dist/seekdesk-<version>-linux-x86_64.tar.gz`` (the folder, with
  ``install.sh`` beside the program) and prints the bundle's size and largest files.

The version comes from ``app/__init__.py`` (``packaging/specbits.version``); pyproject.toml
reads the same attribute.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import specbits  # noqa: E402

SPECS = {"linux": "seekdesk-linux.spec", "darwin": "seekdesk-macos.spec",
         "win32": "seekdesk-windows.spec"}


def spec_for(system: str = sys.platform) -> Path:
    for prefix, name in SPECS.items():
        if system.startswith(prefix):
            return HERE / name
    raise SystemExit(f"no PyInstaller spec for this OS ({system})")


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print("PyInstaller is not installed; installing it with pip …", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller>=6.10"], check=True)


def arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def tree_size(path: Path) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes of the files under ``path`` and every file with its size."""
    files = [(p.stat().st_size, str(p.relative_to(path))) for p in path.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sum(size for size, _ in files), sorted(files, reverse=True)


def linux_archive(dist: Path) -> Path:
    """dist/seekdesk-<version>-linux-<arch>.tar.gz holding seekdesk-<version>/ (the bundle
    plus install.sh), so ``tar xf`` then ``./install.sh`` is the whole installation."""
    bundle = dist / "seekdesk"
    shutil.copy2(HERE / "linux" / "install.sh", bundle / "install.sh")
    top = f"seekdesk-{specbits.version()}"
    out = dist / f"{top}-linux-{arch()}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-archive", action="store_true", help="skip the Linux .tar.gz")
    args = parser.parse_args(argv)
    ensure_pyinstaller()
    spec = spec_for()
    dist, work = ROOT / "dist", ROOT / "build"
    started = time.monotonic()
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(spec)],
        check=True, cwd=ROOT, env=env,
    )
    took = time.monotonic() - started
    print(f"built {spec.name} in {took:.0f} s")
    if sys.platform.startswith("linux"):
        total, files = tree_size(dist / "seekdesk")
        print(f"dist/seekdesk: {total / 1e6:.1f} MB unpacked, {len(files)} files; largest:")
        for size, name in files[:5]:
            print(f"  {size / 1e6:6.1f} MB  {name}")
        if not args.no_archive:
            out = linux_archive(dist)
            print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
