"""Removing the demo data (``governance.demo.remove``, ``demo --remove``) on both engines:
it takes out exactly what the demo loaded — a real register, KPIs, an edited demo meeting
and an action recorded for a demo vendor all stay, with the demo vendors they name — puts
back what the demo had replaced, is one transaction, is recorded like a rollback, needs
the rollback right, and the demo does not load itself again afterwards."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandas.testing as pdt
import pytest
from conftest import TODAY, assert_same_state, kill_at_stage, snapshot

from governance import audit, demo, ingest
from governance.access import AccessDenied, Actor
from governance.catalog import KINDS, LOAD_ORDER
from governance.ingest import Upload
from governance.reviews import edits
from governance.store import RemovalResult, Store

SATO, ADA = Actor("sato", "editor"), Actor("ada", "admin")
KPI_FILE = demo.DEMO_DIR / "kpis.csv"
HEADER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
          "取扱情報区分,出口計画更新日\n")
REAL_REGISTER = HEADER + (
    "R-01,本州ロジスティクス株式会社,BPO,アウトソーシング,高,物流部,2025/04/01,,60000000,社内,\n"
    "R-02,株式会社みちのくシステム,ITO,請負,中,情報システム部,2025/10/01,,24000000,機密,\n")
# the real vendors' September and October, and V-BPO-02's October corrected by the user
REAL_KPIS = (
    "委託先ID,対象月,予算額,実績額\n"
    "R-01,2026年9月,5000000,5100000\n"
    "R-01,2026年10月,5000000,5300000\n"
    "R-02,2026年9月,2000000,1900000\n"
    "R-02,2026年10月,2000000,2050000\n"
    "V-BPO-02,2026年10月,8000000,9999000\n")
KPI_ROWS = [("R-01", "2026-09-01", 5000000, 5100000), ("R-01", "2026-10-01", 5000000, 5300000),
            ("R-02", "2026-09-01", 2000000, 1900000), ("R-02", "2026-10-01", 2000000, 2050000),
            ("V-BPO-02", "2026-10-01", 8000000, 9999000)]
DECISION = "契約を更新しない方向で経営会議に諮る。"
ACTION = dict(vendor_id="V-KPO-01", raised_on=TODAY, action="委託先の立入監査の日程を決める",
              owner="佐藤", due_on=dt.date(2026, 12, 18), status="open", closed_on=None,
              risk_axis="control")


def _user_work(store: Store) -> None:
    """What a user does on top of the demo (batches 1-6): a real register (batch 7), KPIs
    of the real vendors and one demo vendor (8), an edited demo meeting (9), an action for
    a demo vendor recorded in the app (10)."""
    for name, text in (("real_vendors.csv", REAL_REGISTER), ("real_kpis.csv", REAL_KPIS)):
        upload = ingest.load(store, Upload(name, text.encode("cp932")), SATO, TODAY)
        assert not upload.refused, upload.problems.summary("en")
    meeting = store.rows("reviews", vendor_id="V-ITO-01", period=dt.date(2026, 10, 1))
    assert edits.edit(store, "reviews", edits.key_of("reviews", meeting.iloc[0]),
                      {"decisions": DECISION}, SATO, TODAY).ok
    assert edits.add_action(store, ACTION, SATO, TODAY).ok


def _users_rows(store: Store) -> dict[str, pd.DataFrame]:
    """Every current row that a batch other than the demo's wrote."""
    batches = store.batches()
    theirs = set(batches.loc[batches["loaded_by"] != "demo", "batch_id"])
    tables = {kind: store.table(kind) for kind in LOAD_ORDER}
    return {kind: t[t["batch_id"].isin(theirs)].reset_index(drop=True)
            for kind, t in tables.items()}


