"""HTML tables with Danish number formats; every cell escaped."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
from IPython.display import HTML

from fasthold.report.format import number


def html_table(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]] | None = None,
               caption: str | None = None) -> HTML:
    """``frame`` as an accessible table; numeric columns right-aligned in Danish format."""
    formats = formats or {}
    head = "".join(f"<th scope='col'>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for column, value in row.items():
            fmt = formats.get(column)
            numeric = fmt is not None or (isinstance(value, int | float)
                                          and not isinstance(value, bool))
            text = fmt(value) if fmt else (number(value) if numeric else str(value))
            css = " class='num'" if numeric else ""
            cells.append(f"<td{css}>{escape(text)}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
                "</table>")
