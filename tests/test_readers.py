"""From uploaded bytes to a raw table of text cells: encodings, delimiters, line ends,
spaces, trailing empty rows, workbooks, and the files that are refused outright."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile

import pytest
import python_calamine
import xlsxwriter
from bombs import ods_package as ods
from conftest import ROOT, TODAY

from governance.errors import ReadError
from governance.ingest.readers import read_table
from governance.ingest.validate import validate

VENDOR_HEADER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,"
                 "年間予算,取扱情報区分,出口計画更新日")
VENDOR_ROW = "V-1,㈱髙橋①システム,ITO,請負,高,情報システム部,2024/04/01,,\"1,200,000\",機密,"


def refusal(data: bytes, **kwargs) -> tuple:
    with pytest.raises(ReadError) as caught:
        read_table(data, **kwargs)
    problem = caught.value.problem
    return problem.code, problem.row


# --- encodings --------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "reported"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-bom"),
    ("cp932", "cp932"),
    ("utf-16", "utf-16"),  # Excel's "Unicode text": UTF-16 LE with BOM, tab separated
    ("utf-16-be", None),
])
def test_each_encoding_reads_the_same_cells(encoding, reported):
    text = f"{VENDOR_HEADER}\r\n{VENDOR_ROW}\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
        reported = "utf-16"
    raw = read_table(data)
    assert raw.encoding == reported
    assert raw.file_format == "csv"
    assert raw.headers == VENDOR_HEADER.split(",")
    assert raw.frame.values.tolist() == [[
        "V-1", "㈱髙橋①システム", "ITO", "請負", "高", "情報システム部", "2024/04/01", "",
        "1,200,000", "機密", ""]]
    assert raw.rows.tolist() == [2]


def test_cp932_vendor_name_with_circled_and_variant_characters_survives_exactly():
    data = f"{VENDOR_HEADER}\r\n{VENDOR_ROW}\r\n".encode("cp932")
    checked = validate(read_table(data), today=TODAY)
    assert checked.problems.entries == []
    assert checked.frame["vendor_name"].tolist() == ["㈱髙橋①システム"]


def test_excel_unicode_text_is_utf16_tab_separated():
    text = VENDOR_HEADER.replace(",", "\t") + "\r\n" + \
        "V-1\t㈱髙橋\tITO\t請負\t高\t情報システム部\t2024/04/01\t\t1200000\t機密\t\r\n"
    raw = read_table(b"\xff\xfe" + text.encode("utf-16-le"))
    assert (raw.encoding, raw.file_format) == ("utf-16", "tsv")
    assert raw.frame.iloc[0].tolist()[:2] == ["V-1", "㈱髙橋"]


def test_cp932_yen_sign_arrives_as_a_backslash_and_is_read_as_currency():
    data = "委託先ID,対象月,予算額,実績額\r\nV-1,2026/10,\"\\1,234\",\\1000\r\n".encode("cp932")
    assert b"\x5c1,234" in data
    raw = read_table(data)
    assert raw.frame.values.tolist() == [["V-1", "2026/10", "\\1,234", "\\1000"]]
    checked = validate(raw, "kpis", frozenset({"V-1"}), TODAY)
    assert checked.problems.entries == []
    assert checked.frame[["budget_jpy", "actual_cost_jpy"]].values.tolist() == [[1234, 1000]]


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf\xe5\xa7\x94\x82",  # UTF-8 BOM then broken UTF-8 that is no CP932 either
    "委託先ID,対象月\n".encode() + b"\x82\xa0\xff\xfe\xfd\n",
    b"\xff\xfe\x00\xd8",  # UTF-16 with BOM and a lone surrogate
    b"\x85\x80,\xfd\xfe\n\xa0\xfc",
])
def test_undecodable_bytes_are_refused_as_unreadable_encoding(data):
    assert refusal(data) == ("unreadable-encoding", None)


# --- delimiters, line ends, spaces, trailing rows --------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
@pytest.mark.parametrize("sep", [",", "\t"], ids=["comma", "tab"])
def test_comma_or_tab_and_crlf_or_lf_read_the_same(sep, newline):
    lines = ["委託先ID,対象月,予算額,実績額", "V-1,2026/10,100,90", "V-2,2026-09,200,210"]
    data = newline.join(line.replace(",", sep) for line in lines).encode() + newline.encode()
    raw = read_table(data)
    assert raw.file_format == ("tsv" if sep == "\t" else "csv")
    assert raw.headers == ["委託先ID", "対象月", "予算額", "実績額"]
    assert raw.frame.values.tolist() == [["V-1", "2026/10", "100", "90"],
                                         ["V-2", "2026-09", "200", "210"]]
    assert raw.rows.tolist() == [2, 3]


def test_trailing_comma_rows_and_empty_trailing_columns_are_dropped():
    data = ("委託先ID,対象月,予算額,実績額,,\r\n"
            "V-1,2026/10,100,90,,\r\n"
            ",,,,,\r\n"
            ",,,,,\r\n"
            "\u3000, ,,,,\r\n").encode("cp932")
    raw = read_table(data)
    assert raw.headers == ["委託先ID", "対象月", "予算額", "実績額"]
    assert raw.frame.values.tolist() == [["V-1", "2026/10", "100", "90"]]
    assert raw.rows.tolist() == [2]


def test_an_empty_row_in_the_middle_keeps_later_row_numbers_as_in_excel():
    data = b"vendor_id,month,budget_jpy,actual_cost_jpy\nV-1,2026-10,1,1\n,,,\nV-2,2026-10,x,1\n"
    raw = read_table(data)
    assert raw.rows.tolist() == [2, 4]
    checked = validate(raw, "kpis", frozenset({"V-1", "V-2"}), TODAY)
    assert [p.as_tuple() for p in checked.problems.entries] == [
        (4, "budget_jpy", "invalid-integer")]


def test_headers_and_cells_with_ascii_and_full_width_spaces_are_trimmed():
    data = (" 委託先ID\u3000,\u3000対象月 , 予算額,実績額\u3000\n"
            " V-1 ,\u30002026年10月\u3000, \uff11,\uff11\uff10\uff10\u3000 \n").encode()
    raw = read_table(data)
    assert raw.headers == ["委託先ID", "対象月", "予算額", "実績額"]
    checked = validate(raw, known_vendors=frozenset({"V-1"}), today=TODAY)
    assert checked.kind.name == "kpis"
    assert checked.problems.entries == []
    row = checked.frame.iloc[0]
    assert (row["vendor_id"], row["month"].date(), row["budget_jpy"], row["actual_cost_jpy"]) == (
        "V-1", dt.date(2026, 10, 1), 1, 100)


def test_japanese_and_canonical_headers_may_be_mixed_in_one_file():
    data = "vendor_id,対象月,Budget,actual_cost_jpy,SLA達成率\nV-1,2026-10,5,6,95%\n".encode()
    checked = validate(read_table(data), known_vendors=frozenset({"V-1"}), today=TODAY)
    assert (checked.kind.name, checked.problems.entries) == ("kpis", [])
    assert checked.frame[["budget_jpy", "actual_cost_jpy", "sla_attainment_pct"]].values.tolist() \
        == [[5, 6, 95.0]]


def test_quoted_cells_may_hold_commas_and_line_breaks():
    data = ('held_on,vendor_id,period,summary\r\n'
            '2026/10/05,V-1,2026/09,"遅延あり, 要確認\r\n次回までに報告"\r\n').encode()
    raw = read_table(data)
    assert raw.frame.values.tolist() == [
        ["2026/10/05", "V-1", "2026/09", "遅延あり, 要確認\r\n次回までに報告"]]


# --- refusals before and while reading --------------------------------------------------

def test_a_file_over_the_limit_is_refused_before_parsing():
    data = b"\x00garbage that would be binary" * 10
    assert refusal(data, limit=100) == ("file-too-large", None)
    with pytest.raises(ReadError) as caught:
        read_table(b"x" * 101, limit=100)
    assert dict(caught.value.problem.params) == {"size": "0.0 MB", "limit": "0.0 MB"}


@pytest.mark.parametrize("data", [b"", b"   ", b"\r\n\r\n", b"\xef\xbb\xbf"],
                         ids=["nothing", "spaces", "blank-lines", "bom-only"])
def test_an_empty_file_is_refused(data):
    assert refusal(data) == ("empty-file", None)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    b"%PDF-1.7\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14",
    "委託先ID,対象月\n".encode("utf-16-le"),  # UTF-16 without its BOM: NUL bytes
])
def test_binary_content_is_refused(data):
    assert refusal(data) == ("binary-content", None)


def test_a_row_longer_than_the_header_is_refused_with_its_row():
    data = b"vendor_id,month,budget_jpy,actual_cost_jpy\nV-1,2026-10,1,1\nV-2,2026-10,1,1,9\n"
    assert refusal(data) == ("malformed-csv", 3)


def test_a_quote_left_open_is_refused_as_malformed():
    assert refusal(b'vendor_id,month\n"V-1,2026-10\n') == ("malformed-csv", None)


def test_a_lone_carriage_return_in_the_header_line_is_refused_not_crashing():
    assert refusal(b"vendor_id\rmonth,budget_jpy\nV-1,1\n")[0] == "malformed-csv"


def test_too_many_columns_are_refused():
    data = (",".join(f"c{i}" for i in range(501)) + "\n").encode()
    assert refusal(data) == ("too-many-columns", None)


# --- workbooks --------------------------------------------------------------------------

def kpi_workbook() -> bytes:
    """A workbook the way users make them: a cover sheet first, then the report with a
    title row above the header, date cells, numbers as numbers and as text."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    cover = book.add_worksheet("表紙")
    cover.write(0, 0, "委託先管理 月次報告")
    sheet = book.add_worksheet("KPI")
    month_format = book.add_format({"num_format": 'yyyy"年"m"月"'})
    sheet.write(0, 0, "2026年10月 月次KPI報告")
    for j, name in enumerate(["委託先ID", "対象月", "予算額", "実績額", "SLA達成率",
                              "アクセス権棚卸実施", "変更要求件数"]):
        sheet.write(2, j, name)
    sheet.write_string(3, 0, "V-1")
    sheet.write_datetime(3, 1, dt.datetime(2026, 10, 1), month_format)
    sheet.write_number(3, 2, 1200000)
    sheet.write_string(3, 3, "1,250,000")
    sheet.write_number(3, 4, 99.5)
    sheet.write_boolean(3, 5, True)
    sheet.write_string(4, 0, "V-2")
    sheet.write_string(4, 1, "2026/09")
    sheet.write_string(4, 2, "￥900,000")
    sheet.write_number(4, 3, 900000.0)
    sheet.write_string(4, 4, "95 %")
    sheet.write_string(4, 5, "未")
    sheet.write_number(4, 6, 0)
    book.close()
    return out.getvalue()


