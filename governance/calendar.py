"""Months and fiscal years: the one place that knows how a month is written, compared,
stepped and grouped into fiscal years.

``Month`` is what the URL, the CLI and every view pass around (``Month.parse("2026-10")``,
``Month.of(timestamp)``); ``label(lang)`` is how the UI writes it (``2026年10月`` /
``2026-10``). Months and dates the project accepts lie between ``FIRST_YEAR`` and
``LAST_YEAR`` (the data contract's range).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from governance.errors import UsageError

FIRST_YEAR, LAST_YEAR = 1900, 2100
FISCAL_YEAR_START = 4  # April, as most Japanese companies; data/scoring.toml may change it

_USER_MONTH = re.compile(r"^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month (year, 1–12)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and FIRST_YEAR <= self.year <= LAST_YEAR):
            raise ValueError(f"not a month between {FIRST_YEAR} and {LAST_YEAR}: "
                             f"{self.year}-{self.month}")

    @classmethod
    def of(cls, value: object) -> Month:
        """The month holding ``value``: a ``Month``, date, timestamp or ``YYYY-MM`` text."""
        if isinstance(value, Month):
            return value
        if isinstance(value, str) and _USER_MONTH.match(value.strip()):
            return cls.parse(value)
        try:
            ts = pd.Timestamp(value)
            return cls(ts.year, ts.month)
        except (ValueError, TypeError):
            raise UsageError("error.bad-month", value=str(value)) from None

    @classmethod
    def parse(cls, text: str) -> Month:
        """A month typed by a person (``2026-10``, ``2026/10``, ``2026年10月``, full-width
        digits too); anything else, or a month outside the range, is a usage error."""
        found = _USER_MONTH.match(unicodedata.normalize("NFKC", str(text)).strip())
        try:
            if found is None:
                raise ValueError(text)
            return cls(int(found.group(1)), int(found.group(2)))
        except ValueError:
            raise UsageError("error.bad-month", value=text) from None

    # --- conversions ------------------------------------------------------------------
    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The month's last day."""
        return (self + 1).start - dt.timedelta(days=1)

    @property
    def ts(self) -> pd.Timestamp:
        """The first day as a timestamp (how stored months and the scoring grid hold it)."""
        return pd.Timestamp(self.year, self.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __format__(self, spec: str) -> str:
        """``f"{month:%Y-%m}"`` formats the first day; an empty spec gives ``YYYY-MM``."""
        return self.ts.__format__(spec) if spec else str(self)

    def label(self, lang: str) -> str:
        """As the UI writes it: ``2026年10月`` in Japanese, ``2026-10`` in English."""
        return f"{self.year}年{self.month}月" if lang == "ja" else str(self)

    # --- arithmetic -------------------------------------------------------------------
    def __add__(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def __sub__(self, other: int) -> Month:
        return self + (-other)

    def months_since(self, other: Month) -> int:
        """How many months ``other`` lies before this month (negative when after)."""
        return (self.year - other.year) * 12 + self.month - other.month

    # --- fiscal years -----------------------------------------------------------------
    def fiscal_year(self, start_month: int = FISCAL_YEAR_START) -> int:
        """The fiscal year holding this month, named by the calendar year it starts in."""
        return self.year if self.month >= start_month else self.year - 1

    def fiscal_start(self, start_month: int = FISCAL_YEAR_START) -> Month:
        return Month(self.fiscal_year(start_month), start_month)

    def fiscal_end(self, start_month: int = FISCAL_YEAR_START) -> Month:
        return self.fiscal_start(start_month) + 11


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from ``first`` to ``last``, both included."""
    return [first + i for i in range(last.months_since(first) + 1)]


def month_index(first: Month, last: Month) -> pd.DatetimeIndex:
    """The same months as first-of-month timestamps (the scoring grid's month axis)."""
    return pd.date_range(first.ts, last.ts, freq="MS")


def fiscal_years(months: pd.DatetimeIndex, start_month: int) -> pd.Index:
    """The fiscal year of each first-of-month timestamp, vectorised."""
    return pd.Index(months.year.where(months.month >= start_month, months.year - 1))


def month_label(value: object, lang: str) -> str:
    """The label of the month holding ``value`` (a date, timestamp or ``Month``)."""
    return Month.of(value).label(lang)
