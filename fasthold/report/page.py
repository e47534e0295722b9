"""A self-contained HTML page (no external requests) in the reports' house style."""

from __future__ import annotations

from html import escape

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:60rem;padding:1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;font-size:.92rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#1b6e3a}.warn{color:#8a5a00}.bad{color:#a1121b}
.status{padding:.5rem .75rem;background:#f6f6f6;border-left:4px solid #888}
@media (max-width:40rem){body{padding:.5rem}table{font-size:.8rem;display:block;overflow-x:auto}}
"""


def page(title: str, body: str, extra_style: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}{extra_style}</style></head>"
            f"<body>{body}</body></html>\n")
