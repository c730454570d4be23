"""The /contracts page, the vendor page's contracts and sub-contractor tree, and the
deadlines on the overview and the meeting agenda (issue 19), on the demo data through
AppTest: what they show, filtered by the URL."""

from __future__ import annotations

import pytest
from test_pages import open_tab, run, texts


def table(at, caption_key: str | None = None, index: int = 0):
    return at.dataframe[index].value


@pytest.fixture
def contracts(demo_app_db):
    return run("contracts.py")


def test_the_contracts_page_shows_the_register_deadlines_growth_and_chains(contracts):
    at = contracts
    assert not at.exception and not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["契約"], metrics["増額の大きい契約"], metrics["囲い込みの懸念"],
            metrics["未承認の再委託先"]) == ("15", "1", "1", "0")
    assert "契約期間と解約予告期限" in texts(at)
    assert len(at.get("vega_lite_chart")) == 1
    growth = next(d.value for d in at.dataframe if "当初比(%)" in d.value.columns
                  and "評価" in d.value.columns)
    assert growth[["契約番号", "当初比(%)", "評価"]].values.tolist()[0] == [
        "K2026-0101", 120.0, "注意"]
    chains = next(d.value for d in at.dataframe if "再委託先名" in d.value.columns)
    assert chains["再委託先名"].tolist() == [
        "株式会社さくらデータ入力センター", "ひかり印刷株式会社", "株式会社北辰データセンター",
        "\u3000\u3000└ 北辰ファシリティーズ株式会社", "株式会社データパンチ東北",
        "\u3000\u3000└ Manila Data Services Inc."]
    assert chains["注意"].tolist()[-1] == "国外で個人情報"


def test_the_filters_live_in_the_url(demo_app_db):
    at = run("contracts.py", vendor="V-KPO-01")
    assert not at.exception
    register = next(d.value for d in at.dataframe if "契約の状況" in d.value.columns)
    assert register["契約番号"].tolist() == ["K2025-0301"]
    chains = next(d.value for d in at.dataframe if "再委託先名" in d.value.columns)
    assert set(chains["委託先ID"]) == {"V-KPO-01"}
    at = run("contracts.py", procurement="sole_source", lang="en")
    register = next(d.value for d in at.dataframe if "Contract state" in d.value.columns)
    assert register["Contract ID"].tolist() == ["K2022-0201", "K2026-0304"]
    assert at.query_params["procurement"] == "sole_source"


def test_the_vendor_page_shows_its_contracts_and_its_sub_contractor_tree(demo_app_db):
    at = run("vendor.py", vendor="V-KPO-01", month="2026-10")
    assert not at.exception
    # a lazy tab: nothing of the contracts until it is opened
    assert not [d for d in at.dataframe if "契約番号" in d.value.columns]
    open_tab(at, "tab_vendor", "契約と再委託")
    assert "契約" in [s.value for s in at.subheader]
    contracts = next(d.value for d in at.dataframe if "契約番号" in d.value.columns)
    assert contracts["契約件名"].tolist() == ["顧客データ分析業務委託"]
    tree = next(d.value for d in at.dataframe if "再委託先名" in d.value.columns)
    assert tree["再委託先名"].tolist() == ["株式会社データパンチ東北",
                                      "\u3000\u3000└ Manila Data Services Inc."]
    # the register's new columns are in the profile
    assert "法人番号: 3999903000011" in [t.value for t in at.text]


def test_the_overview_and_the_agenda_show_deadlines_inside_the_window(demo_app_db):
    at = run()
    assert not at.exception
    assert "期限が近い契約(90 日以内)" in [s.value for s in at.subheader]
    at = run("reviews.py", mode="meeting", month="2026-10", held="2026-11-26")
    assert not at.exception
    assert "期限が近い契約(会議日から 90 日以内)" in [s.value for s in at.subheader]
    due = next(d.value for d in at.dataframe if "残り日数" in d.value.columns)
    assert due[["期日", "種類", "契約番号"]].astype(str).values.tolist()[:2] == [
        ["2026-12-01", "解約予告期限", "K2026-0205"], ["2026-12-01", "更新判断日", "K2022-0201"]]
