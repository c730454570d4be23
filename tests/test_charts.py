"""The measure trends' small multiples: the rows behind each layer (hand-computed bands and
scale extents) and the faceted spec built from them."""

from __future__ import annotations

import pandas as pd
import pytest

from governance.catalog import MEASURES
from governance.views.charts import measure_trends, trend_frame

BY_NAME = {m.name: m for m in MEASURES}
DOCS, CRS, ACCESS = (BY_NAME[n] for n in ("documentation_coverage_pct", "change_requests",
                                          "access_review_done"))


def history(name: str, values: list[float | None], amber, red, start="2026-08") -> pd.DataFrame:
    months = pd.date_range(start, periods=len(values), freq="MS")
    return pd.DataFrame({"month": months, "measure": name, "axis": BY_NAME[name].axis,
                         "value": values, "status": "green", "amber": amber, "red": red})


def test_a_higher_is_better_measure_gets_red_amber_green_bands_up_to_110_percent_of_its_max():
    frame = trend_frame(history("documentation_coverage_pct", [80.0, 60.0, None, 40.0], 70, 50),
                        (DOCS,), "ja")
    bands = frame[frame["kind"] == "band"].set_index("band")[["y0", "y1"]]
    # top = max(80, 70, 50, 1) * 1.1 = 88; bottom = min(values, 0) = 0
    assert bands.to_dict("index") == {"green": {"y0": 70.0, "y1": pytest.approx(88.0)},
                                      "amber": {"y0": 50.0, "y1": 70.0},
                                      "red": {"y0": 0.0, "y1": 50.0}}
    values = frame[frame["kind"] == "value"]
    assert values["value"].tolist() == [80.0, 60.0, 40.0]  # the missing month is no point
    assert set(frame["title"]) == {"手順書整備率(%)"}


def test_a_higher_is_worse_measure_puts_red_on_top():
    frame = trend_frame(history("change_requests", [2.0, 7.0], 3, 6), (CRS,), "en")
    bands = frame[frame["kind"] == "band"].set_index("band")[["y0", "y1"]]
    assert bands.loc["green"].tolist() == [0.0, 3.0]
    assert bands.loc["amber"].tolist() == [3.0, 6.0]
    assert bands.loc["red"].tolist() == [6.0, pytest.approx(7.7)]


def test_a_measure_without_an_amber_threshold_gets_one_invisible_band_fixing_its_scale():
    frame = trend_frame(history("access_review_done", [1.0, 0.0], None, None), (ACCESS,), "en")
    bands = frame[frame["kind"] == "band"]
    assert bands[["band", "y0", "y1"]].values.tolist() == [["none", 0.0, pytest.approx(1.1)]]


def test_every_small_multiple_marks_every_meeting_and_measures_without_values_are_left_out():
    hist = pd.concat([history("documentation_coverage_pct", [80.0, 75.0], 70, 50),
                      history("change_requests", [None, None], 3, 6)])
    meetings = pd.DataFrame({"held_on": pd.to_datetime(["2026-08-20", "2026-09-18"]),
                             "summary": ["遅延を確認", None], "decisions": [None, "提出させる"]})
    frame = trend_frame(hist, (DOCS, CRS), "ja", meetings)
    marks = frame[frame["kind"] == "meeting"]
    assert len(marks) == 2 and set(marks["title"]) == {"手順書整備率(%)"}
    assert marks["summary"].tolist() == ["遅延を確認", ""]
    assert marks["decisions"].tolist() == ["", "提出させる"]


def test_the_chart_is_one_facet_per_measure_in_the_order_given_or_none_without_values():
    hist = pd.concat([history("change_requests", [1.0, 2.0], 3, 6),
                      history("documentation_coverage_pct", [80.0, 75.0], 70, 50)])
    spec = measure_trends(hist, (DOCS, CRS), "en", columns=2, width=200).to_dict()
    assert spec["facet"]["field"] == "title"
    assert spec["facet"]["sort"] == ["Documentation coverage (%)", "Change requests"]
    assert spec["columns"] == 2 and spec["spec"]["width"] == 200
    assert [layer["mark"]["type"] for layer in spec["spec"]["layer"]] == ["rect", "line",
                                                                          "point"]
    empty = history("change_requests", [None], 3, 6)
    assert measure_trends(empty, (CRS,), "en") is None


def test_the_ranking_sends_only_the_columns_it_draws_so_arrow_can_carry_them():
    import pyarrow as pa

    from governance.views.charts import ranking

    frame = pd.DataFrame({"vendor_id": ["V-1", "V-2"], "vendor_name": ["一番", "二見"],
                          "status": ["red", "green"], "score": [100, 0],
                          "reasons": [[object()], []]})  # the axis ranking's reason objects
    chart = ranking(frame, "ja")
    assert sorted(chart.data.columns) == ["score", "status", "status_label", "vendor",
                                          "vendor_id", "vendor_name"]
    pa.Table.from_pandas(chart.data)  # no fallback conversion in Streamlit
