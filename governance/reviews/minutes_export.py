"""The minutes as files: Markdown and CSV (UTF-8 with BOM, formula cells neutralised), in
Japanese or English. User text is made inert in both (no links, HTML or headings in the
Markdown; no formulas in the CSV)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pandas as pd

from governance.calendar import month_label
from governance.catalog import ACTIONS, AXES, REVIEWS
from governance.formats import cell, header, neutralise
from governance.i18n import t
from governance.reviews.agenda import AgendaItem
from governance.reviews.minutes import Minutes, attendees
from governance.scoring import STATUS_KEYS
from governance.views.charts import axis_name

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

    out = [f"# {t('minutes.title', lang, month=month_label(m.month, lang))}", ""]
    out.append(field_line(_label(REVIEWS, "period", lang), month_label(m.month, lang)))
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
            people = attendees([meeting])
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
    period = month_label(m.month, lang)

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
