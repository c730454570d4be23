"""Every page of the registry renders through AppTest, with and without data, and never
shows an exception."""

from __future__ import annotations

import json
import urllib.parse

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from governance import demo, ingest
from governance.i18n import t
from governance.ingest import Upload
from governance.store import Store
from ui.registry import PAGES, ROOT

TIMEOUT = 30


def run(page: str | None = None, lang: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    if lang:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}")
        at.run()
    return at


def chart_rows(at: AppTest, index: int = 0) -> list[dict]:
    """The rows behind the ``index``-th Altair chart (sent as Arrow next to the spec)."""
    chart = at.get("vega_lite_chart")[index]
    table = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all()
    return table.to_pylist()


def texts(at: AppTest) -> str:
    parts = [m.value for m in (*at.markdown, *at.info, *at.error, *at.warning, *at.success,
                               *at.title, *at.subheader, *at.caption)]
    parts += [m.label for m in at.metric] + [str(m.value) for m in at.metric]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_every_page_renders_on_the_demo_data_without_an_exception(app_db, spec):
    at = run(spec.file)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_an_empty_database_is_filled_with_the_demo_data_and_says_so(app_db):
    at = run()
    assert not at.exception
    assert "デモデータを表示しています" in texts(at)
    assert Store(str(app_db)).counts() == {"vendors": 14, "kpis": 334, "reviews": 42,
                                           "actions": 31, "tickets": 0, "contracts": 15,
                                           "subcontractors": 6}


def test_the_overview_shows_the_demo_portfolio(app_db):
    at = run()
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    assert metrics == {
        "ノウハウ流出:要対応": ("1", ""), "コスト増大:要対応": ("1", ""),
        "統制・情報管理:要対応": ("1", ""), "報告未提出": ("1", ""),
        "期限超過の対応事項": ("11", ""),  # as of 31 October, the month shown
        # 138,165,000 against 134,427,000: +2.78 %
        "当月の実績(予算 1.34億円)": ("1.38億円", "+2.8%"),
        "年度累計の実績(予算 9.98億円)": ("10.08億円", "+1.0%"),
        "要注意だが当月未確認": ("5", "")}


def test_the_overview_heat_map_ranks_the_worst_vendors_first(app_db):
    at = run()
    values = chart_rows(at)
    overall = [(v["vendor_id"], v["score"]) for v in values if v["axis"] == "overall"]
    assert overall[:4] == [("V-BPO-01", 100), ("V-ITO-01", 100), ("V-KPO-01", 100),
                           ("V-BPO-04", 50)]
    assert values[0]["url"] == "vendor?vendor=V-BPO-01&month=2026-10"


def test_the_overview_lists_the_biggest_movers_in_a_plain_table(app_db):
    # a static table, not a data grid: the grid's JavaScript cost a fresh tab ~0.3 s
    movers = run().table[0].value
    # V-ITO-02 (high criticality, met quarterly) was a month past its monthly review cadence
    # in September and is not in October
    assert len(movers) == 5
    first = movers.iloc[0].tolist()  # no October report: amber (40) on every axis
    assert first == ["V-ITO-03", "ネクスト・アプリケーションズ株式会社", 0, 40, 40, "ノウハウ流出"]


def test_filters_in_the_url_narrow_the_overview(app_db):
    at = run(service_type="KPO")
    vendors = {v["vendor_id"] for v in chart_rows(at)}
    assert vendors == {"V-KPO-01", "V-KPO-02", "V-KPO-03", "V-KPO-04"}


def test_an_unknown_value_in_the_url_is_ignored(app_db):
    at = run(month="2099-01", vendor="<script>", criticality="nonsense")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["報告未提出"] == "1"


def test_the_axis_pages_rank_the_story_vendor_first(app_db):
    for page, vendor in (("knowledge.py", "V-ITO-01"), ("cost.py", "V-BPO-01"),
                         ("control.py", "V-KPO-01")):
        at = run(page)
        assert not at.exception, (page, at.exception)
        first = chart_rows(at)[0]
        assert (first["vendor_id"], first["status"]) == (vendor, "red"), page


def test_the_vendor_page_shows_reasons_and_actions(app_db):
    at = run("vendor.py", vendor="V-ITO-01", month="2026-10")
    assert not at.exception
    text = "\n".join(t.value for t in at.text)
    assert "手順書整備率 が 45.5%(2026-10):要対応基準 50.0% 以下" in text
    assert "契約終了日 2027-03-31(残り 151 日)" in text
    assert "年間予算: 2.40億円" in text


