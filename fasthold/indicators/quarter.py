"""The quarter: which pulls it holds, and the findings that go to leadership ("Til drøftelse").

The findings are picked by fixed, documented rules and worded as facts:

1. **Headcount**: a programme whose headcount fell by 2 % or more over the quarter.
2. **Causes**: the cause coded most often in the quarter's exit interviews, when at least
   ``min_antal`` leavers named it.
3. **Follow-up**: each follow-up rate below ``[opfoelgning] maal_pct`` (with at least
   ``min_antal`` students behind it).
4. **Groups falling behind**: referred students' 6-month retention 5 points or more below the
   other students' in the same programme.
5. **Warnings**: the early-warning recall at the group-B tier below 60 %, or leavers the rules
   never flagged.
"""

from __future__ import annotations

import re

import pandas as pd

from fasthold.config import Config
from fasthold.errors import reject
from fasthold.report.format import number, percent

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_periods(quarter: str, first_month: int = 1) -> list[str]:
    """``'2026-Q4'`` → ``['2026-10', '2026-11', '2026-12']`` (calendar quarters by default)."""
    match = QUARTER.match(quarter)
    if not match:
        raise reject("kommandolinjen", f"kvartalet '{quarter}' skal skrives ÅÅÅÅ-Qn, fx 2026-Q4")
    year, n = int(match[1]), int(match[2])
    months = []
    for k in range(3):
        index = first_month - 1 + 3 * (n - 1) + k
        months.append(f"{year + index // 12}-{index % 12 + 1:02d}")
    return months


def findings(headcount: pd.DataFrame, causes: pd.Series, follow_up: dict,
             retention: pd.DataFrame, warnings: pd.DataFrame, never_flagged: int,
             config: Config) -> list[str]:
    """The few facts most worth leadership's attention, by the rules above."""
    out = []
    for programme, row in headcount.iterrows():
        if row["start"] and (row["end"] - row["start"]) / row["start"] <= -0.02:
            fall = (row["end"] / row["start"] - 1) * 100
            out.append(f"Elevtallet i {programme} faldt i kvartalet fra {number(row['start'])} "
                       f"til {number(row['end'])} ({percent(fall)}).")
    if len(causes) and causes.max() >= config.min_count:
        out.append(f"Den hyppigste årsag i kvartalets afbrudssamtaler var "
                   f"{causes.idxmax().lower()} ({number(causes.max())} elever).")
    labels = {"henviste_opstartssamtale": "henviste elever med opstartssamtale i tide",
              "b_samtale_i_tide": "nye frafaldstruede med samtale i tide",
              "afbrudssamtale": "frafaldne med afbrudssamtale",
              "foraeldre_inddraget": "elever under 18 på højeste niveau, hvor forældre er "
                                     "inddraget"}
    for key, label in labels.items():
        rate = follow_up[key]
        if rate["ud_af"] >= config.min_count and rate["andel_pct"] < config.follow_up_target:
            out.append(f"Andelen af {label} var {percent(rate['andel_pct'])} – under målet på "
                       f"{percent(config.follow_up_target, 0)}.")
    for programme in retention.index.get_level_values(0).unique():
        try:
            referred, others = retention.loc[(programme, True), 6], retention.loc[
                (programme, False), 6]
        except KeyError:
            continue
        if others - referred >= 0.05:
            out.append(f"Henviste elever i {programme} fastholdes dårligere: "
                       f"{percent(referred * 100)} er stadig indskrevet efter 6 måneder mod "
                       f"{percent(others * 100)} af de øvrige.")
    tier = warnings[warnings["niveau"] == config.at_risk_from]
    if len(tier) and tier["recall_pct"].iloc[0] is not None and tier["recall_pct"].iloc[0] < 60:
        out.append(f"Reaktionsmønstret fangede kun {percent(tier['recall_pct'].iloc[0])} af de "
                   f"frafaldne på niveau «{config.at_risk_from}», før de stoppede.")
    if never_flagged:
        out.append(f"{number(never_flagged)} frafaldne elever nåede aldrig noget niveau i "
                   "reaktionsmønstret, før de stoppede.")
    return out
