"""Spend with a missing report: a vendor that did not report is not a vendor that spent
nothing. Totals show what was reported, how many are missing and an estimate from each
missing vendor's last report; the projection runs on reported plus estimated spend."""

from __future__ import annotations

import pandas as pd
import pytest

from governance.calendar import Month
from governance.catalog import KPIS
from governance.scoring import ScoringConfig
from governance.views import costs
from governance.views.month import MonthData

MONTHS = pd.date_range("2026-04-01", "2026-10-01", freq="MS")


def _vendor(vendor_id: str) -> dict:
    return dict(vendor_id=vendor_id, vendor_name=vendor_id, service_type="BPO",
                engagement="outsourcing", criticality="low", owner="経理部",
                contract_start=pd.Timestamp("2020-04-01"), contract_end=pd.NaT,
                annual_budget_jpy=1200, data_access="internal", exit_plan_updated=pd.NaT)


@pytest.fixture
def data() -> MonthData:
    """V1 reports 100 of 100 every month, April–October; V2 reports 60 of 50 April–
    September and misses October."""
    rows = [dict(vendor_id="V1", month=m, budget_jpy=100, actual_cost_jpy=100,
                 change_request_cost_jpy=0) for m in MONTHS]
    rows += [dict(vendor_id="V2", month=m, budget_jpy=50, actual_cost_jpy=60,
                  change_request_cost_jpy=0) for m in MONTHS[:-1]]
    empty = pd.DataFrame()
    return MonthData(Month(2026, 10), ScoringConfig(), pd.DataFrame([_vendor("V1"),
                                                                      _vendor("V2")]),
                     pd.DataFrame(rows).reindex(columns=list(KPIS.names)),
                     empty.assign(vendor_id=[], period=[]),
                     empty.assign(vendor_id=[]), Month(2026, 10))


def test_the_months_total_is_what_was_reported_with_the_missing_estimated_beside_it(data):
    spend = costs.spend_of(data)
    month = spend.month
    assert (month.actual, month.budget, month.missing, month.estimate,
            month.estimate_budget) == (100, 100, 1, 60, 50)
    assert month.variance_pct == 0  # like for like: V1's own actual against its budget
    ytd = spend.year_to_date
    assert (ytd.actual, ytd.budget, ytd.missing, ytd.estimate) == (1060, 1000, 1, 60)


def test_the_projection_does_not_dip_when_a_report_is_missing(data):
    view = costs.cost_view(data)
    october = view.months[view.months["month"] == pd.Timestamp("2026-10-01")].iloc[0]
    assert (october["actual"], october["estimate"], october["budget"]) == (100, 60, 150)
    # spent so far: 6 x 160 + (100 + 60); run rate: the last three months, 160 each
    assert view.months["cum_actual"].dropna().iloc[6] == 1120
    assert view.year_end_projection == 1120 + 160 * 5
    assert view.year_end_budget == 1050 + 150 * 5
    assert (view.missing, view.missing_year, view.estimated) == (1, 1, 60)
