"""The frames Great Expectations checks: canonical frames plus derived comparison columns."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from fasthold.indicators.enrolment import is_enrolled, school_year


def register_frame(register: pd.DataFrame, absence: pd.DataFrame,
                   snapshot: dt.date) -> pd.DataFrame:
    frame = register.copy()
    frame["enrolled"] = is_enrolled(frame["start_date"], frame["end_date"], snapshot)
    frame["exited"] = (frame["end_date"] <= pd.Timestamp(snapshot)).fillna(False)
    frame["has_absence"] = frame["student_id"].isin(set(absence["student_id"].dropna()))
    return frame


def absence_frame(absence: pd.DataFrame) -> pd.DataFrame:
    frame = absence.copy()
    for pct, absent, total in (("absence_pct", "absent_modules", "held_modules"),
                               ("written_pct", "written_absent_hours", "written_total_hours")):
        computed = (frame[absent] / frame[total] * 100).where(frame[total] > 0, 0.0)
        frame[f"{pct}_gap"] = (frame[pct] - computed).abs().round(6)
    return frame


def comparison_frames(panel_now: pd.DataFrame, previous: pd.DataFrame | None,
                      snapshot: dt.date, start_month: int) -> dict[str, pd.DataFrame]:
    """Frames comparing this pull with the previous stored pull (empty when there is none)."""
    empty = {"forsvundne": pd.DataFrame({"student_id": [], "missing": []}),
             "klasser": pd.DataFrame({"class": [], "change": []}),
             "fravaersudvikling": pd.DataFrame({"student_id": [], "absent_change": []})}
    if previous is None or previous.empty:
        return empty
    snap = pd.Timestamp(snapshot)
    before = previous[previous["enrolled"]]
    present = before["student_id"].isin(set(panel_now["student_id"]))
    left_as_planned = before["end_date"].notna() & (before["end_date"] <= snap)
    missing = pd.DataFrame({"student_id": before["student_id"].to_numpy(),
                            "missing": (~present & ~left_as_planned).to_numpy()})
    now = panel_now[panel_now["enrolled"]]
    same_year = (school_year(previous["snapshot_date"].iloc[0], start_month)
                 == school_year(snap, start_month))
    if not same_year:  # classes are renamed and counts restart with a new school year
        return {**empty, "forsvundne": missing}
    counts = pd.concat([before["class"].value_counts().rename("before"),
                        now["class"].value_counts().rename("now")], axis=1).fillna(0)
    classes = pd.DataFrame({"class": counts.index.astype(str),
                            "change": (counts["now"] - counts["before"]).astype(int).to_numpy()})
    joined = now.merge(before, on="student_id", suffixes=("", "_prev"))
    rise = joined["absent_modules"] - joined["absent_modules_prev"]
    change = pd.DataFrame({"student_id": joined["student_id"], "absent_change": rise})
    return {"forsvundne": missing, "klasser": classes, "fravaersudvikling": change}

