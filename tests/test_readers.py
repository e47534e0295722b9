"""Every form of the input contract is read, and read right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fasthold.config import load_config
from fasthold.demo.exports import register_at
from fasthold.demo.school import simulate
from fasthold.lectio import pull_periods, read_pull
from fasthold.lectio.columns import SPELLINGS, map_headers
from tests.conftest import DEMO_UNTIL
from tests.pulls import ABSENCE, ABSENCE_HEADER, REGISTER, REGISTER_HEADER, csv_text, write_pull


@pytest.fixture(scope="module")
def truth():
    return simulate(7, 1200, DEMO_UNTIL)


def test_every_demo_pull_reads_back_to_the_simulated_truth(demo_raw: Path, truth, config):
    """The demo rotates through every file shape; each must give the same canonical values."""
    for period, snap in truth.pulls:
        data = read_pull(demo_raw, period, config)
        expected = register_at(truth, snap).set_index("student_id")
        got = data.register.set_index("student_id")
        assert sorted(got.index) == sorted(expected.index), period
        got = got.loc[expected.index]
        assert (got["class"] == expected["class"]).all(), period
        assert (got["programme"] == expected["programme"]).all(), period
        assert (got["start_date"].dt.date == expected["start_date"]).all(), period
        ends = expected["end_date"].map(lambda d: d.isoformat() if isinstance(d, dt.date) else "")
        assert (got["end_date"].dt.strftime("%Y-%m-%d").fillna("") == ends).all(), period
        assert (got["birth_date"].dt.date == expected["birth_date"]).all(), period
        assert (got["referred"] == expected["referred"]).all(), period
        assert (got["name"] == expected["first_name"] + " " + expected["last_name"]).all()
        absence = data.absence.set_index("student_id")
        simulated = truth.absence[period].set_index("student_id")
        assert (data.absence["match_count"] == 1).all(), period
        assert sorted(absence.index) == sorted(simulated.index), period
        absence = absence.loc[simulated.index]
        assert (absence["absent_modules"] == simulated["absent_modules"]).all(), period
        assert (absence["held_modules"] == simulated["held_modules"]).all(), period
        assert ((absence["written_total_hours"] - simulated["written_total_hours"]).abs()
                < 1e-9).all(), period
        assert "cpr" not in data.register.columns


def test_all_listed_header_spellings_map_to_their_field():
    for kind, fields in SPELLINGS.items():
        for fld, headers in fields.items():
            for header in headers:
                assert map_headers(kind, [header.upper()], {}) == {fld: 0}, (kind, header)


def test_tab_delimited_txt_with_summary_rows(tmp_path: Path, config):
    summary = [["Samlet", "", "", "", ""], ["Ej hold", "", "", "", ""], ["", "", "", "", ""]]
    absence = csv_text(ABSENCE_HEADER, ABSENCE + summary, delimiter="\t")
    write_pull(tmp_path, extra={"fravaer.csv": None, "Fravær.txt": absence})
    data = read_pull(tmp_path, "2025-11", config)
    assert len(data.absence) == len(ABSENCE)
    assert data.absence["absence_pct"].tolist() == [9.1, 2.2, 20.4, 0.0, 12.5]


def test_cp1252_semicolon_register(tmp_path: Path, config):
    write_pull(tmp_path, register=None)
    path = tmp_path / "2025-11" / "elever.csv"
    path.write_bytes(csv_text(REGISTER_HEADER, REGISTER).encode("cp1252"))
    data = read_pull(tmp_path, "2025-11", config)
    assert "Udmeldelsesårsag" in data.tables["elever"].headers
    assert data.register["programme"].tolist() == ["stx", "stx", "stx", "hf", "hf", "stx"]
    assert data.register["referred"].tolist() == [False, True, False, False, True, False]


def test_absence_matched_by_name_and_class_with_suffix(tmp_path: Path, config):
    absence = ('Elev,Klasse,Fravær opgjort (%),Fravær opgjort moduler\r\n'
               '"Anna  Holm (1a 1)",1A,"9,1","33,5/368"\r\n"bo lund (1a 2)",1a,"2,2",8/368\r\n')
    write_pull(tmp_path, absence=absence)
    data = read_pull(tmp_path, "2025-11", config)
    assert data.absence["student_id"].tolist() == ["01234567890", "01234567891"]
    assert data.absence["match_count"].tolist() == [1, 1]


def test_xlsx_percent_numbers_title_rows_and_fordelt(tmp_path: Path, config):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fraværsrapport"])
    sheet.append(["Udskrevet 10-11-2025"])
    sheet.append(["Elev-id", "Opgjort fravær %", "Opgjort fravær moduler"])
    sheet.append(["01234567890", 0.091, "33,5/368"])
    sheet.append(["01234567891", "2,2%", "8/368"])
    sheet["B4"].number_format = "0.0%"
    write_pull(tmp_path, extra={"fravaer.csv": None})
    book.save(tmp_path / "2025-11" / "fravaer.xlsx")
    register = csv_text(["Elev-id", "Navn", "Klasse", "Uddannelse", "Start", "Fordelt"],
                        [["01234567890", "Anna Holm", "1a", "stx", "2025-08-11", "1"],
                         ["01234567891", "Bo Lund", "1a", "stx", "45880", "0"]])
    (tmp_path / "2025-11" / "elever.csv").write_text(register, encoding="utf-8-sig")
    data = read_pull(tmp_path, "2025-11", config)
    assert data.absence["absence_pct"].tolist() == pytest.approx([9.1, 2.2])
    assert data.register["referred"].tolist() == [True, False]
    assert data.register["start_date"].tolist() == [pd.Timestamp("2025-08-11")] * 2


def test_priority_and_henviste_file_are_combined(tmp_path: Path, config):
    register = csv_text(["ElevId", "Fornavn", "Efternavn", "Klasse", "Elevtype", "Startdato",
                         "Optagelsesprioritet"],
                        [["01234567890", "Anna", "Holm", "1a", "stx", "11-08-2025", "1"],
                         ["01234567891", "Bo", "Lund", "1a", "stx", "11-08-2025", "3"],
                         ["01234567895", "Freja", "Bech", "1a", "stx", "11-08-2025", "fordelt"],
                         ["01234567893", "Dina", "Friis", "2hfa", "hf", "12-08-2024", ""]])
    absence = csv_text(ABSENCE_HEADER, [r for r in ABSENCE if r[0] != "01234567894"])
    write_pull(tmp_path, register=register, absence=absence,
               extra={"henviste.csv": "Elev-id;Note\r\n01234567893;fordelt\r\n"})
    data = read_pull(tmp_path, "2025-11", config)
    assert data.register["name"].tolist()[0] == "Anna Holm"
    assert data.register["referred"].tolist() == [False, True, True, True]


def test_header_override_from_settings(tmp_path: Path):
    settings = tmp_path / "fasthold.toml"
    settings.write_text('[kolonner]\nstudent_id = ["Løbenr"]\nclass = ["Hjemklasse"]\n',
                        encoding="utf-8")
    config = load_config(settings)
    register = csv_text(["Løbenr", "Navn", "Hjemklasse", "Uddannelse", "Startdato"],
                        [["01234567890", "Anna Holm", "1a", "stx", "11-08-2025"]])
    absence = csv_text(["Løbenr", "Fravær opgjort (%)"], [["01234567890", "9,1"]])
    write_pull(tmp_path / "raw", register=register, absence=absence)
    data = read_pull(tmp_path / "raw", "2025-11", config)
    assert data.register["class"].tolist() == ["1a"] and data.absence["absence_pct"].iloc[0] == 9.1


def test_pull_toml_sets_the_snapshot_date(tmp_path: Path, config):
    write_pull(tmp_path, extra={"pull.toml": "snapshot_date = 2025-11-11\n"})
    assert read_pull(tmp_path, "2025-11", config).pull.snapshot_date == dt.date(2025, 11, 11)
    assert pull_periods(tmp_path) == ["2025-11"]
