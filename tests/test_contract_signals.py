"""The contract and sub-contractor signals (issue 19): each one on its axis with its own
reason in Japanese and English, through the scoring configuration, and nothing for a vendor
with no contracts, sub-contractors or meetings uploaded."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from conftest import TODAY
from test_healthy_portfolio import _month_row, _vendor

from governance import ingest, scoring
from governance.calendar import Month
from governance.catalog.contracts import CONTRACT_MEASURES
from governance.contracts import signals
from governance.ingest import Upload
from governance.scoring import ScoringConfig
from governance.views import month as month_view

OCT = Month.parse("2026-10")
MONTHS = pd.date_range("2025-04-01", "2026-10-01", freq="MS")


def _portfolio(n: int = 3, end=pd.NaT) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Healthy vendors (tests/test_healthy_portfolio.py): V00 high, V01 medium, V02 low,
    their register contracts ending on ``end``."""
    import random

    rng = random.Random(16)
    vendors = pd.DataFrame([_vendor(i, end) for i in range(n)])
    kpis = pd.DataFrame([_month_row(v, m, rng, edge=False) for v in vendors["vendor_id"]
                         for m in MONTHS])
    return vendors, kpis


def _contract(vendor_id="V00", start="2025-04-01", end="2027-03-31", amount=1000,
              original=1000, procurement="competitive", bidders=3, **extra) -> dict:
    return dict(contract_id=f"C-{vendor_id}-{start}", vendor_id=vendor_id, title="件名",
                start_on=pd.Timestamp(start), end_on=pd.Timestamp(end), amount_jpy=amount,
                original_amount_jpy=original, contract_form=None, procurement=procurement,
                bidders=bidders, auto_renew=extra.get("auto_renew"),
                notice_days=extra.get("notice_days"))


def _sub(name, vendor_id="V00", tier=1, parent=None, access="personal", approved=None,
         country=None) -> dict:
    return dict(vendor_id=vendor_id, subcontractor_name=name, corporate_number=None, tier=tier,
                parent_name=parent, scope=None, data_access=access,
                approved_on=None if approved is None else pd.Timestamp(approved),
                country=country)


def risks(contracts=(), subs=(), reviews=None, config=None, month=OCT, end=pd.NaT):
    vendors, kpis = _portfolio(end=end)
    config = config or ScoringConfig()
    reviews = reviews if reviews is not None else pd.DataFrame(
        columns=["vendor_id", "held_on"])
    first = scoring.first_needed(month)
    sources = signals.sources(vendors, pd.DataFrame(list(contracts)),
                              pd.DataFrame(list(subs)), reviews, first, month, config)
    ev = scoring.evaluate(vendors, kpis, first, month, config, sources)
    return {r.vendor_id: r for r in scoring.month_risks(ev, month)}


def statuses(found, axis: str) -> dict[str, str]:
    return {v: r.axes[axis].status for v, r in found.items()}


CODES = {m.reason_code for m in CONTRACT_MEASURES}


def mine(found, vendor: str, axis: str) -> list:
    """The vendor's reasons on ``axis`` from contracts, sub-contractors and meetings (the
    healthy KPIs of tests/test_healthy_portfolio.py add at most a note)."""
    return [r for r in found[vendor].axes[axis].reasons if r.code in CODES]


def own(found, vendor: str, axis: str) -> list[tuple]:
    return [(r.code, r.status, r.measure) for r in mine(found, vendor, axis)]


def test_nothing_uploaded_means_no_contract_signals():
    found = risks()
    for axis in ("knowledge_drain", "cost_creep", "control_leakage"):
        assert statuses(found, axis) == dict.fromkeys(found, "green")
        assert all(not mine(found, v, axis) for v in found)


def test_a_subcontractor_with_personal_data_and_no_approval_makes_its_vendor_red():
    found = risks(subs=[_sub("Aデータ株式会社", "V01"), _sub("B社", "V02",
                                                         approved="2025-01-10")])
    assert statuses(found, "control_leakage") == {"V00": "green", "V01": "red", "V02": "green"}
    [reason] = mine(found, "V01", "control_leakage")
    assert (reason.code, reason.status, reason.value) == ("subcontractor_unapproved", "red", 1)
    assert reason.text("ja") == (
        "個人情報・機密情報を扱う再委託先 1 社に書面承認がありません(2026-10):要対応")
    assert reason.text("en") == ("1 sub-contractor(s) handling personal or confidential data "
                                 "without written approval (2026-10): red")
    assert found["V01"].axes["overall"].status == "red"


