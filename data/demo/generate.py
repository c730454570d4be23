"""Deterministic demo data: the upload files a new user can try the dashboard with.

``python data/demo/generate.py`` (re)writes ``vendors.csv``, ``kpis.csv``, ``reviews.csv``,
``actions.csv``, ``contracts.csv`` and ``subcontractors.csv`` beside it from the tables in
``portfolio.py`` (the vendors, their KPI baselines and stories), ``meetings.py`` (review
meetings and action items) and ``contracts.py`` (contracts, sub-contractors, corporate
numbers and owner e-mail addresses). The files
follow the data contract with its Japanese headers, written the way Japanese Excel saves
CSV (UTF-8 with BOM, CRLF line ends, ``2026/10/05`` dates, ``2026年10月`` months).

Fourteen fictional vendors report 24 months (2024年11月 … 2026年10月). Most are
healthy; four stories develop over the last 6–9 months so that every risk axis has
something to show:

- ``V-ITO-01`` knowledge drain: documentation, in-house staff and knowledge transfer
  fall, vendor turnover rises, the exit plan dates from 2023, the contract ends
  2027/03/31.
- ``V-BPO-01`` cost creep: actual cost runs up to +25 % over budget, driven by a rising
  number and cost of change requests.
- ``V-KPO-01`` control & information leakage: security incidents, growing open audit
  findings and privileged accounts, no access review for four months, SLA below target
  and late reports.
- ``V-ITO-03`` missing reports: no KPI row for 2026年7月 and 2026年10月.

Plus a mild over-budget staffing (派遣) vendor (``V-BPO-04``) and a steadily improving
one (``V-ITO-04``). Everything is derived from ``random.Random(SEED)`` and fixed tables:
the output never depends on today's date. Every row is a dict keyed by catalog column
name; headers and column order come from the catalog. Nothing imports this at run time
(``governance.demo`` loads the files); ``tests/test_demo_data.py`` checks that it
reproduces the committed files byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
from pathlib import Path

import contracts
import meetings
import portfolio
from portfolio import N_MONTHS, STORIES, STORY_START, STORY_VENDORS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:  # run as a script: only this folder is on the path
    sys.path.insert(0, str(ROOT))

from governance.catalog import KINDS, LOAD_ORDER, Column  # noqa: E402
from governance.catalog.corporate_number import with_check_digit  # noqa: E402

SEED = 20261026
Row = dict[str, object]


def _month(index: int) -> tuple[int, int]:
    year, month = portfolio.FIRST_MONTH
    total = year * 12 + (month - 1) + index
    return total // 12, total % 12 + 1


def _ja_month(ym: tuple[int, int]) -> str:
    return f"{ym[0]}年{ym[1]}月"


def _slash_month(ym: tuple[int, int]) -> str:
    return f"{ym[0]}/{ym[1]:02d}"


def _slash_date(day: dt.date) -> str:
    return f"{day.year}/{day.month:02d}/{day.day:02d}"


def _parse(text: str) -> dt.date:
    year, month, day = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


def _pct(value: float) -> str:
    return f"{min(100.0, max(0.0, value)):.1f}"


def _yen(value: float) -> int:
    return round(value / 1000.0) * 1000


def _cell(value: object, column: Column) -> str:
    """A value as the file shows it: text as written, percentages clamped to 0–100 with
    one decimal, other numbers with one decimal, counts and yen as integers."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if column.type == "percent":
        return _pct(value)
    if column.type == "number":
        return f"{value:.1f}"
    return str(value)


def _to_csv(kind: str, rows: list[Row]) -> str:
    """Header row (the catalog's Japanese labels) and one line per row, in catalog order;
    a catalog column a row does not name is left empty."""
    columns = KINDS[kind].columns
    names = {c.name for c in columns}
    for row in rows:
        unknown = set(row) - names
        if unknown:
            raise KeyError(f"{kind}: not catalog columns: {sorted(unknown)}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.ja for c in columns])
    writer.writerows([_cell(row.get(c.name), c) for c in columns] for row in rows)
    return buffer.getvalue()


def _vendor_rows() -> list[Row]:
    return [{**v, "annual_budget_jpy": f"{v['annual_budget_jpy']:,}",
             "corporate_number": with_check_digit(contracts.CORPORATE_BASES[v["vendor_id"]]),
             "owner_email": contracts.OWNER_EMAILS[v["owner"]]}
            for v in portfolio.VENDORS]


def _story_values(vid: str, s: int) -> Row:
    """The story's values of vendor ``vid`` at position ``s`` of the story window."""
    return {column: series[s] for column, series in STORIES.get(vid, {}).items()}


def _kpi_rows(rng: random.Random) -> list[Row]:
    rows = []
    for vendor in portfolio.VENDORS:
        vid = vendor["vendor_id"]
        base = portfolio.PROFILES[vid]
        cr0, kt0, sla0 = (base["change_requests"], base["knowledge_transfer_hours"],
                          base["sla_target_pct"])
        priv0 = base["privileged_accounts"]
        story = vid in STORY_VENDORS
        for i in range(N_MONTHS):
            ym = _month(i)
            # Draw every random number even for skipped months so that the series of
            # the other vendors do not depend on which rows are missing. The draws'
            # order is what makes the files: keep it.
            budget = _yen(vendor["annual_budget_jpy"] / 12 * (1 + rng.uniform(-0.015, 0.015)))
            actual = _yen(budget * (1 + rng.uniform(-0.03, 0.018)))
            changes = min(2, rng.choice((0, 0, 0, 1, 1, 2)) if cr0 >= 2
                          else rng.choice((0, 0, 0, 0, 1, 1, 2)) if cr0 == 1 else 0)
            # healthy vendors keep change requests within a few percent of the budget
            cr_cost = _yen(min(changes * base["change_request_unit_jpy"]
                               * rng.uniform(0.7, 1.3), budget * 0.04))
            doc = base["documentation_coverage_pct"] + rng.uniform(-1.5, 1.5)
            turnover = max(0.0, base["vendor_staff_turnover_pct"] + rng.uniform(-2.0, 2.0))
            kt = None if kt0 is None else max(0.0, kt0 + rng.uniform(-3.0, 3.0))
            sla = None if sla0 is None else sla0 + min(1.2, 100.0 - sla0) * rng.uniform(0.2, 0.9)
            findings = 1 if rng.random() < 0.04 and not story else 0
            privileged = priv0 + (rng.choice((0, 0, 0, 1)) if priv0 and not story else 0)
            review = "済" if rng.random() < 0.97 else "未"
            delay = rng.choice((0, 0, 0, 0, 0, 1, 1, 2))
            blank_kt = rng.random() < 0.06
            blank_review = rng.random() < 0.10
            blank_delay = rng.random() < 0.03
            if (vid, ym) in portfolio.MISSING:
                continue
            row: Row = {
                "vendor_id": vid, "month": _ja_month(ym), "budget_jpy": budget,
                "actual_cost_jpy": actual, "change_requests": changes,
                "change_request_cost_jpy": cr_cost, "documentation_coverage_pct": doc,
                "inhouse_capable_staff": base["inhouse_capable_staff"],
                "vendor_staff_turnover_pct": turnover, "knowledge_transfer_hours": kt,
                "sla_target_pct": sla0, "sla_attainment_pct": sla, "security_incidents": 0,
                "open_audit_findings": findings, "privileged_accounts": privileged,
                "access_review_done": review, "report_delay_days": delay,
            }
            if vid == "V-BPO-01":
                row["change_requests"] = min(changes, 1)  # before the story: 0-1 a month
            if not story:
                row.update({c: None for c, blank in (
                    ("knowledge_transfer_hours", blank_kt), ("access_review_done", blank_review),
                    ("report_delay_days", blank_delay)) if blank})
            s = i - STORY_START  # position in the story window, negative before it
            if s >= 0:
                row.update(_story_values(vid, s))
            if vid == "V-ITO-01" and s >= 0:
                row["documentation_coverage_pct"] += rng.uniform(-0.8, 0.8)
            elif vid == "V-BPO-01" and s >= 0:
                overrun = portfolio.BPO01_OVERRUN[s]
                actual = _yen(budget * (1 + overrun + rng.uniform(-0.004, 0.004)))
                row["actual_cost_jpy"] = actual
                row["change_request_cost_jpy"] = _yen(
                    max(actual - budget, row["change_requests"] * 250_000)
                    * rng.uniform(0.85, 0.95))
            elif vid == "V-BPO-04" and i in portfolio.BPO04_OVERRUN:
                row["actual_cost_jpy"] = _yen(budget * (1 + portfolio.BPO04_OVERRUN[i]
                                                        + rng.uniform(-0.005, 0.005)))
            elif vid == "V-ITO-04":
                # Steady improvement: documentation 52 % -> 88 %, staff 2 -> 4.
                row["documentation_coverage_pct"] = (
                    base["documentation_coverage_pct"] + 36.0 * i / (N_MONTHS - 1)
                    + rng.uniform(-1.0, 1.0))
                row["inhouse_capable_staff"] = 2 if i <= 12 else 3 if i <= 19 else 4
            elif vid == "V-BPO-03" and ym == (2025, 5):
                row["security_incidents"] = 1  # one isolated near-miss a year and a half ago
            rows.append(row)
    return rows


def _held_on(vid: str, period: tuple[int, int]) -> dt.date:
    year, month = period
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = dt.date(year, month, meetings.REVIEW_DAY.get(vid, 12))
    while day.weekday() >= 5:  # meetings happen on weekdays
        day += dt.timedelta(days=1)
    return day


def _review_rows() -> list[Row]:
    rows = [{**r, "held_on": _slash_date(_held_on(r["vendor_id"], r["period"])),
             "period": _slash_month(r["period"]), "attendees": meetings.ATTENDEES[r["vendor_id"]]}
            for r in meetings.REVIEWS]
    rows.sort(key=lambda row: (row["held_on"], row["vendor_id"]))
    return rows


def _action_rows() -> list[Row]:
    rows = []
    for a in meetings.ACTIONS:
        vid, raised = a["vendor_id"], a["raised_on"]
        raised_on = _held_on(vid, raised) if isinstance(raised, tuple) else _parse(raised)
        assert _parse(a["due_on"]) >= raised_on, (vid, a["action"])
        assert not a["closed_on"] or _parse(a["closed_on"]) >= raised_on, (vid, a["action"])
        rows.append({**a, "raised_on": _slash_date(raised_on)})
    rows.sort(key=lambda row: (row["raised_on"], row["vendor_id"]))
    return rows


def generate() -> dict[str, str]:
    """CSV text (header row first, ``\\n`` line ends) for each kind, in load order."""
    rows = {
        "vendors": _vendor_rows(),
        "kpis": _kpi_rows(random.Random(SEED)),
        "reviews": _review_rows(),
        "actions": _action_rows(),
        "contracts": list(contracts.CONTRACTS),
        "subcontractors": list(contracts.SUBCONTRACTORS),
    }
    return {kind: _to_csv(kind, rows[kind]) for kind in LOAD_ORDER if kind in rows}


def files() -> dict[str, bytes]:
    """``<kind>.csv`` -> its bytes as written: UTF-8 with BOM and CRLF line ends."""
    return {f"{kind}.csv": text.replace("\n", "\r\n").encode("utf-8-sig")
            for kind, text in generate().items()}


def write(directory: Path = HERE) -> list[Path]:
    """Write the demo files into ``directory``; return them in load order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files().items():
        path = directory / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":  # python data/demo/generate.py [DIRECTORY]
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(written)
