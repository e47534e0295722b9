"""Cohort retention: the share of a starting cohort still enrolled, month by month.

Kaplan–Meier with delayed entry: a student counts from the first month the panel can see
them (students who started before the first stored pull enter late, so that earlier leavers,
whom the panel never saw, do not bias the curve), leaves the risk set at a dropout (the event),
and is censored at graduation, at the last pull that saw them enrolled, or when they went
missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fasthold.config import Config
from fasthold.indicators.enrolment import DAYS_PER_MONTH, school_year
from fasthold.indicators.exits import COMPLETED, classify_reasons


def spells(panel: pd.DataFrame, config: Config) -> pd.DataFrame:
    """One row per student: ``programme``, ``referred``, ``cohort``, ``entry`` (months from start
    to the first stored pull, 0 if later), ``months`` observed and ``dropout`` (the event)."""
    first_snapshot = panel["snapshot_date"].min()
    last_snapshot = panel["snapshot_date"].max()
    ordered = panel.sort_values(["student_id", "period"])
    last = ordered.groupby("student_id").tail(1).set_index("student_id")
    referred = ordered["referred"].fillna(False).astype(bool).groupby(ordered["student_id"]).any()
    ended = ordered.dropna(subset=["end_date"]).groupby("student_id").tail(1).set_index(
        "student_id")
    seen = ordered[ordered["enrolled"]].groupby("student_id")["snapshot_date"].max()
    out = pd.DataFrame({"programme": last["programme"], "start_date": last["start_date"],
                        "referred": referred})
    out["cohort"] = [school_year(d, config.school_year_start_month) for d in out["start_date"]]
    end = ended["end_date"].reindex(out.index)
    end = end.where((end <= last_snapshot) & (end >= out["start_date"]))  # not if came back
    category = classify_reasons(ended["exit_reason"], config.reason_categories)
    category[ended["status"].isin(["dimitteret", "afsluttet"])] = COMPLETED
    out["dropout"] = end.notna() & (category.reindex(out.index) != COMPLETED)
    stop = end.fillna(seen.reindex(out.index)).fillna(out["start_date"])
    out["entry"] = ((first_snapshot - out["start_date"]).dt.days / DAYS_PER_MONTH).clip(lower=0)
    out["months"] = ((stop - out["start_date"]).dt.days / DAYS_PER_MONTH).clip(lower=0)
    return out[out["months"] >= out["entry"]]


def kaplan_meier(spell: pd.DataFrame, horizon: int = 36) -> pd.Series:
    """Share still enrolled at whole months 0..horizon (delayed entry, right censoring)."""
    entry = spell["entry"].to_numpy()
    months = spell["months"].to_numpy()
    event = spell["dropout"].to_numpy(dtype=bool)
    survival, value = [], 1.0
    for month in range(horizon + 1):
        if month > 0:
            at_risk = np.sum((entry <= month - 1) & (months > month - 1))
            events = np.sum(event & (months > month - 1) & (months <= month)
                            & (entry <= month - 1))
            if at_risk:
                value *= 1 - events / at_risk
        survival.append(value)
    return pd.Series(survival, index=pd.RangeIndex(horizon + 1, name="måned"))


def retention(spell: pd.DataFrame, by: list[str], horizon: int = 36) -> pd.DataFrame:
    """Kaplan–Meier curves by the given columns (rows: groups, columns: months)."""
    return pd.DataFrame({key: kaplan_meier(rows, horizon)
                         for key, rows in spell.groupby(by, observed=True)}).T


def retention_summary(curves: pd.DataFrame, months: tuple[int, ...] = (3, 6, 12)) -> pd.DataFrame:
    """"Still here after 3, 6, 12 months" from :func:`retention`."""
    return curves[list(months)]
