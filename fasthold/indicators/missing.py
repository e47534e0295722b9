"""Missing students: enrolled at the previous pull and gone from this register altogether."""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.enrolment import ids_in, previous_period, snapshot


def missing_between(previous: pd.DataFrame, current: pd.DataFrame,
                    snapshot_date: pd.Timestamp) -> pd.DataFrame:
    """Students enrolled in ``previous`` and absent from ``current``.

    A student whose end date was already in the previous register and has now passed (a planned
    graduation, say) left as planned and is not missing.
    """
    before = previous[previous["enrolled"]]
    gone = ~ids_in(before["student_id"], current["student_id"])
    planned = before["end_date"].notna() & (before["end_date"] <= snapshot_date)
    return before[gone & ~planned]


def missing_students(panel: pd.DataFrame, period: str) -> pd.DataFrame:
    """The missing students of ``period``: always listed, never dropped (rows of the last pull
    they were seen in)."""
    previous = previous_period(panel, period)
    if previous is None:
        return panel.iloc[0:0]
    return missing_between(panel[panel["period"] == previous], panel[panel["period"] == period],
                           snapshot(panel, period))
