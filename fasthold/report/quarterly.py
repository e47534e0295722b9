"""The sections of the quarterly report (``notebooks/quarterly.ipynb``) for leadership.

Built from the quarter's pulls and everything stored before them; aggregates only, small counts
suppressed, no names and no notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
from IPython.display import HTML

from fasthold.config import Config, load_config
from fasthold.errors import reject
from fasthold.indicators import causes, early_warning, exits, groups
from fasthold.indicators.absence import mean_absence
from fasthold.indicators.headcount import headcount
from fasthold.indicators.month import MonthIndicators, compute_month
from fasthold.indicators.quarter import findings, quarter_periods
from fasthold.paths import Paths
from fasthold.privacy import shown_count, suppress
from fasthold.report import figures
from fasthold.report.format import date, month, number, percent
from fasthold.report.monthly import CATEGORY_NAMES, GROUP_NAMES, Month, reaction_section
from fasthold.report.monthly import retention_figure as _retention_figure
from fasthold.report.tables import html_table
from fasthold.store import Store


@dataclass
class Quarter:
    quarter: str
    periods: list[str]  # the stored pulls of the quarter, oldest first
    panel: pd.DataFrame
    config: Config
    end: MonthIndicators  # the indicators at the quarter's last pull

    @property
    def min_count(self) -> int:
        return self.config.min_count


def load(quarter: str, root: str = ".", config: str | None = None) -> Quarter:
    paths = Paths(Path(root))
    settings = load_config(Path(config) if config else (
        paths.default_config if paths.default_config.exists() else None))
    store = Store(paths.processed)
    panel = store.panel()
    wanted = quarter_periods(quarter, settings.quarter_start_month)
    periods = sorted(set(panel["period"]) & set(wanted))
    if not periods:
        raise reject("data/processed", f"ingen importerede træk i {quarter} "
                                       f"({', '.join(wanted)}); kør 'fasthold import' først")
    figures.setup()
    end = compute_month(panel, store.conversations(), periods[-1], settings)
    return Quarter(quarter, periods, panel, settings, end)


def _as_month(q: Quarter) -> Month:
    from fasthold.report.summary import monthly_summary

    return Month(q.periods[-1], q.panel, q.config, q.end,
                 monthly_summary(q.panel, q.end, q.config, None), None)


def quarter_exits(q: Quarter) -> pd.DataFrame:
    return q.end.exits[q.end.exits["period"].isin(q.periods)]


def title(q: Quarter) -> HTML:
    return HTML(f"<h1>Kvartalsrapport {escape(q.quarter)}</h1><p>Træk i kvartalet: "
                + ", ".join(month(p) for p in q.periods) + f". Kun samlede tal; antal under "
                f"{q.min_count} vises som «&lt;{q.min_count}». Bygget til ledelsens og "
                "studievejledningens kvartalsmøde.</p>")


def summary(q: Quarter) -> dict:
    """The quarter's figures for ``summary.json`` (exact counts)."""
    leavers = causes.leaver_causes(quarter_exits(q), q.end.log)
    return {
        "quarter": q.quarter, "periods": q.periods,
        "headcount": {p: int(headcount(q.panel, p, ["period"]).sum()) for p in q.periods},
        "absence_mean_pct": {p: round(mean_absence(q.panel, p), 2) for p in q.periods},
        "groups": {p: groups.group_counts(q.end.grouped, p) for p in q.periods},
        "exits": exits.exit_counts(quarter_exits(q), q.config),
        "dropouts": int(quarter_exits(q)["dropout"].sum()),
        "exit_interview_causes": causes.cause_counts(
            leavers.assign(alle="alle"), "interview", "alle")["alle"].astype(int).to_dict()
        if len(leavers) else {},
        "follow_up": q.end.follow_up,
        "findings": discussion_points(q),
    }


def discussion_points(q: Quarter) -> list[str]:
    by_programme = pd.DataFrame({
        "start": headcount(q.panel, q.periods[0], ["programme"]),
        "end": headcount(q.panel, q.periods[-1], ["programme"])}).fillna(0)
    leavers = causes.leaver_causes(quarter_exits(q), q.end.log)
    counted = pd.Series([c for cs in leavers["interview"] for c in cs], dtype=object)
    return findings(by_programme, counted.value_counts(), q.end.follow_up, q.end.retention,
                    q.end.warnings, len(early_warning.never_flagged(q.end.tiered, q.end.exits)),
                    q.config)


def brief(q: Quarter) -> HTML:
    s = summary(q)
    points = s["findings"]
    first, last = q.periods[0], q.periods[-1]
    dropouts = shown_count(s["dropouts"], q.min_count)
    b_count = shown_count(s["groups"][last]["B"], q.min_count)
    text = (f"<p>Elevtallet gik fra {number(s['headcount'][first])} ({month(first)}) til "
            f"{number(s['headcount'][last])} ({month(last)}). {dropouts} elever faldt fra i "
            f"kvartalet. Gruppe B talte {b_count} elever ved seneste træk.</p>")
    items = "".join(f"<li>{escape(p)}</li>" for p in points) or "<li>Ingen fund.</li>"
    return HTML(text + "<h3>Til drøftelse</h3><ul>" + items + "</ul><p><small>Fundene udvælges "
                "efter faste regler (fald i elevtal, hyppigste årsager, opfølgning under målet, "
                "grupper der fastholdes dårligere, varslingens træfsikkerhed) og er fakta, ikke "
                "anbefalinger.</small></p>")


