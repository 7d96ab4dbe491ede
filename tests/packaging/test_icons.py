"""The committed icons (resources/icons/, made by packaging/make_icons.py from the SVG) are what
each desktop asks for: PNGs at the hicolor sizes, an .ico with 16-256 px, an .icns up to 1024."""

from __future__ import annotations

import struct

import pytest

from tests.packaging.program import ROOT

ICONS = ROOT / "resources" / "icons"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 22, 24, 32, 48, 64, 128, 256, 512])
def test_a_png_for_every_hicolor_size(size):
    assert png_size((ICONS / f"seekdesk-{size}.png").read_bytes()) == (size, size)


def test_the_windows_icon_holds_16_to_256_pixels():
    data = (ICONS / "seekdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        image = data[offset : offset + length]
        assert png_size(image) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_the_macos_icon_holds_every_size_up_to_1024():
    data = (ICONS / "seekdesk.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        found[kind] = png_size(data[pos + 8 : pos + length])[0]
        pos += length
    assert found[b"icp4"] == 16 and found[b"ic07"] == 128 and found[b"ic10"] == 1024
    assert found[b"ic14"] == 512 and found[b"ic11"] == 32


def test_the_icons_are_rendered_from_the_svg(qapp):
    """make_icons draws the SVG: its 64 px rendering has the icon's blue in the corner
    region and the white speech bubble in the middle, as the committed PNG does."""
    import importlib.util

    from PySide6.QtGui import QColor, QImage

    path = ROOT / "packaging" / "make_icons.py"
    spec = importlib.util.spec_from_file_location("make_icons", path)
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    for image in (QImage.fromData(make_icons.render_png(64)),
                  QImage(str(ICONS / "seekdesk-64.png"))):
        assert image.width() == 64
        assert QColor(image.pixel(10, 10)).blue() > 150  # the blue tile
        assert QColor(image.pixel(20, 20)).lightness() > 230  # the white bubble
        assert image.pixelColor(0, 0).alpha() == 0  # rounded corner: transparent
