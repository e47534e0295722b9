"""Everything one month's report needs, computed once from the panel and the log."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fasthold.config import Config
from fasthold.indicators import cohorts, early_warning, exits, groups, tiers
from fasthold.indicators.absence import absence_history
from fasthold.indicators.enrolment import previous_period, snapshot
from fasthold.indicators.followup import follow_up
from fasthold.indicators.missing import missing_students
from fasthold.indicators.sudden import class_signals


@dataclass
class MonthIndicators:
    """The computed frames of one pull; each field is a documented indicator's output."""

    period: str
    previous: str | None
    snapshot_date: pd.Timestamp
    history: pd.DataFrame  # absence_history
    tiered: pd.DataFrame  # + tiers at every pull
    grouped: pd.DataFrame  # + groups at every pull
    current: pd.DataFrame  # this pull's enrolled students, tiers explained, groups
    exits: pd.DataFrame  # exit_history
    missing: pd.DataFrame
    signals: pd.DataFrame
    log: pd.DataFrame
    follow_up: dict
    retention: pd.DataFrame
    warnings: pd.DataFrame


def compute_month(panel: pd.DataFrame, conversations: pd.DataFrame | None, period: str,
                  config: Config) -> MonthIndicators:
    history = absence_history(panel, config.school_year_start_month)
    tiered = tiers.assign_tiers(history, config)
    grouped = groups.group_history(tiered, config, conversations)
    current = tiers.explain_tiers(grouped[grouped["period"] == period], config)
    exit_rows = exits.exit_history(panel, config)
    log = groups.log_at(conversations, period)
    ytd = exits.year_to_date(exit_rows, panel, period, config)
    spell = cohorts.spells(panel, config)
    return MonthIndicators(
        period=period, previous=previous_period(panel, period),
        snapshot_date=snapshot(panel, period), history=history, tiered=tiered,
        grouped=grouped, current=current, exits=exit_rows,
        missing=missing_students(panel, period),
        signals=class_signals(panel, history, period, config), log=log,
        follow_up=follow_up(grouped, ytd, log, period, config),
        retention=cohorts.retention(spell, ["programme", "referred"]),
        warnings=early_warning.backtest(tiered, exit_rows, config))
