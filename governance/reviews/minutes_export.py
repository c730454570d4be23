"""The minutes as files: Markdown and CSV (UTF-8 with BOM, formula cells neutralised), in
Japanese or English, and the wording both share with the PDF (``minutes_pdf``). User text is
made inert in both (no links, HTML or headings in the Markdown; no formulas in the CSV).

A vendor met once about the month reads as it always has (assessment, risk, why, then
summary, decisions and new actions); a vendor met more than once gets the risk and why
once, then each meeting under its own heading with its date, attendees and assessment."""

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
from governance.reviews.agenda import AgendaItem, Meeting
from governance.reviews.minutes import Minutes, attendees
from governance.scoring import STATUS_KEYS
from governance.store import DataVersion
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


def present(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and \
        str(value).strip() != ""


def choice(kind, name: str, value, lang: str, missing: str | None = None) -> str:
    """An enumerated value in words (良好 / Green), or ``missing``."""
    if not present(value):
        return t("minutes.none", lang) if missing is None else missing
    return kind.column(name).choice(str(value)).label_for(lang)


def label(kind, name: str, lang: str) -> str:
    return kind.column(name).label(lang)


def _risk_line(item: AgendaItem, lang: str) -> str:
    if item.risk is None:
        return t("minutes.not-scored", lang)
    parts = [t("minutes.axis", lang, axis=axis_name(a, lang),
               status=t(STATUS_KEYS[item.risk.axes[a].status], lang),
               score=item.risk.axes[a].score) for a in AXES]
    return t("list.sep", lang).join(parts)


def _cell(text: object, esc: Callable[[object], str]) -> str:
    return esc(" ".join(str(text).split())) if present(text) else ""


def _paragraph(text: object, esc: Callable[[object], str], lang: str) -> list[str]:
    if not present(text):
        return [t("minutes.none", lang)]
    lines = [esc(line.strip()) for line in str(text).strip().splitlines() if line.strip()]
    out: list[str] = []
    for line in lines:  # each line of the text its own paragraph: no trailing-space breaks
        out += [line, ""]
    return out[:-1]


def version_text(version: DataVersion | None, lang: str) -> str:
    """The data version the minutes were drawn from: バッチ #57（2026-11-20 10:31 取込）."""
    if version is None:
        return t("minutes.none", lang)
    return t("minutes.data-version-value", lang, batch=version.batch_id,
             loaded=f"{version.loaded_at:%Y-%m-%d %H:%M}")


def people(meeting: Meeting) -> list[str]:
    """The attendees of one meeting, as the minutes list them."""
    return attendees([meeting.record])


def _field(label: str, value: str, lang: str) -> str:
    return f"- {label}{t('minutes.colon', lang)}{value}"


def _names(names: list[str], esc: Callable[[object], str], lang: str) -> str:
    return esc(t("list.sep", lang).join(names)) if names else t("minutes.none", lang)


def _meeting_fields(meeting: Meeting, lang: str, esc: Callable[[object], str],
                    dated: bool, with_people: bool) -> list[str]:
    out = []
    if dated:
        out.append(_field(label(REVIEWS, "held_on", lang),
                          day(meeting.held_on, lang, weekday=True), lang))
    if with_people:
        out.append(_field(label(REVIEWS, "attendees", lang),
                          _names(people(meeting), esc, lang), lang))
    out.append(_field(label(REVIEWS, "assessment", lang),
                      choice(REVIEWS, "assessment", meeting.record.get("assessment"), lang),
                      lang))
    return out


def _meeting_body(meeting: Meeting, lang: str, esc: Callable[[object], str],
                  level: str) -> list[str]:
    """Summary, decisions and the actions raised, under headings of ``level`` (### …)."""
    out: list[str] = []
    for name in ("summary", "decisions"):
        out += ["", f"{level} {label(REVIEWS, name, lang)}", ""]
        out += _paragraph(meeting.record.get(name), esc, lang)
    out += ["", f"{level} {t('minutes.new-actions', lang)}", ""]
    if meeting.new_actions.empty:
        return [*out, t("minutes.none", lang)]
    cols = ("action", "owner", "due_on", "risk_axis")
    out.append("| No. | " + " | ".join(label(ACTIONS, c, lang) for c in cols) + " |")
    out.append("|---:|" + "---|" * len(cols))
    for k, a in enumerate(meeting.new_actions.sort_values("due_on").to_dict("records"), 1):
        axis = choice(ACTIONS, "risk_axis", a["risk_axis"], lang, "")
        out.append(f"| {k} | {_cell(a['action'], esc)} | {_cell(a['owner'], esc)} | "
                   f"{day(a['due_on'], lang)} | {esc(axis)} |")
    return out


def _discussed(item: AgendaItem, lang: str, esc: Callable[[object], str],
               several_days: bool) -> list[str]:
    """One vendor discussed: its one meeting as before, or each of its meetings under a
    heading with the date (a vendor met twice about the month)."""
    about = [_field(t("minutes.risk", lang), _risk_line(item, lang), lang),
             _field(t("minutes.why", lang), item.why(lang), lang)]
    if len(item.meetings) == 1:  # the header lists every day and everyone: say which
        meeting = item.meetings[0]
        return (_meeting_fields(meeting, lang, esc, several_days, several_days) + about
                + _meeting_body(meeting, lang, esc, "###"))
    out = about
    for k, meeting in enumerate(item.meetings, start=1):
        held = day(meeting.held_on, lang, weekday=True)
        out += ["", f"### {t('minutes.meeting-n', lang, n=k, held=held)}", ""]
        out += _meeting_fields(meeting, lang, esc, dated=False, with_people=True)
        out += _meeting_body(meeting, lang, esc, "####")
    return out


def to_markdown(m: Minutes, lang: str, esc: Callable[[object], str] = escape_text) -> str:
    """The minutes as Markdown; every value from the data passes through ``esc``."""
    out = [f"# {t('minutes.title', lang, month=month_label(m.month, lang))}", ""]
    out.append(_field(label(REVIEWS, "period", lang), month_label(m.month, lang), lang))
    held = t("list.sep", lang).join(day(d, lang, weekday=True) for d in m.held_on)
    out.append(_field(label(REVIEWS, "held_on", lang), held or t("minutes.not-held", lang),
                      lang))
    out.append(_field(label(REVIEWS, "attendees", lang), _names(m.attendees, esc, lang), lang))
    out.append(_field(t("minutes.agenda", lang),
                      t("minutes.agenda-count", lang, discussed=len(m.discussed),
                        total=len(m.items)), lang))
    out.append(_field(t("minutes.prepared-on", lang), day(m.prepared_on, lang), lang))
    if m.prepared_by:
        out.append(_field(t("minutes.prepared-by", lang), esc(m.prepared_by), lang))
    out.append(_field(t("minutes.data-version", lang), version_text(m.version, lang), lang))
    for n, item in enumerate(m.discussed, start=1):
        out += ["", f"## {n}. {esc(item.vendor_id)} {esc(item.vendor_name)}", ""]
        out += _discussed(item, lang, esc, len(m.held_on) > 1)
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
        cols = [t("filter.vendor", lang), *(label(ACTIONS, c, lang)
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


# The data version is two columns on every row, not a line above the header: a line there
# breaks Excel's filters, tables and Power Query's "first row as headers"; a column survives
# sorting and filtering, keeps the batch a number and the time a date Excel recognises.
CSV_FIELDS = ("record", "period", "held_on", "vendor_id", "vendor_name", "assessment",
              "attendees", "summary", "decisions", "action", "owner", "due_on", "status",
              "days_overdue", "risk_axis", "data_batch", "data_loaded_at")
# the Japanese headers of the CSV fields that are not columns of reviews or actions
CSV_HEADER_KEYS = {"record": "minutes.csv-record", "vendor_name": "minutes.csv-vendor_name",
                   "days_overdue": "minutes.csv-days_overdue",
                   "data_batch": "minutes.csv-data_batch",
                   "data_loaded_at": "minutes.csv-data_loaded_at"}


def _csv_header(name: str, lang: str) -> str:
    for kind in (REVIEWS, ACTIONS):
        if name in kind.names:
            return header(kind.column(name), lang)
    return t(CSV_HEADER_KEYS[name], lang) if lang == "ja" else name


def csv_rows(m: Minutes, lang: str) -> list[dict[str, object]]:
    """One row per meeting, per action raised at it and per overdue action; ``record``
    says which. Every row names the data version."""
    rows: list[dict[str, object]] = []
    period = month_label(m.month, lang)
    version: dict[str, object] = {}
    if m.version is not None:  # dates as ``cell`` writes them, with the time
        stamp = "%Y/%m/%d %H:%M" if lang == "ja" else "%Y-%m-%d %H:%M"
        version = {"data_batch": m.version.batch_id,
                   "data_loaded_at": m.version.loaded_at.strftime(stamp)}

    def value(name: str, v) -> object:
        if not present(v):
            return ""
        for kind in (REVIEWS, ACTIONS):
            if name in kind.names:
                return cell(v, kind.column(name), lang)
        return v

    for item, meeting in ((i, x) for i in m.discussed for x in i.meetings):
        base = {"period": period, "vendor_id": item.vendor_id, "vendor_name": item.vendor_name,
                "held_on": value("held_on", meeting.held_on)}
        rows.append({**base, "record": t("minutes.record-meeting", lang),
                     **{k: value(k, meeting.record.get(k)) for k in
                        ("assessment", "attendees", "summary", "decisions")}})
        for a in meeting.new_actions.sort_values("due_on").to_dict("records"):
            rows.append({**base, "record": t("minutes.record-new", lang),
                         **{k: value(k, a.get(k)) for k in
                            ("action", "owner", "due_on", "status", "risk_axis")}})
    for a in m.overdue.to_dict("records"):
        rows.append({"record": t("minutes.record-overdue", lang), "period": period,
                     "vendor_id": a["vendor_id"], "vendor_name": a["vendor_name"],
                     "days_overdue": int(a["days_overdue"]),
                     **{k: value(k, a.get(k)) for k in
                        ("action", "owner", "due_on", "status", "risk_axis")}})
    return [{f: {**r, **version}.get(f, "") for f in CSV_FIELDS} for r in rows]


def to_csv(m: Minutes, lang: str) -> bytes:
    """The minutes as CSV for Excel: UTF-8 with BOM, formula-like text neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_header(f, lang) for f in CSV_FIELDS])
    for row in csv_rows(m, lang):
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row.values()])
    return out.getvalue().encode("utf-8-sig")
