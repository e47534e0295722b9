"""Sudden changes at class level: "pludselige fald i elevtal eller stigninger i fravær".

A class is flagged when

- its headcount fell by at least ``[signaler] klassefald`` since the previous pull of the same
  school year (classes are renamed each August, and a class that did not exist at the previous
  pull — after the grundforløb, say — is not compared), or
- its monthly absence rate lies above the upper limit of a Laney p′-chart over the classes of
  its programme that month: with ``p̄`` the programme's absent over held modules and ``n`` the
  class's held modules, ``σ = √(p̄(1 − p̄)/n)``, ``z = (p − p̄)/σ``, ``σz`` the robust spread
  of the classes' ``z`` (1,4826 × median absolute deviation; Laney's correction for the
  overdispersion of real classes), and the limit ``p̄ + k · σ · σz`` with
  ``k = [signaler] kontrolgraense_sigma`` (3). A programme needs at least four classes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fasthold.config import Config
from fasthold.indicators.absence import class_absence
from fasthold.indicators.enrolment import pulls
from fasthold.report.format import number, percent

MIN_CLASSES = 4


def control_limits(classes: pd.DataFrame, k: float) -> pd.DataFrame:
    """Laney p′ limits for one month's classes (columns ``month_absent``, ``month_held``)."""
    out = classes.copy()
    out["centre_pct"] = np.nan
    out["limit_pct"] = np.nan
    for _, rows in out.groupby(level="programme"):
        rows = rows[rows["month_held"] > 0]
        if len(rows) < MIN_CLASSES:
            continue
        p_bar = rows["month_absent"].sum() / rows["month_held"].sum()
        sigma = np.sqrt(p_bar * (1 - p_bar) / rows["month_held"])
        z = (rows["month_absent"] / rows["month_held"] - p_bar) / sigma
        sigma_z = 1.4826 * float(np.median(np.abs(z - np.median(z))))
        out.loc[rows.index, "centre_pct"] = p_bar * 100
        out.loc[rows.index, "limit_pct"] = (p_bar + k * sigma * max(sigma_z, 1e-9)) * 100
    return out


def class_signals(panel: pd.DataFrame, history: pd.DataFrame, period: str,
                  config: Config) -> pd.DataFrame:
    """Every class at ``period`` with its change, monthly rate, limit, flags and reason."""
    table = control_limits(class_absence(history, period), config.control_sigma)
    timeline = pulls(panel, config.school_year_start_month).set_index("period")
    previous = timeline.at[period, "previous"]
    table["change"] = np.nan
    if isinstance(previous, str) and (timeline.at[previous, "school_year"]
                                      == timeline.at[period, "school_year"]):
        before = (panel[(panel["period"] == previous) & panel["enrolled"]]
                  .groupby(["programme", "class"], observed=True).size())
        table["change"] = table["students"] - before.reindex(table.index)
    table["fell"] = table["change"] <= -config.class_drop
    table["absence_high"] = table["monthly_pct"] > table["limit_pct"]
    table["reason"] = [_reason(row) for row in table.itertuples()]
    return table


def _reason(row) -> str:
    parts = []
    if row.fell:
        parts.append(f"elevtallet faldt med {number(-row.change)} siden sidste træk")
    if row.absence_high:
        parts.append(f"månedens fravær {percent(row.monthly_pct)} er over kontrolgrænsen "
                     f"{percent(row.limit_pct)} (gennemsnit {percent(row.centre_pct)})")
    return "; ".join(parts)