def test_internal_data_without_approval_raises_nothing():
    found = risks(subs=[_sub("C社", "V01", access="internal")])
    assert statuses(found, "control_leakage")["V01"] == "green"


def test_personal_data_abroad_is_red_without_approval_and_amber_with_it():
    found = risks(subs=[_sub("Manila Data Inc.", "V01", approved="2025-03-01",
                             country="フィリピン"),
                        _sub("Hanoi BPO", "V02", access="personal", country="Vietnam",
                             approved=None),
                        _sub("国内社", "V00", approved="2025-03-01", country="日本")])
    assert statuses(found, "control_leakage") == {"V00": "green", "V01": "amber",
                                                  "V02": "red"}
    assert own(found, "V01", "control_leakage") == [
        ("personal_data_abroad", "amber", "personal_data_abroad_approved")]
    assert sorted(own(found, "V02", "control_leakage")) == [
        ("personal_data_abroad", "red", "personal_data_abroad_unapproved"),
        ("subcontractor_unapproved", "red", "subcontractors_unapproved")]
    assert mine(found, "V01", "control_leakage")[0].text("en") == (
        "1 approved sub-contractor(s) abroad handle personal data (2026-10): amber")


def test_a_chain_of_three_tiers_is_amber():
    chain = [_sub("一次", "V02", access="none"),
             _sub("二次", "V02", tier=2, parent="一次", access="none"),
             _sub("三次", "V02", tier=3, parent="二次", access="none")]
    found = risks(subs=chain)
    assert statuses(found, "control_leakage")["V02"] == "amber"
    [reason] = mine(found, "V02", "control_leakage")
    assert (reason.code, reason.text("ja")) == (
        "subcontract_chain", "再委託が第3階層まで連なっています(基準 3 階層以上):注意")
    assert statuses(risks(subs=chain[:2]), "control_leakage")["V02"] == "green"


@pytest.mark.parametrize("amount, expected", [(1190, "green"), (1200, "amber"),
                                              (1499, "amber"), (1500, "red")])
def test_change_contracts_at_120_percent_are_amber_and_at_150_red(amount, expected):
    found = risks(contracts=[_contract("V02", amount=amount, original=1000)])
    assert statuses(found, "cost_creep")["V02"] == expected
    if expected != "green":
        [reason] = mine(found, "V02", "cost_creep")
        assert reason.code == "change_contracts"
        assert reason.text("en").startswith(
            f"Change contracts raised a contract to {amount / 10:.1f}% of its original amount")


def test_growth_counts_only_while_the_contract_runs_and_the_thresholds_are_configurable():
    ended = _contract("V02", start="2023-04-01", end="2024-03-31", amount=2000, original=1000)
    assert statuses(risks(contracts=[ended]), "cost_creep")["V02"] == "green"
    config = dataclasses.replace(ScoringConfig(), thresholds={
        **ScoringConfig().thresholds, "contract_growth_pct": (110, 130)})
    found = risks(contracts=[_contract("V02", amount=1150, original=1000)], config=config)
    assert statuses(found, "cost_creep")["V02"] == "amber"


def test_a_sole_source_or_single_bidder_contract_of_three_years_is_a_lock_in():
    found = risks(contracts=[
        _contract("V00", start="2024-04-01", end="2027-03-31", procurement="sole_source",
                  bidders=None),
        _contract("V01", start="2024-04-01", end="2027-03-31", bidders=1),
        _contract("V02", start="2025-04-01", end="2027-03-31", procurement="sole_source")])
    assert statuses(found, "knowledge_drain") == {"V00": "amber", "V01": "amber",
                                                  "V02": "green"}
    [reason] = mine(found, "V01", "knowledge_drain")
    assert (reason.code, reason.text("ja")) == (
        "lock_in", "随意契約または1者応札の契約が 36か月 続きます"
                   "(基準 36か月 以上、囲い込みのおそれ):注意")


def test_a_lock_in_does_not_turn_an_ending_contract_red():
    """Lock-in is a risk measure: the contract-ending escalation needs an outcome."""
    found = risks(contracts=[_contract("V00", start="2022-04-01", end="2027-01-31",
                                       procurement="sole_source")],
                  end=pd.Timestamp("2027-01-31"))  # the register's contract ends in 92 days
    knowledge = found["V00"].axes["knowledge_drain"]
    assert knowledge.status == "amber"
    assert "lock_in" in [r.code for r in knowledge.reasons]
    assert "contract_ending" not in [r.code for r in knowledge.reasons]


