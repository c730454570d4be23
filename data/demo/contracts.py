"""The demo's contract register (契約台帳), sub-contractors (再委託先), and the two register
columns that go with them: each vendor's corporate number (fictional: twelve digits
starting 9999 with their check digit, so none is a real company's) and the e-mail address
of its owner department. Rows are keyed by the catalog's column names.

The contracts carry the three stories on their axes without starting new ones:
- ``V-BPO-01`` (cost creep): this fiscal year's payroll contract has grown by change
  contracts to 120 % of its original amount; it renews itself unless notice is given by
  2026/12/31.
- ``V-ITO-01`` (knowledge drain): the operations contract was awarded sole-source to one
  bidder for five years (lock-in).
- ``V-KPO-01`` (control): its analysis work goes on to a data-entry firm and from there to
  an overseas centre handling personal data (approved, so amber before its KPIs turn red).
Everyone else holds competitively awarded, approved, domestic arrangements (one unapproved
facilities firm handles no data, so it raises nothing). Deadlines fall
on both sides of 2026/11/26 (the tests' today) so ``remind`` has something to say.
"""

# The e-mail address of each owner department (vendor register: 主管部門メール).
OWNER_EMAILS = {
    "人事部": "jinji@example.co.jp", "経理部": "keiri@example.co.jp",
    "総務部": "somu@example.co.jp", "情報システム部": "joho-system@example.co.jp",
    "経営企画部": "keiei-kikaku@example.co.jp", "マーケティング部": "marketing@example.co.jp",
}

# The twelve digits after the check digit of each vendor's (fictional) corporate number.
CORPORATE_BASES = {
    "V-BPO-01": "999901000011", "V-BPO-02": "999901000022", "V-BPO-03": "999901000033",
    "V-BPO-04": "999901000044", "V-BPO-05": "999901000055", "V-ITO-01": "999902000011",
    "V-ITO-02": "999902000022", "V-ITO-03": "999902000033", "V-ITO-04": "999902000044",
    "V-ITO-05": "999902000055", "V-KPO-01": "999903000011", "V-KPO-02": "999903000022",
    "V-KPO-03": "999903000033", "V-KPO-04": "999903000044",
}


def _contract(contract_id, vendor_id, title, start_on, end_on, amount, original, form,
              procurement, bidders, auto_renew, notice_days) -> dict[str, object]:
    return dict(contract_id=contract_id, vendor_id=vendor_id, title=title, start_on=start_on,
                end_on=end_on, amount_jpy=f"{amount:,}",
                original_amount_jpy="" if original is None else f"{original:,}",
                contract_form=form, procurement=procurement,
                bidders="" if bidders is None else bidders, auto_renew=auto_renew,
                notice_days="" if notice_days is None else notice_days)


