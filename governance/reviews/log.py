"""The progress-review log: meetings and action items, and what is overdue.

An action is overdue on a day when its due date is before that day and it was still open on
that day: its status is open, or it was done later (``closed_on`` after that day). Counted
on today this is "open and past due"; counted on a past month's last day it is what was
overdue then. Days overdue count calendar days from the due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd


def open_on(actions: pd.DataFrame, day: dt.date) -> pd.Series:
    """Which actions were open on ``day``: raised by then and open now, or done after it."""
    day = pd.Timestamp(day)
    raised = pd.to_datetime(actions["raised_on"]) <= day
    closed_later = (actions["status"] == "done") & (pd.to_datetime(actions["closed_on"]) > day)
    return raised & ((actions["status"] == "open") | closed_later.fillna(False))


def overdue(actions: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Actions open and past their due date on ``today``, with ``days_overdue``, most
    overdue first."""
    if actions.empty:
        return actions.assign(days_overdue=pd.Series(dtype="int64"))
    due = pd.to_datetime(actions["due_on"])
    late = open_on(actions, today) & (due < pd.Timestamp(today))
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


# the review log's filters on actions, each with its label (None: every action)
ACTION_FILTER_KEYS = {None: "reviews.status-all", "open": "reviews.status-open",
                      "overdue": "reviews.status-overdue", "done": "reviews.status-done",
                      "cancelled": "reviews.status-cancelled"}


@dataclass
class ReviewLog:
    """What the review log page shows for one month (and optionally one vendor)."""

    actions: pd.DataFrame  # every action, with days_overdue, most overdue first
    shown: pd.DataFrame  # the actions the status filter keeps
    this_month: pd.DataFrame  # meetings that reviewed the month, newest first
    earlier: pd.DataFrame  # meetings that reviewed an earlier month, newest first
    meetings: pd.DataFrame  # every meeting, newest first

    @property
    def overdue_count(self) -> int:
        return int((self.actions["days_overdue"] > 0).sum())

    @property
    def open_count(self) -> int:
        return int((self.actions["status"] == "open").sum())


def review_log(actions: pd.DataFrame, meetings: pd.DataFrame, month, status: str | None,
               today: dt.date) -> ReviewLog:
    """The log of ``month``: actions filtered by ``status`` (a key of ``ACTION_FILTER_KEYS``:
    None for all; ``overdue`` counted on ``today``) and the meetings split by whether
    they reviewed ``month`` or an earlier one."""
    actions = with_days_overdue(actions, today)
    if status == "overdue":
        shown = actions[actions["days_overdue"] > 0]
    elif status is not None:
        shown = actions[actions["status"] == status]
    else:
        shown = actions
    meetings = meetings.sort_values("held_on", ascending=False)
    period = pd.to_datetime(meetings["period"])
    month = pd.Timestamp(month)
    return ReviewLog(actions, shown, meetings[period == month], meetings[period < month],
                     meetings)
