"""The KPI catalog: every column of every upload kind, declared once.

Readers (header aliases), value parsing, the pandera models in ``checks/``, the store's
table columns, templates, labels and (later) scoring all derive from the declarations
below. Adding a KPI means adding one ``Column`` to ``KPIS``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

AXES = ("knowledge_drain", "cost_creep", "control_leakage")
TYPES = ("text", "integer", "number", "percent", "month", "date", "boolean", "enum")
NUMERIC_TYPES = ("integer", "number", "percent")

# What every column of a type may hold unless it declares narrower bounds. Numbers: finite
# and within ±10^13 (10 trillion yen): exact as float64 (parsing goes through it), far inside
# int64 and PostgreSQL BIGINT, and 900,000 such values still sum inside int64. Months and
# dates: 1900-01-01 to 2100-12-31, the years pages, fiscal years and reports can draw.
NUMBER_LIMIT = 10**13
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column and the words users write for it."""

    value: str
    ja: str
    en: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.value, self.ja, self.en, *self.aliases)

    def label_for(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Column:
    """One column of an upload kind: how it is written, typed, checked and scored."""

    name: str
    ja: str
    type: str
    en_label: str
    help_en: str
    help_ja: str
    required: bool = False
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[Choice, ...] = ()
    axis: str | None = None
    direction: str | None = None  # "higher_is_better" | "higher_is_worse"
    amber: float | None = None
    red: float | None = None
    references: str | None = None  # kind whose key this column must match

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type
        assert self.axis in (None, *AXES), self.axis
        assert self.direction in (None, "higher_is_better", "higher_is_worse")
        assert (self.type == "enum") == bool(self.choices), self.name
        assert all(abs(b) <= NUMBER_LIMIT for b in (self.minimum, self.maximum)
                   if b is not None), self.name

    def bounds(self) -> tuple[object, object]:
        """The smallest and largest value the column may hold: its own minimum and maximum,
        else its type's (``NUMBER_LIMIT``, ``FIRST_DAY`` … ``LAST_DAY``); None for others."""
        if self.type in ("month", "date"):
            return FIRST_DAY, LAST_DAY
        if self.type not in NUMERIC_TYPES:
            return None, None
        return (-NUMBER_LIMIT if self.minimum is None else self.minimum,
                NUMBER_LIMIT if self.maximum is None else self.maximum)

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en_label

    def help(self, lang: str) -> str:
        return self.help_ja if lang == "ja" else self.help_en

    def choice(self, value: str) -> Choice:
        return next(c for c in self.choices if c.value == value)


@dataclass(frozen=True)
class Kind:
    """One upload kind (a table users upload) and its natural key."""

    name: str
    ja: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    depends_on: tuple[str, ...] = ()
    _by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in self.columns})
        assert all(k in self._by_name for k in self.key), self.name

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


