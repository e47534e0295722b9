"""Write the simulated school as Lectio exports, in the many shapes real exports take.

The variant of each file rotates from pull to pull (see ``REGISTER_VARIANTS`` and
``ABSENCE_VARIANTS``), so that the demo exercises every form the input contract lists: xlsx with
text cells and with real number and date cells, two- and three-row merged headers, title rows and
an empty first column, csv with ``;`` in Windows-1252 and with ``,`` in UTF-8 with BOM, and the
different header spellings.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.utils import get_column_letter

from fasthold.demo.school import School, class_at
from fasthold.indicators.enrolment import school_year
from fasthold.report.format import number

FIXED_TIME = dt.datetime(2026, 1, 1)


def register_at(school: School, snap: dt.date) -> pd.DataFrame:
    """The register as Lectio shows it on ``snap``: this school year's students, with leavers."""
    s = school.students
    year_start = dt.date(school_year(snap), 8, 1)
    exit_ = s["exit_date"]
    started = s["start_date"] <= snap
    admitted = (s["cohort"] == snap.year) & (snap.month == 6)
    gone = exit_.map(lambda d: isinstance(d, dt.date) and d < year_start)
    graduated = s["graduation"] < year_start
    exited = exit_.map(lambda d: isinstance(d, dt.date) and d <= snap)
    keep = (started | admitted) & ~gone & ~graduated & ~(exited & s["vanishes"])
    reg = s[keep].copy()
    exited = exited[keep]
    on = [min(snap, d - dt.timedelta(days=1)) if isinstance(d, dt.date) and d <= snap
          else max(snap, start) for d, start in zip(reg["exit_date"], reg["start_date"],
                                                    strict=True)]
    reg["class"] = _classes(reg, on)
    final_june = (snap.month == 6) & (reg["graduation"].map(lambda d: d.year) == snap.year)
    reg["end_date"] = reg["exit_date"].where(exited, None)
    reg.loc[final_june & ~exited, "end_date"] = reg.loc[final_june & ~exited, "graduation"]
    reg["status"] = np.where(exited, "Udmeldt", "Aktiv")
    reg["exit_reason"] = reg["exit_reason"].where(exited, None)
    reg.loc[final_june & ~exited, "exit_reason"] = "Dimitteret"  # planned completion
    reg["grade_year"] = reg["class"].str[0].astype(int)
    return reg.sort_values(["class", "last_name", "first_name"], kind="stable")


def _classes(reg: pd.DataFrame, on: list[dt.date]) -> pd.Series:
    days = pd.Series(on, index=reg.index)
    out = pd.Series("", index=reg.index, dtype=object)
    for day, idx in days.groupby(days).groups.items():
        out[idx] = class_at(reg.loc[idx], day)
    return out


# --- cell formats ----------------------------------------------------------------------------

def _d(day: object, style: str) -> str:
    if not isinstance(day, dt.date):
        return ""
    return {"dmy": f"{day:%d-%m-%Y}", "short": f"{day.day}/{day.month}-{day.year}",
            "dot": f"{day:%d.%m.%Y}", "iso": day.isoformat(), "slash": f"{day:%d/%m/%Y}"}[style]


def _cpr(day: dt.date, serial: int, compact: bool) -> str:
    seventh = (4 + serial % 6) if day.year >= 2000 else serial % 4
    text = f"{day:%d%m%y}{'' if compact else '-'}{seventh}{serial % 1000:03d}"
    return text


def _fraction(absent: float, total: float) -> str:
    return f"{number(absent, 1, trim=True)}/{number(total, 1, trim=True)}"


def _pct(absent: float, total: float, sign: str = "%") -> str:
    value = absent / total * 100 if total else 0.0
    return f"{number(value, 1)}{sign}"


# --- writers ---------------------------------------------------------------------------------

def _write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str,
               encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, header_rows: list[list[object]], rows: list[list[object]],
                merges: list[str] = (), title: list[str] = (), text: bool = True,
                offset: int = 0) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Ark1"
    for line in title:
        sheet.append([None] * offset + [line])
    if title:
        sheet.append([])
    for header in header_rows:
        sheet.append([None] * offset + header)
    for row in rows:
        sheet.append([None] * offset + row)
    if text:  # Lectio's copy-to-Excel marks cells as text
        for row in sheet.iter_rows(min_row=len(title) + bool(title) + len(header_rows) + 1):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.number_format = "@"
    first = len(title) + bool(title) + 1
    for ref in merges:
        c1, r1, c2, r2 = ref
        sheet.merge_cells(f"{get_column_letter(c1 + offset)}{r1 + first - 1}:"
                          f"{get_column_letter(c2 + offset)}{r2 + first - 1}")
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.save(path)


# --- elever ----------------------------------------------------------------------------------

