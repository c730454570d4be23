"""Overview (/): the portfolio at a glance for executives."""

import datetime as dt

import streamlit as st

from governance.catalog import AXES
from governance.contracts import presenting
from governance.contracts.deadlines import DEFAULT_WINDOW_DAYS
from governance.formats import spend_estimate_note
from governance.views.chart_formats import vendor_label
from governance.views.charts import axis_name
from governance.views.portfolio import SORT_KEYS
from governance.views.presenting import movers_table
from ui import data, page_charts, vega
from ui.context import lang, tr
from ui.filters import month_picker, share_link, vendor_filters
from ui.links import carried, vendor_params, vendor_urls
from ui.report_download import report_buttons
from ui.shell import inside_shell
from ui.text import STATUS_ICON, md, pct, yen
from ui.widgets import param_select

inside_shell()

st.title(tr("app.title"))
month = month_picker()
if month is None:
    st.info(tr("app.no-data"))
    st.stop()
report_buttons(month)  # the month's executive report, HTML and PDF, built on click
filters = vendor_filters(month)
sort = param_select(tr("filter.sort"), list(SORT_KEYS), "sort", default="worst",
                    format_func=lambda s: tr(SORT_KEYS[s]), container=st.sidebar)
share_link()
sort = sort or "worst"
view = data.overview(month, filters, sort)
lg = lang()

cols = st.columns(5)
for col, axis in zip(cols, AXES, strict=False):
    col.metric(tr("overview.red", axis=axis_name(axis, lg)), view.red_counts[axis])
cols[3].metric(tr("overview.missing"), len(view.missing_reports))
cols[4].metric(tr("overview.overdue"), view.overdue_actions)
cols = st.columns(3)
for col, key, spend in ((cols[0], "overview.spend-month", view.spend.month),
                        (cols[1], "overview.spend-ytd", view.spend.year_to_date)):
    col.metric(tr(key, budget=yen(spend.budget, lg)), yen(spend.actual, lg),
               delta=pct(spend.variance_pct), delta_color="inverse")
    if spend.missing:
        col.caption(spend_estimate_note(spend, lg))
cols[2].metric(tr("overview.not-reviewed"), len(view.flagged_not_reviewed))

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(tr("overview.heat"))
    st.caption(tr("overview.heat-help"))
    total = view.heat["vendor_id"].nunique()
    shown = 40
    if total > shown:
        shown = st.number_input(tr("overview.shown"), 10, total, shown, step=10)
        st.caption(tr("overview.more", total=total, shown=shown))
    urls = tuple(vendor_urls(page_charts.heat_ids(month, filters, sort, shown), month))
    vega.draw(data.chart(page_charts.heat, month, filters, sort, shown, lg, urls),
              width="content")
    due = data.deadlines_due(dt.date.today(), view.vendors["vendor_id"])
    if not due.empty:  # notice deadlines, decision dates and contract ends coming up
        st.subheader(tr("overview.deadlines", days=DEFAULT_WINDOW_DAYS))
        st.dataframe(presenting.due_brief(due.head(8), lg), hide_index=True)
        if len(due) > 8:
            st.page_link("pages/contracts.py", icon=":material/contract:",
                         label=tr("overview.deadlines-more", count=len(due) - 8),
                         query_params=carried())
with right:
    st.subheader(tr("overview.flagged"))
    for r in view.flagged[:15]:
        overall = r.axes["overall"]
        st.page_link("pages/vendor.py", icon=STATUS_ICON[overall.status], width="stretch",
                     label=f"{overall.score} · {md(vendor_label(r.vendor_id, r.vendor_name))}",
                     help=md(f"{r.vendor_id} {r.vendor_name}"),
                     query_params=vendor_params(r.vendor_id, month))
        if overall.reasons:
            st.caption(md(overall.reasons[0].text(lg)))

st.subheader(tr("overview.trend"))
vega.draw(data.chart(page_charts.trend, month, filters, sort, lg))

st.subheader(tr("overview.movers"))
if view.movers.empty:
    st.caption(tr("overview.no-movers"))
else:
    st.table(movers_table(view.movers, lg), hide_index=True)
