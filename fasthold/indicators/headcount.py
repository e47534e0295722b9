"""Headcount: enrolled students by programme, årgang and class, and how it changed."""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.enrolment import pulls


def enrolled_at(panel: pd.DataFrame, period: str) -> pd.DataFrame:
    """The enrolled students of one pull."""
    return panel[(panel["period"] == period) & panel["enrolled"]]


def headcount(panel: pd.DataFrame, period: str, by: list[str]) -> pd.Series:
    """Number of enrolled students at ``period`` by the given columns (sorted)."""
    return enrolled_at(panel, period).groupby(by, observed=True).size().sort_index()


def headcount_change(panel: pd.DataFrame, period: str, by: list[str],
                     start_month: int = 8) -> pd.DataFrame:
    """Headcount now, at the previous pull and at the school year's first pull, with changes.

    Columns ``now``, ``previous``, ``since_last_pull``, ``year_start``,
    ``since_school_year_start``; a group absent at a pull counts 0 there. The previous pull may
    belong to the previous school year (then classes have been renamed in between).
    """
    timeline = pulls(panel, start_month).set_index("period")
    now = headcount(panel, period, by).rename("now")
    previous = timeline.at[period, "previous"]
    first = timeline.at[period, "first_of_year"]
    before = headcount(panel, previous, by) if isinstance(previous, str) else now * 0
    start = headcount(panel, first, by)
    table = pd.concat([now, before.rename("previous"), start.rename("year_start")],
                      axis=1).fillna(0).astype(int)
    table["since_last_pull"] = table["now"] - table["previous"]
    table["since_school_year_start"] = table["now"] - table["year_start"]
    return table[["now", "previous", "since_last_pull", "year_start", "since_school_year_start"]]
