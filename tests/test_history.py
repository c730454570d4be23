"""History is exact (issue 15, section 3): a batch records every key it sent, the ones it
sent unchanged included; a rollback removes or restores a key only where no later committed
batch sent it; a file is "already loaded" only when loading it would change nothing now.
Each sequence is replayed on both engines, asserting the exact current rows with their
batch, the history rows, the batch statuses and the messages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import TODAY, assert_same_state, snapshot
from test_ingest_cli import loaded, run

from governance import ingest
from governance.catalog import KINDS
from governance.errors import BatchError
from governance.i18n import t
from governance.ingest import Upload, staging
from governance.store import Store, engine, migrations

REGISTER = (
    "vendor_id,vendor_name,service_type,engagement,criticality,owner,contract_start,"
    "contract_end,annual_budget_jpy,data_access,exit_plan_updated\n"
    "V-1,一番商事㈱,BPO,outsourcing,high,人事部,2024-04-01,,1000,none,\n"
    "V-2,二見システム,ITO,contracting,low,情報システム部,2024-04-01,,2000,internal,\n"
    "V-3,三ツ星リサーチ,KPO,staffing,medium,経営企画部,2025-01-01,,3000,personal,\n"
)
HEAD = "vendor_id,month,budget_jpy,actual_cost_jpy\n"
ROW_1, ROW_2, ROW_3 = "V-1,2026-09,100,90\n", "V-1,2026-10,100,95\n", "V-2,2026-10,200,210\n"
A = HEAD + ROW_1 + ROW_2  # rows 1 and 2
B = HEAD + ROW_1 + ROW_3  # row 1 again, unchanged, and row 3
V1 = HEAD + ROW_2 + ROW_3
V2 = V1.replace("V-1,2026-10,100,95", "V-1,2026-10,100,120")  # a correction of row 2
SEP, OCT = dt.date(2026, 9, 1), dt.date(2026, 10, 1)
RB, REPL = "rolled_back", "replaced"


def load(store: Store, name: str, text: str) -> ingest.Upload:
    upload = ingest.load(store, Upload(name, text.encode()), user="alice", today=TODAY)
    assert upload.problems.errors == []
    return upload


def plain(values) -> tuple:
    return tuple(v.date() if isinstance(v, pd.Timestamp) else
                 v.item() if hasattr(v, "item") else v for v in values)


def current(store: Store) -> list[tuple]:
    """KPI rows: vendor, month, actual cost, the batch whose row it is."""
    cols = ["vendor_id", "month", "actual_cost_jpy", "batch_id"]
    return [plain(r) for r in store.table("kpis")[cols].itertuples(index=False)]


def history(store: Store) -> list[tuple]:
    cols = ["vendor_id", "month", "actual_cost_jpy", "batch_id", "superseded_by", "reason"]
    return sorted(plain(r) for r in store.history("kpis")[cols].itertuples(index=False))


def statuses(store: Store) -> list[tuple]:
    return [plain(r) for r in store.batches()[["batch_id", "status"]].itertuples(index=False)]


def rolled_back(store: Store, batch_id: int) -> tuple[int, int, int]:
    result = ingest.rollback(store, batch_id, "carol")
    return result.removed, result.restored, result.kept


def nothing_to_change(file: str, batches: str, lang: str = "en") -> str:
    return t("ingest.nothing-to-change", lang, file=file, batches=batches)


@pytest.fixture
def ab_store(store) -> Store:
    """Batch 1 the register, batch 2 = A (rows 1, 2), batch 3 = B (row 1 unchanged, row 3)."""
    load(store, "register.csv", REGISTER)
    load(store, "a.csv", A)
    result = load(store, "b.csv", B).result
    assert (result.batch_id, result.inserted, result.replaced, result.unchanged) == (3, 1, 0, 1)
    return store


def test_rolling_back_a_keeps_the_row_that_b_sent_unchanged_now_as_bs(ab_store):
    result = ingest.rollback(ab_store, 2, "carol")
    assert (result.removed, result.restored, result.kept, result.unrecorded) == (1, 0, 1, ())
    assert ingest.rollback_summary(result, "en") == [
        t("rollback.done", "en", batch=2, removed=1, restored=0),
        t("rollback.kept", "en", kept=1)]
    assert current(ab_store) == [("V-1", SEP, 90, 3), ("V-2", OCT, 210, 3)]
    assert history(ab_store) == [("V-1", SEP, 90, 2, 2, RB), ("V-1", OCT, 95, 2, 2, RB)]
    assert statuses(ab_store) == [(1, "committed"), (2, RB), (3, "committed")]
    state = snapshot(ab_store)
    again = load(ab_store, "b.csv", B)  # B is what the database holds: nothing would change
    assert (again.result.batch_id, again.result.holders) == (None, (3,))
    assert again.summary("en") == [nothing_to_change("b.csv", "3")]
    assert_same_state(state, snapshot(ab_store))


@pytest.mark.parametrize("a_first", [True, False], ids=["A-then-B", "B-then-A"])
def test_rolling_back_a_and_b_in_either_order_leaves_nothing_and_loses_no_history(
        ab_store, a_first):
    if a_first:
        assert rolled_back(ab_store, 2) == (1, 0, 1)
        assert current(ab_store) == [("V-1", SEP, 90, 3), ("V-2", OCT, 210, 3)]
        assert rolled_back(ab_store, 3) == (2, 0, 0)
        assert history(ab_store) == [
            ("V-1", SEP, 90, 2, 2, RB), ("V-1", SEP, 90, 3, 3, RB),
            ("V-1", OCT, 95, 2, 2, RB), ("V-2", OCT, 210, 3, 3, RB)]
    else:
        assert rolled_back(ab_store, 3) == (1, 0, 0)
        assert current(ab_store) == [("V-1", SEP, 90, 2), ("V-1", OCT, 95, 2)]
        assert rolled_back(ab_store, 2) == (2, 0, 0)
        assert history(ab_store) == [
            ("V-1", SEP, 90, 2, 2, RB), ("V-1", OCT, 95, 2, 2, RB), ("V-2", OCT, 210, 3, 3, RB)]
    assert current(ab_store) == []
    assert statuses(ab_store) == [(1, "committed"), (2, RB), (3, RB)]
    # both undone: B's file loads again as a new batch
    assert load(ab_store, "b.csv", B).result.batch_id == 4
    assert current(ab_store) == [("V-1", SEP, 90, 4), ("V-2", OCT, 210, 4)]


def test_v1_resent_after_v2_applies_as_a_new_batch_on_the_command_line(store, tmp_path):
    for name, text in (("register.csv", REGISTER), ("v1.csv", V1), ("v2.csv", V2)):
        (tmp_path / name).write_text(text)
    db = store.target
    done = run("ingest", tmp_path / "register.csv", tmp_path / "v1.csv", db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [
        loaded("register.csv", "vendors", 1, 3), loaded("v1.csv", "kpis", 2, 2)])
    done = run("ingest", tmp_path / "v2.csv", db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [loaded("v2.csv", "kpis", 3, 0,
                                                                      1, 1)])
    done = run("ingest", tmp_path / "v1.csv", db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [loaded("v1.csv", "kpis", 4, 0,
                                                                      1, 1)])
    assert current(store) == [("V-1", OCT, 95, 4), ("V-2", OCT, 210, 2)]
    assert history(store) == [("V-1", OCT, 95, 2, 3, REPL), ("V-1", OCT, 120, 3, 4, REPL)]
    assert statuses(store) == [(i, "committed") for i in (1, 2, 3, 4)]
    # the same file once more: now nothing would change
    done = run("ingest", tmp_path / "v1.csv", db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [nothing_to_change("v1.csv",
                                                                                 "4")])
    # v2 was replaced by batch 4: it cannot be undone under it
    done = run("rollback", 3, db=db)
    assert (done.returncode, done.stderr.strip()) == (
        1, t("error.batch-superseded", "en", batch=3, later=4))
    done = run("rollback", 4, db=db)
    assert (done.returncode, done.stdout.splitlines()) == (0, [
        t("rollback.done", "en", batch=4, removed=1, restored=1)])
    assert current(store) == [("V-1", OCT, 120, 3), ("V-2", OCT, 210, 2)]
    assert history(store) == [("V-1", OCT, 95, 2, 3, REPL), ("V-1", OCT, 95, 4, 4, RB)]
    assert statuses(store) == [(1, "committed"), (2, "committed"), (3, "committed"), (4, RB)]


def test_a_file_that_would_change_nothing_adds_no_batch_whatever_its_bytes(store):
    load(store, "register.csv", REGISTER)
    load(store, "a.csv", A)
    load(store, "c.csv", HEAD + ROW_3)
    state = snapshot(store)
    same_bytes = ingest.load(store, Upload("c.csv", (HEAD + ROW_3).encode()), today=TODAY)
    assert (same_bytes.result.batch_id, same_bytes.result.holders) == (None, (3,))
    assert same_bytes.summary("en") == [nothing_to_change("c.csv", "3")]
    assert same_bytes.summary("ja") == [nothing_to_change("c.csv", "3", "ja")]
    # other bytes, the same rows (CRLF, another order, rows of two batches)
    other = (HEAD + ROW_3 + ROW_2).replace("\n", "\r\n")
    other_bytes = ingest.load(store, Upload("mixed.csv", other.encode()), today=TODAY)
    assert (other_bytes.result.batch_id, other_bytes.result.unchanged) == (None, 2)
    assert other_bytes.summary("en") == [nothing_to_change("mixed.csv", "2, 3")]
    assert_same_state(state, snapshot(store))


def test_the_newest_batch_that_repeated_an_older_ones_rows_hands_them_back_exactly(store):
    """W (2) loads row 2, A (3) corrects it, B (4) repeats A's row 2 and adds row 3."""
    load(store, "register.csv", REGISTER)
    load(store, "w.csv", HEAD + ROW_2)
    load(store, "a.csv", HEAD + ROW_2.replace(",95", ",120"))
    load(store, "b.csv", HEAD + ROW_2.replace(",95", ",120") + ROW_3)
    assert rolled_back(store, 3) == (0, 0, 1)  # B still sends A's value: it stays, as B's
    assert current(store) == [("V-1", OCT, 120, 4), ("V-2", OCT, 210, 4)]
    assert history(store) == [("V-1", OCT, 95, 2, 4, REPL), ("V-1", OCT, 120, 3, 3, RB)]
    with pytest.raises(BatchError) as caught:  # W's row is replaced by B's now
        ingest.rollback(store, 2, "carol")
    assert (caught.value.key, caught.value.params) == (
        "error.batch-superseded", {"batch": 2, "later": 4})
    assert rolled_back(store, 4) == (2, 1, 0)  # and undoing B brings back W's
    assert current(store) == [("V-1", OCT, 95, 2)]
    assert history(store) == [("V-1", OCT, 120, 3, 3, RB), ("V-1", OCT, 120, 4, 4, RB),
                              ("V-2", OCT, 210, 4, 4, RB)]
    assert statuses(store) == [(1, "committed"), (2, "committed"), (3, RB), (4, RB)]