def test_xlsx_sheet_chosen_by_name_with_a_title_row_loads_typed_values():
    raw = read_table(kpi_workbook(), "report.xlsx", sheet="KPI")
    assert (raw.file_format, raw.sheet, raw.encoding) == ("xlsx", "KPI", None)
    assert raw.rows.tolist() == [4, 5]  # header on row 3, under the title and a blank row
    assert raw.frame.values.tolist() == [
        ["V-1", "2026-10-01", "1200000", "1,250,000", "99.5", "true", ""],
        ["V-2", "2026/09", "￥900,000", "900000", "95 %", "未", "0"],
    ]
    checked = validate(raw, known_vendors=frozenset({"V-1", "V-2"}), today=TODAY)
    assert (checked.kind.name, checked.problems.entries) == ("kpis", [])
    frame = checked.frame
    assert [m.date() for m in frame["month"]] == [dt.date(2026, 10, 1), dt.date(2026, 9, 1)]
    assert frame["budget_jpy"].tolist() == [1200000, 900000]
    assert frame["actual_cost_jpy"].tolist() == [1250000, 900000]
    assert frame["sla_attainment_pct"].tolist() == [99.5, 95.0]
    assert frame["access_review_done"].tolist() == [True, False]
    assert frame["change_requests"].isna().tolist() == [True, False]
    assert frame["change_requests"].iloc[1] == 0