def write_register(folder: Path, reg: pd.DataFrame, variant: int) -> None:
    name = reg["first_name"] + " " + reg["last_name"]
    serials = (reg["student_id"].str[-4:].astype(int) * 7919 % 10000).to_numpy()
    if variant == 0:  # xlsx, text cells, title rows, CPR with dash, Henvist Ja/Nej
        rows = [[sid, n, c, p.upper(), f"{g}.g" if p == "stx" else f"{g}.hf", _d(st, "dmy"),
                 _d(en, "dmy"), "Inaktiv" if s != "Aktiv" else "Aktiv", r or "",
                 _cpr(b, k, False), "Ja" if h else "Nej"]
                for sid, n, c, p, g, st, en, s, r, b, k, h in zip(
                    reg["student_id"], name, reg["class"], reg["programme"], reg["grade_year"],
                    reg["start_date"], reg["end_date"], reg["status"], reg["exit_reason"],
                    reg["birth_date"], serials, reg["referred"], strict=True)]
        _write_xlsx(folder / "elever.xlsx", [["Elev-id", "Navn", "Stamklasse", "Uddannelse",
                                              "Årgang", "Startdato", "Slutdato", "Status",
                                              "Udmeldelsesårsag", "CPR", "Henvist"]], rows,
                    title=["Elevliste – Herlev Gymnasium & HF (demo)"])
    elif variant == 1:  # csv ; cp1252, first/last name, Prioritet, short dates
        rows = [[sid, f, la, c, "stx" if p == "stx" else "2-årigt hf", _d(st, "short"),
                 _d(en, "dot"), "Aktivt" if s == "Aktiv" else "Inaktivt", r or "",
                 _d(b, "dmy"), ("fordelt" if k % 3 == 0 else str(2 + k % 2)) if h else "1"]
                for sid, f, la, c, p, st, en, s, r, b, k, h in zip(
                    reg["student_id"], reg["first_name"], reg["last_name"], reg["class"],
                    reg["programme"], reg["start_date"], reg["end_date"], reg["status"],
                    reg["exit_reason"], reg["birth_date"], serials, reg["referred"],
                    strict=True)]
        _write_csv(folder / "Elever_eksport.csv",
                   ["ElevId", "Fornavn", "Efternavn", "Klasse", "Elevtype", "Start", "Udmeldt",
                    "Elevforløb", "Afgangsårsag", "Fødselsdato", "Prioritet"], rows, ";",
                   "cp1252")
    elif variant == 2:  # csv , UTF-8 BOM, StudentInfo_* names, compact CPR, henviste file
        rows = [[sid, f, la, c, ("stx Biotek A, Kemi B" if p == "stx" else "hf Enkeltfag"),
                 _d(st, "iso"), _d(en, "iso"), "Aktiv" if s == "Aktiv" else "Udmeldt", r or "",
                 _cpr(b, k, True)]
                for sid, f, la, c, p, st, en, s, r, b, k in zip(
                    reg["student_id"], reg["first_name"], reg["last_name"], reg["class"],
                    reg["programme"], reg["start_date"], reg["end_date"], reg["status"],
                    reg["exit_reason"], reg["birth_date"], serials, strict=True)]
        _write_csv(folder / "ELEVER.csv",
                   ["StudentInfo_ElevId", "StudentInfo_FirstName", "StudentInfo_LastName",
                    "Stamklasse", "Studieretning", "StudentInfo_StartDate",
                    "StudentInfo_EndDateCalc", "StudentInfo_StudentForloeb", "Årsag",
                    "StudentInfo_StudentCpr"], rows, ",", "utf-8-sig")
        _write_csv(folder / "henviste.csv", ["Elev-id", "Bemærkning"],
                   [[sid, "Fordelt af RUU"] for sid in reg.loc[reg["referred"], "student_id"]],
                   ";", "utf-8")
    else:  # xlsx with real date and number cells, empty first column, Prioritet as numbers
        rows = [[sid, n, c, "Stx" if p == "stx" else "hf2", int(g), _dt(st), _dt(en),
                 s, r, _dt(b), float(2 if h else 1)]
                for sid, n, c, p, g, st, en, s, r, b, h in zip(
                    reg["student_id"], name, reg["class"], reg["programme"], reg["grade_year"],
                    reg["start_date"], reg["end_date"], reg["status"], reg["exit_reason"],
                    reg["birth_date"], reg["referred"], strict=True)]
        _write_xlsx(folder / "elever (1).xlsx",
                    [["Elev id", "Navn", "Klasse", "Uddannelse", "Klassetrin", "Startdato",
                      "Udmeldelsesdato", "Status", "Udmeldelsesårsag", "Fødselsdato",
                      "Optagelsesprioritet"]], rows, text=False, offset=1)


