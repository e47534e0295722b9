"""`make bench`: timings that matter to the users, printed as numbers (never asserted).

Each measurement runs in a fresh subprocess so that peak memory (VmHWM) is its own; "work" is
the wall time of the measured call after the interpreter and the libraries have started.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent

IMPORT_ONE = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path

import pandas as pd
import great_expectations, pandas, openpyxl, pyarrow  # library start-up, not timed as work
from fasthold.config import load_config
from fasthold.paths import Paths
from fasthold.pipeline import import_pull
from fasthold.validation.run import _context
_context()
startup = time.perf_counter() - t0
paths, config = Paths(Path(sys.argv[1])), load_config(None)
for period in sys.argv[3:]:
    import_pull(paths, period, config)  # earlier pulls, for the comparison checks
t1 = time.perf_counter()
import_pull(paths, sys.argv[2], config, force=True)
work = time.perf_counter() - t1
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM")) / 1024  # ru_maxrss would carry the parent's over exec
print(json.dumps({"startup_s": startup, "work_s": work, "peak_mb": peak}))
"""


def write_school(root: Path, students: int, until: str, pulls: int) -> list[str]:
    """The demo school at ``students``, only its last ``pulls`` pull folders written."""
    from fasthold.demo import write_pull_folder
    from fasthold.demo.school import simulate

    school = simulate(7, students, until)
    # Only the last pulls are written, so a student who vanished before them would be unknown
    # to the conversation log's check; that scenario is tested elsewhere, not timed here.
    school.students["vanishes"] = False
    indices = range(len(school.pulls) - pulls, len(school.pulls))
    for index in indices:
        write_pull_folder(root / "data" / "raw" / school.pulls[index][0], school, index)
    return [school.pulls[i][0] for i in indices]


