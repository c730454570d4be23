"""Everything the vendor page shows about one vendor in a month: profile, axes with
reasons, every measure's history with thresholds, the review meetings and the open /
overdue actions, read from the month's data (``MonthData``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from governance.contracts import views as contract_views
from governance.reviews import log
from governance.scoring import VendorRisk
from governance.views import service
from governance.views.month import MonthData, overdue_as_of


@dataclass
class VendorView:
    vendor: dict
    risk: VendorRisk | None
    measures: pd.DataFrame  # month, measure, axis, value, status, amber, red
    meetings: pd.DataFrame  # every meeting with the vendor, newest first
    actions: pd.DataFrame  # open on the day counted, with days_overdue, most urgent first
    exit_plan_age_months: int | None
    # SLA attainment reported and measured from tickets per month (``service.sla_trend``)
    sla_trend: pd.DataFrame = field(default_factory=pd.DataFrame)
    contracts: pd.DataFrame = field(default_factory=pd.DataFrame)  # contracts.views.timeline
    subcontractors: pd.DataFrame = field(default_factory=pd.DataFrame)  # contracts.views.tree


def vendor_view(data: MonthData, vendor_id: str, today: dt.date | None = None
                ) -> VendorView | None:
    """The vendor ``vendor_id`` in ``data``'s month, or None when it is not registered."""
    row = data.vendors[data.vendors["vendor_id"] == vendor_id]
    if row.empty:
        return None
    as_of = overdue_as_of(data.month, today or dt.date.today())
    mine = data.actions[data.actions["vendor_id"] == vendor_id]
    actions = log.open_actions(mine[log.open_on(mine, as_of)], as_of)
    meetings = data.reviews[data.reviews["vendor_id"] == vendor_id]
    chains = contract_views.contracts_view(data.contracts, data.subcontractors, row, as_of,
                                           0, data.config)
    return VendorView(row.iloc[0].to_dict(), data.risk_of(vendor_id),
                      data.measures(vendor_id),
                      meetings.sort_values("held_on", ascending=False), actions,
                      _exit_plan_age(data, vendor_id), service.sla_trend(data, vendor_id),
                      chains.timeline, chains.tree)


def _exit_plan_age(data: MonthData, vendor_id: str) -> int | None:
    """The exit plan's age in the month, as scoring computes it (never below 0)."""
    grid = data.evaluation.grid
    v = np.flatnonzero(grid.vendors["vendor_id"].to_numpy() == vendor_id)
    age = grid.values["exit_plan_age_months"][v[0], grid.month_index(data.month.ts)]
    return None if np.isnan(age) else int(age)
