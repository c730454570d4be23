"""/reviews?vendor=ID&month=YYYY-MM&status=open: the progress-review log — action items
(overdue ones highlighted, quick status changes), the meetings that reviewed the month, a
form to record a meeting, edits and their history — and, with ``mode=meeting``, the
monthly meeting itself (``ui.meeting_mode``)."""

import datetime as dt

import pandas as pd
import streamlit as st

from governance.reviews import log as reviews
from governance.views.presenting import labelled
from ui import data, meeting_mode, review_forms
from ui.context import lang, tr
from ui.filters import month_picker, share_link
from ui.shell import inside_shell
from ui.widgets import param_select

MODE_KEYS = {"log": "reviews.mode-log", "meeting": "reviews.mode-meeting"}
# the action filter: all, by status, or overdue (open and past due)
STATUS_FILTER_KEYS = {None: "reviews.status-all", "open": "reviews.status-open",
                      "overdue": "reviews.status-overdue", "done": "reviews.status-done",
                      "cancelled": "reviews.status-cancelled"}

inside_shell()

st.title(tr("page.reviews"))
month = month_picker()
vendors = data.rows("vendors")
if month is None or vendors.empty:
    st.info(tr("app.no-data"))
    st.stop()
names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
mode = param_select(tr("reviews.mode"), list(MODE_KEYS), "mode", default="log",
                    format_func=lambda m: tr(MODE_KEYS[m]), container=st.sidebar)
lg = lang()
months = data.months()

if mode == "meeting":
    share_link()
    meeting_mode.show(month, months)
    st.stop()

cols = st.columns(2)
vendor_id = param_select(tr("filter.vendor"), [None, *names], "vendor",
                         format_func=lambda v: tr("filter.all") if v is None
                         else f"{v} {names[v]}", placeholder=tr("filter.all"),
                         container=cols[0])
status = param_select(tr("reviews.status"), list(STATUS_FILTER_KEYS),
                      "status", default="open", placeholder=tr("filter.all"),
                      format_func=lambda s: tr(STATUS_FILTER_KEYS[s]),
                      container=cols[1])
share_link()
review_forms.show_flash()

actions = data.rows("actions", **({"vendor_id": vendor_id} if vendor_id else {}))
actions = reviews.with_days_overdue(actions, dt.date.today())
if status == "overdue":
    shown = actions[actions["days_overdue"] > 0]
elif status is not None:
    shown = actions[actions["status"] == status]
else:
    shown = actions
meetings = data.rows("reviews", **({"vendor_id": vendor_id} if vendor_id else {}))
this_month = meetings[pd.to_datetime(meetings["period"]) == pd.Timestamp(month)]

late = int((actions["days_overdue"] > 0).sum())
metrics = st.columns(4)
metrics[0].metric(tr("overview.overdue"), late)
metrics[1].metric(tr("overview.open-actions"), int((actions["status"] == "open").sum()))
metrics[2].metric(tr("reviews.meetings-month", month=f"{month:%Y-%m}"), len(this_month))
metrics[3].metric(tr("reviews.meetings-all"), len(meetings))

log, record, edit, history = st.tabs([tr("reviews.tab-log"), tr("reviews.tab-record"),
                                      tr("reviews.tab-edit"), tr("reviews.tab-history")])
with log:
    st.subheader(tr("reviews.actions"))
    st.caption(tr("reviews.actions-help"))
    review_forms.actions_table(shown)
    if not shown[shown["status"] == "open"].empty:
        with st.expander(tr("reviews.quick-status"), expanded=vendor_id is not None):
            review_forms.quick_status(shown, "lq")
    st.subheader(tr("reviews.meetings-of", month=f"{month:%Y-%m}"))
    if this_month.empty:
        st.caption(tr("reviews.no-meetings-month"))
    else:
        st.dataframe(labelled(this_month.sort_values("held_on", ascending=False), "reviews",
                              lg), hide_index=True)
    with st.expander(tr("reviews.meetings-earlier")):
        earlier = meetings[pd.to_datetime(meetings["period"]) < pd.Timestamp(month)]
        st.dataframe(labelled(earlier.sort_values("held_on", ascending=False), "reviews", lg),
                     hide_index=True)

with record:
    st.caption(tr("reviews.record-help"))
    review_forms.meeting_form("rf", names, months, default_vendor=vendor_id,
                              default_period=month)

with edit:
    st.subheader(tr("reviews.edit-action"))
    review_forms.action_editor(actions.sort_values(["vendor_id", "raised_on"]), "ae")
    st.subheader(tr("reviews.add-action"))
    review_forms.add_action_form("aa", names, vendor_id)
    st.subheader(tr("reviews.edit-meeting"))
    review_forms.meeting_editor(meetings.sort_values("held_on", ascending=False), "me", months)

with history:
    st.caption(tr("changes.help"))
    review_forms.history_table(data.history(vendor_id))
