"""An ingest killed with SIGKILL part-way leaves the database exactly as it was: while it
is still reading and checking the file, and while it is writing the batch."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, TODAY, assert_same_state, cpu_seconds, snapshot

from governance import ingest
from governance.ingest import Upload

pytestmark = pytest.mark.slow

DEMO_VENDORS = ([f"V-BPO-0{i}" for i in range(1, 6)] + [f"V-ITO-0{i}" for i in range(1, 6)]
                + [f"V-KPO-0{i}" for i in range(1, 5)])
ROWS = 300_000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """300,000 distinct vendor-months (years 0001 onwards) with canonical headers."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["vendor_id", "month", "budget_jpy", "actual_cost_jpy",
                         "change_requests", "sla_attainment_pct", "access_review_done"])
        for i in range(ROWS):
            m = i // len(DEMO_VENDORS)
            writer.writerow([DEMO_VENDORS[i % len(DEMO_VENDORS)],
                             f"{1 + m // 12:04d}-{m % 12 + 1:02d}", 1_000_000 + i, 990_000 + i,
                             i % 5, 99.5, "yes" if i % 2 else "no"])
    assert path.stat().st_size < 20 * 1024 * 1024  # under the upload limit
    return path


def _writing(db: Path, size_before: int) -> bool:
    wal = Path(str(db) + ".wal")
    return (wal.exists() and wal.stat().st_size > 0) or db.stat().st_size != size_before


def _start_ingest(csv_path: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "governance", "ingest", str(csv_path), "--db", str(db)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _kill_when(process: subprocess.Popen, ready) -> bytes:
    """SIGKILL ``process`` as soon as ``ready()``; fail if it finished first."""
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and not ready():
            time.sleep(0.002)
        assert process.poll() is None, (
            "the ingest finished before it could be killed: make the file larger")
        process.kill()
    finally:
        if process.poll() is None:
            process.kill()
        out, _ = process.communicate(timeout=30)
    assert process.returncode == -9
    return out


def _file_only(store) -> None:
    if store.target.startswith("postgresql://"):
        pytest.skip("watches DuckDB's file and WAL; the PostgreSQL kill test is in "
                    "test_postgres.py")


def _still_writable(store, batch_id: int) -> None:
    upload = ingest.load(store, Upload("k.csv", "委託先ID,対象月,予算額,実績額\r\n"
                                       "V-BPO-01,2026/10,1,1\r\n".encode()), today=TODAY)
    assert (upload.result.batch_id, upload.result.replaced) == (batch_id, 1)


def _ingest_started(demo_store, big_csv):
    """The file, its state and size before, and a CLI ingest of ``big_csv`` running on it."""
    _file_only(demo_store)
    db = Path(demo_store.target)
    before = snapshot(demo_store)
    return db, before, db.stat().st_size, _start_ingest(big_csv, db)


def test_an_ingest_killed_while_checking_the_file_leaves_the_database_as_it_was(
        demo_store, big_csv):
    db, before, size_before, process = _ingest_started(demo_store, big_csv)

    def checking_for_a_while() -> bool:
        # two CPU seconds into a 300,000-row file: reading and checking, not yet writing
        if cpu_seconds(process.pid) < 2.0:
            return False
        assert not _writing(db, size_before), "reached the write sooner than expected"
        return True

    out = _kill_when(process, checking_for_a_while)
    assert b"batch" not in out and "取り込みました".encode() not in out
    assert_same_state(before, snapshot(demo_store))
    _still_writable(demo_store, 5)


def test_an_ingest_killed_as_it_writes_leaves_all_of_the_batch_or_none_of_it(
        demo_store, big_csv):
    db, before, size_before, process = _ingest_started(demo_store, big_csv)
    _kill_when(process, lambda: _writing(db, size_before))

    after = snapshot(demo_store)
    if after["counts"] == before["counts"]:
        assert_same_state(before, after)  # killed before the commit was durable
        _still_writable(demo_store, 5)
        return
    # killed after the commit: the whole batch, and its batch row, are there
    assert after["counts"] == {**before["counts"], "kpis": before["counts"]["kpis"] + ROWS}
    new = after["batches"].iloc[-1]
    assert (new["batch_id"], new["status"], new["rows_inserted"]) == (5, "committed", ROWS)
    assert (after["kpis"]["batch_id"] == 5).sum() == ROWS
    pd.testing.assert_frame_equal(after["batches"].iloc[:4], before["batches"])
    pd.testing.assert_frame_equal(
        after["kpis"][after["kpis"]["batch_id"] != 5].reset_index(drop=True), before["kpis"])
    _still_writable(demo_store, 6)
