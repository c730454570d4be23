"""A refused file's report exported for Excel: formula-looking text neutralised with a
leading ', numbers kept as numbers, UTF-8 with BOM for CSV, and an XLSX openpyxl reads
back with no formula in it."""

from __future__ import annotations

import csv
import io

import openpyxl
from conftest import TODAY

from governance import ingest
from governance.ingest import Upload
from governance.ingest import problem_export as report_export
from governance.ingest.problems import MAX_PROBLEMS, Problem, ProblemList

# a vendor register whose IDs and choices look like formulas to a spreadsheet
REGISTER = (
    "委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,年間予算,取扱情報区分\n"
    "=cmd|' /C calc'!A0,一番商事,BPO,アウトソーシング,高,人事部,2024/04/01,1000,なし\n"
    "+1,二見システム,ITO,-2,中,情報システム部,2024/04/01,-5,社内\n"
    "@x,三ツ星リサーチ,KPO,派遣,低,経営企画部,2024/04/01,3000,機密\n"
)
PATTERN = "使用できない文字を含みます。英数字・「-」「_」で1〜32文字にしてください。"
CHOICE = "選択できない値です。選択肢: アウトソーシング / 外注 / 派遣"
# (row, column, value, problem) as the export must hold them
EXPECTED = [
    ["行", "列", "値", "問題"],
    [2, "委託先ID", "'=cmd|' /C calc'!A0", PATTERN],
    [3, "契約形態", "'-2", CHOICE],
    [3, "委託先ID", "'+1", PATTERN],
    [3, "年間予算", -5, "0 以上の値が必要です。"],
    [4, "委託先ID", "'@x", PATTERN],
]


def refused_report(store) -> ProblemList:
    upload = ingest.load(store, Upload("台帳.csv", REGISTER.encode("utf-8")), user="t",
                         today=TODAY)
    assert upload.refused and upload.kind == "vendors"
    return upload.problems


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_csv_report_starts_with_a_bom_and_neutralises_formula_text(store):
    data = report_export.to_csv(refused_report(store), "ja", "vendors")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").split("\r\n")[0] == "行,列,値,問題"
    assert read_csv(data) == [[str(v) for v in row] for row in EXPECTED]


def test_a_negative_number_in_a_numeric_column_stays_a_number_in_the_csv(store):
    lines = report_export.to_csv(refused_report(store), "ja", "vendors").decode(
        "utf-8-sig").split("\r\n")
    assert "3,年間予算,-5,0 以上の値が必要です。" in lines
    assert "3,契約形態,'-2," + CHOICE in lines


def test_the_xlsx_report_opens_in_excel_with_text_as_text_and_numbers_as_numbers(store):
    data = report_export.to_xlsx(refused_report(store), "ja", "vendors")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == EXPECTED
    types = {(c.row, c.column): c.data_type for row in sheet.iter_rows() for c in row}
    assert "f" not in types.values()  # nothing Excel would evaluate
    assert types[(2, 3)] == "s" and types[(5, 3)] == "n" and types[(2, 1)] == "n"


def test_tab_and_carriage_return_at_the_start_are_neutralised_too():
    report = ProblemList()
    report.add(Problem.of("invalid-choice", row=2, column="重要度", value="\tcmd"))
    report.add(Problem.of("invalid-choice", row=3, column="重要度", value="\r=1+1"))
    rows = read_csv(report_export.to_csv(report, "en"))
    assert [r[2] for r in rows[1:]] == ["'\tcmd", "'\r=1+1"]
    sheet = openpyxl.load_workbook(io.BytesIO(report_export.to_xlsx(report, "en"))).active
    # OOXML stores a CR as _x000D_ (Excel turns it back into a CR; openpyxl does not)
    assert [sheet.cell(r, 3).value for r in (2, 3)] == ["'\tcmd", "'_x000D_=1+1"]
    assert [sheet.cell(1, c).value for c in range(1, 5)] == ["Row", "Column", "Value",
                                                             "Problem"]


def test_numbers_stay_text_when_the_kind_is_unknown():
    report = ProblemList()
    report.add(Problem.of("too-small", row=5, column="年間予算", value="-5"))
    assert read_csv(report_export.to_csv(report, "ja"))[1][2] == "'-5"
    assert read_csv(report_export.to_csv(report, "ja", "vendors"))[1][2] == "-5"


def test_a_capped_report_ends_with_the_count_of_problems_not_shown():
    report = ProblemList()
    for i in range(MAX_PROBLEMS + 7):
        report.add(Problem.of("required", row=i + 2, column="予算額"))
    rows = read_csv(report_export.to_csv(report, "ja", "kpis"))
    assert len(rows) == 1 + MAX_PROBLEMS + 1
    assert rows[-1] == ["", "", "", "ほかに 7 件の問題があります(表示を省略)。"]


def test_the_report_file_name_keeps_the_upload_name_and_says_what_it_is():
    assert report_export.file_name("kpi_2026-10.xlsx", "ja", "csv") == "kpi_2026-10_問題一覧.csv"
    assert report_export.file_name('a/b:"c".csv', "en", "xlsx") == "a_b__c__problems.xlsx"
