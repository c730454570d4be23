"""The vendor × month inputs of the contract and sub-contractor measures
(``governance.catalog.contracts``), computed from the stored contracts, sub-contractors and
review meetings and handed to scoring as ``MonthData.sources``.

Every frame has ``vendor_id``, ``month`` (first day) and value columns named after the
measures' sources. A vendor appears only where it has rows of the kind a frame is made
from: no contracts uploaded, no contract signals; no meeting recorded, no cadence signal
(``governance.contracts.remind`` lists such vendors instead).

- Contracts run in a month when they start on or before its last day and end on or after
  its first. ``contract_growth_pct``: the largest ``amount_jpy / original_amount_jpy`` of
  the running contracts that have an original amount (the register keeps current totals,
  so growth shows in every month a contract runs). ``lock_in_months``: the longest term of
  the running contracts awarded sole-source or with one bidder, 0 when none was.
- Sub-contractors are the current list, with no dates of their own: what it says holds
  for every month shown (an approval dated later than a month still counts, as a
  sub-contractor approved last week was most likely engaged last week too). ``country``
  empty or Japan (日本, JP, …) is domestic.
- The last meeting in a month is the latest held on or before its last day;
  ``review_overdue_days`` is how many days that month's end is past the meeting plus the
  criticality's cadence (never below 0).
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from governance.calendar import Month, month_index
from governance.scoring.config import ScoringConfig

SENSITIVE = ("personal", "confidential")
DOMESTIC = frozenset({"日本", "日本国", "japan", "jp", "jpn", "国内"})
MONTH_DAYS = 365.25 / 12


def is_domestic(country: object) -> bool:
    """Whether a sub-contractor's ``country`` is Japan (empty means Japan)."""
    if country is None or (not isinstance(country, str) and pd.isna(country)):
        return True
    text = unicodedata.normalize("NFKC", str(country)).strip().casefold()
    return text == "" or text in DOMESTIC


def term_months(start: pd.Series, end: pd.Series) -> pd.Series:
    """A contract's term in months, both days included (2024-04-01 … 2027-03-31: 36)."""
    days = (pd.to_datetime(end) - pd.to_datetime(start)).dt.days + 1
    return (days / MONTH_DAYS).round(1)


def sole_source(contracts: pd.DataFrame) -> pd.Series:
    """Contracts awarded sole-source (随意契約) or with one bidder."""
    return ((contracts["procurement"] == "sole_source").fillna(False)
            | (contracts["bidders"] == 1).fillna(False)).astype(bool)


def growth_pct(contracts: pd.DataFrame) -> pd.Series:
    """Current total as % of the original amount (NaN without an original above 0)."""
    original = pd.to_numeric(contracts["original_amount_jpy"], errors="coerce").astype(float)
    amount = pd.to_numeric(contracts["amount_jpy"], errors="coerce").astype(float)
    return (amount / original.where(original > 0) * 100).round(1)


def _month_ends(months: pd.DatetimeIndex) -> np.ndarray:
    return (months + pd.offsets.MonthEnd(0)).to_numpy(dtype="datetime64[D]")


def _long(ids: np.ndarray, months: pd.DatetimeIndex, values: dict[str, np.ndarray]
          ) -> pd.DataFrame:
    """vendor × month arrays (rows ``ids``) as a long frame."""
    frame = pd.DataFrame({"vendor_id": np.repeat(ids, len(months)),
                          "month": np.tile(months.to_numpy(), len(ids))})
    for name, grid in values.items():
        frame[name] = grid.reshape(-1)
    return frame


def contract_signals(contracts: pd.DataFrame, months: pd.DatetimeIndex) -> pd.DataFrame:
    """``contract_growth_pct`` and ``lock_in_months`` per vendor and month."""
    if contracts.empty:
        return pd.DataFrame(columns=["vendor_id", "month", "contract_growth_pct",
                                     "lock_in_months"])
    starts = pd.to_datetime(contracts["start_on"]).to_numpy(dtype="datetime64[D]")
    ends = pd.to_datetime(contracts["end_on"]).to_numpy(dtype="datetime64[D]")
    running = ((starts[:, None] <= _month_ends(months)[None, :])
               & (ends[:, None] >= months.to_numpy(dtype="datetime64[D]")[None, :]))
    growth = growth_pct(contracts).to_numpy(dtype=float)
    locked = np.where(sole_source(contracts), term_months(contracts["start_on"],
                                                          contracts["end_on"]), 0.0)
    ids, row = np.unique(contracts["vendor_id"].to_numpy(dtype=object), return_inverse=True)
    out_growth = np.full((len(ids), len(months)), np.nan)
    out_lock = np.full((len(ids), len(months)), np.nan)
    for c in range(len(contracts)):  # a few thousand contracts: one vector op each
        on = running[c]
        v = row[c]
        out_lock[v, on] = np.fmax(out_lock[v, on], locked[c])
        if not np.isnan(growth[c]):
            out_growth[v, on] = np.fmax(out_growth[v, on], growth[c])
    return _long(ids, months, {"contract_growth_pct": out_growth,
                               "lock_in_months": out_lock})


