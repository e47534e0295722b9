"""The sections of the monthly report, called one per cell by ``notebooks/monthly.ipynb``.

Leadership reads this page: aggregates only, small counts suppressed (:mod:`fasthold.privacy`),
Danish number formats, figures with alt text.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import HTML

from fasthold.config import Config, load_config
from fasthold.indicators import exits, groups
from fasthold.indicators.absence import class_absence, programme_absence, year_to_date
from fasthold.indicators.enrolment import pulls
from fasthold.indicators.headcount import headcount_change
from fasthold.indicators.month import MonthIndicators, compute_month
from fasthold.indicators.tiers import new_in_tier
from fasthold.paths import Paths
from fasthold.privacy import is_small, shown_count, suppress
from fasthold.report import figures
from fasthold.report.format import date, month, number, percent, signed
from fasthold.report.summary import monthly_summary
from fasthold.report.tables import html_table
from fasthold.store import Store

CATEGORY_NAMES = {"faglige": "Faglige", "personlige": "Personlige", "sociale": "Sociale",
                  "strukturelle": "Strukturelle", "skift_af_uddannelse": "Skift af uddannelse",
                  "gennemfoert": "Gennemført (ikke frafald)", "ukendt": "Ukendt"}
GROUP_NAMES = {"A": "A – henviste", "B": "B – frafaldstruede", "C": "C – øvrige"}


@dataclass
class Month:
    """Everything the monthly notebook shows, computed once."""

    period: str
    panel: pd.DataFrame
    config: Config
    indicators: MonthIndicators
    summary: dict
    validation: dict | None
    fingerprint: str = ""

    @property
    def min_count(self) -> int:
        return self.config.min_count


def load(period: str | None, root: str = ".", config: str | None = None) -> Month:
    """Load the store and compute the month (default: the newest imported pull)."""
    paths = Paths(Path(root))
    settings = load_config(Path(config) if config else (
        paths.default_config if paths.default_config.exists() else None))
    store = Store(paths.processed)
    panel = store.panel()
    if panel.empty:
        raise RuntimeError("Der er ingen importerede træk; kør først 'fasthold import'.")
    period = period or str(panel["period"].max())
    stored = paths.processed / "validering" / f"{period}.json"
    validation = json.loads(stored.read_text(encoding="utf-8")) if stored.exists() else None
    figures.setup()
    indicators = compute_month(panel, store.conversations(), period, settings)
    return Month(period, panel, settings, indicators,
                 monthly_summary(panel, indicators, settings, validation), validation,
                 store.imports().get(period, {}).get("fingerprint", ""))


def _snap(m: Month) -> dt.date:
    return m.indicators.snapshot_date.date()


def _previous_snap(m: Month) -> dt.date | None:
    if m.indicators.previous is None:
        return None
    return m.panel.loc[m.panel["period"] == m.indicators.previous, "snapshot_date"].iloc[0].date()


def title(m: Month) -> HTML:
    return HTML(f"<h1>Månedsrapport {month(m.period)}</h1><p>Træk fra Lectio pr. "
                f"{date(_snap(m))}. Siden viser kun samlede tal; antal under {m.min_count} "
                f"vises som «&lt;{m.min_count}».</p>")


# --- Overblik --------------------------------------------------------------------------------

def overview(m: Month) -> HTML:
    s = m.summary
    change = s["headcount_change"]["since_last_pull"]
    mins = m.min_count
    facts = [
        ("Indskrevne elever", number(s["headcount"]["total"]),
         signed(change) if change is not None else "–"),
        ("Udmeldt siden sidste træk (frafald)", shown_count(s["exits"]["dropouts_since_last_pull"],
                                                            mins), ""),
        ("Gennemsnitligt fravær i år", percent(s["absence"]["mean_pct"]), ""),
        ("Frafaldstruede elever (gruppe B)", shown_count(s["groups"]["B"], mins), ""),
        ("Nye elever i reaktionsmønstret", shown_count(len(new_in_tier(
            m.indicators.tiered, m.period)), mins), ""),
        ("Forsvundne elever (uden udmeldelse)", shown_count(s["missing_students"], mins), ""),
    ]
    table = html_table(pd.DataFrame(facts, columns=["Nøgletal", "Nu", "Siden sidste træk"]),
                       formats={"Nu": str, "Siden sidste træk": str})
    return HTML(f"<p class='lead'>{escape(summary_text(m))}</p>{table.data}")


def summary_text(m: Month) -> str:
    """The month in two or three plain sentences."""
    s = m.summary
    parts = []
    previous = _previous_snap(m)
    change = s["headcount_change"]["since_last_pull"]
    if previous is not None and change is not None:
        verb = "steg" if change > 0 else "faldt" if change < 0 else "er uændret"
        amount = f" med {number(abs(change))}" if change else ""
        parts.append(f"Elevtallet {verb}{amount} siden {date(previous)} og er nu "
                     f"{number(s['headcount']['total'])}.")
    dropouts = s["exits"]["dropouts_since_last_pull"]
    if dropouts:
        shown = shown_count(dropouts, m.min_count)
        parts.append(f"{shown} {'elev' if dropouts == 1 else 'elever'} er udmeldt uden at have "
                     "gennemført.")
    flagged = m.indicators.signals
    flagged = flagged[flagged["fell"] | flagged["absence_high"]]
    if len(flagged):
        names = ", ".join(c for _, c in flagged.index)
        parts.append(f"Klasser med pludselige ændringer: {names}.")
    if s["missing_students"]:
        parts.append(f"{shown_count(s['missing_students'], m.min_count)} elev(er) er forsvundet "
                     "fra elevregistret uden udmeldelse – se Datakvalitet.")
    return " ".join(parts) or "Ingen væsentlige ændringer siden sidste træk."


# --- Elevtal ---------------------------------------------------------------------------------

def headcount_tables(m: Month) -> HTML:
    by_year = headcount_change(m.panel, m.period, ["programme", "grade_year"],
                               m.config.school_year_start_month).reset_index()
    rows = pd.DataFrame({
        "Uddannelse": by_year["programme"], "Årgang": by_year["grade_year"].astype(str),
        "Elever": [shown_count(v, m.min_count) for v in by_year["now"]],
        "Siden sidste træk": [signed(v) for v in by_year["since_last_pull"]],
        "Siden skoleårets start": [signed(v) for v in by_year["since_school_year_start"]]})
    first = html_table(rows, formats={c: str for c in rows.columns[2:]},
                       caption="Indskrevne elever pr. uddannelse og årgang")
    signals = m.indicators.signals.reset_index()
    classes = pd.DataFrame({
        "Klasse": signals["class"], "Uddannelse": signals["programme"],
        "Elever": [shown_count(v, m.min_count) for v in signals["students"]],
        "Ændring": ["–" if pd.isna(v) else signed(v) for v in signals["change"]],
        "Signal": signals["reason"].replace("", "–")})
    flagged = signals["fell"] | signals["absence_high"]
    second = html_table(classes, formats={c: str for c in ["Elever", "Ændring"]},
                        caption="Klasser (markeret: pludseligt fald eller fravær over "
                                "kontrolgrænsen)", highlight=flagged.tolist())
    return HTML(first.data + second.data)


# --- Frafald ---------------------------------------------------------------------------------

def exits_section(m: Month) -> HTML:
    since = m.indicators.exits[m.indicators.exits["period"] == m.period]
    ytd = exits.year_to_date(m.indicators.exits, m.panel, m.period, m.config)
    last = exits.same_point_last_year(m.indicators.exits, m.panel, m.period, m.config)
    cats = exits.categories(m.config)
    table = pd.DataFrame({
        "Siden sidste træk": exits.exit_counts(since, m.config),
        "Skoleåret til nu": exits.exit_counts(ytd, m.config),
        **({"Samme tid sidste år": exits.exit_counts(last, m.config)} if last is not None
           else {})}).reindex(cats)
    table.index = [CATEGORY_NAMES.get(c, c) for c in table.index]
    shown = suppress(table, m.min_count, row_totals=False)
    shown.index.name = "Årsag"
    note = "" if last is not None else ("<p>Sidste skoleår er ikke i de importerede træk, så "
                                        "der er ingen sammenligning.</p>")
    dropouts = int(ytd["dropout"].sum())
    text = (f"<p>Frafald i skoleåret til nu: {shown_count(dropouts, m.min_count)} elever"
            + (f" (samme tid sidste år: {shown_count(int(last['dropout'].sum()), m.min_count)})"
               if last is not None else "") + ". Dimitterede tælles ikke som frafald.</p>")
    return HTML(text + html_table(shown.reset_index(), formats={c: str for c in shown.columns},
                                  caption="Udmeldte elever efter årsag").data + note)


# --- Fravær ----------------------------------------------------------------------------------

def absence_distribution(m: Month) -> HTML:
    ytd = year_to_date(m.panel, m.period).dropna(subset=["absence_pct"])
    fig, ax = plt.subplots(figsize=(8, 3.6))
    sns.histplot(data=ytd, x="absence_pct", hue="programme", bins=range(0, 62, 2),
                 element="step", stat="percent", common_norm=False, ax=ax)
    ax.set_xlabel("Fravær i år (procent af moduler)")
    ax.set_ylabel("Andel af elever")
    ax.get_legend().set_title("Uddannelse")
    figures.danish_axis(ax.xaxis, suffix=" %")
    figures.danish_axis(ax.yaxis, suffix=" %")
    means = m.summary["absence"]["by_programme"]
    alt = ("Histogram over elevernes fravær i år, fordelt på uddannelse. " + "; ".join(
        f"{p}: gennemsnit {percent(v)}, median "
        f"{percent(ytd.loc[ytd['programme'] == p, 'absence_pct'].median())}, "
        f"{percent((ytd.loc[ytd['programme'] == p, 'absence_pct'] >= 15).mean() * 100)} "
        "over 15 %" for p, v in means.items()) + ".")
    return figures.figure_html(fig, alt, "Fordeling af fravær i år (opgjort), pr. uddannelse")


def class_absence_over_time(m: Month) -> HTML:
    timeline = pulls(m.panel, m.config.school_year_start_month).set_index("period")
    year = timeline.at[m.period, "school_year"]
    periods = timeline.index[(timeline["school_year"] == year) & (timeline.index <= m.period)]
    rates = pd.DataFrame({p: class_absence(m.indicators.history, p)["monthly_pct"]
                          .droplevel("programme") for p in periods})
    current = sorted(m.indicators.current["class"].unique())
    rates = rates.reindex(index=current, columns=list(periods))
    rates.columns = [month(p)[:3] + " " + p[2:4] for p in rates.columns]
    height = max(3.0, 0.22 * len(rates) + 1.2)
    fig, ax = plt.subplots(figsize=(8, height))
    sns.heatmap(rates.astype(float), cmap="cividis", ax=ax, cbar_kws={"label": "Månedens fravær"},
                linewidths=0.3, linecolor="white")
    figures.danish_axis(ax.collections[0].colorbar.ax.yaxis, suffix=" %")
    ax.set_xlabel("Træk")
    ax.set_ylabel("Klasse")
    latest = rates.iloc[:, -1].dropna().sort_values(ascending=False)
    alt = (f"Varmekort over månedens fravær i skoleåret for de {len(rates)} nuværende klasser "
           "(tomme felter: klassen fandtes ikke endnu). Højest ved "
           f"seneste træk: " + ", ".join(f"{c} {percent(v)}" for c, v in latest.head(3).items())
           + "; lavest: " + ", ".join(f"{c} {percent(v)}" for c, v in latest.tail(2).items())
           + ".")
    return figures.figure_html(fig, alt, "Månedens fravær pr. klasse i skoleåret (mørk = lavt, "
                                         "lys = højt)")


def absence_table(m: Month) -> HTML:
    table = programme_absence(m.indicators.current).reset_index()
    shown = pd.DataFrame({
        "Uddannelse": table["programme"],
        "Elever": [shown_count(v, m.min_count) for v in table["students"]],
        "Fravær i år": [percent(v) for v in table["ytd_pct"]],
        "Skriftligt fravær i år": [percent(v) for v in table["written_pct"]],
        "Månedens fravær": [percent(v) for v in table["monthly_pct"]],
        "Andel med 15 % eller mere": [percent(v) for v in table["share_15_pct"]]})
    limits = m.indicators.signals
    high = limits[limits["absence_high"]].reset_index()
    note = ("<p>Ingen klasser har månedens fravær over kontrolgrænsen.</p>" if high.empty else
            "<p>Over kontrolgrænsen: " + ", ".join(
                f"{escape(r['class'])} ({percent(r['monthly_pct'])} mod grænse "
                f"{percent(r['limit_pct'])})" for _, r in high.iterrows()) + ".</p>")
    return HTML(html_table(shown, formats={c: str for c in shown.columns[1:]},
                           caption="Almindeligt og skriftligt fravær pr. uddannelse").data + note)


# --- Målgrupper ------------------------------------------------------------------------------

def groups_section(m: Month) -> HTML:
    moves = groups.group_movements(m.indicators.grouped, m.period, m.indicators.previous)
    moves.index = [GROUP_NAMES[g] for g in moves.index]
    moves.columns = [GROUP_NAMES[g] for g in moves.columns]
    counts = m.summary["groups"]
    lead = ("<p>" + "; ".join(f"{GROUP_NAMES[g]}: {shown_count(n, m.min_count)}"
                              for g, n in counts.items()) + ".</p>")
    shown = suppress(moves, m.min_count)
    shown.index.name = "Sidste træk → nu"
    b_rows = m.indicators.current[m.indicators.current["group"] == "B"]
    by_tier = b_rows["tier"].replace("", "kun markering i samtalelog").value_counts()
    tier_table = pd.DataFrame({"Niveau": by_tier.index,
                               "Elever": [shown_count(v, m.min_count) for v in by_tier]})
    return HTML(lead + html_table(shown.reset_index(), formats={c: str for c in shown.columns},
                                  caption="Bevægelser mellem målgrupper (elever indskrevet ved "
                                          "begge træk)").data
                + html_table(tier_table, formats={"Elever": str},
                             caption="Gruppe B efter niveau i reaktionsmønstret").data)


def retention_figure(m: Month) -> HTML:
    curves = m.indicators.retention
    fig, ax = plt.subplots(figsize=(8, 3.6))
    styles = {True: "--", False: "-"}
    palette = dict(zip(["stx", "hf"], sns.color_palette(figures.PALETTE, 2), strict=True))
    lines = []
    for (programme, referred), curve in curves.iterrows():
        label = f"{programme}, {'henvist' if referred else 'ikke henvist'}"
        ax.step(curve.index, curve.to_numpy() * 100, where="post", label=label,
                linestyle=styles[bool(referred)], color=palette.get(programme))
        lines.append(f"{label}: {percent(curve[12] * 100)} efter 12 måneder")
    ax.set_xlabel("Måneder efter start")
    ax.set_ylabel("Stadig indskrevet")
    figures.danish_axis(ax.yaxis, suffix=" %")
    ax.legend(title="Gruppe", fontsize="small")
    alt = ("Kurver over andelen af en årgang, der stadig er indskrevet, måned for måned efter "
           "start (Kaplan–Meier), for henviste og ikke-henviste elever i stx og hf. "
           + "; ".join(lines) + ".")
    return figures.figure_html(fig, alt, "Fastholdelse efter start: henviste (stiplet) mod "
                                         "øvrige (fuldt optrukket)")


# --- Reaktionsmønster ------------------------------------------------------------------------

def reaction_section(m: Month) -> HTML:
    new = new_in_tier(m.indicators.tiered, m.period)["tier"].value_counts()
    current = m.indicators.current
    rows = []
    for tier in m.config.tiers:
        at = current[current["tier"] == tier.navn]
        minors = int(at["under_18"].fillna(False).sum())
        rows.append({"Niveau": tier.navn, "Handling": tier.handling,
                     "Elever nu": shown_count(len(at), m.min_count),
                     "Nye denne måned": shown_count(int(new.get(tier.navn, 0)), m.min_count),
                     "Heraf under 18 (forældre inddrages)": shown_count(minors, m.min_count)})
    labels = {"henviste_opstartssamtale": "Henviste med opstartssamtale/screening i tide",
              "b_samtale_i_tide": "Nye i gruppe B med samtale i tide",
              "afbrudssamtale": "Frafaldne med afbrudssamtale",
              "foraeldre_inddraget": "Under 18 på højeste niveau, forældre inddraget"}
    follow = []
    for key, label in labels.items():
        rate = m.summary["follow_up"][key]
        shown = ("–" if not rate["ud_af"] else
                 f"<{m.min_count} elever" if is_small(rate["ud_af"], m.min_count) else
                 f"{percent(rate['andel_pct'])} ({number(rate['antal'])} af "
                 f"{number(rate['ud_af'])})")
        follow.append({"Opfølgning": label, "Resultat": shown})
    return HTML(html_table(pd.DataFrame(rows), formats={c: str for c in
                                                        ["Elever nu", "Nye denne måned",
                                                         "Heraf under 18 (forældre inddrages)"]},
                           caption="Handlinger der skal ske nu (antal; navnene står i den "
                                   "fortrolige handlingsliste)").data
                + html_table(pd.DataFrame(follow), formats={"Resultat": str},
                             caption="Opfølgning i skoleåret").data)


# --- Datakvalitet ----------------------------------------------------------------------------

def data_quality(m: Month) -> HTML:
    v = m.summary["validation"]
    status = {"ok": "godkendt uden bemærkninger", "advarsler": "godkendt med advarsler",
              None: "ikke fundet"}.get(v["status"], v["status"])
    missing = m.summary["missing_students"]
    return HTML(f"<p>Importen af trækket er {status} ({number(v['warnings'])} advarsel(er)). "
                'Se <a href="validering.html">valideringssiden</a> for alle tjek.</p>'
                f"<p>Forsvundne elever (indskrevet ved sidste træk, men væk fra elevregistret "
                f"uden udmeldelse): {shown_count(missing, m.min_count)}. De står med navn i den "
                "fortrolige handlingsliste og skal afklares med administrationen.</p>"
                f"<footer class='fasthold'>Bygget {dt.datetime.now():%d-%m-%Y %H:%M} af "
                f"fasthold fra trækket {escape(m.period)} (opgjort {date(_snap(m))}; "
                f"datafingeraftryk {escape(m.fingerprint[:12])}). Kørslens manifest ligger i "
                "data/processed/runs/.</footer>")
