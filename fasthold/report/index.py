"""``reports/index.html``: every report built so far, newest first."""

from __future__ import annotations

from html import escape
from pathlib import Path

from fasthold.report.format import month
from fasthold.report.page import page
from fasthold.store import atomic_text

KINDS = {"maanedsrapport.html": "Månedsrapport", "kvartalsrapport.html": "Kvartalsrapport"}


def write_index(reports: Path) -> Path:
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
    body = ("<h1>Fastholdelsesrapporter</h1><p>Alle rapporter, nyeste først. Mappen "
            "<code>fortroligt/</code> i hver måned indeholder navne og må kun deles med "
            "studievejledning og klasselærere.</p>"
            f"<ul>{''.join(items) or '<li>Ingen rapporter endnu.</li>'}</ul>")
    target = reports / "index.html"
    atomic_text(target, page("Fastholdelsesrapporter", body))
    return target
