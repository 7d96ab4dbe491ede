"""A fix to ziamath's row layout: linear instead of exponential in nesting depth.

ziamath lays out every row (``<mrow>``) twice: once with stretchy operators left out, to learn
how tall the row is (``_get_height_nostretch``), then for real, with its stretchy operators —
``\\left(``, ``|``, ``\\}`` — sized to that height. Each pass lays out the children, which do
the same, so a formula nested *d* rows deep costs 2^d layouts: ``{{{{x}}}}``-style nesting,
``\\frac`` inside ``\\sqrt`` inside ``\\left(``… took 20–70 ms for ordinary formulas and would
stall the window on a deep one.

The first pass only matters when the row holds a stretchy operator that reads its height: one
reachable from the row without passing through another row (an inner row measures itself). When
there is none, the row skips that pass. The output is the same SVG, byte for byte (the test
over the formula corpus compares them); only the work drops.

Pure Python; applied once by :mod:`.math_tex` when it loads ziamath.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from xml.etree import ElementTree as ET

__all__ = ["patch_rows"]

#: Elements ziamath lays out as rows (each measures its own stretchy operators).
_ROW_TAGS = frozenset({"mrow", "merror", "mpadded", "mphantom", "math", "mtd", "mtr", "none"})
_FORMS = ("prefix", "infix", "postfix")


def patch_rows(ziamath: Any) -> None:
    """Make ziamath's rows skip the measuring pass when nothing in them stretches."""
    from ziamath import operators
    from ziamath.nodes.mrow import Mrow
    from ziamath.nodes.nodetools import elementtext

    if getattr(Mrow, "_seekdesk_patched", False):
        return
    measure: Callable[..., tuple[float, float]] = Mrow._get_height_nostretch

    def stretches(text: str, element: ET.Element) -> bool:
        attribute = element.get("stretchy")
        if attribute is not None:
            return attribute != "false"
        return any(
            operators.get_params(text, form).get("stretchy", "false") != "false"
            for form in _FORMS
        )

    def may_stretch(children: Iterable[ET.Element]) -> bool:
        stack = [child for child in children if child.tag not in _ROW_TAGS]
        while stack:
            element = stack.pop()
            if element.tag in ("mo", "mi"):
                text = elementtext(element)
                operator = element.tag == "mo" or text in operators.names  # (ziamath's mi → mo)
                if operator and stretches(text, element):
                    return True
                continue
            stack.extend(child for child in element if child.tag not in _ROW_TAGS)
        return False

    def get_height_nostretch(
        self: Any, line: list[ET.Element], **kwargs: Any
    ) -> tuple[float, float]:
        if may_stretch(line):
            return measure(self, line, **kwargs)
        # Nothing here reads the row's height: hand on what an outer row measured, if any.
        return kwargs.get("rowymin", 0.0), kwargs.get("rowymax", 0.0)

    Mrow._get_height_nostretch = get_height_nostretch  # type: ignore[method-assign]
    Mrow._seekdesk_patched = True  # type: ignore[attr-defined]
