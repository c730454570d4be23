"""Charts drawn from Vega-Lite specs built once per shared view.

``st.altair_chart`` converts the Altair chart on every run (``to_dict`` with JSON-schema
validation): with the building of the chart, 0.1–0.5 s of server time per chart on each
rerun at 2,000 vendors. ``ui.data.chart`` caches the converted spec per data version and
its arguments; ``draw`` sends it as it is, the same spec ``st.altair_chart`` sends.

The conversion is Streamlit's own, a private function: this module is the only place that
touches it. Should a Streamlit release drop it, ``spec_of`` keeps the Altair chart and
``draw`` hands it to ``st.altair_chart`` (the charts still look the same, only slower).
"""

from __future__ import annotations

import streamlit as st

try:  # datasets as Arrow IPC bytes, as st.altair_chart sends them (Streamlit 1.67, pinned)
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
except ImportError:  # pragma: no cover - another Streamlit than requirements.txt pins
    _convert_altair_to_vega_lite_spec = None


def spec_of(chart):
    """The Vega-Lite spec ``st.altair_chart`` would send for ``chart`` (None for None; the
    chart itself when Streamlit's conversion is not available)."""
    if chart is None or _convert_altair_to_vega_lite_spec is None:
        return chart
    return _convert_altair_to_vega_lite_spec(chart)


def draw(spec, **options) -> None:
    """Draw what ``spec_of`` returned (``options`` as for ``st.altair_chart``). A cached
    spec is drawn by every session: Streamlit copies it before adding its own keys (only a
    null legend title becomes " " in place, the same on every draw)."""
    if spec is None:
        return
    if isinstance(spec, dict):
        st.vega_lite_chart(spec=spec, **options)
    else:
        st.altair_chart(spec, **options)
