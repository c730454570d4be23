"""Every value form of the data contract, parsed to its exact typed value.

Each case is (cell as a user writes it, the value it must become). Cells that do not parse
are reported by the mask, never turned into "missing".
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.catalog import ACTIONS, KPIS, NUMBER_LIMIT, REVIEWS, VENDORS
from governance.ingest import values


def parse_one(cell: object, column) -> tuple[object, str | None]:
    """The typed value of one cell and the code it was refused with (None: stored)."""
    typed, refused = values.parse(pd.Series([cell], dtype=object), column)
    value = typed.iloc[0]
    return (None if pd.isna(value) else value), refused.get(0)


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
    assert parse_one(cell, BUDGET) == (expected, None)


@pytest.mark.parametrize("cell", ["12.5", "abc", "1,23,4", "¥", "1.234.000", "12万"])
def test_integer_column_reports_a_value_that_is_not_a_whole_number(cell):
    assert parse_one(cell, BUDGET) == (None, "invalid-integer")


@pytest.mark.parametrize(("cell", "expected"), [
    ("12.5", 12.5),
    ("１２．５", 12.5),
    ("1,234.5", 1234.5),
    ("0", 0.0),
])
def test_number_forms_parse_to_the_exact_float(cell, expected):
    assert parse_one(cell, HOURS) == (expected, None)


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
    assert parse_one(cell, SLA) == (expected, None)


@pytest.mark.parametrize("cell", ["high", "95%%", "%"])
def test_percent_column_reports_a_value_that_is_not_a_percentage(cell):
    assert parse_one(cell, SLA) == (None, "invalid-percent")


@pytest.mark.parametrize("cell", [
    "2026-10", "2026/10", "2026-10-01", "2026年10月", "2026/10/01", "2026-10-15",
    "２０２６年１０月", "2026-10-01 00:00:00", "令和8年10月",
])
def test_month_forms_are_stored_as_the_first_day_of_the_month(cell):
    value, code = parse_one(cell, MONTH)
    assert (as_date(value), code) == (dt.date(2026, 10, 1), None)


def test_month_of_an_excel_date_cell_is_the_first_day_of_its_month():
    # calamine hands a date cell over as a datetime; readers writes it as ISO text
    from governance.ingest.readers import cell_text

    text = cell_text(dt.datetime(2026, 10, 17))
    assert text == "2026-10-17"
    value, code = parse_one(text, MONTH)
    assert (as_date(value), code) == (dt.date(2026, 10, 1), None)


@pytest.mark.parametrize("cell", ["2026-13", "10/2026", "October", "2026年13月", "2026"])
def test_month_column_reports_a_value_that_is_not_a_month(cell):
    assert parse_one(cell, MONTH) == (None, "invalid-month")


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-10-05", dt.date(2026, 10, 5)),
    ("2026/10/05", dt.date(2026, 10, 5)),
    ("2026/1/5", dt.date(2026, 1, 5)),
    ("2026年10月5日", dt.date(2026, 10, 5)),
    ("2026-10-05 00:00:00", dt.date(2026, 10, 5)),
])
def test_date_forms_parse_to_the_exact_day(cell, expected):
    value, code = parse_one(cell, START)
    assert (as_date(value), code) == (expected, None)


@pytest.mark.parametrize("cell", ["2026-10", "2026-02-30", "tomorrow", "31/02/2026",
                                  "13/13/2026"])
def test_date_column_reports_a_month_or_an_impossible_day(cell):
    assert parse_one(cell, START) == (None, "invalid-date")


def test_a_day_and_month_that_could_be_either_are_refused_unless_the_order_is_given():
    """``05/10/2026`` is 5 October or 10 May: without a value past the 12th in the column
    (or an import profile's ``dayfirst``) nothing says which."""
    assert parse_one("05/10/2026", START) == (None, "ambiguous-date")
    text = pd.Series(["05/10/2026"], dtype=object)
    assert values.parse(text, START, dayfirst=True)[0].tolist() == [pd.Timestamp("2026-10-05")]
    assert values.parse(text, START, dayfirst=False)[0].tolist() == [pd.Timestamp("2026-05-10")]


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
    assert parse_one(cell, ACCESS) == (expected, None)


@pytest.mark.parametrize("cell", ["maybe", "2", "済み?", "-"])
def test_boolean_column_reports_a_word_it_does_not_know(cell):
    assert parse_one(cell, ACCESS) == (None, "invalid-boolean")


@pytest.mark.parametrize("column", [BUDGET, HOURS, SLA, MONTH, ACCESS, START,
                                    VENDORS.column("criticality"), ACTIONS.column("action")],
                         ids=lambda c: c.name)
@pytest.mark.parametrize("cell", ["", " ", "\u3000", " \u3000 ", None], ids=repr)
def test_an_empty_cell_is_missing_and_not_reported(column, cell):
    assert parse_one(cell, column) == (None, None)


def test_an_empty_optional_number_is_null_never_zero():
    typed, refused = values.parse(pd.Series(["", "0", "  "], dtype=object),
                                  KPIS.column("change_requests"))
    assert typed.isna().tolist() == [True, False, True]
    assert typed.iloc[1] == 0
    assert refused.to_dict() == {}


@pytest.mark.parametrize(("cell", "expected"), [
    ("アウトソーシング", "outsourcing"), ("outsourcing", "outsourcing"),
    ("Outsourcing", "outsourcing"), ("外注", "contracting"), ("請負", "contracting"),
    ("派遣", "staffing"), (" 派遣\u3000", "staffing"),
])
def test_choices_accept_the_japanese_word_and_the_canonical_value(cell, expected):
    assert parse_one(cell, VENDORS.column("engagement")) == (expected, None)


def test_a_word_that_is_no_choice_is_reported():
    assert parse_one("委任", VENDORS.column("engagement")) == (None, "invalid-choice")


def test_vendor_ids_typed_with_full_width_letters_are_normalised():
    assert parse_one("Ｖ－ＢＰＯ－０１", KPIS.column("vendor_id")) == ("V-BPO-01", None)


def test_free_text_keeps_its_inner_spaces_and_characters():
    assert parse_one("  ㈱髙橋 ①\u3000", VENDORS.column("vendor_name")) == ("㈱髙橋 ①", None)


def test_a_column_of_many_values_keeps_each_row_in_place():
    typed, refused = values.parse(
        pd.Series(["1,000", "x", "", "２", "¥3"], dtype=object), BUDGET)
    assert [None if pd.isna(v) else int(v) for v in typed] == [1000, None, None, 2, 3]
    assert refused.to_dict() == {1: "invalid-integer"}


# --- values no page can draw: out-of-range months and numbers, control characters ---------

@pytest.mark.parametrize("column", [BUDGET, HOURS, SLA], ids=lambda c: c.type)
@pytest.mark.parametrize("cell", [
    "1e308", "Infinity", "inf", "-inf", "+inf", "INF", "NaN", "nan", "ｉｎｆ", "−inf", "1e400",
    "9223372036854775807", "99999999999999999999999", "10000000000001", "-10000000000001",
    "10,000,000,000,001", "1e16"])
def test_a_number_that_is_not_finite_or_too_large_for_its_type_is_refused(column, cell):
    assert parse_one(cell, column) == (None, "number-out-of-range")


def test_the_number_limit_itself_is_a_number():
    assert parse_one("10,000,000,000,000", BUDGET) == (10**13, None)
    assert parse_one("-10000000000000", KPIS.column("change_requests")) == (-10**13, None)
    assert parse_one("9999999999999.5", HOURS) == (9999999999999.5, None)


@pytest.mark.parametrize("cell", ["0000-01", "-2026-01", "2101-01", "1899-12", "2101年1月",
                                  "99999", "00001", "210101", "9999-12"])
def test_a_month_before_1900_or_after_2100_is_refused(cell):
    assert parse_one(cell, MONTH) == (None, "date-out-of-range")


@pytest.mark.parametrize(("cell", "expected"), [
    ("1900-01", dt.date(1900, 1, 1)), ("2100-12", dt.date(2100, 12, 1)),
    ("2100-12-31", dt.date(2100, 12, 1)), ("73415", dt.date(2100, 12, 1))])
def test_the_first_and_last_months_of_the_range_are_months(cell, expected):
    value, code = parse_one(cell, MONTH)
    assert (as_date(value), code) == (expected, None)


@pytest.mark.parametrize("cell", ["1899-12-31", "2101-01-01", "0001-01-01", "-2026-01-01",
                                  "73416", "00001"])
def test_a_date_before_1900_or_after_2100_is_refused(cell):
    assert parse_one(cell, START) == (None, "date-out-of-range")


@pytest.mark.parametrize(("cell", "expected"), [
    ("1900-01-01", dt.date(1900, 1, 1)), ("2100-12-31", dt.date(2100, 12, 31)),
    ("73415", dt.date(2100, 12, 31))])
def test_the_first_and_last_days_of_the_range_are_dates(cell, expected):
    value, code = parse_one(cell, START)
    assert (as_date(value), code) == (expected, None)


SUMMARY = REVIEWS.column("summary")


@pytest.mark.parametrize("cell", ["定例\x00です", "\x1b[31m赤\x1b[0m", "ベル\x07", "x\x7f",
                                  "\x0b", "a\x0cb", "\x01", "\x1f"], ids=repr)
def test_text_with_a_control_character_is_refused(cell):
    assert parse_one(cell, SUMMARY) == (None, "control-character")
    assert parse_one(cell, KPIS.column("vendor_id")) == (None, "control-character")


@pytest.mark.parametrize("cell", ["一行目\r\n二行目", "一行目\n二行目", "a\tb", "a\rb"], ids=repr)
def test_tabs_and_line_breaks_inside_text_are_kept(cell):
    assert parse_one(cell, SUMMARY) == (cell, None)


def test_a_repeated_refused_cell_is_refused_on_every_row():
    # identifiers repeat, so they are parsed once per distinct value and spread back
    typed, refused = values.parse(pd.Series(["V-1", "V\x00", "V-1", "V\x00"] * 3, dtype=object),
                                  KPIS.column("vendor_id"))
    assert refused.to_dict() == {i: "control-character" for i in (1, 3, 5, 7, 9, 11)}
    assert typed.isna().tolist() == [False, True] * 6


def test_a_month_typed_on_the_command_line_or_in_a_url_is_within_range_too():
    from governance.errors import UsageError
    from governance.views.month import month_of

    assert month_of("2100-12").ts == pd.Timestamp("2100-12-01")
    for text in ("0000-01", "-2026-01", "2101-01", "99999"):
        with pytest.raises(UsageError) as refused:
            month_of(text)
        assert refused.value.key == "error.bad-month"


MONTH_TEXT = st.one_of(
    st.builds("{:04d}-{:02d}".format, st.integers(-9999, 9999), st.integers(0, 13)),
    st.builds("{}-{}".format, st.integers(-99999, 99999), st.integers(-1, 13)),
    st.builds("{}年{}月".format, st.integers(0, 99999), st.integers(0, 13)),
    st.builds("令和{}年{}月".format, st.integers(0, 200), st.integers(1, 12)),
    st.builds("平成{}年{}月".format, st.integers(0, 200), st.integers(1, 12)),
    st.builds("{:05d}".format, st.integers(0, 99999)),
    st.builds("{:04d}{:02d}".format, st.integers(0, 9999), st.integers(0, 13)),
    st.text(alphabet="0123456789-/年月元令和平成 .:", max_size=16),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(MONTH_TEXT, min_size=1, max_size=8))
def test_any_month_the_parser_accepts_is_within_1900_and_2100(cells):
    typed, refused = values.parse(pd.Series(cells, dtype=object), MONTH)
    for i, value in enumerate(typed):
        if pd.isna(value):
            blank = not str(cells[i]).strip(" \u3000")
            assert blank or i in refused.index, cells[i]  # never silently missing
        else:
            assert i not in refused.index
            assert dt.date(1900, 1, 1) <= pd.Timestamp(value).date() <= dt.date(2100, 12, 1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr),
                          st.integers(-2**70, 2**70).map(str),
                          st.sampled_from(["inf", "-Infinity", "NaN", "1e308", "１e400"])),
                min_size=1, max_size=8))
