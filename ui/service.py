"""Reported beside measured: one vendor's SLA attainment as it reported it and as its
tickets show it (a trend with both lines), and on /control every vendor with tickets side
by side with the gap scoring judges."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from governance.catalog import MIN_TICKETS
from governance.scoring import STATUS_KEYS
from governance.views.charts import reported_vs_measured
from ui import data
from ui.context import lang, tr


def sla_trend(view, key: str) -> None:
    """The reported / measured trend of a ``VendorView``; nothing when its tickets
    measured nothing in the months shown."""
    if view is None or view.sla_trend.empty:
        return
    st.markdown(f"**{tr('service.trend-title')}**")
    st.caption(tr("service.trend-help"))
    st.altair_chart(reported_vs_measured(view.sla_trend, lang()), key=key, theme=None)


def comparison(month, filters, ranking: pd.DataFrame) -> None:
    """/control: every vendor whose tickets measured SLA in the month, reported and
    measured side by side (largest gap first), and the tickets no vendor's group took."""
    frame = data.service_comparison(month, filters)
    if frame.empty:
        st.info(tr("service.none"), icon=":material/info:")
        _unassigned(month)
        return
    st.subheader(tr("service.comparison"))
    st.caption(tr("service.comparison-help", minimum=MIN_TICKETS))

    def number(value, digits: int = 1) -> str:
        return "—" if pd.isna(value) else f"{value:,.{digits}f}"

    st.dataframe(pd.DataFrame({
        tr("service.vendor_id"): frame["vendor_id"],
        tr("service.vendor_name"): frame["vendor_name"],
        tr("service.reported_sla_attainment_pct"): [number(v) for v in frame["reported"]],
        tr("service.sla_met_pct"): [number(v) for v in frame["measured"]],
        tr("service.tickets"): [number(v, 0) for v in frame["tickets"]],
        tr("service.gap_pts"): [number(v) for v in frame["gap"]],
        tr("chart.status"): [tr(STATUS_KEYS[s]) for s in frame["status"]],
    }), hide_index=True, width="stretch")
    _unassigned(month)


def _unassigned(month) -> None:
    """The month's tickets of groups no vendor names (they measure nobody's SLA)."""
    groups, tickets = data.unassigned_tickets(month)
    if tickets:
        st.caption(tr("service.unassigned", groups=f"{groups:,}", tickets=f"{tickets:,}"))
