"""Deterministic demo data: the four upload files a new user can try the dashboard with.

This module owns the demo files in ``data/demo/`` (``vendors.csv``, ``kpis.csv``,
``reviews.csv``, ``actions.csv``) and the code that produces them. The files follow the
data contract with its Japanese headers, written the way Japanese Excel saves CSV
(UTF-8 with BOM, CRLF line ends, ``2026/10/05`` dates, ``2026年10月`` months).

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
the output never depends on today's date. Headers come from the catalog; no Streamlit.

Run ``python -m governance.demo_data`` to (re)write the files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

from governance.catalog import KINDS, LOAD_ORDER

SEED = 20261026

# Japanese headers, in the catalog's column order.
HEADERS: dict[str, tuple[str, ...]] = {
    name: tuple(c.ja for c in KINDS[name].columns) for name in LOAD_ORDER
}

# vendor_id, name, service type, engagement, criticality, owner, contract start,
# contract end, annual budget (JPY), data handled, exit plan updated
VENDORS: tuple[tuple[str, str, str, str, str, str, str, str, int, str, str], ...] = (
    ("V-BPO-01", "株式会社さくらビジネスサービス", "BPO", "アウトソーシング", "高",
     "人事部", "2020/04/01", "", 180_000_000, "個人情報", "2026/06/15"),
    ("V-BPO-02", "みなと経理センター株式会社", "BPO", "アウトソーシング", "中",
     "経理部", "2021/10/01", "2028/09/30", 96_000_000, "機密", "2026/04/20"),
    ("V-BPO-03", "株式会社ひかり人事サポート", "BPO", "請負", "中",
     "人事部", "2022/04/01", "", 48_000_000, "個人情報", "2025/12/10"),
    ("V-BPO-04", "株式会社アオバスタッフィング", "BPO", "派遣", "低",
     "経理部", "2023/04/01", "2027/09/30", 24_000_000, "社内", ""),
    ("V-BPO-05", "株式会社ミライ総務サービス", "BPO", "アウトソーシング", "低",
     "総務部", "2019/07/01", "", 36_000_000, "社内", "2025/09/01"),
    ("V-ITO-01", "東都システムソリューションズ株式会社", "ITO", "アウトソーシング", "高",
     "情報システム部", "2022/04/01", "2027/03/31", 240_000_000, "機密", "2023/10/31"),
    ("V-ITO-02", "株式会社北辰インフラテクノロジー", "ITO", "アウトソーシング", "高",
     "情報システム部", "2019/10/01", "", 480_000_000, "機密", "2026/07/10"),
    ("V-ITO-03", "ネクスト・アプリケーションズ株式会社", "ITO", "請負", "中",
     "情報システム部", "2021/04/01", "2026/12/31", 144_000_000, "機密", "2026/02/27"),
    ("V-ITO-04", "株式会社髙橋ソフト開発", "ITO", "請負", "中",
     "経営企画部", "2023/01/10", "", 120_000_000, "社内", "2025/11/14"),
    ("V-ITO-05", "株式会社テクノブリッジ人材", "ITO", "派遣", "低",
     "情報システム部", "2024/01/01", "", 30_000_000, "社内", "2025/07/01"),
    ("V-KPO-01", "株式会社インサイトアナリティクス", "KPO", "アウトソーシング", "高",
     "マーケティング部", "2022/07/01", "", 210_000_000, "個人情報", "2026/03/31"),
    ("V-KPO-02", "株式会社マーケットリサーチ・ジャパン", "KPO", "アウトソーシング", "中",
     "マーケティング部", "2020/01/15", "", 60_000_000, "機密", "2026/05/20"),
    ("V-KPO-03", "経営データラボ株式会社", "KPO", "アウトソーシング", "中",
     "経営企画部", "2024/06/01", "2029/05/31", 72_000_000, "機密", "2026/08/05"),
    ("V-KPO-04", "株式会社ナレッジワークス総研", "KPO", "請負", "低",
     "経営企画部", "2024/10/01", "", 12_000_000, "なし", "2026/09/30"),
)

# Baseline of each vendor's KPIs: documentation coverage %, in-house capable staff,
# vendor turnover %, knowledge-transfer hours (None: not reported), SLA target %
# (None: no SLA, as for staffing), privileged accounts, typical change requests per
# month, cost of one change request (JPY).
PROFILES: dict[str, tuple[float, int, float, float | None, float | None, int, int, int]] = {
    "V-BPO-01": (82.0, 3, 4.0, 12.0, 99.5, 6, 1, 300_000),
    "V-BPO-02": (88.0, 4, 3.0, 10.0, 99.0, 5, 1, 200_000),
    "V-BPO-03": (78.0, 2, 6.0, 10.0, 98.0, 3, 1, 150_000),
    "V-BPO-04": (74.0, 2, 7.0, None, None, 1, 0, 0),
    "V-BPO-05": (83.0, 3, 5.0, 11.0, 97.0, 2, 1, 80_000),
    "V-ITO-01": (85.0, 4, 5.0, 40.0, 97.5, 8, 1, 400_000),
    "V-ITO-02": (90.0, 5, 3.0, 16.0, 99.5, 8, 2, 900_000),
    "V-ITO-03": (76.0, 2, 6.0, 12.0, 97.0, 6, 2, 600_000),
    "V-ITO-04": (52.0, 2, 4.0, 20.0, 96.0, 4, 2, 500_000),
    "V-ITO-05": (72.0, 3, 6.0, None, None, 2, 0, 0),
    "V-KPO-01": (78.0, 2, 6.0, 10.0, 98.0, 4, 1, 500_000),
    "V-KPO-02": (75.0, 2, 5.0, 10.0, 95.0, 2, 1, 300_000),
    "V-KPO-03": (73.0, 2, 7.0, 12.0, 96.5, 3, 1, 400_000),
    "V-KPO-04": (76.0, 2, 5.0, 10.0, 95.0, 0, 1, 100_000),
}

STORY_VENDORS = ("V-ITO-01", "V-BPO-01", "V-KPO-01", "V-ITO-03")
FIRST_MONTH = (2024, 11)
N_MONTHS = 24  # 2024年11月 … 2026年10月
STORY_START = 15  # index of 2026年2月; the last nine months carry the stories
MISSING = {("V-ITO-03", (2026, 7)), ("V-ITO-03", (2026, 10))}

# Story series for the months 2026年2月 … 2026年10月 (index STORY_START … 23).
ITO01_DOC = (84.0, 82.0, 78.0, 73.0, 68.0, 62.0, 56.0, 50.0, 45.0)
ITO01_STAFF = (4, 4, 4, 3, 3, 1, 1, 0, 0)
ITO01_TURNOVER = (6.0, 7.0, 9.0, 12.0, 14.0, 17.0, 19.0, 22.0, 25.0)
ITO01_KT_HOURS = (38.0, 34.0, 28.0, 22.0, 16.0, 12.0, 6.0, 0.0, 0.0)
BPO01_OVERRUN = (0.01, 0.03, 0.05, 0.07, 0.10, 0.13, 0.16, 0.20, 0.25)
BPO01_CHANGES = (1, 2, 3, 3, 5, 5, 6, 7, 8)
KPO01_PRIVILEGED = (4, 5, 6, 8, 9, 11, 12, 14, 15)
KPO01_FINDINGS = (0, 1, 1, 2, 2, 3, 4, 4, 5)
KPO01_INCIDENTS = (0, 0, 0, 0, 1, 1, 0, 2, 1)
KPO01_REVIEW_DONE = ("済", "済", "済", "済", "済", "未", "未", "未", "未")
KPO01_SLA = (98.6, 98.4, 98.1, 98.2, 97.6, 96.5, 95.8, 94.6, 93.1)
KPO01_DELAY = (1, 2, 5, 6, 5, 7, 8, 10, 12)
BPO04_OVERRUN = {18: 0.03, 19: 0.05, 20: 0.06, 21: 0.07, 22: 0.08, 23: 0.08}


def _month(index: int) -> tuple[int, int]:
    year, month = FIRST_MONTH
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


def _to_csv(header: tuple[str, ...], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _vendor_rows() -> list[list[str]]:
    rows = []
    for (vid, name, stype, engagement, crit, owner, start, end, budget, data,
         exit_plan) in VENDORS:
        rows.append([vid, name, stype, engagement, crit, owner, start, end,
                     f"{budget:,}", data, exit_plan])
    return rows


def _kpi_rows(rng: random.Random) -> list[list[str]]:
    rows = []
    budgets = {v[0]: v[8] for v in VENDORS}
    for vid, _name, *_ in VENDORS:
        doc0, staff0, turn0, kt0, sla0, priv0, cr0, cr_unit = PROFILES[vid]
        story = vid in STORY_VENDORS
        for i in range(N_MONTHS):
            ym = _month(i)
            # Draw every random number even for skipped months so that the series of
            # the other vendors do not depend on which rows are missing.
            budget = _yen(budgets[vid] / 12 * (1 + rng.uniform(-0.015, 0.015)))
            actual = _yen(budget * (1 + rng.uniform(-0.03, 0.018)))
            changes = min(2, rng.choice((0, 0, 0, 1, 1, 2)) if cr0 >= 2
                          else rng.choice((0, 0, 0, 0, 1, 1, 2)) if cr0 == 1 else 0)
            # healthy vendors keep change requests within a few percent of the budget
            cr_cost = _yen(min(changes * cr_unit * rng.uniform(0.7, 1.3), budget * 0.04))
            doc = doc0 + rng.uniform(-1.5, 1.5)
            staff = staff0
            turnover = max(0.0, turn0 + rng.uniform(-2.0, 2.0))
            kt = None if kt0 is None else max(0.0, kt0 + rng.uniform(-3.0, 3.0))
            sla_target = sla0
            sla = None if sla0 is None else sla0 + min(1.2, 100.0 - sla0) * rng.uniform(0.2, 0.9)
            incidents = 0
            findings = 1 if rng.random() < 0.04 and not story else 0
            privileged = priv0 + (rng.choice((0, 0, 0, 1)) if priv0 and not story else 0)
            review: str | None = "済" if rng.random() < 0.97 else "未"
            delay = rng.choice((0, 0, 0, 0, 0, 1, 1, 2))
            blank_kt = rng.random() < 0.06
            blank_review = rng.random() < 0.10
            blank_delay = rng.random() < 0.03
            if (vid, ym) in MISSING:
                continue
            if vid == "V-BPO-01":
                changes = min(changes, 1)  # before the story: 0-1 a month
            if not story:
                kt = None if blank_kt else kt
                review = None if blank_review else review
                delay = None if blank_delay else delay
            s = i - STORY_START  # position in the story window, negative before it
            if vid == "V-ITO-01" and s >= 0:
                doc = ITO01_DOC[s] + rng.uniform(-0.8, 0.8)
                staff = ITO01_STAFF[s]
                turnover = ITO01_TURNOVER[s]
                kt = ITO01_KT_HOURS[s]
            elif vid == "V-BPO-01" and s >= 0:
                changes = BPO01_CHANGES[s]
                overrun = BPO01_OVERRUN[s]
                actual = _yen(budget * (1 + overrun + rng.uniform(-0.004, 0.004)))
                cr_cost = _yen(max(actual - budget, changes * 250_000)
                               * rng.uniform(0.85, 0.95))
            elif vid == "V-KPO-01" and s >= 0:
                privileged = KPO01_PRIVILEGED[s]
                findings = KPO01_FINDINGS[s]
                incidents = KPO01_INCIDENTS[s]
                review = KPO01_REVIEW_DONE[s]
                sla = KPO01_SLA[s]
                delay = KPO01_DELAY[s]
            elif vid == "V-BPO-04" and i in BPO04_OVERRUN:
                actual = _yen(budget * (1 + BPO04_OVERRUN[i] + rng.uniform(-0.005, 0.005)))
            elif vid == "V-ITO-04":
                # Steady improvement: documentation 52 % -> 88 %, staff 2 -> 4.
                doc = doc0 + 36.0 * i / (N_MONTHS - 1) + rng.uniform(-1.0, 1.0)
                staff = 2 if i <= 12 else 3 if i <= 19 else 4
            elif vid == "V-BPO-03" and ym == (2025, 5):
                incidents = 1  # one isolated near-miss a year and a half ago
            rows.append([
                vid, _ja_month(ym), str(budget), str(actual), str(changes), str(cr_cost),
                _pct(doc), str(staff), _pct(turnover),
                "" if kt is None else f"{kt:.1f}",
                "" if sla_target is None else _pct(sla_target),
                "" if sla is None else _pct(sla),
                str(incidents), str(findings), str(privileged),
                review or "", "" if delay is None else str(delay),
            ])
    return rows


# Attendees per vendor: in-house staff, then the vendor's own representative.
ATTENDEES = {
    "V-ITO-01": "佐藤、高橋、伊藤、田中（東都システムソリューションズ）",
    "V-BPO-01": "鈴木、中村、小林、山口（さくらビジネスサービス）",
    "V-KPO-01": "山本、加藤、吉田、森（インサイトアナリティクス）",
    "V-BPO-02": "小林、井上、清水（みなと経理センター）",
    "V-ITO-02": "伊藤、渡辺、池田（北辰インフラテクノロジー）",
    "V-ITO-03": "高橋、渡辺、石川（ネクスト・アプリケーションズ）",
    "V-ITO-04": "松本、高橋、前田（髙橋ソフト開発）",
    "V-BPO-04": "小林、井上、岡田（アオバスタッフィング）",
}

# (vendor, period, summary, decisions, assessment); monthly for the story vendors
# (2026/03 … 2026/10) and quarterly for some others.
REVIEWS: tuple[tuple[str, tuple[int, int], str, str, str], ...] = (
    ("V-ITO-01", (2026, 3),
     ("月次報告を確認。一次解決率・応答時間とも目標内で推移。"
      "委託先要員1名の異動予定について説明を受けた。"),
     "異動に伴う引継ぎ計画を次回までに提出させる。", "良好"),
    ("V-ITO-01", (2026, 4),
     "SLAは達成。手順書整備率が前月から低下しており、更新されていない手順が散見される。",
     "未整備手順の一覧を5月末までに提出させる。", "良好"),
    ("V-ITO-01", (2026, 5),
     "委託先要員の交代が続き、社内で一次対応できる担当者が3名に減少。",
     "手順書の整備遅れを確認。次回までに引継ぎ計画を提出させる。", "注意"),
    ("V-ITO-01", (2026, 6),
     "引継ぎ計画が未提出。ナレッジ移転の定例会が2回中止されている。",
     "引継ぎ計画の提出を再度要請。定例会の開催を契約上の義務として確認する。", "注意"),
    ("V-ITO-01", (2026, 7),
     ("委託先リーダーが交代。社内対応可能人数が1名となり、"
      "障害時の一次切り分けを委託先に依存している。"),
     "社内要員2名をOJTでヘルプデスク一次対応に配置する。", "注意"),
    ("V-ITO-01", (2026, 8),
     ("手順書整備率が5割台まで低下。ナレッジ移転時間は月10時間未満。"
      "出口計画が2023年以降更新されていない。"),
     "出口計画の改訂に着手する。契約満了（2027/03/31）に向けて更新可否の検討を開始する。",
     "要対応"),
    ("V-ITO-01", (2026, 9),
     ("要員交代率が20%を超過。ナレッジ移転の定例会は実施されておらず、"
      "社内で対応できる要員は0名となった。"),
     "委託先責任者に改善計画の提出を要請。経営企画部へ状況を報告する。", "要対応"),
    ("V-ITO-01", (2026, 10),
     ("手順書整備率は約45%。社内で対応できる要員がいない状態が2か月継続。"
      "出口計画の改訂は未着手。"),
     "重要手順20件の社内レビュー会を12月に実施する。契約更新可否を経営会議に上程する。",
     "要対応"),
    ("V-BPO-01", (2026, 3),
     ("3月分の給与計算は予定通り完了。法改正対応の変更要求が2件発生し、"
      "実績額が予算を約3%上回った。"),
     "変更要求の都度、事前見積を提出させる。", "良好"),
    ("V-BPO-01", (2026, 4),
     "変更要求が3件に増加。承認前に作業へ着手していた案件が1件あった。",
     "変更要求の承認フローを見直し、事前見積の提出を必須とする。", "注意"),
    ("V-BPO-01", (2026, 5),
     ("承認フローの見直しを実施。ただし定額範囲の作業が変更要求として"
      "請求されている疑いがある。"),
     "変更要求費用の月次内訳を報告書に追加させる。", "注意"),
    ("V-BPO-01", (2026, 6),
     "賞与計算に伴い変更要求が5件発生。実績額が予算を約10%超過。",
     "定常作業と追加作業の区分を契約書と照合する。", "注意"),
    ("V-BPO-01", (2026, 7),
     ("変更要求費用の内訳を確認。制度改定対応の多くが定常化しているにもかかわらず、"
      "個別の請求が続いている。"),
     "年末調整対応の追加費用について見積根拠を精査する。", "要対応"),
    ("V-BPO-01", (2026, 8),
     "予算超過が累積しており、年度予算の不足が見込まれる。",
     "補正予算について経営企画部と協議する。", "要対応"),
    ("V-BPO-01", (2026, 9),
     "変更要求が月7件。実績額は予算比で約2割超過。委託先から人員増強の提案があった。",
     "人員増強の提案は保留。定常化した変更要求を契約単価に織り込む再交渉を行う。",
     "要対応"),
    ("V-BPO-01", (2026, 10),
     ("年末調整の準備で変更要求が8件。実績額は予算比約25%超過。"
      "再交渉は委託先の回答待ち。"),
     "2027年度の契約条件として変更要求費用の上限額を提案する。", "要対応"),
    ("V-KPO-01", (2026, 3),
     "分析レポートは期限内に納品。特権IDが前月から1件増加しており、理由の説明を受けた。",
     "特権IDの付与理由を記録させる。", "良好"),
    ("V-KPO-01", (2026, 4),
     "月次報告の提出が5日遅延。新規案件の開始に伴い分析要員が増員された。",
     "報告書の提出期限の遵守を申し入れる。", "注意"),
    ("V-KPO-01", (2026, 5),
     "未是正の監査指摘が2件。特権IDが8件まで増加。",
     "監査指摘の是正予定日を次回までに提示させる。", "注意"),
    ("V-KPO-01", (2026, 6),
     "分析用データの誤送信（個人情報を含む）が1件発生。影響範囲は限定的との報告。",
     "再発防止策を7月10日までに提出させる。", "要対応"),
    ("V-KPO-01", (2026, 7),
     ("SLA達成率が目標を下回った。アクセス権棚卸が実施されていない。"
      "セキュリティ事故が1件発生。"),
     "特権IDの棚卸しと不要IDの削除を8月中旬までに実施させる。", "要対応"),
    ("V-KPO-01", (2026, 8),
     "特権IDの棚卸しは未実施のまま。未是正の監査指摘は4件に増加し、報告は8日遅延。",
     "是正計画の提出を求める。情報セキュリティ委員会へ報告する。", "要対応"),
    ("V-KPO-01", (2026, 9),
     "セキュリティ事故が2件発生。アクセス権棚卸は3か月連続で未実施。",
     "個人情報の取扱状況について立入監査を実施する。", "要対応"),
    ("V-KPO-01", (2026, 10),
     ("報告書が12日遅延。未是正の監査指摘5件、特権ID15件。"
      "SLA達成率は目標を大きく下回った。"),
     "アクセス権棚卸の月次実施を契約上の義務とする。改善がなければ契約の見直しを検討する。",
     "要対応"),
    ("V-BPO-02", (2025, 12),
     "11月分までの月次決算支援は期限内に完了。SLAは全項目で達成。",
     "決算期の作業スケジュールを1月中に共有させる。", "良好"),
    ("V-BPO-02", (2026, 3),
     "決算早期化に向けた作業スケジュールを確認。仕訳エラー率は低い水準で推移。",
     "決算期の応援要員の確保状況を4月初旬に再確認する。", "良好"),
    ("V-BPO-02", (2026, 6),
     "年度決算業務は計画通り完了。手順書の更新も反映済み。", "", "良好"),
    ("V-BPO-02", (2026, 9),
     "中間決算の準備状況を確認。大きな課題はない。", "次回は12月に開催する。", "良好"),
    ("V-ITO-02", (2025, 12),
     "年末年始の運用体制を確認。11月に軽微な障害が1件発生したが、SLAへの影響はない。",
     "障害時の連絡体制表を更新する。", "良好"),
    ("V-ITO-02", (2026, 3),
     "サーバー更改作業は予定通り進捗。運用手順書も更新済み。", "", "良好"),
    ("V-ITO-02", (2026, 6),
     "稼働率は目標を上回って推移。特権IDの棚卸しを実施済み。",
     "DR訓練を秋に実施する方向で調整する。", "良好"),
    ("V-ITO-02", (2026, 9),
     "夜間バッチの遅延が2回発生。原因はディスク容量不足で、対策済み。",
     "DR訓練の実施計画を提出させる。", ""),
    ("V-ITO-03", (2025, 12),
     "保守案件の対応状況を確認。改修要望の消化は計画通り。", "", "良好"),
    ("V-ITO-03", (2026, 3),
     "年度末の改修リリースを完了。リリース後の障害はない。",
     "次年度の保守計画を4月中に提出させる。", "良好"),
    ("V-ITO-03", (2026, 6),
     "保守要員1名が交代。引継ぎは完了したとの報告。", "", "良好"),
    ("V-ITO-03", (2026, 9),
     "7月分の月次報告書が未提出であることを確認。8月分・9月分は提出済み。",
     "7月分の報告書を速やかに提出させる。", "注意"),
    ("V-ITO-04", (2025, 12),
     "設計書の整備率が改善傾向。社内メンバーの設計レビュー参加を開始した。", "", "良好"),
    ("V-ITO-04", (2026, 3),
     "開発案件は予定通り進捗。委託先から設計書テンプレートの統一を提案された。",
     "設計書テンプレートを統一し、社内メンバーもレビューに参加する。", "良好"),
    ("V-ITO-04", (2026, 6),
     "設計書整備率が8割を超えた。社内で改修に対応できる要員が3名に増加。", "", "良好"),
    ("V-ITO-04", (2026, 9),
     "保守移管に向けたナレッジ移転が計画通り進捗。",
     "次期契約は社内主導の体制を前提に見積を依頼する。", "良好"),
    ("V-BPO-04", (2026, 6),
     "派遣スタッフ3名の稼働状況を確認。決算期の時間外労働により実績額が予算を約5%上回った。",
     "時間外労働の内訳を確認する。", "良好"),
    ("V-BPO-04", (2026, 9),
     "時間外労働が続き、実績額が予算を約8%上回っている。",
     "業務分担を見直し、時間外労働の削減策を検討する。", "注意"),
)

# Day of the month after the period on which each vendor's review is usually held.
REVIEW_DAY = {"V-ITO-01": 6, "V-BPO-01": 7, "V-KPO-01": 8}


def _held_on(vid: str, period: tuple[int, int]) -> dt.date:
    year, month = period
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = dt.date(year, month, REVIEW_DAY.get(vid, 12))
    while day.weekday() >= 5:  # meetings happen on weekdays
        day += dt.timedelta(days=1)
    return day


def _review_rows() -> list[list[str]]:
    rows = []
    for vid, period, summary, decisions, assessment in REVIEWS:
        rows.append([_slash_date(_held_on(vid, period)), vid, _slash_month(period),
                     ATTENDEES[vid], summary, decisions, assessment])
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


# (vendor, raised on: a review period or a date, action, owner, due, status, closed,
# risk axis). A period means "raised at that period's review meeting".
ACTIONS: tuple[tuple[str, tuple[int, int] | str, str, str, str, str, str, str], ...] = (
    ("V-ITO-01", (2026, 4), "未整備手順の一覧を提出させる", "佐藤",
     "2026/05/29", "完了", "2026/05/27", "ノウハウ"),
    ("V-ITO-01", (2026, 5), "委託先要員の交代に伴う引継ぎ計画を提出させる", "佐藤",
     "2026/07/31", "完了", "2026/08/12", "ノウハウ"),
    ("V-ITO-01", (2026, 7), "社内要員2名をOJTでヘルプデスク一次対応に配置する", "高橋",
     "2026/08/31", "未完了", "", "ノウハウ"),
    ("V-ITO-01", (2026, 8), "出口計画（契約終了時の引継ぎ・切替計画）を改訂する", "伊藤",
     "2026/09/30", "未完了", "", "ノウハウ"),
    ("V-ITO-01", (2026, 9), "委託先責任者からナレッジ移転の改善計画を受領する", "佐藤",
     "2026/10/23", "未完了", "", "ノウハウ"),
    ("V-ITO-01", (2026, 10), "重要手順20件の社内レビュー会を実施する", "高橋",
     "2026/12/18", "未完了", "", "ノウハウ"),
    ("V-ITO-01", (2026, 10), "契約更新可否（2027/03/31満了）を経営会議に上程する", "伊藤",
     "2026/12/25", "未完了", "", ""),
    ("V-BPO-01", (2026, 4), "変更要求の承認フローを見直し、事前見積を必須とする", "鈴木",
     "2026/05/15", "完了", "2026/05/20", "コスト"),
    ("V-BPO-01", "2026/05/11", "給与明細の電子化範囲拡大の追加見積を依頼する", "中村",
     "2026/06/30", "取消", "", "コスト"),
    ("V-BPO-01", (2026, 5), "変更要求費用の月次内訳を報告書に追加させる", "中村",
     "2026/06/30", "完了", "2026/07/03", "コスト"),
    ("V-BPO-01", (2026, 7), "年末調整対応の追加費用について見積根拠を精査する", "鈴木",
     "2026/08/31", "未完了", "", "コスト"),
    ("V-BPO-01", (2026, 8), "予算超過分の補正予算を経営企画部と協議する", "小林",
     "2026/09/15", "未完了", "", "コスト"),
    ("V-BPO-01", (2026, 9), "定常化した変更要求を契約単価に織り込むよう再交渉する", "鈴木",
     "2026/10/30", "未完了", "", "コスト"),
    ("V-BPO-01", (2026, 10), "2027年度の契約条件として変更要求費用の上限額を提案する",
     "小林", "2026/12/25", "未完了", "", "コスト"),
    ("V-KPO-01", (2026, 4), "月次報告書の提出期限の遵守を申し入れる", "山本",
     "2026/05/15", "完了", "2026/05/14", "統制"),
    ("V-KPO-01", (2026, 6), "データ誤送信の再発防止策を提出させる", "加藤",
     "2026/07/10", "完了", "2026/07/17", "統制"),
    ("V-KPO-01", (2026, 7), "特権IDの棚卸しを実施し、不要なIDを削除させる", "加藤",
     "2026/08/14", "未完了", "", "統制"),
    ("V-KPO-01", (2026, 8), "未是正の監査指摘について是正計画を提出させる", "山本",
     "2026/09/11", "未完了", "", "統制"),
    ("V-KPO-01", (2026, 9), "個人情報の取扱状況について立入監査を実施する", "吉田",
     "2026/10/23", "未完了", "", "統制"),
    ("V-KPO-01", (2026, 9), "アクセス権棚卸の月次実施を契約に明記する", "吉田",
     "2026/10/30", "未完了", "", "統制"),
    ("V-KPO-01", (2026, 10), "SLA未達に関する改善計画の進捗を確認する", "山本",
     "2026/12/11", "未完了", "", "統制"),
    ("V-ITO-03", "2026/08/06", "2026年7月分の月次報告書を提出させる", "高橋",
     "2026/08/21", "未完了", "", "統制"),
    ("V-ITO-03", "2026/11/06", "2026年10月分の月次報告書の提出を督促する", "渡辺",
     "2026/11/13", "未完了", "", "統制"),
    ("V-BPO-04", (2026, 6), "派遣スタッフの時間外労働の内訳を確認する", "井上",
     "2026/07/31", "完了", "2026/07/29", "コスト"),
    ("V-BPO-04", (2026, 9), "業務分担を見直し、時間外労働の削減策をまとめる", "井上",
     "2026/12/15", "未完了", "", "コスト"),
    ("V-ITO-02", (2025, 12), "障害時の連絡体制表を更新する", "渡辺",
     "2026/02/27", "完了", "2026/02/20", "統制"),
    ("V-ITO-02", (2026, 9), "DR訓練の実施計画を提出させる", "伊藤",
     "2026/12/18", "未完了", "", ""),
    ("V-ITO-04", (2026, 3), "設計書テンプレートを統一し、社内レビューに参加する", "松本",
     "2026/06/30", "完了", "2026/06/24", "ノウハウ"),
    ("V-BPO-02", (2025, 12), "決算期の作業スケジュールを共有させる", "小林",
     "2026/01/30", "完了", "2026/01/28", ""),
    ("V-KPO-02", "2026/07/10", "調査結果の納品形式を標準化し、社内で再集計できるようにする",
     "松本", "2026/09/30", "完了", "2026/09/25", "ノウハウ"),
    ("V-BPO-03", "2026/03/06", "採用事務における個人情報の取扱手順を確認する", "中村",
     "2026/04/30", "完了", "2026/04/22", "統制"),
)


def _action_rows() -> list[list[str]]:
    rows = []
    for vid, raised, action, owner, due, status, closed, axis in ACTIONS:
        raised_on = _held_on(vid, raised) if isinstance(raised, tuple) else _parse(raised)
        assert _parse(due) >= raised_on, (vid, action)
        assert not closed or _parse(closed) >= raised_on, (vid, action)
        rows.append([vid, _slash_date(raised_on), action, owner, due, status, closed, axis])
    rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def generate() -> dict[str, str]:
    """CSV text (header row first, ``\\n`` line ends) for each kind, in load order."""
    rng = random.Random(SEED)
    rows = {
        "vendors": _vendor_rows(),
        "kpis": _kpi_rows(rng),
        "reviews": _review_rows(),
        "actions": _action_rows(),
    }
    return {kind: _to_csv(HEADERS[kind], rows[kind]) for kind in LOAD_ORDER}


def write(directory: Path) -> list[Path]:
    """Write ``<kind>.csv`` files as UTF-8 with BOM and CRLF; return them in load order."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, text in generate().items():
        path = directory / f"{kind}.csv"
        with path.open("w", encoding="utf-8-sig", newline="\r\n") as handle:
            handle.write(text)
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "data" / "demo"
    for written in write(target):
        print(written)
