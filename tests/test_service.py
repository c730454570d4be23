"""``python -m governance service``: the figures per vendor and month computed in SQL from
the stored tickets agree with pandas computing them independently from the export file
(counts exactly, percentages and hours to 0.01), by the month resolved and the month
opened; tickets of groups no vendor names are counted; a month without tickets exits 2.
Both engines."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import numpy as np
import pandas as pd
import pytest
from test_ingest_cli import run
from ticket_files import Incident, event_log

from governance.i18n import t

REGISTER = (
    "vendor_id,vendor_name,service_type,engagement,criticality,owner,contract_start,"
    "contract_end,annual_budget_jpy,data_access,exit_plan_updated,resolver_groups\n"
    + "".join(f"V-{i},委託先{i},ITO,outsourcing,medium,情報システム部,2015-04-01,,120000000,"
              f"internal,2016-01-15,{groups}\n"
              for i, groups in enumerate(("Group 1", "Group 2; Group 3", "group 4 ", "Group 5"))))
GROUPS = {"Group 1": "V-0", "Group 2": "V-1", "Group 3": "V-1", "Group 4": "V-2",
          "Group 5": "V-3"}  # and "Group 9": nobody's
KPIS = ("vendor_id,month,budget_jpy,actual_cost_jpy,sla_target_pct,sla_attainment_pct\n"
        "V-0,2016-04,1000000,1000000,95,99.5\nV-1,2016-04,1000000,1000000,95,\n")


def export(seed: int = 3) -> str:
    """600 incidents from January to June 2016 over the groups above and one of nobody's,
    1–5 event rows each; some never resolved, some with no SLA flag (``?``)."""
    rng = random.Random(seed)
    incidents = []
    for n in range(600):
        opened = dt.datetime(2016, 1, 1) + dt.timedelta(minutes=rng.randrange(180 * 24 * 60))
        took = dt.timedelta(minutes=rng.randrange(1, 20 * 24 * 60))
        incidents.append(Incident(
            f"INC{n:07d}", rng.choice([*GROUPS, "Group 9"]), opened,
            None if rng.random() < 0.08 else opened + took,
            rng.choice(["true", "true", "true", "false", "?"]),
            rng.choice([0, 0, 0, 1, 2]),
            rng.choice(["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]),
            rng.randrange(1, 6)))
    return event_log(incidents)


def expected(text: str, month: str, by: str) -> tuple[pd.DataFrame, int, int]:
    """The figures computed with pandas from the file, not through the project's code."""
    raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False).replace("?", None)
    for column in ("opened_at", "resolved_at", "closed_at", "sys_updated_at"):
        raw[column] = pd.to_datetime(raw[column], format="%d/%m/%Y %H:%M")
    raw["sys_mod_count"] = raw["sys_mod_count"].astype(int)
    raw["position"] = range(len(raw))
    latest = raw.sort_values(["number", "sys_mod_count", "sys_updated_at", "position"]) \
        .groupby("number").tail(1)
    latest["vendor_id"] = latest["assignment_group"].str.strip().str.title().map(GROUPS)
    latest["resolved"] = latest["resolved_at"].fillna(latest["closed_at"])
    start = pd.Timestamp(month)
    after = start + pd.DateOffset(months=1)
    anchor = latest["resolved" if by == "resolved" else "opened_at"]
    shown = latest[(anchor >= start) & (anchor < after)]
    nobody = shown[shown["vendor_id"].isna()]
    rows = []
    for vendor_id, mine in shown.dropna(subset=["vendor_id"]).groupby("vendor_id"):
        sla = mine["made_sla"].dropna() == "true"
        reopened = mine["reopen_count"].astype(int) > 0
        hours = ((mine["resolved"] - mine["opened_at"]).dt.total_seconds() / 3600).dropna()
        everyone = latest[latest["vendor_id"] == vendor_id]
        backlog = (everyone["opened_at"] < after) & (
            everyone["resolved"].isna() | (everyone["resolved"] >= after))
        rows.append({"vendor_id": vendor_id, "tickets": len(mine),
                     "sla_met_pct": 100 * sla.mean() if len(sla) else None,
                     "reopened_pct": 100 * reopened.mean(),
                     "median_resolution_hours": hours.median() if len(hours) else None,
                     "p1_tickets": int((mine["priority"] == "1 - Critical").sum()),
                     "backlog": int(backlog.sum())})
    return pd.DataFrame(rows), nobody["assignment_group"].nunique(), len(nobody)


