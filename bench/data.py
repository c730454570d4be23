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


# ServiceNow's incident event log, column for column (the public "incident event log"
# extract): most of them are not ticket fields and are ignored on load
SERVICENOW_COLUMNS = (
    "number", "incident_state", "active", "reassignment_count", "reopen_count",
    "sys_mod_count", "made_sla", "caller_id", "opened_by", "opened_at", "sys_created_by",
    "sys_created_at", "sys_updated_by", "sys_updated_at", "contact_type", "location",
    "category", "subcategory", "u_symptom", "cmdb_ci", "impact", "urgency", "priority",
    "assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify",
    "problem_id", "rfc", "vendor", "caused_by", "closed_code", "resolved_by", "resolved_at",
    "closed_at")


def group_names(n_vendors: int, per_vendor: int = 2) -> list[list[str]]:
    """Each vendor's resolver groups (``Group 1`` …)."""
    return [[f"Group {v * per_vendor + k + 1}" for k in range(per_vendor)]
            for v in range(n_vendors)]


def servicenow_dates(values: np.ndarray) -> np.ndarray:
    """Times as ServiceNow's export writes them: ``29/2/2016 01:16`` (day first, no zero
    padding of day and month); NaT as ``?``."""
    stamps = pd.DatetimeIndex(values)
    known = stamps[stamps.notna()]
    out = np.full(len(stamps), "?", dtype=object)
    out[np.asarray(stamps.notna())] = np.asarray(
        known.day.astype(str) + "/" + known.month.astype(str) + "/" + known.year.astype(str)
        + " " + known.strftime("%H:%M"), dtype=object)
    return out


def servicenow_events(n_incidents: int, groups: list[str], first: str = "2016-01-01",
                      days: int = 365, seed: int = 5) -> pd.DataFrame:
    """An incident event log as ServiceNow exports it: one row per update of each
    incident (1–12, about 6), ``sys_mod_count`` rising, the last row resolved and closed
    (most incidents), ``?`` for missing values. ``groups``: the assignment groups drawn
    from (about 1 in 20 incidents goes to ``Group 0``, which no vendor names)."""
    rng = np.random.default_rng(seed)
    updates = np.minimum(1 + rng.poisson(5, n_incidents), 12)
    incident = np.repeat(np.arange(n_incidents), updates)
    n = len(incident)
    step = np.arange(n) - np.repeat(np.cumsum(updates) - updates, updates)
    last = step == updates[incident] - 1
    opened = (np.datetime64(first, "m")
              + rng.integers(0, days * 24 * 60, n_incidents).astype("timedelta64[m]"))
    hours = rng.exponential(40, n_incidents)
    took = (hours * 60).astype("int64").astype("timedelta64[m]") + np.timedelta64(1, "m")
    finished = rng.random(n_incidents) < 0.95
    share = step / np.maximum(updates[incident] - 1, 1)
    updated = opened[incident] + (took[incident] * share).astype("timedelta64[m]")
    resolved = np.where(last & finished[incident], opened[incident] + took[incident],
                        np.datetime64("NaT"))
    closed = np.where(last & finished[incident], resolved + np.timedelta64(5, "D"),
                      np.datetime64("NaT"))
    chosen = np.where(rng.random(n_incidents) < 0.05, "Group 0",
                      rng.choice(np.asarray(groups, dtype=object), n_incidents))
    made_sla = rng.random(n_incidents) < 0.9
    state = np.where(step == 0, "New", np.where(last & finished[incident], "Closed", "Active"))
    numbers = np.char.add("INC", np.char.zfill(np.arange(n_incidents).astype(str), 7))
    callers = np.char.add("Caller ", rng.integers(1, 5000, n).astype(str))
    return pd.DataFrame({
        "number": numbers[incident], "incident_state": state,
        "active": np.where(last & finished[incident], "false", "true"),
        "reassignment_count": rng.integers(0, 3, n_incidents)[incident],
        "reopen_count": (rng.random(n_incidents) < 0.03).astype(int)[incident],
        "sys_mod_count": step, "made_sla": np.where(made_sla, "true", "false")[incident],
        "caller_id": callers, "opened_by": "Opened by 17",
        "opened_at": servicenow_dates(opened)[incident], "sys_created_by": "Created by 6",
        "sys_created_at": servicenow_dates(opened)[incident], "sys_updated_by": "Updated by 21",
        "sys_updated_at": servicenow_dates(updated), "contact_type": "Phone",
        "location": "Location 143", "category": "Category 55", "subcategory": "Subcategory 170",
        "u_symptom": "Symptom 72", "cmdb_ci": "?", "impact": "2 - Medium",
        "urgency": "2 - Medium",
        "priority": rng.choice(["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"],
                               n_incidents, p=[0.02, 0.08, 0.85, 0.05])[incident],
        "assignment_group": chosen[incident], "assigned_to": "Resolver 89",
        "knowledge": "true", "u_priority_confirmation": "false", "notify": "Do Not Notify",
        "problem_id": "?", "rfc": "?", "vendor": "?", "caused_by": "?",
        "closed_code": np.where(last, "code 5", "?"),
        "resolved_by": np.where(last, "Resolved by 149", "?"),
        "resolved_at": servicenow_dates(resolved), "closed_at": servicenow_dates(closed),
    })[list(SERVICENOW_COLUMNS)]


