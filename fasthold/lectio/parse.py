"""Danish cell values: numbers, percentages, ``absent/total`` fractions, dates and CPR numbers.

Each ``parse_*`` function takes a column of raw cells (strings, numbers, ``datetime`` or empty) as
read from a csv or xlsx file and returns a typed column. Cells that cannot be read are collected
as :class:`~fasthold.errors.Problem` s that name the file, the column and the row; the caller
raises them together, so the analyst sees every bad cell at once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from fasthold.errors import Problem

MISSING = {"", "-", "–", "—"}
EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_PROBLEMS_PER_COLUMN = 10

_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_SERIAL = re.compile(r"^\d{5}$")
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$")
_POINT_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_FRACTION = re.compile(r"^([^/]+)/([^/]+)$")
_CPR = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$")


@dataclass
class Column:
    """A raw column with where it came from, for error messages."""

    file: str
    header: str
    values: pd.Series  # raw cells
    rows: pd.Series  # the file's own row numbers, as the analyst sees them
    problems: list[Problem] = field(default_factory=list)

    def fail(self, position: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_COLUMN:
            self.problems.append(Problem(self.file, message, self.header,
                                         int(self.rows.iloc[position])))


def is_missing(value: Any) -> bool:
    """Empty cell, ``-`` or ``–``."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in MISSING


def _clean(value: Any) -> Any:
    return value.strip().replace("\xa0", " ") if isinstance(value, str) else value


def _map_unique(column: Column, parse: Callable[[Any], Any]) -> list[Any]:
    """Apply ``parse`` once per distinct cell; failures become problems (one per row)."""
    values = column.values
    empty = values.isna()
    filled = values[~empty]
    cache: dict[Any, Any] = {}
    for raw in pd.unique(filled):
        try:
            cache[raw] = None if is_missing(raw) else parse(_clean(raw))
        except ValueError as exc:
            cache[raw] = exc
    out = [None] * len(values)
    positions = (~empty).to_numpy().nonzero()[0]
    for position, raw in zip(positions, filled.tolist(), strict=True):
        value = cache[raw]
        if isinstance(value, ValueError):
            column.fail(int(position), str(value))
        else:
            out[position] = value
    return out


def _shown(value: Any) -> str:
    text = str(value)
    return f"'{text[:40]}'"


# --- numbers ---------------------------------------------------------------------------------

def comma_decimals(values: pd.Series) -> bool:
    """True when any text cell of the column has a comma: then ``.`` separates thousands."""
    return any(isinstance(v, str) and "," in v for v in values.tolist())


def number(text: Any, comma: bool) -> float:
    """One Danish number: ``1.245,59``; ``9.1`` is a decimal point only in a comma-free column."""
    if isinstance(text, bool):
        raise ValueError(f"forventede et tal, fandt {_shown(text)}")
    if isinstance(text, int | float):
        return float(text)
    if isinstance(text, dt.date):
        raise ValueError(f"forventede et tal, men Excel har gjort cellen til datoen "
                         f"{text:%d-%m-%Y}")
    compact = text.replace(" ", "")
    if comma and _NUMBER.match(compact):
        return float(compact.replace(".", "").replace(",", "."))
    if not comma and _POINT_NUMBER.match(compact):
        return float(compact)
    raise ValueError(f"forventede et tal som 1.245,59 eller 9,1, fandt {_shown(text)}")


def parse_numbers(column: Column) -> pd.Series:
    comma = comma_decimals(column.values)
    return pd.Series(_map_unique(column, lambda v: number(v, comma)), dtype="Float64",
                     index=column.values.index)


def parse_percentages(column: Column) -> pd.Series:
    """``9,1%``, ``9,1 %`` or ``9,1`` on the 0–100 scale (range is checked by validation)."""
    comma = comma_decimals(column.values)

    def percentage(value: Any) -> float:
        if isinstance(value, str):
            value = value.rstrip("%").strip()
            if not value:
                raise ValueError("forventede en procentsats som 9,1 %, fandt kun '%'")
        try:
            return number(value, comma)
        except ValueError:
            raise ValueError(f"forventede en procentsats som 9,1 %, fandt "
                             f"{_shown(value)}") from None

    return pd.Series(_map_unique(column, percentage), dtype="Float64", index=column.values.index)


def parse_fractions(column: Column) -> tuple[pd.Series, pd.Series]:
    """``33,5/529`` into (absent, total); an Excel date in the column is rejected, not guessed."""
    comma = comma_decimals(column.values)

    def fraction(value: Any) -> tuple[float, float]:
        if isinstance(value, dt.date):
            raise ValueError(
                f"Excel har gjort brøken om til datoen {value:%d-%m-%Y}; den oprindelige værdi "
                "kan ikke genskabes. Eksportér igen fra Lectio og indsæt kolonnen som tekst "
                "(formatér kolonnen som Tekst i Excel før indsætning, eller gem som csv)")
        match = _FRACTION.match(str(value).replace(" ", ""))
        if not match:
            raise ValueError(f"forventede 'fravær/i alt' som 33,5/529, fandt {_shown(value)}")
        try:
            return number(match[1], comma), number(match[2], comma)
        except ValueError:
            raise ValueError(f"forventede 'fravær/i alt' som 33,5/529, fandt "
                             f"{_shown(value)}") from None

    pairs = _map_unique(column, fraction)
    absent = [p[0] if p else None for p in pairs]
    total = [p[1] if p else None for p in pairs]
    index = column.values.index
    return pd.Series(absent, dtype="Float64", index=index), pd.Series(total, dtype="Float64",
                                                                          index=index)


# --- dates -----------------------------------------------------------------------------------

def date(value: Any) -> dt.date:
    """Day-first Danish dates, ISO dates, Excel date cells and Excel serial numbers."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value)
    text = str(value)
    try:
        if match := _DATE.match(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _ISO.match(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ValueError(f"{_shown(text)} er ikke en gyldig dato") from None
    if _SERIAL.match(text):
        return _serial(int(text))
    raise ValueError(f"forventede en dato som 10-11-2026, fandt {_shown(text)}")


def _serial(value: float) -> dt.date:
    if not 1 <= value < 2_958_466 or value != int(value):
        raise ValueError(f"forventede en dato, fandt tallet {_shown(value)}")
    return EXCEL_EPOCH + dt.timedelta(days=int(value))


def parse_dates(column: Column) -> pd.Series:
    values = _map_unique(column, date)
    return pd.to_datetime(pd.Series(values, index=column.values.index, dtype="object")).astype(
        "datetime64[ns]")


# --- CPR -------------------------------------------------------------------------------------

def cpr_birth_date(value: Any) -> dt.date:
    """The birth date in a CPR number, century from the seventh digit (never echoes the value)."""
    text = str(value).strip()
    if isinstance(value, int):  # a CPR stored as a number lost its leading zero
        text = f"{value:010d}"
    match = _CPR.match(text)
    if not match:
        raise ValueError("forventede et CPR-nummer på formen ddmmåå-xxxx (værdien vises ikke)")
    day, month, yy, seventh = int(match[1]), int(match[2]), int(match[3]), int(match[4])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:
        century = 2000 if yy <= 57 else 1800
    try:
        return dt.date(century + yy, month, day)
    except ValueError:
        raise ValueError("CPR-nummeret indeholder ingen gyldig dato (værdien vises ikke)") from None


def parse_cpr_birth_dates(column: Column) -> pd.Series:
    values = _map_unique(column, cpr_birth_date)
    return pd.to_datetime(pd.Series(values, index=column.values.index, dtype="object")).astype(
        "datetime64[ns]")


# --- text ------------------------------------------------------------------------------------

def parse_text(column: Column) -> pd.Series:
    """Text as written, trimmed; numbers from xlsx written without a trailing ``.0``."""

    def text(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return f"{value:%d-%m-%Y}"
        return str(value)

    return pd.Series(_map_unique(column, text), dtype="string", index=column.values.index)
