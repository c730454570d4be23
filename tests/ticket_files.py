"""Ticket exports for the tests, written as ServiceNow writes them: an event log (one row
per update of an incident, ``sys_mod_count`` rising), ``29/2/2016 01:16`` dates, ``?`` for
missing, ``true``/``false``, ``3 - Moderate`` priorities, and columns that are not ticket
fields (``caller_id``, ``active``, ``knowledge``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

HEADER = ("number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,"
          "made_sla,caller_id,opened_at,sys_updated_at,assignment_group,priority,knowledge,"
          "resolved_at,closed_at")
IGNORED = ("active", "caller_id", "knowledge")  # the header's columns that are no ticket field


def when(stamp: dt.datetime | None) -> str:
    """ServiceNow's form: day first, no zero padding of day and month; ``?`` for none."""
    if stamp is None:
        return "?"
    return f"{stamp.day}/{stamp.month}/{stamp.year} {stamp:%H:%M}"


@dataclass
class Incident:
    number: str
    group: str
    opened: dt.datetime
    resolved: dt.datetime | None = None
    made_sla: str = "true"
    reopen_count: int = 0
    priority: str = "3 - Moderate"
    updates: int = 3  # rows in the event log; the last is the incident as it stands

    def rows(self) -> list[str]:
        out = []
        for step in range(self.updates):
            last = step == self.updates - 1
            resolved = self.resolved if last else None
            closed = resolved + dt.timedelta(days=3) if resolved else None
            updated = (resolved or self.opened + dt.timedelta(hours=step)) if last else \
                self.opened + dt.timedelta(minutes=10 * step)
            state = "Closed" if resolved else ("New" if step == 0 else "Active")
            out.append(",".join(map(str, (
                self.number, state, "false" if resolved else "true", 0,
                self.reopen_count if last else 0, step,
                self.made_sla if last else "true", "Caller 2403", when(self.opened),
                when(updated), self.group, self.priority, "true", when(resolved),
                when(closed)))))
        return out


def event_log(incidents: list[Incident]) -> str:
    """The CSV text of ``incidents``' event rows, each incident's rows together."""
    return "\n".join([HEADER, *(r for i in incidents for r in i.rows())]) + "\n"


def month_of_tickets(prefix: str, group: str, count: int, met: int, month: dt.date,
                     reopened: int = 0) -> list[Incident]:
    """``count`` incidents of ``group`` opened and resolved in ``month``, the first ``met``
    within their SLA, the last ``reopened`` reopened once."""
    out = []
    for i in range(count):
        opened = dt.datetime(month.year, month.month, 1 + i % 25, 8, i % 60)
        out.append(Incident(f"{prefix}{i:05d}", group, opened,
                            opened + dt.timedelta(hours=2 + i % 7),
                            "true" if i < met else "false",
                            1 if i >= count - reopened else 0))
    return out
