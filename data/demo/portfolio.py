"""The fictional portfolio of the demo: fourteen vendors as rows of the vendor register,
each one's KPI baseline, and the story series that four of them follow.

Every row is keyed by the catalog's column names (``governance/catalog/kinds.py``), never by
position: adding or reordering a catalog column cannot shift a value into the wrong column.
``generate.py`` turns these tables into the demo files.
"""

# The vendor register. Values are written as Japanese Excel shows them; the budget is a
# number (written with thousands separators).
VENDORS: tuple[dict[str, str | int], ...] = (
    dict(vendor_id="V-BPO-01", vendor_name="株式会社さくらビジネスサービス", service_type="BPO",
         engagement="アウトソーシング", criticality="高", owner="人事部",
         contract_start="2020/04/01", contract_end="", annual_budget_jpy=180_000_000,
         data_access="個人情報", exit_plan_updated="2026/06/15"),
    dict(vendor_id="V-BPO-02", vendor_name="みなと経理センター株式会社", service_type="BPO",
         engagement="アウトソーシング", criticality="中", owner="経理部",
         contract_start="2021/10/01", contract_end="2028/09/30", annual_budget_jpy=96_000_000,
         data_access="機密", exit_plan_updated="2026/04/20"),
    dict(vendor_id="V-BPO-03", vendor_name="株式会社ひかり人事サポート", service_type="BPO",
         engagement="請負", criticality="中", owner="人事部", contract_start="2022/04/01",
         contract_end="", annual_budget_jpy=48_000_000, data_access="個人情報",
         exit_plan_updated="2025/12/10"),
    dict(vendor_id="V-BPO-04", vendor_name="株式会社アオバスタッフィング", service_type="BPO",
         engagement="派遣", criticality="低", owner="経理部", contract_start="2023/04/01",
         contract_end="2027/09/30", annual_budget_jpy=24_000_000, data_access="社内",
         exit_plan_updated=""),
    dict(vendor_id="V-BPO-05", vendor_name="株式会社ミライ総務サービス", service_type="BPO",
         engagement="アウトソーシング", criticality="低", owner="総務部",
         contract_start="2019/07/01", contract_end="", annual_budget_jpy=36_000_000,
         data_access="社内", exit_plan_updated="2025/09/01"),
    dict(vendor_id="V-ITO-01", vendor_name="東都システムソリューションズ株式会社",
         service_type="ITO", engagement="アウトソーシング", criticality="高",
         owner="情報システム部", contract_start="2022/04/01", contract_end="2027/03/31",
         annual_budget_jpy=240_000_000, data_access="機密", exit_plan_updated="2023/10/31"),
    dict(vendor_id="V-ITO-02", vendor_name="株式会社北辰インフラテクノロジー", service_type="ITO",
         engagement="アウトソーシング", criticality="高", owner="情報システム部",
         contract_start="2019/10/01", contract_end="", annual_budget_jpy=480_000_000,
         data_access="機密", exit_plan_updated="2026/07/10"),
    dict(vendor_id="V-ITO-03", vendor_name="ネクスト・アプリケーションズ株式会社",
         service_type="ITO", engagement="請負", criticality="中", owner="情報システム部",
         contract_start="2021/04/01", contract_end="2026/12/31", annual_budget_jpy=144_000_000,
         data_access="機密", exit_plan_updated="2026/02/27"),
    dict(vendor_id="V-ITO-04", vendor_name="株式会社髙橋ソフト開発", service_type="ITO",
         engagement="請負", criticality="中", owner="経営企画部", contract_start="2023/01/10",
         contract_end="", annual_budget_jpy=120_000_000, data_access="社内",
         exit_plan_updated="2025/11/14"),
    dict(vendor_id="V-ITO-05", vendor_name="株式会社テクノブリッジ人材", service_type="ITO",
         engagement="派遣", criticality="低", owner="情報システム部", contract_start="2024/01/01",
         contract_end="", annual_budget_jpy=30_000_000, data_access="社内",
         exit_plan_updated="2025/07/01"),
    dict(vendor_id="V-KPO-01", vendor_name="株式会社インサイトアナリティクス", service_type="KPO",
         engagement="アウトソーシング", criticality="高", owner="マーケティング部",
         contract_start="2022/07/01", contract_end="", annual_budget_jpy=210_000_000,
         data_access="個人情報", exit_plan_updated="2026/03/31"),
    dict(vendor_id="V-KPO-02", vendor_name="株式会社マーケットリサーチ・ジャパン",
         service_type="KPO", engagement="アウトソーシング", criticality="中",
         owner="マーケティング部", contract_start="2020/01/15", contract_end="",
         annual_budget_jpy=60_000_000, data_access="機密", exit_plan_updated="2026/05/20"),
    dict(vendor_id="V-KPO-03", vendor_name="経営データラボ株式会社", service_type="KPO",
         engagement="アウトソーシング", criticality="中", owner="経営企画部",
         contract_start="2024/06/01", contract_end="2029/05/31", annual_budget_jpy=72_000_000,
         data_access="機密", exit_plan_updated="2026/08/05"),
    dict(vendor_id="V-KPO-04", vendor_name="株式会社ナレッジワークス総研", service_type="KPO",
         engagement="請負", criticality="低", owner="経営企画部", contract_start="2024/10/01",
         contract_end="", annual_budget_jpy=12_000_000, data_access="なし",
         exit_plan_updated="2026/09/30"),
)