def test_removing_the_demo_leaves_every_row_a_user_loaded_or_recorded(demo_store):
    _user_work(demo_store)
    users = _users_rows(demo_store)
    assert {k: len(f) for k, f in users.items()} == {
        "vendors": 2, "kpis": 5, "reviews": 1, "actions": 1, "tickets": 0, "contracts": 0,
        "subcontractors": 0}

    result = demo.remove(demo_store, ADA)

    assert result == RemovalResult(1, {"subcontractors": 6, "contracts": 15, "actions": 31,
                                       "reviews": 41, "kpis": 333, "vendors": 11},
                                   0, (2, 3, 4, 5, 6), ("V-BPO-02", "V-ITO-01", "V-KPO-01"))
    for kind, frame in _users_rows(demo_store).items():
        if users[kind].empty:  # none of theirs (an empty table reads text as object)
            assert frame.empty, kind
            continue
        pdt.assert_frame_equal(frame, users[kind], obj=kind)
    assert demo_store.counts() == {"vendors": 5, "kpis": 5, "reviews": 1, "actions": 1,
                                   "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert demo_store.table("vendors")["vendor_id"].tolist() == [
        "R-01", "R-02", "V-BPO-02", "V-ITO-01", "V-KPO-01"]
    kpis = demo_store.table("kpis")
    assert list(zip(kpis["vendor_id"], kpis["month"].dt.strftime("%Y-%m-%d"),
                    kpis["budget_jpy"], kpis["actual_cost_jpy"], strict=True)) == KPI_ROWS
    assert set(kpis["batch_id"]) == {8}
    [meeting] = demo_store.table("reviews").itertuples()
    assert (meeting.vendor_id, meeting.decisions, meeting.batch_id) == ("V-ITO-01", DECISION, 9)
    [action] = demo_store.table("actions").itertuples()
    assert (action.vendor_id, action.action, action.batch_id) == ("V-KPO-01", ACTION["action"], 10)

    batches = demo_store.batches()
    assert list(zip(batches["batch_id"], batches["loaded_by"], batches["status"],
                    batches["rolled_back_by"].fillna(""), strict=True)) == [
        (1, "demo", "committed", ""),  # three of its vendors are named by the user's rows
        (2, "demo", "rolled_back", "ada"), (3, "demo", "rolled_back", "ada"),
        (4, "demo", "rolled_back", "ada"), (5, "demo", "rolled_back", "ada"),
        (6, "demo", "rolled_back", "ada"), (7, "sato", "committed", ""),
        (8, "sato", "committed", ""), (9, "sato", "committed", ""), (10, "sato", "committed", "")]
    assert demo.state(demo_store).rows == {"vendors": 3, "kpis": 0, "reviews": 0, "actions": 0,
                                           "tickets": 0, "contracts": 0, "subcontractors": 0}
    log = audit.log(demo_store, "en")
    assert (log["who"][0], log["event"][0], log["what"][0]) == ("ada", "Demo data removed", "demo")
    assert log["detail"][0] == ("437 rows removed, 0 restored, batches rolled back: 2, 3, 4, 5, "
                                "6, vendors kept: V-BPO-02, V-ITO-01, V-KPO-01")


def test_demo_versions_a_user_replaced_never_come_back_and_a_second_removal_finishes(
        demo_store):
    _user_work(demo_store)
    demo.remove(demo_store, ADA)
    for batch in (10, 9, 8):  # the user takes back the action, the edit and the KPIs
        ingest.rollback(demo_store, batch, ADA)
    # the demo's V-BPO-02 October and V-ITO-01 meeting, which the user had replaced, stay out
    assert demo_store.counts() == {"vendors": 5, "kpis": 0, "reviews": 0, "actions": 0,
                                   "tickets": 0, "contracts": 0, "subcontractors": 0}

    result = demo.remove(demo_store, ADA)

    assert result == RemovalResult(2, {"vendors": 3}, 0, (1,), ())
    assert demo_store.table("vendors")["vendor_id"].tolist() == ["R-01", "R-02"]
    assert not demo.state(demo_store).present
    assert demo_store.batches()["status"].tolist()[:7] == ["rolled_back"] * 6 + ["committed"]
    assert demo.remove(demo_store, ADA) == RemovalResult(None)  # nothing left: no record
    assert len(demo_store.removals()) == 2


