"""Indicators on a hand-made panel (tests/panels.py); every expected value worked out by hand."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from fasthold.config import load_config
from fasthold.indicators import cohorts, early_warning, exits, groups, headcount, missing, tiers
from fasthold.indicators.absence import absence_history
from fasthold.indicators.followup import follow_up
from fasthold.indicators.sudden import class_signals, control_limits
from tests.panels import log, school


@pytest.fixture(scope="module")
def panel():
    return school()


@pytest.fixture(scope="module")
def config():
    return load_config(None)


@pytest.fixture(scope="module")
def tiered(panel, config):
    return tiers.assign_tiers(absence_history(panel), config)


@pytest.fixture(scope="module")
def grouped(tiered, config):
    return groups.group_history(tiered, config, log())


def _by_id(frame: pd.DataFrame, period: str, column: str) -> dict:
    rows = frame[frame["period"] == period]
    return dict(zip(rows["student_id"], rows[column], strict=True))


def test_headcount_and_changes_across_a_skipped_month(panel):
    table = headcount.headcount_change(panel, "2025-12", ["programme"])
    assert table.loc["stx"].tolist() == [6, 4, 2, 6, 0]
    assert table.loc["hf"].tolist() == [2, 2, 0, 1, 1]
    assert headcount.headcount(panel, "2025-10", ["class"]).to_dict() == {"1a": 3, "1hfa": 2,
                                                                          "3x": 1}


def test_missing_students_are_listed_and_planned_leavers_are_not(panel):
    assert missing.missing_students(panel, "2025-12")["student_id"].tolist() == ["s03"]
    august = set(missing.missing_students(panel, "2026-08")["student_id"])
    assert august == {"s01", "s04", "s06", "s07", "s08", "s09"}  # s05 graduated as planned


def test_exits_by_category_dropouts_apart(panel, config):
    history = exits.exit_history(panel, config)
    october = history[history["period"] == "2025-10"].set_index("student_id")
    assert october["category"].to_dict() == {"s02": "skift_af_uddannelse", "s07": "personlige"}
    assert october["dropout"].all()
    assert history[history["period"] == "2025-12"].empty
    august = history[history["period"] == "2026-08"]
    assert august["student_id"].tolist() == ["s05"] and august["category"].iloc[0] == "gennemfoert"
    assert not august["dropout"].iloc[0]
    ytd = exits.exit_counts(exits.year_to_date(history, panel, "2025-12", config), config)
    assert ytd == {"faglige": 0, "personlige": 1, "sociale": 0, "strukturelle": 0,
                   "skift_af_uddannelse": 1, "gennemfoert": 0, "ukendt": 0}
    assert exits.same_point_last_year(history, panel, "2025-12", config) is None
    assert exits.same_point_last_year(history, panel, "2026-08", config).empty


def test_reason_mapping_is_first_match_case_insensitive(config):
    reasons = pd.Series(["Mistrivsel", "FLYTNING", "Faglig og social", "Andet", None,
                         "Skift til anden uddannelse"])
    assert exits.classify_reasons(reasons, config.reason_categories).tolist() == [
        "sociale", "strukturelle", "faglige", "ukendt", "ukendt", "skift_af_uddannelse"]


def test_monthly_rate_and_rise(panel):
    history = absence_history(panel)
    monthly = _by_id(history, "2025-12", "monthly_pct")
    assert monthly["s01"] == 14.0  # (40 − 12) / (400 − 200), November skipped
    assert monthly["s04"] == 4.0 and monthly["s06"] == 24.0 and monthly["s05"] == 0.5
    assert monthly["s07"] == 2.5  # came back: cumulative since the new start
    assert monthly["s10"] == 2.0  # first pull seen: cumulative
    rise = _by_id(history, "2025-12", "rise_pp")
    assert rise["s01"] == 8.0 and rise["s04"] == -6.0 and rise["s06"] == 16.0
    assert pd.isna(rise["s07"]) and pd.isna(rise["s09"])
    assert _by_id(history, "2025-10", "monthly_pct")["s04"] == 10.0  # starts mid-year
    assert pd.isna(_by_id(history, "2026-08", "monthly_pct")["s10"])  # nothing held yet


def test_tiers_with_a_tie_on_the_threshold_and_parents_for_minors(tiered, config):
    december = tiers.explain_tiers(tiered[tiered["period"] == "2025-12"], config)
    tier = dict(zip(december["student_id"], december["tier"], strict=True))
    assert {k: v for k, v in tier.items() if v} == {"s01": "samtale", "s06": "advarsel",
                                                   "s09": "samtale"}
    s01 = december.set_index("student_id").loc["s01"]
    assert s01["triggered"] == ("fravær 10,0 % ≥ 10,0 %; stigning 8,0 procentpoint ≥ "
                                "5,0 procentpoint")
    assert s01["action"] == ("Fraværssamtale med studievejleder eller klasselærer; "
                             "forældre inddrages")
    s06 = december.set_index("student_id").loc["s06"]
    assert s06["action"] == "Skriftlig advarsel og skriftlig aftale"  # birth date unknown
    assert pd.isna(s06["under_18"])
    s09 = december.set_index("student_id").loc["s09"]
    assert s09["triggered"] == "skriftligt fravær 15,0 % ≥ 15,0 %"
    september = tiers.explain_tiers(tiered[tiered["period"] == "2025-09"], config)
    s02 = september.set_index("student_id").loc["s02"]
    assert s02["tier"] == "advarsel" and "forældre" not in s02["action"]  # 18 already


def test_new_in_tier(tiered):
    assert set(tiers.new_in_tier(tiered, "2025-12")["student_id"]) == {"s01", "s06", "s09"}
    assert set(tiers.new_in_tier(tiered, "2025-10")["student_id"]) == {"s04"}


def test_groups_and_movements(grouped):
    assert groups.group_counts(grouped, "2025-12") == {"A": 0, "B": 4, "C": 4}
    assert groups.group_counts(grouped, "2025-10") == {"A": 1, "B": 1, "C": 4}
    assert _by_id(grouped, "2025-12", "group")["s08"] == "B"  # the log's mark, 20 days old
    moves = groups.group_movements(grouped, "2025-12", "2025-10")
    assert moves.loc["A", "B"] == 1 and moves.loc["B", "C"] == 1
    assert moves.loc["C", "B"] == 2 and moves.loc["C", "C"] == 1
    assert int(moves.to_numpy().sum()) == 5


def test_a_mark_expires_after_the_configured_days(tiered, config):
    short = dataclasses.replace(config, raw={**config.raw, "grupper": {
        "frafaldstruet_fra": "samtale", "samtale_dage": 10}})
    rows = groups.assign_groups(tiered[tiered["period"] == "2025-12"], short, log(),
                                pd.Timestamp("2025-12-10"))
    assert dict(zip(rows["student_id"], rows["group"], strict=True))["s08"] == "A"


def test_follow_up_rates(grouped, panel, config):
    history = exits.exit_history(panel, config)
    ytd = exits.year_to_date(history, panel, "2025-12", config)
    rates = follow_up(grouped, ytd, groups.log_at(log(), "2025-12"), "2025-12", config)
    assert rates["henviste_opstartssamtale"] == {"antal": 1, "ud_af": 1, "andel_pct": 100.0}
    assert rates["b_samtale_i_tide"] == {"antal": 1, "ud_af": 2, "andel_pct": 50.0}
    assert rates["afbrudssamtale"] == {"antal": 1, "ud_af": 2, "andel_pct": 50.0}
    assert rates["foraeldre_inddraget"] == {"antal": 0, "ud_af": 0, "andel_pct": None}


def test_class_falls_and_control_limits(panel, config):
    strict = dataclasses.replace(config, raw={**config.raw, "signaler": {
        "klassefald": 1, "kontrolgraense_sigma": 3.0}})
    signals = class_signals(panel, absence_history(panel), "2025-10", strict)
    fell = signals[signals["fell"]]
    assert fell.index.tolist() == [("stx", "1a")]
    assert fell["reason"].iloc[0] == "elevtallet faldt med 1 siden sidste træk"
    classes = pd.DataFrame({"month_absent": [50.0, 60.0, 55.0, 150.0],
                            "month_held": [1000.0] * 4},
                           index=pd.MultiIndex.from_tuples(
                               [("stx", c) for c in "abcd"], names=["programme", "class"]))
    limits = control_limits(classes, 3.0)
    assert limits["limit_pct"].round(3).tolist() == [10.099] * 4
    assert limits["centre_pct"].iloc[0] == pytest.approx(7.875)


def test_kaplan_meier_with_delayed_entry():
    spell = pd.DataFrame({"entry": [0, 0, 0, 0, 11.0], "months": [2.5, 5, 10, 12, 11.5],
                          "dropout": [True, False, True, False, True]})
    curve = cohorts.kaplan_meier(spell, 12)
    assert curve[1] == 1.0 and curve[3] == 0.75 and curve[6] == 0.75
    assert curve[10] == 0.375 and curve[12] == 0.1875


def test_spells_from_the_panel(panel, config):
    spell = cohorts.spells(panel, config)
    assert spell.loc["s02", "dropout"] and not spell.loc["s05", "dropout"]
    assert not spell.loc["s07", "dropout"]  # came back
    assert not spell.loc["s03", "dropout"]  # missing: censored where last seen
    assert spell.loc["s02", "months"] == pytest.approx(51 / 30.4375)
    assert spell.loc["s05", "entry"] == pytest.approx(758 / 30.4375)


def test_early_warning_backtest(tiered, panel, config):
    history = exits.exit_history(panel, config)
    table = early_warning.backtest(tiered, history, config).set_index("niveau")
    first = table.loc["opmaerksomhed"]
    assert first["markeret_3m"] == 5 and first["frafald_3m"] == 1
    assert first["praecision_3m_pct"] == 20.0
    assert first["frafaldne"] == 2 and first["fanget"] == 1 and first["recall_pct"] == 50.0
    assert first["forspring_median_mdr"] == 0.7  # 10 September → 1 October
    top = table.loc["advarsel"]
    assert top["markeret_3m"] == 2 and top["praecision_3m_pct"] == 50.0
    assert early_warning.never_flagged(tiered, history)["student_id"].tolist() == ["s07"]
    split = early_warning.backtest(tiered, history, config, by="referred")
    referred = split[(split["niveau"] == "advarsel") & (split["referred"] == "henvist")]
    assert referred["recall_pct"].iloc[0] == 100.0


def test_programme_absence(panel):
    from fasthold.indicators.absence import programme_absence

    history = absence_history(panel)
    table = programme_absence(history[history["period"] == "2025-12"])
    assert table["students"].to_dict() == {"hf": 2, "stx": 6}
    assert table.loc["stx", "share_15_pct"] == pytest.approx(100 / 6)  # s06 at 16,0 %
    assert table.loc["hf", "share_15_pct"] == 0.0
