"""Exits: who left since the previous pull, why (by the configured mapping), dropouts apart.

An exit since the last pull is a student enrolled at the previous pull who is not enrolled now
and has an end date: from this register, or — when the student is gone from it — from the
previous register, if that end date has now passed (a planned graduation). Graduation
(category ``gennemfoert``, or status ``dimitteret``/``afsluttet``) is not dropout.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fasthold.config import Config
from fasthold.indicators.enrolment import ids_in, pulls

UNKNOWN = "ukendt"
COMPLETED = "gennemfoert"
EXIT_COLUMNS = ["period", "snapshot_date", "student_id", "programme", "class", "grade_year",
                "referred", "start_date", "end_date", "exit_reason", "category", "dropout"]
DATES = {"snapshot_date": "datetime64[ns]", "start_date": "datetime64[ns]",
         "end_date": "datetime64[ns]", "dropout": bool}


def categories(config: Config) -> list[str]:
    return [*config.reason_categories, UNKNOWN]


def classify_reasons(reasons: pd.Series, mapping: dict[str, list[str]]) -> pd.Series:
    """The first category (in configured order) one of whose phrases the reason contains."""
    text = reasons.fillna("").astype(str).str.casefold()
    result = pd.Series(UNKNOWN, index=reasons.index, dtype=object)
    unset = np.ones(len(text), dtype=bool)
    for category, phrases in mapping.items():
        for phrase in phrases:
            hit = unset & text.str.contains(phrase.casefold(), regex=False).to_numpy()
            result[hit] = category
            unset &= ~hit
    return result


def exits_between(previous: pd.DataFrame, current: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Exits from ``previous`` (one pull's rows) to ``current`` (the next pull's rows)."""
    return _classified(_exit_rows(previous, current), config)


def _exit_rows(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    snap = current["snapshot_date"].iloc[0] if len(current) else pd.NaT
    before = previous[previous["enrolled"]]
    present = ids_in(before["student_id"], current["student_id"])
    later = current[ids_in(current["student_id"], before["student_id"])]
    left_now = later[~later["enrolled"] & later["end_date"].notna()
                     & (later["end_date"] <= snap)]
    gone = before[~present]
    planned = gone[gone["end_date"].notna() & (gone["end_date"] <= snap)]
    rows = pd.concat([left_now, planned], ignore_index=True)
    rows["period"] = current["period"].iloc[0] if len(current) else None
    rows["snapshot_date"] = snap
    return rows


def _classified(rows: pd.DataFrame, config: Config) -> pd.DataFrame:
    rows = rows.copy()
    rows["category"] = classify_reasons(rows["exit_reason"], config.reason_categories)
    completed = rows["status"].isin(["dimitteret", "afsluttet"]).to_numpy()
    rows.loc[completed, "category"] = COMPLETED
    rows["dropout"] = rows["category"] != COMPLETED
    return rows.reindex(columns=EXIT_COLUMNS).astype(DATES)


def exit_history(panel: pd.DataFrame, config: Config) -> pd.DataFrame:
    """The exits detected at every stored pull (each against the stored pull before it)."""
    timeline = pulls(panel, config.school_year_start_month)
    by_period = dict(tuple(panel.groupby("period", sort=False)))
    parts = [_exit_rows(by_period[prev], by_period[period])
             for period, prev in zip(timeline["period"], timeline["previous"], strict=True)
             if isinstance(prev, str)]
    if not parts:
        return pd.DataFrame(columns=EXIT_COLUMNS).astype(DATES)
    return _classified(pd.concat(parts, ignore_index=True), config)


def exit_counts(exits: pd.DataFrame, config: Config) -> dict[str, int]:
    """Counts by category, every configured category present."""
    counts = exits["category"].value_counts()
    return {c: int(counts.get(c, 0)) for c in categories(config)}


def year_to_date(exits: pd.DataFrame, panel: pd.DataFrame, period: str,
                 config: Config) -> pd.DataFrame:
    """Exits detected at the pulls of ``period``'s school year, up to and including it."""
    timeline = pulls(panel, config.school_year_start_month).set_index("period")
    year = timeline.at[period, "school_year"]
    periods = timeline.index[(timeline["school_year"] == year) & (timeline.index <= period)]
    return exits[exits["period"].isin(periods)]


def same_point_last_year(exits: pd.DataFrame, panel: pd.DataFrame, period: str,
                         config: Config) -> pd.DataFrame | None:
    """Last school year's exits up to the same date; None when that year is not stored."""
    timeline = pulls(panel, config.school_year_start_month).set_index("period")
    year = timeline.at[period, "school_year"]
    cutoff = timeline.at[period, "snapshot_date"] - pd.DateOffset(years=1)
    earlier = timeline[(timeline["school_year"] == year - 1)]
    if earlier.empty:
        return None
    periods = earlier.index[earlier["snapshot_date"] <= cutoff]
    return exits[exits["period"].isin(periods)]

