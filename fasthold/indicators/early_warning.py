"""How good are the warnings? A backtest of the reaktionsmønster over every stored pull.

For each tier: of the students who first reached it (or higher) at a pull, the share who
dropped out within 3 and 6 months (precision; only flags whose whole window has been observed
count). Of the dropouts the panel saw enrolled before they left, the share flagged at the tier
beforehand (recall) and the lead time in months from first flag to exit (median, quartiles);
leavers never flagged at any tier. The same by programme and by referred status, so that a rule
that works worse for one group is visible.
"""

from __future__ import annotations

import pandas as pd

from fasthold.config import Config
from fasthold.indicators.enrolment import DAYS_PER_MONTH, ids_in, lookup

HORIZONS = (3, 6)


def first_flags(tiered: pd.DataFrame, level: int) -> pd.Series:
    """Per student, the snapshot date at which they first reached ``level`` or higher."""
    hits = tiered[tiered["tier_level"] >= level]
    return hits.groupby("student_id")["snapshot_date"].min()


def backtest(tiered: pd.DataFrame, exits: pd.DataFrame, config: Config,
             by: str | None = None) -> pd.DataFrame:
    """One row per tier (and per value of ``by``): precision, recall and lead time."""
    last = tiered["snapshot_date"].max()
    dropouts = exits[exits["dropout"]].drop_duplicates("student_id").set_index("student_id")
    first_seen = tiered.groupby("student_id")["snapshot_date"].min()
    ordered = tiered.sort_values("period")
    referred = ordered["referred"].fillna(False).astype(bool).groupby(ordered["student_id"]).any()
    attributes = pd.DataFrame({
        "programme": ordered.groupby("student_id")["programme"].last(),
        "referred": referred.map({True: "henvist", False: "ikke henvist"})})
    rows = []
    for level, tier in enumerate(config.tiers, start=1):
        flagged = first_flags(tiered, level)
        for key, ids in _split(attributes, by):
            row = {"niveau": tier.navn, **({by: key} if by else {})}
            flags = flagged[_member(flagged.index, ids)]
            exit_of = dropouts["end_date"].reindex(flags.index)
            for months in HORIZONS:
                window = flags + pd.DateOffset(months=months)
                observed = window <= last
                left = (exit_of > flags) & (exit_of <= window)
                row[f"markeret_{months}m"] = int(observed.sum())
                row[f"frafald_{months}m"] = int((left & observed).sum())
                row[f"praecision_{months}m_pct"] = _pct((left & observed).sum(), observed.sum())
            leavers = dropouts[_member(dropouts.index, ids)
                               & _member(dropouts.index, first_seen.index)]
            leavers = leavers[first_seen.reindex(leavers.index) < leavers["end_date"]]
            flag_of = flagged.reindex(leavers.index)
            caught = flag_of < leavers["end_date"]
            lead = ((leavers["end_date"] - flag_of)[caught].dt.days / DAYS_PER_MONTH)
            row.update({"frafaldne": len(leavers), "fanget": int(caught.sum()),
                        "recall_pct": _pct(caught.sum(), len(leavers)),
                        "forspring_median_mdr": _round(lead.median()),
                        "forspring_q1_mdr": _round(lead.quantile(0.25)),
                        "forspring_q3_mdr": _round(lead.quantile(0.75))})
            rows.append(row)
    return pd.DataFrame(rows)


def never_flagged(tiered: pd.DataFrame, exits: pd.DataFrame) -> pd.DataFrame:
    """Dropouts the panel saw enrolled before they left who never reached any tier."""
    flagged = first_flags(tiered, 1)
    first_seen = tiered.groupby("student_id")["snapshot_date"].min()
    dropouts = exits[exits["dropout"]].drop_duplicates("student_id")
    seen = lookup(dropouts["student_id"], first_seen) < dropouts["end_date"]
    caught = lookup(dropouts["student_id"], flagged) < dropouts["end_date"]
    return dropouts[seen & ~caught.fillna(False).astype(bool)]


def _member(index: pd.Index, ids: pd.Index) -> pd.Series:
    return ids_in(pd.Series(index, index=index), ids).to_numpy()


def _split(attributes: pd.DataFrame, by: str | None):
    if by is None:
        yield None, attributes.index
        return
    for key, rows in attributes.groupby(by):
        yield key, rows.index


def _pct(hits: float, total: float) -> float | None:
    return round(float(hits) / float(total) * 100, 1) if total else None


def _round(value: float) -> float | None:
    return None if pd.isna(value) else round(float(value), 1)
