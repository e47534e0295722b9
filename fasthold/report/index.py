"""``reports/index.html``: every report built so far, newest first."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from fasthold.config import Config
from fasthold.paths import Paths
from fasthold.report.format import date, month
from fasthold.report.page import page
from fasthold.store import atomic_text

KINDS = {"maanedsrapport.html": "Månedsrapport", "kvartalsrapport.html": "Kvartalsrapport"}


STATES = {"bygget": ("✓ bygget", "ok"), "forfalden": ("forfalden", "warn"),
          "forsinket": ("forsinket", "bad"), "kommende": ("kommende", "")}


def write_index(paths: Paths, config: Config, today: dt.date | None = None) -> Path:
    from fasthold.schedule import school_year_calendar

    reports = paths.reports
    items = []
    for folder in sorted((p for p in reports.iterdir() if p.is_dir()), reverse=True):
        for name, kind in KINDS.items():
            if (folder / name).exists():
                label = folder.name if "-Q" in folder.name else month(folder.name)
                extra = ""
                if (folder / "validering.html").exists():
                    extra = f' · <a href="{escape(folder.name)}/validering.html">validering</a>'
                items.append(f'<li><a href="{escape(folder.name)}/{name}">{kind} '
                             f"{escape(label)}</a>{extra}</li>")
    calendar = "".join(
        f"<tr><td>{escape(row['kind'])}</td><td>{escape(row['key'])}</td>"
        f"<td>{escape(date(dt.date.fromisoformat(row['date'])))}</td>"
        f"<td class='{STATES[row['state']][1]}'>{STATES[row['state']][0]}</td></tr>"
        for row in school_year_calendar(paths, config, today or dt.date.today()))
    body = ("<h1>Fastholdelsesrapporter</h1><p>Alle rapporter, nyeste først. Mappen "
            "<code>fortroligt/</code> i hver måned indeholder navne og må kun deles med "
            "studievejledning og klasselærere.</p>"
            f"<ul>{''.join(items) or '<li>Ingen rapporter endnu.</li>'}</ul>"
            "<h2>Årshjul</h2><p>Månedstræk den 10. og kvartalsmøder i dette skoleår.</p>"
            "<table><thead><tr><th>Hvad</th><th>Periode</th><th>Dato</th><th>Status</th></tr>"
            f"</thead><tbody>{calendar}</tbody></table>")
    target = reports / "index.html"
    atomic_text(target, page("Fastholdelsesrapporter", body))
    return target
