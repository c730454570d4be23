"""The preview of a clean upload: which rows are new, which values a replacing file
changes (old -> new, changed columns only), what a register file leaves alone, and which
vendors' risk status would change, all without writing anything."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import TODAY, assert_same_state, snapshot

from governance import scoring
from governance.ingest import preview, staging

KPI_HEADER = ("委託先ID,対象月,予算額,実績額,変更要求件数,変更要求費用,手順書整備率,"
              "社内対応可能人数,委託先要員交代率,ナレッジ移転時間,SLA目標,SLA達成率,"
              "セキュリティ事故件数,未是正監査指摘件数,特権ID数,アクセス権棚卸実施,報告遅延日数\n")
# against the demo data: V-BPO-02 2026-10 overspends and raises change requests; V-ITO-02
# is repeated unchanged; V-KPO-04 2026-10 misses its SLA and skips the access review;
# V-KPO-04 2026-11 is new.
REPLACING_KPIS = KPI_HEADER + (
    "V-BPO-02,2026年10月,8036000,\"￥9,150,000\",4,620000,87.7,4,1.2,10.6,99.0,99.5,0,0,5,済,2\n"
    "V-ITO-02,2026年10月,40210000,40096000,0,0,88.9,5,2.2,13.5,99.5,99.9,0,0,8,済,2\n"
    "V-KPO-04,2026年10月,988000,975000,1,40000,75.8,2,4.5,7.0,95.0,93.0%,0,0,0,未,1\n"
    "V-KPO-04,2026年11月,990000,980000,0,0,76.0,2,4.0,8.0,95.0,95.5,0,0,0,済,0\n"
)
OCT, NOV = pd.Timestamp("2026-10-01"), pd.Timestamp("2026-11-01")
REGISTER = (
    "委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,取扱情報区分,出口計画更新日\n"
    "V-KPO-04,株式会社ナレッジワークス総研,KPO,請負,低,経営企画部,2024/10/01,,\"12,000,000\",なし,"
    "2024/09/30\n"
    "V-NEW-01,株式会社しんき運用,ITO,アウトソーシング,中,情報システム部,2026/10/01,,12000000,社内,\n"
)


def staged_preview(store, text: str, name: str = "file.csv") -> preview.Preview:
    [staged] = staging.stage(store, [staging.read(name, text.encode("cp932"))], TODAY,
                             scoring.ScoringConfig())
    assert staged.state == staging.READY, staged.upload.problems.table("en")
    return staged.preview


@pytest.fixture
def kpi_preview(demo_store):
    before = snapshot(demo_store)
    result = staged_preview(demo_store, REPLACING_KPIS)
    assert_same_state(before, snapshot(demo_store))  # a preview writes nothing
    return result


def test_a_replacing_kpi_file_is_counted_as_new_replaced_and_unchanged(kpi_preview):
    assert (kpi_preview.total, kpi_preview.inserted, kpi_preview.replaced_rows,
            kpi_preview.unchanged) == (4, 1, 2, 1)
    assert kpi_preview.new.to_dict("records") == [{"vendor_id": "V-KPO-04", "month": NOV}]
    assert kpi_preview.absent == ()


def test_the_preview_lists_exactly_the_changed_values_old_and_new(kpi_preview):
    assert [tuple(r) for r in kpi_preview.replaced.itertuples(index=False)] == [
        ("V-BPO-02", OCT, "actual_cost_jpy", 7_805_000, 9_150_000),
        ("V-BPO-02", OCT, "change_requests", 0, 4),
        ("V-BPO-02", OCT, "change_request_cost_jpy", 0, 620_000),
        ("V-KPO-04", OCT, "sla_attainment_pct", 95.4, 93.0),
        ("V-KPO-04", OCT, "access_review_done", True, False),
    ]


def test_the_changed_values_read_as_the_user_writes_them(kpi_preview):
    table = preview.replaced_table(kpi_preview, "ja")
    assert list(table.columns) == ["委託先ID", "対象月", "項目", "変更前", "変更後"]
    assert table.values.tolist() == [
        ["V-BPO-02", "2026年10月", "実績額", "7,805,000", "9,150,000"],
        ["V-BPO-02", "2026年10月", "変更要求件数", "0", "4"],
        ["V-BPO-02", "2026年10月", "変更要求費用", "0", "620,000"],
        ["V-KPO-04", "2026年10月", "SLA達成率", "95.4%", "93%"],
        ["V-KPO-04", "2026年10月", "アクセス権棚卸実施", "済", "未"],
    ]


def test_the_preview_names_exactly_the_vendors_whose_status_changes(kpi_preview):
    risk = kpi_preview.risk
    assert kpi_preview.months == [OCT, NOV]
    assert [tuple(r) for r in risk.drop(columns=["vendor_name", "reasons"])
            .itertuples(index=False)] == [
        (OCT, "V-BPO-02", "cost_creep", "green", "red", 0, 100),
        (OCT, "V-KPO-04", "control_leakage", "green", "red", 0, 85),
        # knowledge transfer is low (an activity) while its outcomes are green: the missing
        # report's 40 points go, nothing replaces them
        (NOV, "V-KPO-04", "knowledge_drain", "amber", "green", 40, 0),
        (NOV, "V-KPO-04", "cost_creep", "amber", "green", 40, 0),
        (NOV, "V-KPO-04", "control_leakage", "amber", "green", 40, 0),
    ]
    assert kpi_preview.vendors_changing == 2
    # 9,150,000 against a budget of 8,036,000: 13.9 % over, past the red 10 %
    assert risk["reasons"].iloc[0][0].text("ja") == \
        "予算超過率 が 13.9%(2026-10):要対応基準 10.0% 以上"


def test_a_file_identical_to_the_stored_rows_changes_nothing_and_is_not_loadable(demo_store):
    same = KPI_HEADER + ("V-ITO-02,2026年10月,40210000,40096000,0,0,88.9,5,2.2,13.5,99.5,99.9,"
                         "0,0,8,済,2\n")
    [staged] = staging.stage(demo_store, [staging.read("same.csv", same.encode("cp932"))],
                             TODAY, scoring.ScoringConfig())
    result = staged.preview
    assert (result.inserted, result.replaced_rows, result.unchanged) == (0, 0, 1)
    assert result.replaced.empty and result.risk.empty
    assert (result.changes_nothing, result.holders) == (True, (2,))
    assert (staged.state, staged.loaded_as, staged.holders) == (staging.LOADED, None, (2,))
    assert staging.committable([staged]) == []


def test_a_file_without_some_columns_empties_them_in_the_rows_it_replaces(demo_store):
    partial = ("委託先ID,対象月,予算額,実績額,SLA達成率\n"
               "V-ITO-02,2026年10月,40210000,40096000,99.9\n")
    result = staged_preview(demo_store, partial)
    assert result.absent == (
        "change_requests", "change_request_cost_jpy", "documentation_coverage_pct",
        "inhouse_capable_staff", "vendor_staff_turnover_pct", "knowledge_transfer_hours",
        "sla_target_pct", "security_incidents", "open_audit_findings", "privileged_accounts",
        "access_review_done", "report_delay_days")
    assert preview.replaced_table(result, "ja")[["項目", "変更前", "変更後"]].values.tolist() == [
        ["変更要求件数", "0", "(空欄)"], ["変更要求費用", "0", "(空欄)"],
        ["手順書整備率", "88.9%", "(空欄)"], ["社内対応可能人数", "5", "(空欄)"],
        ["委託先要員交代率", "2.2%", "(空欄)"], ["ナレッジ移転時間", "13.5", "(空欄)"],
        ["SLA目標", "99.5%", "(空欄)"], ["セキュリティ事故件数", "0", "(空欄)"],
        ["未是正監査指摘件数", "0", "(空欄)"], ["特権ID数", "8", "(空欄)"],
        ["アクセス権棚卸実施", "済", "(空欄)"], ["報告遅延日数", "2", "(空欄)"]]


def test_a_register_preview_shows_added_updated_and_kept_vendors(demo_store):
    result = staged_preview(demo_store, REGISTER, "台帳.csv")
    assert result.new.to_dict("records") == [{"vendor_id": "V-NEW-01",
                                              "vendor_name": "株式会社しんき運用"}]
    assert [tuple(r) for r in result.replaced.itertuples(index=False)] == [
        ("V-KPO-04", "exit_plan_updated", pd.Timestamp("2026-09-30"),
         pd.Timestamp("2024-09-30")),
        # columns the file lacks are emptied in the rows it replaces (``absent``)
        ("V-KPO-04", "corporate_number", "3999903000044", None),
        ("V-KPO-04", "owner_email", "keiei-kikaku@example.co.jp", None)]
    assert list(result.kept["vendor_id"]) == [
        "V-BPO-01", "V-BPO-02", "V-BPO-03", "V-BPO-04", "V-BPO-05", "V-ITO-01", "V-ITO-02",
        "V-ITO-03", "V-ITO-04", "V-ITO-05", "V-KPO-01", "V-KPO-02", "V-KPO-03"]
    # the latest month with reports: V-KPO-04's exit plan is now 24 months old (red from
    # 24); V-NEW-01's contract runs from October and has no report
    assert result.months == [OCT]
    assert [tuple(r) for r in result.risk[["vendor_id", "axis", "before", "after",
                                           "score_after"]].itertuples(index=False)] == [
        ("V-KPO-04", "knowledge_drain", "green", "red", 60),
        ("V-NEW-01", "knowledge_drain", None, "amber", 40),
        ("V-NEW-01", "cost_creep", None, "amber", 40),
        ("V-NEW-01", "control_leakage", None, "amber", 40),
    ]
    assert preview.risk_table(result, "ja").iloc[1].tolist()[3] == "評価対象外 → 注意"
    assert preview.kept_table(result, "ja").iloc[0].tolist() == ["V-BPO-01",
                                                                "株式会社さくらビジネスサービス"]


def test_a_kpi_file_naming_a_vendor_of_a_register_chosen_with_it_waits_for_it(demo_store):
    kpis = KPI_HEADER + "V-NEW-01,2026年10月,1000000,900000,,,,,,,,,,,,,\n"
    register = staging.read("台帳.csv", REGISTER.encode("cp932"))
    report = staging.read("kpi.csv", kpis.encode("cp932"))
    staged_kpis, staged_register = staging.stage(demo_store, [report, register], TODAY)
    assert staged_register.state == staging.READY
    assert staged_kpis.state == staging.WAITING
    assert staged_kpis.waits_for == ("台帳.csv",)
    # alone, the same KPI file is refused: the vendor is unknown
    [alone] = staging.stage(demo_store, [staging.read("kpi.csv", kpis.encode("cp932"))], TODAY)
    assert [p.as_tuple() for p in alone.upload.problems.errors] == [
        (2, "委託先ID", "unknown-vendor")]
    # loading both loads the register first, each as its own batch
    done = staging.commit(demo_store, [staged_kpis.upload, staged_register.upload], "alice",
                          TODAY)
    assert [(u.file_name, u.result.batch_id, u.result.inserted) for u in done] == [
        ("台帳.csv", 7, 1), ("kpi.csv", 8, 1)]
