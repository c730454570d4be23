"""The charts as an executive reads them: the measure trends' small multiples (the rows
behind each layer, hand-computed bands and scale extents, the faceted spec), month axes
with Japanese month labels, yen axes in 百万円 / 億円 (¥M), legends, yes/no measures as
done / not done, whole-number count axes and long names shortened with the whole name in
the tooltip. Labels are checked on the SVG Vega renders (vl-convert), so an expression
that does not evaluate fails here, not in front of a user."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pandas as pd
import pytest
import vl_convert

from governance.catalog import MEASURES
from governance.formats import display_width, shorten
from governance.views import charts
from governance.views.chart_formats import vendor_label, yen_unit
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
    assert sorted(chart.data.columns) == ["label", "rank", "score", "status", "status_label",
                                          "vendor", "vendor_id", "vendor_name"]
    pa.Table.from_pandas(chart.data)  # no fallback conversion in Streamlit


# --- what the charts say, as rendered ------------------------------------------------------
def labels(chart, width: int = 300) -> list[str]:
    """Every text of the chart as Vega draws it (a label's lines joined by "/")."""
    spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = width
    svg = ElementTree.fromstring(vl_convert.vegalite_to_svg(spec))
    out = []
    for text in svg.iter("{http://www.w3.org/2000/svg}text"):
        lines = [text.text or "", *(span.text or "" for span in text)]
        if any(lines):
            out.append("/".join(line for line in lines if line))
    return out


MONTHS = pd.date_range("2026-04", periods=3, freq="MS")
SERIES = pd.DataFrame({
    "month": [*MONTHS, pd.Timestamp("2026-07-01")],
    "budget": [150e6, 150e6, 150e6, None], "actual": [148e6, 152e6, 151e6, None],
    "cr_cost": [1.5e6, 2.0e6, 3.1e6, None],
    "cum_budget": [150e6, 300e6, 450e6, 600e6], "cum_actual": [148e6, 300e6, 451e6, None],
    "projection": [None, None, 451e6, 602e6]})


def test_change_request_cost_is_one_bar_a_month_on_a_month_axis_in_japanese():
    chart = charts.change_request_cost(SERIES, "ja")
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "bar"
    assert (spec["encoding"]["x"]["type"], spec["encoding"]["x"]["timeUnit"]) == (
        "ordinal", "yearmonth")  # a band a month, not a hairline on a day axis
    assert chart.data["amount"].tolist() == ["150万円", "200万円", "310万円"]  # the tooltip
    assert labels(chart) == ["4月/2026年", "5月", "6月", "0", "0.5", "1", "1.5", "2", "2.5",
                             "3", "3.5", "金額(百万円)"]


def test_change_request_cost_reads_in_english():
    assert labels(charts.change_request_cost(SERIES, "en")) == [
        "Apr/2026", "May", "Jun", "0", "0.5", "1", "1.5", "2", "2.5", "3", "3.5",
        "Amount (¥M)"]


def test_budget_and_actual_have_a_legend_and_an_axis_in_millions_of_yen():
    chart = charts.spend(SERIES, "ja")
    spec = chart.to_dict()
    for layer in spec["layer"]:
        assert layer["encoding"]["color"]["field"] == "kind_label"
        assert layer["encoding"]["color"]["scale"]["domain"] == ["予算額", "実績額"]
    assert spec["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"
    assert labels(chart) == ["4月/2026年", "5月", "6月", "0", "20", "40", "60", "80", "100",
                             "120", "140", "160", "金額(百万円)", "予算額", "実績額"]


def test_the_cumulative_chart_counts_in_oku_yen_with_a_legend_of_three_series():
    chart = charts.cumulative(SERIES.assign(cum_actual=SERIES["cum_actual"] * 3,
                                            projection=SERIES["projection"] * 3), "ja")
    drawn = labels(chart)
    assert drawn[-4:] == ["金額(億円)", "予算累計", "実績累計", "年度末見込み"]
    assert drawn[:4] == ["4月/2026年", "5月", "6月", "7月"]
    assert "0" in drawn and "18" in drawn and not any("," in d for d in drawn)


@pytest.mark.parametrize(("amounts", "lang", "unit"), [
    ([1.8e9], "ja", (1e8, "億円")), ([999e6, -1.0], "ja", (1e6, "百万円")),
    ([150e6], "ja", (1e6, "百万円")), ([5e5], "ja", (1e4, "万円")), ([999], "ja", (1, "円")),
    ([], "ja", (1, "円")), ([1.8e9], "en", (1e6, "¥M")), ([5e5], "en", (1, "¥"))])
def test_one_yen_unit_per_chart_chosen_by_the_largest_amount(amounts, lang, unit):
    assert yen_unit(amounts, lang) == unit


def trend_history() -> pd.DataFrame:
    return pd.concat([history("access_review_done", [1.0, 1.0, 0.0, 0.0], 0, None),
                      history("security_incidents", [0.0, 1.0, 2.0, 1.0], 1, 2)])


def test_a_yes_no_measure_reads_done_and_not_done_and_counts_tick_on_whole_numbers():
    incidents = BY_NAME["security_incidents"]
    chart = measure_trends(trend_history(), (ACCESS, incidents), "ja", columns=2)
    drawn = labels(chart)
    assert {"アクセス権棚卸実施", "セキュリティ事故件数(件)"} <= set(drawn)
    y_labels = [d for d in drawn if re.fullmatch(r"[\d.,]+|実施|未実施", d)]
    # yes/no: done and not done only; incidents (0..2.2): whole numbers, no 0.5 or "1.0"
    assert y_labels == ["未実施", "実施", "0", "1", "2"]
    axis = chart.to_dict()["spec"]["layer"][1]["encoding"]["y"]["axis"]
    assert "parent.title" in axis["labelExpr"]  # per facet, by its title
    assert axis["tickOpacity"]["condition"]["value"] == 0  # no tick between whole numbers
    assert axis["gridOpacity"]["condition"]["value"] == 0


@pytest.mark.parametrize(("months", "start", "expected"), [
    (24, "2024-11", ["1月/2025年", "7月", "1月/2026年", "7月"]),  # every 6 months
    (3, "2026-08", ["8月/2026年", "9月", "10月"])])  # every month, never a week
def test_trend_months_are_labelled_on_first_days_only(months, start, expected):
    h = history("documentation_coverage_pct", [80.0] * months, 70, 50, start=start)
    drawn = labels(measure_trends(h, (DOCS,), "ja", width=210))
    assert [d for d in drawn if "月" in d] == expected


def test_trend_tooltips_write_values_as_the_pages_do():
    frame = trend_frame(trend_history(), (ACCESS, BY_NAME["security_incidents"]), "ja")
    values = frame[frame["kind"] == "value"]
    assert values["value_label"].tolist() == ["実施", "実施", "未実施", "未実施",
                                              "0件", "1件", "2件", "1件"]
    en = trend_frame(history("documentation_coverage_pct", [80.0], 70, 50), (DOCS,), "en")
    assert en.loc[en["kind"] == "value", "value_label"].tolist() == ["80.0%"]


# --- long names ----------------------------------------------------------------------------
def test_a_name_is_shortened_by_display_width_between_characters():
    assert display_width("株式会社ABC") == 11
    assert shorten("株式会社さくらビジネスサービス", 20) == "株式会社さくらビジ…"
    assert display_width(shorten("株式会社さくらビジネスサービス", 20)) == 19
    assert shorten("ABC Holdings International", 10) == "ABC Holdi…"
    assert shorten("短い名前", 8) == "短い名前"  # fits exactly: untouched
    assert shorten("株式会社あ", 8) == "株式会…"  # "株式会社" + "…" would take 9


LONG = "株式会社グローバル・ビジネス・プロセス・アウトソーシング・ジャパン"


def test_the_heat_map_and_ranking_show_short_names_and_the_whole_name_on_hover():
    heat = pd.DataFrame({"vendor_id": ["V-1"] * 4, "vendor_name": [LONG] * 4,
                         "axis": ["knowledge_drain", "cost_creep", "control_leakage",
                                  "overall"], "status": ["red", "green", "green", "red"],
                         "score": [100, 0, 0, 100], "rank": [0] * 4})
    chart = charts.heat_map(heat, "ja", "2026-10")
    assert set(chart.data["label"]) == {"V-1  株式会社グローバル・…"}
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["y"]["field"] == "label"
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] == 0  # never cut by Vega
    assert spec["layer"][0]["encoding"]["tooltip"][0]["field"] == "vendor"
    assert set(chart.data["vendor"]) == {f"V-1  {LONG}"}
    assert "V-1  株式会社グローバル・…" in labels(chart)
    ranked = charts.ranking(heat.drop_duplicates("vendor_id").assign(reasons=[[]]), "en")
    assert ranked.data["label"].tolist() == [vendor_label("V-1", LONG)]
    assert ranked.to_dict()["encoding"]["tooltip"][0]["field"] == "vendor"


def test_the_movers_table_shortens_long_names_and_carries_the_whole_name_as_a_tooltip():
    from governance.views.presenting import movers_table

    movers = pd.DataFrame({"vendor_id": ["V-1", "V-2"], "vendor_name": [LONG, "短い名前"],
                           "before": [0, 25], "after": [40, 0], "change": [40, -25],
                           "axis": ["knowledge_drain", "cost_creep"]})
    styled = movers_table(movers, "ja")
    assert styled.data.values.tolist() == [
        ["V-1", shorten(LONG, 40), 0, 40, 40, "ノウハウ流出"],
        ["V-2", "短い名前", 25, 0, -25, "コスト増大"]]
    assert shorten(LONG, 40).endswith("…")
    assert styled.tooltips.tt_data["委託先名"].tolist() == [LONG, ""]  # hover: whole name


def _heat(order: list[str]) -> pd.DataFrame:
    """The heat map's rows for vendors ranked in ``order`` (four axes each)."""
    rows = [{"vendor_id": v, "vendor_name": f"委託先{v[-1]}", "criticality": "high",
             "axis": axis, "status": "red" if rank == 0 else "green",
             "score": 90 - 30 * rank, "rank": rank}
            for rank, v in enumerate(order) for axis in charts.AXIS_SHORT_KEYS]
    return pd.DataFrame(rows)


def _without_data(spec: dict) -> dict:
    return {k: v for k, v in spec.items() if k not in ("data", "datasets")}


@pytest.mark.parametrize("build", [
    lambda order: charts.heat_map(_heat(order), "ja", [f"/vendor?vendor={v}" for v in order
                                                       for _ in charts.AXIS_SHORT_KEYS]),
    lambda order: charts.ranking(_heat(order).drop_duplicates("vendor_id"), "ja")])
def test_the_rank_orders_rows_from_the_data_so_a_new_month_changes_only_the_data(build):
    # Streamlit swaps a chart's data in place when the rest of its spec is unchanged; a
    # spec listing the rows' order would be built anew in the browser on every month
    first, second = build(["V-1", "V-2", "V-3"]), build(["V-3", "V-1", "V-2"])
    assert _without_data(first.to_dict()) == _without_data(second.to_dict())
    drawn = [label for label in labels(second) if label.startswith("V-")]
    assert drawn == [vendor_label(v, f"委託先{v[-1]}") for v in ("V-3", "V-1", "V-2")]


def test_the_charts_of_the_overview_are_drawn_on_a_canvas_the_heat_map_with_its_links():
    # as SVG they are hundreds of nodes the browser restyles on every rerun of `/`
    spec = charts.heat_map(_heat(["V-1", "V-2"]), "ja", ["/vendor?vendor=V-1"] * 4
                           + ["/vendor?vendor=V-2"] * 4).to_dict()
    assert spec["usermeta"] == {"embedOptions": {"renderer": "canvas"}}
    rect = spec["layer"][0]["encoding"]
    assert rect["href"]["field"] == "url" and len(rect["tooltip"]) == 4
    trend = pd.DataFrame({"month": ["2026-09", "2026-10"], "status": ["red", "red"],
                          "vendors": [3, 4]})
    assert charts.portfolio_trend(trend, "ja").to_dict()["usermeta"] == spec["usermeta"]