def test_a_register_resent_with_one_more_vendor_lets_the_first_be_rolled_back(store):
    load(store, "register.csv", REGISTER)
    more = REGISTER + "V-4,四葉ロジ,BPO,outsourcing,low,物流部,2026-01-01,,500,internal,\n"
    assert load(store, "register2.csv", more).result.unchanged == 3
    load(store, "a.csv", A)  # KPIs of V-1, a vendor both registers sent
    assert rolled_back(store, 1) == (0, 0, 3)
    vendors = store.table("vendors")
    assert list(zip(vendors["vendor_id"], vendors["batch_id"], strict=True)) == [
        ("V-1", 2), ("V-2", 2), ("V-3", 2), ("V-4", 2)]
    with pytest.raises(BatchError) as caught:  # now register 2 holds the used vendor
        ingest.rollback(store, 2, "carol")
    assert (caught.value.key, caught.value.params) == (
        "error.vendor-in-use", {"batch": 2, "ids": "V-1"})


def test_an_app_edit_that_renamed_a_key_cannot_be_undone_over_a_file_that_resent_it(store):
    actions = ("vendor_id,raised_on,action,owner,due_on,status\n"
               "V-1,2026-10-01,手順書を整備させる,佐藤,2026-11-01,open\n")
    load(store, "register.csv", REGISTER)
    load(store, "actions.csv", actions)
    from governance.catalog import ACTIONS
    key = {"vendor_id": "V-1", "raised_on": OCT, "action": "手順書を整備させる"}
    row = {**key, "owner": "佐藤", "due_on": dt.date(2026, 11, 1), "status": "open"}
    [saved] = store.save_records([(ACTIONS, [(key, {**row, "action": "手順書を改訂させる"})])],
                                 "suzuki")
    assert saved.batch_id == 3
    # the old text comes back from a file (4)
    load(store, "actions-again.csv", actions.replace("\n", "\r\n"))
    texts = store.table("actions")[["action", "batch_id"]].values.tolist()
    assert texts == [["手順書を改訂させる", 3], ["手順書を整備させる", 4]]
    state = snapshot(store)
    with pytest.raises(BatchError) as caught:  # undoing the rename would put it back twice
        ingest.rollback(store, 3, "carol")
    assert (caught.value.key, caught.value.params) == (
        "error.batch-superseded", {"batch": 3, "later": 4})
    assert_same_state(state, snapshot(store))


