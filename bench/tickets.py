"""Ticket exports (issue 18): a ServiceNow event log loaded by the CLI as a fresh process,
against a bare DuckDB ``read_csv`` of the same file — 120,000 rows (20,000 incidents) and
1,000,000 rows (167,000 incidents) with ServiceNow's 36 columns — on the file and on a
PostgreSQL server; and ``service --month`` (``views.service.service_month``, what the
command runs) for 2,000 vendors over 5,000,000 stored tickets, in process, both views, on
both engines."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import uuid
from pathlib import Path

from bench import data
from bench.engines import server
from bench.run import _duckdb_load, median_time, run_process
from governance.calendar import Month
from governance.store import Store
from governance.views import service


def _register(n_vendors: int, folder: Path) -> tuple[Path, list[str]]:
    groups = data.group_names(n_vendors)
    register = data.vendors(n_vendors)
    register["resolver_groups"] = ["; ".join(g) for g in groups]
    return (data.write_csv(register, folder / "vendors.csv"),
            [g for gs in groups for g in gs])


def bench_ticket_ingest(n_incidents: int, repeat: int, url: str | None) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="bench-tickets-"))
    register, groups = _register(2_000, work)
    events = data.servicenow_events(n_incidents, groups)
    path = data.write_csv(events, work / "incident.csv")
    rows = len(events)
    targets = {"file": lambda i: str(work / f"t{i}.duckdb")}
    if url:
        targets["PostgreSQL"] = lambda i: f"{url}?schema=t_{uuid.uuid4().hex[:8]}"
    results = []
    base = statistics.median(run_process(_duckdb_load(path, work / f"raw{i}.duckdb"))[0]
                             for i in range(repeat))
    for engine, target in targets.items():
        times = []
        for i in range(repeat):
            db = target(i)
            run_process([sys.executable, "-m", "governance", "ingest", str(register), "--db",
                         db])
            times.append(run_process([sys.executable, "-m", "governance", "ingest", str(path),
                                      "--db", db, "--max-mb", "2000"])[0])
        ours = statistics.median(times)
        result = {"what": f"ingest ServiceNow event log ({n_incidents:,} incidents), {engine}",
                  "rows": rows, "ours_s": ours, "duckdb_s": base, "ratio": ours / base}
        if engine == "file":
            result["peak_mb"] = run_process([
                sys.executable, "-m", "governance", "ingest", str(path), "--db",
                str(work / "peak.duckdb"), "--kind", "tickets", "--max-mb", "2000"])[1] / 1024
        results.append(result)
    return results


def bench_service(n_vendors: int, n_tickets: int, repeat: int, url: str | None) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="bench-service-"))
    stores = {"file": Store(data.tickets_store(n_vendors, n_tickets, work))}
    if url:
        stores["PostgreSQL"] = Store(f"{url}?schema=s_{uuid.uuid4().hex[:8]}")
        stores["file"].copy_to(stores["PostgreSQL"])
    month = Month.parse("2026-10")
    results = []
    for engine, store in stores.items():
        for by in ("resolved", "opened"):
            service.service_month(store, month, by)  # warm: extension load, attach
            took = median_time(lambda s=store, b=by: service.service_month(s, month, b),
                               max(repeat, 5))
            results.append({"what": f"service --month, {n_vendors:,} vendors, by {by}, "
                                    f"{engine}", "rows": n_tickets, "ours_s": took})
    return results


def bench_tickets(pg: str | None, scale: int, repeat: int) -> list[dict]:
    # the 1,000,000-row export is a 300 MB file: its parse needs more address space than the
    # 2 GB that guards uploads by default, as an operator loading such files would set
    # (docs/operations.md, "Limits"); its resident peak stays near 1.5 GB
    os.environ.setdefault("GOVERNANCE_PARSE_MEMORY_MB", "8192")
    with server(pg) as url:
        results = bench_ticket_ingest(20_000 // scale, repeat, url)
        results += bench_ticket_ingest(167_000 // scale, repeat, url)
        results += bench_service(2_000 // scale, 5_000_000 // scale, repeat, url)
    return results
