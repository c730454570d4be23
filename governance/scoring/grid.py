"""Vendor × month arrays of every measure, raw and derived.

The KPI rows become dense 2-D arrays (vendors × consecutive months, NaN where nothing was
reported), so the derived measures, trends and rolling sums are plain numpy along the
month axis: scoring 2,000 vendors × 60 months stays well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.catalog import DERIVED, KPIS

_DAY = np.timedelta64(1, "D")


@dataclass
class Grid:
    vendors: pd.DataFrame  # one row per vendor, in array order
    months: pd.DatetimeIndex  # consecutive first-of-month dates
    raw: dict[str, np.ndarray]  # KPI column -> V x M floats
    values: dict[str, np.ndarray]  # measure -> V x M floats
    reported: np.ndarray  # V x M: a KPI report exists
    active: np.ndarray  # V x M: the contract runs in that month

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
          fiscal_year_start: int = 4) -> Grid:
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

    values = {name: grid for name, grid in raw.items()}
    values.update(_derived(raw, vendors, months, fiscal_year_start))
    assert set(values) >= {m.name for m in DERIVED}
    return Grid(vendors, months, raw, values, reported, active)


def _derived(raw, vendors, months, fy_start) -> dict[str, np.ndarray]:
    budget, actual = raw["budget_jpy"], raw["actual_cost_jpy"]
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = np.where(budget > 0, budget, np.nan)
        variance = (actual - budget) / positive * 100
        cr_share = raw["change_request_cost_jpy"] / positive * 100
        fiscal_year = np.where(months.month >= fy_start, months.year, months.year - 1)
        fytd = np.full_like(budget, np.nan)
        for fy in np.unique(fiscal_year):
            cols = np.flatnonzero(fiscal_year == fy)
            cum_actual = np.nancumsum(actual[:, cols], axis=1)
            cum_budget = np.nancumsum(np.where(np.isnan(actual[:, cols]), 0,
                                               budget[:, cols]), axis=1)
            seen = np.cumsum(~np.isnan(actual[:, cols]), axis=1) > 0
            share = (cum_actual - cum_budget) / np.where(cum_budget > 0, cum_budget, np.nan)
            fytd[:, cols] = np.where(seen, share * 100, np.nan)
    kt = raw["knowledge_transfer_hours"]
    kt_3m = _rolling_total(kt, 3, min_count=2)
    updated = pd.to_datetime(vendors["exit_plan_updated"])
    months_since = ((months.year.to_numpy()[None, :] - updated.dt.year.to_numpy()[:, None]) * 12
                    + months.month.to_numpy()[None, :] - updated.dt.month.to_numpy()[:, None])
    exit_age = np.where(np.isnan(months_since), np.nan, np.maximum(months_since, 0))
    return {
        "cost_variance_pct": variance,
        "fytd_variance_pct": fytd,
        "change_request_cost_pct": cr_share,
        "sla_gap_pts": raw["sla_target_pct"] - raw["sla_attainment_pct"],
        "exit_plan_age_months": exit_age.astype("float64"),
        "knowledge_transfer_hours_3m": kt_3m,
    }


def _rolling_total(values: np.ndarray, window: int, min_count: int) -> np.ndarray:
    """Sum over the last ``window`` months; with a month missing, the mean of the others
    scaled to the window, so a gap does not look like zero hours."""
    n_m = values.shape[1]
    out = np.full_like(values, np.nan)
    for j in range(n_m):
        part = values[:, max(0, j - window + 1): j + 1]
        count = (~np.isnan(part)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            mean = np.nanmean(np.where(count[:, None] > 0, part, 0), axis=1)
        out[:, j] = np.where(count >= min_count, mean * window, np.nan)
    return out