CONTRACTS: tuple[dict[str, object], ...] = (
    _contract("K2023-0101", "V-BPO-01", "令和5年度 給与計算・社会保険手続業務委託",
              "2023/04/01", "2026/03/31", 486_000_000, 480_000_000, "準委任",
              "一般競争契約（総合評価）", 3, "いいえ", 90),
    _contract("K2026-0101", "V-BPO-01", "令和8年度 給与計算・社会保険手続業務委託",
              "2026/04/01", "2027/03/31", 216_000_000, 180_000_000, "準委任",
              "一般競争契約（総合評価）", 2, "はい", 90),
    _contract("K2024-0102", "V-BPO-02", "経理・債権管理業務委託", "2024/10/01", "2028/09/30",
              384_000_000, 384_000_000, "準委任", "一般競争契約（最低価格）", 4, "いいえ", 180),
    _contract("K2025-0103", "V-BPO-03", "人事・勤怠管理業務委託", "2025/04/01", "2027/03/31",
              96_000_000, 96_000_000, "請負", "随意契約（企画競争）", 2, "いいえ", 90),
    _contract("K2026-0104", "V-BPO-04", "経理事務に係る労働者派遣", "2026/04/01", "2027/03/31",
              24_000_000, 24_000_000, "派遣", "指名競争契約（最低価格）", 3, "はい", 30),
    _contract("K2025-0105", "V-BPO-05", "総務・庶務業務委託", "2025/07/01", "2027/06/30",
              72_000_000, 70_000_000, "準委任", "一般競争契約（最低価格）", 2, "はい", 90),
    _contract("K2022-0201", "V-ITO-01", "基幹業務システム運用保守業務", "2022/04/01",
              "2027/03/31", 1_200_000_000, 1_150_000_000, "準委任", "随意契約（その他）", 1,
              "いいえ", 120),
    _contract("K2024-0202", "V-ITO-02", "ネットワーク・サーバ基盤運用業務", "2024/10/01",
              "2027/09/30", 1_440_000_000, 1_440_000_000, "準委任",
              "一般競争契約（総合評価）", 3, "はい", 180),
    _contract("K2025-0203", "V-ITO-03", "令和7年度 販売管理システム改修業務", "2025/01/06",
              "2026/12/31", 158_400_000, 144_000_000, "請負", "一般競争契約（総合評価）", 4,
              "いいえ", 60),
    _contract("K2026-0204", "V-ITO-04", "営業支援システム開発業務", "2026/01/10", "2027/01/09",
              120_000_000, 120_000_000, "請負", "一般競争契約（総合評価）", 3, "いいえ", 30),
    _contract("K2026-0205", "V-ITO-05", "ヘルプデスク要員に係る労働者派遣", "2026/01/01",
              "2026/12/31", 30_000_000, 30_000_000, "派遣", "指名競争契約（最低価格）", 2,
              "はい", 30),
    _contract("K2025-0301", "V-KPO-01", "顧客データ分析業務委託", "2025/04/01", "2028/03/31",
              630_000_000, 600_000_000, "準委任", "随意契約（企画競争）", 3, "いいえ", 90),
    _contract("K2025-0302", "V-KPO-02", "市場調査業務委託", "2025/01/15", "2027/01/14",
              120_000_000, 120_000_000, "準委任", "随意契約（公募）", 2, "いいえ", 90),
    _contract("K2025-0303", "V-KPO-03", "令和7年度 経営指標分析業務", "2025/06/01",
              "2029/05/31", 288_000_000, 288_000_000, "準委任", "一般競争契約（総合評価）", 2,
              "いいえ", 90),
    _contract("K2026-0304", "V-KPO-04", "技術動向調査委託", "2026/04/01", "2027/03/31",
              1_000_000, None, "請負", "随意契約（少額）", None, "いいえ", None),
)

SUBCONTRACTORS: tuple[dict[str, object], ...] = (
    dict(vendor_id="V-BPO-01", subcontractor_name="株式会社さくらデータ入力センター",
         corporate_number="4-9999-0100-0111", tier=1, parent_name="",
         scope="給与データ入力", data_access="個人情報", approved_on="2023/03/20", country=""),
    dict(vendor_id="V-BPO-03", subcontractor_name="ひかり印刷株式会社", corporate_number="",
         tier=1, parent_name="", scope="給与明細の印刷・封入", data_access="個人情報",
         approved_on="2025/03/25", country="日本"),
    dict(vendor_id="V-ITO-02", subcontractor_name="株式会社北辰データセンター",
         corporate_number="", tier=1, parent_name="", scope="データセンター運用",
         data_access="機密", approved_on="2024/09/15", country="日本"),
    dict(vendor_id="V-ITO-02", subcontractor_name="北辰ファシリティーズ株式会社",
         corporate_number="", tier=2, parent_name="株式会社北辰データセンター",
         scope="設備保守", data_access="なし", approved_on="", country="日本"),
    dict(vendor_id="V-KPO-01", subcontractor_name="株式会社データパンチ東北",
         corporate_number="", tier=1, parent_name="", scope="アンケート回答の入力",
         data_access="個人情報", approved_on="2025/03/28", country="日本"),
    dict(vendor_id="V-KPO-01", subcontractor_name="Manila Data Services Inc.",
         corporate_number="", tier=2, parent_name="株式会社データパンチ東北",
         scope="回答データの入力・照合", data_access="個人情報", approved_on="2025/03/28",
         country="フィリピン"),
)
