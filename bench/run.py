"""Run the benchmarks: whole-process ingest against a bare DuckDB ``read_csv`` of the same
file (and the same file sent again), scoring against DuckDB's raw aggregate of the same
rows, every page server-side (AppTest) and in Chromium, and the two engines. Each figure
is the median of ``--repeat`` runs.

    python -m bench [--quick] [--repeat N]
                    [--only ingest|scoring|pages|browser|engines|tickets]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from bench import data
from governance import catalog
from governance.scoring import score_history, score_month
from ui.registry import PAGES as REGISTRY

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_process(args: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KB) of a child process."""
    wall, _, peak = measure_process(args)
    return wall, peak


def measure_process(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system, with what it waited for) and peak RSS (KB)
    of one child process, from the kernel's accounting of it (``wait4``)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            raise SystemExit(f"failed: {' '.join(args)}\n{out.read()[-4000:].decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _duckdb_load(csv: Path, db: Path) -> list[str]:
    code = ("import duckdb,sys; c=duckdb.connect(sys.argv[1]); "
            "c.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?, header=true)\", "
            "[sys.argv[2]]); c.close()")
    return [sys.executable, "-c", code, str(db), str(csv)]


def bench_ingest(n_vendors: int, n_months: int, repeat: int, label: str,
                 encoding: str = "utf-8", japanese: bool = False, xlsx: bool = False,
                 key: str = "") -> dict:
    """The whole-process ingest of one file into a store holding the register, in turn
    with DuckDB's ``read_csv`` of the same rows into a table (UTF-8 CSV; for CP932 and
    XLSX the same rows written as a UTF-8 CSV), each its own fresh process."""
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    register = data.write_csv(data.vendors(n_vendors), work / "vendors.csv")
    frame = data.kpis(n_vendors, n_months)
    plain = data.write_csv(frame, work / "kpis-plain.csv")
    if japanese:
        frame = data.japanese(frame, catalog.KPIS)
    path = (data.write_xlsx(frame, work / "kpis.xlsx") if xlsx
            else data.write_csv(frame, work / "kpis.csv", encoding))
    ours: list[tuple[float, float, int]] = []
    base: list[tuple[float, float, int]] = []
    for i in range(repeat):
        db = work / f"g{i}.duckdb"
        run_process([sys.executable, "-m", "governance", "ingest", str(register), "--db",
                     str(db)])
        ours.append(measure_process([sys.executable, "-m", "governance", "ingest", str(path),
                                     "--db", str(db), "--max-mb", "2000"]))
        base.append(measure_process(_duckdb_load(plain, work / f"raw{i}.duckdb")))
    return paired(f"ingest {label}", len(frame), ours, base, key=key)


def paired(what: str, rows: int, ours: list[tuple[float, float, int]],
           base: list[tuple[float, float, int]], **extra) -> dict:
    """One row from runs of ours and of the floor taken in turn: medians of wall and CPU
    seconds, the ratio of the medians, and ours' largest peak RSS."""
    def median(runs, i):
        return statistics.median(r[i] for r in runs)

    return {"what": what, "rows": rows, "ours_s": median(ours, 0), "ours_cpu": median(ours, 1),
            "duckdb_s": median(base, 0), "duckdb_cpu": median(base, 1),
            "ratio": median(ours, 0) / median(base, 0),
            "cpu_ratio": median(ours, 1) / median(base, 1),
            "peak_mb": max(r[2] for r in ours) / 1024, **extra}


def _score_floor(db: Path, pandas_frame: bool) -> list[str]:
    """A bare Python + DuckDB process aggregating the rows ``score`` reads (the register
    and the 16 months before the month) per vendor and printing them as JSON; with
    ``pandas_frame`` through a pandas DataFrame (the floor of issue 20's table)."""
    sql = ("SELECT k.vendor_id, any_value(v.vendor_name), "
           "sum(actual_cost_jpy) / sum(budget_jpy), avg(documentation_coverage_pct), "
           "max(security_incidents), avg(sla_target_pct - sla_attainment_pct) "
           "FROM governance.kpis k JOIN governance.vendors v USING (vendor_id) "
           "WHERE month BETWEEN DATE '2025-06-01' AND DATE '2026-10-01' GROUP BY k.vendor_id")
    fetch = (f"f = c.execute({sql!r}).df(); "
             "sys.stdout.write(f.to_json(orient='records', force_ascii=False, indent=2))"
             if pandas_frame else
             f"sys.stdout.write(json.dumps(c.execute({sql!r}).fetchall(), "
             "ensure_ascii=False, indent=2))")
    code = (f"import duckdb, json, sys{', pandas' if pandas_frame else ''}; "
            f"c = duckdb.connect(sys.argv[1], read_only=True); {fetch}")
    return [sys.executable, "-c", code, str(db)]


