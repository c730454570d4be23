"""Everything the vendor page shows about one vendor: profile, axes with reasons, every
measure's history with thresholds, the review meetings and open / overdue actions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from governance import scoring
from governance.reviews import log as reviews
from governance.scoring import VendorRisk
from governance.store import Store
from governance.views import month as risk


@dataclass
class VendorView:
    vendor: dict
    risk: VendorRisk | None
    measures: pd.DataFrame  # month, measure, axis, value, status, amber, red
    kpis: pd.DataFrame
    meetings: pd.DataFrame
    actions: pd.DataFrame  # open ones, with days_overdue
    exit_plan_age_months: int | None


def vendor_view(store: Store, vendor_id: str, month, today: dt.date | None = None
                ) -> VendorView | None:
    today = today or dt.date.today()
    vendors = store.rows("vendors")
    row = vendors[vendors["vendor_id"] == vendor_id]
    if row.empty:
        return None
    month = pd.Timestamp(month)
    config = scoring.load()
    kpis = store.rows("kpis", vendor_id=vendor_id)
    kpis = kpis[pd.to_datetime(kpis["month"]) <= month]
    measures = scoring.measure_history(row, kpis, vendor_id, config)
    found = [r for r in risk.scores(store, month, config) if r.vendor_id == vendor_id]
    actions = reviews.open_actions(store.rows("actions", vendor_id=vendor_id), today)
    vendor = row.iloc[0].to_dict()
    updated = vendor.get("exit_plan_updated")
    age = None if pd.isna(updated) else int(
        (month.year - pd.Timestamp(updated).year) * 12 + month.month
        - pd.Timestamp(updated).month)
    return VendorView(vendor, found[0] if found else None, measures, kpis,
                      store.rows("reviews", vendor_id=vendor_id), actions, age)
