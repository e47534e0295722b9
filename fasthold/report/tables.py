"""HTML tables with Danish number formats; every cell escaped."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import pandas as pd
from IPython.display import HTML

from fasthold.report.format import number


def html_table(frame: pd.DataFrame, formats: dict[str, Callable[[object], str]] | None = None,
               caption: str | None = None, highlight: list[bool] | None = None) -> HTML:
    """``frame`` as an accessible table; numeric columns right-aligned in Danish format;
    rows marked in ``highlight`` are emphasised (and say so to screen readers)."""
    formats = formats or {}
    head = "".join(f"<th scope='col'>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for index, (_, row) in enumerate(frame.iterrows()):
        cells = []
        for column, value in row.items():
            fmt = formats.get(column)
            numeric = fmt is not None or (isinstance(value, int | float)
                                          and not isinstance(value, bool))
            text = fmt(value) if fmt else (number(value) if numeric else str(value))
            css = " class='num'" if numeric else ""
            cells.append(f"<td{css}>{escape(text)}</td>")
        marked = highlight is not None and highlight[index]
        css = " class='flag'" if marked else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return HTML(f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
                "</table>")
