"""When the database says no: retries decided by the error's type (never its text),
PostgreSQL writers taking turns, a ``?schema=`` that could reach SQL refused with its own
message, and a disk that fills up part-way through several files reported with every file
committed before it — on the file and on PostgreSQL."""

from __future__ import annotations

import errno
import threading
import uuid

import duckdb
import pytest
from conftest import TODAY, assert_same_state, snapshot
from test_store import KPIS_A, KPIS_B, REGISTER

from governance import cli
from governance.errors import DatabaseError, LoadInterrupted, StoreBusy
from governance.ingest import Upload, load_paths, staging
from governance.store import Store, engine


# --- what is retried ----------------------------------------------------------------------
def test_retries_are_chosen_by_the_type_of_the_error_not_its_text():
    assert engine.is_retryable(duckdb.TransactionException("anything at all"))
    assert engine.is_retryable(duckdb.ConstraintException("anything at all"))
    for text in ("could not serialize access due to concurrent update",
                 "Could not set lock on file", "deadlock detected",
                 "duplicate key value violates unique constraint"):
        # PostgreSQL's errors (plain duckdb.Error, localised text), and an IOException
        # raised after the file was opened (a full disk), are not taken for contention
        assert not engine.is_retryable(duckdb.Error(text))
        assert not engine.is_retryable(duckdb.IOException(text))


def test_a_conflict_is_retried_until_it_passes(clock):
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")
        return "written"

    assert engine.with_retry(flaky, "g.duckdb", timeout=10) == "written"
    assert (len(calls), clock.sleeps) == (3, 2)


def test_a_conflict_that_never_passes_ends_as_busy_after_the_timeout(clock):
    def never():
        raise duckdb.TransactionException("conflict")

    with pytest.raises(StoreBusy):
        engine.with_retry(never, "g.duckdb", timeout=5)
    assert 5 <= clock.now < 7  # waited the timeout (on the fake clock), then said so


def test_a_file_that_is_not_a_database_is_refused_at_once_not_retried(tmp_path, clock):
    path = tmp_path / "governance.db"  # e.g. another program's file
    path.write_text("vendor_id,month\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        Store(str(path), busy_timeout=60).counts()
    assert caught.value.params == {"target": str(path), "detail": "not a DuckDB database file"}
    assert clock.sleeps == 0


# --- PostgreSQL: writers take turns -------------------------------------------------------
@pytest.fixture
def pg_store(pg_url) -> Store:
    store = Store(f"{pg_url}?schema=t_{uuid.uuid4().hex[:12]}")
    ingest_text(store, "register.csv", REGISTER)
    return store


def ingest_text(store: Store, name: str, text: str):
    from governance import ingest

    upload = ingest.load(store, Upload(name, text.encode("utf-8")), user="alice", today=TODAY)
    assert upload.problems.errors == [] and upload.result is not None
    return upload.result


def _hold_writer_lock(store: Store, release: threading.Event, held: threading.Event):
    """One write transaction that has taken the writers' lock and waits."""
    def op(con):
        held.set()
        release.wait()
    store._run(op, transaction=True)


def _waiting_for_a_lock(store: Store) -> bool:
    rows = store._run(lambda con: con.execute(
        f"SELECT * FROM postgres_query('{engine.PG_ALIAS}', 'SELECT count(*) FROM "
        "pg_stat_activity WHERE wait_event_type = ''Lock''')").fetchone())
    return rows[0] > 0


def test_a_postgres_writer_waits_for_the_one_before_it_and_then_writes(pg_store):
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_writer_lock, args=(pg_store, release, held))
    holder.start()
    assert held.wait(120), "the first writer never took the lock"  # a hang guard only
    second = Store(pg_store.target, busy_timeout=600)
    outcome: list = []
    writer = threading.Thread(target=lambda: outcome.append(
        ingest_text(second, "a.csv", KPIS_A)))
    writer.start()
    try:
        while not _waiting_for_a_lock(pg_store):  # the second writer queues on the lock
            assert writer.is_alive(), "the second writer did not wait"
            threading.Event().wait(0.02)  # polling a condition; it decides nothing
    finally:
        release.set()
        holder.join()
    writer.join()
    assert [(r.batch_id, r.inserted) for r in outcome] == [(2, 3)]


def test_a_postgres_writer_that_cannot_get_its_turn_says_busy(pg_store):
    release, held = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_writer_lock, args=(pg_store, release, held))
    holder.start()
    assert held.wait(120), "the first writer never took the lock"  # a hang guard only
    before = snapshot(pg_store)
    try:
        with pytest.raises(StoreBusy) as caught:
            ingest_text(Store(pg_store.target, busy_timeout=0.2), "a.csv", KPIS_A)
    finally:
        release.set()
        holder.join()
    assert caught.value.message("en").startswith("The database is busy with another operation")
    assert_same_state(before, snapshot(pg_store))