def normalise_header(text: str) -> str:
    """The form in which headers are compared: NFKC, trimmed (ASCII and U+3000), casefolded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold().replace(" ", "_")


_VENDOR_REF = dict(
    type="text", required=True, references="vendors", max_length=32,
    en_label="Vendor ID", help_en="ID of the vendor as in the vendor register.",
    help_ja="委託先台帳の委託先ID。",
)

VENDORS = Kind(
    "vendors", "委託先台帳", "Vendor register",
    key=("vendor_id",),
    columns=(
        Column("vendor_id", "委託先ID", "text", "Vendor ID", required=True, max_length=32,
               pattern=r"^[A-Za-z0-9_-]{1,32}$",
               help_en="Unique ID: 1–32 letters, digits, '-' or '_'.",
               help_ja="一意のID。英数字・「-」「_」で1〜32文字。"),
        Column("vendor_name", "委託先名", "text", "Vendor name", required=True, max_length=500,
               help_en="Company name of the vendor.", help_ja="委託先の会社名。"),
        Column("service_type", "委託区分", "enum", "Service type", required=True,
               choices=(Choice("BPO", "BPO", "BPO (business process)"),
                        Choice("ITO", "ITO", "ITO (IT operations)"),
                        Choice("KPO", "KPO", "KPO (knowledge work)")),
               help_en="BPO (HR, payroll, accounting), ITO (IT) or KPO (research, analytics).",
               help_ja="BPO(業務プロセス全体)、ITO(IT関連業務)、KPO(専門知識を要する業務)。"),
        Column("engagement", "契約形態", "enum", "Engagement", required=True,
               choices=(Choice("outsourcing", "アウトソーシング", "Outsourcing"),
                        Choice("contracting", "外注", "Contracting", aliases=("請負",)),
                        Choice("staffing", "派遣", "Staffing", aliases=("人材派遣",))),
               help_en="Outsourcing (vendor runs the process), contracting (deliverables) or staffing.",
               help_ja="アウトソーシング(業務運用を包括委託)、外注・請負(成果物)、派遣(自社が指揮命令)。"),
        Column("criticality", "重要度", "enum", "Criticality", required=True,
               choices=(Choice("high", "高", "High"), Choice("medium", "中", "Medium"),
                        Choice("low", "低", "Low")),
               help_en="How much the business depends on this vendor.",
               help_ja="事業が当該委託先に依存する度合い。"),
        Column("owner", "主管部門", "text", "Owner", required=True, max_length=500,
               help_en="The in-house department that owns the relationship.",
               help_ja="委託を管理する社内の主管部門。"),
        Column("contract_start", "契約開始日", "date", "Contract start", required=True,
               help_en="First day of the contract.", help_ja="契約の開始日。"),
        Column("contract_end", "契約終了日", "date", "Contract end",
               help_en="Last day of the contract; empty if open-ended.",
               help_ja="契約の終了日。期間の定めがなければ空欄。"),
        Column("annual_budget_jpy", "年間予算", "integer", "Annual budget", required=True,
               unit="JPY", minimum=0, help_en="Budget for the fiscal year, in yen.",
               help_ja="年間の委託予算(円)。"),
        Column("data_access", "取扱情報区分", "enum", "Data handled", required=True,
               choices=(Choice("none", "なし", "None"), Choice("internal", "社内", "Internal"),
                        Choice("confidential", "機密", "Confidential"),
                        Choice("personal", "個人情報", "Personal data")),
               help_en="Most sensitive information the vendor handles.",
               help_ja="委託先が取り扱う最も機密性の高い情報。"),
        Column("exit_plan_updated", "出口計画更新日", "date", "Exit plan reviewed",
               axis="knowledge_drain",
               help_en="Last review of the exit / hand-back plan.",
               help_ja="出口計画(契約終了・内製化に備えた引継ぎ計画)の最終見直し日。"),
    ),
)

KPIS = Kind(
    "kpis", "月次KPI報告", "Monthly KPI report",
    key=("vendor_id", "month"), depends_on=("vendors",),
    columns=(
        Column("vendor_id", "委託先ID", **_VENDOR_REF),
        Column("month", "対象月", "month", "Month", required=True,
               help_en="Month reported on, e.g. 2026-10.", help_ja="報告の対象月(例: 2026年10月)。"),
        Column("budget_jpy", "予算額", "integer", "Budget", required=True, unit="JPY", minimum=0,
               axis="cost_creep", help_en="Budget for the month, in yen.",
               help_ja="当月の予算額(円)。"),
        Column("actual_cost_jpy", "実績額", "integer", "Actual cost", required=True, unit="JPY",
               minimum=0, axis="cost_creep", direction="higher_is_worse",
               help_en="Amount invoiced for the month, in yen.", help_ja="当月の実績額(円)。"),
        Column("change_requests", "変更要求件数", "integer", "Change requests", unit="count",
               minimum=0, axis="cost_creep", direction="higher_is_worse", amber=3, red=6,
               help_en="Change requests raised in the month.", help_ja="当月の変更要求の件数。"),
        Column("change_request_cost_jpy", "変更要求費用", "integer", "Change-request cost",
               unit="JPY", minimum=0, axis="cost_creep", direction="higher_is_worse",
               help_en="Cost of change requests in the month, in yen.",
               help_ja="当月の変更要求に伴う費用(円)。"),
        Column("documentation_coverage_pct", "手順書整備率", "percent", "Documentation coverage",
               unit="%", minimum=0, maximum=100, axis="knowledge_drain",
               direction="higher_is_better", amber=70, red=50,
               help_en="Share of outsourced procedures documented and held in-house.",
               help_ja="委託業務のうち手順書が整備され社内で保有されている割合。"),
        Column("inhouse_capable_staff", "社内対応可能人数", "integer", "In-house capable staff",
               unit="people", minimum=0, axis="knowledge_drain", direction="higher_is_better",
               amber=1, red=0,
               help_en="Employees who could take the work back.",
               help_ja="業務を引き取れる自社社員の人数。"),
        Column("vendor_staff_turnover_pct", "委託先要員交代率", "percent", "Vendor staff turnover",
               unit="%", minimum=0, maximum=100, axis="knowledge_drain",
               direction="higher_is_worse", amber=10, red=20,
               help_en="Share of the vendor's team replaced in the month.",
               help_ja="当月に交代した委託先要員の割合。"),
        Column("knowledge_transfer_hours", "ナレッジ移転時間", "number", "Knowledge-transfer hours",
               unit="hours", minimum=0, axis="knowledge_drain", direction="higher_is_better",
               help_en="Hours the vendor spent transferring know-how to staff in the month.",
               help_ja="当月に委託先から自社へノウハウを移転した時間。"),
        Column("sla_target_pct", "SLA目標", "percent", "SLA target", unit="%", minimum=0,
               maximum=100, axis="control_leakage",
               help_en="Service level agreed in the contract.", help_ja="契約上のサービスレベル目標。"),
        Column("sla_attainment_pct", "SLA達成率", "percent", "SLA attainment", unit="%", minimum=0,
               maximum=100, axis="control_leakage", direction="higher_is_better",
               help_en="Service level achieved in the month.", help_ja="当月のサービスレベル実績。"),
        Column("security_incidents", "セキュリティ事故件数", "integer", "Security incidents",
               unit="count", minimum=0, axis="control_leakage", direction="higher_is_worse",
               amber=1, red=2,
               help_en="Security incidents (including near-leaks) in the month.",
               help_ja="当月のセキュリティ事故(情報漏えいのおそれを含む)の件数。"),
        Column("open_audit_findings", "未是正監査指摘件数", "integer", "Open audit findings",
               unit="count", minimum=0, axis="control_leakage", direction="higher_is_worse",
               amber=1, red=3,
               help_en="Audit findings not yet remediated at month end.",
               help_ja="月末時点で是正されていない監査指摘の件数。"),
        Column("privileged_accounts", "特権ID数", "integer", "Privileged accounts", unit="count",
               minimum=0, axis="control_leakage", direction="higher_is_worse", amber=10, red=20,
               help_en="Privileged accounts held by vendor staff.",
               help_ja="委託先要員が保有する特権IDの数。"),
        Column("access_review_done", "アクセス権棚卸実施", "boolean", "Access review done",
               axis="control_leakage", direction="higher_is_better", amber=0,
               help_en="Whether the vendor's access rights were reviewed this month.",
               help_ja="当月に委託先のアクセス権棚卸を実施したか。"),
        Column("report_delay_days", "報告遅延日数", "integer", "ProblemList delay", unit="days",
               minimum=0, axis="control_leakage", direction="higher_is_worse", amber=3, red=7,
               help_en="Days the monthly report arrived after the agreed date.",
               help_ja="月次報告が約定日から遅れた日数。"),
    ),
)

ASSESSMENT = (Choice("green", "良好", "Green"), Choice("amber", "注意", "Amber"),
              Choice("red", "要対応", "Red"))

REVIEWS = Kind(
    "reviews", "進捗確認会議", "Review meetings",
    key=("vendor_id", "held_on"), depends_on=("vendors",),
    columns=(
        Column("held_on", "開催日", "date", "Held on", required=True,
               help_en="Date of the meeting.", help_ja="会議の開催日。"),
        Column("vendor_id", "委託先ID", **_VENDOR_REF),
        Column("period", "対象月", "month", "Period", required=True,
               help_en="Month under review.", help_ja="確認の対象月。"),
        Column("attendees", "出席者", "text", "Attendees", max_length=2000,
               help_en="Who attended.", help_ja="出席者。"),
        Column("summary", "議事概要", "text", "Summary", required=True, max_length=20000,
               help_en="What was discussed.", help_ja="議事の概要。"),
        Column("decisions", "決定事項", "text", "Decisions", max_length=20000,
               help_en="What was decided.", help_ja="決定事項。"),
        Column("assessment", "評価", "enum", "Assessment", choices=ASSESSMENT,
               help_en="The meeting's own judgement.", help_ja="会議としての評価。"),
    ),
)

ACTIONS = Kind(
    "actions", "対応事項", "Action items",
    key=("vendor_id", "raised_on", "action"), depends_on=("vendors",),
    columns=(
        Column("vendor_id", "委託先ID", **_VENDOR_REF),
        Column("raised_on", "起票日", "date", "Raised on", required=True,
               help_en="Date the action was raised.", help_ja="起票した日。"),
        Column("action", "対応内容", "text", "Action", required=True, max_length=5000,
               help_en="What must be done.", help_ja="対応すべき内容。"),
        Column("owner", "担当者", "text", "Owner", required=True, max_length=500,
               help_en="Who is responsible.", help_ja="担当者。"),
        Column("due_on", "期限", "date", "Due on", required=True,
               help_en="Deadline; not before the date raised.", help_ja="期限(起票日以降)。"),
        Column("status", "状況", "enum", "Status", required=True,
               choices=(Choice("open", "未完了", "Open", aliases=("未対応", "対応中")),
                        Choice("done", "完了", "Done", aliases=("済",)),
                        Choice("cancelled", "取消", "Cancelled", aliases=("canceled", "中止"))),
               help_en="open, done or cancelled.", help_ja="未完了・完了・取消。"),
        Column("closed_on", "完了日", "date", "Closed on",
               help_en="Required when the status is done.", help_ja="状況が完了のとき必須。"),
        Column("risk_axis", "リスク区分", "enum", "Risk axis",
               choices=(Choice("knowledge", "ノウハウ", "Knowledge"),
                        Choice("cost", "コスト", "Cost"),
                        Choice("control", "統制", "Control")),
               help_en="Which risk the action addresses.", help_ja="対応するリスクの区分。"),
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (VENDORS, KPIS, REVIEWS, ACTIONS)}


@dataclass(frozen=True)
class Measure:
    """What scoring judges: a KPI column with thresholds, or a KPI derived from several.

    Thresholds are inclusive: with ``higher_is_worse`` a value at or above ``amber`` is
    amber; with ``higher_is_better`` a value at or below it is. ``trend`` measures can
    raise the "worsening three months in a row" signal.
    """

    name: str
    ja: str
    en: str
    axis: str
    direction: str
    amber: float | None
    red: float | None
    unit: str | None
    help_en: str
    help_ja: str
    derived: bool = False
    trend: bool = True

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def help(self, lang: str) -> str:
        return self.help_ja if lang == "ja" else self.help_en


DERIVED = (
    Measure("cost_variance_pct", "予算超過率", "Cost variance", "cost_creep", "higher_is_worse",
            5, 10, "%", "Actual cost above budget in the month, as % of budget.",
            "当月の実績額が予算額を上回る割合(予算比 %)。", derived=True),
    Measure("fytd_variance_pct", "年度累計予算超過率", "Fiscal-YTD variance", "cost_creep",
            "higher_is_worse", 3, 8, "%",
            "Actual cost above budget since the start of the fiscal year, as % of budget.",
            "年度初めからの累計実績額が累計予算額を上回る割合(%)。", derived=True, trend=False),
    Measure("change_request_cost_pct", "変更要求費用率", "Change-request cost share",
            "cost_creep", "higher_is_worse", 5, 10, "%",
            "Cost of change requests as % of the month's budget.",
            "当月の変更要求費用の予算額に対する割合(%)。", derived=True),
    Measure("sla_gap_pts", "SLA未達幅", "SLA gap", "control_leakage", "higher_is_worse",
            0.1, 2, "pt", "SLA target minus attainment, in percentage points.",
            "SLA目標からSLA達成率を引いた差(ポイント)。", derived=True),
    Measure("exit_plan_age_months", "出口計画経過月数", "Exit plan age", "knowledge_drain",
            "higher_is_worse", 12, 24, "months",
            "Months since the exit / hand-back plan was last reviewed.",
            "出口計画を最後に見直してからの月数。", derived=True, trend=False),
    Measure("knowledge_transfer_hours_3m", "ナレッジ移転時間(3か月)", "Knowledge transfer (3 months)",
            "knowledge_drain", "higher_is_better", 24, 0, "hours",
            "Knowledge-transfer hours over the last three months.",
            "直近3か月のナレッジ移転時間の合計。", derived=True),
)


def _raw_measures() -> tuple[Measure, ...]:
    return tuple(
        Measure(c.name, c.ja, c.en_label, c.axis, c.direction, c.amber, c.red, c.unit,
                c.help_en, c.help_ja)
        for c in KPIS.columns if c.axis and c.direction and c.amber is not None)


MEASURES: tuple[Measure, ...] = _raw_measures() + DERIVED


def measures_of(axis: str) -> tuple[Measure, ...]:
    return tuple(m for m in MEASURES if m.axis == axis)


def measure(name: str) -> Measure:
    return next(m for m in MEASURES if m.name == name)
LOAD_ORDER = ("vendors", "kpis", "reviews", "actions")

AXIS_LABELS = {
    "knowledge_drain": {"ja": "ノウハウ流出", "en": "Knowledge drain"},
    "cost_creep": {"ja": "コスト増大", "en": "Cost creep"},
    "control_leakage": {"ja": "統制・情報管理", "en": "Control & information"},
}


def kind(name: str) -> Kind:
    return KINDS[name]
