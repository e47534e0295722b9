"""The demo school: ``fasthold demo`` writes a simulated school's pulls as Lectio exports.

See :mod:`fasthold.demo.school` for the dynamics and :mod:`fasthold.demo.exports` for the file
shapes.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from fasthold.demo.exports import register_at, write_absence, write_conversations, write_register
from fasthold.demo.school import School, newest_period, simulate
from fasthold.errors import reject


def write_demo(raw_dir: Path, seed: int = 7, students: int = 1200, until: str | None = None,
               today: dt.date | None = None) -> list[str]:
    """Write every pull of the demo school under ``raw_dir``; returns the periods written.

    Refuses to touch a pull folder that already exists, so real data is never overwritten.
    """
    until = until or newest_period(today or dt.date.today())
    school = simulate(seed, students, until)
    existing = [p for p, _ in school.pulls if (raw_dir / p).exists()]
    if existing:
        raise reject(str(raw_dir / existing[0]), "findes allerede; demoskolen skrives kun i "
                                                 "tomme mapper (flyt eller slet de gamle træk)")
    raw_dir.mkdir(parents=True, exist_ok=True)
    for index, (period, _) in enumerate(school.pulls):
        with tempfile.TemporaryDirectory(dir=raw_dir, prefix=f".{period}-") as tmp:
            folder = Path(tmp) / period
            write_pull_folder(folder, school, index)
            shutil.move(folder, raw_dir / period)
    return [p for p, _ in school.pulls]


def write_pull_folder(folder: Path, school: School, index: int) -> None:
    """The exports of the school's ``index``-th pull, in that pull's file shapes."""
    period, snap = school.pulls[index]
    folder.mkdir(parents=True)
    register = register_at(school, snap)
    write_register(folder, register, index % 4)
    write_absence(folder, school.absence[period], register, (index * 3 + 1) % 4)
    write_conversations(folder, school.conversations, snap)
    if snap.day != 10:
        (folder / "pull.toml").write_text(
            f"# Trækket er taget mandag efter den 10.\nsnapshot_date = {snap}\n",
            encoding="utf-8")
