"""The qualitative track: causes of leaving and of risk, from the exit reason and the log.

For each dropout the category of the exit reason (``[aarsager]``) stands beside the causes coded
in the exit interview (``Afbrudssamtale``); where they differ both are shown. For group B the
causes come from their conversations. Counts are by target group, programme and cohort.
"""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.enrolment import school_year

CAUSES = ["Faglige", "Personlige", "Sociale", "Strukturelle"]
CAUSE_OF_CATEGORY = {"faglige": "Faglige", "personlige": "Personlige", "sociale": "Sociale",
                     "strukturelle": "Strukturelle"}


def _coded(log: pd.DataFrame, kinds: list[str] | None = None) -> pd.Series:
    """Per student, the set of causes coded in their conversations (of the given kinds)."""
    rows = log if kinds is None else log[log["kind"].isin(kinds)]
    parts = rows.dropna(subset=["causes"]).assign(cause=lambda f: f["causes"].str.split(";"))
    parts = parts.explode("cause")
    parts = parts[parts["cause"].isin(CAUSES)]
    return parts.groupby("student_id")["cause"].agg(lambda c: sorted(set(c)))


def leaver_causes(exits: pd.DataFrame, log: pd.DataFrame) -> pd.DataFrame:
    """Dropouts with ``category``, ``interview`` (list of causes, empty if none) and ``differs``
    (the interview does not name the reason's category, when it is one of the four)."""
    leavers = exits[exits["dropout"]].copy()
    coded = _coded(log, ["Afbrudssamtale"])
    leavers["interviewed"] = leavers["student_id"].isin(
        set(log.loc[log["kind"] == "Afbrudssamtale", "student_id"]))
    leavers["interview"] = [coded.get(s, []) for s in leavers["student_id"]]
    expected = leavers["category"].map(CAUSE_OF_CATEGORY)
    leavers["differs"] = [bool(c) and isinstance(e, str) and e not in c
                          for c, e in zip(leavers["interview"], expected, strict=True)]
    leavers["cohort"] = [school_year(d) for d in leavers["start_date"]]
    return leavers


def risk_causes(grouped: pd.DataFrame, log: pd.DataFrame, periods: list[str]) -> pd.DataFrame:
    """Students in group B at any of ``periods`` with the causes from their conversations."""
    b = grouped[grouped["period"].isin(periods) & (grouped["group"] == "B")]
    b = b.sort_values("period").drop_duplicates("student_id", keep="last").copy()
    coded = _coded(log)
    b["causes"] = [coded.get(s, []) for s in b["student_id"]]
    return b


def cause_counts(frame: pd.DataFrame, column: str, by: str) -> pd.DataFrame:
    """Counts of each cause (rows) by ``by`` (columns) from a list column; a student with two
    causes counts under both."""
    exploded = frame[[column, by]].explode(column).dropna(subset=[column])
    table = pd.crosstab(exploded[column], exploded[by]) if len(exploded) else pd.DataFrame()
    return table.reindex(index=CAUSES, fill_value=0)