def test_xlsx_without_a_sheet_name_reads_the_first_sheet():
    raw = read_table(kpi_workbook(), "report.xlsx")
    assert (raw.sheet, raw.headers) == ("表紙", ["委託先管理 月次報告"])


def test_xlsx_problem_rows_are_the_rows_excel_shows():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("data")
    sheet.write(0, 0, "月次KPI")
    sheet.write_row(1, 0, ["vendor_id", "month", "budget_jpy", "actual_cost_jpy"])
    sheet.write_row(2, 0, ["V-1", "2026-10", 100, 100])
    sheet.write_row(3, 0, ["V-1", "2026-09", "百", 100])
    book.close()
    checked = validate(read_table(out.getvalue()), known_vendors=frozenset({"V-1"}), today=TODAY)
    assert [p.as_tuple() for p in checked.problems.entries] == [
        (4, "budget_jpy", "invalid-integer")]


def test_xlsx_register_with_real_date_cells_and_text_dates_loads_exact_days():
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("台帳")
    date_format = book.add_format({"num_format": "yyyy/mm/dd"})
    sheet.write_row(0, 0, VENDOR_HEADER.split(","))
    sheet.write_row(1, 0, ["V-1", "㈱髙橋①", "ITO", "請負", "高", "情報システム部"])
    sheet.write_datetime(1, 6, dt.datetime(2024, 4, 1), date_format)
    sheet.write_datetime(1, 7, dt.datetime(2027, 3, 31, 0, 0), date_format)
    sheet.write_number(1, 8, 1200000)
    sheet.write_string(1, 9, "機密")
    sheet.write_string(1, 10, "2026年6月15日")
    book.close()
    checked = validate(read_table(out.getvalue()), today=TODAY)
    assert (checked.kind.name, checked.problems.entries) == ("vendors", [])
    row = checked.frame.iloc[0]
    assert [row[c].date() for c in ("contract_start", "contract_end", "exit_plan_updated")] == [
        dt.date(2024, 4, 1), dt.date(2027, 3, 31), dt.date(2026, 6, 15)]
    assert (row["vendor_name"], row["annual_budget_jpy"]) == ("㈱髙橋①", 1200000)


