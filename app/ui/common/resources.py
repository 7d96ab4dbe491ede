"""Where SeekDesk's resources (icons, translations, styles) are, found once.

Apart from ``app.ui.app`` so that widgets needing a resource (the window's icon) do not import
the application module, which imports the window: that would be an import cycle.
"""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """resources/ beside the app package (a checkout, an editable install, a PyInstaller bundle),
    else the copy a plain ``pip install`` put in site-packages as ``seekdesk_resources``."""
    beside = Path(__file__).resolve().parents[3] / "resources"
    if beside.is_dir():
        return beside
    try:
        import seekdesk_resources
    except ImportError:
        return beside
    return Path(seekdesk_resources.__file__).resolve().parent


RESOURCES = resources_dir()

__all__ = ["RESOURCES", "resources_dir"]
