"""The body of the three axis pages: vendors ranked on the axis with their reasons, and
the trends of the measures that drive it for one vendor (the worst by default)."""

from __future__ import annotations

import streamlit as st

from governance.views.chart_formats import vendor_label
from ui import data, page_charts, trends, vega
from ui.context import lang, tr
from ui.filters import month_picker, share_link, vendor_filters
from ui.links import vendor_params
from ui.tabs import lazy_tabs
from ui.text import STATUS_ICON, md
from ui.widgets import param_select


def show(axis: str, title_key: str, extra=None, extra_tab_key: str | None = None,
         vendor_extra=None) -> None:
    """Lazy tabs: the ranking with its reasons; ``extra(month, filters, ranking)``
    under the tab named by ``extra_tab_key``; the trends of one vendor with ``vendor_extra(view,
    key)`` below them. Only the open tab is computed and sent: the browser draws one tab's
    charts, not five (a link naming a vendor opens on its trends)."""
    st.title(tr(title_key))
    month = month_picker()
    if month is None:
        st.info(tr("app.no-data"))
        return
    filters = vendor_filters(month)
    share_link()
    frame = data.axis_ranking(axis, month, filters)
    lg = lang()
    label_keys = ["axis.tab-ranking", *([extra_tab_key] if extra else []), "axis.tab-trends"]
    linked = st.query_params.get("vendor") in set(frame["vendor_id"])
    tabs = lazy_tabs(label_keys, f"tab_{axis}", default=len(label_keys) - 1 if linked else 0)
    if tabs[0].open:
        with tabs[0]:
            _ranking(axis, month, filters, frame, lg)
    if extra is not None and tabs[1].open:
        with tabs[1]:
            extra(month, filters, frame)
    if tabs[-1].open:
        with tabs[-1]:
            if frame.empty:  # the filters keep no vendor of the month
                st.info(tr("axis.no-vendors"), icon=":material/info:")
            else:
                _trends(axis, month, frame, lg, vendor_extra)


def _ranking(axis: str, month, filters, frame, lg: str) -> None:
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
            if row.reasons:  # one element per vendor, a line per reason: each element
                # costs the browser on every rerun, however small
                st.caption("  \n".join("・" + md(reason.text(lg)) for reason in row.reasons))


def _trends(axis: str, month, frame, lg: str, vendor_extra) -> None:
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
