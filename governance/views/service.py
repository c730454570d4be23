"""The service measured from tickets beside what vendors report: the ``service`` command's
rows, one vendor's reported and measured SLA as a trend, the portfolio's comparison for
/control and the vendors whose gap is red for the executive report.

Figures come from ``governance.store.service`` (SQL); the gap and its status from scoring
(``sla_report_gap_pts``), so the pages say what scoring decided.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from governance.calendar import Month
from governance.catalog import MIN_TICKETS
from governance.errors import UsageError
from governance.i18n import t
from governance.scoring.engine import STATUS
from governance.store import Store
from governance.views.month import MonthData

GAP = "sla_report_gap_pts"
# the fields of ``service`` (JSON, CSV and table), in order
FIELDS = ("vendor_id", "vendor_name", "month", "by", "tickets", "sla_met_pct", "reopened_pct",
          "median_resolution_hours", "p1_tickets", "backlog", "reported_sla_attainment_pct",
          "gap_pts")
# the series of the reported / measured trend, each with its label
SERIES_KEYS = {"reported": "service.series-reported", "measured": "service.series-measured"}


# each field's heading in a table
HEADING_KEYS = {"vendor_id": "service.vendor_id", "vendor_name": "service.vendor_name",
                "month": "service.month", "by": "service.by", "tickets": "service.tickets",
                "sla_met_pct": "service.sla_met_pct", "reopened_pct": "service.reopened_pct",
                "median_resolution_hours": "service.median_resolution_hours",
                "p1_tickets": "service.p1_tickets", "backlog": "service.backlog",
                "reported_sla_attainment_pct": "service.reported_sla_attainment_pct",
                "gap_pts": "service.gap_pts"}
# the two views, as a table names them
VIEW_KEYS = {"resolved": "service.view-resolved", "opened": "service.view-opened"}


@dataclass
class ServiceMonth:
    """The ``service`` command's answer: one row per vendor with tickets in the month, and
    the month's tickets of groups no vendor names."""

    rows: list[dict]
    unassigned_groups: int
    unassigned_tickets: int


def _two(value) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def service_month(store: Store, month: Month, by: str = "resolved") -> ServiceMonth:
    """Every vendor's figures for ``month`` by the ``resolved`` or ``opened`` view, with the
    SLA attainment it reported and the gap; a month without tickets is a usage error."""
    with store.held():
        figures = store.service(month.ts, month.ts, by)
        groups, unassigned = store.unassigned_tickets(month.ts, month.ts, by)
        vendors = store.rows("vendors")
        kpis = store.rows("kpis", month=month.start)
    if not figures[["tickets", "opened", "resolved"]].to_numpy().any() and not unassigned:
        raise UsageError("error.no-tickets", month=str(month))
    names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
    reported = dict(zip(kpis["vendor_id"], kpis["sla_attainment_pct"], strict=True))
    rows = []
    for f in figures[figures["tickets"] > 0].itertuples(index=False):
        claimed = _two(reported.get(f.vendor_id))
        measured = _two(f.sla_met_pct)
        rows.append({
            "vendor_id": f.vendor_id, "vendor_name": names.get(f.vendor_id),
            "month": str(month), "by": by, "tickets": int(f.tickets),
            "sla_met_pct": measured, "reopened_pct": _two(f.reopened_pct),
            "median_resolution_hours": _two(f.median_resolution_hours),
            "p1_tickets": int(f.p1_tickets), "backlog": int(f.backlog),
            "reported_sla_attainment_pct": claimed,
            "gap_pts": None if claimed is None or measured is None
            else round(claimed - measured, 2)})
    return ServiceMonth(rows, int(groups), int(unassigned))


def heading(key: str, lang: str) -> str:
    return t(HEADING_KEYS[key], lang)


def table_row(row: dict, lang: str) -> dict[str, str]:
    """A ``service`` row as a terminal table shows it: numbers with two decimals, the view
    in words, nothing as "—"."""
    out = {}
    for key, value in row.items():
        if value is None:
            out[key] = "—"
        elif key == "by":
            out[key] = t(VIEW_KEYS[value], lang)
        elif isinstance(value, float):
            out[key] = f"{value:,.2f}"
        elif isinstance(value, int):
            out[key] = f"{value:,}"
        else:
            out[key] = str(value)
    return out


def _vendor_index(data: MonthData, vendor_id: str) -> int | None:
    found = np.flatnonzero(data.evaluation.grid.vendors["vendor_id"].to_numpy() == vendor_id)
    return int(found[0]) if len(found) else None


def sla_trend(data: MonthData, vendor_id: str) -> pd.DataFrame:
    """One vendor's reported SLA attainment and its measured SLA met % per month of the
    trend (month, series, value, tickets), or an empty frame when its tickets measured
    nothing in those months."""
    g = data.evaluation.grid
    v = _vendor_index(data, vendor_id)
    columns = ["month", "series", "value", "tickets"]
    if v is None:
        return pd.DataFrame(columns=columns)
    shown = (g.months >= data.trend_from.ts) & (g.months <= data.month.ts)
    measured = g.inputs.source("measured_sla_pct")[v, shown]
    if np.isnan(measured).all():
        return pd.DataFrame(columns=columns)
    months = g.months[shown]
    tickets = g.inputs.source("sla_tickets")[v, shown]
    parts = [pd.DataFrame({"month": months, "series": "reported",
                           "value": g.raw["sla_attainment_pct"][v, shown], "tickets": np.nan}),
             pd.DataFrame({"month": months, "series": "measured", "value": measured,
                           "tickets": tickets})]
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"]).reset_index(drop=True)


def comparison(data: MonthData, vendor_ids: set[str] | None = None) -> pd.DataFrame:
    """Every vendor with measured SLA in the month: reported, measured, tickets, the gap
    (where scoring takes it: at least ``MIN_TICKETS`` tickets) and its status, largest gap
    first."""
    g = data.evaluation.grid
    j = g.month_index(data.month.ts)
    measured = g.inputs.source("measured_sla_pct")[:, j]
    has = ~np.isnan(measured)
    if vendor_ids is not None:
        has &= g.vendors["vendor_id"].isin(vendor_ids).to_numpy()
    rows = np.flatnonzero(has)
    frame = pd.DataFrame({
        "vendor_id": g.vendors["vendor_id"].to_numpy()[rows],
        "vendor_name": g.vendors["vendor_name"].to_numpy()[rows],
        "reported": g.raw["sla_attainment_pct"][rows, j], "measured": measured[rows],
        "tickets": g.inputs.source("sla_tickets")[rows, j],
        "gap": g.values[GAP][rows, j],
        "status": [STATUS[int(s)] for s in data.evaluation.status[GAP][rows, j]]})
    return frame.sort_values(["gap", "vendor_id"], ascending=[False, True],
                             na_position="last").reset_index(drop=True)


def red_gaps(data: MonthData) -> pd.DataFrame:
    """The vendors whose reported SLA is red against their tickets this month."""
    frame = comparison(data)
    return frame[frame["status"] == "red"].reset_index(drop=True)


__all__ = ["FIELDS", "HEADING_KEYS", "MIN_TICKETS", "SERIES_KEYS", "VIEW_KEYS", "ServiceMonth",
           "comparison", "heading", "red_gaps", "service_month", "sla_trend", "table_row"]
