"""Values no page can draw are refused with the row, the column and what the column
accepts: months and dates outside 1900-01-01 … 2100-12-31, numbers that are not finite or
beyond the type's limit, text with control characters. The edges of each range load exactly.
(The refusals of each class, on CSV and XLSX and on both engines, are in test_validate's
REFUSALS.)"""

from __future__ import annotations

from conftest import TODAY, assert_same_state, snapshot
from test_validate import KPI_HEADER, REVIEW_HEADER, VENDOR_HEADER, check, problems

from governance import ingest
from governance.ingest import Upload


def test_out_of_range_problems_say_what_the_column_accepts():
    checked = check(KPI_HEADER.strip() + ",SLA達成率\r\nV-BPO-01,2026/10,1e308,1,inf\r\n"
                    "V-BPO-02,0000-01,1,1,1\r\n")
    by_cell = {p.as_tuple(): p for p in checked.problems.sorted()}
    assert list(by_cell) == [(2, "SLA達成率", "number-out-of-range"),
                             (2, "予算額", "number-out-of-range"),
                             (3, "対象月", "date-out-of-range")]
    messages = [(p.message("en"), p.message("ja")) for p in by_cell.values()]
    assert messages == [
        ("Must be a finite number from 0 to 100.", "0 以上 100 以下の有限の数値が必要です。"),
        ("Must be a finite number from 0 to 10,000,000,000,000.",
         "0 以上 10,000,000,000,000 以下の有限の数値が必要です。"),
        ("Out of range; must be from 1900-01 to 2100-12.",
         "扱える範囲外です。1900-01 から 2100-12 までの値にしてください。")]
    dates = check(VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,1899/12/31,,0,なし,\r\n")
    [problem] = dates.problems.errors
    assert (problem.value, problem.message("en")) == (
        "1899/12/31", "Out of range; must be from 1900-01-01 to 2100-12-31.")


def test_a_control_character_is_named_and_shown_as_its_symbol_not_sent_to_the_terminal():
    checked = check("開催日,委託先ID,対象月,議事概要\r\n"
                    "2026/10/01,V-BPO-01,2026/10,赤\x1b[31m字\x07\x1b\r\n")
    [problem] = checked.problems.errors
    assert problem.as_tuple() == (2, "議事概要", "control-character")
    assert problem.value == "赤␛[31m字␇␛"
    assert problem.message("en") == ("Contains a control character (U+001B, U+0007); remove it"
                                     " (tabs and line breaks are allowed).")
    assert "\x1b" not in str(checked.problems.table("ja"))


def test_the_edges_of_the_ranges_and_multi_line_text_are_stored_exactly(store):
    register = (VENDOR_HEADER + "V-BPO-01,名前,BPO,派遣,低,人事部,1900/01/01,2100/12/31,"
                "10000000000000,なし,\r\n")
    assert not ingest.load(store, Upload("v.csv", register.encode()), today=TODAY).refused
    kpis = KPI_HEADER + "V-BPO-01,1900-01,10000000000000,0\r\n"
    assert not ingest.load(store, Upload("k.csv", kpis.encode()), today=TODAY).refused
    reviews = REVIEW_HEADER + "2026/10/01\tV-BPO-01\t2026/10\t\"一行目\r\n二行目\ttab\"\t\r\n"
    loaded = ingest.load(store, Upload("r.csv", reviews.encode("utf-16")), today=TODAY)
    assert problems(loaded) == []
    vendor = store.rows("vendors").iloc[0]
    assert (vendor["annual_budget_jpy"], str(vendor["contract_start"])[:10],
            str(vendor["contract_end"])[:10]) == (10**13, "1900-01-01", "2100-12-31")
    kpi = store.rows("kpis").iloc[0]
    assert (str(kpi["month"])[:10], kpi["budget_jpy"]) == ("1900-01-01", 10**13)
    assert store.rows("reviews")["summary"].tolist() == ["一行目\r\n二行目\ttab"]


def test_a_utf16_file_with_a_nul_in_a_text_cell_changes_nothing(store):
    register = VENDOR_HEADER + "V-BPO-01,名前,BPO,派遣,低,人事部,2024/04/01,,0,なし,\r\n"
    assert not ingest.load(store, Upload("v.csv", register.encode()), today=TODAY).refused
    before = snapshot(store)
    poisoned = (REVIEW_HEADER + "2026/10/01\tV-BPO-01\t2026/10\t定例\x00です\t\r\n"
                "2026/10/02\tV-BPO-01\t2026/10\t定例\t\r\n")
    upload = ingest.load(store, Upload("r.csv", poisoned.encode("utf-16")), today=TODAY)
    assert upload.refused
    assert problems(upload) == [(2, "議事概要", "control-character")]
    assert upload.problems.errors[0].value == "定例␀です"
    assert_same_state(before, snapshot(store))
