"""The store: batches that replace and restore exactly, refused rollbacks, idempotent
re-uploads, a register that never deletes, migrations, and a database held by another
process."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from conftest import TODAY, assert_same_state, snapshot

from governance import ingest
from governance.errors import BatchError, DatabaseError, StoreBusy
from governance.i18n import t
from governance.ingest import Upload
from governance.store import Store, batches, frames, migrations

REGISTER = (
    "vendor_id,vendor_name,service_type,engagement,criticality,owner,contract_start,"
    "contract_end,annual_budget_jpy,data_access,exit_plan_updated\n"
    "V-1,一番商事㈱,BPO,outsourcing,high,人事部,2024-04-01,,1000,none,\n"
    "V-2,二見システム,ITO,contracting,low,情報システム部,2024-04-01,2027-03-31,2000,internal,"
    "2026-01-15\n"
    "V-3,三ツ星リサーチ,KPO,staffing,medium,経営企画部,2025-01-01,,3000,personal,\n"
)
KPIS_A = (
    "vendor_id,month,budget_jpy,actual_cost_jpy,sla_attainment_pct,access_review_done\n"
    "V-1,2026-09,100,90,99.5,yes\n"
    "V-1,2026-10,100,95,98,no\n"
    "V-2,2026-10,200,210,,\n"
)
# replaces V-1 2026-10 (cost and an optional value emptied), repeats V-2 2026-10 unchanged
# written differently, adds V-3 2026-10
KPIS_B = (
    "委託先ID,対象月,予算額,実績額,SLA達成率,アクセス権棚卸実施\n"
    "V-1,2026年10月,100,120,,済\n"
    "V-2,2026/10,200,\"¥210\",,\n"
    "V-3,2026-10,300,300,100%,○\n"
)
KPI_COLUMNS = ["vendor_id", "month", "budget_jpy", "actual_cost_jpy", "sla_attainment_pct",
               "access_review_done", "batch_id"]


def load(store: Store, name: str, text: str, encoding: str = "utf-8", user: str = "alice"):
    upload = ingest.load(store, Upload(name, text.encode(encoding)), user=user, today=TODAY)
    assert upload.problems.errors == []
    return upload.result


def records(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as plain Python values: dates as dates, every kind of missing as None."""
    out = []
    for row in frame[columns].itertuples(index=False):
        values = []
        for v in row:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                values.append(None)
            elif isinstance(v, pd.Timestamp):
                values.append(v.date())
            else:
                values.append(v.item() if hasattr(v, "item") else v)
        out.append(tuple(values))
    return out


@pytest.fixture
def kpi_store(store) -> Store:
    load(store, "register.csv", REGISTER)
    load(store, "a.csv", KPIS_A)
    return store


OCT, SEP = dt.date(2026, 10, 1), dt.date(2026, 9, 1)


# --- replace and roll back --------------------------------------------------------------

def test_a_later_file_replaces_a_vendor_month_and_keeps_the_old_values_in_history(kpi_store):
    result = load(kpi_store, "b.csv", KPIS_B)
    assert (result.batch_id, result.inserted, result.replaced, result.unchanged) == (3, 1, 1, 1)
    assert records(kpi_store.table("kpis"), KPI_COLUMNS) == [
        ("V-1", SEP, 100, 90, 99.5, True, 2),
        ("V-1", OCT, 100, 120, None, True, 3),
        ("V-2", OCT, 200, 210, None, None, 2),
        ("V-3", OCT, 300, 300, 100.0, True, 3),
    ]
    history = kpi_store.history("kpis")
    assert records(history, [*KPI_COLUMNS, "superseded_by", "reason"]) == [
        ("V-1", OCT, 100, 95, 98.0, False, 2, 3, "replaced")]


def test_rolling_back_a_replacing_batch_restores_the_exact_previous_values(kpi_store):
    before = snapshot(kpi_store)
    load(kpi_store, "b.csv", KPIS_B, user="bob")
    result = kpi_store.rollback(3, "carol")
    assert (result.batch_id, result.removed, result.restored) == (3, 2, 1)
    after = snapshot(kpi_store)
    pd.testing.assert_frame_equal(after["kpis"], before["kpis"])
    assert after["counts"] == before["counts"]
    assert records(after["kpis"], KPI_COLUMNS) == [
        ("V-1", SEP, 100, 90, 99.5, True, 2),
        ("V-1", OCT, 100, 95, 98.0, False, 2),
        ("V-2", OCT, 200, 210, None, None, 2),
    ]
    # the rolled-back rows stay recoverable in the history, marked as such
    assert records(after["kpis_history"], ["vendor_id", "actual_cost_jpy", "batch_id",
                                           "superseded_by", "reason"]) == [
        ("V-1", 120, 3, 3, "rolled_back"), ("V-3", 300, 3, 3, "rolled_back")]
    log = after["batches"].set_index("batch_id")
    assert log.loc[3, ["status", "rolled_back_by", "loaded_by", "rows_inserted",
                       "rows_replaced", "rows_unchanged"]].tolist() == [
        "rolled_back", "carol", "bob", 1, 1, 1]
    assert pd.notna(log.loc[3, "rolled_back_at"])
    assert log.loc[[1, 2], "status"].tolist() == ["committed", "committed"]


