"""Altair charts of the dashboard, built from the frames ``portfolio``, ``costs`` and
``vendor_profile`` produce. No Streamlit here: the executive report renders the same
charts to SVG. All labels arrive translated; user text is only ever data, never markup.
Months, yen, yes/no, counts and names are written as ``chart_formats`` says."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from governance.catalog import AXIS_LABELS, REVIEWS, UNIT_KEYS, Measure
from governance.formats import cell, yen
from governance.i18n import t
from governance.scoring import STATUS_KEYS
from governance.views.chart_formats import (
    LEVEL_TITLE,
    NAME_WIDTH,
    date_format,
    done_text,
    measure_axis,
    month_axis,
    month_format,
    vendor_label,
    whole_number_axis,
    yen_axis,
)

STATUS_COLORS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828",
                 "no_data": "#9e9e9e"}
BAND_COLORS = {"green": "#e8f5e9", "amber": "#fff8e1", "red": "#ffebee"}
# the heat map's column headings: each axis (and overall) in a word
AXIS_SHORT_KEYS = {"knowledge_drain": "chart.short.knowledge_drain",
                   "cost_creep": "chart.short.cost_creep",
                   "control_leakage": "chart.short.control_leakage",
                   "overall": "chart.short.overall"}
# the series of the spend and cumulative charts (columns of ``costs``' frames)
SERIES_KEYS = {"budget": "chart.budget", "actual": "chart.actual",
               "cum_budget": "chart.cum_budget", "cum_actual": "chart.cum_actual",
               "projection": "chart.projection"}
COUNTS = ("count", "people", "days")  # units whose values are whole numbers
FONT = "Noto Sans CJK JP, Hiragino Sans, Meiryo, sans-serif"


# rows in the order of the data's ``rank`` (one rank per row label)
_BY_RANK = alt.EncodingSortField(field="rank", op="min", order="ascending")


def _status_scale(lang: str) -> alt.Scale:
    names = list(STATUS_COLORS)
    return alt.Scale(domain=[t(STATUS_KEYS[s], lang) for s in names],
                     range=[STATUS_COLORS[s] for s in names])


def axis_name(axis: str, lang: str) -> str:
    return AXIS_LABELS[axis][lang] if axis in AXIS_LABELS else t("chart.overall", lang)


# vega-embed's options carried by the spec: drawn on a canvas, not as SVG. The charts of
# `/` (the heat map's 40 rows alone are ~430 SVG nodes, a quarter of the page) are redrawn
# and restyled by the browser on every rerun; a canvas is one node, and tooltips and cell
# links work alike. Paired reruns of `/`: 0.361 -> 0.334 s with the heat map on a canvas,
# 0.339 -> 0.276 s with the trend too. Report SVGs (vl-convert) ignore it.
ON_CANVAS = {"embedOptions": {"renderer": "canvas"}}


def heat_map(heat: pd.DataFrame, lang: str, urls: list[str] | None = None,
             name_width: int = NAME_WIDTH) -> alt.Chart:
    """Vendors (rows, in rank order) x axes, coloured by status, labelled with the score;
    names shortened to ``name_width`` columns, whole in the tooltip; ``urls`` (one per row
    of ``heat``) make each cell a link."""
    data = heat.assign(
        vendor=heat["vendor_id"] + "  " + heat["vendor_name"],
        label=[vendor_label(v, n, name_width)
               for v, n in zip(heat["vendor_id"], heat["vendor_name"], strict=True)],
        axis_label=heat["axis"].map(lambda a: t(AXIS_SHORT_KEYS[a], lang)),
        status_label=heat["status"].map(lambda s: t(STATUS_KEYS[s], lang)))
    if urls is not None:
        data["url"] = urls
    axes_order = [t(key, lang) for key in AXIS_SHORT_KEYS.values()]
    # a word a line, blank lines first: Vega stacks a label's lines downwards from the top
    # axis, so labels of equal depth keep "Knowledge drain" out of the cells
    words = {a: re.split(r" (?!& )", a) for a in axes_order}  # "Control &" stays together
    depth = max(len(w) for w in words.values())
    lines = {a: [""] * (depth - len(w)) + w for a, w in words.items()}
    base = alt.Chart(data).encode(
        x=alt.X("axis_label:N", sort=axes_order, title=None,
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=11,
                              labelOverlap=False, labelLineHeight=14,
                              labelPadding=2 + 14 * (depth - 1),
                              labelExpr=f"{json.dumps(lines)}[datum.label]")),
        # rows by rank, a field of the data: a spec that lists the order changes with the
        # month, and the browser then builds the chart anew instead of swapping its data
        y=alt.Y("label:N", sort=_BY_RANK, title=None,  # names shortened: whole in the tooltip
                axis=alt.Axis(labelLimit=0, labelOverlap=False, labelFontSize=12)))
    rect = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("status_label:N", scale=_status_scale(lang), legend=alt.Legend(
            title=None, orient="bottom")),
        tooltip=[alt.Tooltip("vendor:N", title=t("filter.vendor", lang)),
                 alt.Tooltip("axis_label:N", title=t("chart.axis", lang)),
                 alt.Tooltip("status_label:N", title=t("chart.status", lang)),
                 alt.Tooltip("score:Q", title=t("chart.score", lang))])
    if urls is not None:
        rect = rect.encode(href="url:N")
    text = base.mark_text(fontSize=12, fontWeight="bold").encode(
        text="score:Q", color=alt.condition(alt.datum.status == "amber", alt.value("#3e2c00"),
                                            alt.value("white")))  # readable on amber
    return (rect + text).properties(height=alt.Step(26), width=alt.Step(70),
                                    usermeta=ON_CANVAS)


def portfolio_trend(trend: pd.DataFrame, lang: str) -> alt.Chart:
    data = trend.assign(status_label=trend["status"].map(lambda s: t(STATUS_KEYS[s], lang)),
                        order=trend["status"].map({"red": 0, "amber": 1, "green": 2}))
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("yearmonth(month):O", title=None, axis=month_axis(lang)),
        y=alt.Y("vendors:Q", stack="zero",
                axis=whole_number_axis(title=t("chart.vendors", lang), **LEVEL_TITLE)),
        color=alt.Color("status_label:N", scale=_status_scale(lang),
                        legend=alt.Legend(title=None, orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("yearmonth(month):O", title=t("filter.month", lang),
                             format=month_format(lang)),
                 alt.Tooltip("status_label:N", title=t("chart.status", lang)),
                 alt.Tooltip("vendors:Q", title=t("chart.vendors", lang))],
    ).properties(height=280, width="container", usermeta=ON_CANVAS)


def ranking(frame: pd.DataFrame, lang: str, top: int = 30) -> alt.Chart:
    # only the columns drawn: the chart's rows are sent to the browser as Arrow, and the
    # ranking's reason objects have no Arrow type (Streamlit would log and re-convert)
    data = frame.head(top)[["vendor_id", "vendor_name", "status", "score"]].assign(
        rank=lambda f: range(len(f)),
        vendor=lambda f: f["vendor_id"] + "  " + f["vendor_name"],
        label=lambda f: [vendor_label(v, n) for v, n in zip(f["vendor_id"], f["vendor_name"],
                                                            strict=True)],
        status_label=lambda f: f["status"].map(lambda s: t(STATUS_KEYS[s], lang)))
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("score:Q", title=t("chart.score", lang), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("label:N", sort=_BY_RANK, title=None,
                axis=alt.Axis(labelLimit=0, labelOverlap=False, labelFontSize=12)),
        color=alt.Color("status_label:N", scale=_status_scale(lang), legend=None),
        tooltip=[alt.Tooltip("vendor:N", title=t("filter.vendor", lang)),
                 alt.Tooltip("status_label:N", title=t("chart.status", lang)),
                 alt.Tooltip("score:Q", title=t("chart.score", lang))],
    ).properties(height=alt.Step(24), width="container")


def measure_trends(history: pd.DataFrame, measures: tuple[Measure, ...], lang: str,
                   meetings: pd.DataFrame | None = None, columns: int = 3, width: int = 250
                   ) -> alt.FacetChart | None:
    """Each measure that has a value, over time, with its green / amber / red bands and the
    review meetings: one small multiple per measure in a single faceted chart. One chart
    instead of one per measure is built, validated, sent and rendered once (15 separate
    charts cost the vendor page ~1.5 s of Altair and as much again in the browser)."""
    frame = trend_frame(history, measures, lang, meetings)
    if frame is None:
        return None
    value = alt.datum.kind == "value"
    axis = measure_axis(lang, [_trend_title(m, lang) for m in measures if m.unit in COUNTS],
                        [_trend_title(m, lang) for m in measures if m.type == "boolean"])
    scale = alt.Scale(nice=False, zero=False)
    y = alt.Y("value:Q", title=None, scale=scale, axis=axis)
    tooltip = [alt.Tooltip("title:N", title=t("chart.measure", lang)),
               alt.Tooltip("month:T", format=month_format(lang), title=t("filter.month", lang)),
               alt.Tooltip("value_label:N", title=t("chart.value", lang))]
    bands = alt.Chart().transform_filter(alt.datum.kind == "band").mark_rect(
        opacity=0.9, tooltip=False).encode(
        y=alt.Y("y0:Q", title=None, scale=scale, axis=axis), y2="y1:Q",
        fill=alt.Fill("band:N", scale=alt.Scale(domain=[*BAND_COLORS, "none"],
                                                range=[*BAND_COLORS.values(), "#ffffff"]),
                      legend=None))
    line = alt.Chart().transform_filter(value).mark_line(point=True, color="#37474f").encode(
        x=alt.X("month:T", title=None, axis=month_axis(lang, frame["month"], most=4)),
        y=y, tooltip=tooltip)
    flagged = alt.Chart().transform_filter(
        value & ((alt.datum.status == "amber") | (alt.datum.status == "red"))).mark_point(
        filled=True, size=70).encode(
        x="month:T", y=y, tooltip=tooltip,
        color=alt.Color("status:N", scale=alt.Scale(domain=list(STATUS_COLORS),
                                                    range=list(STATUS_COLORS.values())),
                        legend=None))
    layers = [bands, line, flagged]
    if (frame["kind"] == "meeting").any():
        layers.append(alt.Chart().transform_filter(alt.datum.kind == "meeting").mark_rule(
            color="#1565c0", strokeDash=[4, 3], strokeWidth=1.5, opacity=0.6).encode(
            x="held_on:T",
            description="aria:N",  # what a screen reader says (else field names, in English)
            tooltip=[alt.Tooltip("held_on:T", format=date_format(lang),
                                 title=t("chart.meeting", lang)),
                     alt.Tooltip("summary:N", title=t("chart.summary", lang)),
                     alt.Tooltip("decisions:N", title=t("chart.decisions", lang))]))
    titles = frame["title"].drop_duplicates().tolist()
    return alt.layer(*layers, data=frame).properties(height=150, width=width).facet(
        facet=alt.Facet("title:N", sort=titles, title=None, header=alt.Header(
            labelFontSize=13, labelFontWeight="bold", labelAnchor="start",
            labelLimit=width, labelFont=FONT)),
        columns=columns, spacing={"row": 18, "column": 24},
    ).resolve_scale(y="independent").resolve_axis(x="independent")


def trend_frame(history: pd.DataFrame, measures: tuple[Measure, ...], lang: str,
                meetings: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """The rows of ``measure_trends``, one ``kind`` per layer: ``value`` (month, value,
    status), ``band`` (y0..y1 coloured green / amber / red, or an invisible ``none`` band
    that fixes the scale when a measure has no thresholds) and ``meeting`` (repeated for
    every measure so each small multiple marks it). None when no measure has a value."""
    parts = []
    for m in measures:
        rows = history[history["measure"] == m.name]
        data = rows.dropna(subset=["value"])
        if data.empty:
            continue
        amber, red = rows[["amber", "red"]].iloc[0]
        values = data["value"].tolist() + [v for v in (amber, red) if not pd.isna(v)]
        top = max([*values, 1]) * 1.1
        bottom = min([*values, 0])
        title = _trend_title(m, lang)
        bands = _bands(m, amber, red, bottom, top)
        if bands.empty:
            bands = pd.DataFrame([("none", bottom, top)], columns=["band", "y0", "y1"])
        parts.append(bands.assign(title=title, kind="band"))
        parts.append(pd.DataFrame({"title": title, "kind": "value", "month": data["month"],
                                   "value": data["value"], "status": data["status"],
                                   "value_label": [_value_text(m, v, lang)
                                                   for v in data["value"]]}))
        if meetings is not None and not meetings.empty:
            summary, decisions = (meetings[c].fillna("") for c in ("summary", "decisions"))
            aria = [f"{t('chart.meeting', lang)}: {cell(d, REVIEWS.column('held_on'), lang)}; "
                    f"{t('chart.summary', lang)}: {s}; {t('chart.decisions', lang)}: {d2}"
                    for d, s, d2 in zip(meetings["held_on"], summary, decisions, strict=True)]
            parts.append(pd.DataFrame({
                "title": title, "kind": "meeting", "held_on": meetings["held_on"],
                "summary": summary, "decisions": decisions, "aria": aria}))
    return pd.concat(parts, ignore_index=True) if parts else None


def _value_text(m: Measure, value: float, lang: str) -> str:
    """A measure's value as a tooltip shows it: done / not done, a whole count, or one
    decimal, with the unit."""
    if m.type == "boolean":
        return done_text(value, lang)
    unit = t(UNIT_KEYS[m.unit], lang) if m.unit else ""
    number = f"{value:,.0f}" if m.type == "integer" else f"{value:,.1f}"
    return number + unit


def _trend_title(m: Measure, lang: str) -> str:
    unit = t(UNIT_KEYS[m.unit], lang).strip() if m.unit else ""
    if not unit:
        return m.label(lang)
    return m.label(lang) + (f"({unit})" if lang == "ja" else f" ({unit})")


def _bands(m: Measure, amber, red, bottom: float, top: float) -> pd.DataFrame:
    if amber is None or pd.isna(amber):
        return pd.DataFrame()
    red = None if red is None or pd.isna(red) else red
    if m.direction == "higher_is_worse":
        edges = [("green", bottom, amber), ("amber", amber, red if red is not None else top)]
        if red is not None:
            edges.append(("red", red, top))
    else:
        edges = [("green", amber, top), ("amber", red if red is not None else bottom, amber)]
        if red is not None:
            edges.append(("red", bottom, red))
    return pd.DataFrame(edges, columns=["band", "y0", "y1"])


# reported (the vendor's own figure) and measured (its tickets), as the SLA trend draws them
SLA_SERIES = {"reported": ("service.series-reported", "#78909c", [6, 3]),
              "measured": ("service.series-measured", "#c62828", [1, 0])}


def reported_vs_measured(trend: pd.DataFrame, lang: str, width: int | str = "container"
                         ) -> alt.Chart:
    """A vendor's SLA attainment as it reported it (dashed) and as its tickets measure it
    (solid) per month, one line each, with a legend; the tooltip gives the ticket count
    the measured figure is taken over (``views.service.sla_trend``)."""
    names = {k: t(key, lang) for k, (key, _, _) in SLA_SERIES.items()}
    data = trend.assign(
        series_label=trend["series"].map(names),
        tickets_text=[("" if pd.isna(n) else f"{int(n):,}") for n in trend["tickets"]],
        value_text=[f"{v:.1f}%" for v in trend["value"]])
    domain = [names[k] for k in SLA_SERIES]
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title=None, axis=month_axis(lang, data["month"])),
        y=alt.Y("value:Q", title="%", scale=alt.Scale(zero=False, nice=True)),
        color=alt.Color("series_label:N", legend=LEGEND, scale=alt.Scale(
            domain=domain, range=[c for _, c, _ in SLA_SERIES.values()])),
        strokeDash=alt.StrokeDash("series_label:N", legend=None, scale=alt.Scale(
            domain=domain, range=[d for _, _, d in SLA_SERIES.values()])),
        tooltip=[alt.Tooltip("month:T", format=month_format(lang),
                             title=t("filter.month", lang)),
                 alt.Tooltip("series_label:N", title=t("chart.series", lang)),
                 alt.Tooltip("value_text:N", title=t("chart.value", lang)),
                 alt.Tooltip("tickets_text:N", title=t("service.tickets", lang))],
    ).properties(height=240, width=width)


def _series(series: pd.DataFrame, kinds: list[str], lang: str) -> pd.DataFrame:
    """``series``' columns ``kinds`` as rows (month, kind, yen) with each series' name and
    the amount written as the tiles write it (for the tooltip)."""
    data = series.melt(id_vars="month", value_vars=kinds, var_name="kind",
                       value_name="yen").dropna()
    return data.assign(kind_label=data["kind"].map(lambda k: t(SERIES_KEYS[k], lang)),
                       amount=data["yen"].map(lambda v: yen(v, lang)))


def _series_color(kinds: list[str], colors: list[str], lang: str) -> alt.Scale:
    return alt.Scale(domain=[t(SERIES_KEYS[k], lang) for k in kinds], range=colors)


def _yen_tooltip(month: str, lang: str) -> list[alt.Tooltip]:
    return [alt.Tooltip(month, format=month_format(lang), title=t("filter.month", lang)),
            alt.Tooltip("kind_label:N", title=t("chart.series", lang)),
            alt.Tooltip("amount:N", title=t("chart.amount-tooltip", lang))]


LEGEND = alt.Legend(title=None, orient="bottom", labelLimit=0)


def spend(series: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Budget (bars) and actual cost (line) per month, in yen, with a legend."""
    kinds = ["budget", "actual"]
    data = _series(series, kinds, lang)
    color = alt.Color("kind_label:N", scale=_series_color(kinds, ["#b0bec5", "#c62828"], lang),
                      legend=LEGEND)
    x = alt.X("yearmonth(month):O", title=None, axis=month_axis(lang))
    tooltip = _yen_tooltip("yearmonth(month):O", lang)
    bars = alt.Chart(data[data["kind"] == "budget"]).mark_bar().encode(
        x=x, y=alt.Y("yen:Q", axis=yen_axis(data["yen"], lang)), color=color,
        tooltip=tooltip)
    line = alt.Chart(data[data["kind"] == "actual"]).mark_line(point=True).encode(
        x=x, y="yen:Q", color=color, tooltip=tooltip)
    return (bars + line).properties(height=320, width="container")