def test_any_number_the_parser_accepts_is_finite_and_within_the_limit(cells):
    for column in (BUDGET, HOURS, SLA):
        typed, refused = values.parse(pd.Series(cells, dtype=object), column)
        for i, value in enumerate(typed):
            assert pd.isna(value) == (i in refused.index), cells[i]
            if not pd.isna(value):
                assert math.isfinite(value) and abs(value) <= NUMBER_LIMIT


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.integers(-10**15 + 1, 10**15 - 1).map(lambda n: f"{n:,}"),
    st.decimals(-10**12, 10**12, places=3, allow_nan=False).map(lambda d: f"{d:,}"),
    st.from_regex(r"-?[0-9]{1,4}(,[0-9]{1,4}){0,5}(\.[0-9]{0,3})?", fullmatch=True)),
    min_size=1, max_size=8))
def test_thousands_separated_numbers_read_as_the_forgiving_path_reads_them(cells):
    # "6,000,000" takes Arrow's cast once its commas are gone: the same value, the same
    # refusals as the cell-by-cell path that read it before
    text = pd.Series(cells, dtype="string")
    fast, fast_bad, _ = values._numbers(text, percent=False)
    slow, slow_bad, _ = values._numbers_forgiving(text, percent=False)
    assert fast.tolist() == slow.tolist() and fast_bad.tolist() == slow_bad.tolist(), cells
