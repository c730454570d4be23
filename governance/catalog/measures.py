"""What scoring judges: the KPI columns that carry thresholds, and the measures derived from
several columns, each with the formula that computes it over the vendors × months grid.

Adding a derived measure is one declaration below (formula included); the scoring engine,
reasons, charts and docs/scoring.md read it from ``MEASURES``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from governance.calendar import fiscal_years
from governance.catalog.contracts import CONTRACT_MEASURES
from governance.catalog.kinds import KPIS
from governance.catalog.model import GridInputs, Measure
from governance.catalog.tickets import TICKET_MEASURES, sla_attainment, sla_basis_params


def _share_of_budget(amount: np.ndarray, budget: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return amount / np.where(budget > 0, budget, np.nan) * 100


def cost_variance(g: GridInputs) -> np.ndarray:
    return _share_of_budget(g.raw["actual_cost_jpy"] - g.raw["budget_jpy"], g.raw["budget_jpy"])


def fytd_variance(g: GridInputs) -> np.ndarray:
    """Cumulative actual against cumulative budget of the months reported so far in each
    fiscal year (a month without a report adds neither)."""
    budget, actual = g.raw["budget_jpy"], g.raw["actual_cost_jpy"]
    years = fiscal_years(g.months, g.fiscal_year_start).to_numpy()
    out = np.full_like(budget, np.nan)
    for fy in np.unique(years):
        cols = np.flatnonzero(years == fy)
        reported = ~np.isnan(actual[:, cols])
        cum_actual = np.nancumsum(actual[:, cols], axis=1)
        cum_budget = np.nancumsum(np.where(reported, budget[:, cols], 0), axis=1)
        seen = np.cumsum(reported, axis=1) > 0
        out[:, cols] = np.where(seen, _share_of_budget(cum_actual - cum_budget, cum_budget),
                                np.nan)
    return out


def change_request_cost_share(g: GridInputs) -> np.ndarray:
    return _share_of_budget(g.raw["change_request_cost_jpy"], g.raw["budget_jpy"])


def sla_gap(g: GridInputs) -> np.ndarray:
    """Target minus attainment; the attainment is measured from tickets where there are
    enough of them (``tickets.sla_attainment``)."""
    return g.raw["sla_target_pct"] - sla_attainment(g)


def exit_plan_age(g: GridInputs) -> np.ndarray:
    """Whole months since the exit plan's last review, never below 0 (a plan reviewed after
    the month shown is current for it)."""
    updated = pd.to_datetime(g.vendors["exit_plan_updated"])
    months = g.months
    since = ((months.year.to_numpy()[None, :] - updated.dt.year.to_numpy()[:, None]) * 12
             + months.month.to_numpy()[None, :] - updated.dt.month.to_numpy()[:, None])
    return np.where(np.isnan(since), np.nan, np.maximum(since, 0)).astype("float64")


def rolling_total(values: np.ndarray, window: int, min_count: int) -> np.ndarray:
    """Sum over the last ``window`` months; with a month missing, the mean of the others
    scaled to the window, so a gap does not look like zero."""
    out = np.full_like(values, np.nan)
    for j in range(values.shape[1]):
        part = values[:, max(0, j - window + 1): j + 1]
        count = (~np.isnan(part)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            mean = np.nanmean(np.where(count[:, None] > 0, part, 0), axis=1)
        out[:, j] = np.where(count >= min_count, mean * window, np.nan)
    return out


def knowledge_transfer_3m(g: GridInputs) -> np.ndarray:
    return rolling_total(g.raw["knowledge_transfer_hours"], 3, min_count=2)


DERIVED = (
    Measure("cost_variance_pct", "予算超過率", "Cost variance", "cost_creep", "higher_is_worse",
            5, 10, "%", "Actual cost above budget in the month, as % of budget.",
            "当月の実績額が予算額を上回る割合(予算比 %)。", formula=cost_variance),
    Measure("fytd_variance_pct", "年度累計予算超過率", "Fiscal-YTD variance", "cost_creep",
            "higher_is_worse", 4, 8, "%",
            "Actual cost above budget since the start of the fiscal year, as % of budget.",
            "年度初めからの累計実績額が累計予算額を上回る割合(%)。", formula=fytd_variance,
            trend=False),
    Measure("change_request_cost_pct", "変更要求費用率", "Change-request cost share",
            "cost_creep", "higher_is_worse", 5, 10, "%",
            "Cost of change requests as % of the month's budget.",
            "当月の変更要求費用の予算額に対する割合(%)。", formula=change_request_cost_share),
    Measure("sla_gap_pts", "SLA未達幅", "SLA gap", "control_leakage", "higher_is_worse",
            0.1, 2, "pt", "SLA target minus attainment, in percentage points.",
            "SLA目標からSLA達成率を引いた差(ポイント)。", formula=sla_gap,
            reason_key="reason.sla-gap", reason_params=sla_basis_params),
    Measure("exit_plan_age_months", "出口計画経過月数", "Exit plan age", "knowledge_drain",
            "higher_is_worse", 12, 24, "months",
            "Months since the exit / hand-back plan was last reviewed.",
            "出口計画を最後に見直してからの月数。", formula=exit_plan_age, trend=False),
    Measure("knowledge_transfer_hours_3m", "ナレッジ移転時間(3か月)",
            "Knowledge transfer (3 months)", "knowledge_drain", "higher_is_better", 24, 0,
            "hours", "Knowledge-transfer hours over the last three months.",
            "直近3か月のナレッジ移転時間の合計。", role="activity",
            formula=knowledge_transfer_3m),
)


def _raw_measures() -> tuple[Measure, ...]:
    return tuple(
        Measure(c.name, c.ja, c.en_label, c.axis, c.direction, c.amber, c.red, c.unit,
                c.help_en, c.help_ja, role=c.role, type=c.type)
        for c in KPIS.columns if c.axis and c.direction and c.amber is not None)


MEASURES: tuple[Measure, ...] = _raw_measures() + DERIVED + TICKET_MEASURES + CONTRACT_MEASURES


def measures_of(axis: str) -> tuple[Measure, ...]:
    return tuple(m for m in MEASURES if m.axis == axis)


_BY_NAME = {m.name: m for m in MEASURES}


def measure(name: str) -> Measure:
    return _BY_NAME[name]
