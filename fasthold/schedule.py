"""What is due on a given day: a monthly report for every pull whose snapshot date has come, a
quarterly report once the quarter's last pull is there or the quarter ended long enough ago —
each only when it is missing or its inputs (content hash of the raw files and the settings) have
changed since it was built.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from fasthold.config import Config
from fasthold.indicators.quarter import quarter_periods
from fasthold.lectio import find_pull, pull_periods
from fasthold.paths import Paths
from fasthold.store import atomic_text, fingerprint

QUARTER_GRACE_DAYS = 14


@dataclass(frozen=True)
class Job:
    kind: str  # "monthly" or "quarterly"
    key: str  # "2026-11" or "2026-Q4"
    date: dt.date  # when it became due
    inputs: str  # the content hash it will be built from


def pull_inputs(paths: Paths, period: str, config: Config) -> tuple[dt.date, str]:
    pull = find_pull(paths.raw, period)
    return pull.snapshot_date, fingerprint(pull.inputs, config.digest())


def _quarter_of(period: str, first_month: int) -> str:
    year, month = int(period[:4]), int(period[5:])
    index = (month - first_month) % 12
    start_year = year if month >= first_month else year - 1
    return f"{start_year}-Q{index // 3 + 1}"


def _quarter_end(quarter: str, first_month: int) -> dt.date:
    last = quarter_periods(quarter, first_month)[-1]
    year, month = int(last[:4]), int(last[5:])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def due_jobs(paths: Paths, config: Config, today: dt.date) -> list[Job]:
    """Every report due on ``today`` and not yet built from its current inputs, in date order."""
    built = built_reports(paths)
    jobs: list[Job] = []
    by_quarter: dict[str, list[tuple[str, dt.date, str]]] = {}
    for period in pull_periods(paths.raw):
        snap, inputs = pull_inputs(paths, period, config)
        if snap > today:
            continue
        by_quarter.setdefault(_quarter_of(period, config.quarter_start_month), []).append(
            (period, snap, inputs))
        if built.get(period) != inputs:
            jobs.append(Job("monthly", period, snap, inputs))
    for quarter, pulls in by_quarter.items():
        months = quarter_periods(quarter, config.quarter_start_month)
        end = _quarter_end(quarter, config.quarter_start_month)
        has_last = any(p == months[-1] for p, _, _ in pulls)
        if not has_last and today <= end + dt.timedelta(days=QUARTER_GRACE_DAYS):
            continue
        inputs = _combined([i for _, _, i in sorted(pulls)])
        if built.get(quarter) != inputs:
            when = max(s for _, s, _ in pulls) if has_last else end + dt.timedelta(
                days=QUARTER_GRACE_DAYS)
            jobs.append(Job("quarterly", quarter, when, inputs))
    return sorted(jobs, key=lambda j: (j.date, j.kind == "quarterly", j.key))


def _combined(digests: list[str]) -> str:
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def quarter_inputs(paths: Paths, quarter: str, config: Config) -> str:
    """The inputs hash of a quarterly report: its pulls' hashes together."""
    wanted = set(quarter_periods(quarter, config.quarter_start_month))
    return _combined([pull_inputs(paths, p, config)[1]
                      for p in sorted(set(pull_periods(paths.raw)) & wanted)])


def built_reports(paths: Paths) -> dict[str, str]:
    """Report key → the inputs hash it was last built from."""
    path = paths.processed / "rapporter.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def record_built(paths: Paths, key: str, inputs: str) -> None:
    built = built_reports(paths)
    built[key] = inputs
    atomic_text(paths.processed / "rapporter.json", json.dumps(dict(sorted(built.items())),
                                                                indent=1))


def school_year_calendar(paths: Paths, config: Config, today: dt.date) -> list[dict]:
    """The årshjul of today's school year: every pull on the 10th and every quarterly meeting,
    each ``bygget`` (built), ``forfalden`` (due, not built) or ``kommende`` (ahead);
    ``forsinket`` when due more than a week ago and still not built."""
    start_month = config.school_year_start_month
    year = today.year if today.month >= start_month else today.year - 1
    built = built_reports(paths)
    due = {j.key for j in due_jobs(paths, config, today)}
    rows = []
    for k in range(12):
        month = (start_month - 1 + k) % 12 + 1
        y = year + (start_month - 1 + k) // 12
        period = f"{y}-{month:02d}"
        day = dt.date(y, month, 10)
        if month == 7:
            continue
        rows.append(_status("Månedstræk", period, day, period in built, period in due, today))
        quarter = _quarter_of(period, config.quarter_start_month)
        if quarter_periods(quarter, config.quarter_start_month)[-1] == period:
            meeting = _quarter_end(quarter, config.quarter_start_month) + dt.timedelta(days=1)
            rows.append(_status("Kvartalsmøde", quarter, meeting, quarter in built,
                                quarter in due, today))
    return rows


def _status(kind: str, key: str, day: dt.date, built: bool, due: bool, today: dt.date) -> dict:
    if built and not due:
        state = "bygget"
    elif day > today:
        state = "kommende"
    else:
        state = "forsinket" if (today - day).days > 7 else "forfalden"
    return {"kind": kind, "key": key, "date": day.isoformat(), "state": state}