def subcontractor_signals(subs: pd.DataFrame, months: pd.DatetimeIndex) -> pd.DataFrame:
    """Counts of unapproved sensitive and abroad sub-contractors, and the deepest tier,
    per vendor and month."""
    names = ["subcontractors_unapproved", "personal_data_abroad_unapproved",
             "personal_data_abroad_approved", "subcontract_tier"]
    if subs.empty:
        return pd.DataFrame(columns=["vendor_id", "month", *names])
    approved = np.repeat(subs["approved_on"].notna().to_numpy(dtype=bool)[:, None],
                         len(months), axis=1)
    sensitive = subs["data_access"].isin(SENSITIVE).to_numpy(dtype=bool)[:, None]
    abroad = ((subs["data_access"] == "personal").fillna(False).to_numpy(dtype=bool)
              & ~subs["country"].map(is_domestic).to_numpy(dtype=bool))[:, None]
    per_row = {"subcontractors_unapproved": sensitive & ~approved,
               "personal_data_abroad_unapproved": abroad & ~approved,
               "personal_data_abroad_approved": abroad & approved}
    ids, row = np.unique(subs["vendor_id"].to_numpy(dtype=object), return_inverse=True)
    values = {}
    for name, flags in per_row.items():
        grid = np.zeros((len(ids), len(months)))
        np.add.at(grid, row, flags.astype(float))
        values[name] = grid
    tier = pd.Series(pd.to_numeric(subs["tier"]).to_numpy(dtype=float)).groupby(row).max()
    values["subcontract_tier"] = np.repeat(tier.to_numpy()[:, None], len(months), axis=1)
    return _long(ids, months, values)


def review_signals(vendors: pd.DataFrame, reviews: pd.DataFrame, months: pd.DatetimeIndex,
                   config: ScoringConfig) -> pd.DataFrame:
    """Days past the review cadence, the last meeting (as a day ordinal) and the cadence
    in months, per vendor with a meeting and month."""
    columns = ["vendor_id", "month", "review_overdue_days", "last_review_day",
               "review_cadence_months"]
    if reviews.empty or vendors.empty:
        return pd.DataFrame(columns=columns)
    held = (reviews.assign(held_on=pd.to_datetime(reviews["held_on"]))
            .sort_values("held_on")[["vendor_id", "held_on"]])
    cadence = vendors.set_index("vendor_id")["criticality"].map(config.review_cadence())
    ends = pd.DatetimeIndex(months + pd.offsets.MonthEnd(0))
    grid = pd.DataFrame({"vendor_id": np.repeat(held["vendor_id"].unique(), len(months)),
                         "end": np.tile(ends.to_numpy(), held["vendor_id"].nunique())})
    grid = grid.sort_values("end")
    last = pd.merge_asof(grid, held.rename(columns={"held_on": "end"}).assign(
        last=lambda f: f["end"]), on="end", by="vendor_id", direction="backward")
    last = last.dropna(subset=["last"])
    last["review_cadence_months"] = last["vendor_id"].map(cadence).astype(float)
    last = last.dropna(subset=["review_cadence_months"])
    due = [d + pd.DateOffset(months=int(m))
           for d, m in zip(last["last"], last["review_cadence_months"], strict=True)]
    overdue = (last["end"] - pd.DatetimeIndex(due)).dt.days if len(last) else pd.Series()
    out = pd.DataFrame({
        "vendor_id": last["vendor_id"].to_numpy(),
        "month": (last["end"] - pd.offsets.MonthBegin(1)).to_numpy(),
        "review_overdue_days": np.maximum(np.asarray(overdue, dtype=float), 0.0),
        "last_review_day": [d.toordinal() for d in last["last"].dt.date],
        "review_cadence_months": last["review_cadence_months"].to_numpy()})
    return out[columns].sort_values(["vendor_id", "month"]).reset_index(drop=True)


def sources(vendors: pd.DataFrame, contracts: pd.DataFrame, subcontractors: pd.DataFrame,
            reviews: pd.DataFrame, first: Month, last: Month,
            config: ScoringConfig) -> dict[str, pd.DataFrame]:
    """Every source frame of the contract measures for months ``first`` … ``last``."""
    months = month_index(first, last)
    return {"contracts": contract_signals(contracts, months),
            "subcontractors": subcontractor_signals(subcontractors, months),
            "reviews": review_signals(vendors, reviews, months, config)}
