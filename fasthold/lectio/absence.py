"""The absence overview (``fravaer*``) as a canonical frame, matched to the register."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from fasthold.lectio.parse import parse_fractions, parse_percentages, parse_text
from fasthold.lectio.table import RawTable, read_table

ABSENCE_COLUMNS = ["student_id", "absence_pct", "absent_modules", "held_modules", "written_pct",
                   "written_absent_hours", "written_total_hours", "match_count", "_row"]
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")
_SPACES = re.compile(r"\s+")


def name_key(name: pd.Series, klass: pd.Series) -> pd.Series:
    """``'Anna  Holm (1a 12)'`` in ``1A`` → ``'anna holm|1a'``: the key for matching by name."""
    clean = name.str.replace(_SUFFIX, "", regex=True).str.replace(_SPACES, " ", regex=True)
    return clean.str.strip().str.casefold() + "|" + klass.str.strip().str.casefold()


def read_absence(path: Path, overrides: dict[str, list[str]],
                 register: pd.DataFrame) -> tuple[pd.DataFrame, RawTable]:
    """Read ``fravaer*``; each row gets the matched ``student_id`` and how many students matched."""
    table = read_table(path, "fravaer", overrides)
    table.require(("student_id",), ("name", "class"))
    table.require(("absence_pct",), ("absence_modules",))
    frame = pd.DataFrame(index=table.cells.index)
    if table.has("student_id"):
        ids = table.parse("student_id", parse_text)
        known = set(register["student_id"].dropna())
        frame["student_id"] = ids
        frame["match_count"] = ids.isin(known).astype("int64")
    else:
        keys = name_key(table.parse("name", parse_text), table.parse("class", parse_text))
        register_keys = name_key(register["name"], register["class"])
        counts = register_keys.value_counts()
        unique = register_keys[register_keys.map(counts) == 1]
        frame["student_id"] = keys.map(pd.Series(register.loc[unique.index, "student_id"].values,
                                                 index=unique.values)).astype("string")
        frame["match_count"] = keys.map(counts).fillna(0).astype("int64")
    frame["absence_pct"] = _optional(table, "absence_pct", parse_percentages, frame.index)
    frame["absent_modules"], frame["held_modules"] = _fraction(table, "absence_modules", frame)
    frame["written_pct"] = _optional(table, "written_pct", parse_percentages, frame.index)
    frame["written_absent_hours"], frame["written_total_hours"] = _fraction(
        table, "written_hours", frame)
    frame["_row"] = table.rows.to_numpy()
    return frame[ABSENCE_COLUMNS], table


def _optional(table: RawTable, fld: str, parser, index: pd.Index) -> pd.Series:
    if table.has(fld):
        return table.parse(fld, parser)
    return pd.Series(pd.NA, index=index, dtype="Float64")


def _fraction(table: RawTable, fld: str, frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    if table.has(fld):
        return table.parse(fld, parse_fractions)
    empty = pd.Series(pd.NA, index=frame.index, dtype="Float64")
    return empty, empty.copy()
