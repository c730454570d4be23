"""What the overview and axis pages show, computed from the store: filters, headline
figures, the vendor x axis heat map, the portfolio trend, biggest movers and the ranking
on one axis. Pages only draw these frames."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from governance.catalog import AXES, VENDORS
from governance.reviews import log as reviews
from governance.scoring import AXES_AND_OVERALL, VendorRisk
from governance.store import Store
from governance.views import month as risk

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
    month: pd.Timestamp
    risks: list[VendorRisk]
    heat: pd.DataFrame  # vendor_id, vendor_name, criticality, axis, status, score, rank
    red_counts: dict[str, int]
    spend: dict[str, float]  # month_actual, month_budget, ytd_actual, ytd_budget
    missing_reports: list[str]
    overdue_actions: int
    flagged_not_reviewed: list[str]
    trend: pd.DataFrame  # month, status, vendors
    movers: pd.DataFrame  # vendor_id, vendor_name, axis, before, after, change
    vendors: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)


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


def overview(store: Store, month, filters: Filters = Filters(), sort: str = "worst",
             today: dt.date | None = None, trend_months: int = 12) -> Overview:
    today = today or dt.date.today()
    month = pd.Timestamp(month)
    config = risk.scoring.load()
    vendors = filters.apply(store.rows("vendors"))
    ids = set(vendors["vendor_id"])
    risks = [r for r in risk.scores(store, month, config) if r.vendor_id in ids]
    heat = heat_frame(risks, vendors, sort)
    red_counts = {a: sum(r.axes[a].status == "red" for r in risks) for a in AXES}
    missing = [r.vendor_id for r in risks if not r.reported]

    first = month - pd.DateOffset(months=trend_months - 1)
    history = risk.history(store, first - pd.DateOffset(months=1), month, config)
    history = history[history["vendor_id"].isin(ids)] if not history.empty else history
    trend = portfolio_trend(history[history["month"] >= first] if not history.empty
                            else history)
    movers = biggest_movers(history, month, dict(zip(vendors["vendor_id"],
                                                     vendors["vendor_name"], strict=True)))

    kpis = store.kpis_between(_fiscal_start(month, config.fiscal_year_start), month)
    kpis = kpis[kpis["vendor_id"].isin(ids)]
    this = kpis[pd.to_datetime(kpis["month"]) == month]
    spend = {"month_actual": float(this["actual_cost_jpy"].sum()),
             "month_budget": float(this["budget_jpy"].sum()),
             "ytd_actual": float(kpis["actual_cost_jpy"].sum()),
             "ytd_budget": float(kpis["budget_jpy"].sum())}

    actions = store.rows("actions")
    late = reviews.overdue(actions[actions["vendor_id"].isin(ids)], today)
    reviewed = reviews.reviewed_in(store.rows("reviews"), month)
    flagged = [r.vendor_id for r in risks
               if r.axes["overall"].status in ("amber", "red") and r.vendor_id not in reviewed]
    return Overview(month, risks, heat, red_counts, spend, missing, len(late), flagged, trend,
                    movers, vendors)


def _fiscal_start(month: pd.Timestamp, start_month: int) -> pd.Timestamp:
    year = month.year if month.month >= start_month else month.year - 1
    return pd.Timestamp(year=year, month=start_month, day=1)


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


def axis_view(store: Store, axis: str, month, filters: Filters = Filters()) -> pd.DataFrame:
    """The ranking on ``axis`` for the vendors the filters keep."""
    ids = set(filters.apply(store.rows("vendors"))["vendor_id"])
    return axis_ranking([r for r in risk.scores(store, month) if r.vendor_id in ids], axis)
