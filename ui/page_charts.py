"""The charts of the overview, axis and cost pages as builders for ``ui.data.chart``: each
reads its view through ``ui.data`` from hashable arguments (month, filters, language …),
so its Vega-Lite spec is built and converted once per data version, not on every rerun.
Anything a chart shows that comes from the URL (the links' query) is an argument."""

from __future__ import annotations

from governance.views.charts import (
    change_request_cost,
    cumulative,
    heat_map,
    portfolio_trend,
    ranking,
    spend,
)
from ui import data


def heat(month, filters, sort: str, shown: int, lang: str, urls: tuple[str, ...]):
    """The heat map of the ``shown`` worst vendors; ``urls``: one link per row drawn."""
    frame = data.overview(month, filters, sort).heat
    return heat_map(frame[frame["rank"] < shown], lang, list(urls))


def heat_ids(month, filters, sort: str, shown: int) -> list[str]:
    """The vendor of each row ``heat`` draws, for its links."""
    frame = data.overview(month, filters, sort).heat
    return frame.loc[frame["rank"] < shown, "vendor_id"].tolist()


def trend(month, filters, sort: str, lang: str):
    return portfolio_trend(data.overview(month, filters, sort).trend, lang)


def axis_ranking(axis: str, month, filters, lang: str):
    return ranking(data.axis_ranking(axis, month, filters), lang)


COST_CHARTS = {"spend": spend, "cumulative": cumulative, "cr": change_request_cost}


def cost(which: str, month, filters, lang: str):
    return COST_CHARTS[which](data.cost(month, filters).months, lang)
