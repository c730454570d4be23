"""Drawing measure trends (with threshold bands and meeting markers) for one vendor."""

from __future__ import annotations

import streamlit as st

from governance.catalog import Measure
from governance.charts import measure_trend


def draw(view, measures: tuple[Measure, ...], lang: str, columns: int = 3) -> None:
    """One small chart per measure, ``columns`` to a row."""
    shown = [m for m in measures if view.measures[(view.measures["measure"] == m.name)]
             ["value"].notna().any()]
    for start in range(0, len(shown), columns):
        cols = st.columns(columns)
        for col, m in zip(cols, shown[start:start + columns], strict=False):
            with col:
                # the chart's own colours carry meaning (bands, statuses): no app theme
                st.altair_chart(measure_trend(view.measures, m, lang, view.meetings),
                                key=f"trend_{m.name}", theme=None)
