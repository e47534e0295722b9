"""demo → import → monthly, end to end in a temporary root, checked from the outside."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from tests.conftest import DEMO_UNTIL


def _report(root: Path) -> str:
    return (root / "reports" / DEMO_UNTIL / "maanedsrapport.html").read_text(encoding="utf-8")


def _raw_register(root: Path) -> pd.DataFrame:
    """The newest pull's register read independently of fasthold (it is a plain UTF-8 csv)."""
    frame = pd.read_csv(root / "data" / "raw" / DEMO_UNTIL / "ELEVER.csv", encoding="utf-8-sig",
                        dtype=str)
    snap = pd.Timestamp(f"{DEMO_UNTIL}-10")
    start = pd.to_datetime(frame["StudentInfo_StartDate"])
    end = pd.to_datetime(frame["StudentInfo_EndDateCalc"])
    return frame[(start <= snap) & (end.isna() | (end > snap))]


def test_summary_counts_match_the_raw_register(monthly_root: Path):
    summary = json.loads((monthly_root / "reports" / DEMO_UNTIL / "summary.json").read_text())
    enrolled = _raw_register(monthly_root)
    assert summary["period"] == DEMO_UNTIL
    assert summary["snapshot_date"] == f"{DEMO_UNTIL}-10"
    assert summary["headcount"]["total"] == len(enrolled)
    programmes = enrolled["Studieretning"].str.split().str[0].value_counts()
    assert summary["headcount"]["by_programme"] == {k: int(v) for k, v in programmes.items()}
    by_class = enrolled["Stamklasse"].value_counts()
    assert summary["headcount"]["by_class"] == {k: int(v) for k, v in by_class.items()}


def test_summary_absence_matches_the_raw_absence_file(monthly_root: Path):
    summary = json.loads((monthly_root / "reports" / DEMO_UNTIL / "summary.json").read_text())
    absence = pd.read_csv(monthly_root / "data" / "raw" / DEMO_UNTIL / "FRAVÆR-opgjort.csv",
                          encoding="utf-8-sig", dtype=str)
    pct = absence["Fravær opgjort (%)"].str.replace(",", ".").astype(float)
    enrolled_ids = set(_raw_register(monthly_root)["StudentInfo_ElevId"])
    expected = pct[absence["Elev id"].isin(enrolled_ids)].mean()
    assert abs(summary["absence"]["mean_pct"] - expected) < 0.01


def test_report_is_one_offline_file_without_code(monthly_root: Path):
    html = _report(monthly_root)
    assert "<title>Månedsrapport november 2026</title>" in html
    assert '<html lang="da">' in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html), "external resource"
    assert "<script src=" not in html
    for code in ("report.load", "report.overview", "from fasthold", 'class="highlight'):
        assert code not in html  # no code cells
    images = re.findall(r"<img [^>]*>", html)
    assert images and all(re.search(r'alt="[^"]{40,}"', img) for img in images)
    assert all('src="data:image/png;base64,' in img for img in images)
    for heading in ("Overblik", "Elevtal", "Fravær"):
        assert f">{heading}<" in html or f"{heading}</h2>" in html


def test_danish_number_formats_in_the_report(monthly_root: Path):
    html = _report(monthly_root)
    assert re.search(r"\d,\d %", html)  # a percentage with decimal comma and space
    assert re.search(r"1\.\d{3}", html)  # a thousands separator


def test_index_lists_the_report_and_validation_exists(monthly_root: Path):
    index = (monthly_root / "reports" / "index.html").read_text(encoding="utf-8")
    assert f'href="{DEMO_UNTIL}/maanedsrapport.html"' in index
    assert (monthly_root / "reports" / DEMO_UNTIL / "validering.html").exists()
    assert (monthly_root / "reports" / DEMO_UNTIL / "maanedsrapport.ipynb").exists()


def test_no_student_names_in_leadership_outputs(monthly_root: Path):
    names = set(_raw_register(monthly_root)["StudentInfo_LastName"])
    ids = set(_raw_register(monthly_root)["StudentInfo_ElevId"])
    for name in ("maanedsrapport.html", "maanedsrapport.ipynb", "summary.json"):
        text = (monthly_root / "reports" / DEMO_UNTIL / name).read_text(encoding="utf-8")
        assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", text)], name
        assert not [i for i in ids if i in text], name
