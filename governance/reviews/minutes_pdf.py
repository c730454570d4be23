"""The minutes as a PDF to print or send: the same content as the Markdown (every meeting
of the month with its date, attendees, assessment, summary, decisions and new actions; the
vendors not discussed; the overdue actions; the data version), laid out in the executive
report's printed style (``governance.report.style``) and printed by the shared renderer
(``governance.report.pdf``: WeasyPrint, A4, Japanese fonts embedded, no URL fetched).

Every value from the data goes through ``html.escape``: a vendor called ``<script>`` or a
summary with Markdown in it prints as the characters it is made of. The page footer names
the minutes and the data version on every page, with page numbers.
"""

from __future__ import annotations

from governance.calendar import month_label
from governance.catalog import ACTIONS, AXES, REVIEWS
from governance.i18n import t
from governance.report import pdf, style
from governance.report.style import badge, esc
from governance.reviews.agenda import AgendaItem, Meeting
from governance.reviews.minutes import Minutes
from governance.reviews.minutes_export import choice, day, label, people, present, version_text
from governance.scoring import STATUS_KEYS
from governance.views.charts import axis_name

# the minutes' own parts, after the shared rules; a record is read, so a larger type than
# the one-page report
CSS = style.CSS + """
body { font-size: 9pt; line-height: 1.45; }
td { font-size: 8.4pt; overflow-wrap: anywhere; }
h2 { margin-top: 4mm; }
h2, h3, h4 { page-break-after: avoid; }
h3 { font-size: 8.8pt; margin: 2.5mm 0 .8mm; }
h4 { font-size: 8pt; margin: 1.6mm 0 .4mm; color: #546e7a; }
p.text { margin: 0 0 .8mm; overflow-wrap: anywhere; }
table.facts { width: auto; margin: 1mm 0; }
table.facts th { border: none; padding: .3mm 4mm .3mm 0; font-size: 8pt; vertical-align: top; }
table.facts td { border: none; padding: .3mm 0; font-size: 8.6pt; }
.meeting { margin-left: 1mm; padding-left: 3mm; border-left: 2px solid #cfd8dc; }
.risk { margin-right: 3mm; white-space: nowrap; }
.risk .badge { margin-left: 1mm; }
p.end { text-align: right; margin-top: 4mm; }
"""


def _facts(rows: list[tuple[str, str]]) -> str:
    """Label / value rows; values are HTML already."""
    return ('<table class="facts">' + "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>"
                                              for k, v in rows) + "</table>")


def _names(names: list[str], lang: str) -> str:
    return esc(t("list.sep", lang).join(names) if names else t("minutes.none", lang))


def _text(value: object, lang: str) -> str:
    if not present(value):
        return f'<p class="text">{esc(t("minutes.none", lang))}</p>'
    return "".join(f'<p class="text">{esc(line.strip())}</p>'
                   for line in str(value).strip().splitlines() if line.strip())


