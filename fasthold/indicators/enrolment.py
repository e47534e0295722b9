"""Who is enrolled at a pull, and the pulls' timeline: the definitions the others build on."""

from __future__ import annotations

import datetime as dt

import pandas as pd

DAYS_PER_MONTH = 30.4375  # 365.25 / 12: months between two dates, for retention and lead times


def is_enrolled(start_date: pd.Series, end_date: pd.Series,
                snapshot_date: dt.date | pd.Series) -> pd.Series:
    """``start_date <= snapshot`` and (no ``end_date`` or ``end_date > snapshot``).

    A start date after the snapshot is normal (admitted students appear early) and means
    "not yet enrolled".
    """
    snap = pd.to_datetime(snapshot_date) if not isinstance(snapshot_date, pd.Series) \
        else snapshot_date
    enrolled = (start_date <= snap) & (end_date.isna() | (end_date > snap))
    return enrolled.fillna(False).astype(bool)


def school_year(day: dt.date | pd.Timestamp, start_month: int = 8) -> int:
    """The calendar year in which the school year containing ``day`` began."""
    return day.year if day.month >= start_month else day.year - 1


def pulls(panel: pd.DataFrame, start_month: int = 8) -> pd.DataFrame:
    """One row per stored pull, oldest first: ``period``, ``snapshot_date``, ``school_year``,
    ``previous`` (the stored pull before it, any school year) and ``first_of_year``."""
    table = (panel[["period", "snapshot_date"]].drop_duplicates("period")
             .sort_values("period", ignore_index=True))
    table["school_year"] = [school_year(d, start_month) for d in table["snapshot_date"]]
    table["previous"] = table["period"].shift(1)
    table["first_of_year"] = table.groupby("school_year")["period"].transform("first")
    return table


def previous_period(panel: pd.DataFrame, period: str) -> str | None:
    """The stored pull just before ``period`` (pulls need not be consecutive)."""
    earlier = panel.loc[panel["period"] < period, "period"]
    return None if earlier.empty else str(earlier.max())


def snapshot(panel: pd.DataFrame, period: str) -> pd.Timestamp:
    return panel.loc[panel["period"] == period, "snapshot_date"].iloc[0]


def under_18(birth_date: pd.Series, snapshot_date: pd.Timestamp | pd.Series) -> pd.Series:
    """True/False at the snapshot; empty (NA) when the birth date is unknown."""
    eighteenth = birth_date + pd.DateOffset(years=18)
    result = (eighteenth > snapshot_date).astype("boolean")
    return result.mask(birth_date.isna())


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values`` looked up by ``keys`` (aligned to ``keys``' index). Unlike ``Series.map`` it
    keeps a datetime dtype when ``values`` is empty."""
    return pd.Series(values.reindex(keys.to_numpy()).to_numpy(), index=keys.index,
                     dtype=values.dtype)


def ids_in(ids: pd.Series, values: pd.Series | pd.Index | set) -> pd.Series:
    """``ids.isin(values)`` for student ids, computed by Arrow (pandas' own ``isin`` on Arrow
    strings goes through Python objects and is ten times slower on a large panel)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, set):
        value_set = pa.array([str(v) for v in values], type=pa.string())
    else:
        value_set = pa.array(pd.Series(values).astype("str"), type=pa.string())
    hits = pc.is_in(pa.array(ids.astype("str"), type=pa.string()), value_set=value_set)
    return pd.Series(hits.to_numpy(zero_copy_only=False), index=ids.index, dtype=bool)
