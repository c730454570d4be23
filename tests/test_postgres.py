"""The shared-deployment path: the same store on a PostgreSQL server — copy between
engines, clear errors that never show the password, concurrent and interrupted ingests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from conftest import kill_at_stage

from governance import demo
from governance.errors import DatabaseError
from governance.store import Store
from governance.store.engine import describe, parse_target

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "governance", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_a_postgres_url_is_parsed_and_described_without_its_password():
    target = parse_target("postgresql://gov:s3cret@db.example:6543/governance?schema=bu1")
    assert (target.postgres, target.host, target.port, target.dbname, target.user,
            target.schema) == (True, "db.example", "6543", "governance", "gov", "bu1")
    assert "s3cret" not in target.describe()
    assert target.libpq_url == "postgresql://gov:s3cret@db.example:6543/governance"
    assert describe("data/governance.duckdb") == "data/governance.duckdb"


def test_copy_round_trips_file_server_file_with_identical_scores_and_history(
        tmp_path, pg_schema_url):
    source = str(tmp_path / "source.duckdb")
    demo.load(Store(source))
    cli("rollback", "4", "--db", source, check=True)  # some history worth copying
    copied = cli("copy", source, pg_schema_url, "--lang", "en", check=True)
    assert "(10 tables" in copied.stdout or "tables" in copied.stdout
    back = str(tmp_path / "back.duckdb")
    cli("copy", pg_schema_url, back, check=True)
    scores = [cli("score", "--month", "2026-10", "--db", db, "--format", "json",
                  check=True).stdout for db in (source, pg_schema_url, back)]
    assert json.loads(scores[0]) == json.loads(scores[1]) == json.loads(scores[2])
    assert len(json.loads(scores[0])) == 14
    for db in (pg_schema_url, back):
        batches = Store(db).batches()
        assert batches["status"].tolist() == ["committed"] * 3 + ["rolled_back"] + [
            "committed"] * (len(demo.files()) - 4)
        assert Store(db).counts() == Store(source).counts()


def test_copy_refuses_a_target_that_holds_data_unless_replace(tmp_path, pg_schema_url):
    source = str(tmp_path / "source.duckdb")
    demo.load(Store(source))
    cli("copy", source, pg_schema_url, check=True)
    again = cli("copy", source, pg_schema_url, "--lang", "en")
    assert again.returncode == 1
    assert "already holds data" in again.stderr and "Traceback" not in again.stderr
    cli("copy", source, pg_schema_url, "--replace", check=True)
    assert Store(pg_schema_url).counts()["kpis"] == 334


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda u: u.replace(u.split("@")[1].split("/")[0], "127.0.0.1:1"),
     "Cannot reach the PostgreSQL server (host 127.0.0.1, port 1"),
    (lambda u: u.rsplit("/", 1)[0] + "/no_such_db", "There is no database no_such_db"),
    (lambda u: u.replace("postgres:topsecret@", "nobody:topsecret@"),
     "PostgreSQL refused the login (user nobody"),
])
def test_connection_errors_are_one_clear_line_without_the_password(pg_url, mutate, expected):
    url = mutate(pg_url.replace("postgres@", "postgres:topsecret@"))
    done = cli("batches", "--db", url, "--lang", "en")
    assert done.returncode == 2
    assert expected in done.stderr
    assert "topsecret" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_store_raises_a_database_error_for_an_unreachable_server():
    with pytest.raises(DatabaseError) as err:
        Store("postgresql://x:pw@127.0.0.1:1/none").counts()
    assert "pw" not in err.value.message("en").replace("PostgreSQL", "")


def _kpi_file(path, vendors, month, budget):
    lines = ["vendor_id,month,budget_jpy,actual_cost_jpy"]
    lines += [f"{v},{month},{budget},{budget}" for v in vendors]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_processes_ingesting_into_postgres_at_once_lose_nothing(tmp_path, pg_schema_url):
    demo.load(Store(pg_schema_url))
    vendors = Store(pg_schema_url).table("vendors")["vendor_id"].tolist()
    a = _kpi_file(tmp_path / "a.csv", vendors, "2026-11", 1_000_000)
    b = _kpi_file(tmp_path / "b.csv", vendors, "2026-11", 2_000_000)
    # the second waits for the first's turn: no deadline a slow machine could miss
    env = {**os.environ, "GOVERNANCE_BUSY_TIMEOUT": "3600"}
    procs = [subprocess.Popen([sys.executable, "-m", "governance", "ingest", str(f), "--db",
                               pg_schema_url], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    store = Store(pg_schema_url)
    batches = store.batches()
    assert set(batches["file_name"]) >= {"a.csv", "b.csv"}
    kpis = store.table("kpis")
    november = kpis[kpis["month"].astype(str).str.startswith("2026-11")]
    assert len(november) == 14  # one row per vendor-month, never two
    later = batches[batches["file_name"].isin(["a.csv", "b.csv"])].iloc[-1]
    expected = 1_000_000 if later["file_name"] == "a.csv" else 2_000_000
    assert set(november["budget_jpy"]) == {expected}
    history = store.history("kpis")
    assert len(history[history["superseded_by"] == later["batch_id"]]) == 14


@pytest.mark.parametrize("stage", ["validate", "write", "commit"])
def test_kill_during_a_postgres_ingest_leaves_the_previous_state(tmp_path, pg_schema_url,
                                                                 stage):
    from bench import data
    store = Store(pg_schema_url)
    demo.load(store)
    register = data.write_csv(data.vendors(2000), tmp_path / "vendors.csv")
    cli("ingest", str(register), "--db", pg_schema_url, check=True)
    before = (store.counts(), store.batches()["batch_id"].tolist())
    big = data.write_csv(data.kpis(2000, 12), tmp_path / "big.csv")
    kill_at_stage(["ingest", str(big), "--db", pg_schema_url, "--max-mb", "500"], stage,
                  tmp_path)
    after = (store.counts(), store.batches()["batch_id"].tolist())
    assert after == before


@pytest.fixture
def pg_schema_url(pg_url):
    """A fresh schema in the session's PostgreSQL database."""
    return f"{pg_url}?schema=t_{uuid.uuid4().hex[:12]}"
