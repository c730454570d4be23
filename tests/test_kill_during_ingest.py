"""An ingest killed with SIGKILL part-way leaves the database exactly as it was: while it
is checking the file, while it writes the batch, just before its commit; killed just after
the commit, the whole batch is there. The process waits at a named stage
(``governance.pause``), so where the kill lands never depends on the machine's speed."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from conftest import AFTER_DEMO, TODAY, assert_same_state, kill_at_stage, snapshot

from governance import ingest
from governance.ingest import Upload

DEMO_VENDORS = ([f"V-BPO-0{i}" for i in range(1, 6)] + [f"V-ITO-0{i}" for i in range(1, 6)]
                + [f"V-KPO-0{i}" for i in range(1, 5)])
MONTHS = pd.date_range("1990-01-01", "2023-12-01", freq="MS")
ROWS = len(DEMO_VENDORS) * len(MONTHS)


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory) -> Path:
    """Every demo vendor in every month of 1990–2023 (before the demo's), canonical
    headers."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["vendor_id", "month", "budget_jpy", "actual_cost_jpy",
                         "change_requests", "change_request_cost_jpy", "sla_attainment_pct",
                         "access_review_done"])
        for i, (month, vendor) in enumerate((m, v) for m in MONTHS for v in DEMO_VENDORS):
            writer.writerow([vendor, f"{month:%Y-%m}", 1_000_000 + i, 990_000 + i, i % 5, 0,
                             99.5, "yes" if i % 2 else "no"])
    return path



def _file_only(store) -> None:
    if store.target.startswith("postgresql://"):
        pytest.skip("one engine is enough for the stages; test_postgres.py kills a "
                    "PostgreSQL ingest")


def _still_writable(store, batch_id: int) -> None:
    upload = ingest.load(store, Upload("k.csv", "委託先ID,対象月,予算額,実績額\r\n"
                                       "V-BPO-01,2026/10,1,1\r\n".encode()), today=TODAY)
    assert (upload.result.batch_id, upload.result.replaced) == (batch_id, 1)


@pytest.mark.parametrize("stage", ["validate", "write", "commit"])
def test_an_ingest_killed_before_its_commit_leaves_the_database_as_it_was(
        demo_store, big_csv, tmp_path, stage):
    _file_only(demo_store)
    before = snapshot(demo_store)
    out = kill_at_stage(["ingest", str(big_csv), "--db", demo_store.target], stage, tmp_path)
    assert b"batch" not in out and "取り込みました".encode() not in out
    assert_same_state(before, snapshot(demo_store))
    _still_writable(demo_store, AFTER_DEMO)


def test_an_ingest_killed_just_after_its_commit_leaves_the_whole_batch(
        demo_store, big_csv, tmp_path):
    _file_only(demo_store)
    before = snapshot(demo_store)
    kill_at_stage(["ingest", str(big_csv), "--db", demo_store.target], "committed", tmp_path)

    after = snapshot(demo_store)
    assert after["counts"] == {**before["counts"], "kpis": before["counts"]["kpis"] + ROWS}
    new = after["batches"].iloc[-1]
    assert (new["batch_id"], new["status"], new["rows_inserted"]) == (AFTER_DEMO, "committed", ROWS)
    assert (after["kpis"]["batch_id"] == AFTER_DEMO).sum() == ROWS
    pd.testing.assert_frame_equal(after["batches"].iloc[:-1], before["batches"])
    # the new rows leave some columns empty, so those read back as nullable integers
    pd.testing.assert_frame_equal(
        after["kpis"][after["kpis"]["batch_id"] != AFTER_DEMO].reset_index(drop=True),
        before["kpis"], check_dtype=False)
    _still_writable(demo_store, AFTER_DEMO + 1)
