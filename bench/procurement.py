"""A public-procurement-like data set: a vendor register of contractors with valid 法人番号
and a contract register with Japanese titles, amounts, the government's procurement words
(一般競争契約（最低価格）…, brackets full-width or ASCII) and bidder counts.

It stands in for the real open data (the ministries' 契約状況 lists and the National Tax
Agency's corporate numbers), which cannot be fetched on this machine: no internet here
beyond package registries. Deterministic (seeded); the shapes follow the real lists:
fiscal-year contracts from April, amounts spread over four orders of magnitude, about a
quarter of competitive tenders with a single bidder, change contracts on about one in
seven, a few names and titles with characters CP932 lacks (⽀, ㇷ, ℕ).

    python -m bench.procurement DIRECTORY [--vendors 1000] [--contracts 4000]

writes ``vendors.csv`` and ``contracts.csv`` (UTF-8 with BOM, Japanese headers).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
from pathlib import Path

from governance.catalog import CONTRACTS, VENDORS
from governance.catalog.corporate_number import with_check_digit

SEED = 19
# (words as the ministries write them, weight, bidders drawn from)
PROCUREMENT = (
    ("一般競争契約（最低価格）", 34, (1, 1, 1, 2, 2, 3, 4, 5, 7)),
    ("一般競争契約（総合評価）", 20, (1, 1, 2, 2, 3, 4)),
    ("指名競争契約（最低価格）", 4, (2, 3, 4, 5)),
    ("指名競争契約（総合評価）", 1, (2, 3)),
    ("随意契約（企画競争）", 12, (1, 2, 2, 3, 4)),
    ("随意契約（公募）", 5, (1, 1, 2)),
    ("随意契約（その他）", 14, (1, None)),
    ("随意契約（不落・不調）", 2, (1,)),
    ("随意契約（少額）", 4, (1, None)),
    ("その他", 4, (None,)),
)
FIELDS = ("社会保障", "年金", "税務", "統計", "防災", "観光振興", "農林水産", "教育", "医療",
          "雇用保険", "子育て支援", "環境保全", "エネルギー", "地方創生", "デジタル行政",
          "出入国管理", "気象観測", "道路管理", "港湾", "文化財", "特許審査", "食品安全")
WORKS = ("システム運用保守業務", "システム改修業務", "調査委託", "データ入力業務",
         "コールセンター運営業務", "広報事業", "研修実施業務", "ヘルプデスク業務",
         "ネットワーク更改業務", "クラウド移行支援業務", "セキュリティ監視業務",
         "統計調査業務", "翻訳業務", "ウェブサイト運用業務", "庁舎管理業務",
         "データ分析業務", "電子申請システム開発", "普及啓発業務", "評価検証事業")
PREFIXES = ("日本", "東京", "関西", "中部", "北海道", "九州", "東北", "ジャパン", "グローバル",
            "みらい", "ひかり", "さくら", "あおば", "大和", "富士", "瑞穂", "千代田", "丸の内")
CORES = ("データ", "システム", "情報", "総合研究所", "コンサルティング", "ソリューションズ",
         "テクノロジー", "ビジネスサービス", "リサーチ", "サポート", "ネットワーク",
         "アナリティクス", "エンジニアリング", "マーケティング", "ロジスティクス")
FORMS = ("株式会社{}", "{}株式会社", "一般財団法人{}協会", "{}合同会社", "有限会社{}")
# characters Shift_JIS / CP932 has no code for, as real registers hold them
UNENCODABLE = ("⽀", "ㇷ", "ℕ")
OFFICES = ("0100", "0104", "0110", "0111", "0112", "1200", "1300", "2120", "3180", "4010",
           "5010", "6120", "7010", "8010", "9010")


def _unique_names(rng: random.Random, n: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        core = rng.choice(PREFIXES) + rng.choice(CORES)
        if len(names) % 97 == 13:  # now and then a name CP932 cannot write
            core = core[:2] + rng.choice(UNENCODABLE) + core[2:]
        name = rng.choice(FORMS).format(core)
        if name in seen:
            name = rng.choice(FORMS).format(core + rng.choice(("東日本", "西日本", "ラボ",
                                                                 "パートナーズ", "プラス")))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def corporate_numbers(rng: random.Random, n: int) -> list[str]:
    """``n`` distinct valid corporate numbers (registry office code, then eight digits)."""
    found: dict[str, None] = {}
    while len(found) < n:
        found[with_check_digit(rng.choice(OFFICES) + f"{rng.randrange(10**8):08d}")] = None
    return list(found)


def vendor_rows(n: int, rng: random.Random) -> list[dict[str, object]]:
    numbers = corporate_numbers(rng, n)
    rows = []
    for i, (name, number) in enumerate(zip(_unique_names(rng, n), numbers, strict=True)):
        start = dt.date(rng.choice(range(2012, 2025)), 4, 1)
        rows.append({
            "vendor_id": f"P{i + 1:05d}", "vendor_name": name,
            "service_type": rng.choice(("BPO", "ITO", "KPO")),
            "engagement": rng.choice(("アウトソーシング", "請負", "派遣")),
            "criticality": rng.choice(("高", "中", "中", "低", "低")),
            "owner": rng.choice(("情報政策課", "総務課", "会計課", "調査課", "広報室")),
            "contract_start": f"{start:%Y/%m/%d}", "contract_end": "",
            "annual_budget_jpy": rng.randrange(1, 500) * 1_000_000,
            "data_access": rng.choice(("なし", "社内", "機密", "個人情報")),
            # as printed with hyphens now and then, as the NTA's site shows them
            "corporate_number": (f"{number[0]}-{number[1:5]}-{number[5:9]}-{number[9:]}"
                                 if i % 10 == 3 else number),
            "owner_email": f"owner{i % 40:02d}@example.go.jp",
        })
    return rows


def _title(rng: random.Random, fiscal_year: int) -> str:
    era = (f"令和{fiscal_year - 2018}年度" if fiscal_year >= 2019
           else f"平成{fiscal_year - 1988}年度")
    title = f"{era} {rng.choice(FIELDS)}{rng.choice(WORKS)}"
    if rng.random() < 0.004:
        title = title.replace("支", "⽀") if "支" in title else title + "(ℕ対応)"
    return title


def contract_rows(vendor_ids: list[str], n: int, rng: random.Random) -> list[dict[str, object]]:
    words = [w for w, weight, _ in PROCUREMENT for _ in range(weight)]
    bidders = {w: b for w, _, b in PROCUREMENT}
    rows = []
    for i in range(n):
        year = rng.choice(range(2020, 2027))
        start = dt.date(year, 4, 1) if rng.random() < 0.8 else dt.date(
            year, rng.choice((5, 6, 7, 10)), 1)
        years = rng.choice((1, 1, 1, 1, 2, 3, 3, 5))
        end = dt.date(start.year + years, start.month, 1) - dt.timedelta(days=1)
        original = round(10 ** rng.uniform(6, 9.7), -3)
        amount = original if rng.random() > 0.14 else round(original * rng.uniform(1.01, 1.8),
                                                             -3)
        word = rng.choice(words)
        if rng.random() < 0.3:  # ASCII brackets, as some ministries' files have them
            word = word.replace("（", "(").replace("）", ")")
        count = rng.choice(bidders[word.replace("(", "（").replace(")", "）")])
        rows.append({
            "contract_id": f"R{year % 100:02d}-{i + 1:05d}", "vendor_id": rng.choice(vendor_ids),
            "title": _title(rng, year if start.month >= 4 else year - 1),
            "start_on": f"{start:%Y/%m/%d}", "end_on": f"{end:%Y/%m/%d}",
            "amount_jpy": f"{int(amount):,}",
            "original_amount_jpy": f"{int(original):,}" if rng.random() < 0.7 else "",
            "contract_form": rng.choice(("準委任", "準委任", "請負", "請負", "派遣", "")),
            "procurement": word, "bidders": "" if count is None else count,
            "auto_renew": rng.choice(("", "", "いいえ", "はい")),
            "notice_days": rng.choice(("", "", 30, 60, 90, 180)),
        })
    return rows


def to_csv(kind, rows: list[dict[str, object]]) -> bytes:
    """Japanese headers in catalog order, UTF-8 with BOM and CRLF, as Excel saves it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.ja for c in kind.columns])
    writer.writerows([row.get(c.name, "") for c in kind.columns] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def write(directory: Path, n_vendors: int = 1000, n_contracts: int = 4000) -> list[Path]:
    """``vendors.csv`` and ``contracts.csv`` in ``directory``; their paths, register first."""
    rng = random.Random(SEED)
    vendors = vendor_rows(n_vendors, rng)
    contracts = contract_rows([v["vendor_id"] for v in vendors], n_contracts, rng)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "vendors.csv", directory / "contracts.csv"]
    paths[0].write_bytes(to_csv(VENDORS, vendors))
    paths[1].write_bytes(to_csv(CONTRACTS, contracts))
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.procurement")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--vendors", type=int, default=1000)
    parser.add_argument("--contracts", type=int, default=4000)
    options = parser.parse_args()
    for path in write(options.directory, options.vendors, options.contracts):
        print(path)
