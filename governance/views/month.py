"""Scores read from the store: the bridge between ``store`` and the pure ``scoring``.

Pages and the CLI call these; each reads only the months it needs.
"""

from __future__ import annotations

import pandas as pd

from governance import scoring
from governance.errors import UsageError
from governance.ingest.values import parse_month
from governance.store import Store


def month_of(text: str) -> pd.Timestamp:
    """A month from user text (``2026-10``, ``2026年10月`` …) within 1900-01 … 2100-12, or a
    usage error."""
    values, refused = parse_month(pd.Series([text], dtype="string"))
    if len(refused) or pd.isna(values.iloc[0]):
        raise UsageError("error.bad-month", value=text)
    return pd.Timestamp(values.iloc[0])


def scores(store: Store, month, config: scoring.ScoringConfig | None = None
           ) -> list[scoring.VendorRisk]:
    month = pd.Timestamp(month)
    vendors, kpis = _inputs(store, month, month)
    return scoring.score_month(vendors, kpis, month, config or scoring.load())


def history(store: Store, first, last, config: scoring.ScoringConfig | None = None
            ) -> pd.DataFrame:
    vendors, kpis = _inputs(store, first, last)
    return scoring.score_history(vendors, kpis, first, last, config or scoring.load())


def _inputs(store: Store, first, last) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The register and the KPI rows scoring months ``first`` … ``last`` needs (it looks
    back ``HISTORY_MONTHS`` before ``first``), read with the database held open once."""
    start = pd.Timestamp(first) - pd.DateOffset(months=scoring.HISTORY_MONTHS)
    with store.held():
        return store.rows("vendors"), store.kpis_between(start, last)
