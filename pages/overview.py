"""Overview (/): the portfolio at a glance."""

import streamlit as st

from governance.presenting import labelled
from ui import data
from ui.context import lang, tr

st.title(tr("app.title"))
vendors = data.rows("vendors")
if vendors.empty:
    st.info(tr("app.no-data"))
    st.stop()

months = data.months()
latest = months[0] if months else None
reports = data.rows("kpis", month=latest) if latest else None
open_actions = data.rows("actions", status="open")

cols = st.columns(4)
cols[0].metric(tr("overview.vendors"), len(vendors))
cols[1].metric(tr("overview.latest-month"),
               f"{latest:%Y-%m}" if latest else "—")
cols[2].metric(tr("overview.reports"),
               f"{0 if reports is None else len(reports)} / {len(vendors)}")
cols[3].metric(tr("overview.open-actions"), len(open_actions))

st.subheader(tr("overview.register"))
st.dataframe(labelled(vendors, "vendors", lang()), hide_index=True)
