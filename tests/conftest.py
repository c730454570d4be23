"""Shared fixtures: a fresh store per test, a store with the demo data, a fixed today."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas.testing as pdt
import pytest

from governance import demo
from governance.catalog import KINDS
from governance.store import Store

TODAY = dt.date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(str(tmp_path / "g.duckdb"))


@pytest.fixture(scope="session")
def _demo_db(tmp_path_factory) -> Path:
    """The demo data loaded once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    uploads = demo.load(Store(str(path)))
    assert [u.refused for u in uploads] == [False] * 4
    assert not Path(str(path) + ".wal").exists()
    return path


@pytest.fixture
def demo_store(tmp_path, _demo_db) -> Store:
    path = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, path)
    return Store(str(path))


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
        state["counts"] = {kind: len(state[kind]) for kind in KINDS}
        state["batches"] = state["import_batches"]
        return state

    return store._run(read_all)


def assert_same_state(before: dict, after: dict) -> None:
    assert after["counts"] == before["counts"]
    assert sorted(after) == sorted(before)
    for key, frame in before.items():
        if key != "counts":
            pdt.assert_frame_equal(after[key], frame, obj=key)
