"""Prices the user says: per model and region, per million tokens, with currency and date.

SeekDesk ships no prices. Model Studio's prices differ by region and change over time, and the
seed only points at the console, so any number built in would be a guess shown as a fact. A
price is what the user typed (or imported), with the date they took it from, and a cost is only
ever computed from it. Where no price applies, the cost is unknown ("—"), never zero.

A price for region ``*`` applies to every region without one of its own. The cached-input price
is optional; a request that used cached tokens and whose price has none has an unknown cost
(rather than a guess that cached tokens cost the same as, or nothing next to, the others).

Stored as ``prices.json`` in the config directory, written atomically; CSV in and out with the
header ``CSV_HEADER``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.sentences import QT_TRANSLATE_NOOP, Term, notice

PRICES_FILE = "prices.json"
ANY_REGION = "*"
MILLION = 1_000_000
CSV_HEADER = (
    "model",
    "region",
    "currency",
    "input_per_million",
    "output_per_million",
    "cached_input_per_million",
    "as_of",
)


#: What is wrong with a price (the prices dialog says it in the user's language); ``{name}`` is
#: INPUT, OUTPUT or CACHED_INPUT, ``{problem}`` a line's own sentence.
NOT_A_MODEL = QT_TRANSLATE_NOOP("Notice", "{model} is not a model name.")
NOT_A_CURRENCY = QT_TRANSLATE_NOOP(
    "Notice", "{currency} is not a currency (use a code such as CNY or USD)."
)
PRICE_MISSING = QT_TRANSLATE_NOOP("Notice", "The {name} price of {model} is missing.")
PRICE_NOT_A_NUMBER = QT_TRANSLATE_NOOP(
    "Notice", "The {name} price of {model} is not a number: {value}."
)
PRICE_NEGATIVE = QT_TRANSLATE_NOOP("Notice", "The {name} price of {model} must be zero or more.")
PRICE_DATE = QT_TRANSLATE_NOOP(
    "Notice", "The date of the {model} price is not a date (YYYY-MM-DD)."
)
PRICE_FILE = QT_TRANSLATE_NOOP("Notice", "The price file {path} cannot be read: {error}")
CSV_COLUMNS = QT_TRANSLATE_NOOP("Notice", "The CSV lacks the column(s): {columns}.")
CSV_LINE = QT_TRANSLATE_NOOP("Notice", "Line {line}: {problem}")
INPUT = Term("Notice", QT_TRANSLATE_NOOP("Notice", "input"))
OUTPUT = Term("Notice", QT_TRANSLATE_NOOP("Notice", "output"))
CACHED_INPUT = Term("Notice", QT_TRANSLATE_NOOP("Notice", "cached input"))


class PriceError(ValueError):
    """A price (or a price file) that cannot be used; the message names the line and field."""


@dataclass(frozen=True, slots=True)
class Price:
    """What a million tokens of one model in one region cost, as the user took it down."""

    model: str
    region: str
    currency: str
    input: float
    output: float
    cached_input: float | None
    as_of: str  # ISO date the user took the price from

    def cost(self, input_tokens: int, output_tokens: int, cached_tokens: int) -> float | None:
        """Cost of these tokens (output includes thinking, billed as output); None if unknown."""
        if cached_tokens and self.cached_input is None:
            return None
        fresh = max(input_tokens - cached_tokens, 0)
        cached = (cached_tokens * (self.cached_input or 0.0)) if cached_tokens else 0.0
        return (fresh * self.input + output_tokens * self.output + cached) / MILLION


def make_price(
    model: str,
    region: str,
    currency: str,
    input: Any,
    output: Any,
    cached_input: Any,
    as_of: str,
) -> Price:
    """Validate one price from text or numbers; PriceError says what is wrong."""
    model, region = model.strip(), (region.strip() or ANY_REGION)
    currency = currency.strip().upper()
    if not model or any(c.isspace() for c in model):
        raise PriceError(notice(NOT_A_MODEL, model=repr(model)))
    if not currency or len(currency) > 8 or not currency.isalpha():
        raise PriceError(notice(NOT_A_CURRENCY, currency=repr(currency)))

    def number(name: Term, value: Any, required: bool) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise PriceError(notice(PRICE_MISSING, name=name, model=model))
            return None
        try:
            result = float(value)
        except (TypeError, ValueError):
            raise PriceError(
                notice(PRICE_NOT_A_NUMBER, name=name, model=model, value=repr(value))
            ) from None
        if not result >= 0 or result == float("inf"):
            raise PriceError(notice(PRICE_NEGATIVE, name=name, model=model))
        return result

    try:
        date = dt.date.fromisoformat(str(as_of).strip()).isoformat()
    except ValueError:
        raise PriceError(notice(PRICE_DATE, model=model)) from None
    return Price(
        model=model,
        region=region,
        currency=currency,
        input=number(INPUT, input, True) or 0.0,
        output=number(OUTPUT, output, True) or 0.0,
        cached_input=number(CACHED_INPUT, cached_input, False),
        as_of=date,
    )


class PriceTable:
    """The user's prices, looked up by model and region."""

    def __init__(self, prices: Iterable[Price] = ()) -> None:
        self._prices: dict[tuple[str, str], Price] = {}
        for price in prices:
            self._prices[(price.model, price.region)] = price

    def __iter__(self) -> Any:
        return iter(sorted(self._prices.values(), key=lambda p: (p.model, p.region)))

    def __len__(self) -> int:
        return len(self._prices)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PriceTable) and self._prices == other._prices

    def find(self, model: str, region: str) -> Price | None:
        return self._prices.get((model, region)) or self._prices.get((model, ANY_REGION))

    # -- JSON in the config dir -----------------------------------------------------------

    @classmethod
    def load(cls, path: Path | None = None) -> PriceTable:
        """The saved table; an absent file is an empty table. A damaged one raises PriceError."""
        path = path or default_path()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            raise PriceError(notice(PRICE_FILE, path=str(path), error=str(exc))) from exc
        rows = data.get("prices", []) if isinstance(data, Mapping) else []
        return cls(_from_mapping(row) for row in rows if isinstance(row, Mapping))

    def save(self, path: Path | None = None) -> Path:
        path = path or default_path()
        rows = [_to_mapping(p) for p in self]
        paths.write_atomic(path, json.dumps({"version": 1, "prices": rows}, indent=2) + "\n")
        return path

    # -- CSV ------------------------------------------------------------------------------

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for p in self:
            cached = "" if p.cached_input is None else _number(p.cached_input)
            writer.writerow(
                (
                    p.model,
                    p.region,
                    p.currency,
                    _number(p.input),
                    _number(p.output),
                    cached,
                    p.as_of,
                )
            )
        return out.getvalue()

    @classmethod
    def from_csv(cls, text: str) -> PriceTable:
        """Parse a CSV with ``CSV_HEADER`` columns (any order); a bad line raises PriceError
        naming it, and nothing is taken from a file with one bad line."""
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        missing = [
            c
            for c in CSV_HEADER
            if c not in (reader.fieldnames or ()) and c != "cached_input_per_million"
        ]
        if missing:
            raise PriceError(notice(CSV_COLUMNS, columns=", ".join(missing)))
        prices = []
        for line, row in enumerate(reader, start=2):
            try:
                prices.append(_from_mapping(row))
            except PriceError as exc:
                raise PriceError(notice(CSV_LINE, line=line, problem=exc.args[0])) from None
        return cls(prices)


def _from_mapping(row: Mapping[str, Any]) -> Price:
    return make_price(
        str(row.get("model") or ""),
        str(row.get("region") or ""),
        str(row.get("currency") or ""),
        row.get("input_per_million"),
        row.get("output_per_million"),
        row.get("cached_input_per_million"),
        str(row.get("as_of") or ""),
    )


def _to_mapping(p: Price) -> dict[str, Any]:
    return {
        "model": p.model,
        "region": p.region,
        "currency": p.currency,
        "input_per_million": p.input,
        "output_per_million": p.output,
        "cached_input_per_million": p.cached_input,
        "as_of": p.as_of,
    }


def _number(value: float) -> str:
    return f"{value:.10g}"


def default_path() -> Path:
    return paths.config_dir() / PRICES_FILE


__all__ = [
    "ANY_REGION",
    "CSV_HEADER",
    "Price",
    "PriceError",
    "PriceTable",
    "make_price",
]
