"""The demo school: believable, deterministic, and written in every form the contract lists."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from fasthold.demo import write_demo
from fasthold.demo.school import pull_schedule, simulate

SEEDS = [1, 2, 3]


@pytest.fixture(scope="module", params=SEEDS)
def school(request):
    return simulate(request.param, 1200, "2026-11")


def test_schedule_runs_from_previous_school_year_and_skips_july():
    periods = [p for p, _ in pull_schedule("2026-11")]
    assert periods[0] == "2025-08" and periods[-1] == "2026-11"
    assert "2026-07" not in periods and len(periods) == 15
    weekend = [snap for _, snap in pull_schedule("2026-11") if snap.day != 10]
    assert all(snap.weekday() == 0 for snap in weekend)  # moved to the Monday


def _enrolled(school, snap):
    s = school.students
    exit_ = s["exit_date"].map(lambda d: d if isinstance(d, dt.date) else dt.date(2999, 1, 1))
    return s[(s["start_date"] <= snap) & (exit_ > snap) & (s["graduation"] > snap)]


def test_size_and_programme_mix(school):
    for _, snap in school.pulls[1:]:
        enrolled = _enrolled(school, snap)
        assert 1080 <= len(enrolled) <= 1320
        share_stx = (enrolled["programme"] == "stx").mean()
        assert 0.74 <= share_stx <= 0.84


def test_referred_share_of_starting_cohorts(school):
    share = school.students.groupby(["programme", "cohort"])["referred"].mean()
    assert share.between(0.03, 0.17).all(), share


def test_leaving_rates_by_programme_and_referral(school):
    s = school.students
    s = s.assign(left=s["exit_date"].notna())
    rate = s.groupby("programme")["left"].mean()
    assert 0.05 <= rate["stx"] <= 0.115
    assert 0.14 <= rate["hf"] <= 0.27
    by_referral = s.groupby("referred")["left"].mean()
    assert 1.4 <= by_referral[True] / by_referral[False] <= 3.2


def test_most_leavers_leave_in_the_first_year_with_autumn_and_january_peaks(school):
    leavers = school.students[school.students["exit_date"].notna()]
    year = [(d.year if d.month >= 8 else d.year - 1) - c
            for d, c in zip(leavers["exit_date"], leavers["cohort"], strict=True)]
    assert np.mean(np.array(year) == 0) > 0.5
    months = pd.Series([d.month for d in leavers["exit_date"]]).value_counts()
    assert months[[9, 10, 1]].min() > months[[4, 5, 6]].max()


def test_year_to_date_absence_levels_and_long_tail(school):
    period, snap = school.pulls[-1]
    frame = school.absence[period].merge(school.students[["student_id", "programme"]])
    pct = frame["absent_modules"] / frame["held_modules"] * 100
    mean = pct.groupby(frame["programme"]).mean()
    assert 7.0 <= mean["stx"] <= 11.0
    assert 16.0 <= mean["hf"] <= 24.0
    assert pct.quantile(0.99) > 3 * pct.median()  # a long right tail
    written = frame["written_absent_hours"] / frame["written_total_hours"] * 100
    assert 0.6 <= written.mean() / pct.mean() <= 1.6


def test_most_but_not_all_leavers_show_rising_absence_first(school):
    s = school.students.set_index("student_id")
    rising = total = 0
    periods = [p for p, _ in school.pulls]
    for leaver, _row in s[s["exit_date"].notna()].iterrows():
        seen = [p for p in periods if leaver in set(school.absence[p]["student_id"])]
        if len(seen) < 5 or seen[-1] == periods[-1]:
            continue
        frames = [school.absence[p].set_index("student_id").loc[leaver] for p in seen[-4:]]
        if any(f["held_modules"] == 0 for f in frames):
            continue
        total += 1
        early = frames[0]["absent_modules"] / frames[0]["held_modules"]
        late = frames[-1]["absent_modules"] / frames[-1]["held_modules"]
        rising += late > early * 1.2
    assert total >= 10
    assert 0.5 <= rising / total <= 0.95


def test_exit_reasons_cover_every_category(school):
    categories = set(school.students["exit_category"].dropna())
    assert {"faglige", "personlige", "sociale", "strukturelle", "skift_af_uddannelse"} \
        <= categories


def test_birth_dates_make_most_first_years_minors(school):
    _, snap = school.pulls[-1]
    first_years = _enrolled(school, snap)
    first_years = first_years[first_years["cohort"] == 2026]
    age = [(snap - b).days / 365.25 for b in first_years["birth_date"]]
    assert np.mean(np.array(age) < 18) > 0.8


def test_conversation_log_covers_part_of_flagged_and_most_leavers(school):
    log = school.conversations
    leavers = school.students[school.students["exit_date"].notna()
                              & (school.students["exit_date"] <= school.pulls[-1][1])
                              & (school.students["exit_date"] >= dt.date(2025, 8, 15))]
    interviewed = leavers["student_id"].isin(set(log.loc[log["kind"] == "Afbrudssamtale",
                                                         "student_id"]))
    assert 0.6 <= interviewed.mean() < 1.0
    assert log["note"].notna().all()
    assert set(log["kind"]) >= {"Opstartssamtale", "Fraværssamtale", "Afbrudssamtale"}


def _xlsx_cells(path: Path) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return [tuple(c.value for c in row) for row in book.active.iter_rows()]


def test_same_seed_gives_same_files(tmp_path: Path):
    first, second = tmp_path / "a", tmp_path / "b"
    today = dt.date(2026, 12, 3)
    write_demo(first, seed=7, students=300, until="2026-02", today=today)
    write_demo(second, seed=7, students=300, until="2026-02", today=today)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        if rel.suffix == ".xlsx":
            assert _xlsx_cells(first / rel) == _xlsx_cells(second / rel), rel
        else:
            assert filecmp.cmp(first / rel, second / rel, shallow=False), rel
    third = tmp_path / "c"
    write_demo(third, seed=8, students=300, until="2026-02", today=today)
    some_csv = next(rel for rel in files if rel.suffix == ".csv")
    assert not filecmp.cmp(first / some_csv, third / some_csv, shallow=False)


def test_every_form_of_file_is_present(demo_raw: Path):
    names = {p.name for p in demo_raw.rglob("*") if p.is_file()}
    assert {"elever.xlsx", "Elever_eksport.csv", "ELEVER.csv", "elever (1).xlsx", "fravær.xlsx",
            "Fravaer_oversigt.xlsx", "fravaer.csv", "FRAVÆR-opgjort.csv", "samtaler.xlsx",
            "henviste.csv", "pull.toml"} <= names
    encodings = {}
    for path in demo_raw.rglob("*.csv"):
        data = path.read_bytes()
        encodings[path.name] = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "other"
    assert encodings["ELEVER.csv"] == "utf-8-sig" and encodings["fravaer.csv"] == "other"
    cp1252 = next(demo_raw.rglob("Elever_eksport.csv")).read_bytes()
    assert "ø".encode("cp1252") in cp1252 and b"\xc3\xb8" not in cp1252  # Windows-1252
    three_row = openpyxl.load_workbook(next(demo_raw.rglob("fravær.xlsx")))
    assert len(three_row.active.merged_cells.ranges) >= 7
    typed = openpyxl.load_workbook(next(demo_raw.rglob("elever (1).xlsx"))).active
    kinds = {type(c.value) for row in typed.iter_rows(min_row=2) for c in row}
    assert dt.datetime in kinds and int in kinds  # real date and number cells


def test_demo_refuses_to_overwrite_existing_pulls(tmp_path: Path):
    write_demo(tmp_path, seed=1, students=200, until="2025-09")
    from fasthold.errors import InputError

    with pytest.raises(InputError, match="findes allerede"):
        write_demo(tmp_path, seed=1, students=200, until="2025-09")
