"""The strategy's three target groups and the conversation log they draw on.

B (frafaldstruet): tier at or above ``[grupper] frafaldstruet_fra``, or a log entry with
``Frafaldstruet: Ja`` within ``samtale_dage`` days up to the snapshot. A (henvist): referred and
not B. C: every other enrolled student.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fasthold.config import Config
from fasthold.indicators.enrolment import ids_in

GROUPS = ["A", "B", "C"]


def log_at(conversations: pd.DataFrame | None, period: str) -> pd.DataFrame:
    """The conversation log as saved in the newest pull at or before ``period`` (may be empty)."""
    columns = ["date", "student_id", "kind", "held_by", "causes", "written_agreement",
               "parents_involved", "at_risk", "outcome", "note"]
    empty = pd.DataFrame(columns=columns).astype({"date": "datetime64[ns]"})
    if conversations is None or conversations.empty:
        return empty
    copies = conversations.loc[conversations["period"] <= period, "period"]
    if copies.empty:
        return empty
    return conversations[conversations["period"] == copies.max()][columns]


def marked_at_risk(log: pd.DataFrame, snapshot: pd.Timestamp, days: int) -> set[str]:
    """Students with ``Frafaldstruet: Ja`` dated in the ``days`` up to ``snapshot``."""
    recent = (log["date"] <= snapshot) & (log["date"] > snapshot - pd.Timedelta(days=days))
    return set(log.loc[recent & (log["at_risk"] == "Ja"), "student_id"])


def assign_groups(tiered: pd.DataFrame, config: Config, log: pd.DataFrame,
                  snapshot: pd.Timestamp) -> pd.DataFrame:
    """Add ``group`` (A/B/C) and ``marked`` (the log's at-risk mark) to one pull's rows."""
    names = [t.navn for t in config.tiers]
    from_level = names.index(config.at_risk_from) + 1
    marked = ids_in(tiered["student_id"], marked_at_risk(log, snapshot, config.at_risk_days))
    at_risk = (tiered["tier_level"] >= from_level) | marked
    referred = tiered["referred"].fillna(False).astype(bool)
    out = tiered.copy()
    out["marked"] = marked
    out["group"] = np.where(at_risk, "B", np.where(referred, "A", "C"))
    return out


def group_history(tiered: pd.DataFrame, config: Config,
                  conversations: pd.DataFrame | None) -> pd.DataFrame:
    """:func:`assign_groups` at every pull, each with the log copy of its own pull."""
    parts = []
    for period, rows in tiered.groupby("period", sort=True):
        snap = rows["snapshot_date"].iloc[0]
        parts.append(assign_groups(rows, config, log_at(conversations, period), snap))
    return pd.concat(parts, ignore_index=True) if parts else tiered.assign(group=[], marked=[])


def group_counts(grouped: pd.DataFrame, period: str) -> dict[str, int]:
    counts = grouped.loc[grouped["period"] == period, "group"].value_counts()
    return {g: int(counts.get(g, 0)) for g in GROUPS}


def group_movements(grouped: pd.DataFrame, period: str, previous: str | None) -> pd.DataFrame:
    """Students enrolled at both pulls: rows = group at ``previous``, columns = group now."""
    if previous is None:
        return pd.DataFrame(0, index=GROUPS, columns=GROUPS)
    before = grouped[grouped["period"] == previous].set_index("student_id")["group"]
    now = grouped[grouped["period"] == period].set_index("student_id")["group"]
    both = before.index.intersection(now.index)
    table = pd.crosstab(before[both], now[both]).reindex(index=GROUPS, columns=GROUPS,
                                                         fill_value=0)
    table.index.name, table.columns.name = "før", "nu"
    return table
