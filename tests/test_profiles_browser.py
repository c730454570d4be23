"""/upload in real Chromium: a vendor's own workbook (cover sheet, title rows, thousands of
yen, shares, 実施済/未実施, no vendor column) is mapped in the mapping step, saved as an
import profile and loaded; next month's file of that layout goes straight to the preview."""

from __future__ import annotations

import pytest
import test_browser
from conftest import AFTER_DEMO
from test_browser import open_view, settle
from test_profiles import NOVEMBER, OCTOBER, vendor_workbook

pytestmark = pytest.mark.browser

server, browser, page = test_browser.server, test_browser.browser, test_browser.page

NAME = "テクノ運用 月次報告"


def shown(pg) -> str:
    """The main area's text once idle, without the word joiners ``ui.text.md`` puts after
    colons."""
    return settle(pg).replace("\u2060", "")


def pick(pg, label: str, option: str, nth: int = 0) -> str:
    """Choose ``option`` in the ``nth`` selectbox labelled ``label`` (typed, as the list
    shows only the options that fit)."""
    pg.get_by_role("combobox", name=label).nth(nth).click()
    pg.keyboard.type(option[:4])
    pg.get_by_role("option", name=option, exact=True).click()
    return shown(pg)


def test_a_vendor_workbook_is_mapped_saved_as_a_profile_and_loaded(server, page, tmp_path):
    october = tmp_path / "techno_2026-10.xlsx"
    october.write_bytes(vendor_workbook([["2026年11月", *OCTOBER[0][1:]]]))
    open_view(page, server + "/upload")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(october))
    page.get_by_text("列の対応付け").wait_for(timeout=60_000)
    text = shown(page)
    assert "まだ対応付けていない必須項目: 委託先ID(vendor_id)、実績額(actual_cost_jpy)" in text
    assert "列「アクセス権棚卸実施」の値「実施済」がどの値にあたるかを指定してください。" in text

    pick(page, "取り込む項目", "実績額(actual_cost_jpy) *必須", nth=2)
    pick(page, "実施済", "はい(yes)")
    text = pick(page, "ファイルにない「委託先ID」の値(全行共通)", "V-ITO-01")
    assert "対応付けが揃いました" in text
    assert "検証に合格しました(データ 1 行、問題なし)" in text
    assert "取込プロファイル「techno_2026-10」で読み込み" in text

    name = page.get_by_label("取込プロファイルの名前")
    name.fill(NAME)
    name.press("Enter")
    settle(page)
    page.get_by_role("button", name="取込プロファイルとして保存").click()
    batch = AFTER_DEMO
    page.get_by_text(f"取込プロファイル「{NAME}」を保存しました(新規、バッチ {batch})。").wait_for(
        timeout=60_000)
    text = shown(page)
    assert "列の対応付け" not in text  # recognised by the saved profile now
    assert f"取込プロファイル「{NAME}」で読み込み" in text

    page.get_by_role("button", name="このファイルを取り込む").click()
    page.get_by_text(f"を取り込みました(バッチ {batch + 1})").wait_for(timeout=60_000)
    text = shown(page)
    assert (f"techno_2026-10.xlsx: 月次KPI報告を取り込みました(バッチ {batch + 1}): 新規 1 件、"
            f"更新 0 件、変更なし 0 件。(取込プロファイル「{NAME}」で読み込み)") in text
    assert f"取込プロファイル: {NAME}" in text  # the import history lists the saving

    november = tmp_path / "techno_2026-11.xlsx"  # next month's file of the layout
    november.write_bytes(vendor_workbook([["2026年11月", *NOVEMBER[0][1:]]]))
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(november))
    page.get_by_text("検証に合格しました").wait_for(timeout=60_000)
    text = shown(page)
    assert "列の対応付け" not in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []
