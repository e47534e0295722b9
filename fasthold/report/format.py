"""Danish number and date formats: ``1.234``, ``12,3 %``, ``10. november 2026``."""

from __future__ import annotations

import datetime as dt
import math

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december"]


def number(value: float | int | None, decimals: int = 0, trim: bool = False) -> str:
    """``1234.5`` → ``'1.234,5'`` (``decimals=1``); ``trim`` drops a zero fraction."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if trim and float(value).is_integer():
        decimals = 0
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: float | None, decimals: int = 1) -> str:
    """``12.34`` → ``'12,3 %'``."""
    text = number(value, decimals)
    return text if text == "–" else f"{text} %"


def signed(value: float | int, decimals: int = 0) -> str:
    """``4`` → ``'+4'``, ``-2.5`` → ``'−2,5'`` (a true minus sign)."""
    text = number(abs(value), decimals)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)


def date(day: dt.date) -> str:
    """``date(2026, 11, 10)`` → ``'10. november 2026'``."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def month(period: str) -> str:
    """``'2026-11'`` → ``'november 2026'``."""
    return f"{MONTHS[int(period[5:]) - 1]} {period[:4]}"
