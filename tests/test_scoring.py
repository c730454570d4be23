"""Hand-computed scores for crafted vendors: every threshold edge, every signal, the
weights, and the shape of the CLI's JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from governance.scoring import ScoringConfig, score_history, score_month
from ui.registry import ROOT

MONTHS = pd.date_range("2026-01-01", "2026-10-01", freq="MS")
GREEN_ROW = dict(budget_jpy=1_000_000, actual_cost_jpy=1_000_000, change_requests=0,
                 change_request_cost_jpy=0, documentation_coverage_pct=90.0,
                 inhouse_capable_staff=3, vendor_staff_turnover_pct=5.0,
                 knowledge_transfer_hours=20.0, sla_target_pct=99.0, sla_attainment_pct=99.5,
                 security_incidents=0, open_audit_findings=0, privileged_accounts=5,
                 access_review_done=True, report_delay_days=0)


def vendor(vendor_id="V1", **changes) -> dict:
    row = dict(vendor_id=vendor_id, vendor_name=f"{vendor_id} 株式会社", service_type="ITO",
               engagement="outsourcing", criticality="medium", owner="情報システム部",
               contract_start=pd.Timestamp("2020-04-01"), contract_end=pd.NaT,
               annual_budget_jpy=12_000_000, data_access="internal",
               exit_plan_updated=pd.Timestamp("2026-06-01"))
    row.update(changes)
    return row


def kpis(vendor_id="V1", months=MONTHS, **series) -> list[dict]:
    """Green rows for ``months``; a keyword gives a KPI's values (one per month, or one
    value for the last month only)."""
    rows = []
    for i, month in enumerate(months):
        row = dict(GREEN_ROW, vendor_id=vendor_id, month=month)
        for name, values in series.items():
            if isinstance(values, list):
                row[name] = values[i - len(months)] if i >= len(months) - len(values) \
                    else row[name]
            elif i == len(months) - 1:
                row[name] = values
        rows.append(row)
    return rows


def score(vendors: list[dict], rows: list[dict], config=None, month="2026-10"):
    result = score_month(pd.DataFrame(vendors), pd.DataFrame(rows), month, config)
    return {r.vendor_id: r for r in result}


def axes(risk) -> dict[str, tuple[str, int]]:
    return {axis: (a.status, a.score) for axis, a in risk.axes.items()}


def test_a_vendor_inside_every_threshold_is_green_with_no_reasons():
    risk = score([vendor()], kpis())["V1"]
    assert axes(risk) == {"knowledge_drain": ("green", 0), "cost_creep": ("green", 0),
                          "control_leakage": ("green", 0), "overall": ("green", 0)}
    assert all(not a.reasons for a in risk.axes.values())


@pytest.mark.parametrize(("value", "expected"), [
    (90.0, ("green", 0)), (70.1, ("green", 0)), (70.0, ("amber", 25)), (50.1, ("amber", 25)),
    (50.0, ("red", 60)), (0.0, ("red", 60)),
])
def test_documentation_coverage_thresholds_are_inclusive(value, expected):
    rows = kpis(documentation_coverage_pct=[90.0, 90.0, 90.0, value])
    assert axes(score([vendor()], rows)["V1"])["knowledge_drain"] == expected


@pytest.mark.parametrize(("value", "expected"), [
    (9.9, ("green", 0)), (10.0, ("amber", 25)), (19.9, ("amber", 25)), (20.0, ("red", 60)),
])
def test_staff_turnover_thresholds_count_upwards(value, expected):
    assert axes(score([vendor()], kpis(vendor_staff_turnover_pct=value))["V1"])[
        "knowledge_drain"] == expected


@pytest.mark.parametrize(("actual", "expected"), [
    (1_049_000, ("green", 0)), (1_050_000, ("amber", 25)), (1_100_000, ("red", 60)),
])
def test_cost_variance_is_actual_over_budget_in_percent(actual, expected):
    # one month over budget: the fiscal year to date (Apr–Oct) stays below 3 %
    assert axes(score([vendor()], kpis(actual_cost_jpy=actual))["V1"])["cost_creep"] == expected


def test_the_reason_names_the_kpi_value_threshold_and_month_in_both_languages():
    risk = score([vendor()], kpis(documentation_coverage_pct=[90.0, 90.0, 90.0, 70.0]))["V1"]
    (reason,) = risk.axes["knowledge_drain"].reasons
    assert reason.as_dict() == {
        "code": "threshold", "axis": "knowledge_drain", "kpi": "documentation_coverage_pct",
        "value": 70.0, "threshold": 70, "month": "2026-10", "status": "amber",
        "text": {"ja": "手順書整備率 が 70.0%(2026-10):注意基準 70.0% 以下",
                 "en": "Documentation coverage 70.0% in 2026-10: at or below the amber "
                       "threshold 70.0%"}}


def test_fiscal_year_to_date_starts_in_april_unless_configured():
    overrun = {"actual_cost_jpy": [1_800_000] + [1_000_000] * 7}  # March +80 %
    rows = kpis(**overrun)
    april = score([vendor()], rows)["V1"]
    assert axes(april)["cost_creep"] == ("green", 0)
    january = score([vendor()], rows, ScoringConfig(fiscal_year_start=1))["V1"]
    # Jan–Oct: 800,000 over 10,000,000 = 8.0 % -> red
    (reason,) = january.axes["cost_creep"].reasons
    assert (reason.measure, reason.value, reason.status) == ("fytd_variance_pct", 8.0, "red")


def test_a_missing_report_is_amber_on_every_axis_and_never_green():
    rows = kpis()[:-1]  # no October
    risk = score([vendor()], rows)["V1"]
    assert axes(risk) == {"knowledge_drain": ("amber", 40), "cost_creep": ("amber", 40),
                          "control_leakage": ("amber", 40), "overall": ("amber", 40)}
    assert risk.reported is False
    assert risk.axes["cost_creep"].reasons[0].text("ja") == \
        "2026-10 の月次KPI報告がありません(業務の状況が見えていません)"


def test_a_kpi_worsening_three_months_in_a_row_raises_its_axis():
    rows = kpis(documentation_coverage_pct=[90.0, 84.0, 80.0, 76.0])
    risk = score([vendor()], rows)["V1"]
    assert axes(risk)["knowledge_drain"] == ("amber", 25)
    (reason,) = risk.axes["knowledge_drain"].reasons
    assert reason.code == "worsening"
    assert reason.text("en") == ("Documentation coverage worse 3 months in a row "
                                 "(90.0% → 84.0% → 80.0% → 76.0%)")


def test_small_wobbles_far_from_amber_are_not_a_trend():
    rows = kpis(documentation_coverage_pct=[99.0, 98.0, 97.5, 97.0])
    assert axes(score([vendor()], rows)["V1"])["knowledge_drain"] == ("green", 0)


def test_a_contract_ending_within_180_days_turns_an_amber_knowledge_axis_red():
    rows = kpis(documentation_coverage_pct=[90.0, 90.0, 90.0, 65.0])
    ending = vendor(contract_end=pd.Timestamp("2027-04-29"))  # 180 days after Oct 31
    later = vendor(contract_end=pd.Timestamp("2027-04-30"))  # 181 days
    assert axes(score([ending], rows)["V1"])["knowledge_drain"] == ("red", 60)
    assert axes(score([later], rows)["V1"])["knowledge_drain"] == ("amber", 25)
    assert axes(score([ending], kpis())["V1"])["knowledge_drain"] == ("green", 0)
    reasons = score([ending], rows)["V1"].axes["knowledge_drain"].reasons
    assert [r.code for r in reasons] == ["contract_ending", "threshold"]
    assert reasons[0].text("ja") == ("契約終了日 2027-04-29(残り 180 日)が近いのにノウハウが"
                                     "社内に確保されていません")


def test_high_criticality_vendors_with_personal_data_weigh_heavier_on_control():
    one = kpis(report_delay_days=3)
    two = kpis(report_delay_days=3, privileged_accounts=10)
    plain = vendor()
    sensitive = vendor(criticality="high", data_access="personal")
    assert axes(score([plain], one)["V1"])["control_leakage"] == ("amber", 25)
    assert axes(score([sensitive], one)["V1"])["control_leakage"] == ("amber", 38)  # 37.5
    assert axes(score([plain], two)["V1"])["control_leakage"] == ("amber", 50)
    assert axes(score([sensitive], two)["V1"])["control_leakage"] == ("red", 75)
    confidential_low = vendor(criticality="low", data_access="confidential")
    assert axes(score([confidential_low], two)["V1"])["control_leakage"] == ("amber", 50)


def test_a_report_with_most_measures_empty_is_not_green():
    rows = kpis(sla_target_pct=None, sla_attainment_pct=None, security_incidents=None,
                open_audit_findings=None, privileged_accounts=None)
    risk = score([vendor()], rows)["V1"]
    assert axes(risk)["control_leakage"] == ("amber", 25)
    assert risk.axes["control_leakage"].reasons[0].code == "coverage"


def test_vendors_outside_their_contract_are_not_scored():
    ended = vendor("V2", contract_end=pd.Timestamp("2026-09-30"))
    future = vendor("V3", contract_start=pd.Timestamp("2026-11-01"))
    result = score([vendor(), ended, future], kpis())
    assert list(result) == ["V1"]


def test_overall_is_the_worst_axis_and_its_reasons_lead():
    rows = kpis(actual_cost_jpy=1_100_000, report_delay_days=3)
    risk = score([vendor()], rows)["V1"]
    assert axes(risk)["overall"] == ("red", 60)
    assert [r.measure for r in risk.axes["overall"].reasons] == ["cost_variance_pct",
                                                                 "report_delay_days"]


def test_thresholds_come_from_the_configuration():
    config = ScoringConfig()
    config = replace(config, thresholds={**config.thresholds,
                                         "documentation_coverage_pct": (95, 80)})
    assert axes(score([vendor()], kpis(), config)["V1"])["knowledge_drain"] == ("amber", 25)


def test_history_scores_every_active_vendor_month():
    frame = score_history(pd.DataFrame([vendor()]), pd.DataFrame(kpis()[:-1]))
    assert len(frame) == 9  # Jan–Sep reported; the last month with data is September
    assert set(frame["overall_status"]) == {"green"}


def test_the_demo_stories_show_on_their_axes(demo_scores):
    statuses = {v: {a: r.axes[a].status for a in r.axes} for v, r in demo_scores.items()}
    assert statuses["V-ITO-01"]["knowledge_drain"] == "red"
    assert statuses["V-BPO-01"]["cost_creep"] == "red"
    assert statuses["V-KPO-01"]["control_leakage"] == "red"
    assert not demo_scores["V-ITO-03"].reported
    # no report: amber on every axis; its contract ends in 61 days, but with no outcome of
    # know-how amber or red nothing says know-how is not secured, so no escalation to red
    assert set(statuses["V-ITO-03"].values()) == {"amber"}
    assert [v for v, s in statuses.items() if s["overall"] == "red"] == [
        "V-BPO-01", "V-ITO-01", "V-KPO-01"]


@pytest.fixture
def demo_scores(tmp_path):
    from governance import demo
    from governance.store import Store
    from governance.views import month as risk
    store = Store(str(tmp_path / "demo.duckdb"))
    demo.load(store)
    return {r.vendor_id: r for r in risk.scores(store, "2026-10")}


def test_score_json_has_one_object_per_vendor_with_four_axes(tmp_path):
    db = str(tmp_path / "g.duckdb")
    run = [sys.executable, "-m", "governance"]
    subprocess.run([*run, "demo", "--db", db], cwd=ROOT, check=True, capture_output=True)
    out = subprocess.run([*run, "score", "--month", "2026-10", "--db", db, "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data) == 14
    first = data[0]
    assert list(first) == ["vendor_id", "vendor_name", "month", "knowledge_drain",
                           "cost_creep", "control_leakage", "overall"]
    for axis in ("knowledge_drain", "cost_creep", "control_leakage", "overall"):
        assert set(first[axis]) == {"status", "score", "reasons"}
        assert first[axis]["status"] in {"green", "amber", "red"}
        assert 0 <= first[axis]["score"] <= 100
    assert first["vendor_id"] == "V-BPO-01" and first["cost_creep"]["status"] == "red"
    bad = subprocess.run([*run, "score", "--month", "2026-13", "--db", db], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_score_json_is_written_as_the_standard_library_indents_it(_demo_db, tmp_path, capsys):
    from governance import cli
    from governance.store import Store
    from governance.views import month as risk
    from governance.views.score_table import to_json

    db = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, db)
    assert cli.main(["score", "--month", "2026-10", "--format", "json", "--db", str(db)]) == 0
    risks = risk.scores(Store(str(db)), "2026-10")
    expected = json.dumps([r.as_dict() for r in risks], ensure_ascii=False, indent=2)
    assert capsys.readouterr().out == expected + "\n"
    assert to_json([]) == "[]"


INGEST_PATH = ("pandera", "checks", "xlsxwriter", "python_calamine", "governance.ingest")
CHARTS = ("altair", "vl_convert", "weasyprint")


@pytest.mark.parametrize(("command", "unused"), [
    (["score", "--month", "2026-10", "--format", "json"], INGEST_PATH + CHARTS),
    (["score", "--month", "2026-10", "--format", "table"], INGEST_PATH + CHARTS),
    (["batches"], INGEST_PATH + CHARTS),
    (["report", "--month", "2026-10", "-o", "{tmp}/r.html"], INGEST_PATH)])
def test_commands_that_read_never_import_the_ingest_path(_demo_db, tmp_path, command, unused):
    db = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, db)
    argv = [a.format(tmp=tmp_path) for a in command] + ["--db", str(db)]
    code = ("import contextlib, io, sys\n"
            "from governance import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert cli.main({argv!r}) == 0\n"
            f"print(sorted(m for m in sys.modules if m.startswith({unused!r})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_command_lines_preset_constants_are_the_modules_own():
    from governance import cli
    from governance.ingest import templates
    from governance.report import executive

    assert cli.templates.FORMATS == templates.FORMATS
    assert cli.report.FORMATS == executive.FORMATS


def test_score_table_headers_are_in_the_chosen_language(_demo_db, tmp_path, capsys):
    from governance import cli

    db = tmp_path / "g.duckdb"
    shutil.copyfile(_demo_db, db)
    heads = {}
    for lang in ("ja", "en"):
        assert cli.main(["score", "--month", "2026-10", "--format", "table", "--db", str(db),
                         "--lang", lang]) == 0
        heads[lang] = capsys.readouterr().out.splitlines()[0].split("  ")
    assert [h.strip() for h in heads["ja"] if h.strip()] == [
        "委託先ID", "委託先名", "対象月", "ノウハウ流出 評価", "ノウハウ流出 スコア",
        "コスト増大 評価", "コスト増大 スコア", "統制・情報管理 評価", "統制・情報管理 スコア",
        "総合 評価", "総合 スコア"]
    assert [h.strip() for h in heads["en"] if h.strip()] == [
        "Vendor ID", "Vendor name", "Month", "Knowledge drain status", "Knowledge drain score",
        "Cost creep status", "Cost creep score", "Control & information status",
        "Control & information score", "Overall status", "Overall score"]


def test_a_service_type_may_have_its_own_thresholds(tmp_path):
    from governance.errors import GovernanceError
    from governance.scoring.config import load

    path = tmp_path / "scoring.toml"
    path.write_text("[thresholds.privileged_accounts]\namber = 12\n\n"
                    "[service_types.ITO.thresholds.privileged_accounts]\n"
                    "amber = 40\nred = 80\n", encoding="utf-8")
    config = load(path)
    assert config.threshold("privileged_accounts") == (12, 20)
    assert config.threshold("privileged_accounts", "ITO") == (40, 80)
    assert config.threshold("privileged_accounts", "BPO") == (12, 20)
    rows = kpis("I", privileged_accounts=30) + kpis("B", privileged_accounts=30)
    risks = score([vendor("I"), vendor("B", service_type="BPO")], rows, config)
    assert axes(risks["I"])["control_leakage"] == ("green", 0)
    assert axes(risks["B"])["control_leakage"] == ("red", 60)
    (reason,) = risks["B"].axes["control_leakage"].reasons
    assert reason.threshold == 20
    path.write_text("[service_types.XYZ.thresholds.privileged_accounts]\namber = 1\n",
                    encoding="utf-8")
    with pytest.raises(GovernanceError) as caught:
        load(path)
    assert caught.value.params["detail"] == "service_types.XYZ"


def test_a_month_nobody_reported_on_is_a_usage_error_on_the_command_line(tmp_path):
    db = str(tmp_path / "g.duckdb")
    run = [sys.executable, "-m", "governance"]
    subprocess.run([*run, "demo", "--db", db], cwd=ROOT, check=True, capture_output=True)
    score = subprocess.run([*run, "score", "--month", "2030-01", "--db", db], cwd=ROOT,
                           capture_output=True, text=True)
    report = subprocess.run([*run, "report", "--month", "2030-01", "--db", db, "-o",
                             str(tmp_path / "r.html")], cwd=ROOT, capture_output=True,
                            text=True)
    assert (score.returncode, report.returncode) == (2, 2)
    assert score.stderr == report.stderr == "対象月 2030-01 のデータがありません。\n"
    assert score.stdout == ""


def test_other_upload_kinds_reach_the_formulas_as_vendor_by_month_sources():
    from governance.scoring import grid

    months = pd.date_range("2026-09-01", "2026-10-01", freq="MS")
    source = pd.DataFrame({"vendor_id": ["V1", "V1", "nobody"],
                           "month": pd.to_datetime(["2026-10-01", "2025-01-01", "2026-10-01"]),
                           "measured_sla_pct": [62.0, 99.0, 50.0]})
    g = grid.build(pd.DataFrame([vendor()]), pd.DataFrame(kpis()), months,
                   sources={"tickets": source})
    measured = g.inputs.source("measured_sla_pct")
    assert np.isnan(measured[0, 0]) and measured[0, 1] == 62.0 and measured.shape == (1, 2)
    assert np.isnan(g.inputs.source("no_such_source")).all()
