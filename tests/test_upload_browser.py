"""/upload in real Chromium: a CP932 file with Japanese headers goes through the real file
chooser, is checked, loaded and listed; a bad file's report downloads as a CSV Excel
opens (UTF-8 with BOM) holding exactly the rows shown."""

from __future__ import annotations

import csv
import io

import pytest
import test_browser
from conftest import AFTER_DEMO
from test_browser import open_view, settle
from test_preview import REPLACING_KPIS
from test_upload_page import BAD_KPIS, BAD_REPORT

pytestmark = pytest.mark.browser

# the browser tests' fixtures: a streamlit server with its own database, Chromium, a page
server, browser, page = test_browser.server, test_browser.browser, test_browser.page

MAIN = "[data-testid='stMain']"


def choose(pg, path) -> str:
    pg.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    return settle(pg)


def test_a_cp932_file_with_japanese_headers_is_checked_loaded_and_listed(server, page,
                                                                          tmp_path):
    path = tmp_path / "月次KPI報告_2026年10月.csv"
    path.write_bytes(REPLACING_KPIS.encode("cp932"))
    open_view(page, server + "/upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_text("検証に合格しました").wait_for(timeout=60_000)
    text = settle(page)
    assert "CSV · 文字コード Shift_JIS(CP932) · 見出し 1 行目 · データ 4 行" in text
    assert "2 社で評価(良好・注意・要対応)が変わります。" in text

    page.get_by_role("button", name="このファイルを取り込む").click()
    batch = AFTER_DEMO
    page.get_by_text(f"を取り込みました(バッチ {batch})").wait_for(timeout=60_000)
    text = settle(page)
    assert (f"月次KPI報告_2026年10月.csv: 月次KPI報告を取り込みました(バッチ {batch}): "
            "新規 1 件、更新 2 件、変更なし 1 件。") in text
    assert "月次KPI報告: 月次KPI報告_2026年10月.csv" in text  # the import history
    assert "4 行(新規 1・更新 2・変更なし 1)" in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []


def test_a_bad_file_shows_its_report_and_the_report_downloads_as_csv(server, page,
                                                                     tmp_path):
    path = tmp_path / "kpi_bad.csv"
    path.write_bytes(BAD_KPIS.encode("cp932"))
    open_view(page, server + "/upload")
    text = choose(page, path)
    assert "取り込めません。6 件の問題(3 行)があります。" in text
    with page.expect_download() as info:
        page.get_by_role("button", name="問題一覧(CSV)").click()
    download = info.value
    assert download.suggested_filename == "kpi_bad_問題一覧.csv"
    with open(download.path(), "rb") as f:
        data = f.read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["行", "列", "値", "問題"]] + [[str(v) for v in row] for row in BAD_REPORT]
    assert page.errors == []


def test_a_macro_enabled_workbook_is_checked_and_an_xlsb_says_how_to_save_it(server, page,
                                                                             tmp_path):
    from test_readers import macro_workbook, xlsb_workbook

    rows = list(csv.reader(io.StringIO(REPLACING_KPIS)))
    macros = tmp_path / "月次KPI報告_マクロ付き.xlsm"
    macros.write_bytes(macro_workbook(rows))
    binary = tmp_path / "月次KPI報告_バイナリ.xlsb"
    binary.write_bytes(xlsb_workbook())
    open_view(page, server + "/upload")
    text = choose(page, macros)  # the file chooser takes it: .xlsm is a type it accepts
    # read as a workbook (the first test of the module loaded these rows already)
    assert "Excel ブック · シート「KPI」 · 見出し 1 行目 · データ 4 行" in text, text[:2500]
    text = choose(page, binary)
    assert "Excel バイナリ ブック(.xlsb)は読み込めません。" in text, text[-1500:]
    assert "「Excel ブック (*.xlsx)」を選んで保存し直してください" in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []
