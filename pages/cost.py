"""/cost: the cost-creep axis, with budget against actual, cumulative spend, change-request
cost and the year-end projection."""

import streamlit as st

from ui import axis_page, data, page_charts, vega
from ui.context import lang, tr
from ui.shell import inside_shell
from ui.text import pct, yen

inside_shell()


def spend_section(month, filters, ranking) -> None:
    lg = lang()
    view = data.cost(month, filters)
    cols = st.columns(3)
    cols[0].metric(tr("cost.budget-year"), yen(view.year_end_budget, lg))
    cols[1].metric(tr("cost.projection"), yen(view.year_end_projection, lg),
                   delta=pct(view.projected_variance_pct), delta_color="inverse",
                   help=tr("cost.projection-help"))
    if view.missing_year:
        cols[2].caption(tr("cost.estimate-note", n=view.missing_year,
                           estimate=yen(view.estimated, lg)))
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(tr("cost.spend"))
        vega.draw(data.chart(page_charts.cost, "spend", month, filters, lg))
    with right:
        st.subheader(tr("cost.cumulative"))
        vega.draw(data.chart(page_charts.cost, "cumulative", month, filters, lg))
    st.subheader(tr("cost.cr"))
    vega.draw(data.chart(page_charts.cost, "cr", month, filters, lg))


axis_page.show("cost_creep", "page.cost", extra=spend_section,
               extra_tab_key="cost.tab-spend")
