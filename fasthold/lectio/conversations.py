"""The conversation log (``samtaler*``) and the list of referred students (``henviste*``)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from fasthold.lectio.columns import normalise
from fasthold.lectio.parse import parse_dates, parse_text
from fasthold.lectio.table import RawTable, read_table

VALUES = {
    "kind": ["Opstartssamtale", "Screening", "Fraværssamtale", "Trivselssamtale", "Faglig samtale",
             "Afbrudssamtale", "Opfølgning"],
    "held_by": ["Studievejleder", "Klasselærer", "Kontaktlærer", "Mentor", "Ledelse"],
    "causes": ["Faglige", "Personlige", "Sociale", "Strukturelle"],
    "written_agreement": ["Ja", "Nej"],
    "parents_involved": ["Ja", "Nej", "Ikke relevant"],
    "at_risk": ["Ja", "Nej"],
    "outcome": ["Fortsætter", "Skifter klasse", "Skifter uddannelse", "Udmeldes"],
}
CONVERSATION_COLUMNS = ["date", "student_id", *VALUES, "note", "_row"]
_SEPARATORS = re.compile(r"\s*[;,]\s*")


def canonical(value: str | None, allowed: list[str]) -> str | None:
    """``' fraværs samtale'`` → ``'Fraværssamtale'``; other values are kept as written."""
    if value is None or pd.isna(value):
        return None
    lookup = {normalise(a): a for a in allowed}
    return lookup.get(normalise(value), str(value).strip())


def _canonical_column(texts: pd.Series, fld: str, allowed: list[str]) -> pd.Series:
    """:func:`canonical` once per distinct value (a log has few distinct values)."""
    def one(text: str) -> str:
        if fld == "causes":
            return ";".join(c for c in (canonical(p, allowed) for p in _SEPARATORS.split(text))
                            if c)
        return canonical(text, allowed)

    mapping = {text: one(text) for text in texts.dropna().unique()}
    return texts.map(mapping).astype("string")


def read_conversations(path: Path, overrides: dict[str, list[str]]) -> tuple[pd.DataFrame,
                                                                              RawTable]:
    """Read the log: one row per conversation; causes joined as ``'Faglige;Sociale'``."""
    table = read_table(path, "samtaler", overrides, allow_empty=True)
    table.require(("date", "student_id", "kind"))
    frame = pd.DataFrame(index=table.cells.index)
    frame["date"] = table.parse("date", parse_dates)
    frame["student_id"] = table.parse("student_id", parse_text)
    for fld, allowed in VALUES.items():
        if not table.has(fld):
            frame[fld] = pd.Series(pd.NA, index=frame.index, dtype="string")
            continue
        frame[fld] = _canonical_column(table.parse(fld, parse_text), fld, allowed)
    frame["note"] = (table.parse("note", parse_text) if table.has("note")
                     else pd.Series(pd.NA, index=frame.index, dtype="string"))
    frame["_row"] = table.rows.to_numpy()
    return frame[CONVERSATION_COLUMNS], table


def read_referred_ids(path: Path, overrides: dict[str, list[str]]) -> tuple[set[str], RawTable]:
    """The ``Elev-id`` s listed in ``henviste*``."""
    table = read_table(path, "henviste", overrides, allow_empty=True)
    table.require(("student_id",))
    return set(table.parse("student_id", parse_text).dropna()), table
