"""/vendor?vendor=ID&month=YYYY-MM: one vendor's profile, axes with reasons, every measure's
trend with its thresholds and review meetings, its open and overdue actions, its contracts
and its sub-contractor tree."""

import streamlit as st

from governance.catalog import AXES
from governance.contracts import presenting
from governance.views.charts import axis_name
from governance.views.presenting import VENDOR_ACTION_COLUMNS, meetings_table, profile
from ui import data, review_forms, service, trends
from ui.context import lang, tr
from ui.filters import month_picker, share_link
from ui.risk_cards import axes_cards
from ui.shell import inside_shell
from ui.tabs import lazy_tabs
from ui.text import md
from ui.widgets import param_select

inside_shell()

st.title(tr("page.vendor"))
vendors = data.rows("vendors")
month = month_picker()
if vendors.empty or month is None:
    st.info(tr("app.no-data"))
    st.stop()
names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
vendor_id = param_select(tr("filter.vendor"), list(names), "vendor",
                         format_func=lambda v: f"{v} {names.get(v, '')}",
                         placeholder=tr("vendor.none"))
share_link()
if vendor_id is None:
    st.info(tr("vendor.none"))
    st.stop()
view = data.vendor(vendor_id, month)
lg = lang()

st.header(f'{view.vendor["vendor_id"]}  {md(view.vendor["vendor_name"])}', anchor=False)
cols = st.columns(4)
for i, (label, text) in enumerate(profile(view.vendor, lg)[2:]):  # id and name are above
    cols[i % 4].text(f"{label}: {text}")
if view.exit_plan_age_months is not None:
    cols[0].text(f"{tr('vendor.exit-age')}: {tr('vendor.months', n=view.exit_plan_age_months)}")

# lazy tabs: only the open one is computed and drawn (the trends are three faceted charts)
summary, deals, over_time = lazy_tabs(
    ["vendor.tab-summary", "vendor.tab-contracts", "vendor.tab-trends"], "tab_vendor")
if summary.open:
    with summary:
        st.subheader(tr("vendor.axes"))
        axes_cards(view.risk, month, lg)
        st.subheader(tr("vendor.actions"))
        if view.actions.empty:
            st.caption(tr("vendor.no-actions"))
        else:
            review_forms.actions_table(view.actions, VENDOR_ACTION_COLUMNS)
        st.subheader(tr("vendor.meetings"))
        if view.meetings.empty:
            st.caption(tr("vendor.no-meetings"))
        else:  # a static table wraps the decisions instead of cutting them
            st.table(meetings_table(view.meetings, lg), hide_index=True,
                     height="content" if len(view.meetings) <= 8 else 420)
if deals.open:
    with deals:
        st.subheader(tr("vendor.contracts"))
        if view.contracts.empty:
            st.caption(tr("vendor.no-contracts"))
        else:
            st.dataframe(presenting.contracts_table(view.contracts, lg), hide_index=True)
        st.subheader(tr("vendor.subcontractors"))
        if view.subcontractors.empty:
            st.caption(tr("contracts.no-chains"))
        else:
            st.dataframe(presenting.tree_table(view.subcontractors, lg), hide_index=True)
if over_time.open:
    with over_time:
        st.subheader(tr("vendor.trends"))
        for axis in AXES:
            st.markdown(f"**{axis_name(axis, lg)}**")
            trends.draw(vendor_id, month, axis, lg, key=f"trends_{axis}")
            if axis == "control_leakage":
                service.sla_trend(view, key="sla_trend")
