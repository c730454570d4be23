"""Drawing one vendor's measure trends (threshold bands, meeting markers) as small
multiples, one chart per axis, its spec built once per data version (``ui.data.chart``)."""

from __future__ import annotations

from governance.calendar import Month
from governance.catalog import measures_of
from governance.views.charts import measure_trends
from ui import data, vega


def _trends(vendor_id: str, month: Month, axis: str, lang: str, columns: int, width: int):
    view = data.vendor(vendor_id, month)
    return measure_trends(view.measures, measures_of(axis), lang, view.meetings, columns, width)


def draw(vendor_id: str, month: Month, axis: str, lang: str, columns: int = 3,
         width: int = 210, key: str = "trends") -> None:
    """``columns`` small charts to a row, each ``width`` pixels wide: three of 210 px with
    their axes fit the main column of a 1280 px wide window with the sidebar open."""
    # the chart's own colours carry meaning (bands, statuses): no app theme
    vega.draw(data.chart(_trends, vendor_id, month, axis, lang, columns, width), key=key,
              theme=None, width="content")
