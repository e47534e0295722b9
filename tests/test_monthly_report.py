"""The monthly report's outputs: figures equal the indicators, privacy, escaping, failure."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from fasthold.config import load_config
from fasthold.indicators import exits, groups
from fasthold.indicators.month import compute_month
from fasthold.paths import Paths
from fasthold.privacy import neutralise_csv, suppress, suppression_mask
from fasthold.store import Store
from tests.conftest import DEMO_UNTIL, run_cli
from tests.pulls import ABSENCE, ABSENCE_HEADER, REGISTER, REGISTER_HEADER, csv_text, write_pull

DESIGN_KEYS = {"period", "snapshot_date", "headcount", "headcount_change", "exits", "absence",
               "groups", "tiers", "missing_students", "validation"}


def _summary(root: Path) -> dict:
    return json.loads((root / "reports" / DEMO_UNTIL / "summary.json").read_text())


def test_summary_has_every_design_key_and_equals_the_indicators(monthly_root: Path):
    summary = _summary(monthly_root)
    assert set(summary) >= DESIGN_KEYS
    assert set(summary["headcount"]) >= {"total", "by_programme", "by_class"}
    assert set(summary["headcount_change"]) == {"since_last_pull", "since_school_year_start"}
    assert set(summary["exits"]) >= {"since_last_pull", "dropouts_since_last_pull",
                                     "by_category"}
    assert set(summary["absence"]) == {"mean_pct", "by_programme"}
    config = load_config(None)
    store = Store(Paths(monthly_root).processed)
    panel = store.panel()
    month = compute_month(panel, store.conversations(), DEMO_UNTIL, config)
    assert summary["groups"] == groups.group_counts(month.grouped, DEMO_UNTIL)
    current = month.current
    assert summary["tiers"] == {t.navn: int((current["tier"] == t.navn).sum())
                                for t in config.tiers}
    since = month.exits[month.exits["period"] == DEMO_UNTIL]
    assert summary["exits"]["since_last_pull"] == len(since)
    assert summary["exits"]["by_category"] == exits.exit_counts(since, config)
    assert set(summary["exits"]["by_category"]) == {*config.reason_categories, "ukendt"}
    assert summary["missing_students"] == len(month.missing)
    previous = panel[(panel["period"] == month.previous) & panel["enrolled"]]
    assert summary["headcount_change"]["since_last_pull"] == (
        summary["headcount"]["total"] - len(previous))
    assert summary["validation"]["status"] in {"ok", "advarsler"}


def test_action_list_has_the_design_columns_and_only_a_b_or_tiered(monthly_root: Path):
    folder = monthly_root / "reports" / DEMO_UNTIL / "fortroligt"
    with (folder / "handlingsliste.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert list(rows[0]) == ["elev_id", "navn", "klasse", "uddannelse", "gruppe", "niveau",
                             "udloest_af", "handling", "under_18"]
    summary = _summary(monthly_root)
    assert {r["gruppe"] for r in rows} <= {"A", "B", "C"}
    assert sum(r["gruppe"] == "B" for r in rows) == summary["groups"]["B"]
    assert all(r["gruppe"] in "AB" or r["niveau"] for r in rows)
    assert all(r["navn"] for r in rows) and all(r["under_18"] in {"ja", "nej", ""} for r in rows)
    minors = [r for r in rows if r["niveau"] and r["under_18"] == "ja"]
    assert minors and all("forældre inddrages" in r["handling"] for r in minors)
    assert "Fortroligt" in (folder / "handlingsliste.html").read_text(encoding="utf-8")


def test_leadership_page_suppresses_small_counts(monthly_root: Path):
    html = (monthly_root / "reports" / DEMO_UNTIL / "maanedsrapport.html").read_text()
    assert "&lt;5" in html
    exits_table = html[html.index("Udmeldte elever efter årsag"):]
    exits_table = exits_table[:exits_table.index("</table>")]
    cells = re.findall(r"<td class=[\"']num[\"']>([^<]*)</td>", exits_table)
    assert cells and not [c for c in cells if c in {"1", "2", "3", "4"}]


def test_suppression_hides_a_second_cell_where_a_total_would_reveal_one():
    table = pd.DataFrame({"stx": [12, 3, 9], "hf": [6, 8, 7]}, index=["a", "b", "c"])
    mask = suppression_mask(table, 5)
    assert mask.loc["b", "stx"]  # 3 is small
    assert mask.loc["b", "hf"]  # the row total would reveal it
    assert mask["stx"].sum() >= 2  # and so would the column total
    shown = suppress(table, 5)
    assert shown.loc["b", "stx"] == "<5" and shown.loc["I alt", "I alt"] == "45"
    single = suppress(pd.DataFrame({"n": [10, 3, 7, 0]}, index=list("abcd")), 5)
    assert single["n"].tolist() == ["10", "<5", "<5", "0", "20"]


@pytest.mark.parametrize("cell, expected", [("=SUM(A1)", "'=SUM(A1)"), ("+45", "'+45"),
                                            ("-2", "'-2"), ("@x", "'@x"), ("Anna", "Anna")])
def test_csv_cells_that_start_a_formula_are_neutralised(cell, expected):
    assert neutralise_csv(cell) == expected


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    """Two small pulls whose register holds markup and a formula as names and a class."""
    root = tmp_path_factory.mktemp("hostile")
    register = [list(r) for r in REGISTER]
    register[0][1] = "=HYPERLINK(\"http://x\")"
    register[5][1] = "<script>alert('x')</script>"
    for r in register:
        r[2] = "1a<b>" if r[2] == "1a" else r[2]
    absence = [list(r) for r in ABSENCE]
    absence[0][1], absence[0][2] = "19,0%", "70/368"
    for period in ("2025-10", "2025-11"):
        write_pull(Paths(root).raw, period, register=csv_text(REGISTER_HEADER, register),
                   absence=csv_text(ABSENCE_HEADER, absence))
    result = run_cli("--root", str(root), "monthly", "2025-11")
    assert result.returncode == 0, result.stderr
    return root


def test_everything_from_an_input_file_is_escaped(hostile_root: Path):
    folder = hostile_root / "reports" / "2025-11"
    report = (folder / "maanedsrapport.html").read_text()
    assert "1a&lt;b&gt;" in report and "1a<b>" not in report
    actions = (folder / "fortroligt" / "handlingsliste.html").read_text()
    assert "&lt;script&gt;" in actions and "<script>alert" not in actions
    text = (folder / "fortroligt" / "handlingsliste.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    for name in ("HYPERLINK", "alert('x')", "Anna Holm", "01234567890"):
        assert name not in report


def _tree_hash(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "fejl" not in p.parts}


def test_a_failing_notebook_exits_1_keeps_it_and_publishes_nothing(hostile_root: Path):
    reports = hostile_root / "reports"
    before = _tree_hash(reports)
    panel_path = Paths(hostile_root).processed / "panel.parquet"
    good = panel_path.read_bytes()
    try:
        pd.read_parquet(panel_path).drop(columns=["absence_pct"]).to_parquet(panel_path)
        result = run_cli("--root", str(hostile_root), "monthly", "2025-11")
    finally:
        panel_path.write_bytes(good)
    assert result.returncode == 1
    assert "Rapporten fejlede: celle" in result.stderr and "KeyError" in result.stderr
    assert "Traceback" not in result.stderr
    assert list((reports / "2025-11" / "fejl").glob("*.ipynb"))
    assert _tree_hash(reports) == before
    assert not [p for p in (reports / "2025-11").iterdir() if p.name.startswith(".run-")]
