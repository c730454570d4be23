"""The agenda of the monthly progress review (定期的な進捗確認).

The agenda of month M holds every vendor with an amber or red axis (a missing report makes
every axis at least amber), a missing report, or overdue action items on the meeting day,
plus any vendor whose review of M is already recorded. Most severe first: overall score
(highest first), then the number of overdue actions (most first), then vendor ID. Each item
carries every recorded meeting that reviewed M with that vendor (a vendor may be met twice
about one month), oldest first, each with the actions raised at it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from governance.calendar import Month
from governance.catalog import AXES
from governance.i18n import t
from governance.reviews import log as reviews
from governance.scoring import VendorRisk
from governance.views.charts import axis_name
from governance.views.month import MonthData

# why a vendor is on the agenda, most serious first, and how the agenda says it
REASON_KEYS = {"red": "agenda.why-red", "amber": "agenda.why-amber",
               "missing_report": "agenda.why-missing_report", "overdue": "agenda.why-overdue",
               "reviewed": "agenda.why-reviewed"}


@dataclass
class Meeting:
    """One recorded meeting that reviewed the month, with the action items raised at it
    (same vendor, raised on the meeting day)."""

    record: dict  # the row of the review log
    new_actions: pd.DataFrame

    @property
    def held_on(self) -> dt.date:
        return pd.Timestamp(self.record["held_on"]).date()


@dataclass
class AgendaItem:
    vendor_id: str
    vendor_name: str
    risk: VendorRisk | None
    reasons: tuple[str, ...]  # codes of REASON_KEYS, most serious first
    overdue: pd.DataFrame  # this vendor's overdue actions on the meeting day
    open_actions: pd.DataFrame  # this vendor's open actions, with days_overdue
    last_meeting: dict | None  # the latest meeting that reviewed an earlier month
    meetings: tuple[Meeting, ...] = ()  # every recorded review of this month, oldest first

    @property
    def discussed(self) -> bool:
        """Whether a meeting that reviewed the month is recorded."""
        return bool(self.meetings)

    def meeting_on(self, day: dt.date) -> Meeting | None:
        """This month's meeting held on ``day`` (a vendor has one meeting a day at most)."""
        return next((m for m in self.meetings if m.held_on == day), None)

    @property
    def score(self) -> int:
        return -1 if self.risk is None else self.risk.axes["overall"].score

    @property
    def status(self) -> str:
        return "no_data" if self.risk is None else self.risk.axes["overall"].status

    def why(self, lang: str) -> str:
        """Why the vendor is on the agenda, in words."""
        parts = []
        for code in self.reasons:
            params: dict[str, object] = {}
            if code in ("red", "amber"):
                axes = [axis_name(a, lang) for a in AXES
                        if self.risk is not None and self.risk.axes[a].status == code]
                params["axes"] = t("list.sep", lang).join(axes)
            elif code == "overdue":
                params["n"] = len(self.overdue)
            elif code == "reviewed" and len(self.reasons) > 1:
                continue  # said only when it is the vendor's one reason
            parts.append(t(REASON_KEYS[code], lang, **params))
        return t("list.sep", lang).join(parts)


def build_agenda(risks: list[VendorRisk], vendors: pd.DataFrame, reviews_log: pd.DataFrame,
                 actions: pd.DataFrame, month, as_of: dt.date,
                 keep: tuple[str, ...] = ()) -> list[AgendaItem]:
    """The agenda of ``month`` with overdue actions counted on ``as_of`` (pure). Vendors in
    ``keep`` stay on it even when nothing flags them any more (a meeting in progress
    closed their last overdue action)."""
    month = Month.of(month).ts
    names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
    by_vendor = {r.vendor_id: r for r in risks}
    late = reviews.overdue(actions, as_of)
    opened = reviews.open_actions(actions, as_of)
    periods = pd.to_datetime(reviews_log["period"]) if not reviews_log.empty else None
    this_month = reviews_log[periods == month] if periods is not None else reviews_log
    earlier = reviews_log[periods < month] if periods is not None else reviews_log
    candidates = (set(by_vendor) | set(late["vendor_id"]) | set(this_month["vendor_id"])
                  | (set(keep) & set(names)))
    items = []
    for vid in candidates:
        r = by_vendor.get(vid)
        reasons = []
        if r is not None:
            worst = r.axes["overall"].status
            if worst in ("red", "amber"):
                reasons.append(worst)
            if not r.reported:
                reasons.append("missing_report")
        mine_late = late[late["vendor_id"] == vid]
        if not mine_late.empty:
            reasons.append("overdue")
        recorded = this_month[this_month["vendor_id"] == vid]
        if not recorded.empty:
            reasons.append("reviewed")
        if not reasons and vid not in keep:
            continue
        mine = actions[actions["vendor_id"] == vid]
        meetings = tuple(
            Meeting(m, mine[pd.to_datetime(mine["raised_on"]) == pd.Timestamp(m["held_on"])])
            for m in recorded.sort_values("held_on").to_dict("records"))
        before = earlier[earlier["vendor_id"] == vid]
        last = before.sort_values("held_on").iloc[-1].to_dict() if not before.empty else None
        items.append(AgendaItem(vid, names.get(vid, vid), r, tuple(reasons), mine_late,
                                opened[opened["vendor_id"] == vid], last, meetings))
    items.sort(key=lambda i: (-i.score, -len(i.overdue), i.vendor_id))
    return items


def agenda(data: MonthData, as_of: dt.date | None = None,
           keep: tuple[str, ...] = ()) -> list[AgendaItem]:
    """The agenda of ``data``'s month (overdue counted on ``as_of``, default today: the
    meeting day)."""
    return build_agenda(data.risks, data.vendors, data.reviews, data.actions, data.month,
                        as_of or dt.date.today(), keep)
