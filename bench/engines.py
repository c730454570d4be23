"""Both engines side by side: the same 1,000,000-row ingest and the same 2,000 vendors x
60 months scoring on the embedded DuckDB file and on a PostgreSQL server.

The server is ``--pg URL`` or, when absent, a throw-away local cluster (Debian's
postgresql package) started for the run."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pandas as pd

from bench import data
from bench.run import median_time, run_process
from governance.store import Store
from governance.views import month as risk

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def server(url: str | None):
    if url:
        yield url
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from postgres_cluster import Cluster

    cluster = Cluster()
    if not cluster.available:
        raise SystemExit("no PostgreSQL: pass --pg URL or apt-get install postgresql")
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def bench_engines(pg: str | None, n_vendors: int, n_months: int, ingest_vendors: int,
                  ingest_months: int, repeat: int) -> list[dict]:
    results = []
    work = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    register = data.write_csv(data.vendors(ingest_vendors), work / "vendors.csv")
    kpis = data.write_csv(data.kpis(ingest_vendors, ingest_months), work / "kpis.csv")
    rows = ingest_vendors * ingest_months
    with server(pg) as url:
        # scoring and copy first: after three 1M-row loads the server is busy vacuuming
        file_store = Store(str(data.loaded_store(n_vendors, n_months, work)))
        pg_store = Store(f"{url}?schema=s_{uuid.uuid4().hex[:8]}")
        file_store.copy_to(pg_store)
        month = pd.Timestamp("2026-10-01")
        for store in (file_store, pg_store):
            risk.scores(store, month)  # warm: extension load, caches
        t_file = median_time(lambda: risk.scores(file_store, month), max(repeat, 5))
        t_pg = median_time(lambda: risk.scores(pg_store, month), max(repeat, 5))
        results.append({"what": f"score a month from the store, PostgreSQL vs file "
                                f"({n_vendors} x {n_months})",
                        "rows": n_vendors * n_months, "ours_s": t_pg, "duckdb_s": t_file,
                        "ratio": t_pg / t_file})
        start = time.perf_counter()
        file_store.copy_to(Store(f"{url}?schema=c_{uuid.uuid4().hex[:8]}"))
        results.append({"what": f"copy file -> PostgreSQL ({n_vendors} x {n_months})",
                        "rows": n_vendors * n_months,
                        "ours_s": time.perf_counter() - start})
        timings = {}
        for engine in ("duckdb", "postgres"):
            times = []
            for i in range(repeat):
                target = (str(work / f"e{i}.duckdb") if engine == "duckdb"
                          else f"{url}?schema=b_{uuid.uuid4().hex[:8]}")
                run_process([sys.executable, "-m", "governance", "ingest", str(register),
                             "--db", target])
                elapsed, _ = run_process([sys.executable, "-m", "governance", "ingest",
                                          str(kpis), "--db", target, "--max-mb", "2000"])
                times.append(elapsed)
            timings[engine] = sorted(times)[len(times) // 2]
        results.append({"what": f"ingest {rows:,}-row CSV into PostgreSQL vs file",
                        "rows": rows, "ours_s": timings["postgres"],
                        "duckdb_s": timings["duckdb"],
                        "ratio": timings["postgres"] / timings["duckdb"]})
    return results