def ticket_rows(n_tickets: int, groups: list[str], last: str = "2026-10", months: int = 60,
                seed: int = 9) -> pd.DataFrame:
    """Typed ticket rows (catalog columns) spread over ``months`` up to ``last``, for the
    service benchmark's store."""
    rng = np.random.default_rng(seed)
    start = pd.Period(last, "M") - (months - 1)
    span = (pd.Period(last, "M").end_time - start.start_time) // pd.Timedelta(minutes=1)
    opened = (np.datetime64(start.start_time.date(), "m")
              + rng.integers(0, span, n_tickets).astype("timedelta64[m]"))
    took = (rng.exponential(40, n_tickets) * 60).astype("int64").astype("timedelta64[m]")
    resolved = np.where(rng.random(n_tickets) < 0.97, opened + took, np.datetime64("NaT"))
    return pd.DataFrame({
        "ticket_number": pd.array([f"INC{i:08d}" for i in range(n_tickets)], dtype="string"),
        "state": pd.array(np.where(np.isnat(resolved), "Active", "Resolved"), dtype="string"),
        "priority": pd.array(rng.choice(["1", "2", "3", "4"], n_tickets,
                                        p=[0.02, 0.08, 0.85, 0.05]), dtype="string"),
        "assignment_group": pd.array(rng.choice(np.asarray(groups, dtype=object), n_tickets),
                                     dtype="string"),
        "opened_at": opened.astype("datetime64[us]"),
        "resolved_at": resolved.astype("datetime64[us]"),
        "closed_at": pd.Series(resolved.astype("datetime64[us]")) + pd.Timedelta(days=5),
        "made_sla": pd.array(rng.random(n_tickets) < 0.9, dtype="boolean"),
        "reopen_count": pd.array(rng.integers(0, 2, n_tickets), dtype="Int64"),
        "reassignment_count": pd.array(rng.integers(0, 3, n_tickets), dtype="Int64"),
        "update_count": pd.array(rng.integers(1, 12, n_tickets), dtype="Int64"),
        "updated_at": resolved.astype("datetime64[us]")})


def tickets_store(n_vendors: int, n_tickets: int, folder: Path, target: str | None = None
                  ) -> str:
    """A store (the DuckDB file ``folder/tickets.duckdb``, or ``target``) holding a register
    of ``n_vendors`` with two resolver groups each, their KPIs for 60 months, and
    ``n_tickets`` tickets over those months, written as one batch by the store's own batch
    writer (a CSV of 5 million tickets is beyond what one upload is for)."""
    from governance.catalog import TICKETS
    from governance.store import Store

    target = target or str(folder / "tickets.duckdb")
    register = vendors(n_vendors)
    groups = group_names(n_vendors)
    register["resolver_groups"] = ["; ".join(g) for g in groups]
    from governance.ingest import load_paths

    load_paths(Store(target), [write_csv(register, folder / "tickets-vendors.csv"),
                               write_csv(kpis(n_vendors, 60), folder / "tickets-kpis.csv")],
               limit=2 * 1024**3)
    rows = ticket_rows(n_tickets, [g for gs in groups for g in gs])
    Store(target).write_batch(TICKETS, rows, {"file_name": "bench-tickets", "sha256": "-",
                                              "user": "bench"})
    return target


__all__ = ["KPIS", "SERVICENOW_COLUMNS", "VENDORS", "group_names", "japanese", "kpis",
           "loaded_store", "servicenow_events", "ticket_rows", "tickets_store", "vendors",
           "write_csv",
           "write_xlsx"]
