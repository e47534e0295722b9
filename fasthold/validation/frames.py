"""The frames Great Expectations checks: canonical frames plus derived comparison columns."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from fasthold.indicators.enrolment import is_enrolled, school_year
from fasthold.indicators.missing import missing_between


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


def comparison_frame(panel_now: pd.DataFrame, previous: pd.DataFrame | None,
                     snapshot: dt.date, start_month: int) -> pd.DataFrame:
    """One frame comparing this pull with the previous stored pull, for one GX suite.

    Rows are previous students (``missing`` set), classes (``change`` set) and current
    students (``absent_change`` set); GX skips the empty cells of each check's column.
    """
    columns = {"subject": "string", "missing": "boolean", "change": "Float64",
               "absent_change": "Float64"}
    parts = []
    if previous is not None and not previous.empty:
        snap = pd.Timestamp(snapshot)
        before = previous[previous["enrolled"]]
        gone = set(missing_between(previous, panel_now, snap)["student_id"])
        parts.append(pd.DataFrame({"subject": "elev-id " + before["student_id"].astype(str),
                                   "missing": before["student_id"].isin(gone)}))
        same_year = (school_year(previous["snapshot_date"].iloc[0], start_month)
                     == school_year(snap, start_month))
        if same_year:  # a new school year renames classes and restarts the counts
            now = panel_now[panel_now["enrolled"]]
            counts = pd.concat([before["class"].value_counts().rename("before"),
                                now["class"].value_counts().rename("now")], axis=1).fillna(0)
            parts.append(pd.DataFrame({"subject": "klasse " + counts.index.astype(str),
                                       "change": counts["now"] - counts["before"]}))
            joined = now.merge(before, on="student_id", suffixes=("", "_prev"))
            parts.append(pd.DataFrame({
                "subject": "elev-id " + joined["student_id"].astype(str),
                "absent_change": joined["absent_modules"] - joined["absent_modules_prev"]}))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(columns))
    return frame.reindex(columns=list(columns)).astype(columns)


def conversation_frame(log: pd.DataFrame, known_ids: set[str], snapshot: dt.date,
                       start_month: int) -> pd.DataFrame:
    """The log with ``days_after`` the snapshot, ``known`` (in this register or an earlier stored
    pull — a student gone missing is still known; entries from an earlier school year need not
    be checked) and ``causes_ok``."""
    from fasthold.lectio.conversations import VALUES

    frame = log.copy()
    frame["days_after"] = (frame["date"] - pd.Timestamp(snapshot)).dt.days
    year_start = pd.Timestamp(school_year(snapshot, start_month), start_month, 1)
    frame["known"] = frame["student_id"].isin(known_ids) | (frame["date"] < year_start)
    allowed = set(VALUES["causes"])
    frame["causes_ok"] = frame["causes"].map(
        lambda c: all(p in allowed for p in str(c).split(";") if p), na_action="ignore")
    frame["causes_ok"] = frame["causes_ok"].astype("boolean")
    return frame
