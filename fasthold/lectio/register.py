"""The student register (``elever*``) as a canonical frame."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from fasthold.lectio.parse import (
    Column,
    is_missing,
    parse_cpr_birth_dates,
    parse_dates,
    parse_numbers,
    parse_text,
)
from fasthold.lectio.table import RawTable, read_table

REGISTER_COLUMNS = ["student_id", "name", "class", "programme", "grade_year", "start_date",
                    "end_date", "status", "exit_reason", "birth_date", "referred", "_row"]

STATUSES = {"aktiv": "aktiv", "aktivt": "aktiv", "inaktiv": "inaktiv", "inaktivt": "inaktiv",
            "udmeldt": "udmeldt", "dimitteret": "dimitteret", "afsluttet": "afsluttet"}
YES = {"ja", "j", "x", "1", "true", "sand"}
NO = {"nej", "n", "0", "false", "falsk"}
_WORDS = re.compile(r"[^a-zæøå]+")
_DIGIT = re.compile(r"\d")


def programme(text: str, allowed: list[str]) -> str:
    """``STX``, ``2-årigt hf``, ``hf2`` → ``stx`` / ``hf``; anything else its first word."""
    words = [w for w in _WORDS.split(text.lower()) if w]
    return next((w for w in words if w in allowed), words[0] if words else text.lower())


def grade_year(text: str | None) -> int | None:
    """``1``, ``1.g``, ``1g``, ``2.hf``, ``hf2b`` → the first digit."""
    if text is None or pd.isna(text):
        return None
    match = _DIGIT.search(str(text))
    return int(match[0]) if match else None


def status(text: str | None) -> str | None:
    """Lectio's status words folded to one spelling; unknown words kept in lower case."""
    if text is None or pd.isna(text):
        return None
    word = str(text).strip().lower()
    return STATUSES.get(word, word)


def _referred_flag(column: Column) -> pd.Series:
    out: list[bool | None] = []
    for position, value in enumerate(column.values.tolist()):
        word = str(value).strip().lower().removesuffix(".0")
        if is_missing(value) or word in NO:
            out.append(False)  # the column marks referred students; empty means not referred
        elif word in YES:
            out.append(True)
        else:
            column.fail(position, f"forventede Ja/Nej, 1/0 eller x/tom, fandt '{value}'")
            out.append(None)
    return pd.Series(out, dtype="boolean", index=column.values.index)


def _referred_priority(column: Column) -> pd.Series:
    texts = column.values.map(lambda v: str(v).strip().lower() if not is_missing(v) else None)
    fordelt = texts == "fordelt"
    numbers = parse_numbers(Column(column.file, column.header,
                                   column.values.where(~fordelt, None), column.rows))
    referred = (numbers >= 2).astype("boolean")
    referred[fordelt] = True
    return referred


def read_register(path: Path, overrides: dict[str, list[str]], allowed: list[str],
                  referred_ids: set[str] | None = None) -> tuple[pd.DataFrame, RawTable]:
    """Read ``elever*``: one row per student, CPR turned into a birth date and dropped."""
    table = read_table(path, "elever", overrides)
    table.require(("student_id", "name", "class", "start_date"),
                  ("student_id", "first_name", "last_name", "class", "start_date"))
    table.require(("programme",), ("study_line",))
    frame = pd.DataFrame(index=table.cells.index)
    frame["student_id"] = table.parse("student_id", parse_text)
    if table.has("name"):
        frame["name"] = table.parse("name", parse_text)
    else:
        first = table.parse("first_name", parse_text).fillna("")
        frame["name"] = (first + " " + table.parse("last_name", parse_text).fillna("")).str.strip()
    frame["class"] = table.parse("class", parse_text)
    source = "programme" if table.has("programme") else "study_line"
    words = table.parse(source, parse_text)
    if source == "study_line":
        words = words.str.strip().str.replace(r"\s.*$", "", regex=True)
    frame["programme"] = words.map(lambda t: programme(t, allowed), na_action="ignore")
    years = table.parse("grade_year", parse_text) if table.has("grade_year") else frame["class"]
    frame["grade_year"] = pd.array([grade_year(t) for t in years], dtype="Int8")
    frame["start_date"] = table.parse("start_date", parse_dates)
    frame["end_date"] = (table.parse("end_date", parse_dates) if table.has("end_date")
                         else pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]"))
    frame["status"] = (table.parse("status", parse_text).map(status, na_action="ignore")
                       if table.has("status") else pd.Series(pd.NA, index=frame.index,
                                                              dtype="string"))
    frame["exit_reason"] = (table.parse("exit_reason", parse_text) if table.has("exit_reason")
                            else pd.Series(pd.NA, index=frame.index, dtype="string"))
    frame["birth_date"] = _birth_dates(table, frame.index)
    frame["referred"] = _referred(table, frame, referred_ids)
    frame["_row"] = table.rows.to_numpy()
    for col in ("class", "programme", "status"):
        frame[col] = frame[col].astype("string")
    return frame[REGISTER_COLUMNS], table


def _birth_dates(table: RawTable, index: pd.Index) -> pd.Series:
    if table.has("birth_date"):
        return table.parse("birth_date", parse_dates)
    if table.has("cpr"):
        dates = table.parse("cpr", parse_cpr_birth_dates)
        table.cells.iloc[:, table.fields.pop("cpr")] = None  # the CPR column goes at once
        return dates
    return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")


def _referred(table: RawTable, frame: pd.DataFrame, referred_ids: set[str] | None) -> pd.Series:
    if table.has("referred"):
        referred = table.parse("referred", _referred_flag)
    elif table.has("priority"):
        referred = table.parse("priority", _referred_priority)
    elif referred_ids is not None:
        referred = pd.Series(False, index=frame.index, dtype="boolean")
    else:
        return pd.Series(pd.NA, index=frame.index, dtype="boolean")
    if referred_ids:
        referred = referred.fillna(False) | frame["student_id"].isin(referred_ids)
    return referred.astype("boolean")
