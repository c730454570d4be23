"""/cost: the cost-creep axis, with budget against actual, cumulative spend, change-request
cost and the year-end projection."""

import streamlit as st

from governance.views.charts import change_request_cost, cumulative, spend
from ui import axis_page, data
from ui.context import lang, tr
from ui.shell import inside_shell
from ui.text import pct, yen

inside_shell()


def spend_section(month, filters, ranking) -> None:
    lg = lang()
    view = data.cost(month, ranking["vendor_id"].tolist())
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
        st.altair_chart(spend(view.months, lg))
    with right:
        st.subheader(tr("cost.cumulative"))
        st.altair_chart(cumulative(view.months, lg))
    st.subheader(tr("cost.cr"))
    st.altair_chart(change_request_cost(view.months, lg))


axis_page.show("cost_creep", "page.cost", extra=spend_section)
