"""Links that take the view along: the month, the vendor filters and the language go with
the user from page to page.

Every link the app draws — the sidebar navigation, heat-map cells, the flagged list,
rankings, the meeting agenda, "open the vendor" — is built here from the query parameters
the current page carries (``CARRIED``), so ``/?month=2026-08`` followed by any link stays on
2026-08 with the same filters and language.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from governance.views.portfolio import FILTER_COLUMNS

CARRIED = ("month", *FILTER_COLUMNS, "lang")  # the view a link takes along


def carried(**extra: object) -> dict[str, str]:
    """The current page's month, filters and language, with ``extra`` set on top (a month
    the page shows wins over the URL's; None values are left out)."""
    return _on_top(_from_url(), extra)


def _from_url() -> dict[str, str]:
    return {k: str(st.query_params[k]) for k in CARRIED if st.query_params.get(k)}


def _on_top(params: dict[str, str], extra: dict[str, object]) -> dict[str, str]:
    return {**params, **{k: str(v) for k, v in extra.items() if v is not None}}


def vendor_params(vendor_id: str, month: object = None) -> dict[str, str]:
    """Query parameters of the vendor page for ``vendor_id`` in ``month`` (the month shown),
    the rest of the view taken along."""
    return carried(vendor=vendor_id, month=month)


def vendor_url(vendor_id: str, month: object = None) -> str:
    """A relative URL of the vendor page (for chart cells and link columns)."""
    return "vendor?" + urlencode(vendor_params(vendor_id, month))


def vendor_urls(vendor_ids, month: object = None) -> list[str]:
    """``vendor_url`` of each vendor, the URL read once (160 reads were 20 ms a run)."""
    view = _from_url()
    return ["vendor?" + urlencode(_on_top(view, {"vendor": v, "month": month}))
            for v in vendor_ids]
