"""Pages never fail on stored data: values no reader lets in today (an older database, a
copy, a hand-made change) are found, named with vendor, month and column, set aside, and
every page shows the rest."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from conftest import month_data
from streamlit.testing.v1 import AppTest

from governance import demo
from governance.store import Store
from governance.views.quarantine import notes
from ui.registry import PAGES, ROOT

POISON = (
    "UPDATE kpis SET knowledge_transfer_hours = CAST('inf' AS DOUBLE) "
    "WHERE vendor_id = 'V-ITO-02' AND month = DATE '2026-10-01'",
    "INSERT INTO kpis (vendor_id, month, budget_jpy, actual_cost_jpy, batch_id) "
    "VALUES ('V-KPO-02', DATE '0001-01-01', 1, 1, 2)",
    "UPDATE vendors SET contract_end = DATE '9999-12-31' WHERE vendor_id = 'V-KPO-03'",
    "UPDATE vendors SET criticality = 'urgent' WHERE vendor_id = 'V-BPO-05'",
    "UPDATE actions SET due_on = DATE '9999-01-01' WHERE vendor_id = 'V-BPO-03'",
)
FOUND = [("vendors", "V-BPO-05", None, "criticality", "urgent"),
         ("vendors", "V-KPO-03", None, "contract_end", "9999-12-31"),
         ("kpis", "V-KPO-02", dt.date(1, 1, 1), "month", "0001-01-01"),
         ("kpis", "V-ITO-02", dt.date(2026, 10, 1), "knowledge_transfer_hours", "inf"),
         ("actions", "V-BPO-03", dt.date(2026, 3, 6), "due_on", "9999-01-01")]


def poison(store: Store) -> None:
    def op(con):
        for sql in POISON:
            con.execute(sql)
    store._run(op, transaction=True)


def test_the_store_names_every_value_no_page_can_draw(demo_store):
    poison(demo_store)
    assert sorted(demo_store.unreadable(), key=str) == sorted(FOUND, key=str)
    assert notes(FOUND[3:4], "ja") == [
        "月次KPI報告 V-ITO-02(2026-10-01): ナレッジ移転時間 = inf"]


def test_the_month_is_scored_with_those_values_set_aside(demo_store):
    poison(demo_store)
    assert demo_store.months()[-1] == dt.date(2024, 11, 1)  # not 0001-01
    data = month_data(demo_store, "2026-10")
    kpis = data.kpis.set_index(["vendor_id", "month"])
    assert np.isnan(kpis.loc[("V-ITO-02", "2026-10-01"), "knowledge_transfer_hours"])
    vendors = data.vendors.set_index("vendor_id")
    assert vendors["criticality"].isna()["V-BPO-05"]
    assert vendors["contract_end"].isna()["V-KPO-03"]
    assert {r.vendor_id for r in data.risks} >= {"V-ITO-02", "V-KPO-02", "V-BPO-05"}


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_shows_the_rest_and_says_what_it_set_aside(app_db, spec):
    store = Store(str(app_db))
    demo.load(store)
    poison(store)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["vendor"], at.query_params["month"] = "V-ITO-02", "2026-10"
    at.run()
    at.switch_page(f"pages/{spec.file}")
    at.run()
    assert not at.exception and not at.error, (at.exception, at.error)
    [warning] = [w.value for w in at.warning if "表示できない値" in w.value]
    assert "表示できない値が保存されています(5 件)" in warning
    assert "V\\-ITO\\-02\\(2026\\-10\\-01\\)" in warning