def bench_score_cli(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    """``python -m governance score --format json`` as a whole process, in turn with the
    two floors (with and without pandas)."""
    work = Path(tempfile.mkdtemp(prefix="bench-score-"))
    db = data.loaded_store(n_vendors, n_months, work)
    ours_args = [sys.executable, "-m", "governance", "score", "--month", "2026-10", "--format",
                 "json", "--db", str(db)]
    measure_process(ours_args)  # the page cache
    ours, floor, bare = [], [], []
    for _ in range(repeat):
        ours.append(measure_process(ours_args))
        floor.append(measure_process(_score_floor(db, True)))
        bare.append(measure_process(_score_floor(db, False)))
    rows = n_vendors * n_months
    what = f"score --format json, whole process ({n_vendors} x {n_months})"
    return [paired(what, rows, ours, floor, key="score", floor="Python + DuckDB + pandas"),
            paired(what + " vs DuckDB alone", rows, ours, bare, key="score-bare",
                   floor="Python + DuckDB, no pandas")]


def bench_resend(n_vendors: int, n_months: int, repeat: int, label: str) -> list[dict]:
    """A KPI file loaded, then sent again: byte for byte (recognised by its hash, nothing
    read), and with one value changed (one row replaced, every other key recorded as sent
    unchanged: the cost of exact rollback, issue 15)."""
    work = Path(tempfile.mkdtemp(prefix="bench-resend-"))
    register = data.write_csv(data.vendors(n_vendors), work / "vendors.csv")
    frame = data.kpis(n_vendors, n_months)
    path = data.write_csv(frame, work / "kpis.csv")
    frame.loc[0, "budget_jpy"] += 1
    changed = data.write_csv(frame, work / "kpis-changed.csv")
    times: dict[str, list[float]] = {"same": [], "changed": []}
    for i in range(repeat):
        db = work / f"g{i}.duckdb"
        for file in (register, path):
            run_process([sys.executable, "-m", "governance", "ingest", str(file), "--db",
                         str(db), "--max-mb", "2000"])
        for what, file in (("same", path), ("changed", changed)):
            elapsed, _ = run_process([sys.executable, "-m", "governance", "ingest", str(file),
                                      "--db", str(db), "--max-mb", "2000"])
            times[what].append(elapsed)
    rows = len(frame)
    return [{"what": f"{label} sent again, identical", "rows": rows,
             "ours_s": statistics.median(times["same"])},
            {"what": f"{label} sent again, one value changed", "rows": rows,
             "ours_s": statistics.median(times["changed"])}]


def bench_scoring(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    vendors = data.vendors(n_vendors)
    for col in ("contract_start", "contract_end", "exit_plan_updated"):
        vendors[col] = pd.to_datetime(vendors[col].replace("", None))
    kpis = data.kpis(n_vendors, n_months)
    kpis["month"] = pd.to_datetime(kpis["month"])
    kpis["access_review_done"] = kpis["access_review_done"] == "yes"
    last = kpis["month"].max()
    con = duckdb.connect()
    con.register("kpis", kpis)
    month_sql = ("SELECT vendor_id, sum(actual_cost_jpy) / sum(budget_jpy), "
                 "avg(documentation_coverage_pct), max(security_incidents), "
                 "avg(sla_target_pct - sla_attainment_pct) FROM kpis "
                 "WHERE month BETWEEN ? AND ? GROUP BY vendor_id")
    first = last - pd.DateOffset(months=15)
    raw_month = median_time(lambda: con.execute(month_sql, [first, last]).fetchall(), repeat)
    ours_month = median_time(lambda: score_month(vendors, kpis, last), repeat)
    hist_sql = month_sql.replace("WHERE month BETWEEN ? AND ? GROUP BY vendor_id",
                                 "GROUP BY vendor_id, month")
    raw_hist = median_time(lambda: con.execute(hist_sql).fetchall(), repeat)
    ours_hist = median_time(lambda: score_history(vendors, kpis), repeat)
    rows = len(kpis)
    return [{"what": f"score one month ({n_vendors} vendors x {n_months} months)",
             "rows": rows, "ours_s": ours_month, "duckdb_s": raw_month,
             "ratio": ours_month / raw_month},
            {"what": f"score full history ({n_vendors} x {n_months})", "rows": rows,
             "ours_s": ours_hist, "duckdb_s": raw_hist, "ratio": ours_hist / raw_hist}]


SAMPLES = {"vendor": "B-000001"}  # the first vendor of bench.data's register
PAGES = tuple((spec.url_path, f"pages/{spec.file}", spec.sample_query(SAMPLES))
              for spec in REGISTRY)


def bench_pages(n_vendors: int, n_months: int, repeat: int) -> list[dict]:
    """Every page's server-side run under AppTest, cold (caches cleared) and warm, on a
    store of the given size, against DuckDB aggregating the same KPI rows. The time is the
    script run itself (``dashboard.py`` from its first line to the last element sent),
    taken around Streamlit's script call: AppTest adds ~0.3 s of its own per run."""
    import os

    import streamlit as st
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.testing.v1 import AppTest

    db = data.loaded_store(n_vendors, n_months, Path(tempfile.mkdtemp(prefix="bench-pages-")))
    os.environ["GOVERNANCE_DB"] = str(db)
    con = duckdb.connect(str(db), read_only=True)
    raw = median_time(lambda: con.execute(
        "SELECT vendor_id, sum(actual_cost_jpy), sum(budget_jpy) FROM governance.kpis "
        "GROUP BY vendor_id").fetchall(), max(repeat, 5))
    con.close()
    runs: list[float] = []
    timed = script_runner.exec_func_with_error_handling

    def timing(*args, **kwargs):
        start = time.perf_counter()
        try:
            return timed(*args, **kwargs)
        finally:
            runs.append(time.perf_counter() - start)

    script_runner.exec_func_with_error_handling = timing  # pinned Streamlit 1.67
    results = []
    for name, script, params in PAGES:
        def run(clear: bool, script=script, params=params):
            if clear:
                st.cache_data.clear()
                st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
            at.switch_page(script)
            for key, value in params.items():
                at.query_params[key] = value
            runs.clear()
            at.run()
            assert not at.exception, at.exception
            return sum(runs)

        run(False)  # imports, the store's attach and migrations check
        cold = statistics.median(run(True) for _ in range(repeat))
        warm = statistics.median(run(False) for _ in range(max(repeat, 3)))
        for label, value in (("cold cache", cold), ("warm cache", warm)):
            results.append({"what": f"/{name} server-side, {label} ({n_vendors} x {n_months})",
                            "rows": n_vendors * n_months, "ours_s": value, "duckdb_s": raw,
                            "ratio": value / raw})
    return results


def describe_machine() -> str:
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        for line in info.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import os
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python "
            f"{platform.python_version()}, duckdb {duckdb.__version__}, pandas "
            f"{pd.__version__}")


def print_table(results: list[dict]) -> None:
    print(f"{'benchmark':66} {'rows':>9} {'ours s':>8} {'floor s':>8} {'ratio':>6} "
          f"{'cpu ratio':>9} {'peak MB':>8} {'drawn s':>8} {'1st visit s':>11}")
    for r in results:
        duck = f"{r['duckdb_s']:.3f}" if "duckdb_s" in r else "—"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "—"
        cpu = f"{r['cpu_ratio']:.2f}" if "cpu_ratio" in r else ""
        peak = f"{r['peak_mb']:.0f}" if "peak_mb" in r else ""
        drawn = f"{r['drawn_s']:.3f}" if "drawn_s" in r else ""
        first = f"{r['first_visit_s']:.3f}" if "first_visit_s" in r else ""
        ours = f"{r['ours_s']:.3f}" if "ours_s" in r else ""
        print(f"{r['what']:66} {r['rows']:>9,} {ours:>8} {duck:>8} {ratio:>6} "
              f"{cpu:>9} {peak:>8} {drawn:>8} {first:>11}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("goals", "ingest", "scoring", "pages", "engines",
                                           "browser", "tickets"),
                        help="goals: only the figures of issue 20's table")
    parser.add_argument("--pg", help="PostgreSQL URL for the engine comparison (default: a "
                                     "throw-away local cluster)")
    args = parser.parse_args(argv)
    repeat = 1 if args.quick else args.repeat
    scale = 10 if args.quick else 1
    print(describe_machine())
    results: list[dict] = []
    every = args.only is None
    if every or args.only in ("goals", "ingest"):
        results.append(bench_ingest(20_000 // scale, 50, repeat, "1,000,000-row CSV (UTF-8)"
                                    if scale == 1 else "100,000-row CSV (UTF-8)",
                                    key="ingest-1m"))
        results.append(bench_ingest(2_000 // scale, 50, repeat,
                                    "100,000-row CSV (CP932, Japanese headers)",
                                    encoding="cp932", japanese=True, key="ingest-cp932"))
        results.append(bench_ingest(1_000 // scale, 50, repeat, "50,000-row XLSX", xlsx=True,
                                    key="ingest-xlsx"))
    if every or args.only == "ingest":
        results += bench_resend(20_000 // scale, 50, repeat, f"{20_000 // scale * 50:,}-row CSV")
        if not args.quick:  # the growth curve: 20 to 20,000 vendors x 50 months
            for n in (20, 200, 2_000):
                results.append(bench_ingest(n, 50, repeat, f"{n * 50:,}-row CSV (UTF-8, growth)"))
    if every or args.only in ("goals", "scoring"):
        results += bench_score_cli(2_000 // scale, 60, max(repeat, 5))
    if every or args.only == "scoring":
        results += bench_scoring(2_000 // scale, 60, max(repeat, 5))
        if not args.quick:
            for n in (20, 200, 20_000):
                results += bench_scoring(n, 60, 3)
    if every or args.only == "pages":
        results += bench_pages(2_000 // scale, 60, repeat)
    if every or args.only in ("goals", "browser"):
        from bench.browser import bench_browser
        results += bench_browser(2_000 // scale, 60, max(repeat, 5))
    if every or args.only == "tickets":
        from bench.tickets import bench_tickets
        results += bench_tickets(args.pg, scale, repeat)
    if every or args.only == "engines":
        from bench.engines import bench_engines
        results += bench_engines(args.pg, 2_000 // scale, 60, 20_000 // scale, 50, repeat)
    print_table(results)
    print()
    from bench.goals import print_goals
    print_goals(results)
    return 0
