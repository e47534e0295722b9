"""The sections of the monthly report, called one per cell by ``notebooks/monthly.ipynb``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import HTML, Markdown

from fasthold.config import Config, load_config
from fasthold.indicators.absence import year_to_date
from fasthold.indicators.headcount import headcount
from fasthold.paths import Paths
from fasthold.privacy import shown_count
from fasthold.report import figures
from fasthold.report.format import date, month, number, percent
from fasthold.report.summary import monthly_summary
from fasthold.report.tables import html_table
from fasthold.store import Store


@dataclass
class Month:
    """Everything the monthly notebook shows, loaded once."""

    period: str
    panel: pd.DataFrame
    config: Config
    summary: dict


def load(period: str | None, root: str = ".", config: str | None = None) -> Month:
    """Load the stored panel for ``period`` (default: the newest imported pull)."""
    paths = Paths(Path(root))
    settings = load_config(Path(config) if config else paths.default_config)
    panel = Store(paths.processed).panel()
    if panel.empty:
        raise RuntimeError("Der er ingen importerede træk; kør først 'fasthold import'.")
    period = period or str(panel["period"].max())
    figures.setup()
    return Month(period, panel, settings, monthly_summary(panel, period, settings))


def title(m: Month) -> Markdown:
    snap = pd.Timestamp(m.summary["snapshot_date"]).date()
    return Markdown(f"# Månedsrapport {month(m.period)}\n\nTræk fra Lectio pr. {date(snap)}. "
                    "Siden viser kun samlede tal; tal under "
                    f"{m.config.min_count} vises som «<{m.config.min_count}».")


def overview(m: Month) -> HTML:
    s = m.summary
    facts = [("Indskrevne elever", number(s["headcount"]["total"])),
             *[(f"Heraf {p}", number(n)) for p, n in s["headcount"]["by_programme"].items()],
             ("Gennemsnitligt fravær i år", percent(s["absence"]["mean_pct"]))]
    return html_table(pd.DataFrame(facts, columns=["Nøgletal", "Værdi"]),
                      formats={"Værdi": str})


def headcount_by_class(m: Month) -> HTML:
    counts = headcount(m.panel, m.period, ["programme", "grade_year", "class"]).reset_index(
        name="n")
    counts["Elever"] = [shown_count(n, m.config.min_count) for n in counts["n"]]
    table = counts.rename(columns={"programme": "Uddannelse", "grade_year": "Årgang",
                                   "class": "Klasse"})[["Uddannelse", "Årgang", "Klasse",
                                                        "Elever"]]
    table["Årgang"] = table["Årgang"].astype(str)
    return html_table(table, formats={"Elever": str}, caption="Indskrevne elever pr. klasse")


def absence_distribution(m: Month) -> HTML:
    ytd = year_to_date(m.panel, m.period).dropna(subset=["absence_pct"])
    fig, ax = plt.subplots(figsize=(8, 3.8))
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
        f"{percent(ytd.loc[ytd['programme'] == p, 'absence_pct'].median())}"
        for p, v in means.items()) + ". Fordelingen har en lang hale mod højt fravær.")
    return figures.figure_html(fig, alt, "Fordeling af fravær i år (Opgjort), pr. uddannelse")
