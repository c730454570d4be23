"""A chart drawn from a spec built once (ui.vega) reaches the browser exactly as
st.altair_chart sends it: the same spec, the same Arrow datasets, the same options."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _app() -> None:
    import altair as alt
    import pandas as pd
    import streamlit as st

    from ui import vega

    frame = pd.DataFrame({"month": ["2026-09", "2026-10"] * 2, "value": [1.0, 2.5, 3.0, 0.5],
                          "kind": ["予算", "予算", "実績", "実績"]})
    line = alt.Chart(frame).mark_line().encode(
        x="month:O", y="value:Q", color=alt.Color("kind:N", title=None))
    layered = line + alt.Chart(frame).mark_point().encode(x="month:O", y="value:Q",
                                                          href="kind:N")
    for chart, options in ((line, {}), (layered, {"theme": None, "width": "content"})):
        st.altair_chart(chart, **options)
        spec = vega.spec_of(chart)
        vega.draw(spec, **options)
        vega.draw(spec, **options)  # a cached spec drawn again sends the same
    vega.draw(vega.spec_of(None))


def test_a_spec_drawn_by_ui_vega_is_what_st_altair_chart_sends():
    at = AppTest.from_function(_app, default_timeout=30).run()
    assert not at.exception
    charts = [c.proto for c in at.get("vega_lite_chart")]
    assert len(charts) == 6
    for first in (0, 3):
        sent = charts[first]
        assert sent.datasets and "kind" in sent.spec
        for drawn in charts[first + 1:first + 3]:
            assert drawn.spec == sent.spec
            assert drawn.theme == sent.theme
            assert [(d.name, d.data.data) for d in drawn.datasets] == [
                (d.name, d.data.data) for d in sent.datasets]
    assert charts[0].spec != charts[3].spec


def test_without_streamlit_s_conversion_the_altair_chart_is_drawn_as_it_is(monkeypatch):
    from ui import vega

    monkeypatch.setattr(vega, "_convert_altair_to_vega_lite_spec", None)
    chart = object()
    assert vega.spec_of(chart) is chart
    drawn = []
    monkeypatch.setattr(vega.st, "altair_chart", lambda c, **o: drawn.append((c, o)))
    vega.draw(chart, theme=None)
    assert drawn == [(chart, {"theme": None})]