def test_a_rolled_back_file_can_be_loaded_again(kpi_store):
    load(kpi_store, "b.csv", KPIS_B)
    kpi_store.rollback(3, "carol")
    again = load(kpi_store, "b.csv", KPIS_B)
    assert (again.batch_id, again.nothing_changed, again.inserted, again.replaced) == (
        4, False, 1, 1)


def test_rolling_back_an_earlier_batch_replaced_by_a_later_one_is_refused(kpi_store):
    load(kpi_store, "b.csv", KPIS_B)
    before = snapshot(kpi_store)
    with pytest.raises(BatchError) as caught:
        kpi_store.rollback(2, "carol")
    assert (caught.value.key, caught.value.params) == (
        "error.batch-superseded", {"batch": 2, "later": 3})
    assert "3" in caught.value.message("ja") and "3" in caught.value.message("en")
    assert_same_state(before, snapshot(kpi_store))


def test_the_earlier_batch_can_be_rolled_back_once_the_later_one_is(kpi_store):
    load(kpi_store, "b.csv", KPIS_B)
    kpi_store.rollback(3, "carol")
    result = kpi_store.rollback(2, "carol")
    assert (result.removed, result.restored) == (3, 0)
    assert kpi_store.counts()["kpis"] == 0


def test_rolling_back_a_register_whose_new_vendors_have_kpis_is_refused(kpi_store):
    register_2 = REGISTER.replace("V-1,一番商事㈱", "V-1,一番商事株式会社") + \
        "V-4,四葉ロジ,BPO,outsourcing,low,物流部,2026-01-01,,500,internal,\n"
    result = load(kpi_store, "register2.csv", register_2)
    assert (result.batch_id, result.inserted, result.replaced, result.unchanged) == (3, 1, 1, 2)
    load(kpi_store, "v4.csv", "vendor_id,month,budget_jpy,actual_cost_jpy\nV-4,2026-10,5,5\n")
    before = snapshot(kpi_store)
    with pytest.raises(BatchError) as caught:
        kpi_store.rollback(3, "carol")
    assert (caught.value.key, caught.value.params) == (
        "error.vendor-in-use", {"batch": 3, "ids": "V-4"})
    assert_same_state(before, snapshot(kpi_store))
    # once the KPIs of the new vendor are gone, the register batch rolls back
    kpi_store.rollback(4, "carol")
    assert (kpi_store.rollback(3, "carol").removed, ) == (2, )
    vendors = kpi_store.table("vendors")
    assert vendors["vendor_id"].tolist() == ["V-1", "V-2", "V-3"]
    assert vendors.loc[0, "vendor_name"] == "一番商事㈱"


def test_rolling_back_a_register_that_only_updated_used_vendors_is_allowed(kpi_store):
    load(kpi_store, "register2.csv", REGISTER.replace("high,人事部", "medium,人事部"))
    result = kpi_store.rollback(3, "carol")
    assert (result.removed, result.restored) == (1, 1)
    assert kpi_store.table("vendors").loc[0, "criticality"] == "high"


def test_rolling_back_an_unknown_or_already_rolled_back_batch_is_refused(kpi_store):
    with pytest.raises(BatchError) as caught:
        kpi_store.rollback(99, "carol")
    assert (caught.value.key, caught.value.params) == ("error.batch-not-found", {"batch": 99})
    kpi_store.rollback(2, "carol")
    before = snapshot(kpi_store)
    with pytest.raises(BatchError) as caught:
        kpi_store.rollback(2, "carol")
    assert caught.value.key == "error.batch-not-active"
    assert_same_state(before, snapshot(kpi_store))


def test_a_write_that_fails_midway_leaves_nothing_behind(kpi_store, monkeypatch):
    before = snapshot(kpi_store)

    def broken_clock():
        raise RuntimeError("disk full")
    # the batch row is the last statement: the rows are already moved when it fails
    monkeypatch.setattr(batches, "_now", broken_clock)
    with pytest.raises(RuntimeError):
        ingest.load(kpi_store, Upload("b.csv", KPIS_B.encode()), user="bob", today=TODAY)
    assert_same_state(before, snapshot(kpi_store))


