"""The body shared by the three axis pages until scoring lands: that axis's KPIs for a
month, one row per vendor."""

from __future__ import annotations

import streamlit as st

from governance.catalog import KPIS
from governance.presenting import labelled
from ui import data
from ui.context import lang, tr
from ui.widgets import month_param, param_select


def show(axis: str, title_key: str) -> None:
    st.title(tr(title_key))
    months = data.months()
    if not months:
        st.info(tr("app.no-data"))
        return
    month = param_select(tr("filter.month"), months, "month", format_func=month_param,
                         to_param=month_param, default=months[0])
    st.caption(tr("app.coming"))
    frame = data.rows("kpis", month=month)
    columns = ["vendor_id", "month"] + [c.name for c in KPIS.columns if c.axis == axis]
    st.dataframe(labelled(frame[columns], "kpis", lang()), hide_index=True)