def _reviews(*rows) -> pd.DataFrame:
    return pd.DataFrame([dict(vendor_id=v, held_on=pd.Timestamp(d)) for v, d in rows])


def test_a_review_older_than_the_vendors_cadence_is_amber_no_review_since():
    # V00 high (monthly), V01 medium (quarterly), V02 low (half-yearly)
    reviews = _reviews(("V00", "2026-09-10"), ("V01", "2026-08-01"), ("V02", "2026-04-30"),
                       ("V00", "2026-05-10"))
    found = risks(reviews=reviews)
    assert statuses(found, "control_leakage") == {"V00": "amber", "V01": "green",
                                                  "V02": "amber"}
    [reason] = mine(found, "V00", "control_leakage")
    assert (reason.code, reason.value) == ("review_overdue", 21)  # due 10-10, month ends 10-31
    assert reason.text("ja") == ("2026-09-10 以降、進捗確認会議がありません"
                                 "(1か月ごとの頻度を 21日 超過):注意")
    assert reason.text("en") == ("No review since 2026-09-10 (due every 1 month(s); 21 days "
                                 "overdue): amber")
    # a meeting held after the month shown does not count for it; the cadence is configurable
    later = _reviews(("V00", "2026-09-10"), ("V00", "2026-11-05"))
    assert statuses(risks(reviews=later), "control_leakage")["V00"] == "amber"
    config = dataclasses.replace(ScoringConfig(), review_cadence_high=2)
    assert statuses(risks(reviews=reviews, config=config), "control_leakage")["V00"] == "green"


def test_the_coverage_of_a_report_ignores_the_measures_it_cannot_fill():
    vendors, kpis = _portfolio()
    thin = kpis.copy()  # four of the seven control measures reported: enough on its own
    for column in ("sla_attainment_pct", "access_review_done"):
        thin[column] = None
    ev = scoring.evaluate(vendors, thin, scoring.first_needed(OCT), OCT, ScoringConfig())
    assert not ev.coverage_short["control_leakage"].any()


# --- from the store, both engines -------------------------------------------------------

REGISTER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
            "取扱情報区分,法人番号,主管部門メール\r\n"
            "V-1,甲社,ITO,アウトソーシング,中,情報システム部,2022/04/01,,12000000,個人情報,,\r\n"
            "V-2,乙社,BPO,アウトソーシング,中,人事部,2022/04/01,,12000000,個人情報,,\r\n")
KPIS = ("委託先ID,対象月,予算額,実績額,手順書整備率,社内対応可能人数,委託先要員交代率,"
        "ナレッジ移転時間,SLA目標,SLA達成率,セキュリティ事故件数,未是正監査指摘件数,特権ID数,"
        "アクセス権棚卸実施,報告遅延日数\r\n"
        + "".join(f"{v},2026年{m}月,1000000,1000000,90,3,2,6,99,99.5,0,0,3,済,0\r\n"
                  for v in ("V-1", "V-2") for m in range(1, 11)))
SUBS = ("委託先ID,再委託先名,法人番号,階層,委託元,再委託業務,取扱情報区分,承認日,所在国\r\n"
        "V-1,未承認データ株式会社,,1,,入力,個人情報,,\r\n"
        "V-2,承認済データ株式会社,,1,,入力,個人情報,2024/04/01,\r\n")


def test_from_the_store_an_unapproved_subcontractor_is_red_and_an_approved_one_is_not(store):
    for name, text in (("register.csv", REGISTER), ("kpis.csv", KPIS), ("subs.csv", SUBS)):
        upload = ingest.load(store, Upload(name, text.encode()), "tester", TODAY)
        assert not upload.refused, upload.problems.summary("en")
    data = month_view.read(store, OCT, ScoringConfig())
    found = {r.vendor_id: r for r in data.risks}
    assert statuses(found, "control_leakage") == {"V-1": "red", "V-2": "green"}
    assert [r.code for r in found["V-1"].axes["control_leakage"].reasons] == [
        "subcontractor_unapproved"]
    assert month_view.scores(store, "2026-10")[0].axes["control_leakage"].status == "red"
