"""The reminder digest (``python -m governance remind``): everything due inside a window,
each line naming the vendor, the contract (or action, review, report) and the date.

Five sections, in this order:
- ``notice``: notice deadlines of auto-renewing contracts and decision dates of the others
  inside ``as_of`` … ``as_of + window_days`` (``deadlines``);
- ``ending``: contracts ending inside the window;
- ``overdue_action``: action items open and past due on ``as_of``;
- ``review_overdue``: vendors whose last meeting plus their cadence (by criticality, as
  scoring configures it) is before ``as_of``, and vendors with no meeting recorded;
- ``missing_report``: vendors under contract in the month before ``as_of`` with no KPI
  report for it.
Vendors are those of the register whose contract (register dates) runs on ``as_of``, plus
any a contract line names. ``messages`` splits the digest by the vendors' owner address
(``owner_email``): one message per address with only their vendors' lines.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field

import pandas as pd

from governance.calendar import Month
from governance.contracts import deadlines
from governance.contracts.mail import Message
from governance.i18n import t
from governance.reviews import log
from governance.scoring.config import ScoringConfig
from governance.store import Store

SECTIONS = ("notice", "ending", "overdue_action", "review_overdue", "missing_report")
SECTION_KEYS = {"notice": "remind.section-notice", "ending": "remind.section-ending",
                "overdue_action": "remind.section-overdue-action",
                "review_overdue": "remind.section-review-overdue",
                "missing_report": "remind.section-missing-report"}
CRITICALITY_KEYS = {"high": "remind.criticality-high", "medium": "remind.criticality-medium",
                    "low": "remind.criticality-low"}


@dataclass(frozen=True)
class Item:
    """One line of the digest."""

    section: str
    date: str | None  # ISO date (a month's first day for a missing report); None: never
    vendor_id: str
    vendor_name: str
    subject_id: str  # the contract ID, the action's due date, the month … ("" if none)
    subject: str  # the contract title, the action, the last meeting …
    owner_email: str | None
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Digest:
    as_of: dt.date
    window_days: int
    items: tuple[Item, ...]

    def section(self, name: str) -> list[Item]:
        return [i for i in self.items if i.section == name]

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "window_days": self.window_days,
                "items": [asdict(i) for i in self.items]}


def _running(vendors: pd.DataFrame, first: dt.date, last: dt.date) -> pd.DataFrame:
    """Register vendors whose contract runs on some day of ``first`` … ``last``."""
    start = pd.to_datetime(vendors["contract_start"])
    end = pd.to_datetime(vendors["contract_end"])
    return vendors[(start <= pd.Timestamp(last))
                   & (end.isna() | (end >= pd.Timestamp(first)))]


def _iso(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def build(vendors: pd.DataFrame, contracts: pd.DataFrame, actions: pd.DataFrame,
          reviews: pd.DataFrame, reported: set[str], as_of: dt.date, window_days: int,
          config: ScoringConfig) -> Digest:
    """The digest of ``as_of`` (pure). ``reported``: the vendors with a KPI report for
    the month before ``as_of``."""
    info = vendors.set_index("vendor_id")
    names, emails = info["vendor_name"].to_dict(), info["owner_email"].to_dict()

    def item(section, date, vid, subject_id, subject, **details) -> Item:
        email = emails.get(vid)
        return Item(section, date, vid, names.get(vid, vid), subject_id, subject,
                    None if email is None or pd.isna(email) else str(email), details)

    items = [item("notice" if e.event != "ending" else "ending", _iso(e.date), e.vendor_id,
                  e.contract_id, e.title, event=e.event, days_left=int(e.days_left),
                  end_on=_iso(e.end_on))
             for e in deadlines.due(contracts, as_of, window_days).itertuples()]
    items.sort(key=lambda i: SECTIONS.index(i.section))  # stable: dates stay in order
    active = _running(vendors, as_of, as_of)
    late = log.overdue(actions[actions["vendor_id"].isin(active["vendor_id"])], as_of)
    items += [item("overdue_action", _iso(a.due_on), a.vendor_id, "", a.action,
                   days_overdue=int(a.days_overdue), owner=a.owner)
              for a in late.sort_values(["due_on", "vendor_id"]).itertuples()]
    items += _reviews_due(active, reviews, as_of, config, item)
    month = Month.of(pd.Timestamp(as_of)) - 1
    due = _running(vendors, month.start, month.end)
    items += [item("missing_report", month.start.isoformat(), v, str(month), "")
              for v in sorted(set(due["vendor_id"]) - reported)]
    return Digest(as_of, window_days, tuple(items))


def _reviews_due(active: pd.DataFrame, reviews: pd.DataFrame, as_of: dt.date,
                 config: ScoringConfig, item) -> list[Item]:
    held = pd.to_datetime(reviews["held_on"]) if not reviews.empty else pd.Series(dtype=object)
    last = (reviews.assign(held_on=held)[held <= pd.Timestamp(as_of)]
            .groupby("vendor_id")["held_on"].max()) if not reviews.empty else pd.Series()
    cadence = config.review_cadence()
    out = []
    for v in active.sort_values("vendor_id").itertuples():
        months = cadence.get(v.criticality)
        if months is None:
            continue
        previous = last.get(v.vendor_id)
        due = None if previous is None else previous + pd.DateOffset(months=months)
        if due is None or due < pd.Timestamp(as_of):
            out.append(item("review_overdue", _iso(due), v.vendor_id, "", "",
                            last_review=_iso(previous), cadence=months,
                            criticality=v.criticality))
    return sorted(out, key=lambda i: (i.date is not None, i.date or "", i.vendor_id))


def read(store: Store, as_of: dt.date, window_days: int, config: ScoringConfig) -> Digest:
    """The digest from what ``store`` holds."""
    month = Month.of(pd.Timestamp(as_of)) - 1
    with store.held():
        vendors = store.rows("vendors")
        kpis = store.rows("kpis", month=month.start)
        return build(vendors, store.rows("contracts"), store.rows("actions"),
                     store.rows("reviews"), set(kpis["vendor_id"]), as_of, window_days,
                     config)


# --- text ---------------------------------------------------------------------------------
def day(iso: str | None, lang: str) -> str:
    if iso is None:
        return t("remind.never", lang)
    d = dt.date.fromisoformat(iso)
    return f"{d:%Y/%m/%d}" if lang == "ja" else iso


def line(i: Item, lang: str) -> str:
    """One line: date, what, vendor, contract (or action, meeting, month)."""
    vendor = f"{i.vendor_id} {i.vendor_name}"
    d = i.details
    if i.section in ("notice", "ending"):
        what = t(deadlines.EVENT_KEYS[d["event"]], lang)
        return t("remind.line-contract", lang, date=day(i.date, lang), what=what,
                 days=d["days_left"], vendor=vendor, contract=i.subject_id, title=i.subject)
    if i.section == "overdue_action":
        return t("remind.line-action", lang, date=day(i.date, lang), days=d["days_overdue"],
                 vendor=vendor, action=i.subject, owner=d["owner"])
    if i.section == "review_overdue":
        if i.date is None:
            return t("remind.line-review-never", lang, vendor=vendor)
        return t("remind.line-review", lang, date=day(i.date, lang), vendor=vendor,
                 last=day(d["last_review"], lang), cadence=d["cadence"],
                 criticality=t(CRITICALITY_KEYS[d["criticality"]], lang))
    return t("remind.line-report", lang, month=Month.of(i.date).label(lang), vendor=vendor)


def to_markdown(digest: Digest, lang: str, title: bool = True) -> str:
    """The digest as Markdown: a heading, then each section with its lines (or "none")."""
    out = [f"# {heading(digest, lang)}", ""] if title else []
    for name in SECTIONS:
        found = digest.section(name)
        out.append(f"## {t(SECTION_KEYS[name], lang)} ({len(found)})")
        out += [f"- {line(i, lang)}" for i in found] or [f"- {t('remind.none', lang)}"]
        out.append("")
    return "\n".join(out)


def heading(digest: Digest, lang: str) -> str:
    return t("remind.title", lang, as_of=day(digest.as_of.isoformat(), lang),
             days=digest.window_days)


def to_json(digest: Digest) -> str:
    return json.dumps(digest.as_dict(), ensure_ascii=False, indent=2)


def messages(digest: Digest, lang: str) -> tuple[list[Message], list[str]]:
    """One message per owner address with their vendors' lines (addresses in order), and
    the vendors with lines but no address."""
    by_owner: dict[str, list[Item]] = {}
    unaddressed: list[str] = []
    for i in digest.items:
        if i.owner_email:
            by_owner.setdefault(i.owner_email, []).append(i)
        elif i.vendor_id not in unaddressed:
            unaddressed.append(i.vendor_id)
    out = []
    for owner in sorted(by_owner):
        mine = Digest(digest.as_of, digest.window_days, tuple(by_owner[owner]))
        subject = t("remind.subject", lang, as_of=day(digest.as_of.isoformat(), lang),
                    count=len(mine.items))
        body = "\n".join([t("remind.greeting", lang), "", to_markdown(mine, lang, title=False),
                          t("remind.footer", lang)])
        out.append(Message(owner, subject, body))
    return out, sorted(unaddressed)
