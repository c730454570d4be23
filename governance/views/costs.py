"""Spend against budget: per month, cumulative over the fiscal year, and a year-end
projection at the recent run rate (the mean of the last three months' actual cost)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from governance import scoring
from governance.store import Store

RUN_RATE_MONTHS = 3


@dataclass
class CostView:
    months: pd.DataFrame  # month, budget, actual, cr_cost, cum_budget, cum_actual, projection
    fiscal_year_start: pd.Timestamp
    year_end_budget: float
    year_end_projection: float

    @property
    def projected_variance_pct(self) -> float | None:
        if not self.year_end_budget:
            return None
        return (self.year_end_projection - self.year_end_budget) / self.year_end_budget * 100


def fiscal_year_start(month: pd.Timestamp, start_month: int) -> pd.Timestamp:
    year = month.year if month.month >= start_month else month.year - 1
    return pd.Timestamp(year=year, month=start_month, day=1)


def cost_view(store: Store, month, vendor_ids: set[str] | None = None,
              config: scoring.ScoringConfig | None = None) -> CostView:
    """Spend of the given vendors (all when None) for the fiscal year holding ``month``."""
    config = config or scoring.load()
    month = pd.Timestamp(month)
    start = fiscal_year_start(month, config.fiscal_year_start)
    kpis = store.kpis_between(start, month)
    if vendor_ids is not None:
        kpis = kpis[kpis["vendor_id"].isin(vendor_ids)]
    return build(kpis, start, month)


def build(kpis: pd.DataFrame, start: pd.Timestamp, month: pd.Timestamp) -> CostView:
    months = pd.date_range(start, month, freq="MS")
    grouped = (kpis.assign(month=pd.to_datetime(kpis["month"]))
               .groupby("month")[["budget_jpy", "actual_cost_jpy", "change_request_cost_jpy"]]
               .sum(min_count=1).reindex(months))
    frame = pd.DataFrame({"month": months,
                          "budget": grouped["budget_jpy"].to_numpy(dtype=float),
                          "actual": grouped["actual_cost_jpy"].to_numpy(dtype=float),
                          "cr_cost": grouped["change_request_cost_jpy"].to_numpy(dtype=float)})
    frame["cum_budget"] = frame["budget"].fillna(0).cumsum()
    frame["cum_actual"] = frame["actual"].fillna(0).cumsum()
    remaining = pd.date_range(month + pd.DateOffset(months=1),
                              start + pd.DateOffset(months=11), freq="MS")
    recent = frame["actual"].dropna().tail(RUN_RATE_MONTHS)
    run_rate = float(recent.mean()) if not recent.empty else 0.0
    last_budget = frame["budget"].dropna()
    monthly_budget = float(last_budget.iloc[-1]) if not last_budget.empty else 0.0
    cum_actual = float(frame["cum_actual"].iloc[-1]) if len(frame) else 0.0
    cum_budget = float(frame["cum_budget"].iloc[-1]) if len(frame) else 0.0
    projection = pd.DataFrame({
        "month": remaining,
        "cum_budget": cum_budget + monthly_budget * (pd.RangeIndex(len(remaining)) + 1),
        "projection": cum_actual + run_rate * (pd.RangeIndex(len(remaining)) + 1)})
    frame["projection"] = float("nan")
    if len(frame):
        frame.loc[frame.index[-1], "projection"] = cum_actual
    frame = pd.concat([frame, projection], ignore_index=True)
    year_end_budget = cum_budget + monthly_budget * len(remaining)
    year_end = cum_actual + run_rate * len(remaining)
    return CostView(frame, start, year_end_budget, year_end)
