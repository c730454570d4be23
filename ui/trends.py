"""Drawing one vendor's measure trends (threshold bands, meeting markers) as small
multiples."""

from __future__ import annotations

import streamlit as st

from governance.catalog import Measure
from governance.views.charts import measure_trends


def draw(view, measures: tuple[Measure, ...], lang: str, columns: int = 3,
         width: int = 210, key: str = "trends") -> None:
    """``columns`` small charts to a row, each ``width`` pixels wide: three of 210 px with
    their axes fit the main column of a 1280 px wide window with the sidebar open."""
    chart = measure_trends(view.measures, measures, lang, view.meetings, columns, width)
    if chart is not None:
        # the chart's own colours carry meaning (bands, statuses): no app theme
        st.altair_chart(chart, key=key, theme=None, width="content")