def cumulative(series: pd.DataFrame, lang: str) -> alt.Chart:
    """Fiscal-year cumulative budget and actual, with the year-end projection dashed."""
    kinds = ["cum_budget", "cum_actual", "projection"]
    data = _series(series, kinds, lang)
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("month:T", title=None, axis=month_axis(lang, data["month"])),
        y=alt.Y("yen:Q", axis=yen_axis(data["yen"], lang)),
        color=alt.Color("kind_label:N", scale=_series_color(
            kinds, ["#78909c", "#c62828", "#ef9a9a"], lang),
            # inside, top left: the lines climb to the right, and three names in a row
            # do not fit half a page in English
            legend=alt.Legend(title=None, orient="top-left", labelLimit=0,
                              fillColor="#ffffffcc", padding=4)),
        strokeDash=alt.StrokeDash("kind_label:N", scale=_series_color(
            kinds, [[1, 0], [1, 0], [6, 4]], lang), legend=None),
        tooltip=_yen_tooltip("month:T", lang),
    ).properties(height=320, width="container")


def change_request_cost(series: pd.DataFrame, lang: str) -> alt.Chart:
    """Change-request cost per month: one bar a month on a month axis, in yen."""
    data = series[["month", "cr_cost"]].dropna().rename(columns={"cr_cost": "yen"})
    data = data.assign(kind_label=t("chart.cr-cost", lang),
                       amount=data["yen"].map(lambda v: yen(v, lang)))
    return alt.Chart(data).mark_bar(color="#1565c0").encode(
        x=alt.X("yearmonth(month):O", title=None, axis=month_axis(lang)),
        y=alt.Y("yen:Q", axis=yen_axis(data["yen"], lang)),
        tooltip=_yen_tooltip("yearmonth(month):O", lang),
    ).properties(height=280, width="container")
