"""Small hand-made panels for indicator tests; expected values are worked out by hand."""

from __future__ import annotations

import pandas as pd

from fasthold.indicators.enrolment import is_enrolled
from fasthold.store import PANEL_COLUMNS

SNAPSHOTS = {"2025-09": "2025-09-10", "2025-10": "2025-10-10", "2025-12": "2025-12-10",
             "2026-08": "2026-08-10"}


def row(period: str, sid: str, klass: str = "1a", programme: str = "stx",
        absent: float | None = None, held: float | None = None, written: float | None = 0.0,
        start: str = "2025-08-11", end: str | None = None, reason: str | None = None,
        status: str = "aktiv", referred: bool = False, born: str | None = "2009-01-01") -> dict:
    pct = None if absent is None or not held else round(absent / held * 100, 1)
    return {"period": period, "snapshot_date": pd.Timestamp(SNAPSHOTS[period]),
            "student_id": sid, "class": klass, "programme": programme,
            "grade_year": int(klass[0]), "start_date": pd.Timestamp(start),
            "end_date": pd.Timestamp(end) if end else pd.NaT, "status": status,
            "exit_reason": reason, "birth_date": pd.Timestamp(born) if born else pd.NaT,
            "referred": referred, "absence_pct": pct, "absent_modules": absent,
            "held_modules": held, "written_pct": written, "written_absent_hours": None,
            "written_total_hours": None}


def panel(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["enrolled"] = is_enrolled(frame["start_date"], frame["end_date"],
                                    frame["snapshot_date"])
    for column in ("absence_pct", "absent_modules", "held_modules", "written_pct",
                   "written_absent_hours", "written_total_hours"):
        frame[column] = frame[column].astype("Float64")
    frame["referred"] = frame["referred"].astype("boolean")
    return frame[PANEL_COLUMNS].sort_values(["period", "student_id"], ignore_index=True)


def school() -> pd.DataFrame:
    """Four pulls (November skipped, then a new school year) and ten students."""
    r = row
    return panel([
        # s01: rising absence; December: ytd exactly 10,0 and a rise of 8,0 pp (skipped month)
        r("2025-09", "s01", absent=5, held=100), r("2025-10", "s01", absent=12, held=200),
        r("2025-12", "s01", absent=40, held=400),
        # s02: referred, 18+, 20 % in September, leaves 1 October (change of education)
        r("2025-09", "s02", absent=20, held=100, referred=True, born="2007-06-01"),
        r("2025-10", "s02", referred=True, born="2007-06-01", end="2025-10-01",
          reason="Skift til EUD", status="udmeldt"),
        # s03: in September and October, gone from the December register: missing
        r("2025-09", "s03", absent=2, held=100), r("2025-10", "s03", absent=4, held=200),
        # s04: hf, admitted early, starts 1 October
        r("2025-09", "s04", "1hfa", "hf", start="2025-10-01"),
        r("2025-10", "s04", "1hfa", "hf", absent=3, held=30, start="2025-10-01"),
        r("2025-12", "s04", "1hfa", "hf", absent=7, held=130, start="2025-10-01"),
        # s05: 3.g, planned graduation in the December register, gone in August
        r("2025-09", "s05", "3x", absent=1, held=100, start="2023-08-14", born="2006-03-01"),
        r("2025-10", "s05", "3x", absent=2, held=200, start="2023-08-14", born="2006-03-01"),
        r("2025-12", "s05", "3x", absent=3, held=400, start="2023-08-14", born="2006-03-01",
          end="2026-06-26", reason="Dimitteret"),
        # s06: changes class; unknown birth date; 16,0 % in December
        r("2025-09", "s06", "1b", absent=8, held=100, born=None),
        r("2025-10", "s06", "1a", absent=16, held=200, born=None),
        r("2025-12", "s06", "1a", absent=64, held=400, born=None),
        # s07: leaves in September (illness), comes back in November
        r("2025-09", "s07", absent=3, held=100),
        r("2025-10", "s07", end="2025-09-20", reason="Sygdom", status="udmeldt"),
        r("2025-12", "s07", absent=2, held=80, start="2025-11-15"),
        # s08: hf, referred, low absence (marked at risk in the log in November)
        r("2025-09", "s08", "1hfa", "hf", absent=1, held=100, referred=True),
        r("2025-10", "s08", "1hfa", "hf", absent=2, held=200, referred=True),
        r("2025-12", "s08", "1hfa", "hf", absent=4, held=400, referred=True),
        # s09: written absence exactly 15,0
        r("2025-12", "s09", absent=0, held=400, written=15.0),
        # s10: 2.g next year
        r("2025-12", "s10", absent=8, held=400),
        r("2026-08", "s10", "2a", absent=0, held=0),
    ])


def log() -> pd.DataFrame:
    """The conversation log as stored: one copy, saved with the December pull."""
    entries = [("2025-08-20", "s08", "Opstartssamtale", None, "Nej"),
               ("2025-11-20", "s08", "Trivselssamtale", "Sociale", "Ja"),
               ("2025-09-28", "s02", "Afbrudssamtale", "Faglige;Personlige", "Nej"),
               ("2025-12-15", "s01", "Fraværssamtale", "Personlige", "Nej")]
    frame = pd.DataFrame([{"date": pd.Timestamp(d), "student_id": s, "kind": k,
                           "held_by": "Studievejleder", "causes": c, "written_agreement": "Nej",
                           "parents_involved": "Ja" if s == "s01" else "Nej", "at_risk": m,
                           "outcome": "Fortsætter", "note": "fortroligt notat"}
                          for d, s, k, c, m in entries])
    return frame.assign(period="2025-12")