# --- ?schema= -----------------------------------------------------------------------------
@pytest.mark.parametrize("schema", ['x";CREATE TABLE pwned (a int);--', "bu 1", "1bu", "a" * 64,
                                    "governance.kpis", ""])
def test_a_schema_that_is_not_a_plain_identifier_is_refused_with_its_own_message(schema):
    url = f"postgresql://gov:topsecret@127.0.0.1:1/governance?schema={schema}"
    with pytest.raises(DatabaseError) as caught:
        Store(url).counts()
    assert caught.value.key == "error.pg-schema"
    assert caught.value.exit_code == 2
    assert "topsecret" not in caught.value.message("en")


def test_a_crafted_schema_creates_nothing_on_the_server(pg_url, capsys):
    table = f"gov.public.pwned_{uuid.uuid4().hex[:6]}"
    url = f"{pg_url}?schema=x%22%3BCREATE%20TABLE%20{table}(a%20int)%3B--"
    assert cli.main(["batches", "--db", url, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f'schema=“x";CREATE TABLE {table}(a int);--” in the PostgreSQL URL')
    assert "is not a usable schema name" in err and "Cannot reach" not in err
    found = Store(pg_url)._run(lambda con: con.execute(
        f"SELECT * FROM postgres_query('{engine.PG_ALIAS}', 'SELECT count(*) FROM pg_tables "
        "WHERE tablename LIKE ''pwned%''')").fetchone())
    assert found == (0,)


# --- a disk that fills up part-way --------------------------------------------------------
def full_disk_after(monkeypatch, files: int) -> None:
    """``Store.write_batch`` fails like a full disk once ``files`` batches were written."""
    real = Store.write_batch
    written = []

    def write_batch(self, kind, frame, meta):
        if len(written) >= files:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(meta["file_name"])
        return real(self, kind, frame, meta)

    monkeypatch.setattr(Store, "write_batch", write_batch)


def _files(tmp_path):
    paths = []
    for name, text in (("kpis_a.csv", KPIS_A), ("register.csv", REGISTER),
                       ("kpis_b.csv", KPIS_B)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def test_a_full_disk_names_every_file_committed_before_it(store, tmp_path, monkeypatch):
    paths = _files(tmp_path)
    full_disk_after(monkeypatch, 2)  # the register and the first KPI file land
    with pytest.raises(LoadInterrupted) as caught:
        load_paths(store, paths, user="alice", today=TODAY)
    assert caught.value.message("en") == (
        "Writing kpis_b.csv failed (No space left on device); it and the files after it "
        "were not loaded. Loaded before the failure: register.csv, kpis_a.csv")
    assert caught.value.message("ja").startswith("kpis_b.csv の書き込みに失敗しました")
    assert store.batches()["file_name"].tolist() == ["register.csv", "kpis_a.csv"]


def test_a_full_disk_at_the_first_file_says_nothing_was_loaded(store, tmp_path, monkeypatch):
    paths = _files(tmp_path)
    before = snapshot(store)
    full_disk_after(monkeypatch, 0)
    selection = [staging.read(p.name, p.read_bytes()) for p in paths]
    with pytest.raises(LoadInterrupted) as caught:
        staging.commit(store, [s.upload for s in selection], "alice", TODAY)
    assert caught.value.message("en").endswith(
        "Writing register.csv failed (No space left on device); it and the files after it "
        "were not loaded. Loaded before the failure: none")
    assert_same_state(before, snapshot(store))


def test_the_cli_prints_the_files_committed_before_a_full_disk(tmp_path, monkeypatch, capsys):
    paths = _files(tmp_path)
    full_disk_after(monkeypatch, 1)
    monkeypatch.setenv("GOVERNANCE_LOG_DIR", str(tmp_path / "logs"))
    db = str(tmp_path / "g.duckdb")
    assert cli.main(["ingest", *map(str, paths), "--db", db, "--lang", "en"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("Writing kpis_a.csv failed (No space left on device); it and the "
                           "files after it were not loaded. Loaded before the failure: "
                           "register.csv Details: ")
    [log] = (tmp_path / "logs").iterdir()
    assert line.endswith(f" Details: {log}")
    assert "OSError: [Errno 28] No space left on device" in log.read_text(encoding="utf-8")


def test_a_server_that_goes_away_is_reported_as_unreachable_not_retried(clock):
    from postgres_cluster import Cluster

    cluster = Cluster()
    if not cluster.available:
        pytest.skip("no PostgreSQL here")
    try:
        store = Store(f"{cluster.start()}?schema=gone", busy_timeout=60)
        ingest_text(store, "register.csv", REGISTER)
    finally:
        cluster.stop()
    for attempt in (store.counts, lambda: ingest_text(store, "a.csv", KPIS_A)):
        with pytest.raises(DatabaseError) as caught:
            attempt()
        assert caught.value.key == "error.pg-unreachable"
        assert caught.value.params["dbname"] == "governance_test"
    assert clock.sleeps == 0
