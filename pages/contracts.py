"""/contracts?vendor=ID&procurement=sole_source&state=running&window=90: every contract on a
timeline with its notice deadline, what falls due inside the window, change-contract
growth, and each vendor's chain of sub-contractors (再委託)."""

import datetime as dt

import streamlit as st

from governance.contracts import presenting
from governance.contracts.views import STATE_KEYS, ContractFilters, procurement_options
from governance.formats import cell
from ui import data
from ui.context import lang, tr
from ui.filters import share_link, vendor_filters
from ui.shell import inside_shell
from ui.widgets import param_select

WINDOWS = (30, 60, 90, 180, 365)

inside_shell()

st.title(tr("page.contracts"))
vendors = data.rows("vendors")  # the register (the page has no month)
if vendors.empty:
    st.info(tr("app.no-data"))
    st.stop()
lg = lang()
filters = vendor_filters(None)
kept = filters.apply(vendors)
names = dict(zip(kept["vendor_id"], kept["vendor_name"], strict=True))
vendor_id = param_select(tr("filter.vendor"), [None, *names], "vendor", container=st.sidebar,
                         format_func=lambda v: tr("filter.all") if v is None
                         else f"{v} {names[v]}", placeholder=tr("filter.all"))
procurement = param_select(tr("contracts.procurement"), [None, *procurement_options()],
                           "procurement", container=st.sidebar, placeholder=tr("filter.all"),
                           format_func=lambda v: tr("filter.all") if v is None
                           else cell(v, presenting.PROCUREMENT, lg))
state = param_select(tr("contracts.state"), [None, *STATE_KEYS], "state",
                     container=st.sidebar, placeholder=tr("filter.all"),
                     format_func=lambda s: tr("filter.all") if s is None
                     else tr(STATE_KEYS[s]))
window = param_select(tr("contracts.window"), list(WINDOWS), "window", default=90,
                      container=st.sidebar, format_func=lambda d: tr("contracts.days", n=d))
share_link()

view = data.contracts(names, ContractFilters(vendor_id, procurement, state), window or 90)
lines = view.timeline
if lines.empty and view.tree.empty:
    st.info(tr("contracts.none"))
    st.stop()

cols = st.columns(5)
cols[0].metric(tr("contracts.count"), len(lines))
cols[1].metric(tr("contracts.due-count", days=view.window_days), len(view.due))
cols[2].metric(tr("contracts.grown-count"), view.grown_flagged)
cols[3].metric(tr("contracts.lock-in-count"), view.lock_ins)
cols[4].metric(tr("contracts.unapproved-count"), view.unapproved)

st.subheader(tr("contracts.due-title", days=view.window_days))
if view.due.empty:
    st.caption(tr("contracts.no-due"))
else:
    st.dataframe(presenting.due_table(view.due, lg), hide_index=True)

st.subheader(tr("contracts.timeline"))
st.caption(tr("contracts.timeline-help"))
if not lines.empty:
    shown = min(30, len(lines))
    if len(lines) > 30:
        shown = st.number_input(tr("contracts.shown"), 10, len(lines), 30, step=10)
        st.caption(tr("contracts.more", total=len(lines), shown=shown))
    st.altair_chart(presenting.timeline_chart(lines.head(shown), lg, dt.date.today()),
                    width="content")
    with st.expander(tr("contracts.register")):
        st.dataframe(presenting.contracts_table(lines, lg), hide_index=True)

st.subheader(tr("contracts.growth-title"))
grown = view.grown
if grown.empty:
    st.caption(tr("contracts.no-growth"))
else:
    st.dataframe(presenting.growth_table(grown, lg), hide_index=True)

st.subheader(tr("contracts.chains"))
st.caption(tr("contracts.chains-help"))
if view.tree.empty:
    st.caption(tr("contracts.no-chains"))
else:
    st.dataframe(presenting.tree_table(view.tree, lg), hide_index=True)