def test_the_upload_page_staging_agrees_with_the_store(store):
    load(store, "register.csv", REGISTER)
    load(store, "v1.csv", V1)
    load(store, "v2.csv", V2)
    state = snapshot(store)
    files = [staging.read("v1.csv", V1.encode()), staging.read("v2.csv", V2.encode()),
             staging.read("v2-crlf.csv", V2.replace("\n", "\r\n").encode())]
    resent, same, same_rows = staging.stage(store, files, TODAY)
    assert (resent.state, resent.loaded_as) == (staging.READY, None)
    assert (resent.preview.inserted, resent.preview.replaced_rows,
            resent.preview.unchanged) == (0, 1, 1)
    assert (same.state, same.loaded_as, same.holders) == (staging.LOADED, 3, (3,))
    assert (same_rows.state, same_rows.loaded_as, same_rows.holders) == (
        staging.LOADED, None, (2, 3))
    assert staging.committable([resent, same, same_rows]) == [resent]
    assert_same_state(state, snapshot(store))


# --- a database made before unchanged keys were recorded -----------------------------------

def _as_before_migration_5(store: Store) -> None:
    """Turn the store back into what version 4 wrote: the same rows, history and batches,
    without the record of unchanged keys."""
    def op(con):
        for kind in ("vendors", "kpis", "reviews", "actions"):
            con.execute(f'DROP TABLE "{kind}_unchanged"')
        con.execute("ALTER TABLE import_batches DROP COLUMN sent_recorded")
        con.execute("DROP TABLE removals")  # migration 6
        con.execute("DROP TABLE profiles")  # migration 7
        con.execute("DROP TABLE profiles_history")
        con.execute("DROP TABLE batch_profiles")
        for table in ("tickets", "tickets_history", "tickets_unchanged"):  # migration 8
            con.execute(f'DROP TABLE "{table}"')
        for kind in ("contracts", "subcontractors"):  # migration 9
            for table in (kind, f"{kind}_history", f"{kind}_unchanged"):
                con.execute(f'DROP TABLE "{table}"')
        con.execute("DELETE FROM schema_migrations WHERE version >= 5")
    store._run(op, transaction=True)


