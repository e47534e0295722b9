"""``summary.json``: the month's figures, exact and machine-readable (the analyst's file)."""

from __future__ import annotations

import pandas as pd

from fasthold.config import Config
from fasthold.indicators.absence import mean_absence
from fasthold.indicators.headcount import headcount


def monthly_summary(panel: pd.DataFrame, period: str, config: Config) -> dict:
    """Every figure of the monthly report for ``period``, computed by the indicator functions."""
    rows = panel[panel["period"] == period]
    if rows.empty:
        raise ValueError(f"perioden {period} er ikke importeret")
    return {
        "period": period,
        "snapshot_date": rows["snapshot_date"].iloc[0].date().isoformat(),
        "headcount": {
            "total": int(headcount(panel, period, ["period"]).sum()),
            "by_programme": _ints(headcount(panel, period, ["programme"])),
            "by_class": _ints(headcount(panel, period, ["class"])),
        },
        "absence": {
            "mean_pct": round(mean_absence(panel, period), 2),
            "by_programme": {k: round(v, 2) for k, v in
                             mean_absence(panel, period, "programme").items()},
        },
    }


def _ints(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.items()}
