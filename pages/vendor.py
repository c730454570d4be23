"""/vendor?vendor=ID: one vendor's profile and monthly KPIs."""

import streamlit as st

from governance.presenting import labelled
from ui import data
from ui.context import lang, tr
from ui.widgets import param_select

st.title(tr("page.vendor"))
vendors = data.rows("vendors")
if vendors.empty:
    st.info(tr("app.no-data"))
    st.stop()
names = dict(zip(vendors["vendor_id"], vendors["vendor_name"], strict=True))
vendor_id = param_select(tr("filter.vendor"), list(names), "vendor",
                         format_func=lambda v: f"{v} {names.get(v, '')}",
                         placeholder=tr("vendor.none"))
if vendor_id is None:
    st.info(tr("vendor.none"))
    st.stop()
profile = labelled(vendors[vendors["vendor_id"] == vendor_id], "vendors", lang())
st.subheader(names[vendor_id])
st.dataframe(profile.T, width="stretch")
st.subheader(tr("vendor.kpis"))
st.dataframe(labelled(data.rows("kpis", vendor_id=vendor_id), "kpis", lang()), hide_index=True)
