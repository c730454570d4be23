"""Spend against budget: per month, cumulative over the fiscal year, and a year-end
projection at the recent run rate (the mean of the last three months' spend).

A vendor that did not report is not a vendor that spent nothing: for every vendor-month
whose contract runs but whose report is missing, the spend is estimated from that vendor's
last reported month (its actual cost and budget). Totals show what was reported, how many
vendors are missing and the estimate beside it, never mixed in silently; the run rate and
the projection use reported plus estimated spend, so a missing report does not dip them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.calendar import Month
from governance.views.month import MonthData

RUN_RATE_MONTHS = 3


@dataclass(frozen=True)
class Spend:
    """Reported spend of a period, and the estimate for the reports that are missing."""

    actual: float
    budget: float
    estimate: float  # missing reports, from each vendor's last reported month
    estimate_budget: float
    missing: int  # vendor-months (a single month: vendors) without a report

    @property
    def variance_pct(self) -> float | None:
        """Reported actual against reported budget (like for like), in %."""
        return (self.actual - self.budget) / self.budget * 100 if self.budget else None


@dataclass(frozen=True)
class Overall:
    month: Spend
    year_to_date: Spend


@dataclass
class CostView:
    # month, budget, actual (reported), estimate, cr_cost, cum_budget, cum_actual
    # (reported + estimated), projection
    months: pd.DataFrame
    fiscal_year_start: Month
    year_end_budget: float
    year_end_projection: float
    missing: int  # vendors without a report in the month shown
    missing_year: int = 0  # vendor-months without a report in the fiscal year so far

    @property
    def estimated(self) -> float:
        """Spend estimated for the missing reports of the fiscal year so far."""
        return float(self.months["estimate"].fillna(0).sum())

    @property
    def projected_variance_pct(self) -> float | None:
        if not self.year_end_budget:
            return None
        return (self.year_end_projection - self.year_end_budget) / self.year_end_budget * 100


def _arrays(data: MonthData, ids: set[str] | None):
    """Per month of the fiscal year up to the month: reported actual, budget and
    change-request cost, and the estimated actual and budget of missing reports (vendors
    × months arrays), for the vendors in ``ids`` (all when None)."""
    grid = data.evaluation.grid
    start = data.month.fiscal_start(data.config.fiscal_year_start)
    cols = np.flatnonzero((grid.months >= start.ts) & (grid.months <= data.month.ts))
    rows = np.ones(len(grid.vendors), dtype=bool) if ids is None else \
        grid.vendors["vendor_id"].isin(ids).to_numpy()
    missing = grid.active & ~grid.reported

    def last_reported(values: np.ndarray) -> np.ndarray:
        filled = pd.DataFrame(values.T).ffill().to_numpy().T  # along months
        return np.where(missing, filled, np.nan)

    def part(values: np.ndarray) -> np.ndarray:
        return values[np.ix_(rows, cols)]

    raw = grid.raw
    return (grid.months[cols], start, part(raw["actual_cost_jpy"]), part(raw["budget_jpy"]),
            part(raw["change_request_cost_jpy"]), part(last_reported(raw["actual_cost_jpy"])),
            part(last_reported(raw["budget_jpy"])), part(missing))


def _spend(actual, budget, estimate, estimate_budget, missing) -> Spend:
    return Spend(float(np.nansum(actual)), float(np.nansum(budget)),
                 float(np.nansum(estimate)), float(np.nansum(estimate_budget)),
                 int(missing.sum()))


def spend_of(data: MonthData, ids: set[str] | None = None) -> Overall:
    """The month's and the fiscal year's spend so far, reported and estimated."""
    _, _, actual, budget, _, estimate, est_budget, missing = _arrays(data, ids)
    last = slice(-1, None)
    return Overall(
        _spend(actual[:, last], budget[:, last], estimate[:, last], est_budget[:, last],
               missing[:, last]),
        _spend(actual, budget, estimate, est_budget, missing))


def cost_view(data: MonthData, ids: set[str] | None = None) -> CostView:
    """Spend of the given vendors (all when None) for the fiscal year holding the month."""
    months, start, actual, budget, cr, estimate, est_budget, missing = _arrays(data, ids)
    reported_any = (~np.isnan(actual)).any(axis=0)

    def total(values: np.ndarray) -> np.ndarray:
        return np.where(reported_any, np.nansum(values, axis=0), np.nan)

    frame = pd.DataFrame({"month": months, "budget": total(budget) + np.nansum(est_budget, 0),
                          "actual": total(actual), "estimate": np.nansum(estimate, axis=0),
                          "cr_cost": total(cr)})
    spent = frame["actual"].fillna(0) + frame["estimate"]
    frame["cum_budget"] = frame["budget"].fillna(0).cumsum()
    frame["cum_actual"] = spent.cumsum()
    last_month = Month.of(months[-1]) if len(months) else data.month
    remaining = pd.date_range((last_month + 1).ts, start.fiscal_end(
        data.config.fiscal_year_start).ts, freq="MS")
    recent = spent[frame["actual"].notna()].tail(RUN_RATE_MONTHS)
    run_rate = float(recent.mean()) if not recent.empty else 0.0
    budgets = frame["budget"].dropna()
    monthly_budget = float(budgets.iloc[-1]) if not budgets.empty else 0.0
    cum_actual = float(frame["cum_actual"].iloc[-1]) if len(frame) else 0.0
    cum_budget = float(frame["cum_budget"].iloc[-1]) if len(frame) else 0.0
    steps = pd.RangeIndex(len(remaining)) + 1
    projection = pd.DataFrame({"month": remaining,
                               "cum_budget": cum_budget + monthly_budget * steps,
                               "projection": cum_actual + run_rate * steps})
    frame["projection"] = float("nan")
    if len(frame):
        frame.loc[frame.index[-1], "projection"] = cum_actual
    frame = pd.concat([frame, projection], ignore_index=True)
    return CostView(frame, start, cum_budget + monthly_budget * len(remaining),
                    cum_actual + run_rate * len(remaining),
                    int(missing[:, -1].sum()) if missing.shape[1] else 0, int(missing.sum()))
