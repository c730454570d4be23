"""/reviews?vendor=ID&month=YYYY-MM&status=open: the progress-review log — action items
(overdue ones highlighted, quick status changes), the meetings that reviewed the month, a
form to record a meeting, edits and their history — and, with ``mode=meeting``, the
monthly meeting itself (``ui.meeting_mode``)."""

import datetime as dt

import streamlit as st

from governance.reviews import log as reviews
from governance.views.presenting import labelled
from ui import data, meeting_mode, review_forms
from ui.context import lang, tr
from ui.filters import month_picker, share_link
from ui.shell import inside_shell
from ui.tabs import lazy_tabs
from ui.widgets import param_select

MODE_KEYS = {"log": "reviews.mode-log", "meeting": "reviews.mode-meeting"}
# the action filter: all, by status, or overdue (open and past due)
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
status = param_select(tr("reviews.status"), list(reviews.ACTION_FILTER_KEYS),
                      "status", default="open", placeholder=tr("filter.all"),
                      format_func=lambda s: tr(reviews.ACTION_FILTER_KEYS[s]),
                      container=cols[1])
share_link()
review_forms.show_flash()

only = {"vendor_id": vendor_id} if vendor_id else {}
view = reviews.review_log(data.rows("actions", **only), data.rows("reviews", **only),
                          month.ts, status, dt.date.today())
shown = view.shown

metrics = st.columns(4)
metrics[0].metric(tr("overview.overdue"), view.overdue_count)
metrics[1].metric(tr("overview.open-actions"), view.open_count)
metrics[2].metric(tr("reviews.meetings-month", month=month.label(lg)), len(view.this_month))
metrics[3].metric(tr("reviews.meetings-all"), len(view.meetings))

log, record, edit, history = lazy_tabs(  # only the open tab is drawn (the editors are heavy)
    ["reviews.tab-log", "reviews.tab-record", "reviews.tab-edit", "reviews.tab-history"],
    "tab_reviews")
if log.open:
    with log:
        st.subheader(tr("reviews.actions"))
        st.caption(tr("reviews.actions-help"))
        review_forms.actions_table(shown)
        if not shown[shown["status"] == "open"].empty:
            with st.expander(tr("reviews.quick-status"), expanded=vendor_id is not None):
                review_forms.quick_status(shown, "lq")
        st.subheader(tr("reviews.meetings-of", month=month.label(lg)))
        if view.this_month.empty:
            st.caption(tr("reviews.no-meetings-month"))
        else:
            st.dataframe(labelled(view.this_month, "reviews", lg), hide_index=True,
                         placeholder="—")
        with st.expander(tr("reviews.meetings-earlier")):
            st.dataframe(labelled(view.earlier, "reviews", lg), hide_index=True,
                         placeholder="—")

if record.open:
    with record:
        st.caption(tr("reviews.record-help"))
        review_forms.meeting_form("rf", names, months, default_vendor=vendor_id,
                                  default_period=month.start)

if edit.open:
    with edit:
        st.subheader(tr("reviews.edit-action"))
        review_forms.action_editor(view.actions.sort_values(["vendor_id", "raised_on"]), "ae")
        st.subheader(tr("reviews.add-action"))
        review_forms.add_action_form("aa", names, vendor_id)
        st.subheader(tr("reviews.edit-meeting"))
        review_forms.meeting_editor(view.meetings, "me", months)

if history.open:
    with history:
        st.caption(tr("changes.help"))
        review_forms.history_table(data.history(vendor_id))
