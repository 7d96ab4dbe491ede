"""SeekDesk's icon, built from the PNGs in ``resources/icons`` (every size the title bar, the
task bar, the dock and a 2x screen ask for), with the SVG as a fallback.

A PNG per size rather than the SVG alone: the SVG needs Qt's svg image plugin, which a frozen
build or a minimal install may lack, and then the title bar showed no icon at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon


def app_icon(resources: Path | None = None) -> QIcon:
    """The application icon (an empty icon when no file is found: nothing fails over it). The
    application's own is made once (the application, the window and the welcome ask for it at
    start; a QIcon is shared, not copied)."""
    if resources is None:
        if not _MADE:
            from app.ui.common.resources import RESOURCES

            _MADE.append(_icon(RESOURCES))
        return QIcon(_MADE[0])
    return _icon(resources)


_MADE: list[QIcon] = []


def _icon(resources: Path) -> QIcon:
    icon = QIcon()
    for png in sorted((resources / "icons").glob("seekdesk-*.png")):
        icon.addFile(str(png))
    svg = resources / "seekdesk.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon


__all__ = ["app_icon"]
