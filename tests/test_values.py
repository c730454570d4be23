"""Every value form of the data contract, parsed to its exact typed value.

Each case is (cell as a user writes it, the value it must become). Cells that do not parse
are reported by the mask, never turned into "missing".
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from governance.catalog import ACTIONS, KPIS, VENDORS
from governance.ingest import values


def parse_one(cell: object, column) -> tuple[object, bool]:
    typed, bad = values.parse(pd.Series([cell], dtype=object), column)
    value = typed.iloc[0]
    return (None if pd.isna(value) else value), bool(bad.iloc[0])


def as_date(value) -> dt.date | None:
    return None if value is None else pd.Timestamp(value).date()


BUDGET = KPIS.column("budget_jpy")
HOURS = KPIS.column("knowledge_transfer_hours")
SLA = KPIS.column("sla_attainment_pct")
MONTH = KPIS.column("month")
ACCESS = KPIS.column("access_review_done")
START = VENDORS.column("contract_start")


@pytest.mark.parametrize(("cell", "expected"), [
    ("1234000", 1234000),
    ("1,234,000", 1234000),
    ("¥1,234,000", 1234000),
    ("￥1,234,000", 1234000),
    ("1,234,000円", 1234000),
    ("1234円", 1234),
    ("\\1,234", 1234),  # the yen sign of CP932 decoded as a backslash
    ("１２３", 123),
    ("１，２３４", 1234),
    ("￥１，２３４", 1234),
    ("0", 0),
    (" 42 ", 42),
    ("\u300042\u3000", 42),
    ("42.0", 42),
])
def test_integer_forms_parse_to_the_exact_integer(cell, expected):
    assert parse_one(cell, BUDGET) == (expected, False)


@pytest.mark.parametrize("cell", ["12.5", "abc", "1,23,4", "¥", "1.234.000", "12万"])
def test_integer_column_reports_a_value_that_is_not_a_whole_number(cell):
    assert parse_one(cell, BUDGET) == (None, True)


@pytest.mark.parametrize(("cell", "expected"), [
    ("12.5", 12.5),
    ("１２．５", 12.5),
    ("1,234.5", 1234.5),
    ("0", 0.0),
])
def test_number_forms_parse_to_the_exact_float(cell, expected):
    assert parse_one(cell, HOURS) == (expected, False)


@pytest.mark.parametrize(("cell", "expected"), [
    ("95", 95.0),
    ("95%", 95.0),
    ("95.0 %", 95.0),
    ("95.5%", 95.5),
    ("９５％", 95.0),
    ("99.9", 99.9),
    ("0 %", 0.0),
])
def test_percent_forms_parse_to_the_number_of_percent(cell, expected):
    assert parse_one(cell, SLA) == (expected, False)


@pytest.mark.parametrize("cell", ["high", "95%%", "%"])
def test_percent_column_reports_a_value_that_is_not_a_percentage(cell):
    assert parse_one(cell, SLA) == (None, True)


@pytest.mark.parametrize("cell", [
    "2026-10", "2026/10", "2026-10-01", "2026年10月", "2026/10/01", "2026-10-15",
    "２０２６年１０月", "2026-10-01 00:00:00", "令和8年10月",
])
def test_month_forms_are_stored_as_the_first_day_of_the_month(cell):
    value, bad = parse_one(cell, MONTH)
    assert (as_date(value), bad) == (dt.date(2026, 10, 1), False)


def test_month_of_an_excel_date_cell_is_the_first_day_of_its_month():
    # calamine hands a date cell over as a datetime; readers writes it as ISO text
    from governance.ingest.readers import cell_text

    text = cell_text(dt.datetime(2026, 10, 17))
    assert text == "2026-10-17"
    value, bad = parse_one(text, MONTH)
    assert (as_date(value), bad) == (dt.date(2026, 10, 1), False)


@pytest.mark.parametrize("cell", ["2026-13", "10/2026", "October", "2026年13月", "2026"])
def test_month_column_reports_a_value_that_is_not_a_month(cell):
    assert parse_one(cell, MONTH) == (None, True)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-10-05", dt.date(2026, 10, 5)),
    ("2026/10/05", dt.date(2026, 10, 5)),
    ("2026/1/5", dt.date(2026, 1, 5)),
    ("2026年10月5日", dt.date(2026, 10, 5)),
    ("2026-10-05 00:00:00", dt.date(2026, 10, 5)),
])
def test_date_forms_parse_to_the_exact_day(cell, expected):
    value, bad = parse_one(cell, START)
    assert (as_date(value), bad) == (expected, False)


@pytest.mark.parametrize("cell", ["2026-10", "2026-02-30", "tomorrow", "05/10/2026"])
def test_date_column_reports_a_month_or_an_impossible_day(cell):
    assert parse_one(cell, START) == (None, True)


@pytest.mark.parametrize(("cell", "expected"), [
    ("yes", True), ("no", False), ("YES", True), ("No", False),
    ("true", True), ("false", False), ("TRUE", True), ("False", False),
    ("1", True), ("0", False),
    ("y", True), ("n", False),
    ("はい", True), ("いいえ", False),
    ("済", True), ("未", False),
    ("有", True), ("無", False),
    ("○", True), ("×", False),
    (" 済\u3000", True),
])
def test_boolean_words_parse_to_true_or_false(cell, expected):
    assert parse_one(cell, ACCESS) == (expected, False)


@pytest.mark.parametrize("cell", ["maybe", "2", "済み?", "-"])
def test_boolean_column_reports_a_word_it_does_not_know(cell):
    assert parse_one(cell, ACCESS) == (None, True)


@pytest.mark.parametrize("column", [BUDGET, HOURS, SLA, MONTH, ACCESS, START,
                                    VENDORS.column("criticality"), ACTIONS.column("action")],
                         ids=lambda c: c.name)
@pytest.mark.parametrize("cell", ["", " ", "\u3000", " \u3000 ", None], ids=repr)
def test_an_empty_cell_is_missing_and_not_reported(column, cell):
    assert parse_one(cell, column) == (None, False)


def test_an_empty_optional_number_is_null_never_zero():
    typed, bad = values.parse(pd.Series(["", "0", "  "], dtype=object),
                              KPIS.column("change_requests"))
    assert typed.isna().tolist() == [True, False, True]
    assert typed.iloc[1] == 0
    assert not bad.any()


@pytest.mark.parametrize(("cell", "expected"), [
    ("アウトソーシング", "outsourcing"), ("outsourcing", "outsourcing"),
    ("Outsourcing", "outsourcing"), ("外注", "contracting"), ("請負", "contracting"),
    ("派遣", "staffing"), (" 派遣\u3000", "staffing"),
])
def test_choices_accept_the_japanese_word_and_the_canonical_value(cell, expected):
    assert parse_one(cell, VENDORS.column("engagement")) == (expected, False)


def test_a_word_that_is_no_choice_is_reported():
    assert parse_one("委任", VENDORS.column("engagement")) == (None, True)


def test_vendor_ids_typed_with_full_width_letters_are_normalised():
    assert parse_one("Ｖ－ＢＰＯ－０１", KPIS.column("vendor_id")) == ("V-BPO-01", False)


def test_free_text_keeps_its_inner_spaces_and_characters():
    assert parse_one("  ㈱髙橋 ①\u3000", VENDORS.column("vendor_name")) == ("㈱髙橋 ①", False)


def test_a_column_of_many_values_keeps_each_row_in_place():
    typed, bad = values.parse(
        pd.Series(["1,000", "x", "", "２", "¥3"], dtype=object), BUDGET)
    assert [None if pd.isna(v) else int(v) for v in typed] == [1000, None, None, 2, 3]
    assert bad.tolist() == [False, True, False, False, False]
