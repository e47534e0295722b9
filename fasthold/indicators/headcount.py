"""Headcount: enrolled students by programme, årgang and class at a pull."""

from __future__ import annotations

import pandas as pd


def enrolled_at(panel: pd.DataFrame, period: str) -> pd.DataFrame:
    """The enrolled students of one pull."""
    return panel[(panel["period"] == period) & panel["enrolled"]]


def headcount(panel: pd.DataFrame, period: str, by: list[str]) -> pd.Series:
    """Number of enrolled students at ``period`` by the given columns (sorted)."""
    return enrolled_at(panel, period).groupby(by, observed=True).size().sort_index()
