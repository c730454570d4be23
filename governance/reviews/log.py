"""The progress-review log: meetings and action items, and what is overdue.

An action is overdue when it is open and its due date is before today; days overdue count
calendar days from the due date.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd


def overdue(actions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Open actions past their due date, with ``days_overdue``, most overdue first."""
    if actions.empty:
        return actions.assign(days_overdue=pd.Series(dtype="int64"))
    due = pd.to_datetime(actions["due_on"])
    late = (actions["status"] == "open") & (due < pd.Timestamp(today))
    out = actions[late].copy()
    out["days_overdue"] = (pd.Timestamp(today) - due[late]).dt.days.astype("int64")
    return out.sort_values(["days_overdue", "vendor_id"], ascending=[False, True])


def open_actions(actions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Open actions with ``days_overdue`` (0 when not yet due), most urgent first."""
    if actions.empty:
        return actions.assign(days_overdue=pd.Series(dtype="int64"))
    out = actions[actions["status"] == "open"].copy()
    days = (pd.Timestamp(today) - pd.to_datetime(out["due_on"])).dt.days
    out["days_overdue"] = days.clip(lower=0).astype("int64")
    return out.sort_values(["days_overdue", "due_on"], ascending=[False, True])


def reviewed_in(reviews: pd.DataFrame, month) -> set[str]:
    """Vendors whose meeting reviewed ``month``."""
    if reviews.empty:
        return set()
    period = pd.to_datetime(reviews["period"])
    return set(reviews.loc[period == pd.Timestamp(month), "vendor_id"])


def with_days_overdue(actions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Every action with ``days_overdue`` (0 unless open and past due), most overdue first,
    then by due date: the log as a table."""
    if actions.empty:
        return actions.assign(days_overdue=pd.Series(dtype="int64"))
    days = (pd.Timestamp(today) - pd.to_datetime(actions["due_on"])).dt.days
    late = (actions["status"] == "open") & (days > 0)
    out = actions.assign(days_overdue=days.where(late, 0).astype("int64"))
    return out.sort_values(["days_overdue", "due_on", "vendor_id"],
                           ascending=[False, True, True])
