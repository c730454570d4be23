"""The monthly progress review (定期的な進捗確認): its agenda and its minutes.

The agenda of month M holds every vendor with an amber or red axis (a missing report makes
every axis at least amber), a missing report, or overdue action items on the meeting day,
plus any vendor whose review of M is already recorded. Most severe first: overall score
(highest first), then the number of overdue actions (most first), then vendor ID.

The minutes (議事録) gather what the meetings reviewing M recorded: date(s), attendees, and
per vendor on the agenda the assessment, summary, decisions and the action items raised at
that meeting (same vendor, raised on the meeting day), then every action overdue on the
last meeting day. Markdown and CSV, in Japanese or English. No Streamlit here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from governance import scoring
from governance.catalog import ACTIONS, AXES, REVIEWS
from governance.formats import cell, header, neutralise
from governance.i18n import t
from governance.reviews import log as reviews
from governance.scoring import STATUS_KEYS, VendorRisk
from governance.store import Store
from governance.views import month as risk
from governance.views.charts import axis_name

# why a vendor is on the agenda, most serious first, and how the agenda says it
REASON_KEYS = {"red": "agenda.why-red", "amber": "agenda.why-amber",
               "missing_report": "agenda.why-missing_report", "overdue": "agenda.why-overdue",
               "reviewed": "agenda.why-reviewed"}


@dataclass
class AgendaItem:
    vendor_id: str
    vendor_name: str
    risk: VendorRisk | None
    reasons: tuple[str, ...]  # codes of REASON_KEYS, most serious first
    overdue: pd.DataFrame  # this vendor's overdue actions on the meeting day
    open_actions: pd.DataFrame  # this vendor's open actions, with days_overdue
    last_meeting: dict | None  # the latest meeting that reviewed an earlier month
    meeting: dict | None  # the recorded review of this month (latest, if several)
    new_actions: pd.DataFrame = field(default_factory=pd.DataFrame)  # raised at `meeting`

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


def _month(value) -> pd.Timestamp:
    return pd.Timestamp(value).to_period("M").to_timestamp()


def build_agenda(risks: list[VendorRisk], vendors: pd.DataFrame, reviews_log: pd.DataFrame,
                 actions: pd.DataFrame, month, as_of: dt.date,
                 keep: tuple[str, ...] = ()) -> list[AgendaItem]:
    """The agenda of ``month`` with overdue actions counted on ``as_of`` (pure). Vendors in
    ``keep`` stay on it even when nothing flags them any more (a meeting in progress
    closed their last overdue action)."""
    month = _month(month)
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
        meeting = (recorded.sort_values("held_on").iloc[-1].to_dict()
                   if not recorded.empty else None)
        before = earlier[earlier["vendor_id"] == vid]
        last = before.sort_values("held_on").iloc[-1].to_dict() if not before.empty else None
        new = actions.iloc[0:0]
        if meeting is not None:
            raised = pd.to_datetime(actions["raised_on"]) == pd.Timestamp(meeting["held_on"])
            new = actions[(actions["vendor_id"] == vid) & raised]
        items.append(AgendaItem(vid, names.get(vid, vid), r, tuple(reasons), mine_late,
                                opened[opened["vendor_id"] == vid], last, meeting, new))
    items.sort(key=lambda i: (-i.score, -len(i.overdue), i.vendor_id))
    return items


def agenda(store: Store, month, as_of: dt.date | None = None,
           config: scoring.ScoringConfig | None = None,
           keep: tuple[str, ...] = ()) -> list[AgendaItem]:
    """The agenda of ``month`` read from the store (overdue counted on ``as_of``, default
    today: the meeting day)."""
    as_of = as_of or dt.date.today()
    return build_agenda(risk.scores(store, _month(month), config), store.rows("vendors"),
                        store.rows("reviews"), store.rows("actions"), month, as_of, keep)


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

    @property
    def discussed(self) -> list[AgendaItem]:
        return [i for i in self.items if i.meeting is not None]

    @property
    def not_discussed(self) -> list[AgendaItem]:
        return [i for i in self.items if i.meeting is None]


_NAME_SPLIT = re.compile(r"[、,，;；]\s*")


def _attendees(meetings: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for m in meetings:
        text = m.get("attendees")
        if isinstance(text, str):
            for name in _NAME_SPLIT.split(text.strip()):
                if name.strip():
                    seen.setdefault(name.strip(), None)
    return list(seen)


def minutes(store: Store, month, prepared_by: str | None = None,
            today: dt.date | None = None, as_of: dt.date | None = None,
            order: tuple[str, ...] = ()) -> Minutes:
    """The minutes of ``month``: overdue actions counted on the last day a meeting reviewed
    the month (``today`` when none did yet), unless ``as_of`` says otherwise. ``order``
    (the agenda as walked in the meeting) puts those vendors first, in that order."""
    today = today or dt.date.today()
    month = _month(month)
    log = store.rows("reviews")
    held = sorted({pd.Timestamp(d).date() for d in
                   log.loc[pd.to_datetime(log["period"]) == month, "held_on"]}) \
        if not log.empty else []
    as_of = as_of or (held[-1] if held else today)
    items = agenda(store, month, as_of, keep=order)
    position = {v: i for i, v in enumerate(order)}
    items.sort(key=lambda i: position.get(i.vendor_id, len(position)))  # stable
    vendors = store.rows("vendors")
    names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
    late = reviews.overdue(store.rows("actions"), as_of)
    late = late.assign(vendor_name=late["vendor_id"].map(names))
    return Minutes(month, held, _attendees([i.meeting for i in items if i.meeting]), as_of,
                   items, late, today, prepared_by)


# --- rendering --------------------------------------------------------------------------

_WEEKDAYS = {"ja": "月火水木金土日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_FILE_SPECIALS = re.compile(r"([\\`*_\[\]<>|#~$])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape_text(text: object) -> str:
    """User text made inert in a Markdown file: markup characters backslash-escaped, so
    the file reads as written in an editor and cannot add links, HTML or headings."""
    out = _FILE_SPECIALS.sub(r"\\\1", str(text))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out)


def day(value, lang: str, weekday: bool = False) -> str:
    d = pd.Timestamp(value)
    if lang == "ja":
        text = f"{d.year}年{d.month}月{d.day}日"
        return text + f"（{_WEEKDAYS['ja'][d.weekday()]}）" if weekday else text
    text = f"{d:%Y-%m-%d}"
    return text + f" ({_WEEKDAYS['en'][d.weekday()]})" if weekday else text


def month_text(value, lang: str) -> str:
    d = pd.Timestamp(value)
    return f"{d.year}年{d.month}月" if lang == "ja" else f"{d:%Y-%m}"


def _present(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and \
        str(value).strip() != ""


def _choice(kind, name: str, value, lang: str, missing: str | None = None) -> str:
    """An enumerated value in words (良好 / Green), or ``missing``."""
    if not _present(value):
        return t("minutes.none", lang) if missing is None else missing
    return kind.column(name).choice(str(value)).label_for(lang)


def _label(kind, name: str, lang: str) -> str:
    return kind.column(name).label(lang)


def _risk_line(item: AgendaItem, lang: str) -> str:
    if item.risk is None:
        return t("minutes.not-scored", lang)
    parts = [t("minutes.axis", lang, axis=axis_name(a, lang),
               status=t(STATUS_KEYS[item.risk.axes[a].status], lang),
               score=item.risk.axes[a].score) for a in AXES]
    return t("list.sep", lang).join(parts)


def _cell(text: object, esc: Callable[[object], str]) -> str:
    return esc(" ".join(str(text).split())) if _present(text) else ""


def _paragraph(text: object, esc: Callable[[object], str], lang: str) -> list[str]:
    if not _present(text):
        return [t("minutes.none", lang)]
    lines = [esc(line.strip()) for line in str(text).strip().splitlines() if line.strip()]
    out: list[str] = []
    for line in lines:  # each line of the text its own paragraph: no trailing-space breaks
        out += [line, ""]
    return out[:-1]


def to_markdown(m: Minutes, lang: str, esc: Callable[[object], str] = escape_text) -> str:
    """The minutes as Markdown; every value from the data passes through ``esc``."""
    colon = t("minutes.colon", lang)

    def field_line(label: str, value: str) -> str:
        return f"- {label}{colon}{value}"

    out = [f"# {t('minutes.title', lang, month=month_text(m.month, lang))}", ""]
    out.append(field_line(_label(REVIEWS, "period", lang), month_text(m.month, lang)))
    several = len(m.held_on) > 1
    held = t("list.sep", lang).join(day(d, lang, weekday=True) for d in m.held_on)
    out.append(field_line(_label(REVIEWS, "held_on", lang),
                          held or t("minutes.not-held", lang)))
    out.append(field_line(_label(REVIEWS, "attendees", lang),
                          esc(t("list.sep", lang).join(m.attendees)) if m.attendees
                          else t("minutes.none", lang)))
    out.append(field_line(t("minutes.agenda", lang),
                          t("minutes.agenda-count", lang, discussed=len(m.discussed),
                            total=len(m.items))))
    out.append(field_line(t("minutes.prepared-on", lang), day(m.prepared_on, lang)))
    if m.prepared_by:
        out.append(field_line(t("minutes.prepared-by", lang), esc(m.prepared_by)))
    for n, item in enumerate(m.discussed, start=1):
        meeting = item.meeting
        out += ["", f"## {n}. {esc(item.vendor_id)} {esc(item.vendor_name)}", ""]
        if several:  # the header lists every day and everyone: say which were here
            out.append(field_line(_label(REVIEWS, "held_on", lang),
                                  day(meeting["held_on"], lang, weekday=True)))
            people = _attendees([meeting])
            out.append(field_line(_label(REVIEWS, "attendees", lang),
                                  esc(t("list.sep", lang).join(people)) if people
                                  else t("minutes.none", lang)))
        assessment = meeting.get("assessment")
        out.append(field_line(_label(REVIEWS, "assessment", lang),
                              _choice(REVIEWS, "assessment", assessment, lang)))
        out.append(field_line(t("minutes.risk", lang), _risk_line(item, lang)))
        out.append(field_line(t("minutes.why", lang), item.why(lang)))
        for name in ("summary", "decisions"):
            out += ["", f"### {_label(REVIEWS, name, lang)}", ""]
            out += _paragraph(meeting.get(name), esc, lang)
        out += ["", f"### {t('minutes.new-actions', lang)}", ""]
        if item.new_actions.empty:
            out.append(t("minutes.none", lang))
        else:
            cols = ("action", "owner", "due_on", "risk_axis")
            out.append("| No. | " + " | ".join(_label(ACTIONS, c, lang) for c in cols) + " |")
            out.append("|---:|" + "---|" * len(cols))
            for k, a in enumerate(item.new_actions.sort_values("due_on").to_dict("records"),
                                  start=1):
                axis = _choice(ACTIONS, "risk_axis", a["risk_axis"], lang, "")
                out.append(f"| {k} | {_cell(a['action'], esc)} | {_cell(a['owner'], esc)} | "
                           f"{day(a['due_on'], lang)} | {esc(axis)} |")
    if m.not_discussed:
        out += ["", f"## {t('minutes.not-discussed', lang)}", ""]
        out.append(f"| {t('filter.vendor', lang)} | {t('minutes.why', lang)} |")
        out.append("|---|---|")
        for item in m.not_discussed:
            out.append(f"| {esc(item.vendor_id)} {_cell(item.vendor_name, esc)} | "
                       f"{item.why(lang)} |")
    out += ["", f"## {t('minutes.overdue', lang, date=day(m.as_of, lang))}", ""]
    if m.overdue.empty:
        out.append(t("minutes.none", lang))
    else:
        cols = [t("filter.vendor", lang), *(_label(ACTIONS, c, lang)
                                            for c in ("action", "owner", "due_on")),
                t("vendor.days-overdue", lang)]
        out.append("| No. | " + " | ".join(cols) + " |")
        out.append("|---:|---|---|---|---|---:|")
        for k, a in enumerate(m.overdue.to_dict("records"), start=1):
            out.append(f"| {k} | {esc(a['vendor_id'])} {_cell(a['vendor_name'], esc)} | "
                       f"{_cell(a['action'], esc)} | {_cell(a['owner'], esc)} | "
                       f"{day(a['due_on'], lang)} | "
                       f"{t('minutes.days', lang, n=a['days_overdue'])} |")
    out += ["", t("minutes.end", lang), ""]
    return "\n".join(out)


CSV_FIELDS = ("record", "period", "held_on", "vendor_id", "vendor_name", "assessment",
              "attendees", "summary", "decisions", "action", "owner", "due_on", "status",
              "days_overdue", "risk_axis")
# the Japanese headers of the CSV fields that are not columns of reviews or actions
CSV_HEADER_KEYS = {"record": "minutes.csv-record", "vendor_name": "minutes.csv-vendor_name",
                   "days_overdue": "minutes.csv-days_overdue"}


def _csv_header(name: str, lang: str) -> str:
    for kind in (REVIEWS, ACTIONS):
        if name in kind.names:
            return header(kind.column(name), lang)
    return t(CSV_HEADER_KEYS[name], lang) if lang == "ja" else name


def csv_rows(m: Minutes, lang: str) -> list[dict[str, object]]:
    """One row per discussed vendor, per action raised at its meeting and per overdue
    action; ``record`` says which."""
    rows: list[dict[str, object]] = []
    period = month_text(m.month, lang) if lang == "ja" else f"{m.month:%Y-%m}"

    def value(name: str, v) -> object:
        if not _present(v):
            return ""
        for kind in (REVIEWS, ACTIONS):
            if name in kind.names:
                return cell(v, kind.column(name), lang)
        return v

    for item in m.discussed:
        meeting = item.meeting
        base = {"period": period, "vendor_id": item.vendor_id, "vendor_name": item.vendor_name,
                "held_on": value("held_on", meeting["held_on"])}
        rows.append({**base, "record": t("minutes.record-meeting", lang),
                     **{k: value(k, meeting.get(k)) for k in
                        ("assessment", "attendees", "summary", "decisions")}})
        for a in item.new_actions.sort_values("due_on").to_dict("records"):
            rows.append({**base, "record": t("minutes.record-new", lang),
                         **{k: value(k, a.get(k)) for k in
                            ("action", "owner", "due_on", "status", "risk_axis")}})
    for a in m.overdue.to_dict("records"):
        rows.append({"record": t("minutes.record-overdue", lang), "period": period,
                     "vendor_id": a["vendor_id"], "vendor_name": a["vendor_name"],
                     "days_overdue": int(a["days_overdue"]),
                     **{k: value(k, a.get(k)) for k in
                        ("action", "owner", "due_on", "status", "risk_axis")}})
    return [{f: r.get(f, "") for f in CSV_FIELDS} for r in rows]


def to_csv(m: Minutes, lang: str) -> bytes:
    """The minutes as CSV for Excel: UTF-8 with BOM, formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_header(f, lang) for f in CSV_FIELDS])
    for row in csv_rows(m, lang):
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row.values()])
    return out.getvalue().encode("utf-8-sig")
