"""How every chart writes what it shows, in the user's language: months on an axis
(``4月`` with the year under January, ``Apr`` / ``2026`` in English), amounts of yen in one
unit per chart (百万円 / 億円, ¥M), yes/no measures as done / not done, counts in whole
numbers and vendor names shortened by display width with the whole name kept for the
tooltip. Vega-Lite formats and expressions only: no Streamlit, so the executive report
renders the same axes."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from governance.formats import shorten
from governance.i18n import t

# d3 time formats: a month's short label, its year (under the first month and every
# January) and the month in full for tooltips, as the pages write it
MONTH_FORMATS = {"ja": ("%-m月", "%Y年", "%Y年%-m月"), "en": ("%b", "%Y", "%Y-%m")}
DATE_FORMATS = {"ja": "%Y/%m/%d", "en": "%Y-%m-%d"}
# the unit of a yen axis, by the largest amount drawn: (at least, divide by, unit's key)
YEN_UNITS = {"ja": ((1e9, 1e8, "unit.yen-oku"), (1e6, 1e6, "unit.yen-million"),
                    (1e4, 1e4, "unit.yen-man"), (0, 1, "unit.yen")),
             "en": ((1e6, 1e6, "unit.yen-million"), (0, 1, "unit.yen"))}
# a yes/no measure's 1 and 0 on an axis and in a tooltip
DONE_KEYS = {True: "chart.done", False: "chart.not-done"}
# an axis title written level above the top of a vertical axis (Japanese does not read
# turned on its side)
LEVEL_TITLE = {"titleAngle": 0, "titleAlign": "left", "titleAnchor": "end",
               "titleBaseline": "bottom", "titleX": -40, "titleY": -10}
# vendor names in a chart's labels and in lists beside charts, in display columns
NAME_WIDTH = 22


def month_axis(lang: str, months=None, most: int = 12, **props) -> alt.Axis:
    """An axis of months (temporal or ``yearmonth`` ordinal): the month, and under it the
    year for the first month shown and every January. A temporal axis takes the ``months``
    it spans and ticks on first days only, every 1, 2, 3, 6 or 12 months so that at most
    ``most`` are labelled (Vega would tick weekly over a few months: "4月 4月 4月")."""
    month, year, _ = MONTH_FORMATS[lang]
    if months is not None:
        span = pd.to_datetime(pd.Series(list(months))).dt.to_period("M")
        count = (span.max() - span.min()).n + 1 if span.notna().any() else 1
        step = next((s for s in (1, 2, 3, 6) if count / s <= most), 12)
        props["tickCount"] = {"interval": "month", "step": step}
    expr = (f"date(datum.value) != 1 ? '' : [timeFormat(datum.value, '{month}'), "
            f"month(datum.value) == 0 || datum.index == 0 ? "
            f"timeFormat(datum.value, '{year}') : '']")
    return alt.Axis(labelExpr=expr, labelAngle=0, labelOverlap=False, **props)


def date_format(lang: str) -> str:
    """A day, for tooltips, as tables write it: ``2026/10/05`` / ``2026-10-05``."""
    return DATE_FORMATS[lang]


def month_format(lang: str) -> str:
    """A month in full, for tooltips: ``2026年10月`` / ``2026-10``."""
    return MONTH_FORMATS[lang][2]


def yen_unit(amounts, lang: str) -> tuple[float, str]:
    """(divisor, unit) for an axis drawing ``amounts``: 億円 from a billion yen, 百万円 from
    a million, 万円 from ten thousand (¥M from a million in English)."""
    top = pd.Series(amounts, dtype="float64").abs().max()
    top = 0.0 if pd.isna(top) else float(top)
    return next((div, t(key, lang)) for least, div, key in YEN_UNITS[lang] if top >= least)


def yen_axis(amounts, lang: str) -> alt.Axis:
    """The one axis of yen every yen chart uses: labels in the unit ``yen_unit`` picks for
    ``amounts``, the unit in a level title above the axis."""
    div, unit = yen_unit(amounts, lang)
    return alt.Axis(labelExpr=f"format(datum.value / {div:g}, ',~r')",
                    title=t("chart.amount", lang, unit=unit), **LEVEL_TITLE)


def whole_number_axis(**props) -> alt.Axis:
    """An axis of counts: ticks, grid lines and labels on whole numbers only."""
    return alt.Axis(**_whole_numbers("true"), tickMinStep=1, **props)


def measure_axis(lang: str, whole: list[str], yes_no: list[str]) -> alt.Axis:
    """The y axis of faceted measure trends (the facet field is ``title``): facets in
    ``whole`` (counts: units count, people, days) tick on whole numbers only, facets in
    ``yes_no`` read done / not done at 1 and 0 and nothing between, the others keep Vega's
    ticks. Titles come from the catalog, never from user text."""
    done, not_done = (json.dumps(t(DONE_KEYS[v], lang), ensure_ascii=False)
                      for v in (True, False))
    is_yes_no = f"indexof({_list(yes_no)}, parent.title) >= 0"
    axis = _whole_numbers(f"indexof({_list([*whole, *yes_no])}, parent.title) >= 0")
    axis["labelExpr"] = (f"{is_yes_no} ? (datum.value == 1 ? {done} : datum.value == 0 ? "
                         f"{not_done} : '') : {axis['labelExpr']}")
    return alt.Axis(**axis)


def _list(titles: list[str]) -> str:
    return json.dumps(titles, ensure_ascii=False)


def _whole_numbers(applies: str) -> dict:
    """Axis properties hiding the ticks, grid lines and labels between whole numbers where
    the expression ``applies`` holds. (Vega's ``tickMinStep`` alone still ticks at 0.5 on
    a scale spanning 1 to 1.4 units.)"""
    between = f"({applies}) && datum.value % 1 != 0"
    hidden = {"condition": {"test": between, "value": 0}, "value": 1}
    return {"labelExpr": f"({applies}) ? (datum.value % 1 != 0 ? '' : "
                         f"format(datum.value, ',')) : datum.label",
            "tickOpacity": hidden, "gridOpacity": hidden}


def done_text(value: float, lang: str) -> str:
    return t(DONE_KEYS[bool(value)], lang)


def vendor_label(vendor_id: str, name: str, width: int = NAME_WIDTH) -> str:
    """A vendor as a chart label: its ID and its name shortened to ``width`` columns."""
    return f"{vendor_id}  {shorten(str(name), width)}"
