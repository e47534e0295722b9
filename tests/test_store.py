"""The store: one pull replaced at a time, order-independent, skipped when unchanged, atomic."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from fasthold.cli import main
from fasthold.paths import Paths
from fasthold.store import Store, atomic_write
from tests.pulls import ABSENCE, ABSENCE_HEADER, CPRS, csv_text, replace_cell, write_pull


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _import(root: Path, *args: str) -> int:
    return main(["--root", str(root), "import", *args])


def test_pulls_in_any_order_give_the_same_panel(demo_raw: Path, tmp_path: Path):
    periods = ["2026-08", "2026-09", "2026-10"]
    panels = []
    for order in (periods, list(reversed(periods))):
        root = tmp_path / "-".join(order)
        for period in order:
            shutil.copytree(demo_raw / period, Paths(root).raw / period)
            assert _import(root, period) == 0
        panels.append(Store(Paths(root).processed).panel())
        identities = Store(Paths(root).processed).identities()
        assert identities["period"].max() == "2026-10"
    pd.testing.assert_frame_equal(panels[0], panels[1])
    assert sorted(panels[0]["period"].unique()) == periods


def test_reimport_replaces_only_that_pull_and_unchanged_is_skipped(tmp_path: Path, capsys):
    raw = Paths(tmp_path).raw
    write_pull(raw, "2025-10")
    write_pull(raw, "2025-11")
    assert _import(tmp_path, "--all") == 0
    store = Store(Paths(tmp_path).processed)
    before = store.panel()
    stamp = store.imports()["2025-10"]["imported_at"]
    capsys.readouterr()
    assert _import(tmp_path, "2025-10") == 0
    assert "uændret siden sidste import" in capsys.readouterr().out
    assert store.imports()["2025-10"]["imported_at"] == stamp
    (raw / "2025-10" / "fravaer.csv").write_text(csv_text(ABSENCE_HEADER, replace_cell(
        replace_cell(ABSENCE, 0, 1, "10,3%"), 0, 2, "38/368")), encoding="utf-8")
    assert _import(tmp_path, "2025-10") == 0
    after = store.panel()
    assert (after[after["period"] == "2025-11"].reset_index(drop=True)
            .equals(before[before["period"] == "2025-11"].reset_index(drop=True)))
    changed = after[(after["period"] == "2025-10") & (after["student_id"] == "01234567890")]
    assert changed["absent_modules"].iloc[0] == 38 and changed["absence_pct"].iloc[0] == 10.3


def test_raw_files_are_never_written_and_no_cpr_is_stored(tmp_path: Path):
    raw = Paths(tmp_path).raw
    write_pull(raw, "2025-11")
    hashes = {p: _hash(p) for p in raw.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in hashes}
    assert _import(tmp_path, "--all") == 0
    assert {p: _hash(p) for p in hashes} == hashes
    assert {p: p.stat().st_mtime_ns for p in hashes} == mtimes
    stored = b"".join(p.read_bytes() for p in Paths(tmp_path).processed.rglob("*")
                      if p.is_file())
    for cpr in CPRS:
        assert cpr.encode() not in stored and cpr.replace("-", "").encode() not in stored
    panel = Store(Paths(tmp_path).processed).panel()
    assert "name" not in panel.columns and "cpr" not in panel.columns
    assert panel["birth_date"].notna().all()


def test_atomic_write_keeps_the_last_good_file_when_writing_fails(tmp_path: Path):
    target = tmp_path / "panel.parquet"
    target.write_text("last good state")

    def crash(tmp: Path) -> None:
        tmp.write_text("half writ")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, crash)
    assert target.read_text() == "last good state"
    assert [p.name for p in tmp_path.iterdir()] == ["panel.parquet"]  # no temporary left


def test_validation_result_is_kept_and_rendered(tmp_path: Path):
    raw = Paths(tmp_path).raw
    write_pull(raw, "2025-10")
    write_pull(raw, "2025-11", register=None)
    assert _import(tmp_path, "--all") == 0
    result = json.loads((Paths(tmp_path).processed / "validering" / "2025-11.json").read_text())
    assert result["status"] in {"ok", "advarsler"} and len(result["checks"]) == 20
    page = (Paths(tmp_path).reports / "2025-11" / "validering.html").read_text()
    assert "Validering af trækket 2025-11" in page and page.count("<tr>") == 21
    for cpr in CPRS:
        assert cpr not in page


def test_warnings_are_summarised_with_the_page_path(tmp_path: Path, capsys):
    raw = Paths(tmp_path).raw
    write_pull(raw, "2025-10")
    absence = csv_text(ABSENCE_HEADER, [r for r in ABSENCE if r[0] != "01234567895"])
    write_pull(raw, "2025-11", absence=absence)
    assert _import(tmp_path, "--all") == 0
    out = capsys.readouterr().out
    assert "2025-11: importeret; 20 tjek, 1 advarsel(er)" in out
    assert "en indskrevet elev bør have en række i fraværsfilen (1 af 5)" in out
    assert "validering.html" in out
