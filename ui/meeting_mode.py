"""Meeting mode of /reviews (``?mode=meeting&month=2026-10&step=V-ITO-01``): the agenda of
the month, one vendor at a time (previous / next, the step in the URL; every meeting already
recorded about the month shown beside the form), and the minutes (Markdown, CSV, PDF).

The meeting day is ``?held=YYYY-MM-DD`` (today unless the link says otherwise): overdue
actions are counted on it and what the facilitator records is held on it."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pandas as pd
import streamlit as st

from governance.calendar import month_label
from governance.catalog import ACTIONS, AXES
from governance.contracts import presenting
from governance.contracts.deadlines import DEFAULT_WINDOW_DAYS
from governance.report.pdf import pdf_problem
from governance.reviews import minutes_export, minutes_pdf
from governance.reviews.agenda import AgendaItem
from governance.scoring import STATUS_KEYS
from governance.views.chart_formats import vendor_label
from governance.views.charts import BAND_COLORS, axis_name
from ui import data, review_forms, service, trends
from ui.context import lang, tr
from ui.links import vendor_params, vendor_url
from ui.risk_cards import axes_cards
from ui.text import md
from ui.widgets import param_select

AGENDA, MINUTES = "agenda", "minutes"
STEP = "step"
HELD = "held"
ATTENDEES = "meeting_attendees"


def _held() -> dt.date:
    """The meeting day from the URL (``held``), else today; changes go back to the URL."""
    widget = "qp_held"
    try:
        from_url = dt.date.fromisoformat(st.query_params.get(HELD, ""))
    except ValueError:
        from_url = None
    if widget not in st.session_state or (from_url and st.session_state[widget] != from_url):
        st.session_state[widget] = from_url or dt.date.today()

    def sync() -> None:
        st.query_params[HELD] = st.session_state[widget].isoformat()

    return st.sidebar.date_input(tr("meeting.held"), key=widget, format="YYYY/MM/DD",
                                 on_change=sync)


def _go(step: str) -> None:
    st.session_state[f"qp_{STEP}"] = step
    if step == AGENDA:
        st.query_params.pop(STEP, None)
    else:
        st.query_params[STEP] = step


def show(month, months: list) -> None:
    lg = lang()
    held = _held()
    # the order is fixed when the meeting starts: closing an action during the meeting
    # must not reorder the agenda or drop the vendor being discussed
    order_key = f"agenda_order_{month}_{held}"
    frozen = st.session_state.get(order_key, [])
    items = data.agenda(month, held, tuple(frozen))
    order = frozen + [i.vendor_id for i in items if i.vendor_id not in frozen]
    st.session_state[order_key] = order
    items = sorted(items, key=lambda i: order.index(i.vendor_id))  # the cached list is shared
    if ATTENDEES not in st.session_state:  # the people of a meeting already recorded that day
        same_day = [m.record for i in items if (m := i.meeting_on(held)) is not None]
        st.session_state[ATTENDEES] = next(
            (m["attendees"] for m in same_day if isinstance(m.get("attendees"), str)), "")
    st.sidebar.text_input(tr("meeting.attendees"), key=ATTENDEES,
                          help=tr("meeting.attendees-help"))
    names = {i.vendor_id: i.vendor_name for i in items}
    steps = [AGENDA, *names, MINUTES]
    if st.session_state.get(f"qp_{STEP}") not in steps:
        st.session_state.pop(f"qp_{STEP}", None)  # the vendor left the agenda: start over

    def step_label(s: str) -> str:
        if s == AGENDA:
            return tr("meeting.agenda")
        if s == MINUTES:
            return tr("meeting.minutes")
        return f"{steps.index(s)}/{len(names)}  {s} {names[s]}"

    step = param_select(tr("meeting.step"), steps, STEP, format_func=step_label,
                        default=AGENDA, container=st.sidebar)
    position = steps.index(step)
    review_forms.show_flash()
    nav = st.columns([1.2, 6, 1.2], vertical_alignment="center")
    if position > 0:
        nav[0].button(tr("meeting.previous"), icon=":material/arrow_back:", width="stretch",
                      on_click=_go, args=(steps[position - 1],))
    if step not in (AGENDA, MINUTES):
        nav[1].markdown(f"**{tr('meeting.position', n=position, total=len(names))}**")
    if position < len(steps) - 1:
        nav[2].button(tr("meeting.next"), icon=":material/arrow_forward:", width="stretch",
                      on_click=_go, args=(steps[position + 1],), type="primary")
    if step == AGENDA:
        _agenda(items, month, held, lg)
        _deadlines(held, lg)
    elif step == MINUTES:
        _minutes(month, lg, tuple(order))
    else:
        item = next(i for i in items if i.vendor_id == step)
        _vendor(item, month, held, months, steps[position + 1], lg)


def _agenda(items: list[AgendaItem], month, held: dt.date, lg: str) -> None:
    st.subheader(tr("meeting.agenda-title", month=month.label(lg),
                    held=minutes_export.day(held, lg, weekday=True)))
    st.caption(tr("meeting.agenda-help"))
    if not items:
        st.info(tr("meeting.nothing"))
        return
    short = dict(zip(AXES, (c.label_for(lg) for c in ACTIONS.column("risk_axis").choices),
                     strict=True))  # ノウハウ / コスト / 統制
    status_columns = [tr("chart.overall"), *(short[a] for a in AXES)]
    rows, statuses = [], []
    for n, item in enumerate(items, start=1):
        row = {"No.": n, tr("filter.vendor"): vendor_label(item.vendor_id, item.vendor_name),
               tr("chart.overall"): _status_text(item.status, item.score)}
        marks = [item.status]
        for axis in AXES:
            a = item.risk.axes[axis] if item.risk else None
            row[short[axis]] = _status_text(a.status, a.score) if a else ""
            marks.append(a.status if a else "no_data")
        row[tr("meeting.report")] = (tr("meeting.report-missing")
                                     if "missing_report" in item.reasons else "")
        row[tr("meeting.overdue-count")] = len(item.overdue)
        row[tr("meeting.recorded")] = tr("meeting.recorded-yes") if item.discussed else ""
        row[tr("meeting.vendor-page")] = vendor_url(item.vendor_id, month)
        rows.append(row)
        statuses.append(marks)
    table = pd.DataFrame(rows)

    def colour(column: pd.Series) -> list[str]:
        if column.name not in status_columns:
            return [""] * len(column)
        j = status_columns.index(column.name)
        return [f"background-color: {BAND_COLORS.get(statuses[i][j], '#f5f5f5')}"
                for i in range(len(column))]

    st.dataframe(table.style.apply(colour), hide_index=True, width="stretch",
                 column_config={"No.": st.column_config.NumberColumn(width=40),
                                tr("filter.vendor"): st.column_config.TextColumn(width=250),
                                tr("meeting.vendor-page"): st.column_config.LinkColumn(
                                    display_text=tr("meeting.open"), width="small")})
    st.button(tr("meeting.start"), type="primary", icon=":material/play_arrow:",
              on_click=_go, args=(items[0].vendor_id,))


def _deadlines(held: dt.date, lg: str, vendor_ids=None) -> None:
    """Notice deadlines, decision dates and contract ends within the window from the
    meeting day (of ``vendor_ids``, or every vendor)."""
    due = data.deadlines_due(held, vendor_ids)
    if due.empty:
        return
    st.subheader(tr("meeting.deadlines", days=DEFAULT_WINDOW_DAYS))
    st.dataframe(presenting.due_table(due, lg), hide_index=True)


def _status_text(status: str, score: int) -> str:
    return f"{tr(STATUS_KEYS[status])} {score}" if score >= 0 else tr("status.no_data")


def _vendor(item: AgendaItem, month, held: dt.date, months: list, following: str,
            lg: str) -> None:
    st.header(f"{item.vendor_id}  {item.vendor_name}", anchor=False)
    st.caption(tr("meeting.why", why=item.why(lg)))
    st.page_link("pages/vendor.py", label=tr("meeting.open-vendor"),
                 icon=":material/open_in_new:", query_params=vendor_params(item.vendor_id, month))
    axes_cards(item.risk, month, lg)

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(tr("meeting.last"))
        last = item.last_meeting
        if last is None:
            st.caption(tr("vendor.no-meetings"))
        else:
            assessment = last.get("assessment")
            st.text(tr("meeting.last-line", held=minutes_export.day(last["held_on"], lg),
                        period=month_label(last["period"], lg),
                        assessment=tr(STATUS_KEYS[assessment]) if isinstance(assessment, str)
                        else "—"))
            st.markdown(f"**{tr('chart.decisions')}**")
            st.text(last.get("decisions") or tr("minutes.none"))
            with st.expander(tr("chart.summary")):
                st.text(last.get("summary") or "")
        others = [m for m in item.meetings if m.held_on != held]  # today's is in the form
        if others:
            st.subheader(tr("meeting.this-month"))
        for this in others:
            st.caption(tr("meeting.held-on", held=minutes_export.day(this.held_on, lg,
                                                                     weekday=True)))
            st.markdown(f"**{tr('chart.summary')}**")
            st.text(this.record.get("summary") or "")
            st.markdown(f"**{tr('chart.decisions')}**")
            st.text(this.record.get("decisions") or tr("minutes.none"))
    with right:
        st.subheader(tr("vendor.actions"))
        review_forms.action_cards(item.open_actions, f"mq_{item.vendor_id}")
        _deadlines(held, lg, [item.vendor_id])

    charted = [a for a in AXES if item.risk is not None and any(
        r.code not in ("missing_report", "coverage") for r in item.risk.axes[a].reasons)]
    if charted:
        st.subheader(tr("meeting.trends"))
        st.caption(tr("meeting.trends-help"))
        for axis in charted:
            st.markdown(f"**{axis_name(axis, lg)}**")
            trends.draw(item.vendor_id, month, axis, lg, key=f"mtrends_{axis}")
    service.sla_trend(data.vendor(item.vendor_id, month), key="msla_trend")  # when measured

    st.subheader(tr("meeting.record", held=minutes_export.day(held, lg, weekday=True)))
    existing = item.meeting_on(held)
    if item.discussed and existing is None:
        st.info(tr("meeting.recorded-on", held=tr("list.sep").join(
            minutes_export.day(m.held_on, lg) for m in item.meetings)))
    review_forms.meeting_form(
        f"mf_{item.vendor_id}", {item.vendor_id: item.vendor_name}, months,
        vendor_id=item.vendor_id, held_on=held, period=month.start,
        attendees=st.session_state.get(ATTENDEES, ""),
        existing=existing.record if existing is not None else None,
        next_label=tr("meeting.save-next"),
        on_saved=lambda how: _go(following) if how == "next" else None)


def _minutes(month, lg: str, order: tuple[str, ...]) -> None:
    st.subheader(tr("meeting.minutes"))
    choice = st.segmented_control(tr("meeting.minutes-lang"), ["ja", "en"], default=lg,
                                  format_func={"ja": "日本語", "en": "English"}.get,
                                  key="minutes_lang", required=True)
    author = st.text_input(tr("meeting.prepared-by"), key="minutes_by").strip() or None
    m = data.minutes(month, author, order)
    stem = f"minutes_{month}_{choice}"
    cols = st.columns([1, 1, 1.4, 2.6])
    cols[0].download_button(tr("meeting.download-md"), minutes_export.to_markdown(m, choice),
                            file_name=f"{stem}.md", mime="text/markdown",
                            icon=":material/description:", type="primary")
    cols[1].download_button(tr("meeting.download-csv"), minutes_export.to_csv(m, choice),
                            file_name=f"{stem}.csv", mime="text/csv",
                            icon=":material/table:")
    problem = pdf_problem()
    # a callable: the PDF is printed when the button is clicked, not on every rerun
    cols[2].download_button(tr("meeting.download-pdf"),
                            functools.partial(minutes_pdf.to_pdf, m, choice),
                            file_name=f"{stem}.pdf", mime="application/pdf",
                            icon=":material/picture_as_pdf:", on_click="ignore",
                            disabled=problem is not None,
                            help=tr("error.pdf-unavailable", detail=problem) if problem
                            else None)
    if m.not_discussed:
        st.warning(tr("meeting.undiscussed", n=len(m.not_discussed)))
    with st.container(border=True):  # headings one level down inside the page
        st.markdown(re.sub(r"^(#+) ", r"#\1 ", minutes_export.to_markdown(m, choice, esc=md),
                           flags=re.MULTILINE))
