"""The qualitative track: the log template, log validation, causes, and the quarterly report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from fasthold.cli import main
from fasthold.config import load_config
from fasthold.indicators import causes
from fasthold.indicators.quarter import quarter_periods
from fasthold.lectio import read_pull
from fasthold.paths import Paths
from tests.conftest import run_cli
from tests.panels import log as hand_log
from tests.panels import school
from tests.pulls import write_pull


def _filled_template(path: Path, rows: list[list[object]]) -> None:
    assert main(["template", "samtaler", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    sheet = book["Samtaler"]
    for index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(index, column, value)
    book.save(path)


def test_template_has_lists_frozen_header_and_a_guide(tmp_path: Path):
    path = tmp_path / "skabelon.xlsx"
    assert main(["template", "samtaler", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    sheet = book["Samtaler"]
    assert [c.value for c in sheet[1]][:3] == ["Dato", "Elev-id", "Samtaletype"]
    assert sheet.freeze_panes == "A2"
    formulas = " ".join(v.formula1 for v in sheet.data_validations.dataValidation)
    assert "Fraværssamtale" in formulas and "Ikke relevant" in formulas
    assert "Vejledning" in book.sheetnames and book["Vejledning"].max_row >= 11


def test_a_filled_template_imports_without_edits(tmp_path: Path, config):
    raw = Paths(tmp_path).raw
    folder = write_pull(raw, "2025-11")
    _filled_template(folder / "samtaler.xlsx", [
        [dt.datetime(2025, 10, 2), "01234567890", "Fraværssamtale", "Klasselærer",
         "Faglige; sociale", "Ja", "Ja", "Ja", "Fortsætter", "Notat om morgenfravær"],
        [dt.datetime(2025, 9, 1), "01234567891", "opstartssamtale", "studievejleder", None,
         None, None, None, None, None]])
    data = read_pull(raw, "2025-11", config)
    log = data.conversations
    assert log["kind"].tolist() == ["Fraværssamtale", "Opstartssamtale"]
    assert log["causes"].iloc[0] == "Faglige;Sociale" and log["held_by"].iloc[1] == "Studievejleder"
    assert main(["--root", str(tmp_path), "import", "2025-11"]) == 0


@pytest.mark.parametrize("row, fragment", [
    ([dt.datetime(2025, 10, 2), "99999999999", "Screening"], "findes i elevregistret"),
    ([dt.datetime(2025, 12, 24), "01234567890", "Screening"], "efter trækkets dato"),
    (["i morgen", "01234567890", "Screening"], "forventede en dato"),
    ([dt.datetime(2025, 10, 2), "01234567890", "Kaffe"], "Opstartssamtale"),
    ([dt.datetime(2025, 10, 2), "01234567890", "Screening", "Rektor"], "Studievejleder"),
    ([dt.datetime(2025, 10, 2), "01234567890", "Screening", None, "Økonomi"], "årsager skal"),
])
def test_bad_logs_are_rejected_with_the_row(tmp_path: Path, capsys, row, fragment):
    folder = write_pull(Paths(tmp_path).raw, "2025-11")
    secret = "Hemmeligt notat om familien"
    _filled_template(folder / "samtaler.xlsx", [row + [None] * (9 - len(row)) + [secret]])
    assert main(["--root", str(tmp_path), "import", "2025-11"]) == 2
    err = capsys.readouterr().err
    assert "samtaler.xlsx" in err and "række 2" in err and fragment in err
    assert secret not in err
    assert not (Paths(tmp_path).processed / "panel.parquet").exists()


def test_leaver_causes_beside_the_exit_reason():
    from fasthold.indicators.exits import exit_history

    config = load_config(None)
    exits = exit_history(school(), config)
    leavers = causes.leaver_causes(exits, hand_log()).set_index("student_id")
    assert leavers.loc["s02", "category"] == "skift_af_uddannelse"
    assert leavers.loc["s02", "interview"] == ["Faglige", "Personlige"]
    assert leavers.loc["s02", "interviewed"] and not leavers.loc["s07", "interviewed"]
    assert not leavers.loc["s02", "differs"]  # a change of education has no cause of its own
    assert leavers.loc["s07", "interview"] == []
    table = causes.cause_counts(leavers.reset_index(), "interview", "programme")
    assert table["stx"].to_dict() == {"Faglige": 1, "Personlige": 1, "Sociale": 0,
                                      "Strukturelle": 0}


def test_quarters_are_calendar_quarters_by_default():
    assert quarter_periods("2026-Q4") == ["2026-10", "2026-11", "2026-12"]
    assert quarter_periods("2026-Q1", first_month=8) == ["2026-08", "2026-09", "2026-10"]
    assert quarter_periods("2026-Q2", first_month=8) == ["2026-11", "2026-12", "2027-01"]


@pytest.fixture(scope="module")
def quarterly_root(monthly_root: Path) -> Path:
    result = run_cli("--root", str(monthly_root), "quarterly", "2026-Q4")
    assert result.returncode == 0, result.stderr
    return monthly_root


def test_quarterly_outputs_on_the_demo_school(quarterly_root: Path):
    folder = quarterly_root / "reports" / "2026-Q4"
    html = (folder / "kvartalsrapport.html").read_text(encoding="utf-8")
    for heading in ("Kvartalet kort", "Til drøftelse", "Frafald og årsager",
                    "Målgrupper og bevægelser", "Tidlig varsling"):
        assert heading in html
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["periods"] == ["2026-10", "2026-11"]
    assert summary["findings"] and all(isinstance(f, str) for f in summary["findings"])
    index = (quarterly_root / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="2026-Q4/kvartalsrapport.html"' in index
    confidential = (folder / "fortroligt" / "samtaler.html").read_text(encoding="utf-8")
    assert "Fortroligt" in confidential and "<h2>" in confidential


def test_no_note_text_in_any_leadership_output(quarterly_root: Path):
    log = pd.read_parquet(Paths(quarterly_root).processed / "samtaler.parquet")
    notes = set(log["note"].dropna())
    assert notes
    leadership = [quarterly_root / "reports" / "2026-Q4" / n
                  for n in ("kvartalsrapport.html", "kvartalsrapport.ipynb", "summary.json")]
    leadership += [quarterly_root / "reports" / "2026-11" / n
                   for n in ("maanedsrapport.html", "maanedsrapport.ipynb", "summary.json")]
    for path in leadership:
        text = path.read_text(encoding="utf-8")
        assert not [n for n in notes if n in text], path
    confidential = (quarterly_root / "reports" / "2026-Q4" / "fortroligt" /
                    "samtaler.html").read_text(encoding="utf-8")
    assert any(n in confidential for n in notes)
