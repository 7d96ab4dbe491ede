"""Cost of one reply for its footer, from the prices the window last loaded.

Why a holder and not a read per reply: a footer is painted on the UI thread, where no disk work
may run. The usage part of the window (``window_part``) loads the price table on a worker thread
when the history opens and after every Save in Prices and budgets, and puts it here; a footer
only looks it up. Before that (or with no price for the model) a footer shows no cost at all:
the usage view is where "—" explains itself.

A reply's region is its conversation's (the region of the conversation's latest reply), which
the window sets here before it draws a conversation's replies (``set_region``). The price is the
one for the model in that region, else the model's price for every region (``*``); with no
region known, the model's only price when just one region has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

from app.core.events import Usage

if TYPE_CHECKING:  # the prices module comes with the first table (the window's start needs none)
    from app.core.usage.prices import Price, PriceTable

#: The table last loaded; None before the first load, which prices nothing (as an empty table).
_loaded: list[PriceTable | None] = [None]
_region: list[str | None] = [None]


def set_prices(table: PriceTable) -> None:
    """Called by the window's usage part after loading ``prices.json`` off the UI thread."""
    _loaded[0] = table


def set_region(region: str | None) -> None:
    """The region of the conversation whose replies are drawn next (None: not known)."""
    _region[0] = region or None


def price_for(model: str) -> Price | None:
    table = _loaded[0]
    if table is None:
        return None
    from app.core.usage.prices import ANY_REGION

    found = table.find(model, _region[0] or ANY_REGION)
    if found is not None:
        return found
    candidates = [p for p in table if p.model == model]
    return candidates[0] if len(candidates) == 1 else None


def reply_cost(model: str | None, usage: Usage | None) -> str:
    """ "CNY 0.0123" for a reply whose model has a price; "" otherwise."""
    if not model or usage is None:
        return ""
    price = price_for(model)
    if price is None:
        return ""
    amount = price.cost(usage.input_tokens, usage.output_tokens, usage.cached_tokens or 0)
    if amount is None:
        return ""
    return f"{price.currency} {QLocale().toString(amount, 'f', 4)}"
