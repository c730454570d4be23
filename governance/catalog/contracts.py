"""The contract register (契約台帳) and the sub-contractors (再委託先) as upload kinds, and the
measures scoring derives from them.

The measures read vendor × month arrays that ``governance.contracts.signals`` computes from
the stored contracts, sub-contractors and review meetings (``GridInputs.source``); a vendor
with nothing uploaded has none (NaN: no data, no signal). None of them is part of the
monthly KPI report, so none counts towards a report's coverage (``in_report=False``), and
each carries its own reason (docs/scoring.md, "Contracts and sub-contractors").
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from governance.catalog.kinds import VENDORS
from governance.catalog.model import Choice, Column, GridInputs, Kind, Measure

_VENDOR_REF = dict(type="text", required=True, references="vendors", max_length=32,
                   en_label="Vendor ID")

# The Japanese government's own words for how a contract was awarded (調達情報の「契約方式」),
# full-width or ASCII brackets alike (values are compared after NFKC).
PROCUREMENT = (
    Choice("competitive", "競争入札", "Competitive bidding", aliases=(
        "一般競争契約（最低価格）", "一般競争契約（総合評価）", "指名競争契約（最低価格）",
        "指名競争契約（総合評価）", "一般競争契約", "指名競争契約", "一般競争入札",
        "指名競争入札", "competitive bidding")),
    Choice("proposal", "企画競争・公募", "Proposal or open call", aliases=(
        "随意契約（企画競争）", "随意契約（公募）", "企画競争", "公募")),
    Choice("sole_source", "随意契約", "Sole source", aliases=(
        "随意契約（その他）", "随意契約（不落・不調）", "随意契約（少額）", "特命随意契約",
        "sole-source")),
    Choice("other", "その他", "Other"),
)

CONTRACT_FORMS = (
    Choice("quasi_mandate", "準委任", "Quasi-mandate", aliases=("準委任契約", "quasi-mandate")),
    Choice("fixed_work", "請負", "Fixed work", aliases=("請負契約", "fixed-work")),
    Choice("staffing", "派遣", "Staffing", aliases=("労働者派遣", "派遣契約", "人材派遣")),
)

CONTRACTS = Kind(
    "contracts", "契約台帳", "Contract register",
    key=("contract_id",), depends_on=("vendors",),
    columns=(
        Column("contract_id", "契約番号", "text", "Contract ID", required=True, max_length=64,
               help_en="Unique number of the contract.", help_ja="契約を一意に表す番号。"),
        Column("vendor_id", "委託先ID", help_en="The vendor, as in the vendor register.",
               help_ja="委託先台帳の委託先ID。", **_VENDOR_REF),
        Column("title", "契約件名", "text", "Title", required=True, max_length=1000,
               help_en="The contract's title as written.", help_ja="契約件名(原文のまま)。"),
        Column("start_on", "契約開始日", "date", "Start", required=True,
               help_en="First day of the contract.", help_ja="契約期間の初日。"),
        Column("end_on", "契約終了日", "date", "End", required=True,
               help_en="Last day of the contract; not before the start.",
               help_ja="契約期間の末日(開始日以降)。"),
        Column("amount_jpy", "契約金額", "integer", "Amount", required=True, unit="JPY",
               minimum=0, help_en="The contract's current total in yen, change contracts included.",
               help_ja="変更契約を含む現在の契約金額(円)。"),
        Column("original_amount_jpy", "当初契約金額", "integer", "Original amount", unit="JPY",
               minimum=0, help_en="The total before any change contract, in yen.",
               help_ja="変更契約前の当初の契約金額(円)。"),
        Column("contract_form", "契約類型", "enum", "Contract form", choices=CONTRACT_FORMS,
               help_en="Quasi-mandate (準委任), fixed work (請負) or staffing (派遣).",
               help_ja="準委任・請負・派遣。"),
        Column("procurement", "契約方式", "enum", "Procurement", choices=PROCUREMENT,
               help_en="How it was awarded; the government's words (一般競争契約（最低価格）…) work.",
               help_ja="契約方式。一般競争契約（最低価格）・随意契約（企画競争）など調達情報の表記も可。"),
        Column("bidders", "入札者数", "integer", "Bidders", unit="count", minimum=0,
               help_en="How many bid or applied.", help_ja="応札・応募した者の数。"),
        Column("auto_renew", "自動更新", "boolean", "Auto-renew",
               help_en="Whether the contract renews itself unless notice is given (default no).",
               help_ja="解約の申し出がなければ自動で更新されるか(既定: いいえ)。"),
        Column("notice_days", "解約予告日数", "integer", "Notice days", unit="days", minimum=0,
               maximum=3650, help_en="Days before the end by which notice must be given (default 90).",
               help_ja="契約終了日の何日前までに申し出るか(既定: 90日)。"),
    ),
)

SUBCONTRACTORS = Kind(
    "subcontractors", "再委託先", "Sub-contractors",
    key=("vendor_id", "subcontractor_name"), depends_on=("vendors",),
    columns=(
        Column("vendor_id", "委託先ID", help_en="The prime vendor, as in the vendor register.",
               help_ja="元請の委託先(委託先台帳の委託先ID)。", **_VENDOR_REF),
        Column("subcontractor_name", "再委託先名", "text", "Sub-contractor", required=True,
               max_length=500, help_en="Company name of the sub-contractor, as written.",
               help_ja="再委託先の会社名(原文のまま)。"),
        VENDORS.column("corporate_number"),
        Column("tier", "階層", "integer", "Tier", required=True, minimum=1, maximum=99,
               help_en="1: the vendor's own sub-contractor, 2: theirs, …",
               help_ja="1: 委託先からの再委託、2: その先の再々委託 …"),
        Column("parent_name", "委託元", "text", "Parent", max_length=500,
               help_en="Who hands the work to it; required from tier 2 on.",
               help_ja="この再委託先に業務を委託する者。階層2以上で必須。"),
        Column("scope", "再委託業務", "text", "Scope", max_length=2000,
               help_en="The work handed on.", help_ja="再委託する業務の内容。"),
        Column("data_access", "取扱情報区分", "enum", "Data handled", required=True,
               choices=VENDORS.column("data_access").choices,
               help_en="Most sensitive information it handles, as in the register.",
               help_ja="取り扱う最も機密性の高い情報(委託先台帳と同じ区分)。"),
        Column("approved_on", "承認日", "date", "Approved on",
               help_en="The company's written approval of this sub-contracting.",
               help_ja="再委託に対する当社の書面承認日。"),
        Column("country", "所在国", "text", "Country", max_length=100,
               help_en="Where it handles the data (default Japan).",
               help_ja="業務・データの所在国(既定: 日本)。"),
    ),
)


# --- measures -------------------------------------------------------------------------------
# the message of each measure's own reason (its code, which JSON and tests read, is on the
# declaration below)
REASON_KEYS = {"subcontractors_unapproved": "reason.subcontractor-unapproved",
               "personal_data_abroad_unapproved": "reason.personal-data-abroad-unapproved",
               "personal_data_abroad_approved": "reason.personal-data-abroad-approved",
               "subcontract_tier": "reason.subcontract-chain",
               "review_overdue_days": "reason.review-overdue",
               "contract_growth_pct": "reason.change-contracts",
               "lock_in_months": "reason.lock-in"}


def _source(name: str):
    def formula(g: GridInputs) -> np.ndarray:
        return g.source(name)
    formula.__name__ = name
    return formula


def _count(name: str):
    def params(g: GridInputs, v: int, j: int) -> dict:
        return {"count": int(g.source(name)[v, j])}
    return params


def _last_review(g: GridInputs, v: int, j: int) -> dict:
    day = g.source("last_review_day")[v, j]
    return {"date": dt.date.fromordinal(int(day)).isoformat(),
            "cadence": int(g.source("review_cadence_months")[v, j])}


def _tier(g: GridInputs, v: int, j: int) -> dict:
    return {"tier": int(g.source("subcontract_tier")[v, j])}


def _measure(name: str, ja: str, en: str, axis: str, amber, red, unit, help_en: str,
             help_ja: str, role: str, reason: str, params=None) -> Measure:
    return Measure(name, ja, en, axis, "higher_is_worse", amber, red, unit, help_en, help_ja,
                   role=role, formula=_source(name), trend=False, in_report=False,
                   reason_code=reason, reason_key=REASON_KEYS[name],
                   reason_params=params)


CONTRACT_MEASURES = (
    _measure("subcontractors_unapproved", "未承認の再委託先", "Unapproved sub-contractors",
             "control_leakage", 1, 1, "count",
             "Sub-contractors handling personal or confidential data without written approval.",
             "個人情報・機密情報を扱うのに書面承認のない再委託先の数。", "outcome",
             "subcontractor_unapproved", _count("subcontractors_unapproved")),
    _measure("personal_data_abroad_unapproved", "国外の個人情報取扱い(未承認)",
             "Personal data abroad, unapproved", "control_leakage", 1, 1, "count",
             "Sub-contractors outside Japan handling personal data without approval.",
             "国外で個人情報を扱う、承認のない再委託先の数。", "risk", "personal_data_abroad",
             _count("personal_data_abroad_unapproved")),
    _measure("personal_data_abroad_approved", "国外の個人情報取扱い(承認済)",
             "Personal data abroad, approved", "control_leakage", 1, None, "count",
             "Sub-contractors outside Japan handling personal data with approval.",
             "国外で個人情報を扱う、承認済みの再委託先の数。", "risk", "personal_data_abroad",
             _count("personal_data_abroad_approved")),
    _measure("subcontract_tier", "再委託の階層", "Sub-contracting depth", "control_leakage", 3,
             None, None, "The deepest tier of the vendor's sub-contracting chain.",
             "再委託の連鎖の最も深い階層。", "risk", "subcontract_chain", _tier),
    _measure("review_overdue_days", "進捗確認の遅れ", "Review overdue", "control_leakage", 1,
             None, "days",
             "Days past the review cadence since the last meeting (high monthly, medium "
             "quarterly, low half-yearly).",
             "最後の進捗確認会議から、重要度に応じた頻度(高: 毎月、中: 四半期、低: 半年)を"
             "過ぎた日数。", "outcome", "review_overdue", _last_review),
    _measure("contract_growth_pct", "変更契約による増額率", "Change-contract growth",
             "cost_creep", 120, 150, "%",
             "The largest current total of a running contract as % of its original amount.",
             "実施中の契約の現在の契約金額の、当初契約金額に対する割合(最大のもの)。", "outcome",
             "change_contracts"),
    _measure("lock_in_months", "随意契約・1者応札の長期契約", "Sole-source lock-in",
             "knowledge_drain", 36, None, "months",
             "The longest term of a running contract awarded sole-source or to one bidder.",
             "随意契約(特命)または1者応札で結んだ実施中の契約の最も長い契約期間。", "risk",
             "lock_in"),
)
