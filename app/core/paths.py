"""Where SeekDesk keeps its files.

platformdirs gives each OS its conventional place; the environment variables exist so tests and
portable installs can redirect everything without touching the user's real data.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "SeekDesk"


def _dir_from_env(var: str) -> Path | None:
    value = os.environ.get(var, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Directory of the history database and its backups (created on demand)."""
    path = _dir_from_env("SEEKDESK_DATA_DIR") or Path(
        platformdirs.user_data_dir(APP_NAME, appauthor=False)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Directory of settings.json (created on demand). Never holds the API key."""
    path = _dir_from_env("SEEKDESK_CONFIG_DIR") or Path(
        platformdirs.user_config_dir(APP_NAME, appauthor=False)
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    """The internal-error log (``<data>/logs/seekdesk.log``, rotated; see ``app.core.crashlog``).

    Under the data directory because a user asked for "the details" finds it next to the
    history, and ``SEEKDESK_DATA_DIR`` redirects it with everything else.
    """
    return data_dir() / "logs" / "seekdesk.log"


def write_atomic(path: Path, text: str) -> None:
    """Write next to the target and rename over it (after fsync), so a crash or a full disk
    leaves the old file or the new one, never half a file. Settings, presets, prices and budgets
    are all written through this."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
