"""Absence: year-to-date rates of enrolled students."""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.headcount import enrolled_at


def year_to_date(panel: pd.DataFrame, period: str) -> pd.DataFrame:
    """Enrolled students' year-to-date absence (``absence_pct``, ``written_pct``) at a pull."""
    return enrolled_at(panel, period)[["student_id", "programme", "class", "absence_pct",
                                       "written_pct"]]


def mean_absence(panel: pd.DataFrame, period: str, by: str | None = None) -> float | pd.Series:
    """Mean of enrolled students' year-to-date absence, overall or by a column."""
    ytd = year_to_date(panel, period)
    if by is None:
        return float(ytd["absence_pct"].mean())
    return ytd.groupby(by, observed=True)["absence_pct"].mean().astype(float)