# --- idempotence ------------------------------------------------------------------------

def test_an_identical_re_upload_changes_nothing_and_adds_no_batch(kpi_store):
    before = snapshot(kpi_store)
    upload = ingest.load(kpi_store, Upload("a-again.csv", KPIS_A.encode()), today=TODAY)
    assert not upload.refused
    assert (upload.result.batch_id, upload.result.holders) == (None, (2,))
    assert upload.summary("en") == [
        t("ingest.nothing-to-change", "en", file="a-again.csv", batches="2")]
    assert_same_state(before, snapshot(kpi_store))


def test_the_store_itself_writes_no_batch_for_rows_that_would_change_nothing(kpi_store):
    upload = ingest.check(kpi_store, ingest.read(Upload("a.csv", KPIS_A.encode())), TODAY)
    before = snapshot(kpi_store)
    result = kpi_store.write_batch(upload.checked.kind, upload.checked.frame,
                                   {"file_name": "a.csv", "sha256": "other", "user": "x"})
    assert (result.batch_id, result.nothing_changed, result.unchanged, result.holders) == (
        None, True, 3, (2,))
    assert_same_state(before, snapshot(kpi_store))


@pytest.mark.parametrize(("variant", "encoding"), [
    (KPIS_A.replace("\n", "\r\n"), "utf-8"),
    ("\ufeff" + KPIS_A, "utf-8"),
    (KPIS_A.replace("vendor_id,month,budget_jpy,actual_cost_jpy,sla_attainment_pct,"
                    "access_review_done",
                    "委託先ID,対象月,予算額,実績額,SLA達成率,アクセス権棚卸実施")
     .replace("2026-09", "2026年9月").replace("99.5", "99.5%").replace("yes", "済"), "cp932"),
], ids=["crlf", "bom", "cp932-japanese-forms"])
def test_the_same_content_in_different_bytes_changes_nothing_and_adds_no_batch(
        kpi_store, variant, encoding):
    before = snapshot(kpi_store)
    result = load(kpi_store, "a2.csv", variant, encoding)
    assert (result.batch_id, result.inserted, result.replaced, result.unchanged,
            result.holders) == (None, 0, 0, 3, (2,))
    assert_same_state(before, snapshot(kpi_store))


# --- the register -----------------------------------------------------------------------

def test_a_register_without_a_vendor_keeps_that_vendor_and_says_so(kpi_store):
    without_v2 = "\n".join(line for line in REGISTER.splitlines()
                           if not line.startswith("V-2,")) + "\n"
    upload = ingest.load(kpi_store, Upload("register2.csv", without_v2.encode()), today=TODAY)
    assert (upload.result.kept_vendors, upload.result.unchanged) == (("V-2",), 2)
    assert kpi_store.table("vendors")["vendor_id"].tolist() == ["V-1", "V-2", "V-3"]
    assert upload.summary("en")[1] == t("ingest.kept-vendors", "en", count=1, ids="V-2")
    # the same with one vendor changed: a batch, which keeps V-2 too
    changed = without_v2.replace("high,人事部", "medium,人事部")
    upload = ingest.load(kpi_store, Upload("register3.csv", changed.encode()), today=TODAY)
    assert (upload.result.batch_id, upload.result.kept_vendors) == (3, ("V-2",))
    assert kpi_store.table("vendors")["vendor_id"].tolist() == ["V-1", "V-2", "V-3"]


def test_the_demo_register_loads_all_fourteen_vendors(demo_store):
    assert demo_store.counts() == {"vendors": 14, "kpis": 334, "reviews": 42, "actions": 31,
                                       "tickets": 0, "contracts": 15, "subcontractors": 6}
    assert demo_store.batches()["status"].tolist() == ["committed"] * 6


# --- schema -----------------------------------------------------------------------------

def test_a_fresh_database_is_at_the_latest_schema(store):
    assert store.schema_version() == migrations.LATEST
    assert store.counts() == {"vendors": 0, "kpis": 0, "reviews": 0, "actions": 0,
                              "tickets": 0, "contracts": 0, "subcontractors": 0}
    assert not store.has_history()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path):
    path = str(tmp_path / "g.duckdb")
    Store(path).schema_version()
    with duckdb.connect(path) as con:
        con.execute("INSERT INTO governance.schema_migrations VALUES (?, 'from the future', "
                    "current_timestamp)", [migrations.LATEST + 1])
    with pytest.raises(DatabaseError) as caught:
        Store(path).counts()
    assert (caught.value.key, caught.value.params) == (
        "error.schema-too-new", {"found": migrations.LATEST + 1, "supported": migrations.LATEST})
    assert caught.value.exit_code == 2
    with duckdb.connect(path) as con:
        assert con.execute("SELECT max(version) FROM governance.schema_migrations"
                           ).fetchone() == (migrations.LATEST + 1,)


