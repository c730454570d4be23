"""Cached reads for pages, keyed on the database target and its data version, so a page
shows an upload made elsewhere (another session, the CLI) on its next rerun.

Row reads are ``st.cache_data`` (each caller gets its own copy). A month's data
(``governance.views.month.MonthData``: inputs read once, the scoring grid built once) and
the views computed from it (overview, axis rankings, cost, vendor, agenda) are ``shared``:
one object for every session, never copied — unpickling a 2,000-vendor overview on each run
cost 0.1 s — so pages treat them as read-only and derive new frames from them. Charts are
shared the same way as the Vega-Lite specs ``chart`` builds from those views."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from governance import demo
from governance.calendar import Month
from governance.contracts import deadlines
from governance.contracts import views as contract_views
from governance.ingest.profiles import saved as saved_profiles
from governance.reviews import agenda as agenda_view
from governance.reviews import edits
from governance.reviews import minutes as minutes_view
from governance.views import costs, portfolio, quarantine
from governance.views import month as month_view
from governance.views import service as service_view
from governance.views import vendor as vendor_view
from ui import vega
from ui.context import database_target, scoring_config, store, version


def shared(max_entries: int):
    """Cache a computed view once for all sessions (read-only: callers never mutate it)."""
    return st.cache_resource(show_spinner=False, max_entries=max_entries)


@shared(128)
def _chart(target, data_version, today, name: str, args, _build):
    return vega.spec_of(_build(*args))  # _build: not hashed, named by ``name``


def chart(build, *args):
    """The Vega-Lite spec of the Altair chart ``build(*args)`` (``build`` a module-level
    function reading its views through this module; ``args`` hashable and holding
    everything the chart shows, links from the URL included), built and converted once per
    data version and day: draw it with ``ui.vega.draw``."""
    return _chart(database_target(), version(), dt.date.today(),
                  f"{build.__module__}.{build.__qualname__}", args, build)


@st.cache_data(show_spinner=False, max_entries=64)
def _rows(target, data_version, kind: str, filters: tuple) -> pd.DataFrame:
    return quarantine.clean(kind, store().rows(kind, **dict(filters)))


@st.cache_data(show_spinner=False, max_entries=8)
def _unreadable(target, data_version) -> list[tuple]:
    return store().unreadable()


def unreadable() -> list[tuple]:
    """Stored values no page can draw (set aside by ``quarantine``), for the warning."""
    return _unreadable(database_target(), version())


def rows(kind: str, **equals: object) -> pd.DataFrame:
    return _rows(database_target(), version(), kind, tuple(sorted(equals.items())))


@st.cache_data(show_spinner=False, max_entries=8)
def _months(target, data_version) -> list:
    return store().months()


def months() -> list:
    """Months with KPI reports (dates), newest first."""
    return _months(database_target(), version())


@st.cache_data(show_spinner=False, max_entries=8)
def _batches(target, data_version) -> pd.DataFrame:
    return store().batches()


def batches() -> pd.DataFrame:
    return _batches(database_target(), version())


@shared(8)
def _profiles(target, data_version) -> tuple[list[saved_profiles.Saved], str]:
    found = saved_profiles.listing(store())
    return found, saved_profiles.fingerprint(found)


def profiles() -> tuple[list[saved_profiles.Saved], str]:
    """The saved import profiles, and a key that changes when any of them does."""
    return _profiles(database_target(), version())


@st.cache_data(show_spinner=False, max_entries=8)
def _demo_state(target, data_version) -> demo.DemoState:
    return demo.state(store())


def demo_state() -> demo.DemoState:
    """What is left of the demo data: its rows per kind, whether others loaded files."""
    return _demo_state(database_target(), version())


@shared(8)
def _month_data(target, data_version, month: Month) -> month_view.MonthData:
    return month_view.read(store(), month, scoring_config())


def month_data(month: Month) -> month_view.MonthData:
    """The month's inputs and scoring grid, shared by every view of the month."""
    return _month_data(database_target(), version(), month)


@shared(32)
def _overview(target, data_version, month, filters, sort, today):
    return portfolio.overview(month_data(month), filters, sort, today)