# Each vendor's KPI baseline: the typical monthly value of these KPI columns (None: not
# reported; no SLA, as for staffing), plus ``change_request_unit_jpy``, the cost of one
# change request (not a column).
PROFILES: dict[str, dict[str, float | int | None]] = {
    "V-BPO-01": dict(documentation_coverage_pct=82.0, inhouse_capable_staff=3,
                     vendor_staff_turnover_pct=4.0, knowledge_transfer_hours=12.0,
                     sla_target_pct=99.5, privileged_accounts=6, change_requests=1,
                     change_request_unit_jpy=300_000),
    "V-BPO-02": dict(documentation_coverage_pct=88.0, inhouse_capable_staff=4,
                     vendor_staff_turnover_pct=3.0, knowledge_transfer_hours=10.0,
                     sla_target_pct=99.0, privileged_accounts=5, change_requests=1,
                     change_request_unit_jpy=200_000),
    "V-BPO-03": dict(documentation_coverage_pct=78.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=6.0, knowledge_transfer_hours=10.0,
                     sla_target_pct=98.0, privileged_accounts=3, change_requests=1,
                     change_request_unit_jpy=150_000),
    "V-BPO-04": dict(documentation_coverage_pct=74.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=7.0, knowledge_transfer_hours=None,
                     sla_target_pct=None, privileged_accounts=1, change_requests=0,
                     change_request_unit_jpy=0),
    "V-BPO-05": dict(documentation_coverage_pct=83.0, inhouse_capable_staff=3,
                     vendor_staff_turnover_pct=5.0, knowledge_transfer_hours=11.0,
                     sla_target_pct=97.0, privileged_accounts=2, change_requests=1,
                     change_request_unit_jpy=80000),
    "V-ITO-01": dict(documentation_coverage_pct=85.0, inhouse_capable_staff=4,
                     vendor_staff_turnover_pct=5.0, knowledge_transfer_hours=40.0,
                     sla_target_pct=97.5, privileged_accounts=8, change_requests=1,
                     change_request_unit_jpy=400_000),
    "V-ITO-02": dict(documentation_coverage_pct=90.0, inhouse_capable_staff=5,
                     vendor_staff_turnover_pct=3.0, knowledge_transfer_hours=16.0,
                     sla_target_pct=99.5, privileged_accounts=8, change_requests=2,
                     change_request_unit_jpy=900_000),
    "V-ITO-03": dict(documentation_coverage_pct=76.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=6.0, knowledge_transfer_hours=12.0,
                     sla_target_pct=97.0, privileged_accounts=6, change_requests=2,
                     change_request_unit_jpy=600_000),
    "V-ITO-04": dict(documentation_coverage_pct=52.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=4.0, knowledge_transfer_hours=20.0,
                     sla_target_pct=96.0, privileged_accounts=4, change_requests=2,
                     change_request_unit_jpy=500_000),
    "V-ITO-05": dict(documentation_coverage_pct=72.0, inhouse_capable_staff=3,
                     vendor_staff_turnover_pct=6.0, knowledge_transfer_hours=None,
                     sla_target_pct=None, privileged_accounts=2, change_requests=0,
                     change_request_unit_jpy=0),
    "V-KPO-01": dict(documentation_coverage_pct=78.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=6.0, knowledge_transfer_hours=10.0,
                     sla_target_pct=98.0, privileged_accounts=4, change_requests=1,
                     change_request_unit_jpy=500_000),
    "V-KPO-02": dict(documentation_coverage_pct=75.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=5.0, knowledge_transfer_hours=10.0,
                     sla_target_pct=95.0, privileged_accounts=2, change_requests=1,
                     change_request_unit_jpy=300_000),
    "V-KPO-03": dict(documentation_coverage_pct=73.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=7.0, knowledge_transfer_hours=12.0,
                     sla_target_pct=96.5, privileged_accounts=3, change_requests=1,
                     change_request_unit_jpy=400_000),
    "V-KPO-04": dict(documentation_coverage_pct=76.0, inhouse_capable_staff=2,
                     vendor_staff_turnover_pct=5.0, knowledge_transfer_hours=10.0,
                     sla_target_pct=95.0, privileged_accounts=0, change_requests=1,
                     change_request_unit_jpy=100_000),
}

