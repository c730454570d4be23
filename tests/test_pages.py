"""Every page of the registry renders through AppTest, with and without data, and never
shows an exception."""

from __future__ import annotations

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
                                           "actions": 31}


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
    assert len(movers) == 4
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


def test_the_language_switch_turns_the_pages_to_english(app_db):
    at = run(lang="English")  # the URL carries the option as shown
    assert "You are looking at demo data" in texts(at)
    labels = {m.label for m in at.metric}
    assert {"Knowledge drain: red", "Cost creep: red", "Control & information: red",
            "Reports missing", "Overdue actions"} <= labels


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
    assert Store(str(app_db)).counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0}
