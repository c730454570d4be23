"""The minutes (議事録) of a month's progress review: what the meetings reviewing month M
recorded — date(s), attendees, and per vendor on the agenda every meeting about M with its
date, attendees, assessment, summary, decisions and the action items raised at it (same
vendor, raised on the meeting day) — then every action overdue on the last meeting day, and
the data version (newest batch) the minutes were drawn from. Rendering is in
``minutes_export`` (Markdown, CSV) and ``minutes_pdf`` (PDF).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from governance.reviews import log as reviews
from governance.reviews.agenda import AgendaItem, agenda
from governance.store import DataVersion
from governance.views.month import MonthData


@dataclass
class Minutes:
    month: pd.Timestamp
    held_on: list[dt.date]  # the days meetings reviewing the month were held
    attendees: list[str]
    as_of: dt.date  # overdue actions are counted on this day (the last meeting day)
    items: list[AgendaItem]  # the agenda, most severe first
    overdue: pd.DataFrame  # every action overdue on ``as_of``, with vendor_name
    prepared_on: dt.date
    prepared_by: str | None = None
    version: DataVersion | None = None  # the newest batch the data was read at

    @property
    def discussed(self) -> list[AgendaItem]:
        return [i for i in self.items if i.discussed]

    @property
    def not_discussed(self) -> list[AgendaItem]:
        return [i for i in self.items if not i.discussed]


_NAME_SPLIT = re.compile(r"[、,，;；]\s*")


def attendees(meetings: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for m in meetings:
        text = m.get("attendees")
        if isinstance(text, str):
            for name in _NAME_SPLIT.split(text.strip()):
                if name.strip():
                    seen.setdefault(name.strip(), None)
    return list(seen)


def minutes(data: MonthData, prepared_by: str | None = None,
            today: dt.date | None = None, as_of: dt.date | None = None,
            order: tuple[str, ...] = ()) -> Minutes:
    """The minutes of ``month``: overdue actions counted on the last day a meeting reviewed
    the month (``today`` when none did yet), unless ``as_of`` says otherwise. ``order``
    (the agenda as walked in the meeting) puts those vendors first, in that order."""
    today = today or dt.date.today()
    month = data.month.ts
    log = data.reviews
    held = sorted({pd.Timestamp(d).date() for d in
                   log.loc[pd.to_datetime(log["period"]) == month, "held_on"]}) \
        if not log.empty else []
    as_of = as_of or (held[-1] if held else today)
    items = agenda(data, as_of, keep=order)
    position = {v: i for i, v in enumerate(order)}
    items.sort(key=lambda i: position.get(i.vendor_id, len(position)))  # stable
    names = dict(zip(data.vendors["vendor_id"], data.vendors["vendor_name"], strict=True))
    late = reviews.overdue(data.actions, as_of)
    late = late.assign(vendor_name=late["vendor_id"].map(names))
    people = attendees([m.record for i in items for m in i.meetings])
    return Minutes(month, held, people, as_of, items, late, today, prepared_by, data.version)


