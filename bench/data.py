"""Deterministic data sets for the benchmarks: a vendor register of N vendors and a KPI
report of N vendors x M months, in canonical or Japanese headers, UTF-8 or CP932, CSV or
XLSX. Values are plain (no separators) so the ingest measures parsing at full speed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from governance.catalog import KPIS, VENDORS


def vendor_ids(n: int) -> list[str]:
    return [f"B-{i:06d}" for i in range(n)]


def vendors(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    ids = vendor_ids(n)
    return pd.DataFrame({
        "vendor_id": ids, "vendor_name": [f"ベンチ委託先{i}" for i in range(n)],
        "service_type": rng.choice(["BPO", "ITO", "KPO"], n),
        "engagement": rng.choice(["outsourcing", "contracting", "staffing"], n),
        "criticality": rng.choice(["high", "medium", "low"], n),
        "owner": rng.choice(["情報システム部", "経理部", "人事部"], n),
        "contract_start": "2019-04-01", "contract_end": "",
        "annual_budget_jpy": rng.integers(10, 500, n) * 1_000_000,
        "data_access": rng.choice(["none", "internal", "confidential", "personal"], n),
        "exit_plan_updated": "2026-01-15"})


def kpis(n_vendors: int, n_months: int, last: str = "2026-10") -> pd.DataFrame:
    rng = np.random.default_rng(11)
    months = pd.period_range(end=last, periods=n_months, freq="M").strftime("%Y-%m")
    ids = np.repeat(vendor_ids(n_vendors), n_months)
    n = len(ids)
    budget = rng.integers(1, 40, n) * 1_000_000
    return pd.DataFrame({
        "vendor_id": ids, "month": np.tile(months, n_vendors),
        "budget_jpy": budget,
        "actual_cost_jpy": (budget * rng.uniform(0.9, 1.15, n)).astype(np.int64),
        "change_requests": rng.integers(0, 5, n),
        "change_request_cost_jpy": rng.integers(0, 2_000_000, n),
        "documentation_coverage_pct": rng.uniform(40, 100, n).round(1),
        "inhouse_capable_staff": rng.integers(0, 6, n),
        "vendor_staff_turnover_pct": rng.uniform(0, 25, n).round(1),
        "knowledge_transfer_hours": rng.uniform(0, 40, n).round(1),
        "sla_target_pct": 99.0, "sla_attainment_pct": rng.uniform(96, 100, n).round(2),
        "security_incidents": rng.choice([0, 0, 0, 0, 0, 0, 0, 0, 1, 2], n),
        "open_audit_findings": rng.integers(0, 4, n),
        "privileged_accounts": rng.integers(1, 25, n),
        "access_review_done": rng.choice(["yes", "no"], n, p=[0.9, 0.1]),
        "report_delay_days": rng.integers(0, 9, n)})


def japanese(frame: pd.DataFrame, kind) -> pd.DataFrame:
    """The same table with Japanese headers and Japanese value forms."""
    out = frame.rename(columns={c.name: c.ja for c in kind.columns})
    if kind is KPIS:
        out["対象月"] = pd.to_datetime(frame["month"]).dt.strftime("%Y年%-m月")
        out["アクセス権棚卸実施"] = frame["access_review_done"].map({"yes": "済", "no": "未"})
        out["予算額"] = frame["budget_jpy"].map("{:,}".format)
    return out


def write_csv(frame: pd.DataFrame, path: Path, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding=encoding)
    return path


def write_xlsx(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_excel(path, index=False, engine="xlsxwriter")
    return path


def loaded_store(n_vendors: int, n_months: int, folder: Path) -> Path:
    """A DuckDB file in ``folder`` holding a register of ``n_vendors`` and their KPIs for
    ``n_months``, loaded through the project's own ingest."""
    from governance.ingest import load_paths
    from governance.store import Store

    db = folder / "store.duckdb"
    register = write_csv(vendors(n_vendors), folder / "store-vendors.csv")
    reports = write_csv(kpis(n_vendors, n_months), folder / "store-kpis.csv")
    load_paths(Store(str(db)), [register, reports], limit=2 * 1024**3)
    return db


__all__ = ["KPIS", "VENDORS", "japanese", "kpis", "loaded_store", "vendors", "write_csv",
           "write_xlsx"]