def overview(month: Month, filters, sort: str):
    return _overview(database_target(), version(), month, filters, sort, dt.date.today())


@shared(32)
def _cost(target, data_version, month, filters):
    ranked = axis_ranking("cost_creep", month, filters)
    return costs.cost_view(month_data(month), set(ranked["vendor_id"]))


def cost(month: Month, filters):
    """The cost view of the vendors the filters keep (those of the cost-creep ranking)."""
    return _cost(database_target(), version(), month, filters)


@shared(64)
def _vendor(target, data_version, vendor_id, month, today):
    return vendor_view.vendor_view(month_data(month), vendor_id, today)


def vendor(vendor_id: str, month: Month):
    return _vendor(database_target(), version(), vendor_id, month, dt.date.today())


@shared(32)
def _axis(target, data_version, axis, month, filters):
    return portfolio.axis_view(month_data(month), axis, filters)


def axis_ranking(axis: str, month: Month, filters):
    return _axis(database_target(), version(), axis, month, filters)


@shared(32)
def _service_comparison(target, data_version, month, filters):
    ids = set(filters.apply(month_data(month).vendors)["vendor_id"])
    return service_view.comparison(month_data(month), ids)


def service_comparison(month: Month, filters):
    """Reported and measured SLA of the month's vendors with tickets (``/control``)."""
    return _service_comparison(database_target(), version(), month, filters)


@st.cache_data(show_spinner=False, max_entries=16)
def _unassigned(target, data_version, month):
    return store().unassigned_tickets(month.ts, month.ts)


def unassigned_tickets(month: Month) -> tuple[int, int]:
    """Groups no vendor names, and their tickets resolved in the month."""
    return _unassigned(database_target(), version(), month)


@shared(16)
def _agenda(target, data_version, month, as_of, keep):
    return agenda_view.agenda(month_data(month), as_of, keep=keep)


def agenda(month: Month, as_of: dt.date, keep: tuple[str, ...] = ()):
    """The review agenda of ``month`` with overdue actions counted on ``as_of``."""
    return _agenda(database_target(), version(), month, as_of, keep)


@st.cache_data(show_spinner=False, max_entries=16)
def _minutes(target, data_version, month, prepared_by, today, order):
    return minutes_view.minutes(month_data(month), prepared_by, today, order=order)


def minutes(month: Month, prepared_by: str | None, order: tuple[str, ...] = ()):
    return _minutes(database_target(), version(), month, prepared_by, dt.date.today(), order)


@st.cache_data(show_spinner=False, max_entries=16)
def _history(target, data_version, vendor_id):
    return edits.history(store(), vendor_id)


def history(vendor_id: str | None = None):
    """Recorded edits of meetings and actions, newest first."""
    return _history(database_target(), version(), vendor_id)


@shared(32)
def _contracts(target, data_version, vendor_ids, chosen, window_days, today):
    vendors = rows("vendors")
    return contract_views.contracts_view(
        rows("contracts"), rows("subcontractors"),
        vendors[vendors["vendor_id"].isin(vendor_ids)], today, window_days, scoring_config(),
        chosen)


def contracts(vendor_ids, chosen: contract_views.ContractFilters, window_days: int):
    """The /contracts page (and the vendor page's contracts) for ``vendor_ids``."""
    return _contracts(database_target(), version(), tuple(sorted(vendor_ids)), chosen,
                      window_days, dt.date.today())


@shared(8)
def _deadlines(target, data_version, as_of, window_days):
    return contract_views.due_named(rows("contracts"), rows("vendors"), as_of, window_days)


def deadlines_due(as_of: dt.date, vendor_ids=None,
                  window_days: int = deadlines.DEFAULT_WINDOW_DAYS):
    """Notice deadlines, decision dates and contract ends inside the window from ``as_of``
    (of ``vendor_ids``, or every vendor), with the vendor's name."""
    found = _deadlines(database_target(), version(), as_of, window_days)
    if vendor_ids is not None:
        found = found[found["vendor_id"].isin(set(vendor_ids))]
    return found