@pytest.fixture
def loaded(store, tmp_path):
    text = export()
    for name, body in (("vendors.csv", REGISTER), ("kpis.csv", KPIS), ("incident.csv", text)):
        (tmp_path / name).write_text(body, encoding="utf-8")
        assert run("ingest", tmp_path / name, db=store.target).returncode == 0
    return store, text


@pytest.mark.parametrize(("month", "by"), [("2016-04", "resolved"), ("2016-04", "opened"),
                                           ("2016-06", "resolved")])
def test_service_gives_the_figures_pandas_computes_from_the_same_file(loaded, month, by):
    store, text = loaded
    done = run("service", "--month", month, "--by", by, "--format", "json", db=store.target,
               lang="ja")
    assert done.returncode == 0, done.stderr
    found = pd.DataFrame(json.loads(done.stdout))
    want, groups, tickets = expected(text, month, by)
    assert list(found.columns) == [
        "vendor_id", "vendor_name", "month", "by", "tickets", "sla_met_pct", "reopened_pct",
        "median_resolution_hours", "p1_tickets", "backlog", "reported_sla_attainment_pct",
        "gap_pts"]
    assert found["vendor_id"].tolist() == want["vendor_id"].tolist() == ["V-0", "V-1", "V-2",
                                                                         "V-3"]
    assert (found["month"] == month).all() and (found["by"] == by).all()
    for column in ("tickets", "p1_tickets", "backlog"):  # counts: exactly
        assert found[column].tolist() == want[column].tolist(), column
    for column in ("sla_met_pct", "reopened_pct", "median_resolution_hours"):
        assert np.allclose(found[column].astype(float), want[column].astype(float),
                           atol=0.01, rtol=0), column
        assert (found[column].astype(float).round(2) == found[column].astype(float)).all()
    assert done.stderr == t("service.unassigned", "ja", groups=f"{groups:,}",
                            tickets=f"{tickets:,}") + "\n"
    assert tickets > 0
    if month == "2016-04":  # V-0 reported 99.5; V-1 left its attainment empty
        reported = found.set_index("vendor_id")["reported_sla_attainment_pct"]
        gap = found.set_index("vendor_id")["gap_pts"]
        assert reported["V-0"] == 99.5 and pd.isna(reported["V-1"]) and pd.isna(gap["V-1"])
        measured = float(found.set_index("vendor_id").loc["V-0", "sla_met_pct"])
        assert gap["V-0"] == round(99.5 - measured, 2)


def test_the_table_names_the_unassigned_tickets_and_a_month_without_tickets_exits_2(loaded):
    store, text = loaded
    done = run("service", "--month", "2016-04", db=store.target, lang="ja")
    _, groups, tickets = expected(text, "2016-04", "resolved")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["委託先ID", "委託先名", "対象月", "集計基準", "件数",
                                "SLA遵守率(実測)%", "再オープン率%", "解決時間の中央値(時間)",
                                "P1件数", "月末未解決", "SLA達成率(報告)%", "乖離(報告−実測)pt"]
    assert len(lines) == 6 and lines[1].split()[:4] == ["V-0", "委託先0", "2016-04", "解決月"]
    assert lines[-1] == (f"未割当: {groups} グループ・{tickets} 件"
                         "(委託先台帳の担当グループにないグループのチケット)")
    empty = run("service", "--month", "2030-01", db=store.target)
    assert (empty.returncode, empty.stdout, empty.stderr) == (
        2, "", t("error.no-tickets", "en", month="2030-01") + "\n")
