"""Which finished answers sleep and which wake: the chat view's memory rule, as one pass.

A laid-out ``QTextDocument`` is most of a message's memory, so a finished answer far from the
viewport empties its documents (``AnswerPart.sleep``: it keeps its height and its HTML) and
wakes before it scrolls into view. The pass looks only at rows near the viewport (found by
bisection: rows are ordered by position) and at answers still awake, so it costs the same with
5,000 rows as with 50 — it runs after every range change, i.e. each repaint of a streaming reply.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from app.ui.chat.rows import AssistantMessageWidget

#: Finished answers more than this many viewport heights away from the viewport sleep.
AWAKE_SCREENS = 2
#: …and at least this many pixels away (a tiny viewport must not make everything sleep).
AWAKE_MIN_PX = 1600


def awake_margin(page: int) -> int:
    """How far (px) beyond the viewport answers stay awake."""
    return max(AWAKE_SCREENS * page, AWAKE_MIN_PX)


def sleep_far_answers(
    rows: Sequence[QWidget], awake: set[AssistantMessageWidget], top: int, bottom: int, width: int
) -> list[AssistantMessageWidget]:
    """Put to sleep the awake answers outside ``top``..``bottom`` (column coordinates) that can
    sleep at this ``width``; return the sleeping answers inside it, for the view to wake (it
    may have to pin the scroll position first). ``awake`` is updated in place."""
    lo = bisect.bisect_left(rows, top, key=lambda row: row.y() + row.height())
    hi = bisect.bisect_right(rows, bottom, key=lambda row: row.y())
    near = [row for row in rows[lo:hi] if isinstance(row, AssistantMessageWidget)]
    for row in awake - set(near):
        if row.width() == width and not row.is_streaming():
            row.answer.sleep()  # (if it can: finished and laid out at this width)
        if row.answer.is_asleep() or (row.answer.is_empty() and not row.is_streaming()):
            awake.discard(row)
    awake.update(near)
    return [row for row in near if row.answer.is_asleep()]
