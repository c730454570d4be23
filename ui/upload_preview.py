"""Drawing a ``governance.preview.Preview``: counts, rows added, values replaced (old →
new), register vendors kept, and the vendors whose risk status would change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from governance.catalog import KINDS
from governance.ingest import preview as pv
from governance.scoring import STATUS_KEYS
from ui.context import lang, tr
from ui.text import md


def show(p: pv.Preview | None) -> None:
    if p is None:
        return
    lg = lang()
    spec = KINDS[p.kind]
    st.markdown(f"**{tr('preview.title')}**")
    cols = st.columns(4)
    cols[0].metric(tr("preview.metric-new"), f"{p.inserted:,}")
    cols[1].metric(tr("preview.metric-replaced"), f"{p.replaced_rows:,}")
    cols[2].metric(tr("preview.metric-unchanged"), f"{p.unchanged:,}")
    if p.kind == "vendors":
        cols[3].metric(tr("preview.metric-kept"), f"{len(p.kept):,}")
    if not p.inserted and not p.replaced_rows:
        st.caption(tr("preview.nothing"))
    if p.inserted:
        st.caption(tr(pv.NEW_ROWS_KEYS[p.kind]))
        st.dataframe(pv.new_table(p, lg), hide_index=True, placeholder="")
    if p.replaced_rows:
        st.caption(tr("preview.replaced-title"))
        st.dataframe(pv.replaced_table(p, lg), hide_index=True, placeholder="")
        key = " + ".join(spec.column(k).label(lg) for k in spec.key)
        st.caption(tr("preview.replaced-help", columns=key))
        if p.absent:
            st.warning(tr("preview.absent", columns="、".join(
                spec.column(c).label(lg) for c in p.absent)), icon=":material/warning:")
    if p.kind == "vendors" and len(p.kept):
        st.caption(tr("preview.kept-title"))
        st.dataframe(pv.kept_table(p, lg), hide_index=True, placeholder="")
    _risk(p)


def _risk(p: pv.Preview) -> None:
    lg = lang()
    month = KINDS["kpis"].column("month")
    months = "、".join(pv.shown(m, month, lg) for m in p.months) or "—"
    st.markdown(f"**{md(tr('preview.risk-title', months=months))}**")
    if p.kind in ("reviews", "actions"):
        st.caption(tr("preview.risk-not-used"))
    elif not p.months:
        st.caption(tr("preview.risk-no-months"))
    elif p.risk.empty:
        st.caption(tr("preview.risk-none"))
    else:
        st.warning(tr("preview.risk-count", count=f"{p.vendors_changing:,}"),
                   icon=":material/warning:")
        if p.kind == "kpis" and p.inserted:
            st.caption(tr("preview.risk-new-months"))
        table = pv.risk_table(p, lg)
        if len(table) > MAX_STATIC_ROWS:  # a static table of thousands of rows is slow
            st.dataframe(table, hide_index=True, placeholder="")
            return
        table = table.map(md)
        table[tr("preview.status")] = [f"{_badge(b)} → {_badge(a)}" for b, a in
                                       zip(p.risk["before"], p.risk["after"], strict=True)]
        st.table(table, hide_index=True, height="content" if len(table) <= 12 else 480)


MAX_STATIC_ROWS = 100
COLOURS = {"green": "green", "amber": "orange", "red": "red", "no_data": "gray"}


def _badge(status: str | None) -> str:
    if pd.isna(status):
        return tr("preview.not-scored")
    return f":{COLOURS[status]}[{tr(STATUS_KEYS[status])}]"
