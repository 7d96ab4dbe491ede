"""Lists one picks from with the mouse have rows with some air (a line and 10 px), not rows
packed at the font's height: the presets list."""

from __future__ import annotations

from app.core import presets
from app.ui.window.presets_dialog import PresetsDialog


def test_preset_rows_are_easy_to_aim_at(qtbot):
    dialog = PresetsDialog((presets.make_preset("Pirate"), presets.make_preset("Reviewer")),
                           lambda _items: None)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    listing = dialog.listing
    first, second = (listing.visualItemRect(listing.item(n)) for n in (0, 1))
    assert first.height() >= listing.fontMetrics().height() + 8
    assert second.top() >= first.bottom()  # one under the other, not overlapping
