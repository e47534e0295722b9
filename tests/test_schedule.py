"""Running on a schedule: what is due, idempotence, the lock, a real SIGKILL, manifests, logs."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fasthold.config import load_config
from fasthold.paths import Paths
from fasthold.runlog import locked
from fasthold.schedule import due_jobs, pull_inputs, record_built, school_year_calendar
from tests.conftest import run_cli
from tests.pulls import ABSENCE, ABSENCE_HEADER, CPRS, REGISTER, csv_text, replace_cell, write_pull


def _keys(jobs) -> list[str]:
    return [j.key for j in jobs]


def test_due_on_a_sequence_of_dates_with_a_missed_month_and_a_reexport(tmp_path: Path):
    paths, config = Paths(tmp_path), load_config(None)
    for period in ("2025-10", "2025-12", "2026-01"):  # November was never exported
        write_pull(paths.raw, period)
    assert _keys(due_jobs(paths, config, dt.date(2025, 10, 9))) == []
    assert _keys(due_jobs(paths, config, dt.date(2025, 10, 10))) == ["2025-10"]
    assert _keys(due_jobs(paths, config, dt.date(2025, 12, 31))) == ["2025-10", "2025-12",
                                                                     "2025-Q4"]
    for key in ("2025-10", "2025-12"):
        record_built(paths, key, pull_inputs(paths, key, config)[1])
    assert _keys(due_jobs(paths, config, dt.date(2025, 12, 31))) == ["2025-Q4"]
    from fasthold.schedule import quarter_inputs

    record_built(paths, "2025-Q4", quarter_inputs(paths, "2025-Q4", config))
    assert _keys(due_jobs(paths, config, dt.date(2026, 1, 12))) == ["2026-01"]
    # a re-export of an old pull makes its report and its quarter due again
    (paths.raw / "2025-10" / "fravaer.csv").write_text(csv_text(ABSENCE_HEADER, replace_cell(
        ABSENCE, 1, 1, "2,3%")), encoding="utf-8")
    assert _keys(due_jobs(paths, config, dt.date(2026, 1, 12))) == ["2025-10", "2025-Q4",
                                                                    "2026-01"]


def test_a_quarter_without_its_last_pull_is_due_after_the_grace_days(tmp_path: Path):
    paths, config = Paths(tmp_path), load_config(None)
    write_pull(paths.raw, "2026-04")
    record_built(paths, "2026-04", pull_inputs(paths, "2026-04", config)[1])
    assert _keys(due_jobs(paths, config, dt.date(2026, 7, 14))) == []
    assert _keys(due_jobs(paths, config, dt.date(2026, 7, 15))) == ["2026-Q2"]


def test_calendar_marks_built_due_and_late(tmp_path: Path):
    paths, config = Paths(tmp_path), load_config(None)
    write_pull(paths.raw, "2025-09")
    write_pull(paths.raw, "2025-10")
    record_built(paths, "2025-09", pull_inputs(paths, "2025-09", config)[1])
    rows = {r["key"]: r["state"] for r in school_year_calendar(paths, config,
                                                                dt.date(2025, 10, 20))}
    assert rows["2025-09"] == "bygget" and rows["2025-10"] == "forsinket"
    assert rows["2025-11"] == "kommende" and rows["2025-Q3"] == "forsinket"
    assert "2026-07" not in rows and rows["2026-Q2"] == "kommende"


@pytest.fixture(scope="module")
def small_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("schedule")
    write_pull(Paths(root).raw, "2025-10")
    write_pull(Paths(root).raw, "2025-11")
    return root


def test_run_due_builds_once_then_does_nothing(small_root: Path):
    first = run_cli("--root", str(small_root), "run-due", "--today", "2025-11-12")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("bygger monthly") == 2 and "2025-11/maanedsrapport.html" in \
        first.stdout
    second = run_cli("--root", str(small_root), "run-due", "--today", "2025-11-12")
    assert second.returncode == 0 and "Intet at bygge" in second.stdout
    index = (small_root / "reports" / "index.html").read_text(encoding="utf-8")
    assert "Årshjul" in index and "Kvartalsmøde" in index


def test_manifest_records_inputs_versions_steps_and_outcome(small_root: Path):
    manifests = sorted((Paths(small_root).processed / "runs").glob("*.json"))
    data = json.loads(manifests[-2].read_text())  # the run that built the reports
    assert "run-due" in data["command"] and data["outcome"] == "ok"
    assert {i["file"] for i in data["inputs"]} >= {"data/raw/2025-11/elever.csv",
                                                   "data/raw/2025-11/fravaer.csv"}
    assert all(len(i["sha256"]) == 64 for i in data["inputs"])
    assert {"python", "fasthold", "pandas", "great-expectations"} <= set(data["versions"])
    assert [s["step"] for s in data["steps"]] == ["månedsrapport 2025-10",
                                                  "månedsrapport 2025-11"]
    assert len(data["config_sha256"]) == 64
    report = (small_root / "reports" / "2025-11" / "maanedsrapport.html").read_text()
    assert "datafingeraftryk" in report


def test_logs_hold_no_personal_data(small_root: Path):
    text = "".join(p.read_text(encoding="utf-8") for p in
                   (Paths(small_root).processed / "runs").iterdir())
    names = [r[1] for r in REGISTER]
    ids = [r[0] for r in REGISTER]
    for secret in names + ids + CPRS:
        assert secret not in text


def test_a_second_run_stops_while_the_lock_is_held_and_a_stale_lock_is_taken_over(
        small_root: Path):
    paths = Paths(small_root)
    with locked(paths):
        busy = run_cli("--root", str(small_root), "run-due", "--today", "2025-11-12")
    assert busy.returncode == 1 and "en anden kørsel" in busy.stderr
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (paths.processed / "fasthold.lock").write_text(str(dead.pid))
    stale = run_cli("--root", str(small_root), "run-due", "--today", "2025-11-12")
    assert stale.returncode == 0 and "forældet lås" in stale.stderr
    assert not (paths.processed / "fasthold.lock").exists()


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".run-") for part in p.parts)}


def test_sigkill_during_the_notebook_leaves_no_partial_file(small_root: Path):
    reports = small_root / "reports" / "2025-11"
    before = _tree(small_root / "reports")
    process = subprocess.Popen([sys.executable, "-m", "fasthold", "--root", str(small_root),
                                "monthly", "2025-11"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list(reports.glob(".run-*/*.ipynb")):
        time.sleep(0.05)  # papermill writes the output notebook as execution starts
    assert list(reports.glob(".run-*")), "the notebook never started"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert _tree(small_root / "reports") == before  # nothing visible changed
    again = run_cli("--root", str(small_root), "monthly", "2025-11")
    assert again.returncode == 0, again.stderr
    assert not list(reports.glob(".run-*"))
    assert "forældet lås" in again.stderr  # the killed run's lock was taken over
