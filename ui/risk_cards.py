"""The three axes of one vendor as cards: status badge, score and every reason."""

from __future__ import annotations

import streamlit as st

from governance.catalog import AXES
from governance.scoring import STATUS_KEYS
from governance.views.charts import axis_name
from ui.context import tr
from ui.text import STATUS_BADGE, STATUS_ICON


def axes_cards(risk, month, lang: str) -> None:
    """Cards for ``risk`` (a ``VendorRisk``), or a note when the vendor is not scored."""
    if risk is None:
        st.caption(tr("vendor.not-active", month=str(month)))
        return
    for col, axis in zip(st.columns(3), AXES, strict=True):
        result = risk.axes[axis]
        with col.container(border=True):
            st.badge(f"{axis_name(axis, lang)} · {tr(STATUS_KEYS[result.status])} · "
                     f"{result.score}", icon=STATUS_ICON[result.status],
                     color=STATUS_BADGE[result.status])
            for reason in result.reasons:
                st.text("・" + reason.text(lang))
