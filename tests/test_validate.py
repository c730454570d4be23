"""Every refusal of the data contract, with the exact problems reported: the row as Excel
shows it (header = row 1), the column as the user wrote it, and the problem code. Each
refused file must leave the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import xlsxwriter
from conftest import TODAY, assert_same_state, snapshot

from governance import ingest
from governance.catalog import VENDORS
from governance.i18n import t
from governance.ingest import Upload
from governance.ingest.problems import Problem
from governance.ingest.readers import read_table
from governance.ingest.validate import detect_kind, validate

DEMO_VENDORS = frozenset(
    [f"V-BPO-0{i}" for i in range(1, 6)] + [f"V-ITO-0{i}" for i in range(1, 6)]
    + [f"V-KPO-0{i}" for i in range(1, 5)])

VENDOR_HEADER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,"
                 "年間予算,取扱情報区分,出口計画更新日\r\n")
KPI_HEADER = "委託先ID,対象月,予算額,実績額\r\n"
ACTION_HEADER = "委託先ID,起票日,対応内容,担当者,期限,状況,完了日\r\n"
REVIEW_HEADER = "開催日\t委託先ID\t対象月\t議事概要\t決定事項\r\n"


def problems(checked_or_upload) -> list[tuple]:
    return [p.as_tuple() for p in checked_or_upload.problems.sorted()]


def check(text: str, kind: str | None = None, encoding: str = "utf-8"):
    return validate(read_table(text.encode(encoding)), kind, DEMO_VENDORS, TODAY)


def one_sheet_xlsx(rows: list[list[object]], name: str = "Sheet1") -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(name)
    for i, row in enumerate(rows):
        sheet.write_row(i, 0, row)
    book.close()
    return out.getvalue()


# Each refused file as the user would upload it, and exactly what must be reported.
REFUSALS = {
    "missing-required-column": (
        "委託先ID,対象月,予算額\r\nV-BPO-01,2026/10,100\r\n".encode(),
        [(1, "実績額", "missing-column")]),
    "duplicate-column": (
        "委託先ID,対象月,予算額,実績額,budget_jpy\r\nV-BPO-01,2026/10,1,1,1\r\n".encode(),
        [(1, "budget_jpy", "duplicate-column")]),
    "unknown-kind": (
        "氏名,住所\r\n山田,東京\r\n".encode("cp932"),
        [(1, None, "unknown-kind")]),
    "invalid-integer": (
        (KPI_HEADER + "V-BPO-01,2026/10,百万,100\r\n").encode("cp932"),
        [(2, "予算額", "invalid-integer")]),
    "invalid-integer-fraction": (
        (KPI_HEADER + "V-BPO-01,2026/10,100,100.5\r\n").encode(),
        [(2, "実績額", "invalid-integer")]),
    "invalid-number": (
        (KPI_HEADER.strip() + ",ナレッジ移転時間\r\nV-BPO-01,2026/10,1,1,約3時間\r\n").encode(),
        [(2, "ナレッジ移転時間", "invalid-number")]),
    "invalid-percent": (
        (KPI_HEADER.strip() + ",SLA達成率\r\nV-BPO-01,2026/10,1,1,高い\r\n").encode(),
        [(2, "SLA達成率", "invalid-percent")]),
    "invalid-month": (
        (KPI_HEADER + "V-BPO-01,10月,1,1\r\n").encode(),
        [(2, "対象月", "invalid-month")]),
    "invalid-date": (
        (VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,2024/02/30,,0,なし,\r\n").encode(),
        [(2, "契約開始日", "invalid-date")]),
    "invalid-boolean": (
        (KPI_HEADER.strip() + ",アクセス権棚卸実施\r\nV-BPO-01,2026/10,1,1,たぶん\r\n").encode(),
        [(2, "アクセス権棚卸実施", "invalid-boolean")]),
    "invalid-choice": (
        (VENDOR_HEADER + "V-X,名前,BPO,委任,低,人事部,2024/04/01,,0,なし,\r\n").encode(),
        [(2, "契約形態", "invalid-choice")]),
    "required-empty": (
        (KPI_HEADER + "V-BPO-01,2026/10,,100\r\nV-BPO-02,2026/10,\u3000,100\r\n").encode(),
        [(2, "予算額", "required"), (3, "予算額", "required")]),
    "below-minimum": (
        (KPI_HEADER + "V-BPO-01,2026/10,-1,100\r\n").encode(),
        [(2, "予算額", "too-small")]),
    "above-maximum": (
        (KPI_HEADER.strip() + ",SLA達成率\r\nV-BPO-01,2026/10,1,1,100.1%\r\n").encode(),
        [(2, "SLA達成率", "too-large")]),
    "too-long": (
        (VENDOR_HEADER + "V-X," + "名" * (VENDORS.column("vendor_name").max_length + 1)
         + ",BPO,派遣,低,人事部,2024/04/01,,0,なし,\r\n").encode(),
        [(2, "委託先名", "too-long")]),
    "bad-vendor-id": (
        (VENDOR_HEADER + "V X/1,名前,BPO,派遣,低,人事部,2024/04/01,,0,なし,\r\n").encode(),
        [(2, "委託先ID", "bad-pattern")]),
    "vendor-id-too-long": (
        (VENDOR_HEADER + "V" * 33 + ",名前,BPO,派遣,低,人事部,2024/04/01,,0,なし,\r\n").encode(),
        [(2, "委託先ID", "bad-pattern"), (2, "委託先ID", "too-long")]),
    "duplicate-vendor-month": (
        (KPI_HEADER + "V-BPO-01,2026/09,1,1\r\nV-BPO-01,2026/10,1,1\r\n"
         "V-BPO-02,2026/10,1,1\r\nV-BPO-01,2026年10月,2,2\r\n").encode(),
        [(5, "対象月", "duplicate-key")]),
    "unknown-vendor": (
        (KPI_HEADER + "V-BPO-01,2026/10,1,1\r\nV-BPO-1,2026/10,1,1\r\n").encode(),
        [(3, "委託先ID", "unknown-vendor")]),
    "end-before-start": (
        (VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,2024/04/01,2024/03/31,0,なし,\r\n"
         ).encode(),
        [(2, "契約終了日", "end-before-start")]),
    "closed-on-required": (
        (ACTION_HEADER + "V-BPO-01,2026/10/05,報告書を出す,佐藤,2026/10/31,完了,\r\n"
         "V-BPO-01,2026/10/05,手順書を直す,佐藤,2026/10/31,未完了,\r\n").encode(),
        [(2, "完了日", "closed-on-required")]),
    "due-before-raised": (
        (ACTION_HEADER + "V-BPO-01,2026/10/05,報告書を出す,佐藤,2026/10/04,未完了,\r\n"
         ).encode(),
        [(2, "期限", "due-before-raised")]),
    "month-in-future": (
        (KPI_HEADER + "V-BPO-01,2026/11,1,1\r\nV-BPO-01,2026/12,1,1\r\n").encode(),
        [(3, "対象月", "month-in-future")]),
    "month-out-of-range": (
        (KPI_HEADER + "V-BPO-01,0000-01,1,1\r\nV-BPO-02,-2026-01,1,1\r\nV-BPO-03,2101-01,1,1\r\n"
         "V-BPO-04,99999,1,1\r\nV-BPO-05,1899年12月,1,1\r\nV-ITO-01,1900-01,1,1\r\n").encode(),
        [(2, "対象月", "date-out-of-range"), (3, "対象月", "date-out-of-range"),
         (4, "対象月", "date-out-of-range"), (5, "対象月", "date-out-of-range"),
         (6, "対象月", "date-out-of-range")]),
    "date-out-of-range": (
        (VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,1899/12/31,2101/01/01,0,なし,0001-01-01\r\n"
         "V-Y,名前,BPO,派遣,低,人事部,1900/01/01,2100/12/31,0,なし,73416\r\n").encode("cp932"),
        [(2, "出口計画更新日", "date-out-of-range"), (2, "契約終了日", "date-out-of-range"),
         (2, "契約開始日", "date-out-of-range"), (3, "出口計画更新日", "date-out-of-range")]),
    "number-out-of-range": (
        (KPI_HEADER.strip() + ",ナレッジ移転時間,SLA達成率\r\n"
         "V-BPO-01,2026/10,1e308,1,inf,99\r\nV-BPO-02,2026/10,Infinity,-inf,NaN,1e400\r\n"
         "V-BPO-03,2026/10,9223372036854775807,1,1,nan\r\n").encode(),
        [(2, "ナレッジ移転時間", "number-out-of-range"), (2, "予算額", "number-out-of-range"),
         (3, "SLA達成率", "number-out-of-range"), (3, "ナレッジ移転時間", "number-out-of-range"),
         (3, "予算額", "number-out-of-range"), (3, "実績額", "number-out-of-range"),
         (4, "SLA達成率", "number-out-of-range"), (4, "予算額", "number-out-of-range")]),
    "budget-beyond-bigint": (
        (VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,2024/04/01,,9223372036854775807,なし,\r\n"
         "V-Y,名前,BPO,派遣,低,人事部,2024/04/01,,\"10,000,000,000,001\",なし,\r\n").encode(),
        [(2, "年間予算", "number-out-of-range"), (3, "年間予算", "number-out-of-range")]),
    "control-character-utf16": (
        (REVIEW_HEADER + "2026/10/01\tV-BPO-01\t2026/10\t定例\x00です\t\r\n"
         "2026/10/02\tV-BPO-01\t2026/10\t\"一行目\r\n二行目\"\tなし\x1b[31m\x07\r\n"
         "2026/10/03\tV-BPO-01\t2026/10\tok\tx\x7f\r\n").encode("utf-16"),
        [(2, "議事概要", "control-character"), (3, "決定事項", "control-character"),
         (4, "決定事項", "control-character")]),
    "control-character-utf8": (
        ("開催日,委託先ID,対象月,議事概要\r\n2026/10/01,V-BPO-01,2026/10,\x1b]0;title\x07\r\n"
         "2026/10/02,V-BPO-01\x1b,2026/10,定例\r\n").encode(),
        [(2, "議事概要", "control-character"), (3, "委託先ID", "control-character")]),
    "xlsx-values-out-of-range": (
        one_sheet_xlsx([["委託先ID", "対象月", "予算額", "実績額", "ナレッジ移転時間"],
                        ["V-BPO-01", dt.datetime(2101, 1, 1), 1, 1, 1],
                        ["V-BPO-02", 99999, 1, 1, "inf"],
                        ["V-BPO-03", "0000-01", 1e308, 1, 1],
                        ["V-BPO-04", "2026/10", "Infinity", 9223372036854775807, "NaN"],
                        ["V-BPO-05\x1b", "2026/10", 1, 1, 1]]),
        [(2, "対象月", "date-out-of-range"), (3, "ナレッジ移転時間", "number-out-of-range"),
         (3, "対象月", "date-out-of-range"), (4, "予算額", "number-out-of-range"),
         (4, "対象月", "date-out-of-range"), (5, "ナレッジ移転時間", "number-out-of-range"),
         (5, "予算額", "number-out-of-range"), (5, "実績額", "number-out-of-range"),
         (6, "委託先ID", "control-character")]),
    "xlsx-control-characters": (
        one_sheet_xlsx([["開催日", "委託先ID", "対象月", "議事概要", "決定事項"],
                        ["2026/10/01", "V-BPO-01", "2026/10", "定例\x00です", ""],
                        ["2026/10/02", "V-BPO-01", "2026/10", "一行目\n二行目", "\x1b[2J"],
                        ["2026/10/03", "V-BPO-01", "1899-12", "ok", "\x7f"]]),
        [(2, "議事概要", "control-character"), (3, "決定事項", "control-character"),
         (4, "対象月", "date-out-of-range"), (4, "決定事項", "control-character")]),
    "header-only": (KPI_HEADER.encode() + b",,,\r\n", [(None, None, "no-rows")]),
    "empty-file": (b"", [(None, None, "empty-file")]),
    "bom-only": (b"\xef\xbb\xbf\r\n", [(None, None, "empty-file")]),
    "binary-content": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
                       [(None, None, "binary-content")]),
    "unreadable-encoding": (KPI_HEADER.encode() + b"V-BPO-01,\x81\xff,1,1\r\n",
                            [(None, None, "unreadable-encoding")]),
    "sheet-not-found": (one_sheet_xlsx([["vendor_id", "month"]], "Data"),
                        [(None, None, "sheet-not-found")]),
}


@pytest.mark.parametrize("case", list(REFUSALS), ids=str)
def test_a_refused_upload_reports_exactly_its_problems_and_writes_nothing(demo_store, case):
    data, expected = REFUSALS[case]
    before = snapshot(demo_store)
    upload = ingest.load(demo_store, Upload(f"{case}.csv", data,
                                            sheet="KPI" if case == "sheet-not-found" else None),
                         user="tester", today=TODAY)
    assert upload.refused
    assert upload.result is None
    assert problems(upload) == expected
    assert_same_state(before, snapshot(demo_store))


def test_a_file_over_the_limit_is_refused_through_ingest_and_writes_nothing(demo_store):
    data = (KPI_HEADER + "V-BPO-01,2026/09,1,1\r\n").encode()
    before = snapshot(demo_store)
    upload = ingest.load(demo_store, Upload("big.csv", data), today=TODAY, limit=len(data) - 1)
    assert problems(upload) == [(None, None, "file-too-large")]
    assert upload.raw is None  # refused before anything parsed it
    assert_same_state(before, snapshot(demo_store))


def test_load_paths_refuses_a_large_file_from_its_size_alone(demo_store, tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes((KPI_HEADER + "V-BPO-01,2026/09,1,1\r\n").encode())
    monkeypatch.setattr("pathlib.Path.read_bytes",
                        lambda self: pytest.fail("the file was read although too large"))
    before = snapshot(demo_store)
    [upload] = ingest.load_paths(demo_store, [path], today=TODAY, limit=10)
    assert problems(upload) == [(None, None, "file-too-large")]
    assert_same_state(before, snapshot(demo_store))


def test_one_bad_row_refuses_the_whole_file(demo_store):
    text = KPI_HEADER + "V-BPO-01,2026/09,1,1\r\nV-BPO-02,2026/09,1,x\r\nV-BPO-03,2026/09,1,1\r\n"
    before = snapshot(demo_store)
    upload = ingest.load(demo_store, Upload("k.csv", text.encode()), today=TODAY)
    assert problems(upload) == [(3, "実績額", "invalid-integer")]
    assert_same_state(before, snapshot(demo_store))


# --- details of single refusals ---------------------------------------------------------

def test_problems_carry_the_value_as_written_and_what_was_expected():
    checked = check(KPI_HEADER.strip() + ",手順書整備率,ナレッジ移転時間\r\n"
                    "V-BPO-01,2026/10,-1,１,101 %,-0.5\r\n")
    assert [(p.row, p.column, p.value, p.code, dict(p.params)["expected"])
            for p in checked.problems.sorted()] == [
        (2, "ナレッジ移転時間", "-0.5", "too-small", "0"),
        (2, "予算額", "-1", "too-small", "0"),
        (2, "手順書整備率", "101 %", "too-large", "100"),
    ]


def test_columns_are_named_as_the_user_wrote_them():
    checked = check("vendor_id,Month,budget_jpy,Actual cost\r\nV-BPO-01,2026/13,x,-1\r\n")
    assert problems(checked) == [
        (2, "Actual cost", "too-small"),
        (2, "Month", "invalid-month"),
        (2, "budget_jpy", "invalid-integer"),
    ]


def test_a_value_that_does_not_parse_is_not_also_reported_as_empty():
    checked = check(KPI_HEADER + "V-BPO-01,2026/10,abc,1\r\n")
    assert problems(checked) == [(2, "予算額", "invalid-integer")]


def test_every_problem_of_every_row_is_reported_in_row_order():
    checked = check(KPI_HEADER + "V-BPO-01,2026/10,1,1\r\n"
                    "V-ZZZ-99,2026/10,x,1\r\n"
                    ",2026/10,1,-3\r\n"
                    "V-BPO-01,2026年10月,1,1\r\n")
    assert problems(checked) == [
        (3, "予算額", "invalid-integer"),
        (3, "委託先ID", "unknown-vendor"),
        (4, "委託先ID", "required"),
        (4, "実績額", "too-small"),
        (5, "対象月", "duplicate-key"),
    ]


def test_a_duplicate_vendor_month_names_the_row_it_repeats():
    data, _ = REFUSALS["duplicate-vendor-month"]
    checked = validate(read_table(data), None, DEMO_VENDORS, TODAY)
    [problem] = checked.problems.errors
    assert (problem.row, problem.value, dict(problem.params)) == (
        5, "2026年10月", {"expected": "委託先ID + 対象月", "other": 3})
    for lang in ("ja", "en"):
        assert "委託先ID + 対象月" in problem.message(lang)
        assert "3" in problem.message(lang)


def test_an_unknown_vendor_is_reported_with_the_closest_known_ids():
    checked = check(KPI_HEADER + "V-BP0-01,2026/10,1,1\r\nV-ITO-1,2026/09,1,1\r\n")
    assert problems(checked) == [(2, "委託先ID", "unknown-vendor"),
                                 (3, "委託先ID", "unknown-vendor")]
    first, second = checked.problems.sorted()
    assert first.value == "V-BP0-01"
    assert "V-BPO-01" in first.message("ja")
    assert "V-BPO-01" in first.message("en")
    assert "V-ITO-01" in second.message("en")


def test_an_unknown_vendor_far_from_any_known_id_gets_no_hint():
    checked = check(KPI_HEADER + "ACME,2026/10,1,1\r\n")
    [problem] = checked.problems.errors
    assert dict(problem.params)["hint"] == {"ja": "", "en": ""}
    assert problem.message("en") == t("problem.unknown-vendor", "en", hint="").strip()


def test_months_are_checked_against_the_given_today():
    text = KPI_HEADER + "V-BPO-01,2026/11,1,1\r\n"
    assert problems(validate(read_table(text.encode()), None, DEMO_VENDORS,
                             dt.date(2026, 11, 1))) == []
    assert problems(validate(read_table(text.encode()), None, DEMO_VENDORS,
                             dt.date(2026, 10, 31))) == [(2, "対象月", "month-in-future")]


def test_the_review_period_may_not_be_in_the_future_either():
    checked = check("開催日,委託先ID,対象月,議事概要\r\n2026/11/20,V-BPO-01,2026年12月,定例\r\n")
    assert problems(checked) == [(2, "対象月", "month-in-future")]


def test_closed_before_raised_is_a_warning_on_the_closed_on_column_not_a_refusal():
    checked = check(ACTION_HEADER + "V-BPO-01,2026/10/05,a,b,2026/10/10,完了,2026/10/04\r\n")
    assert checked.ok
    assert [p.as_tuple() for p in checked.problems.warnings] == [
        (2, "完了日", "closed-before-raised")]


def test_a_done_action_with_its_closed_on_date_is_accepted():
    checked = check(ACTION_HEADER + "V-BPO-01,2026/10/05,a,b,2026/10/05,済,2026/10/05\r\n")
    assert problems(checked) == []
    assert checked.frame["status"].tolist() == ["done"]


def test_contract_end_equal_to_start_is_accepted():
    checked = check(VENDOR_HEADER + "V-X,名前,BPO,派遣,低,人事部,2024/04/01,2024/04/01,0,なし,\r\n")
    assert problems(checked) == []


def test_header_problems_name_the_header_row_below_a_title_row():
    text = ("2026年10月 月次報告,,,,\r\n"
            "委託先ID,対象月,予算額,実績額,Budget\r\n"
            "V-BPO-01,2026/10,1,1,1\r\n")
    assert problems(check(text)) == [(2, "Budget", "duplicate-column")]
    text = "2026年10月 月次報告,,\r\n委託先ID,対象月,予算額\r\n\r\nV-BPO-01,2026/10,1\r\n"
    assert problems(check(text)) == [(2, "実績額", "missing-column")]
    assert problems(check("月次報告,,\r\n委託先ID,対象月,予算額\r\n")) == [
        (2, "実績額", "missing-column")]


def test_an_unknown_column_is_a_warning_with_a_hint_not_a_refusal():
    checked = check("委託先ID,対象月,予算額,実績額,SLA達成\r\nV-BPO-01,2026/10,1,1,99\r\n")
    assert checked.ok
    [warning] = checked.problems.warnings
    assert (warning.as_tuple(), warning.warning) == ((1, "SLA達成", "ignored-column"), True)
    assert "SLA達成率" in warning.message("ja")


def test_a_missing_column_suggests_the_header_the_user_probably_meant():
    checked = check("委託先ID,対象月,予算額,実績\r\nV-BPO-01,2026/10,1,1\r\n")
    assert problems(checked) == [(1, "実績額", "missing-column")]
    [missing] = checked.problems.errors
    assert "実績" in missing.message("ja")
    assert "actual_cost_jpy" in missing.message("en")


def test_the_kind_can_be_named_when_headers_are_too_few_to_tell():
    assert detect_kind(["委託先ID", "メモ"]) is None
    assert problems(check("委託先ID,メモ\r\nV-BPO-01,x\r\n")) == [(1, None, "unknown-kind")]
    checked = check("委託先ID,メモ\r\nV-BPO-01,x\r\n", kind="kpis")
    assert [p for p in problems(checked) if p[2] == "missing-column"] == [
        (1, "予算額", "missing-column"), (1, "実績額", "missing-column"),
        (1, "対象月", "missing-column")]


@pytest.mark.parametrize(("headers", "kind"), [
    (["委託先ID", "委託先名", "委託区分"], "vendors"),
    (["vendor_id", "month", "budget_jpy", "actual_cost_jpy"], "kpis"),
    (["開催日", "委託先ID", "対象月", "議事概要"], "reviews"),
    (["委託先ID", "起票日", "対応内容", "担当者", "期限", "状況"], "actions"),
])
def test_the_kind_is_detected_from_the_headers(headers, kind):
    assert detect_kind(headers) == kind


def test_a_clean_register_is_typed_exactly():
    checked = check(VENDOR_HEADER +
                    "V-NEW-1,㈱髙橋①,ITO,請負,高,情報システム部,2024/04/01,2027年3月31日,"
                    "\"￥1,200,000\",個人情報,2026-06-15\r\n", encoding="cp932")
    assert problems(checked) == []
    row = checked.frame.iloc[0]
    assert row.to_dict() | {"contract_start": row["contract_start"].date(),
                            "contract_end": row["contract_end"].date(),
                            "exit_plan_updated": row["exit_plan_updated"].date()} == {
        "vendor_id": "V-NEW-1", "vendor_name": "㈱髙橋①", "service_type": "ITO",
        "engagement": "contracting", "criticality": "high", "owner": "情報システム部",
        "contract_start": dt.date(2024, 4, 1), "contract_end": dt.date(2027, 3, 31),
        "annual_budget_jpy": 1200000, "data_access": "personal",
        "exit_plan_updated": dt.date(2026, 6, 15), "resolver_groups": None,
        "corporate_number": None, "owner_email": None,
    }


def test_a_report_shows_the_first_thousand_problems_and_counts_the_rest():
    from governance.ingest.problems import MAX_PROBLEMS

    rows = "".join(f"V-BPO-01,{1900 + i // 12}-{i % 12 + 1:02d},x,1\r\n" for i in range(1200))
    checked = check(KPI_HEADER + rows)
    assert not checked.ok
    assert (len(checked.problems.entries), checked.problems.hidden) == (MAX_PROBLEMS, 200)
    assert problems(checked)[:2] == [(2, "予算額", "invalid-integer"),
                                     (3, "予算額", "invalid-integer")]
    assert problems(checked)[-1] == (MAX_PROBLEMS + 1, "予算額", "invalid-integer")
    table = checked.problems.table("en")
    assert len(table) == MAX_PROBLEMS + 1
    assert list(table[-1].values())[:3] == [None, None, None]
    assert "200" in list(table[-1].values())[3]
    assert "1200" in checked.problems.summary("en")


def test_percent_formats_that_cannot_be_read_are_a_warning_not_a_silent_fraction(
        demo_store, monkeypatch):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["委託先ID", "対象月", "予算額", "実績額", "SLA達成率"])
    sheet.write_row(1, 0, ["V-BPO-01", "2026-11", 1000, 1000])
    sheet.write_number(1, 4, 0.95, book.add_format({"num_format": "0%"}))  # shown as 95%
    book.close()

    import openpyxl

    def unreadable(*args, **kwargs):
        raise KeyError("xl/styles.xml")

    from governance.ingest import readers, sandbox

    monkeypatch.setattr(openpyxl, "load_workbook", unreadable)
    # parsed here, not in the child process, so the broken openpyxl is the one used
    monkeypatch.setattr(sandbox, "read_table", readers.parse_table)
    upload = ingest.load(demo_store, Upload("kpi.xlsx", buffer.getvalue()), today=TODAY)
    assert upload.problems.errors == []
    assert [(p.code, p.warning) for p in upload.problems.warnings] == [
        ("percent-formats-unread", True)]
    assert upload.summary("en")[-1] == "Note: " + t(
        "problem.percent-formats-unread", "en", detail="KeyError")
    stored = demo_store.rows("kpis", vendor_id="V-BPO-01")
    assert stored[stored["month"].astype(str).str.startswith("2026-11")][
        "sla_attainment_pct"].tolist() == [0.95]  # kept as read, and the user was told


def test_notes_found_while_parsing_cross_from_the_child_process():
    import mmap
    import os

    import pandas as pd

    from governance.ingest import sandbox
    from governance.ingest.headers import RawTable

    raw = RawTable(["委託先ID"], pd.DataFrame({0: ["V-1"]}), pd.Series([2]), "xlsx",
                   sheet="月次", warnings=[Problem.of("percent-formats-unread",
                                                      detail="KeyError")])
    header, fd = sandbox._encode_table(raw)
    with os.fdopen(fd, "rb") as f:
        back = sandbox._table(header, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    assert [(p.code, dict(p.params)) for p in back.warnings] == [
        ("percent-formats-unread", {"detail": "KeyError"})]
    assert (back.headers, back.frame[0].tolist(), back.rows.tolist(), back.sheet) == (
        ["委託先ID"], ["V-1"], [2], "月次")