def test_an_older_database_migrates_and_its_unrecorded_batches_are_named(ab_store):
    _as_before_migration_5(ab_store)
    store = Store(ab_store.target)
    assert store.schema_version() == migrations.LATEST == 9
    recorded = store._run(lambda con: con.execute(
        "SELECT batch_id, sent_recorded FROM import_batches ORDER BY batch_id").fetchall())
    assert recorded == [(1, True), (2, True), (3, False)]  # B left a row unchanged
    # B's unchanged row 1 was never recorded: rolling back A removes it, and says that B
    # may have sent some of what was removed
    result = ingest.rollback(store, 2, "carol")
    assert (result.removed, result.restored, result.kept, result.unrecorded) == (2, 0, 0, (3,))
    assert ingest.rollback_summary(result, "ja") == [
        t("rollback.done", "ja", batch=2, removed=2, restored=0),
        t("rollback.unrecorded", "ja", batches="3")]
    assert current(store) == [("V-2", OCT, 210, 3)]
    # B's file is not "already loaded": loading it again puts row 1 back
    again = load(store, "b.csv", B).result
    assert (again.batch_id, again.inserted, again.unchanged) == (4, 1, 1)
    assert current(store) == [("V-1", SEP, 90, 4), ("V-2", OCT, 210, 3)]


def test_postgresql_keys_the_unchanged_tables_and_the_file_does_not(store):
    keys = store._run(lambda con: con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND database_name = current_database() AND schema_name = current_schema() "
        "AND table_name LIKE '%\\_unchanged' ESCAPE '\\' ORDER BY table_name").fetchall())
    pg = engine.parse_target(store.target).postgres
    assert [k[0] for k in keys] == (
        sorted(f"{kind}_unchanged" for kind in KINDS) if pg else [])
