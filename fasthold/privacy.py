"""What may be shown to whom.

Leadership pages show aggregates only. A count from 1 to ``min_antal − 1`` is shown as
``<min_antal``; where a line of a table also shows its total, a second cell of that line is
hidden too (complementary suppression), so the hidden count cannot be worked out by subtraction.
CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_small(count: float, minimum: int) -> bool:
    return 0 < count < minimum


def shown_count(count: int, minimum: int) -> str:
    """A count as leadership may see it: below ``minimum`` (but above 0) it reads ``<minimum``."""
    from fasthold.report.format import number

    return f"<{minimum}" if is_small(count, minimum) else number(count)


def suppression_mask(table: pd.DataFrame, minimum: int, totals: bool = True,
                     row_totals: bool = True) -> pd.DataFrame:
    """Cells to hide in a table of counts: the small ones and, when ``totals`` (row and column
    totals are shown), one more cell in every row and column that would otherwise hide exactly
    one — the smallest remaining count, so the least information is lost."""
    values = table.to_numpy(dtype=float)
    hidden = (values > 0) & (values < minimum)
    if totals:
        changed = True
        while changed:
            changed = False
            for axis in (0, 1) if row_totals else (0,):
                lines = hidden if axis == 1 else hidden.T
                data = values if axis == 1 else values.T
                for i in range(lines.shape[0]):
                    if lines[i].sum() == 1 and (data[i] > 0).sum() > 1:
                        candidates = np.where(~lines[i] & (data[i] > 0), data[i], np.inf)
                        j = int(np.argmin(candidates))
                        if np.isfinite(candidates[j]):
                            lines[i, j] = True
                            changed = True
    return pd.DataFrame(hidden, index=table.index, columns=table.columns)


def suppress(table: pd.DataFrame, minimum: int, totals: bool = True,
             row_totals: bool = True) -> pd.DataFrame:
    """``table`` of counts as text for leadership: hidden cells read ``<minimum``, and with
    ``totals`` an ``I alt`` row (and, with ``row_totals``, an ``I alt`` column) is added."""
    from fasthold.report.format import number

    mask = suppression_mask(table, minimum, totals, row_totals)
    text = table.map(lambda v: number(v)).where(~mask, f"<{minimum}")
    text = text.where(~(mask & (table == 0)), "0")
    if totals:
        with_column = row_totals and table.shape[1] > 1
        if with_column:
            text["I alt"] = [shown_count(v, minimum) for v in table.sum(axis=1)]
        total_row = [shown_count(v, minimum) for v in table.sum(axis=0)]
        if with_column:
            total_row.append(shown_count(int(table.to_numpy().sum()), minimum))
        text.loc["I alt"] = total_row
    return text


def neutralise_csv(value: object) -> object:
    """A text cell that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
