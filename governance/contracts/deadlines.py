"""Contract dates that must not be missed.

A contract's **notice date** is ``end_on − notice_days`` (``notice_days`` empty: 90). For
an auto-renewing contract it is the notice deadline (解約予告期限): after it the contract
renews itself. For a contract that does not renew it is the decision date (更新判断日): when
the next step (renew, re-tender, take the work back) must be decided so that it is ready
by the end. ``due(contracts, as_of, window_days)`` lists the notice dates and contract ends
that fall inside ``as_of`` … ``as_of + window_days`` (both days included), nearest first.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

DEFAULT_NOTICE_DAYS = 90
DEFAULT_WINDOW_DAYS = 90
# what falls due, each with its label in the message catalog
EVENT_KEYS = {"notice": "deadline.notice", "decision": "deadline.decision",
              "ending": "deadline.ending"}
EVENT_COLUMNS = ["date", "event", "vendor_id", "contract_id", "title", "end_on",
                 "auto_renew", "days_left"]


def with_notice(contracts: pd.DataFrame) -> pd.DataFrame:
    """``contracts`` with ``notice_days`` and ``auto_renew`` defaulted and ``notice_on``
    (the notice deadline or decision date) added."""
    out = contracts.copy()
    out["notice_days"] = pd.to_numeric(out["notice_days"]).fillna(DEFAULT_NOTICE_DAYS).astype(
        int)
    out["auto_renew"] = out["auto_renew"].astype("boolean").fillna(False).astype(bool)
    out["end_on"] = pd.to_datetime(out["end_on"])
    out["notice_on"] = out["end_on"] - pd.to_timedelta(out["notice_days"], unit="D")
    return out


def due(contracts: pd.DataFrame, as_of: dt.date,
        window_days: int = DEFAULT_WINDOW_DAYS) -> pd.DataFrame:
    """Notice deadlines, decision dates and contract ends inside the window (EVENT_COLUMNS),
    nearest first."""
    if contracts.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    found = with_notice(contracts)
    first = pd.Timestamp(as_of)
    last = first + pd.Timedelta(days=window_days)
    notice = found[(found["notice_on"] >= first) & (found["notice_on"] <= last)]
    ending = found[(found["end_on"] >= first) & (found["end_on"] <= last)]
    events = pd.concat([
        notice.assign(date=notice["notice_on"],
                      event=notice["auto_renew"].map({True: "notice", False: "decision"})),
        ending.assign(date=ending["end_on"], event="ending")], ignore_index=True)
    if events.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    events["days_left"] = (events["date"] - first).dt.days
    order = events["event"].map({"notice": 0, "decision": 1, "ending": 2})
    return (events.assign(_order=order)
            .sort_values(["date", "_order", "vendor_id", "contract_id"])[EVENT_COLUMNS]
            .reset_index(drop=True))