STORY_VENDORS = ("V-ITO-01", "V-BPO-01", "V-KPO-01", "V-ITO-03")
FIRST_MONTH = (2024, 11)
N_MONTHS = 24  # 2024年11月 … 2026年10月
STORY_START = 15  # index of 2026年2月; the last nine months carry the stories
MISSING = {("V-ITO-03", (2026, 7)), ("V-ITO-03", (2026, 10))}  # reports never sent

# The stories: the value of each KPI column named, month by month from 2026年2月 to
# 2026年10月 (index STORY_START … 23).
STORIES: dict[str, dict[str, tuple[float | int | str, ...]]] = {
    "V-ITO-01": {  # knowledge drain
        "documentation_coverage_pct": (84.0, 82.0, 78.0, 73.0, 68.0, 62.0, 56.0, 50.0, 45.0),
        "inhouse_capable_staff": (4, 4, 4, 3, 3, 1, 1, 0, 0),
        "vendor_staff_turnover_pct": (6.0, 7.0, 9.0, 12.0, 14.0, 17.0, 19.0, 22.0, 25.0),
        "knowledge_transfer_hours": (38.0, 34.0, 28.0, 22.0, 16.0, 12.0, 6.0, 0.0, 0.0),
    },
    "V-BPO-01": {  # cost creep
        "change_requests": (1, 2, 3, 3, 5, 5, 6, 7, 8),
    },
    "V-KPO-01": {  # control & information leakage
        "privileged_accounts": (4, 5, 6, 8, 9, 11, 12, 14, 15),
        "open_audit_findings": (0, 1, 1, 2, 2, 3, 4, 4, 5),
        "security_incidents": (0, 0, 0, 0, 1, 1, 0, 2, 1),
        "access_review_done": ("済", "済", "済", "済", "済", "未", "未", "未", "未"),
        "sla_attainment_pct": (98.6, 98.4, 98.1, 98.2, 97.6, 96.5, 95.8, 94.6, 93.1),
        "report_delay_days": (1, 2, 5, 6, 5, 7, 8, 10, 12),
    },
}

# Actual cost over budget, as a fraction: V-BPO-01 over the story months, the staffing
# vendor V-BPO-04 by month index.
BPO01_OVERRUN = (0.01, 0.03, 0.05, 0.07, 0.10, 0.13, 0.16, 0.20, 0.25)
BPO04_OVERRUN = {18: 0.03, 19: 0.05, 20: 0.06, 21: 0.07, 22: 0.08, 23: 0.08}