def _dt(day: object) -> dt.datetime | None:
    return dt.datetime(day.year, day.month, day.day) if isinstance(day, dt.date) else None


# --- fravaer ---------------------------------------------------------------------------------

def write_absence(folder: Path, absence: pd.DataFrame, reg: pd.DataFrame, variant: int) -> None:
    frame = absence.merge(reg[["student_id", "first_name", "last_name", "class"]],
                          on="student_id").sort_values(["class", "last_name"], kind="stable")
    values = list(zip(frame["student_id"], frame["first_name"] + " " + frame["last_name"],
                      frame["class"], frame["absent_modules"], frame["held_modules"],
                      frame["written_absent_hours"], frame["written_total_hours"], strict=True))
    if variant == 0:  # xlsx, three-row merged header, Periode columns, summary row
        rows = [[sid, c, _pct(a, h), _fraction(a, h), _pct(a, h), _fraction(a, h),
                 _pct(wa, wt), _fraction(wa, wt)] for sid, _, c, a, h, wa, wt in values]
        totals = frame[["absent_modules", "held_modules"]].sum()
        rows.append(["Samlet", "", "", "", _pct(*totals), _fraction(*totals), "", ""])
        header = [["Elev-id", "Stamklasse", "Almindeligt fravær", None, None, None,
                   "Skriftligt fravær", None],
                  [None, None, "Periode", None, "Opgjort", None, "Opgjort", None],
                  [None, None, "Procent", "Moduler", "Procent", "Moduler", "Procent", "Elevtid"]]
        merges = [(1, 1, 1, 3), (2, 1, 2, 3), (3, 1, 6, 1), (7, 1, 8, 1), (3, 2, 4, 2),
                  (5, 2, 6, 2), (7, 2, 8, 2)]
        _write_xlsx(folder / "fravær.xlsx", header, rows, merges=merges)
    elif variant == 1:  # xlsx, two-row header, names with suffix and Hold, no Elev-id
        rows = [[f"{n} ({c} {i + 1})", c, _pct(a, h), _fraction(a, h), _pct(wa, wt, " %"),
                 _fraction(wa, wt)] for i, (_, n, c, a, h, wa, wt) in enumerate(values)]
        header = [["Elev", "Hold", "Almindeligt fravær", None, "Skriftligt fravær", None],
                  [None, None, "Opgjort procent", "Opgjort moduler", "Opgjort procent",
                   "Opgjort elevtid"]]
        merges = [(1, 1, 1, 2), (2, 1, 2, 2), (3, 1, 4, 1), (5, 1, 6, 1)]
        _write_xlsx(folder / "Fravaer_oversigt.xlsx", header, rows, merges=merges,
                    title=["Fraværsoversigt", "Opgjort til i dag"])
    elif variant == 2:  # csv ; cp1252 with flattened headers and an "I alt" row
        rows = [[sid, _pct(a, h, " %"), _fraction(a, h), _pct(wa, wt, " %"), _fraction(wa, wt)]
                for sid, _, _, a, h, wa, wt in values]
        rows.append(["I alt", "", "", "", ""])
        _write_csv(folder / "fravaer.csv", ["Elev-id", "Alm. fravær opgjort %",
                                            "Alm. fravær opgjort moduler", "Skr. fravær opgjort %",
                                            "Skr. fravær opgjort elevtid"], rows, ";", "cp1252")
    else:  # csv , UTF-8 BOM, quoted decimal commas
        rows = [[sid, _pct(a, h, ""), _fraction(a, h), _pct(wa, wt, ""), _fraction(wa, wt)]
                for sid, _, _, a, h, wa, wt in values]
        _write_csv(folder / "FRAVÆR-opgjort.csv",
                   ["Elev id", "Fravær opgjort (%)", "Fravær opgjort moduler",
                    "Skriftligt fravær opgjort (%)", "Skriftligt fravær opgjort elevtid"],
                   rows, ",", "utf-8-sig")


# --- samtaler --------------------------------------------------------------------------------

LOG_HEADER = ["Dato", "Elev-id", "Samtaletype", "Afholdt af", "Årsager", "Skriftlig aftale",
              "Forældre inddraget", "Frafaldstruet", "Udfald", "Notat"]


def write_conversations(folder: Path, log: pd.DataFrame, snap: dt.date) -> None:
    rows = [[_dt(d), *(("" if pd.isna(v) else v) for v in rest)]
            for d, *rest in log[log["date"] <= snap][[
                "date", "student_id", "kind", "held_by", "causes", "written_agreement",
                "parents_involved", "at_risk", "outcome", "note"]].itertuples(index=False)]
    _write_xlsx(folder / "samtaler.xlsx", [LOG_HEADER], rows, text=False)