def test_a_missing_sheet_is_refused_naming_the_sheets_there_are():
    with pytest.raises(ReadError) as caught:
        read_table(kpi_workbook(), "report.xlsx", sheet="KPI報告")
    problem = caught.value.problem
    assert (problem.code, problem.value, dict(problem.params)) == (
        "sheet-not-found", "KPI報告", {"expected": "表紙、KPI"})
    assert "KPI報告" in problem.message("ja") and "表紙" in problem.message("en")


def test_a_damaged_xlsx_is_refused_as_bad_xlsx():
    assert refusal(kpi_workbook()[:400]) == ("bad-xlsx", None)


def macro_workbook(rows: list[list[str]]) -> bytes:
    """An .xlsm as Excel saves a report with macros: the sheet and a VBA project part
    (a stand-in here: nothing ever reads it)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("KPI")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.add_vba_project(io.BytesIO(b"\xd0\xcf\x11\xe0" + b"\x00" * 508), is_stream=True)
    book.close()
    return out.getvalue()


def test_a_macro_enabled_workbook_reads_as_its_cells():
    data = macro_workbook([["委託先ID", "対象月"], ["V-ITO-01", "2026年10月"]])
    assert "xl/vbaProject.bin" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    table = read_table(data, "月次報告.xlsm")
    assert (table.headers, table.frame.values.tolist()) == (
        ["委託先ID", "対象月"], [["V-ITO-01", "2026年10月"]])


def xlsb_workbook() -> bytes:
    """The parts by which an Excel binary workbook is known (its records are not needed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/_rels/workbook.bin.rels", "<Relationships/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return out.getvalue()


def test_an_xlsb_is_refused_with_its_own_message_saying_how_to_save_it():
    with pytest.raises(ReadError) as caught:
        read_table(xlsb_workbook(), "月次報告.xlsb")
    problem = caught.value.problem
    assert problem.code == "xlsb-unsupported"
    assert "Excel ブック (*.xlsx)" in problem.message("ja")
    assert "Save As" in problem.message("en")


def test_a_zip_that_expands_too_much_is_refused_before_parsing():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (5 * 1024 * 1024))
    assert refusal(out.getvalue()) == ("xlsx-too-large", None)