def measure_import(students: int, until: str, label: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        periods = write_school(Path(tmp), students, until, 2)
        made = time.perf_counter() - t
        out = subprocess.run([sys.executable, "-c", IMPORT_ONE, tmp, periods[-1], periods[0]],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        files = sorted(p.name for p in (Path(tmp) / "data" / "raw" / periods[-1]).iterdir())
        print(f"import+validation, {students:>7,} students, {label:<5} ({', '.join(files)}): "
              f"work {r['work_s']:6.2f} s, start-up {r['startup_s']:5.2f} s, "
              f"peak {r['peak_mb']:6.0f} MB   (demo written in {made:.0f} s)")


INDICATORS = """
import json, sys, time
from pathlib import Path

import pandas as pd
import pandas as pd
from fasthold.config import load_config
from fasthold.indicators.month import compute_month
panel = pd.read_parquet(sys.argv[1])
log = pd.read_parquet(sys.argv[2])
t = time.perf_counter()
month = compute_month(panel, log, panel["period"].max(), load_config(None))
work = time.perf_counter() - t
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM")) / 1024  # ru_maxrss would carry the parent's over exec
print(json.dumps({"work_s": work, "peak_mb": peak, "rows": len(panel)}))
"""


def school_panel(students: int, until: str, years_back: int) -> tuple[pd.DataFrame,
                                                                       pd.DataFrame]:
    """The demo school's panel and log built straight from the simulation (no files)."""
    from fasthold.demo.exports import register_at
    from fasthold.demo.school import simulate
    from fasthold.indicators.enrolment import is_enrolled
    from fasthold.store import PANEL_COLUMNS

    school = simulate(7, students, until, years_back)
    frames = []
    for period, snap in school.pulls:
        reg = register_at(school, snap).merge(school.absence[period], on="student_id",
                                              how="left")
        snap_ts = pd.Timestamp(snap)
        frame = pd.DataFrame({
            "period": period, "snapshot_date": snap_ts, "student_id": reg["student_id"],
            "class": reg["class"], "programme": reg["programme"],
            "grade_year": reg["grade_year"], "start_date": pd.to_datetime(reg["start_date"]),
            "end_date": pd.to_datetime(reg["end_date"]), "status": reg["status"].str.lower(),
            "exit_reason": reg["exit_reason"], "birth_date": pd.to_datetime(reg["birth_date"]),
            "referred": reg["referred"].astype("boolean"),
            "absence_pct": (reg["absent_modules"] / reg["held_modules"] * 100).round(1),
            "absent_modules": reg["absent_modules"], "held_modules": reg["held_modules"],
            "written_pct": (reg["written_absent_hours"] / reg["written_total_hours"] * 100
                            ).round(1),
            "written_absent_hours": reg["written_absent_hours"],
            "written_total_hours": reg["written_total_hours"]})
        frame["enrolled"] = is_enrolled(frame["start_date"], frame["end_date"], snap_ts)
        frames.append(frame[PANEL_COLUMNS])
    log = school.conversations.assign(date=pd.to_datetime(school.conversations["date"]),
                                      period=school.pulls[-1][0])
    return pd.concat(frames, ignore_index=True), log


def measure_indicators(students: int, until: str, years_back: int) -> None:
    t = time.perf_counter()
    panel, log = school_panel(students, until, years_back)
    made = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        panel.to_parquet(Path(tmp) / "panel.parquet")
        log.to_parquet(Path(tmp) / "log.parquet")
        out = subprocess.run([sys.executable, "-c", INDICATORS, str(Path(tmp) / "panel.parquet"),
                              str(Path(tmp) / "log.parquet")], capture_output=True, text=True,
                             check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    pulls = panel["period"].nunique()
    print(f"all indicators, {students:>7,} students × {pulls} pulls ({r['rows']:,} panel rows): "
          f"work {r['work_s']:6.2f} s, peak {r['peak_mb']:6.0f} MB   (panel built in {made:.0f} s)")


FLOOR_NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "p", "outputs": [],
               "metadata": {"tags": ["parameters"]}, "source": "period = None"},
              {"cell_type": "code", "execution_count": None, "id": "f", "outputs": [],
               "metadata": {}, "source": "import pandas as pd\nimport seaborn as sns\n"
               "import matplotlib.pyplot as plt\nax = sns.histplot(pd.Series(range(100)))\n"
               "plt.show()"}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}


def measure_monthly() -> None:
    """`fasthold monthly` on the demo school beside a minimal notebook run the same way."""


    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        subprocess.run([sys.executable, "-m", "fasthold", "--root", tmp, "demo"], check=True,
                       capture_output=True)
        subprocess.run([sys.executable, "-m", "fasthold", "--root", tmp, "import", "--all"],
                       check=True, capture_output=True)
        runs = []
        for _ in range(2):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "fasthold", "--root", tmp, "monthly"],
                           check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
        floor = []
        source = root / "floor.ipynb"
        source.write_text(json.dumps(FLOOR_NOTEBOOK))
        script = ("import sys, papermill; from pathlib import Path; "
                  "from fasthold.pipeline import render_html; "
                  "papermill.execute_notebook(sys.argv[1], sys.argv[2], progress_bar=False, "
                  "parameters={'period': 'x'}, kernel_name='python3'); "
                  "render_html(Path(sys.argv[2]), Path(sys.argv[3]))")
        for _ in range(2):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", script, str(source),
                            str(root / "floor-out.ipynb"), str(root / "floor.html")],
                           check=True, capture_output=True)
            floor.append(time.perf_counter() - t)
    print(f"fasthold monthly (demo school, pull already imported): {min(runs):5.1f} s; minimal "
          f"notebook executed and rendered the same way: {min(floor):5.1f} s; ratio "
          f"{min(runs) / min(floor):.2f}× (best of 2 each, both whole processes)")


def main() -> None:
    now = f"{dt.datetime.now():%Y-%m-%d %H:%M}"
    print(f"fasthold benchmarks, {now}, Python {sys.version.split()[0]}")
    measure_monthly()
    measure_indicators(1_200, "2026-11", 1)
    measure_indicators(100_000, "2026-09", 2)
    measure_import(1_200, "2026-11", "csv")
    measure_import(1_200, "2026-09", "xlsx")
    measure_import(100_000, "2026-11", "csv")
    measure_import(100_000, "2026-09", "xlsx")


if __name__ == "__main__":
    main()
