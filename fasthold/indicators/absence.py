"""Absence: year-to-date, the monthly rate between pulls and the rise, for every pull at once.

Definitions (design): the monthly rate is ``(absent_now − absent_prev) / (held_now − held_prev)
× 100`` from the cumulative module counts of two pulls in the same school year; at the first
pull of a school year — or for a student not in the previous pull — it is the cumulative rate.
The rise is the monthly rate minus the student's year-to-date rate at the previous pull.
"""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.enrolment import pulls, under_18


def absence_history(panel: pd.DataFrame, start_month: int = 8) -> pd.DataFrame:
    """Every enrolled student at every pull with ``monthly_pct``, ``rise_pp`` and ``under_18``."""
    timeline = pulls(panel, start_month)
    rows = panel[panel["enrolled"]].merge(timeline[["period", "previous", "school_year"]],
                                          on="period")
    prev = rows[["period", "student_id", "absent_modules", "held_modules", "absence_pct",
                 "school_year"]].rename(columns={
                     "period": "previous", "absent_modules": "absent_prev",
                     "held_modules": "held_prev", "absence_pct": "ytd_prev",
                     "school_year": "year_prev"})
    rows = rows.merge(prev, on=["previous", "student_id"], how="left")
    same_year = rows["year_prev"] == rows["school_year"]
    held = (rows["held_modules"] - rows["held_prev"]).where(same_year, rows["held_modules"])
    absent = (rows["absent_modules"] - rows["absent_prev"]).where(same_year,
                                                                  rows["absent_modules"])
    rows["month_absent"], rows["month_held"] = absent.astype("Float64"), held.astype("Float64")
    # rounded to 6 decimals so that a value exactly on a threshold counts (``>=``)
    rows["monthly_pct"] = (absent / held * 100).where(held > 0).astype("Float64").round(6)
    rows["rise_pp"] = (rows["monthly_pct"] - rows["ytd_prev"].where(same_year)).astype(
        "Float64").round(6)
    rows["under_18"] = under_18(rows["birth_date"], rows["snapshot_date"])
    return rows.drop(columns=["absent_prev", "held_prev", "year_prev", "previous"])


def year_to_date(panel: pd.DataFrame, period: str) -> pd.DataFrame:
    """Enrolled students' year-to-date absence (``absence_pct``, ``written_pct``) at a pull."""
    rows = panel[(panel["period"] == period) & panel["enrolled"]]
    return rows[["student_id", "programme", "class", "absence_pct", "written_pct"]]


def mean_absence(panel: pd.DataFrame, period: str, by: str | None = None) -> float | pd.Series:
    """Mean of enrolled students' year-to-date absence, overall or by a column."""
    ytd = year_to_date(panel, period)
    if by is None:
        return float(ytd["absence_pct"].mean())
    return ytd.groupby(by, observed=True)["absence_pct"].mean().astype(float)


def class_absence(history: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per programme and class at ``period``: students, mean year-to-date absence and written
    absence, and the class's monthly rate (its absent over its held modules this month)."""
    rows = history[history["period"] == period]
    grouped = rows.groupby(["programme", "class"], observed=True)
    table = grouped.agg(students=("student_id", "size"), ytd_pct=("absence_pct", "mean"),
                        written_pct=("written_pct", "mean"), month_absent=("month_absent", "sum"),
                        month_held=("month_held", "sum"))
    table["monthly_pct"] = (table["month_absent"] / table["month_held"] * 100).where(
        table["month_held"] > 0)
    return table.astype(float).astype({"students": int})


def programme_absence(rows: pd.DataFrame) -> pd.DataFrame:
    """Per programme, over one pull's rows of :func:`absence_history`: students, mean
    year-to-date, written and monthly absence, and the share with 15 % or more this year."""
    grouped = rows.groupby("programme", observed=True)
    table = grouped.agg(students=("student_id", "size"), ytd_pct=("absence_pct", "mean"),
                        written_pct=("written_pct", "mean"), monthly_pct=("monthly_pct", "mean"))
    table["share_15_pct"] = (rows["absence_pct"] >= 15).groupby(rows["programme"]).mean() * 100
    return table
