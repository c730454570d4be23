"""Vendor × month arrays of every measure, raw and derived.

The KPI rows become dense 2-D arrays (vendors × consecutive months, NaN where nothing was
reported), so the derived measures (each computed by the formula on its catalog
declaration), trends and rolling sums are plain numpy along the month axis: scoring 2,000
vendors × 60 months stays well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.calendar import FISCAL_YEAR_START
from governance.catalog import KPIS, MEASURES, GridInputs

_DAY = np.timedelta64(1, "D")


@dataclass
class Grid:
    vendors: pd.DataFrame  # one row per vendor, in array order
    months: pd.DatetimeIndex  # consecutive first-of-month dates
    raw: dict[str, np.ndarray]  # KPI column -> V x M floats
    values: dict[str, np.ndarray]  # measure -> V x M floats
    reported: np.ndarray  # V x M: a KPI report exists
    active: np.ndarray  # V x M: the contract runs in that month
    inputs: GridInputs  # what the derived measures were computed from

    def month_index(self, month) -> int:
        return int(self.months.get_loc(pd.Timestamp(month)))


def month_range(first, last) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(first), pd.Timestamp(last), freq="MS")


def _floats(series: pd.Series) -> np.ndarray:
    try:
        return series.to_numpy(dtype="float64", na_value=np.nan)
    except (TypeError, ValueError):  # text that ought to be numbers: coerce
        return pd.to_numeric(series.astype("object"), errors="coerce").to_numpy(
            dtype="float64", na_value=np.nan)


def build(vendors: pd.DataFrame, kpis: pd.DataFrame, months: pd.DatetimeIndex,
          fiscal_year_start: int = FISCAL_YEAR_START,
          sources: dict[str, pd.DataFrame] | None = None) -> Grid:
    """The grid of ``vendors`` × ``months``. ``sources`` are long frames (``vendor_id``,
    ``month`` and value columns) from other upload kinds; each value column becomes a
    vendors × months array in ``GridInputs.sources`` under its column name."""
    vendors = vendors.sort_values("vendor_id").reset_index(drop=True)
    n_v, n_m = len(vendors), len(months)
    row_pos = pd.Index(vendors["vendor_id"]).get_indexer(kpis["vendor_id"])
    month_pos = pd.Index(months).get_indexer(pd.to_datetime(kpis["month"]))
    keep = (month_pos >= 0) & (row_pos >= 0)  # rows of unknown vendors or other months
    r = row_pos[keep]
    c = month_pos[keep]
    raw = {}
    for column in KPIS.columns:
        if column.type in ("integer", "number", "percent", "boolean"):
            grid = np.full((n_v, n_m), np.nan)
            grid[r, c] = _floats(kpis[column.name])[keep]
            raw[column.name] = grid
    reported = np.zeros((n_v, n_m), dtype=bool)
    reported[r, c] = True

    starts = months.to_numpy(dtype="datetime64[D]")
    ends = (months + pd.offsets.MonthEnd(0)).to_numpy(dtype="datetime64[D]")
    c_start = pd.to_datetime(vendors["contract_start"]).to_numpy(dtype="datetime64[D]")
    c_end = pd.to_datetime(vendors["contract_end"]).to_numpy(dtype="datetime64[D]")
    active = (c_start[:, None] <= ends[None, :]) & (
        np.isnat(c_end)[:, None] | (c_end[:, None] >= starts[None, :]))

    inputs = GridInputs(raw, vendors, months, fiscal_year_start,
                        _spread(sources or {}, vendors, months))
    values = dict(raw)
    values.update({m.name: m.formula(inputs) for m in MEASURES if m.derived})
    return Grid(vendors, months, raw, values, reported, active, inputs)


def _spread(sources: dict[str, pd.DataFrame], vendors: pd.DataFrame,
            months: pd.DatetimeIndex) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    rows = pd.Index(vendors["vendor_id"])
    for frame in sources.values():
        r = rows.get_indexer(frame["vendor_id"])
        c = pd.Index(months).get_indexer(pd.to_datetime(frame["month"]))
        keep = (r >= 0) & (c >= 0)
        for name in frame.columns.difference(["vendor_id", "month"]):
            grid = np.full((len(vendors), len(months)), np.nan)
            grid[r[keep], c[keep]] = _floats(frame[name])[keep]
            out[name] = grid
    return out
