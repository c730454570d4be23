"""The controls every analysis page shares, all bound to the URL: month, vendor filters,
and the "share this view" link."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from governance.calendar import Month
from governance.catalog import VENDORS
from governance.views.portfolio import FILTER_COLUMNS, FILTER_KEYS, Filters, filter_options
from ui import data
from ui.context import lang, tr
from ui.widgets import param_select


def month_picker(container=st.sidebar) -> Month | None:
    """The month to look at: the latest month with data unless the URL says otherwise."""
    months = [Month.of(m) for m in data.months()]
    if not months:
        return None
    # the label must not change with the language: Streamlit matches a selectbox's value
    # by its label, so switching language would lose the month chosen
    return param_select(tr("filter.month"), months, "month", format_func=str, to_param=str,
                        default=months[0], container=container)


def vendor_filters(month: Month | None, container=st.sidebar) -> Filters:
    """The vendor filters of ``month``'s register (the month's data, read once); a page
    without a month (/contracts) filters the register as stored."""
    vendors = data.rows("vendors") if month is None else data.month_data(month).vendors
    options = filter_options(vendors)
    chosen = {}
    for name in FILTER_COLUMNS:
        column = VENDORS.column(name)

        def label(value, column=column):
            if value is None:
                return tr("filter.all")
            return column.choice(value).label_for(lang()) if column.choices else value

        chosen[name] = param_select(tr(FILTER_KEYS[name]), [None, *options[name]], name,
                                    format_func=label, container=container,
                                    placeholder=tr("filter.all"))
    return Filters(**chosen)


def share_link(container=st.sidebar) -> None:
    """Show the link that reproduces this view (page, month, vendor, filters, language)."""
    base = str(st.context.url or "").split("?")[0]
    query = urlencode({k: st.query_params[k] for k in st.query_params})
    url = f"{base}?{query}" if query else base
    with container.popover(tr("share.button"), icon=":material/link:"):
        st.caption(tr("share.help"))
        st.code(url, language=None)