def test_rows_the_demo_replaced_come_back_as_the_user_loaded_them(store):
    mine = HEADER + (
        "V-BPO-01,本物のさくら株式会社,BPO,請負,中,総務部,2021/04/01,,10000000,社内,\n"
        "R-01,本州ロジスティクス株式会社,BPO,アウトソーシング,高,物流部,2025/04/01,,60000000,社内,\n")
    ingest.load(store, Upload("mine.csv", mine.encode("cp932")), SATO, TODAY)
    before = store.table("vendors")
    demo.load(store)  # its register replaces the user's V-BPO-01
    assert store.table("vendors").query("vendor_id == 'V-BPO-01'")["batch_id"].tolist() == [2]

    result = demo.remove(store, ADA)

    assert (result.restored, result.rolled_back, result.kept_vendors) == (
        1, (2, 3, 4, 5, 6, 7), ())
    pdt.assert_frame_equal(store.table("vendors"), before)
    assert store.counts() == {"vendors": 2, "kpis": 0, "reviews": 0, "actions": 0,
                              "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert not (store.history("vendors")["reason"] == "replaced").any()
    assert ingest.rollback(store, 1, ADA).removed == 2  # the user's batch is whole again


@pytest.mark.parametrize("who", [Actor("vera", "viewer"), SATO], ids=["viewer", "editor"])
def test_only_an_admin_removes_the_demo(demo_store, who):
    before = snapshot(demo_store)
    with pytest.raises(AccessDenied):
        demo.remove(demo_store, who)
    assert_same_state(before, snapshot(demo_store))


def test_a_removal_killed_before_its_commit_changes_nothing(demo_store, tmp_path):
    _user_work(demo_store)
    before = snapshot(demo_store)
    kill_at_stage(["demo", "--remove", "--db", demo_store.target], "remove", tmp_path)
    assert_same_state(before, snapshot(demo_store))


def test_the_demo_loads_itself_only_into_a_database_that_never_held_anything(store):
    assert demo.remove(store, ADA) == RemovalResult(None)
    assert not store.has_history()
    assert demo.load_if_empty(store)
    demo.remove(store, ADA)
    assert store.counts() == {kind: 0 for kind in KINDS}
    assert store.has_history()
    assert not demo.load_if_empty(store)  # removed on purpose: it stays out
    assert store.counts() == {kind: 0 for kind in KINDS}


def test_a_user_batch_rolled_back_still_counts_as_history(store):
    ingest.load(store, Upload("real.csv", REAL_REGISTER.encode("cp932")), SATO, TODAY)
    ingest.rollback(store, 1, ADA)
    assert store.counts()["vendors"] == 0
    assert not demo.load_if_empty(store)


def test_a_demo_row_a_user_sent_again_unchanged_is_the_users_and_stays(demo_store):
    # the user's own file repeats V-BPO-03's October exactly as the demo has it: the
    # store records that the user's batch sent that key unchanged, so the row is theirs
    lines = KPI_FILE.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    header = lines[0]
    same = [line for line in lines if line.startswith("V-BPO-03,2026年10月,")]
    upload = ingest.load(demo_store, Upload("mine.csv", (header + same[0]).encode()), SATO,
                         TODAY)
    assert (upload.result.batch_id, upload.result.nothing_changed) == (None, True)
    upload = ingest.load(demo_store, Upload("mine.csv", (header + same[0] + (
        "V-BPO-03,2026年11月,3971000,3900000,0,0,79.0,2,7.0,8.0,98.0,99.0,0,0,3,済,0\n"))
        .encode()), SATO, TODAY)
    assert (upload.result.batch_id, upload.result.inserted, upload.result.unchanged) == (
        7, 1, 1)

    demo.remove(demo_store, ADA)

    kept = demo_store.rows("kpis", vendor_id="V-BPO-03")
    assert [(f"{m:%Y-%m}", b) for m, b in zip(kept["month"], kept["batch_id"], strict=True)
            ] == [("2026-10", 7), ("2026-11", 7)]
    assert demo_store.rows("vendors")["vendor_id"].tolist() == ["V-BPO-03"]  # named by them
