"""Every page of the registry renders through AppTest, with and without data, and never
shows an exception."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from governance import demo
from governance.store import Store
from ui.registry import PAGES, ROOT

TIMEOUT = 30


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()


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
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"委託先数": "14", "最新の対象月": "2026-10", "当月の報告数": "13 / 14",
                       "未完了の対応事項": "18"}


def test_the_language_switch_turns_the_pages_to_english(app_db):
    at = run(lang="English")  # the URL carries the option as shown
    assert "You are looking at demo data" in texts(at)
    assert {m.label for m in at.metric} == {"Vendors", "Latest month", "Reports this month",
                                            "Open actions"}


def test_a_vendor_link_opens_that_vendor(app_db):
    at = run("vendor.py", vendor="V-ITO-01")
    assert not at.exception
    assert "東都システムソリューションズ株式会社" in texts(at)


def test_pages_with_no_data_say_what_to_do(app_db, monkeypatch):
    monkeypatch.setattr(demo, "load_if_empty", lambda store: False)
    for spec in PAGES:
        at = run(spec.file)
        assert not at.exception, (spec.file, at.exception)
    at = run()
    assert "まだデータがありません" in texts(at)
