"""Who is enrolled at a pull: the definition every other indicator builds on."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def is_enrolled(start_date: pd.Series, end_date: pd.Series,
                snapshot_date: dt.date | pd.Series) -> pd.Series:
    """``start_date <= snapshot`` and (no ``end_date`` or ``end_date > snapshot``).

    A start date after the snapshot is normal (admitted students appear early) and means
    "not yet enrolled".
    """
    snap = pd.to_datetime(snapshot_date) if not isinstance(snapshot_date, pd.Series) \
        else snapshot_date
    enrolled = (start_date <= snap) & (end_date.isna() | (end_date > snap))
    return enrolled.fillna(False).astype(bool)


def school_year(day: dt.date | pd.Timestamp, start_month: int = 8) -> int:
    """The calendar year in which the school year containing ``day`` began."""
    return day.year if day.month >= start_month else day.year - 1
