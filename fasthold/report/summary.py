"""``summary.json``: the month's figures, exact and machine-readable (the analyst's file).

Every figure comes from :mod:`fasthold.indicators`; suppression applies to the HTML only.
"""

from __future__ import annotations

import pandas as pd

from fasthold.config import Config
from fasthold.indicators import exits, groups
from fasthold.indicators.absence import mean_absence
from fasthold.indicators.headcount import headcount, headcount_change
from fasthold.indicators.month import MonthIndicators


def monthly_summary(panel: pd.DataFrame, month: MonthIndicators, config: Config,
                    validation: dict | None) -> dict:
    """Every key the design lists for ``summary.json``."""
    period = month.period
    total = headcount_change(panel, period, ["period"], config.school_year_start_month)
    since_last = month.exits[month.exits["period"] == period]
    tier_counts = month.current["tier"].value_counts()
    return {
        "period": period,
        "snapshot_date": month.snapshot_date.date().isoformat(),
        "headcount": {
            "total": int(headcount(panel, period, ["period"]).sum()),
            "by_programme": _ints(headcount(panel, period, ["programme"])),
            "by_class": _ints(headcount(panel, period, ["class"])),
        },
        "headcount_change": {
            "since_last_pull": int(total["since_last_pull"].sum()) if month.previous else None,
            "since_school_year_start": int(total["since_school_year_start"].sum()),
        },
        "exits": {
            "since_last_pull": len(since_last),
            "dropouts_since_last_pull": int(since_last["dropout"].sum()),
            "by_category": exits.exit_counts(since_last, config),
            "year_to_date": exits.exit_counts(
                exits.year_to_date(month.exits, panel, period, config), config),
        },
        "absence": {
            "mean_pct": round(mean_absence(panel, period), 2),
            "by_programme": {k: round(v, 2) for k, v in
                             mean_absence(panel, period, "programme").items()},
        },
        "groups": groups.group_counts(month.grouped, period),
        "tiers": {t.navn: int(tier_counts.get(t.navn, 0)) for t in config.tiers},
        "missing_students": len(month.missing),
        "follow_up": month.follow_up,
        "validation": {"status": validation["status"] if validation else None,
                       "warnings": sum(1 for c in (validation or {}).get("checks", [])
                                       if not c["success"])},
    }


def _ints(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.items()}
