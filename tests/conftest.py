"""Shared fixtures: a fresh store per test, a store with the demo data, the app's database
for AppTest, a fixed today."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pandas.testing as pdt
import pytest

from governance import demo
from governance.catalog import KINDS
from governance.store import Store

TODAY = dt.date(2026, 11, 26)
AFTER_DEMO = len(demo.files()) + 1  # the first batch after the demo's (one per demo file)
ROOT = Path(__file__).resolve().parents[1]


ENGINES = ("duckdb", "postgres")


@pytest.fixture(autouse=True, scope="session")
def _log_dir(tmp_path_factory):
    """The CLI's internal-error logs of a test run (in-process and in subprocesses) go to
    a temporary directory, not to data/logs."""
    os.environ["GOVERNANCE_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))


@pytest.fixture(scope="session")
def pg_url():
    """A PostgreSQL database for the tests: ``$GOVERNANCE_TEST_PG_URL``, else a throw-away
    cluster started here (tests/postgres_cluster.py). Never skipped in CI."""
    import os

    from postgres_cluster import Cluster

    given = os.environ.get("GOVERNANCE_TEST_PG_URL")
    if given:
        yield given
        return
    cluster = Cluster()
    if not cluster.available:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL (initdb) is required in CI: apt-get install postgresql")
        pytest.skip("no PostgreSQL here (apt-get install postgresql)")
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def fresh_target(engine: str, tmp_path: Path, request) -> str:
    """A new, empty database of ``engine``: a file, or a schema of its own on the server."""
    if engine == "duckdb":
        return str(tmp_path / "g.duckdb")
    import uuid

    return f"{request.getfixturevalue('pg_url')}?schema=t_{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=ENGINES)
def store(request, tmp_path) -> Store:
    """A fresh store on each engine: every test that takes it runs on both."""
    return Store(fresh_target(request.param, tmp_path, request))


@pytest.fixture(scope="session")
def _demo_db(tmp_path_factory) -> Path:
    """The demo data loaded once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    uploads = demo.load(Store(str(path)))
    assert [u.refused for u in uploads] == [False] * len(demo.files())
    assert not Path(str(path) + ".wal").exists()
    return path


@pytest.fixture(params=ENGINES)
def demo_store(request, tmp_path, _demo_db) -> Store:
    """The demo data on each engine (copied to the server with ``Store.copy_to``)."""
    if request.param == "duckdb":
        path = tmp_path / "g.duckdb"
        shutil.copyfile(_demo_db, path)
        return Store(str(path))
    target = Store(fresh_target("postgres", tmp_path, request))
    Store(str(_demo_db)).copy_to(target)
    return target


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The app's database for AppTest: a fresh file per test (``$GOVERNANCE_DB``; the app
    loads the demo data into it), with streamlit's caches cleared before and after."""
    import streamlit as st

    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()


class FakeClock:
    """``engine.time`` for tests: sleeping advances the clock, nothing waits. A retry
    loop then ends by its count of attempts, never by how fast the machine is."""

    def __init__(self) -> None:
        self.now, self.sleeps = 0.0, 0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.sleeps += 1


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    """The store's retry loop on a ``FakeClock``."""
    from governance.store import engine

    fake = FakeClock()
    monkeypatch.setattr(engine, "time", fake)
    return fake


@pytest.fixture
def demo_app_db(tmp_path, monkeypatch, _demo_db):
    """The app's database for AppTest holding the demo data already (a copy of the
    session's file), with streamlit's caches and the sign-in lock-out reset before and
    after."""
    import streamlit as st

    from governance import access

    path = tmp_path / "app.duckdb"
    shutil.copyfile(_demo_db, path)
    monkeypatch.setenv("GOVERNANCE_DB", str(path))
    for reset in (st.cache_data.clear, st.cache_resource.clear, access.LOCKOUT.__init__):
        reset()
    yield path
    for reset in (st.cache_data.clear, st.cache_resource.clear, access.LOCKOUT.__init__):
        reset()


def snapshot(store: Store) -> dict:
    """Everything a refused or interrupted write must leave untouched: every table of the
    store's schema (upload tables, their history, batches, migrations and any table added
    later), read in one connection. Keys: table names, plus ``counts`` (rows per upload
    kind) and ``batches`` (the import history)."""

    def read_all(con) -> dict:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name").fetchall()]
        state = {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').df()
                 for name in tables}
        state["counts"] = {kind: len(state[kind]) for kind in KINDS if kind in state}
        state["batches"] = state["import_batches"]
        return state

    return store._run(read_all)


def assert_same_state(before: dict, after: dict) -> None:
    assert after["counts"] == before["counts"]
    assert sorted(after) == sorted(before)
    for key, frame in before.items():
        if key != "counts":
            pdt.assert_frame_equal(after[key], frame, obj=key)


def kill_at_stage(args: list[str], stage: str, tmp_path: Path) -> bytes:
    """Run ``python -m governance *args``, wait until it reaches ``stage`` (it pauses there,
    see ``governance.pause``), SIGKILL it and return its output. Fails if the process ends
    without reaching the stage."""
    import signal
    import subprocess
    import sys
    import time

    marker = tmp_path / f"paused-{stage}"
    env = {**os.environ, "GOVERNANCE_TEST_PAUSE_AT": stage,
           "GOVERNANCE_TEST_PAUSE_FILE": str(marker)}
    proc = subprocess.Popen([sys.executable, "-m", "governance", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        while not marker.exists() and proc.poll() is None:
            time.sleep(0.01)  # polling for the marker; the stage, not the clock, decides
        assert marker.exists(), f"never reached {stage}: {proc.communicate()[0][-2000:]!r}"
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    return out


def month_data(store: Store, month):
    """``governance.views.month.read`` of ``month`` with the default scoring configuration."""
    from governance.calendar import Month
    from governance.scoring import ScoringConfig
    from governance.views import month as month_view

    return month_view.read(store, Month.of(month), ScoringConfig())


def tool(name: str) -> str:
    """The path of a poppler tool (pdftoppm, pdftotext, pdffonts, pdfinfo): skipped when
    missing, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} (poppler-utils) is missing in CI; .ci/run installs it")
        pytest.skip(f"{name} not installed (apt-get install poppler-utils)")
    return path


def pdf_or_skip() -> None:
    """Skip where WeasyPrint cannot run (fail in CI, where it must)."""
    from governance.report.pdf import pdf_problem

    if pdf_problem():
        if os.environ.get("CI") == "true":
            pytest.fail(f"WeasyPrint cannot run in CI: {pdf_problem()}")
        pytest.skip(f"WeasyPrint unavailable: {pdf_problem()}")
