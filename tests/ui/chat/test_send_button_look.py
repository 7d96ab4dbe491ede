"""Send looks ready only when it is: filled with the accent when a prompt can be sent, flat and
muted when it cannot (empty prompt), in the light and the dark palette, with readable text.

Measured on real rendered pixels of the Fusion button (offscreen), as a user would see them.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from app.ui.app import dark_palette, light_palette
from app.ui.chat.composer import Composer
from app.ui.common.theme import primary_button_palette


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def send_fill(qtbot, qapp, text: str) -> tuple[QColor, Composer]:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.set_text(text)
    composer.resize(600, 120)
    composer.show()
    qtbot.waitExposed(composer)
    image = composer.send_button.grab().toImage()
    return image.pixelColor(4, image.height() // 2), composer


@pytest.fixture
def palette_of(qapp):
    old = qapp.palette()
    yield lambda palette: qapp.setPalette(palette)
    qapp.setPalette(old)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_disabled_send_is_clearly_not_an_enabled_one(qtbot, qapp, palette_of, theme):
    palette = dark_palette() if theme == "dark" else light_palette()
    palette_of(palette)
    ready, composer = send_fill(qtbot, qapp, "Hello")
    idle, empty = send_fill(qtbot, qapp, "")
    assert composer.send_button.isEnabled() and not empty.send_button.isEnabled()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    # told apart at a glance: a saturated accent against a grey, far apart in colour
    assert ready.hsvSaturation() >= 120 and idle.hsvSaturation() <= 40
    distance = sum((a - b) ** 2 for a, b in zip(ready.getRgb()[:3], idle.getRgb()[:3], strict=True))
    assert distance**0.5 >= 100
    assert contrast(ready, text) >= 4.5  # "Send" on the accent is readable
    assert contrast(idle, window) < 1.5  # the disabled one recedes into the window
    assert abs(ready.hue() - palette.color(QPalette.ColorRole.Highlight).hue()) <= 12


def test_the_accent_follows_a_live_light_dark_switch(qtbot, qapp, palette_of):
    palette_of(light_palette())
    light, composer = send_fill(qtbot, qapp, "Hello")
    palette_of(dark_palette())
    wanted = primary_button_palette(dark_palette()).color(QPalette.ColorRole.Button)
    qtbot.waitUntil(
        lambda: composer.send_button.palette().color(QPalette.ColorRole.Button) == wanted
    )
    image = composer.send_button.grab().toImage()
    dark = image.pixelColor(4, image.height() // 2)
    assert dark != light
    assert contrast(dark, dark_palette().color(QPalette.ColorRole.HighlightedText)) >= 4.5
    # the rest of the button still follows the application palette
    disabled = QPalette.ColorGroup.Disabled
    assert composer.send_button.palette().color(
        disabled, QPalette.ColorRole.ButtonText
    ) == dark_palette().color(disabled, QPalette.ColorRole.ButtonText)
