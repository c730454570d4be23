"""Issue 20's table: every figure beside its floor, measured in the same run, its ratio and
the goal. Printed at the end of ``python -m bench`` (``--only goals`` measures just these).
"""

from __future__ import annotations

from bench.browser import HOPS, PATHS, RERUNS


def _by_key(results: list[dict]) -> dict[str, dict]:
    return {r["key"]: r for r in results if r.get("key")}


def _line(work: str, ours: str, floor: str, ratio: float | None, goal: str, met: bool) -> str:
    shown = f"{ratio:.2f}x" if ratio is not None else ""
    return f"{work:44} {ours:>22} {floor:>26} {shown:>7}  {goal:16} {'ok' if met else 'NOT MET'}"


def goal_lines(results: list[dict]) -> list[str]:
    found = _by_key(results)
    lines = [f"{'work':44} {'ours':>22} {'floor':>26} {'ratio':>7}  {'goal':16} verdict"]
    ingest = found.get("ingest-1m")
    if ingest:
        lines.append(_line(
            "ingest 1M-row CSV, whole process (wall)", f"{ingest['ours_s']:.2f} s",
            f"DuckDB read_csv {ingest['duckdb_s']:.2f} s", ingest["ratio"], "<= 2x",
            ingest["ratio"] <= 2))
        lines.append(_line(
            "  the same in CPU seconds", f"{ingest['ours_cpu']:.2f} s",
            f"{ingest['duckdb_cpu']:.2f} s", ingest["cpu_ratio"], "", True))
        lines.append(_line("  peak memory (the command's process)",
                           f"{ingest['peak_mb']:,.0f} MB", "", None, "<= 1,024 MB",
                           ingest["peak_mb"] <= 1024))
    for key, label, limit in (("ingest-cp932", "ingest 100k CP932 rows, Japanese forms", 2.5),
                              ("ingest-xlsx", "ingest 50k-row XLSX", None)):
        row = found.get(key)
        if row:
            lines.append(_line(label, f"{row['ours_s']:.2f} s",
                               f"DuckDB, same rows UTF-8 {row['duckdb_s']:.2f} s", row["ratio"],
                               f"<= {limit} s" if limit else "(reported)",
                               limit is None or row["ours_s"] <= limit))
    for key, goal in (("score", "<= 2x"), ("score-bare", "(reported)")):
        row = found.get(key)
        if row:
            lines.append(_line(f"score --format json vs {row['floor']}"[:44],
                               f"{row['ours_s']:.2f} s (cpu {row['ours_cpu']:.2f})",
                               f"{row['duckdb_s']:.2f} s (cpu {row['duckdb_cpu']:.2f})",
                               row["ratio"], goal, key != "score" or row["ratio"] <= 2))
    nav, chart = found.get("floor-navigation"), found.get("floor-chart")
    if nav:
        for path in PATHS:
            row = found.get(f"page-{path}")
            if not row:
                continue
            idle = row["ours_s"] / nav["ours_s"]
            drawn = row["drawn_s"] / nav["drawn_s"]
            lines.append(_line(f"{path.split('?')[0]} fresh tab to idle", f"{row['ours_s']:.2f} s",
                               f"navigation app {nav['ours_s']:.2f} s", idle, "<= 1.3x",
                               idle <= 1.3))
            lines.append(_line(f"{path.split('?')[0]} fresh tab, fully drawn",
                               f"{row['drawn_s']:.2f} s",
                               f"navigation app {nav['drawn_s']:.2f} s", drawn, "<= 1.6x",
                               drawn <= 1.6))
        if chart:
            lines.append(_line("  (floor: one 5,000-point Altair chart)",
                               f"{chart['ours_s']:.2f} s", f"drawn {chart['drawn_s']:.2f} s",
                               None, "(reported)", True))
    for hop in HOPS:
        row = found.get(f"hop-/{hop}")
        if row:
            lines.append(_line(f"move to /{hop} by the sidebar link", f"{row['ours_s']:.2f} s",
                               f"drawn {row['drawn_s']:.2f} s", None, "<= 0.5 s",
                               row["ours_s"] <= 0.5))
    server = found.get("server-memory")
    if server:
        lines.append(_line("  dashboard server, peak RSS over the run",
                           f"{server['peak_mb']:,.0f} MB", "", None, "(reported)", True))
    floor = found.get("floor-rerun")
    for path in RERUNS:
        for what in ("month", "vendor"):
            row = found.get(f"rerun-{what}-{path}")
            if row:
                lines.append(_line(
                    f"{path.split('?')[0]} warm rerun, {what} changed", f"{row['ours_s']:.3f} s",
                    f"selectbox app {floor['ours_s']:.3f} s" if floor else "",
                    row["ours_s"] / floor["ours_s"] if floor else None, "<= 0.3 s",
                    row["ours_s"] <= 0.3))
    return lines


def print_goals(results: list[dict]) -> None:
    lines = goal_lines(results)
    if len(lines) > 1:
        print("Issue 20: every figure with its floor, measured in this run")
        for line in lines:
            print(line)