def test_a_catalog_column_missing_from_an_old_database_is_added_back(tmp_path):
    path = str(tmp_path / "g.duckdb")
    Store(path).schema_version()
    with duckdb.connect(path) as con:
        con.execute("ALTER TABLE governance.kpis DROP COLUMN report_delay_days")
        con.execute("ALTER TABLE governance.kpis_history DROP COLUMN report_delay_days")
    store = Store(path)
    assert "report_delay_days" in store.table("kpis").columns
    assert "report_delay_days" in store.history("kpis").columns
    assert store.schema_version() == migrations.LATEST


# --- another process holding the database -----------------------------------------------

HOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()  # holds until the test ends it, however long the test takes
"""


def test_a_write_while_another_process_holds_the_database_raises_store_busy(kpi_store, clock):
    if kpi_store.target.startswith("postgresql://"):
        pytest.skip("DuckDB's single-writer file lock; PostgreSQL has no such lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, kpi_store.target],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        busy = Store(kpi_store.target, busy_timeout=0.5)
        with pytest.raises(StoreBusy) as caught:
            ingest.load(busy, Upload("b.csv", KPIS_B.encode()), today=TODAY)
        # it kept trying for the timeout (on the fake clock: no test waits on the real one)
        assert clock.sleeps >= 2 and 0.5 <= clock.now < 0.5 + 1.5
        assert caught.value.key == "error.busy"
        assert kpi_store.target in caught.value.message("en")
        with pytest.raises(StoreBusy):
            busy.rollback(2, "carol")
    finally:
        holder.kill()
        holder.wait()
    assert kpi_store.batches()["batch_id"].tolist() == [1, 2]
    assert kpi_store.counts()["kpis"] == 3


EDGE_SQL = [
    "SELECT 1::INTEGER a, NULL::INTEGER b, 1.5::FLOAT8 d, 'x' s, NULL::VARCHAR s2, "
    "TIMESTAMP '2026-01-01 10:00' ts, DATE '2026-01-01' dt, true bo, NULL::BOOLEAN bn, "
    "1::BIGINT bi, NULL::FLOAT8 dn, TIMESTAMPTZ '2026-01-01 10:00:00+09' tz",
    "SELECT * FROM (VALUES (1::INTEGER, NULL::BOOLEAN, NULL::DATE, 2.0::FLOAT8, 'a'), "
    "(NULL, true, DATE '2026-02-01', NULL, NULL)) t(a, b, c, d, e)",
    "SELECT 1::INTEGER a, DATE '2026-01-01' b, 'x' c WHERE false",
]


@pytest.mark.parametrize("sql", EDGE_SQL)
def test_frames_read_through_arrow_have_the_dtypes_and_values_of_duckdb_df(sql):
    con = duckdb.connect()
    pd.testing.assert_frame_equal(frames.frame(con.execute(sql)), con.execute(sql).df())


def test_every_stored_table_reads_the_same_through_arrow_as_through_df(kpi_store):
    tables = [*(k for k in ("vendors", "kpis", "reviews", "actions")),
              *(f"{k}_history" for k in ("vendors", "kpis", "reviews", "actions")),
              "import_batches", "record_changes"]
    load(kpi_store, "b.csv", KPIS_B)  # a replaced row in kpis_history, NULLs in kpis
    assert len(kpi_store.history("kpis")) == 1
    for table in tables:
        sql = f'SELECT * FROM "{table}"'
        fast = kpi_store._run(lambda con, sql=sql: frames.frame(con.execute(sql)))
        slow = kpi_store._run(lambda con, sql=sql: con.execute(sql).df())
        pd.testing.assert_frame_equal(fast, slow, obj=table)


def test_two_sessions_of_one_app_process_loading_at_once_both_land(kpi_store):
    """Two threads of one process (two browser sessions of the app) commit at the same
    moment: DuckDB sees conflicting batch ids at commit; the loser retries and lands
    (PostgreSQL: they take turns). The retries are not given a deadline a slow machine
    could miss: the outcome must not depend on speed."""
    import threading

    files = [(f"2025-{m:02d}", "".join(f"V-{v},2025-{m:02d},100,{90 + v},,\n"
                                        for v in (1, 2, 3))) for m in range(1, 7)]
    results, errors = [], []
    start = threading.Barrier(len(files))

    patient = Store(kpi_store.target, busy_timeout=3600)

    def one(month, body):
        start.wait()
        try:
            results.append(load(patient, f"k{month}.csv", "vendor_id,month,budget_jpy,"
                                "actual_cost_jpy,sla_attainment_pct,access_review_done\n"
                                + body))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=f) for f in files]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    assert sorted(r.batch_id for r in results) == [3, 4, 5, 6, 7, 8]
    assert len(kpi_store.table("kpis")) == 3 + 6 * 3
    batches_ = kpi_store.batches()
    assert batches_["status"].tolist() == ["committed"] * 8


def test_a_file_made_before_migration_4_keeps_every_row_and_loses_only_the_key_index(
        tmp_path):
    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA governance")
    con.execute("USE governance")
    con.execute("CREATE TABLE schema_migrations (version BIGINT NOT NULL, name VARCHAR NOT "
                "NULL, applied_at TIMESTAMP NOT NULL)")
    for number, name, step in migrations.MIGRATIONS[:3]:
        step(con, str(path))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)",
                    [number, name])
    migrations.MIGRATIONS[4][2](con, str(path))  # what today's writes need, taken away below
    con.close()
    old = Store(str(path))
    old._migrated = True  # write with the version-3 schema, primary keys and all
    load(old, "register.csv", REGISTER)
    load(old, "a.csv", KPIS_A)
    with duckdb.connect(str(path)) as con:
        for kind in ("vendors", "kpis", "reviews", "actions"):
            con.execute(f"DROP TABLE governance.{kind}_unchanged")
        con.execute("ALTER TABLE governance.import_batches DROP COLUMN sent_recorded")
    before = snapshot(old)
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = "
                           "'kpis' AND constraint_type = 'PRIMARY KEY'").fetchone() == (1,)

    store = Store(str(path))
    assert store.schema_version() == migrations.LATEST == 9
    after = snapshot(store)
    assert len(after.pop("schema_migrations")) == len(before.pop("schema_migrations")) + 6
    for kind in ("contracts", "subcontractors"):  # migration 9's tables, new and empty
        for table in (kind, f"{kind}_history", f"{kind}_unchanged"):
            assert after.pop(table).empty
        assert after["counts"].pop(kind) == 0
    for kind in ("vendors", "kpis", "reviews", "actions"):  # migration 5: empty to begin with
        assert after.pop(f"{kind}_unchanged").empty
    assert after["import_batches"].pop("sent_recorded").tolist() == [True, True]
    assert after.pop("removals").empty  # migration 6's table, new and empty
    for table in ("profiles", "profiles_history", "batch_profiles"):  # migration 7's
        assert after.pop(table).empty
    for table in ("tickets", "tickets_history", "tickets_unchanged"):  # migration 8's
        assert after.pop(table).empty
    after["counts"].pop("tickets")
    assert_same_state(before, after)
    with duckdb.connect(str(path)) as con:
        kinds = dict(con.execute(
            "SELECT table_name, list(constraint_type ORDER BY constraint_type) FROM "
            "duckdb_constraints() WHERE table_name IN ('vendors', 'kpis', 'reviews', "
            "'actions') GROUP BY table_name").fetchall())
    assert "PRIMARY KEY" not in {c for cs in kinds.values() for c in cs}
    assert kinds["kpis"].count("NOT NULL") == 3  # vendor_id, month, batch_id
    result = load(store, "b.csv", KPIS_B)  # and it still replaces and keeps history
    assert (result.inserted, result.replaced, result.unchanged) == (1, 1, 1)


def test_postgresql_keeps_the_primary_keys(store):
    if not store.target.startswith("postgresql"):
        pytest.skip("the file drops the key index (migration 4)")
    keys = store._run(lambda con: con.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "AND database_name = current_database() AND schema_name = current_schema() "
        "AND table_name IN ('vendors', 'kpis', 'reviews', 'actions')").fetchone()[0])
    assert keys == 4


def test_a_page_run_holds_the_file_and_releases_it_when_the_run_ends(tmp_path):
    path = str(tmp_path / "held.duckdb")
    store = Store(path)
    load(store, "register.csv", REGISTER)
    other = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
             path]
    with store.held():
        assert store.counts()["vendors"] == 3  # reads inside the run reuse the open file
        busy = subprocess.run(other, capture_output=True, text=True)
        assert busy.returncode != 0 and "lock" in busy.stderr.lower()
    assert subprocess.run(other, capture_output=True, text=True).returncode == 0
