"""Follow-up: is the reaktionsmønster carried out? Each rate has its numerator and denominator.

- referred students starting this school year with an ``Opstartssamtale`` or ``Screening``
  within ``[opfoelgning] opstart_dage`` of their start (only those whose deadline has passed);
- students entering group B at a pull of this school year with any logged conversation within
  ``[opfoelgning] reaktion_dage`` after that pull (deadline passed);
- this school year's dropouts with an exit interview (``Afbrudssamtale``);
- under-18 students at the top tier with a conversation this school year where parents were
  involved.
"""

from __future__ import annotations

import pandas as pd

from fasthold.config import Config
from fasthold.indicators.enrolment import lookup, pulls


def _rate(hits: int, total: int) -> dict:
    return {"antal": int(hits), "ud_af": int(total),
            "andel_pct": round(hits / total * 100, 1) if total else None}


def follow_up(grouped: pd.DataFrame, exits_ytd: pd.DataFrame, log: pd.DataFrame, period: str,
              config: Config) -> dict[str, dict]:
    """The four follow-up rates at ``period`` (``grouped``: :func:`groups.group_history`)."""
    timeline = pulls(grouped, config.school_year_start_month).set_index("period")
    snap = timeline.at[period, "snapshot_date"]
    year = timeline.at[period, "school_year"]
    year_start = pd.Timestamp(year, config.school_year_start_month, 1)
    now = grouped[grouped["period"] == period]
    talks = log.assign(date=pd.to_datetime(log["date"]))

    referred = now[now["referred"].fillna(False).astype(bool) & (now["start_date"] >= year_start)
                   & (now["start_date"] + pd.Timedelta(days=config.start_talk_days) <= snap)]
    starts = talks[talks["kind"].isin(["Opstartssamtale", "Screening"])]
    first_talk = pd.to_datetime(starts.groupby("student_id")["date"].min())
    deadline = referred["start_date"] + pd.Timedelta(days=config.start_talk_days)
    talked = lookup(referred["student_id"], first_talk) <= deadline

    entries = _b_entries(grouped, timeline, year, period)
    entries = entries[entries["snapshot_date"] + pd.Timedelta(days=config.reaction_days) <= snap]
    joined = entries.merge(talks[["student_id", "date"]], on="student_id", how="left")
    in_time = (joined["date"] >= joined["snapshot_date"]) & (
        joined["date"] <= joined["snapshot_date"] + pd.Timedelta(days=config.reaction_days))
    reached = joined[in_time].drop_duplicates(["student_id", "period"])

    dropouts = exits_ytd[exits_ytd["dropout"]]
    interviewed = dropouts["student_id"].isin(set(talks.loc[talks["kind"] == "Afbrudssamtale",
                                                            "student_id"]))
    top = now[(now["tier_level"] == len(config.tiers)) & now["under_18"].fillna(False)]
    parents = talks[(talks["parents_involved"] == "Ja") & (talks["date"] >= year_start)
                    & (talks["date"] <= snap)]
    involved = top["student_id"].isin(set(parents["student_id"]))
    return {"henviste_opstartssamtale": _rate(talked.sum(), len(referred)),
            "b_samtale_i_tide": _rate(len(reached), len(entries)),
            "afbrudssamtale": _rate(interviewed.sum(), len(dropouts)),
            "foraeldre_inddraget": _rate(involved.sum(), len(top))}


def _b_entries(grouped: pd.DataFrame, timeline: pd.DataFrame, year: int,
               period: str) -> pd.DataFrame:
    """Students in group B at a pull of ``year`` (up to ``period``) who were not at the pull
    before."""
    periods = timeline.index[(timeline["school_year"] == year) & (timeline.index <= period)]
    rows = []
    for each in periods:
        now = grouped[(grouped["period"] == each) & (grouped["group"] == "B")]
        previous = timeline.at[each, "previous"]
        before = set(grouped.loc[(grouped["period"] == previous) & (grouped["group"] == "B"),
                                 "student_id"]) if isinstance(previous, str) else set()
        rows.append(now[~now["student_id"].isin(before)][["period", "snapshot_date",
                                                          "student_id"]])
    return pd.concat(rows, ignore_index=True)



