"""One path from the month in the URL to every view: a month's inputs read once, the
scoring grid built once.

``read(store, month, config)`` reads the data version (the newest batch), the register,
the KPI rows the month and its trend need, the review log and the action items in one held
connection; the returned ``MonthData`` evaluates the vendors × months grid once, on first
use, and answers every question the overview, axis, vendor, cost, meeting and report views
ask of that month.
The scoring configuration is loaded once by the caller and passed in.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import pandas as pd

from governance import scoring
from governance.calendar import Month
from governance.contracts import signals
from governance.errors import UsageError
from governance.scoring import ScoringConfig, VendorRisk
from governance.store import DataVersion, Store
from governance.views.quarantine import clean

TREND_MONTHS = 12  # the overview's portfolio trend; movers compare with the month before


@dataclass
class MonthData:
    """Everything the views of ``month`` read from the store (treat as read-only)."""

    month: Month
    config: ScoringConfig
    vendors: pd.DataFrame
    kpis: pd.DataFrame  # every vendor, from first_needed(trend start - 1) to the month
    reviews: pd.DataFrame
    actions: pd.DataFrame
    trend_from: Month
    version: DataVersion | None = None  # the newest batch when the inputs were read
    # per-vendor-month values from the other upload kinds, for the derived measures
    # (``GridInputs.sources``): frames of vendor_id, month and value columns
    sources: dict[str, pd.DataFrame] = field(default_factory=dict)
    contracts: pd.DataFrame = field(default_factory=pd.DataFrame)  # the contract register
    subcontractors: pd.DataFrame = field(default_factory=pd.DataFrame)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def has_data(self) -> bool:
        """Whether any vendor reported KPIs for the month."""
        return bool((pd.to_datetime(self.kpis["month"]) == self.month.ts).any())

    def require_data(self) -> MonthData:
        """This data, or the usage error every command and page gives for a month nobody
        reported on."""
        if not self.has_data:
            raise UsageError("error.no-month", month=str(self.month))
        return self

    @functools.cached_property
    def evaluation(self):
        first = scoring.first_needed(self.trend_from - 1)
        return scoring.evaluate(self.vendors, self.kpis, first, self.month, self.config,
                                self.sources)

    @functools.cached_property
    def risks(self) -> list[VendorRisk]:
        """Every vendor whose contract runs in the month, with its reasons."""
        return scoring.month_risks(self.evaluation, self.month)

    @functools.cached_property
    def history(self) -> pd.DataFrame:
        """Statuses and scores per vendor-month from the month before the trend starts."""
        return scoring.history_frame(self.evaluation, self.trend_from - 1)

    def risk_of(self, vendor_id: str) -> VendorRisk | None:
        by_id = self._cache.get("by_id")
        if by_id is None:
            by_id = self._cache["by_id"] = {r.vendor_id: r for r in self.risks}
        return by_id.get(vendor_id)

    def measures(self, vendor_id: str) -> pd.DataFrame:
        """One vendor's measures per month up to the month, with statuses and thresholds."""
        return scoring.measure_frame(self.evaluation, vendor_id, self.month)

    def fiscal_kpis(self) -> pd.DataFrame:
        """KPI rows of the fiscal year holding the month, up to the month."""
        start = self.month.fiscal_start(self.config.fiscal_year_start).ts
        months = pd.to_datetime(self.kpis["month"])
        return self.kpis[(months >= start) & (months <= self.month.ts)]


def read(store: Store, month: Month, config: ScoringConfig,
         trend_months: int = TREND_MONTHS) -> MonthData:
    """The month's inputs, read once in one held connection."""
    trend_from = month - (trend_months - 1)
    first = scoring.first_needed(trend_from - 1)
    with store.held():
        # read first: the rows read after it hold at least that batch
        version = store.latest_batch()
        vendors = clean("vendors", store.rows("vendors"))
        reviews = clean("reviews", store.rows("reviews"))
        contracts = clean("contracts", store.rows("contracts"))
        subcontractors = clean("subcontractors", store.rows("subcontractors"))
        sources = {"tickets": store.measured_sla(first.ts, month.ts),
                   **signals.sources(vendors, contracts, subcontractors, reviews, first,
                                     month, config)}
        return MonthData(month, config, vendors,
                         clean("kpis", store.kpis_between(first.ts, month.ts)), reviews,
                         clean("actions", store.rows("actions")), trend_from, version,
                         sources, contracts, subcontractors)


def month_of(text: str) -> Month:
    """A month from user text (``2026-10``, ``2026年10月`` …), or a usage error."""
    return Month.parse(text)


def scores(store: Store, month, config: ScoringConfig | None = None) -> list[VendorRisk]:
    """Every vendor of ``month`` scored (the CLI's ``score``; a month nobody reported on is
    a usage error)."""
    return read(store, Month.of(month), config or scoring.load(), trend_months=1
                ).require_data().risks


def overdue_as_of(month: Month, today: dt.date) -> dt.date:
    """The day overdue actions are counted on for ``month``: its last day, or today while
    the month is still running."""
    return min(month.end, today)
