"""What the overview and axis pages show, computed from a month's data (``MonthData``):
filters, headline figures, the vendor x axis heat map, the portfolio trend, biggest movers,
the flagged vendors and the ranking on one axis. Pages only draw these."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from governance.calendar import Month
from governance.catalog import AXES, VENDORS
from governance.reviews import log
from governance.scoring import AXES_AND_OVERALL, VendorRisk
from governance.views import costs
from governance.views.costs import Overall
from governance.views.month import MonthData, overdue_as_of

SEVERITY = {"red": 3, "amber": 2, "no_data": 1, "green": 0}
CRITICALITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# the vendor filters (register columns) and each one's label
FILTER_KEYS = {"service_type": "filter.service_type", "criticality": "filter.criticality",
               "owner": "filter.owner"}
FILTER_COLUMNS = tuple(FILTER_KEYS)
# the orders of the heat map and ranking (``heat_frame``) and each one's label
SORT_KEYS = {"worst": "sort.worst", "criticality": "sort.criticality"}


@dataclass(frozen=True)
class Filters:
    """Vendor filters from the URL; values are checked against the register."""

    service_type: str | None = None
    criticality: str | None = None
    owner: str | None = None

    def apply(self, vendors: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=vendors.index)
        for name in FILTER_COLUMNS:
            value = getattr(self, name)
            if value is not None:
                keep &= vendors[name] == value
        return vendors[keep]

    def params(self) -> dict[str, str]:
        return {n: getattr(self, n) for n in FILTER_COLUMNS if getattr(self, n) is not None}


def filter_options(vendors: pd.DataFrame) -> dict[str, list[str]]:
    """Allowed values per filter: catalog choices, and the owners in the register."""
    options = {n: [c.value for c in VENDORS.column(n).choices] for n in FILTER_COLUMNS[:2]}
    options["owner"] = sorted(vendors["owner"].dropna().unique().tolist())
    return options


@dataclass
class Overview:
    month: Month
    risks: list[VendorRisk]
    heat: pd.DataFrame  # vendor_id, vendor_name, criticality, axis, status, score, rank
    red_counts: dict[str, int]
    spend: Overall  # the month and the fiscal year to date, reported and estimated
    missing_reports: list[str]
    overdue_actions: int  # open and past due at the month's end (today while it runs)
    flagged_not_reviewed: list[str]
    trend: pd.DataFrame  # month, status, vendors
    movers: pd.DataFrame  # vendor_id, vendor_name, axis, before, after, change
    vendors: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    @property
    def flagged(self) -> list[VendorRisk]:
        """Vendors amber or red overall, highest score first (the overview's list)."""
        return flagged(self.risks)


def flagged(risks: list[VendorRisk]) -> list[VendorRisk]:
    """``risks`` amber or red overall, highest overall score first, then by vendor ID."""
    chosen = [r for r in risks if r.axes["overall"].status in ("red", "amber")]
    return sorted(chosen, key=lambda r: (-r.axes["overall"].score, r.vendor_id))


def heat_frame(risks: list[VendorRisk], vendors: pd.DataFrame, sort: str) -> pd.DataFrame:
    """One row per vendor and axis (overall included), ranked by ``sort``:
    ``worst`` (overall score, then worst axis) or ``criticality``."""
    crit = dict(zip(vendors["vendor_id"], vendors["criticality"], strict=True))
    rows = []
    for r in risks:
        for axis in AXES_AND_OVERALL:
            a = r.axes[axis]
            rows.append((r.vendor_id, r.vendor_name, crit.get(r.vendor_id), axis, a.status,
                         a.score, r.axes["overall"].score))
    frame = pd.DataFrame(rows, columns=["vendor_id", "vendor_name", "criticality", "axis",
                                        "status", "score", "overall"])
    if frame.empty:
        return frame.assign(rank=pd.Series(dtype="int64"))
    per_vendor = frame.drop_duplicates("vendor_id").copy()
    per_vendor["crit_order"] = per_vendor["criticality"].map(CRITICALITY_ORDER).fillna(3)
    keys = (["crit_order", "overall", "vendor_id"] if sort == "criticality"
            else ["overall", "crit_order", "vendor_id"])
    ascending = [True, False, True] if sort == "criticality" else [False, True, True]
    order = per_vendor.sort_values(keys, ascending=ascending)["vendor_id"].tolist()
    frame["rank"] = frame["vendor_id"].map({v: i for i, v in enumerate(order)})
    return frame.sort_values(["rank", "axis"]).reset_index(drop=True)


def overview(data: MonthData, filters: Filters = Filters(), sort: str = "worst",
             today: dt.date | None = None) -> Overview:
    """The overview of ``data``'s month for the vendors ``filters`` keep."""
    today = today or dt.date.today()
    vendors = filters.apply(data.vendors)
    ids = set(vendors["vendor_id"])
    risks = [r for r in data.risks if r.vendor_id in ids]
    heat = heat_frame(risks, vendors, sort)
    red_counts = {a: sum(r.axes[a].status == "red" for r in risks) for a in AXES}
    missing = [r.vendor_id for r in risks if not r.reported]

    history = data.history
    history = history[history["vendor_id"].isin(ids)] if not history.empty else history
    trend = portfolio_trend(history[history["month"] >= data.trend_from.ts]
                            if not history.empty else history)
    names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
    movers = biggest_movers(history, data.month.ts, names)

    spend = costs.spend_of(data, ids)
    actions = data.actions[data.actions["vendor_id"].isin(ids)]
    late = log.overdue(actions, overdue_as_of(data.month, today))
    reviewed = log.reviewed_in(data.reviews, data.month.ts)
    not_reviewed = [r.vendor_id for r in risks
                    if r.axes["overall"].status in ("amber", "red")
                    and r.vendor_id not in reviewed]
    return Overview(data.month, risks, heat, red_counts, spend, missing, len(late),
                    not_reviewed, trend, movers, vendors)


def portfolio_trend(history: pd.DataFrame) -> pd.DataFrame:
    """Vendors per overall status per month."""
    if history.empty:
        return pd.DataFrame(columns=["month", "status", "vendors"])
    counts = (history.groupby(["month", "overall_status"], observed=False).size()
              .rename("vendors").reset_index().rename(columns={"overall_status": "status"}))
    return counts[counts["status"] != "no_data"].reset_index(drop=True)


def biggest_movers(history: pd.DataFrame, month: pd.Timestamp, names: dict[str, str],
                   top: int = 10) -> pd.DataFrame:
    """Vendors whose overall score changed most since the previous month."""
    columns = ["vendor_id", "vendor_name", "before", "after", "change", "axis"]
    if history.empty:
        return pd.DataFrame(columns=columns)
    previous = month - pd.DateOffset(months=1)
    now = history[history["month"] == month].set_index("vendor_id")
    before = history[history["month"] == previous].set_index("vendor_id")
    common = now.index.intersection(before.index)
    if common.empty:
        return pd.DataFrame(columns=columns)
    change = now.loc[common, "overall_score"] - before.loc[common, "overall_score"]
    moved = change[change != 0]
    if moved.empty:
        return pd.DataFrame(columns=columns)
    axis_change = pd.DataFrame({a: now.loc[moved.index, f"{a}_score"]
                                - before.loc[moved.index, f"{a}_score"] for a in AXES})
    driver = axis_change.abs().idxmax(axis=1)
    out = pd.DataFrame({"vendor_id": moved.index,
                        "vendor_name": [names.get(v, v) for v in moved.index],
                        "before": before.loc[moved.index, "overall_score"].to_numpy(),
                        "after": now.loc[moved.index, "overall_score"].to_numpy(),
                        "change": moved.to_numpy(), "axis": driver.to_numpy()})
    out["size"] = out["change"].abs()
    return (out.sort_values(["size", "vendor_id"], ascending=[False, True]).head(top)
            .drop(columns="size").reset_index(drop=True))


def axis_ranking(risks: list[VendorRisk], axis: str) -> pd.DataFrame:
    """Vendors ranked on one axis, worst first, with their reasons joined per language."""
    rows = [(r.vendor_id, r.vendor_name, r.axes[axis].status, r.axes[axis].score,
             list(r.axes[axis].reasons)) for r in risks]
    frame = pd.DataFrame(rows, columns=["vendor_id", "vendor_name", "status", "score",
                                        "reasons"])
    frame["severity"] = frame["status"].map(SEVERITY)
    return frame.sort_values(["score", "severity", "vendor_id"],
                             ascending=[False, False, True]).reset_index(drop=True)


def axis_view(data: MonthData, axis: str, filters: Filters = Filters()) -> pd.DataFrame:
    """The ranking on ``axis`` for the vendors the filters keep."""
    ids = set(filters.apply(data.vendors)["vendor_id"])
    return axis_ranking([r for r in data.risks if r.vendor_id in ids], axis)
