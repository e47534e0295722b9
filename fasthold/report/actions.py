"""The confidential action list (``fortroligt/handlingsliste``): the only place with names.

One row per enrolled student in group A or B or with a tier; for counsellors and class
teachers. Every text is HTML-escaped, and CSV cells that would start a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from html import escape

import pandas as pd

from fasthold.indicators.month import MonthIndicators
from fasthold.privacy import neutralise_csv
from fasthold.report.format import date, month
from fasthold.report.page import page

COLUMNS = ["elev_id", "navn", "klasse", "uddannelse", "gruppe", "niveau", "udloest_af",
           "handling", "under_18"]
ORDER = {"B": 0, "A": 1, "C": 2}


def action_list(indicators: MonthIndicators, identities: pd.DataFrame) -> pd.DataFrame:
    """The list as a frame with the design's columns, most urgent first."""
    rows = indicators.current
    rows = rows[rows["group"].isin(["A", "B"]) | (rows["tier_level"] > 0)]
    names = identities.set_index("student_id")["name"]
    triggered = rows["triggered"].where(rows["triggered"] != "",
                                        rows["marked"].map({True: "markeret frafaldstruet i "
                                                                  "samtaleloggen", False: ""}))
    triggered = triggered.where(triggered != "", rows["group"].map({"A": "henvist elev"}))
    action = rows["action"].where(rows["action"] != "", rows["group"].map(
        {"A": "Fast kontaktperson og tidlig screening", "B": "Samtale om fastholdelse"}))
    frame = pd.DataFrame({
        "elev_id": rows["student_id"], "navn": rows["student_id"].map(names),
        "klasse": rows["class"], "uddannelse": rows["programme"], "gruppe": rows["group"],
        "niveau": rows["tier"], "udloest_af": triggered.fillna(""), "handling": action.fillna(""),
        "under_18": rows["under_18"].map({True: "ja", False: "nej"}).fillna("")})
    frame["_order"] = frame["gruppe"].map(ORDER) * 10 - rows["tier_level"]
    return frame.sort_values(["_order", "klasse", "navn"]).drop(columns="_order")[COLUMNS]


def to_csv(frame: pd.DataFrame) -> str:
    """Semicolon-separated (as Danish Excel opens it), formula-like cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in frame.itertuples(index=False):
        writer.writerow([neutralise_csv("" if pd.isna(v) else str(v)) for v in row])
    return buffer.getvalue()


def to_html(frame: pd.DataFrame, indicators: MonthIndicators, identities: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{escape('' if pd.isna(v) else str(v))}</td>"
                                    for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    missing = indicators.missing
    names = identities.set_index("student_id")["name"]
    missing_html = ("" if missing.empty else
                    "<h2>Forsvundne elever</h2><p>Indskrevet ved sidste træk, men væk fra "
                    "elevregistret uden udmeldelse. Afklar med administrationen.</p><ul>"
                    + "".join(f"<li>{escape(str(names.get(s, '')))}, elev-id {escape(str(s))}, "
                              f"klasse {escape(str(c))}</li>"
                              for s, c in zip(missing["student_id"], missing["class"],
                                              strict=True)) + "</ul>")
    title = f"Handlingsliste {month(indicators.period)}"
    body_html = (f"<h1>{escape(title)}</h1><p class='status bad'><strong>Fortroligt.</strong> "
                 "Kun til studievejledning og klasselærere. Må ikke videresendes.</p>"
                 f"<p>Træk pr. {date(indicators.snapshot_date.date())}: {len(frame)} elever i "
                 "gruppe A eller B eller på et niveau i reaktionsmønstret.</p>"
                 f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                 + missing_html)
    return page(title, body_html)


def conversation_history_html(indicators: MonthIndicators, periods: list[str],
                              identities: pd.DataFrame, title: str) -> str:
    """Per-student conversation history of the quarter's group B and leavers (confidential;
    notes included, escaped)."""
    grouped = indicators.grouped
    b = set(grouped.loc[grouped["period"].isin(periods) & (grouped["group"] == "B"),
                        "student_id"])
    leavers = set(indicators.exits.loc[indicators.exits["period"].isin(periods)
                                       & indicators.exits["dropout"], "student_id"])
    names = identities.set_index("student_id")["name"]
    log = indicators.log.sort_values(["student_id", "date"])
    sections = []
    for sid in sorted(b | leavers, key=lambda s: str(names.get(s, s))):
        talks = log[log["student_id"] == sid]
        label = "frafaldet" if sid in leavers else "gruppe B"
        rows = "".join(
            f"<tr><td>{escape(f'{r.date:%d-%m-%Y}')}</td><td>{_text(r.kind)}</td>"
            f"<td>{_text(r.held_by)}</td><td>{_text(r.causes)}</td><td>{_text(r.note)}</td></tr>"
            for r in talks.itertuples())
        table = (f"<table><thead><tr><th>Dato</th><th>Samtale</th><th>Afholdt af</th>"
                 f"<th>Årsager</th><th>Notat</th></tr></thead><tbody>{rows}</tbody></table>"
                 if rows else "<p>Ingen samtaler i loggen.</p>")
        sections.append(f"<h2>{escape(str(names.get(sid, '')))} <small>elev-id {escape(sid)}, "
                        f"{label}</small></h2>{table}")
    body = (f"<h1>{escape(title)}</h1><p class='status bad'><strong>Fortroligt.</strong> "
            "Kun til studievejledningen. Indeholder notater fra samtaler.</p>"
            + "".join(sections))
    return page(title, body)


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else escape(str(value))
