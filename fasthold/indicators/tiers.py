"""The reaktionsmønster: each enrolled student's tier, what triggered it, and the action.

A student gets the highest configured tier any of whose set thresholds is reached (``>=``):
``fravaer_pct`` on year-to-date absence, ``skriftligt_pct`` on year-to-date written absence,
``stigning_pp`` on the rise. The action of an under-18 student adds that parents are involved.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fasthold.config import Config
from fasthold.report.format import number

SOURCES = {"fravaer_pct": ("absence_pct", "fravær", " %"),
           "skriftligt_pct": ("written_pct", "skriftligt fravær", " %"),
           "stigning_pp": ("rise_pp", "stigning", " procentpoint")}
PARENTS = "forældre inddrages"


def _reached(rows: pd.DataFrame, config: Config) -> list[dict[str, np.ndarray]]:
    """Per tier, per set threshold: which rows reach it."""
    reached = []
    for tier in config.tiers:
        hits = {}
        for key, (column, _, _) in SOURCES.items():
            threshold = getattr(tier, key)
            if threshold is not None:
                values = rows[column].astype(float).to_numpy()
                hits[key] = np.nan_to_num(values, nan=-np.inf) >= threshold
        reached.append(hits)
    return reached


def assign_tiers(history: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Add ``tier_level`` (0 = none, 1 = the lowest tier …) and ``tier`` (its name or "")."""
    level = np.zeros(len(history), dtype=int)
    for index, hits in enumerate(_reached(history, config), start=1):
        level = np.where(np.logical_or.reduce(list(hits.values())), index, level)
    out = history.copy()
    out["tier_level"] = level
    out["tier"] = np.array([""] + [t.navn for t in config.tiers], dtype=object)[level]
    return out


def explain_tiers(tiered: pd.DataFrame, config: Config) -> pd.DataFrame:
    """Add ``triggered`` (which thresholds, in words) and ``action`` (with parents for under-18s)
    to rows that carry ``tier_level``; meant for one pull's rows."""
    out = tiered.copy()
    level = out["tier_level"].to_numpy()
    reached = _reached(out, config)
    text = pd.Series("", index=out.index, dtype=object)
    for index, tier in enumerate(config.tiers, start=1):
        at_tier = level == index
        for key, hits in reached[index - 1].items():
            rows = at_tier & hits
            if not rows.any():
                continue
            column, label, unit = SOURCES[key]
            values = out.loc[rows, column].astype(float).round(1)
            shown = values.map(lambda v: number(v, 1))  # few distinct values
            part = f"{label} " + shown + f"{unit} ≥ {number(getattr(tier, key), 1)}{unit}"
            joined = text[rows].where(text[rows] == "", text[rows] + "; ")
            text[rows] = joined + part
    out["triggered"] = text.to_numpy()
    actions = np.array([""] + [t.handling for t in config.tiers], dtype=object)[level]
    minors = out["under_18"].fillna(False).to_numpy(dtype=bool)
    out["action"] = np.where((level > 0) & minors, actions + "; " + PARENTS, actions)
    return out


def new_in_tier(tiered: pd.DataFrame, period: str) -> pd.DataFrame:
    """Students at ``period`` whose tier is higher than any tier they had at an earlier pull."""
    earlier = (tiered[tiered["period"] < period].groupby("student_id")["tier_level"].max()
               .rename("best_before"))
    now = tiered[tiered["period"] == period]
    best_before = now[["student_id"]].merge(earlier, left_on="student_id", right_index=True,
                                            how="left")["best_before"].fillna(0).to_numpy()
    return now[(now["tier_level"] > 0) & (now["tier_level"] > best_before)]
