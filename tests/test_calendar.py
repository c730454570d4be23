"""Months and fiscal years: parsing what people type, stepping, labels and fiscal years."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from governance.calendar import Month, fiscal_years, month_index, months_between
from governance.errors import UsageError


@pytest.mark.parametrize("text", ["2026-10", "2026/10", "2026年10月", "２０２６年１０月",
                                  " 2026-10 ", "2026.10"])
def test_a_month_is_read_as_people_write_it(text):
    assert Month.parse(text) == Month(2026, 10)


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "0000-01", "-2026-01", "2101-01",
                                  "1899-12", "October", "", "2026-10-01x"])
def test_anything_else_is_a_usage_error_naming_the_value(text):
    with pytest.raises(UsageError) as caught:
        Month.parse(text)
    assert caught.value.key == "error.bad-month" and caught.value.params == {"value": text}


def test_months_step_across_years_and_know_their_days():
    m = Month(2026, 11)
    assert (m + 2, m - 11, m + 0) == (Month(2027, 1), Month(2025, 12), m)
    assert (m.start, m.end) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert Month(2024, 2).end == dt.date(2024, 2, 29)
    assert Month(2027, 1).months_since(Month(2025, 12)) == 13
    assert months_between(Month(2025, 11), Month(2026, 2)) == [
        Month(2025, 11), Month(2025, 12), Month(2026, 1), Month(2026, 2)]
    assert list(month_index(Month(2025, 12), Month(2026, 1))) == [
        pd.Timestamp("2025-12-01"), pd.Timestamp("2026-01-01")]


def test_labels_and_formats():
    m = Month.of(pd.Timestamp("2026-10-15"))
    assert (str(m), m.label("ja"), m.label("en"), f"{m:%Y/%m}") == (
        "2026-10", "2026年10月", "2026-10", "2026/10")
    assert Month.of("2026-10-01") == Month.of(dt.date(2026, 10, 31)) == m


def test_fiscal_years_start_in_april_unless_told_otherwise():
    assert Month(2026, 3).fiscal_start() == Month(2025, 4)
    assert Month(2026, 4).fiscal_start() == Month(2026, 4)
    assert Month(2026, 4).fiscal_end() == Month(2027, 3)
    assert Month(2026, 3).fiscal_start(1) == Month(2026, 1)
    index = pd.date_range("2026-02-01", "2026-05-01", freq="MS")
    assert list(fiscal_years(index, 4)) == [2025, 2025, 2026, 2026]
