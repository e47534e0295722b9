"""The data-cleaning functions, each with the awkward cases."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from fasthold.lectio.columns import map_headers, normalise
from fasthold.lectio.files import kind_of
from fasthold.lectio.parse import (
    Column,
    cpr_birth_date,
    date,
    parse_dates,
    parse_fractions,
    parse_numbers,
    parse_percentages,
)
from fasthold.lectio.register import grade_year, programme, status


def column(*values: object) -> Column:
    return Column("f.csv", "Kolonne", pd.Series(list(values), dtype=object),
                  pd.Series(range(2, 2 + len(values))))


@pytest.mark.parametrize("text, expected", [
    ("10-11-2026", dt.date(2026, 11, 10)), ("10/11-2026", dt.date(2026, 11, 10)),
    ("10/11/2026", dt.date(2026, 11, 10)), ("10.11.2026", dt.date(2026, 11, 10)),
    ("2/9-2026", dt.date(2026, 9, 2)), ("2026-11-10", dt.date(2026, 11, 10)),
    ("10-11-2026 00:00", dt.date(2026, 11, 10)), (46336, dt.date(2026, 11, 10)),
    ("46336", dt.date(2026, 11, 10)), (dt.datetime(2026, 11, 10, 0, 0), dt.date(2026, 11, 10)),
    (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
])
def test_every_listed_date_form_is_day_first(text, expected):
    assert date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2026", "i går", "2026/11/10", "13-13-2026", "1e5"])
def test_impossible_or_unreadable_dates_are_errors(text):
    with pytest.raises(ValueError):
        date(text)


def test_date_column_collects_every_bad_cell_with_its_row():
    col = column("10-11-2026", "", "-", "31-02-2026", "i går")
    parsed = parse_dates(col)
    assert parsed.iloc[0] == pd.Timestamp("2026-11-10") and parsed.iloc[1:3].isna().all()
    assert [p.row for p in col.problems] == [5, 6]
    assert "gyldig dato" in col.problems[0].message and "'i går'" in col.problems[1].message


def test_danish_numbers_and_decimal_point_only_without_commas():
    assert parse_numbers(column("1.245,59", "9,1", "-", "–")).tolist()[:2] == [1245.59, 9.1]
    assert parse_numbers(column("9.1", "12")).tolist() == [9.1, 12.0]
    assert parse_numbers(column("1.245", "9,1")).tolist() == [1245.0, 9.1]


@pytest.mark.parametrize("cell, expected", [("9,1%", 9.1), ("9,1 %", 9.1), ("9,1", 9.1),
                                            (9.1, 9.1), ("100%", 100.0), ("0,0%", 0.0)])
def test_percentages_with_and_without_sign(cell, expected):
    assert parse_percentages(column(cell)).iloc[0] == expected


def test_percentage_as_text_is_an_error():
    col = column("9,1%", "høj")
    parse_percentages(col)
    assert col.problems[0].row == 3 and "procentsats" in col.problems[0].message


def test_fractions_with_thousands_and_fractional_modules():
    absent, total = parse_fractions(column("33,5/529", "6/166,6", "1.245,59/14.872", "0/0"))
    assert absent.tolist() == [33.5, 6.0, 1245.59, 0.0]
    assert total.tolist() == [529.0, 166.6, 14872.0, 0.0]


def test_excel_date_in_a_fraction_column_is_rejected_with_advice():
    col = column("33,5/529", dt.datetime(2026, 9, 1))
    parse_fractions(col)
    message = col.problems[0].message
    assert "Excel har gjort brøken om til datoen 01-09-2026" in message and "tekst" in message


@pytest.mark.parametrize("cpr, born", [
    ("150309-4123", dt.date(2009, 3, 15)), ("1503094123", dt.date(2009, 3, 15)),
    ("150399-4123", dt.date(1999, 3, 15)), ("150309-0123", dt.date(1909, 3, 15)),
    ("150360-5123", dt.date(1860, 3, 15)), ("150357-8123", dt.date(2057, 3, 15)),
    ("150340-9123", dt.date(1940, 3, 15)), ("150336-9123", dt.date(2036, 3, 15)),
])
def test_cpr_century_from_the_seventh_digit(cpr, born):
    assert cpr_birth_date(cpr) == born


@pytest.mark.parametrize("cpr", ["12345", "310209-4123", "15030941234", "abcdef-ghij"])
def test_malformed_cpr_is_rejected_without_echoing_it(cpr):
    with pytest.raises(ValueError) as info:
        cpr_birth_date(cpr)
    assert cpr not in str(info.value) and cpr[:6] not in str(info.value)


@pytest.mark.parametrize("text, expected", [("stx", "stx"), ("STX", "stx"), ("Stx", "stx"),
                                            ("hf", "hf"), ("HF", "hf"), ("2-årigt hf", "hf"),
                                            ("hf2", "hf"), ("htx", "htx")])
def test_programme_normalisation(text, expected):
    assert programme(text, ["stx", "hf"]) == expected


@pytest.mark.parametrize("text, expected", [("1", 1), ("1.g", 1), ("1g", 1), ("2.hf", 2),
                                            ("hf2b", 2), ("3x", 3), (None, None), ("g", None)])
def test_grade_year(text, expected):
    assert grade_year(text) == expected


def test_status_words_fold_to_one_spelling():
    assert [status(s) for s in ["Aktivt", "Inaktivt", "Udmeldt", "Dimitteret", "Afsluttet",
                                "Orlov"]] == ["aktiv", "inaktiv", "udmeldt", "dimitteret",
                                              "afsluttet", "orlov"]


def test_header_spellings_and_overrides():
    assert normalise("Alm. fravær opgjort %") == "almfravaeropgjort"
    headers = ["StudentInfo_ElevId", "Fravær opgjort (%)", "Skr. fravær opgjort elevtid"]
    assert map_headers("fravaer", headers, {}) == {"student_id": 0, "absence_pct": 1,
                                                   "written_hours": 2}
    assert map_headers("elever", ["Elevnummer", "Klasse", "Stamklasse"],
                       {"student_id": ["Elevnummer"]}) == {"student_id": 0, "class": 2}


@pytest.mark.parametrize("name, kind", [("elever.xlsx", "elever"), ("Fravær_1a.CSV", "fravaer"),
                                        ("FRAVAER.txt", "fravaer"), ("samtaler.xlsx", "samtaler"),
                                        ("Henviste 2026.csv", "henviste"),
                                        ("~$elever.xlsx", None), ("elever.pdf", None),
                                        ("noter.csv", None)])
def test_file_kind_by_name_start(name, kind):
    assert kind_of(name) == kind