def chart_spec(at: AppTest, index: int) -> dict:
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Switch the lazy tabs ``key`` to ``label``, as a click on it does (a rerun)."""
    at.session_state[key] = label
    return at.run()


def test_the_axis_pages_draw_only_the_open_tab(app_db):
    at = run("cost.py")
    assert [t.label for t in at.tabs] == ["ランキングと理由", "予算と実績", "委託先別の推移"]
    assert len(at.get("vega_lite_chart")) == 1  # the ranking: nothing of the other tabs
    assert not at.metric
    open_tab(at, "tab_cost_creep", "委託先別の推移")
    assert at.selectbox(key="qp_vendor").value == "V-BPO-01"  # the worst first
    assert len(at.get("vega_lite_chart")) == 1 and not at.metric  # its trends only
    linked = run("knowledge.py", vendor="V-ITO-02")  # a link naming a vendor: its trends
    assert linked.session_state["tab_knowledge_drain"] == "委託先別の推移"
    assert linked.selectbox(key="qp_vendor").value == "V-ITO-02"


def test_a_link_naming_a_vendor_the_ranking_does_not_hold_opens_on_the_ranking(app_db):
    at = run("knowledge.py", vendor="<script>")
    assert not at.exception
    assert at.session_state["tab_knowledge_drain"] == "ランキングと理由"
    assert len(at.get("vega_lite_chart")) == 1


def test_the_open_tab_stays_open_when_the_language_changes(app_db):
    at = open_tab(run("knowledge.py", vendor="V-ITO-02"), "tab_knowledge_drain",
                  "ランキングと理由")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception and not at.warning
    assert [t.label for t in at.tabs] == ["Ranking and reasons", "Trends by vendor"]
    assert at.session_state["tab_knowledge_drain"] == "Ranking and reasons"
    assert len(at.get("vega_lite_chart")) == 1


def test_the_cost_page_draws_monthly_bars_and_yen_in_millions_with_legends(app_db):
    at = open_tab(run("cost.py"), "tab_cost_creep", "予算と実績")
    spend, cumulative, cr = (chart_spec(at, i) for i in (0, 1, 2))
    x = cr["encoding"]["x"]
    assert (cr["mark"]["type"], x["type"], x["timeUnit"]) == ("bar", "ordinal", "yearmonth")
    assert "'%-m月'" in x["axis"]["labelExpr"] and "'%Y年'" in x["axis"]["labelExpr"]
    assert cr["encoding"]["y"]["axis"]["title"] == "金額(百万円)"
    assert [(r["month"].strftime("%Y-%m") if hasattr(r["month"], "strftime") else r["month"],
             r["amount"]) for r in chart_rows(at, 2)][:2] == [("2026-04", "311万円"),
                                                             ("2026-05", "336万円")]
    for layer in spend["layer"]:
        assert layer["encoding"]["color"]["legend"] == {"labelLimit": 0, "orient": "bottom",
                                                        "title": None}
    assert spend["layer"][0]["encoding"]["y"]["axis"]["title"] == "金額(百万円)"
    assert cumulative["encoding"]["y"]["axis"]["title"] == "金額(億円)"
    assert cumulative["encoding"]["color"]["scale"]["domain"] == ["予算累計", "実績累計",
                                                                 "年度末見込み"]


def test_the_vendor_page_shows_due_status_and_lateness_first_and_the_decisions(app_db):
    at = run("vendor.py", vendor="V-ITO-01", month="2026-10")
    actions = at.dataframe[0]
    assert actions.value.values.tolist() == [
        ["2026-08-31", 61, "未完了", "社内要員2名をOJTでヘルプデスク一次対応に配置する", "高橋",
         "2026-08-06"],
        ["2026-09-30", 31, "未完了", "出口計画（契約終了時の引継ぎ・切替計画）を改訂する", "伊藤",
         "2026-09-07"],
        ["2026-10-23", 8, "未完了", "委託先責任者からナレッジ移転の改善計画を受領する", "佐藤",
         "2026-10-06"]]
    assert list(actions.value.columns) == ["期限", "超過日数", "状況", "対応内容", "担当者",
                                           "起票日"]
    assert "background-color: #ffebee" in actions.proto.arrow_data.styler.styles  # overdue
    meetings = at.table[0].value
    assert list(meetings.columns) == ["開催日", "対象月", "評価", "決定事項", "議事概要"]
    assert meetings.iloc[0, :4].astype(str).tolist() == [
        "2026-11-06", "2026年10月", "要対応",
        "重要手順20件の社内レビュー会を12月に実施する。契約更新可否を経営会議に上程する。"]


def test_a_long_name_in_the_flagged_list_ends_in_an_ellipsis_with_the_whole_name_on_hover(
        app_db):
    link = next(p.proto for p in run().main.get("page_link")  # the flagged list's first
                if p.proto.label.startswith("100 · "))
    assert link.label == "100 · V\\-BPO\\-01  株式会社さくらビジネ…"
    assert link.help == "V\\-BPO\\-01 株式会社さくらビジネスサービス"


@pytest.mark.parametrize("given", ["en", "English", "EN"])
def test_the_language_in_the_url_turns_the_pages_to_english(app_db, given):
    at = run(lang=given)  # the code, or the label older share links carry
    assert "You are looking at demo data" in texts(at)
    labels = {m.label for m in at.metric}
    assert {"Knowledge drain: red", "Cost creep: red", "Control & information: red",
            "Reports missing", "Overdue actions"} <= labels
    assert at.query_params["lang"] == "en"


def test_switching_language_keeps_the_view_and_puts_the_code_in_the_url(app_db):
    at = run(lang="en", month="2026-08", sort="criticality")
    at.segmented_control(key="lang_switch").set_value("ja").run()
    assert not at.exception
    assert "デモデータを表示しています" in texts(at)
    assert (at.query_params["lang"], at.query_params["month"], at.query_params["sort"]) == (
        "ja", "2026-08", "criticality")
    assert at.selectbox(key="qp_sort").value == "criticality"


def test_every_link_takes_the_month_filters_and_language_along(app_db):
    at = run(month="2026-08", service_type="ITO", lang="en")
    view = {"month": "2026-08", "service_type": "ITO", "lang": "en"}
    nav = [link for link in at.sidebar.get("page_link")]
    assert len(nav) == len(PAGES)
    for link in nav:
        assert dict(urllib.parse.parse_qsl(link.proto.query_string)) == view, link
    cells = {v["url"] for v in chart_rows(at)}
    assert "vendor?month=2026-08&service_type=ITO&lang=en&vendor=V-ITO-01" in cells
    flagged = [link for link in at.main.get("page_link")]
    assert flagged and all(dict(urllib.parse.parse_qsl(f.proto.query_string))
                           .items() >= view.items() for f in flagged)


def test_a_vendor_link_opens_that_vendor(app_db):
    at = run("vendor.py", vendor="V-ITO-01")
    assert not at.exception
    assert at.header[0].value == "V-ITO-01  東都システムソリューションズ株式会社"


def test_pages_with_no_data_say_what_to_do(app_db, monkeypatch):
    monkeypatch.setattr(demo, "load_if_empty", lambda store: False)
    for spec in PAGES:
        at = run(spec.file)
        assert not at.exception, (spec.file, at.exception)
    at = run()
    assert "まだデータがありません" in texts(at)


REAL_REGISTER = (
    "委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
    "取扱情報区分,出口計画更新日\n"
    "R-01,本州ロジスティクス株式会社,BPO,アウトソーシング,高,物流部,2025/04/01,,60000000,社内,\n")


def test_the_demo_banner_stays_while_demo_data_is_left_among_real_data(app_db):
    run()  # loads the demo
    store = Store(str(app_db))
    ingest.load(store, Upload("real.csv", REAL_REGISTER.encode("cp932")), "sato")
    at = run()
    assert not at.exception
    rows = demo.rows_text(demo.state(store).rows, "ja")
    assert [w.value for w in at.warning] == [
        t("demo.banner-mixed", "ja", rows=rows, command="python -m governance demo --remove")]
    assert "デモデータを表示しています" not in texts(at)
    demo.remove(store, "ada")
    at = run()
    assert not at.exception
    assert not at.warning and "デモデータを表示しています" not in texts(at)


def test_after_the_demo_was_removed_a_restarted_app_does_not_load_it_again(app_db):
    import streamlit as st

    run()
    demo.remove(Store(str(app_db)), "ada")
    st.cache_resource.clear()  # as after a restart: the app looks at the database again
    at = run()
    assert not at.exception
    assert "まだデータがありません" in texts(at)
    assert Store(str(app_db)).counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0,
                                           "tickets": 0, "contracts": 0, "subcontractors": 0}


def test_a_heat_map_drawn_again_from_its_cache_links_with_the_url_of_this_run(app_db):
    assert chart_rows(run())[0]["url"] == "vendor?vendor=V-BPO-01&month=2026-10"
    # the same data and language: the chart is cached, but its links carry lang=ja now
    assert chart_rows(run(lang="ja"))[0]["url"] == "vendor?lang=ja&vendor=V-BPO-01&month=2026-10"


def test_charts_drawn_after_an_upload_show_the_uploaded_rows(app_db):
    def vendors_a_month(at: AppTest) -> dict:  # the portfolio trend: same arguments as before
        counts: dict = {}
        for row in chart_rows(at, 1):
            counts[row["month"]] = counts.get(row["month"], 0) + row["vendors"]
        return counts

    before = vendors_a_month(run())
    assert len(before) == 12 and set(before.values()) == {14}
    ingest.load(Store(str(app_db)), Upload("real.csv", REAL_REGISTER.encode("cp932")), "sato")
    after = vendors_a_month(run())
    assert after == {month: 15 for month in before}