def month_by_month(q: Quarter) -> HTML:
    s = summary(q)
    rows = pd.DataFrame({
        "Træk": [date(q.panel.loc[q.panel["period"] == p, "snapshot_date"].iloc[0].date())
                 for p in q.periods],
        "Elever": [number(s["headcount"][p]) for p in q.periods],
        "Fravær i år": [percent(s["absence_mean_pct"][p]) for p in q.periods],
        **{GROUP_NAMES[g]: [shown_count(s["groups"][p][g], q.min_count) for p in q.periods]
           for g in groups.GROUPS}})
    return html_table(rows, formats={c: str for c in rows.columns[1:]},
                      caption="Elevtal, fravær og målgrupper måned for måned")


def exits_and_causes(q: Quarter) -> HTML:
    rows = quarter_exits(q)
    counts = pd.DataFrame({"Udmeldte": exits.exit_counts(rows, q.config)}).reindex(
        exits.categories(q.config))
    counts.index = [CATEGORY_NAMES.get(c, c) for c in counts.index]
    first = suppress(counts, q.min_count)
    first.index.name = "Årsag (udmeldelse i Lectio)"
    leavers = causes.leaver_causes(rows, q.end.log)
    interviewed = int(leavers["interviewed"].sum()) if len(leavers) else 0
    coded = causes.cause_counts(leavers.assign(alle="Afbrudssamtaler"), "interview", "alle") \
        if len(leavers) else pd.DataFrame({"Afbrudssamtaler": [0] * 4}, index=causes.CAUSES)
    risk = causes.risk_causes(q.end.grouped, q.end.log, q.periods)
    risk_coded = causes.cause_counts(risk.assign(alle="Samtaler med gruppe B"), "causes",
                                     "alle") if len(risk) else pd.DataFrame(
        {"Samtaler med gruppe B": [0] * 4}, index=causes.CAUSES)
    side = pd.concat([coded, risk_coded], axis=1).fillna(0).astype(int)
    second = suppress(side, q.min_count, row_totals=False)
    second.index.name = "Kodet årsag"
    differs = int(leavers["differs"].sum()) if len(leavers) else 0
    return HTML(html_table(first.reset_index(), formats={c: str for c in first.columns},
                           caption="Udmeldte i kvartalet efter årsag").data
                + f"<p>{shown_count(interviewed, q.min_count)} af "
                  f"{shown_count(len(leavers), q.min_count)} frafaldne havde en afbrudssamtale; "
                  f"i {shown_count(differs, q.min_count)} tilfælde peger samtalen på en anden "
                  "årsag end udmeldelsen i Lectio (begge tæller med).</p>"
                + html_table(second.reset_index(), formats={c: str for c in second.columns},
                             caption="Årsager fra samtalerne, side om side (en elev kan have "
                                     "flere)").data)


def movements(q: Quarter) -> HTML:
    before = q.end.grouped
    start = q.periods[0]
    previous = before.loc[before["period"] < start, "period"].max()
    origin = previous if isinstance(previous, str) else start
    table = groups.group_movements(before, q.periods[-1], origin)
    table.index = [GROUP_NAMES[g] for g in table.index]
    table.columns = [GROUP_NAMES[g] for g in table.columns]
    shown = suppress(table, q.min_count)
    shown.index.name = f"{month(origin)} → {month(q.periods[-1])}"
    return html_table(shown.reset_index(), formats={c: str for c in shown.columns},
                      caption="Bevægelser mellem målgrupperne over kvartalet")


def follow_up(q: Quarter) -> HTML:
    return reaction_section(_as_month(q))


def retention(q: Quarter) -> HTML:
    return _retention_figure(_as_month(q))


def early_warning_table(q: Quarter) -> HTML:
    parts = []
    for by, label in ((None, "Alle"), ("programme", "Uddannelse"), ("referred", "Henvist")):
        table = early_warning.backtest(q.end.tiered, q.end.exits, q.config, by=by)
        for _, row in table.iterrows():
            parts.append({"Gruppe": label if by is None else f"{label}: {row[by]}",
                          "Niveau": row["niveau"],
                          "Frafald inden 6 mdr. efter første markering":
                              percent(row["praecision_6m_pct"]),
                          "Frafaldne markeret før": percent(row["recall_pct"]),
                          "Forspring (median, mdr.)": number(row["forspring_median_mdr"], 1)
                          if row["forspring_median_mdr"] is not None else "–",
                          "Frafaldne": shown_count(row["frafaldne"], q.min_count)})
    frame = pd.DataFrame(parts)
    return html_table(frame, formats={c: str for c in frame.columns[2:]},
                      caption="Tidlig varsling: hvor godt fanger reaktionsmønstret de elever, "
                              "der faldt fra? (alle importerede træk)")
