"""The body of the three axis pages: vendors ranked on the axis with their reasons, and
the trends of the measures that drive it for one vendor (the worst by default)."""

from __future__ import annotations

import streamlit as st

from governance.views.chart_formats import vendor_label
from ui import data, page_charts, trends, vega
from ui.context import lang, tr
from ui.filters import month_picker, share_link, vendor_filters
from ui.links import vendor_params
from ui.text import STATUS_ICON, md
from ui.widgets import param_select


def show(axis: str, title_key: str, extra=None, vendor_extra=None) -> None:
    """``extra(month, filters, ranking)`` draws below the ranking; ``vendor_extra(view,
    key)`` below the chosen vendor's trends."""
    st.title(tr(title_key))
    month = month_picker()
    if month is None:
        st.info(tr("app.no-data"))
        return
    filters = vendor_filters(month)
    share_link()
    frame = data.axis_ranking(axis, month, filters)
    lg = lang()
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.subheader(tr("axis.ranking"))
        vega.draw(data.chart(page_charts.axis_ranking, axis, month, filters, lg))
    with right:
        st.subheader(tr("axis.reasons"))
        flagged = frame[frame["status"] != "green"]
        if flagged.empty:
            st.caption(tr("axis.no-reasons"))
        for row in flagged.head(15).itertuples():
            st.page_link("pages/vendor.py", icon=STATUS_ICON[row.status], width="stretch",
                         label=f"{row.score} · {md(vendor_label(row.vendor_id, row.vendor_name))}",
                         help=md(f"{row.vendor_id} {row.vendor_name}"),
                         query_params=vendor_params(row.vendor_id, month))
            for reason in row.reasons:
                st.caption("・" + md(reason.text(lg)))
    if extra is not None:
        extra(month, filters, frame)
    if frame.empty:
        return
    names = dict(zip(frame["vendor_id"], frame["vendor_name"], strict=True))
    st.subheader(tr("axis.trends"))
    vendor_id = param_select(tr("axis.vendor-trends"), list(names), "vendor",
                             default=frame["vendor_id"].iloc[0],
                             format_func=lambda v: f"{v} {names[v]}")
    view = data.vendor(vendor_id, month) if vendor_id else None
    if view is not None:
        trends.draw(vendor_id, month, axis, lg, key=f"trends_{axis}")
        if vendor_extra is not None:
            vendor_extra(view, key=f"extra_{axis}")