def _table(cols: list[str], rows: list[list[str]], classes: tuple[str, ...]) -> str:
    """A table; cells are HTML already, ``classes`` give each column's class."""
    head = "".join(f"<th>{esc(c)}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f'<td class="{k}">{v}</td>' for k, v in
                                    zip(classes, row, strict=True)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _risk(item: AgendaItem, lang: str) -> str:
    if item.risk is None:
        return esc(t("minutes.not-scored", lang))
    return "".join(
        f'<span class="risk">{esc(axis_name(a, lang))}'
        f'{badge(item.risk.axes[a].status, t(STATUS_KEYS[item.risk.axes[a].status], lang))}'
        f' {item.risk.axes[a].score}</span>' for a in AXES)


def _meeting(n: int, meeting: Meeting, lang: str) -> str:
    assessment = meeting.record.get("assessment")
    judged = (badge(str(assessment), choice(REVIEWS, "assessment", assessment, lang))
              if present(assessment) else esc(t("minutes.none", lang)))
    heading = t("minutes.meeting-n", lang, n=n, held=day(meeting.held_on, lang, weekday=True))
    out = [f'<div class="meeting"><h3>{esc(heading)}</h3>',
           _facts([(label(REVIEWS, "attendees", lang), _names(people(meeting), lang)),
                   (label(REVIEWS, "assessment", lang), judged)])]
    for name in ("summary", "decisions"):
        out.append(f"<h4>{esc(label(REVIEWS, name, lang))}</h4>"
                   + _text(meeting.record.get(name), lang))
    out.append(f"<h4>{esc(t('minutes.new-actions', lang))}</h4>")
    if meeting.new_actions.empty:
        out.append(_text(None, lang))
    else:
        cols = ("action", "owner", "due_on", "risk_axis")
        rows = [[str(k), esc(a["action"]), esc(a["owner"]), esc(day(a["due_on"], lang)),
                 esc(choice(ACTIONS, "risk_axis", a["risk_axis"], lang, ""))]
                for k, a in enumerate(
                    meeting.new_actions.sort_values("due_on").to_dict("records"), start=1)]
        out.append(_table(["No.", *(label(ACTIONS, c, lang) for c in cols)], rows,
                          ("num", "", "who", "date", "who")))
    return "".join(out) + "</div>"


def _vendor(n: int, item: AgendaItem, lang: str) -> str:
    return (f"<section><h2>{n}. {esc(item.vendor_name)}<small>{esc(item.vendor_id)}</small>"
            "</h2>"
            + _facts([(t("minutes.risk", lang), _risk(item, lang)),
                      (t("minutes.why", lang), esc(item.why(lang)))])
            + "".join(_meeting(k, m, lang) for k, m in enumerate(item.meetings, start=1))
            + "</section>")


def _overdue(m: Minutes, lang: str) -> str:
    head = f"<h2>{esc(t('minutes.overdue', lang, date=day(m.as_of, lang)))}</h2>"
    if m.overdue.empty:
        return f"<section>{head}{_text(None, lang)}</section>"
    cols = ["No.", t("filter.vendor", lang),
            *(label(ACTIONS, c, lang) for c in ("action", "owner", "due_on")),
            t("vendor.days-overdue", lang)]
    rows = [[str(k), f'<span class="name">{esc(a["vendor_name"])}</span>'
                     f'<span class="id">{esc(a["vendor_id"])}</span>',
             esc(a["action"]), esc(a["owner"]), esc(day(a["due_on"], lang)),
             esc(t("minutes.days", lang, n=a["days_overdue"]))]
            for k, a in enumerate(m.overdue.to_dict("records"), start=1)]
    return (f"<section>{head}"
            + _table(cols, rows, ("num", "", "", "who", "date", "num late")) + "</section>")


def to_html(m: Minutes, lang: str) -> str:
    """The minutes as one self-contained HTML document (inline CSS, nothing external)."""
    title = t("minutes.title", lang, month=month_label(m.month, lang))
    version = version_text(m.version, lang)
    held = t("list.sep", lang).join(day(d, lang, weekday=True) for d in m.held_on)
    facts = [(label(REVIEWS, "period", lang), esc(month_label(m.month, lang))),
             (label(REVIEWS, "held_on", lang), esc(held or t("minutes.not-held", lang))),
             (label(REVIEWS, "attendees", lang), _names(m.attendees, lang)),
             (t("minutes.agenda", lang), esc(t("minutes.agenda-count", lang,
                                                discussed=len(m.discussed),
                                                total=len(m.items)))),
             (t("minutes.prepared-on", lang), esc(day(m.prepared_on, lang)))]
    if m.prepared_by:
        facts.append((t("minutes.prepared-by", lang), esc(m.prepared_by)))
    facts.append((t("minutes.data-version", lang), esc(version)))
    parts = [_vendor(n, item, lang) for n, item in enumerate(m.discussed, start=1)]
    if m.not_discussed:
        rows = [[f'<span class="name">{esc(i.vendor_name)}</span>'
                 f'<span class="id">{esc(i.vendor_id)}</span>', esc(i.why(lang))]
                for i in m.not_discussed]
        parts.append(f"<section><h2>{esc(t('minutes.not-discussed', lang))}</h2>"
                     + _table([t("filter.vendor", lang), t("minutes.why", lang)], rows,
                              ("", "")) + "</section>")
    parts.append(_overdue(m, lang))
    footer = f"{title}　{t('minutes.data-version', lang)}{t('minutes.colon', lang)}{version}"
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title><style>{CSS}{style.page_css(footer)}</style>"
            f"</head><body><header><h1>{esc(title)}</h1></header>{_facts(facts)}"
            + "".join(parts) + f'<p class="end">{esc(t("minutes.end", lang))}</p>'
            "</body></html>")


def to_pdf(m: Minutes, lang: str) -> bytes:
    """The minutes as an A4 PDF (``error.pdf-unavailable`` where WeasyPrint cannot run)."""
    return pdf.to_pdf(to_html(m, lang))