# --- workbooks whose used area explodes: run in a child with a memory cap, so that a
# regression fails the test instead of taking the test run down with it ----------------

JAIL = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
from governance.errors import ReadError
from governance.ingest.readers import read_table
try:
    raw = read_table(open(sys.argv[1], "rb").read())
    print("read", raw.frame.shape[0])
except ReadError as exc:
    print("refused", exc.problem.code)
"""


def read_in_a_jail(data: bytes, tmp_path) -> str:
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    try:
        done = subprocess.run([sys.executable, "-c", JAIL, str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "timed out"
    return done.stdout.strip() if done.returncode == 0 else f"died ({done.returncode})"


def _with_sheet_xml(extra_rows: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.add_worksheet("KPI").write_row(0, 0, ["委託先ID", "対象月", "予算額", "実績額"])
    book.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    sheet = entries["xl/worksheets/sheet1.xml"].decode()
    entries["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", extra_rows + "</sheetData>").encode()
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return rebuilt.getvalue()


@pytest.mark.parametrize("extra", [
    '<row r="1048576"><c r="SZ1048576"><v>1</v></c></row>',
    '<row r="2"><c r="XFD1048576"><v>1</v></c></row>',
    '<row r="1048576"><c><v>1</v></c></row><row r="1"><c r="TZ1"><v>1</v></c></row>',
], ids=["far-corner", "cell-ref-beyond-its-row", "row-ref-and-wide-cell"])
def test_a_tiny_xlsx_whose_used_area_spans_millions_of_cells_is_refused(tmp_path, extra):
    data = _with_sheet_xml(extra)
    assert len(data) < 10_000
    assert read_in_a_jail(data, tmp_path) == "refused xlsx-too-large"


def test_a_long_but_honest_xlsx_is_not_mistaken_for_a_sparse_bomb():
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>V-1</t></is></c>'
                   f'<c r="B{r}" t="inlineStr"><is><t>2026-10</t></is></c>'
                   f'<c r="C{r}"><v>1</v></c><c r="D{r}"><v>2</v></c></row>'
                   for r in range(2, 5))
    rows += '<row r="120000"><c r="A120000" t="inlineStr"><is><t>V-2</t></is></c></row>'
    raw = read_table(_with_sheet_xml(rows))
    assert raw.rows.tolist() == [2, 3, 4, 120000]


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="KPI">
<table:table-row><table:table-cell office:value-type="string"><text:p>vendor_id</text:p>
</table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="100000">
<table:table-cell table:number-columns-repeated="400"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="400"/>
<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>
</table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


def ods_table(rows: str) -> str:
    """An ODS content.xml of one table, without the white space calamine cannot take."""
    head, tail = ODS_CONTENT.split("<table:table-row>", 1)[0], "</table:table>"
    head = head.replace("\n", "")
    return head + rows + tail + ODS_CONTENT.rsplit("</table:table>", 1)[1]


def ods_cell(value: str) -> str:
    return (f'<table:table-cell office:value-type="string">'
            f"<text:p>{value}</text:p></table:table-cell>")


def ods_row(*values: str) -> str:
    return "<table:table-row table:style-name=\"ro1\">" + "".join(map(ods_cell, values)) + (
        '<table:table-cell table:style-name="ce1" table:number-columns-repeated="1020"/>'
        "</table:table-row>")


def test_a_tiny_ods_whose_repeated_cells_span_millions_of_cells_is_refused(tmp_path):
    data = ods(ODS_CONTENT)
    assert len(data) < 2_000
    assert read_in_a_jail(data, tmp_path) == "refused xlsx-too-large"


def test_a_libreoffice_ods_padded_to_the_full_sheet_with_empty_cells_still_reads(tmp_path):
    # LibreOffice pads a sheet with styled, empty repeated rows and cells up to its
    # 1,048,576 rows and 1,024 columns: nothing that calamine allocates
    padding = ('<table:table-row table:style-name="ro1" table:number-rows-repeated="1048574">'
               '<table:table-cell table:style-name="ce1" table:number-columns-repeated="1024"/>'
               "</table:table-row><table:table-row table:style-name=\"ro1\">"
               '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    data = ods(ods_table(ods_row("委託先ID", "対象月", "予算額", "実績額")
                         + ods_row("V-1", "2026-10", "1000", "900") + padding))
    assert read_in_a_jail(data, tmp_path) == "read 1"
    raw = read_table(data, "kpi.ods")
    assert raw.headers == ["委託先ID", "対象月", "予算額", "実績額"]
    assert raw.frame.values.tolist() == [["V-1", "2026-10", "1000", "900"]]
    assert raw.rows.tolist() == [2]


def test_an_ods_with_one_valued_cell_repeated_over_millions_of_cells_is_refused_at_once(
        tmp_path, monkeypatch):
    valued = ('<table:table-row table:number-rows-repeated="1000000">'
              '<table:table-cell table:number-columns-repeated="100" office:value-type="float"'
              ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    data = ods(ods_table(ods_row("委託先ID", "対象月") + valued + ods_row("V-1", "2026-10")))
    assert len(data) < 2_000
    def never(*args, **kwargs):
        raise AssertionError("calamine was given the file")

    # refused from the XML, before calamine (which would allocate every cell) sees it
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", never)
    assert refusal(data) == ("xlsx-too-large", None)
    assert read_in_a_jail(data, tmp_path) == "refused xlsx-too-large"


def test_a_percent_formatted_excel_cell_reads_as_the_percentage_excel_shows():
    # typing 95.5% in Excel stores 0.955 with a percent format
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["委託先ID", "対象月", "予算額", "実績額", "SLA達成率",
                           "手順書整備率", "委託先要員交代率"])
    sheet.write_row(1, 0, ["V-1", "2026-10", 1000, 1000])
    sheet.write_number(1, 4, 0.955, book.add_format({"num_format": "0.0%"}))
    sheet.write_number(1, 5, 0.8, book.add_format({"num_format": "0%"}))
    sheet.write_number(1, 6, 12.5)  # a plain number stays as typed
    book.close()
    raw = read_table(buffer.getvalue())
    assert raw.frame.iloc[0].tolist()[4:] == ["95.5%", "80%", "12.5"]
    checked = validate(raw, "kpis", frozenset({"V-1"}), TODAY)
    assert checked.problems.errors == []
    assert checked.frame.loc[0, ["sla_attainment_pct", "documentation_coverage_pct",
                                 "vendor_staff_turnover_pct"]].tolist() == [95.5, 80.0, 12.5]
