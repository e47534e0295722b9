"""A synthetic gymnasium, simulated student by student.

The dynamics are chosen to look like a real Danish stx/hf school, so that the indicators, the
early-warning evaluation and the reports have something believable to work on:

- **Size**: about ``students`` enrolled at a time, 79 % stx (three årgange) and 21 % hf (two
  årgange), in classes of about 30. New cohorts start on the first Monday on or after 8 August.
  stx 1.g spends August–October in grundforløb classes (``1ga``, ``1gb`` …) and is reshuffled
  into studieretning classes (``1a``, ``1b`` …) on 1 November. Classes move up a year each August.
- **Referred students** (``henvist``): 8 % of an stx and 12 % of an hf starting cohort.
- **Leaving**: 8 % of an stx cohort and 20 % of an hf cohort leave before finishing (referred
  students about twice as often). Most leave in the first year, with peaks in the first three
  months, right after the grundforløb and after the Christmas holiday; later years see fewer.
  3.g and 2.hf graduate on the last Friday of June (not dropout). A few leavers vanish from the
  register without being marked as left — the "missing students" the design warns about.
- **Exit reasons** spread over the categories of the default ``[aarsager]`` mapping, a third of
  them changes of education; a few are empty or unmappable.
- **Absence**: each student has a base rate drawn from a log-normal distribution (mean 9 % in stx,
  20 % in hf; long right tail), varied by season and by month. About three in four leavers show a
  rising monthly absence over the two to four months before they leave; the rest leave with no
  warning sign, so no rule can catch everyone. Written absence (elevtid) follows the same shape.
  Modules are counted on school days (holidays excluded) at about 4.5 a day; absence comes in
  half modules.
- **Birth dates**: most 1.g students are 16 at the start, so the under-18 rule applies to them.
- **Conversation log**: start conversations for three in four referred students, absence
  conversations for about half of the students crossing 10 % year-to-date absence (with written
  agreements, parents and an at-risk mark for the worst), exit interviews for four in five
  leavers (causes mostly, not always, matching the exit reason), and a few well-being talks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fasthold.demo.names import BOYS, EXIT_REASONS, EXIT_SHARES, GIRLS, LAST, NOTES
from fasthold.indicators.causes import CAUSE_OF_CATEGORY
from fasthold.indicators.enrolment import school_year

PROGRAMMES = {"stx": {"years": 3, "share": 0.79, "leave": 0.08, "referred": 0.08,
                      "absence": 0.09, "sigma": 0.75},
              "hf": {"years": 2, "share": 0.21, "leave": 0.20, "referred": 0.12,
                     "absence": 0.20, "sigma": 0.65}}
CLASS_SIZE = 30
MODULES_PER_DAY = 4.5
WRITTEN_HOURS_PER_DAY = 1.1
# Relative chance of leaving in each teaching month of the first year (Aug..Jun).
FIRST_YEAR_EXIT = [0.6, 3.0, 3.0, 2.6, 1.2, 3.0, 2.4, 1.4, 1.1, 0.9, 0.6]
LATER_YEAR_FACTOR = [1.0, 0.35, 0.12]
SEASON = {8: 0.7, 9: 0.85, 10: 0.95, 11: 1.0, 12: 1.15, 1: 1.1, 2: 1.15, 3: 1.05, 4: 1.0,
          5: 1.05, 6: 1.2}
TEACHING_MONTHS = [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6]


@dataclass
class School:
    """The simulated truth: students, pulls and the conversation log."""

    students: pd.DataFrame
    pulls: list[tuple[str, dt.date]]  # (period, snapshot date)
    absence: dict[str, pd.DataFrame]  # period -> cumulative absence of enrolled students
    conversations: pd.DataFrame


# --- calendar --------------------------------------------------------------------------------

def first_school_day(year: int) -> dt.date:
    day = dt.date(year, 8, 8)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def graduation_day(year: int) -> dt.date:
    """The last Friday of June on or before the 28th."""
    day = dt.date(year, 6, 28)
    return day - dt.timedelta(days=(day.weekday() - 4) % 7)


def holidays(years: range) -> np.ndarray:
    days: list[dt.date] = []
    for year in years:
        for start, length in ((dt.date(year, 12, 21), 13),
                              (dt.date.fromisocalendar(year, 7, 1), 5),
                              (dt.date.fromisocalendar(year, 42, 1), 5),
                              (dt.date.fromisocalendar(year, 14, 1), 5)):
            days += [start + dt.timedelta(days=i) for i in range(length)]
        summer = graduation_day(year) + dt.timedelta(days=1)
        while summer < first_school_day(year):
            days.append(summer)
            summer += dt.timedelta(days=1)
    return np.array(days, dtype="datetime64[D]")


def pull_schedule(until: str, years_back: int = 1) -> list[tuple[str, dt.date]]:
    """Monthly pulls from the start of the school year ``years_back`` years before ``until``'s
    to ``until``; no July pull.

    The snapshot is the 10th, or the Monday after when the 10th falls on a weekend.
    """
    year, month = int(until[:4]), int(until[5:])
    first_year = (year if month >= 8 else year - 1) - years_back
    pulls = []
    y, m = first_year, 8
    while (y, m) <= (year, month):
        if m != 7:
            day = dt.date(y, m, 10)
            day += dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)
            pulls.append((f"{y}-{m:02d}", day))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return pulls


def newest_period(today: dt.date) -> str:
    """The newest pull on or before ``today`` (July has none)."""
    y, m = (today.year, today.month) if today.day >= 10 else (
        (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1))
    if m == 7:
        m = 6
    return f"{y}-{m:02d}"


# --- students --------------------------------------------------------------------------------

def _letters(i: int) -> str:
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out


def _students(rng: np.random.Generator, target: int, cohorts: dict[str, range]) -> pd.DataFrame:
    frames = []
    for programme, years in cohorts.items():
        spec = PROGRAMMES[programme]
        size = max(4, round(target * spec["share"] / spec["years"]
                            * (1.04 if programme == "stx" else 1.12)))
        for start_year in years:
            frames.append(_cohort(rng, programme, start_year, size))
    students = pd.concat(frames, ignore_index=True)
    ids = rng.choice(10**10, size=len(students), replace=False) + 10**10 * rng.choice(
        [0, 1, 2, 3], size=len(students), p=[0.05, 0.45, 0.3, 0.2])
    students["student_id"] = [f"{i:011d}" for i in ids]
    return students


def _cohort(rng: np.random.Generator, programme: str, start_year: int, n: int) -> pd.DataFrame:
    spec = PROGRAMMES[programme]
    classes = max(1, round(n / CLASS_SIZE))
    girl = rng.random(n) < 0.55
    first = np.where(girl, rng.choice(GIRLS, n), rng.choice(BOYS, n))
    last = rng.choice(LAST, n)
    start = np.full(n, first_school_day(start_year), dtype=object)
    late = rng.random(n) < 0.03
    late_days = rng.integers(21, 200, n)
    start[late] = [first_school_day(start_year) + dt.timedelta(days=int(d))
                   for d in late_days[late]]
    if programme == "stx":
        age = rng.choice([15, 16, 17], n, p=[0.02, 0.85, 0.13])
    else:
        age = 17 + rng.geometric(0.45, n) - 1
    born = [dt.date(start_year - int(a), 1, 1) + dt.timedelta(days=int(d))
            for a, d in zip(age, rng.integers(0, 365, n), strict=True)]
    frame = pd.DataFrame({
        "first_name": first, "last_name": last, "programme": programme,
        "cohort": start_year, "start_date": start, "birth_date": born,
        "referred": rng.random(n) < spec["referred"],
        "class_letter": [_letters(i) for i in rng.permutation(n) % classes],
        "second_letter": [_letters(i) for i in rng.permutation(n) % classes],
        "base_absence": np.minimum(rng.lognormal(np.log(spec["absence"]) - spec["sigma"] ** 2 / 2,
                                                 spec["sigma"], n), 0.9),
        "written_factor": rng.lognormal(-0.1, 0.25, n),
        "module_factor": rng.uniform(0.95, 1.05, n),
    })
    _unique_names(rng, frame)
    _exits(rng, frame, spec)
    return frame


def _unique_names(rng: np.random.Generator, frame: pd.DataFrame) -> None:
    """Redraw last names until no class holds two students of the same name."""
    for _ in range(50):
        key = frame["first_name"] + " " + frame["last_name"] + "|" + frame["class_letter"]
        clash = key.duplicated() | (frame["first_name"] + " " + frame["last_name"] + "|"
                                    + frame["second_letter"]).duplicated()
        if not clash.any():
            return
        frame.loc[clash, "last_name"] = rng.choice(LAST, int(clash.sum())) + "-" + rng.choice(
            LAST, int(clash.sum()))


def _exits(rng: np.random.Generator, frame: pd.DataFrame, spec: dict) -> None:
    n = len(frame)
    referred = frame["referred"].to_numpy()
    base = spec["leave"] / (1 + spec["referred"])
    leaves = rng.random(n) < np.where(referred, 2 * base, base)
    weights = np.concatenate([np.array(FIRST_YEAR_EXIT) * LATER_YEAR_FACTOR[y]
                              for y in range(spec["years"])])
    month_index = rng.choice(len(weights), n, p=weights / weights.sum())
    exit_dates: list[dt.date | None] = []
    for i in range(n):
        if not leaves[i]:
            exit_dates.append(None)
            continue
        year_offset, month_pos = divmod(int(month_index[i]), 11)
        month = TEACHING_MONTHS[month_pos]
        year = int(frame["cohort"].iat[i]) + year_offset + (1 if month < 8 else 0)
        day = dt.date(year, month, int(rng.integers(1, 29)))
        start = frame["start_date"].iat[i]
        exit_dates.append(day if day > start + dt.timedelta(days=7) else None)
    frame["exit_date"] = exit_dates
    left = frame["exit_date"].notna()
    categories = list(EXIT_SHARES)
    frame["exit_category"] = pd.Series(
        rng.choice(categories, n, p=list(EXIT_SHARES.values())), index=frame.index).where(left)
    frame["exit_reason"] = [rng.choice(EXIT_REASONS[c]) if isinstance(c, str) else None
                            for c in frame["exit_category"]]
    frame["warning"] = left & (rng.random(n) < 0.75)
    frame["ramp_months"] = rng.integers(2, 5, n)
    frame["vanishes"] = left & (rng.random(n) < 0.03)
    frame["graduation"] = [graduation_day(int(c) + spec["years"]) for c in frame["cohort"]]


# --- absence ---------------------------------------------------------------------------------

def _intervals(pulls: list[tuple[str, dt.date]]) -> list[tuple[dt.date, dt.date, bool]]:
    """(from, to, first of school year) per pull: what the cumulative counts add since before."""
    out = []
    previous: dt.date | None = None
    for _, snap in pulls:
        first = previous is None or school_year(previous) != school_year(snap)
        begin = dt.date(school_year(snap), 8, 1) if first else previous + dt.timedelta(days=1)
        out.append((begin, snap, first))
        previous = snap
    return out


def _absence(rng: np.random.Generator, students: pd.DataFrame,
             pulls: list[tuple[str, dt.date]]) -> dict[str, pd.DataFrame]:
    n = len(students)
    years = range(min(p[1].year for p in pulls) - 1, max(p[1].year for p in pulls) + 2)
    free = holidays(years)
    start = students["start_date"].to_numpy(dtype="datetime64[D]")
    exit_ = students["exit_date"].fillna(dt.date(2999, 1, 1)).to_numpy(dtype="datetime64[D]")
    grad = students["graduation"].to_numpy(dtype="datetime64[D]")
    stop = np.minimum(exit_, grad + np.timedelta64(1, "D"))
    base = students["base_absence"].to_numpy() * np.where(students["exit_date"].notna(), 1.3, 1.0)
    warning = students["warning"].to_numpy()
    ramp = students["ramp_months"].to_numpy()
    out: dict[str, pd.DataFrame] = {}
    cumulative = np.zeros((4, n))
    for (period, snap), (begin, end, first) in zip(pulls, _intervals(pulls), strict=True):
        if first:
            cumulative[:] = 0
        lo = np.maximum(start, np.datetime64(begin))
        hi = np.minimum(stop, np.datetime64(end + dt.timedelta(days=1)))
        days = np.where(hi > lo, np.busday_count(lo, np.maximum(hi, lo), holidays=free), 0)
        held = np.round(days * MODULES_PER_DAY * students["module_factor"].to_numpy())
        months_left = (exit_ - np.datetime64(end)).astype(int) / 30.4
        factor = np.ones(n)
        ramping = warning & (months_left >= 0) & (months_left < ramp)
        factor[ramping] = 1.6 + 2.2 * (1 - months_left[ramping] / ramp[ramping])
        factor[warning & (months_left < 0)] = 4.0
        noise = rng.gamma(6.0, 1 / 6, n)
        rate = np.minimum(base * SEASON[snap.month] * noise * factor, 0.95)
        absent = np.round(held * rate * 2) / 2
        written_total = np.round(days * WRITTEN_HOURS_PER_DAY * 10) / 10
        written_rate = np.minimum(rate * students["written_factor"].to_numpy()
                                  * rng.gamma(4.0, 1 / 4, n), 0.95)
        written_absent = np.round(written_total * written_rate * 10) / 10
        cumulative += np.vstack([absent, held, written_absent, written_total])
        enrolled = (start <= np.datetime64(snap)) & (stop > np.datetime64(snap))
        rows = np.flatnonzero(enrolled)
        out[period] = pd.DataFrame({
            "student_id": students["student_id"].to_numpy()[rows],
            "absent_modules": cumulative[0, rows], "held_modules": cumulative[1, rows],
            "written_absent_hours": np.round(cumulative[2, rows], 1),
            "written_total_hours": np.round(cumulative[3, rows], 1)})
    return out


# --- conversation log ------------------------------------------------------------------------

def _conversations(rng: np.random.Generator, students: pd.DataFrame,
                   pulls: list[tuple[str, dt.date]],
                   absence: dict[str, pd.DataFrame]) -> pd.DataFrame:
    window = dt.date(school_year(pulls[0][1]), 8, 1)
    last = pulls[-1][1]
    rows: list[dict] = []
    by_id = students.set_index("student_id")

    def add(day: dt.date, sid: str, kind: str, **extra: object) -> None:
        s = by_id.loc[sid]
        ended = s["exit_date"] if isinstance(s["exit_date"], dt.date) else s["graduation"]
        if window <= day <= last and day <= ended:  # no talks after a student has gone
            rows.append({"date": day, "student_id": sid, "kind": kind,
                         "note": str(rng.choice(NOTES[kind])), **extra})

    holders = ["Studievejleder", "Klasselærer", "Kontaktlærer", "Mentor"]
    for sid, s in by_id[by_id["referred"]].iterrows():
        if rng.random() < 0.75:
            kind = "Opstartssamtale" if rng.random() < 0.7 else "Screening"
            add(s["start_date"] + dt.timedelta(days=int(rng.integers(2, 35))), sid, kind,
                held_by="Studievejleder", outcome="Fortsætter")
    talked: set[tuple[str, int]] = set()
    for period, snap in pulls:
        frame = absence[period]
        pct = np.where(frame["held_modules"] > 0,
                       frame["absent_modules"] / frame["held_modules"].where(
                           frame["held_modules"] > 0, 1) * 100, 0)
        for sid, value in zip(frame["student_id"], pct, strict=True):
            if value < 10 or (sid, school_year(snap)) in talked or rng.random() > 0.55:
                continue
            talked.add((sid, school_year(snap)))
            s = by_id.loc[sid]
            day = snap + dt.timedelta(days=int(rng.integers(1, 21)))
            if isinstance(s["exit_date"], dt.date) and day >= s["exit_date"]:
                continue
            adult = (day - s["birth_date"]).days >= 18 * 365.25
            serious = value >= 15
            add(day, sid, "Fraværssamtale", held_by=str(rng.choice(holders[:2])),
                causes=";".join(rng.choice(list(CAUSE_OF_CATEGORY.values()),
                                           int(rng.integers(0, 3)), replace=False)),
                written_agreement="Ja" if serious else "Nej",
                parents_involved="Ikke relevant" if adult else (
                    "Ja" if serious and rng.random() < 0.7 else "Nej"),
                at_risk="Ja" if serious and rng.random() < 0.5 else "Nej",
                outcome="Fortsætter")
            if rng.random() < 0.4:
                add(day + dt.timedelta(days=int(rng.integers(25, 40))), sid, "Opfølgning",
                    held_by=str(rng.choice(holders)), outcome="Fortsætter")
    for sid, s in by_id[by_id["exit_date"].notna()].iterrows():
        if rng.random() > 0.8:
            continue
        category = s["exit_category"]
        causes = [CAUSE_OF_CATEGORY.get(category) or str(rng.choice(["Faglige", "Personlige"]))]
        if rng.random() < 0.25:
            causes.append(str(rng.choice(list(CAUSE_OF_CATEGORY.values()))))
        add(s["exit_date"] - dt.timedelta(days=int(rng.integers(0, 8))), sid, "Afbrudssamtale",
            held_by="Studievejleder", causes=";".join(dict.fromkeys(causes)),
            outcome="Skifter uddannelse" if category == "skift_af_uddannelse" else "Udmeldes")
    for sid in rng.choice(students["student_id"], max(1, len(students) // 40), replace=False):
        s = by_id.loc[sid]
        add(s["start_date"] + dt.timedelta(days=int(rng.integers(30, 500))), sid,
            "Trivselssamtale", held_by=str(rng.choice(holders)), outcome="Fortsætter")
    log = pd.DataFrame(rows, columns=["date", "student_id", "kind", "held_by", "causes",
                                      "written_agreement", "parents_involved", "at_risk",
                                      "outcome", "note"])
    return log.sort_values(["date", "student_id"], kind="stable").reset_index(drop=True)


def simulate(seed: int, students: int, until: str, years_back: int = 1) -> School:
    """Simulate the school for the pulls up to ``until`` (``YYYY-MM``)."""
    rng = np.random.default_rng(seed)
    pulls = pull_schedule(until, years_back)
    first_year = school_year(pulls[0][1])
    last_year = school_year(pulls[-1][1]) + (1 if pulls[-1][1].month == 6 else 0)
    cohorts = {p: range(first_year - PROGRAMMES[p]["years"] + 1, last_year + 1)
               for p in PROGRAMMES}
    frame = _students(rng, students, cohorts)
    absence = _absence(rng, frame, pulls)
    return School(frame, pulls, absence, _conversations(rng, frame, pulls, absence))


def class_at(students: pd.DataFrame, day: dt.date) -> pd.Series:
    """Every student's stamklasse on ``day`` (before they start: their first class)."""
    grade = (school_year(day) - students["cohort"]).clip(lower=0) + 1
    stx = students["programme"] == "stx"
    grundforloeb = stx & (grade == 1) & (day < dt.date(school_year(day), 11, 1))
    letters = students["second_letter"].where(stx & ~grundforloeb, students["class_letter"])
    prefix = np.where(grundforloeb, grade.astype(str) + "g",
                      np.where(stx, grade.astype(str), grade.astype(str) + "hf"))
    return pd.Series(prefix, index=students.index) + letters
