"""The contract register and the sub-contractors as upload kinds (issue 19): 法人番号 with
their check digit, the government's procurement words, the rules of each kind, names CP932
cannot write stored and exported honestly, and a public-procurement-sized data set loading
on both engines."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, TODAY, assert_same_state, snapshot

from bench import procurement
from governance import cp932, ingest
from governance.catalog import CONTRACTS, KINDS
from governance.catalog.corporate_number import check_digit, is_valid
from governance.errors import BatchError
from governance.ingest import Upload, templates
from governance.ingest.readers import read_table
from governance.ingest.validate import detect_kind, validate

VENDORS = frozenset({"V-1", "V-2"})
REGISTER = ("委託先ID,委託先名,委託区分,契約形態,重要度,主管部門,契約開始日,契約終了日,年間予算,"
            "取扱情報区分,法人番号,主管部門メール\r\n"
            "V-1,ℕ社ㇷ⽀株式会社,ITO,アウトソーシング,高,情報システム部,2022/04/01,,12000000,"
            "個人情報,1180301018771,it@example.co.jp\r\n"
            "V-2,株式会社髙橋,BPO,請負,中,経理部,2023/04/01,,6000000,社内,"
            "７-００００-１２０５-０００２,\r\n")
CONTRACT_HEADER = ("契約番号,委託先ID,契約件名,契約開始日,契約終了日,契約金額,当初契約金額,"
                   "契約類型,契約方式,入札者数,自動更新,解約予告日数\r\n")
SUB_HEADER = "委託先ID,再委託先名,法人番号,階層,委託元,再委託業務,取扱情報区分,承認日,所在国\r\n"


def check(text: str, kind: str | None = None):
    return validate(read_table(text.encode("utf-8")), kind, VENDORS, TODAY)


def problems(checked) -> list[tuple]:
    return [(p.row, p.column, p.value, p.code) for p in checked.problems.sorted()]


def load(store, name: str, text: str):
    upload = ingest.load(store, Upload(name, text.encode("utf-8")), "tester", TODAY)
    assert not upload.refused, [p.message("en") for p in upload.problems.errors]
    return upload.result


# --- 法人番号 -----------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["7000012050002", "1180301018771", "4000012090001"])
def test_real_corporate_numbers_have_their_check_digit(number):
    assert check_digit(number[1:]) == int(number[0]) and is_valid(number)


def test_a_wrong_check_digit_is_refused_naming_the_row_and_the_value():
    text = (REGISTER.replace("1180301018771", "2180301018771")
            .replace("７-００００-１２０５-０００２", "7000-0120-500"))
    checked = check(text, "vendors")
    assert problems(checked) == [
        (2, "法人番号", "2180301018771", "corporate-number-check-digit"),
        (3, "法人番号", "7000-0120-500", "invalid-corporate-number")]
    assert checked.problems.sorted()[0].message("ja") == (
        "法人番号のチェックデジット(先頭の1桁)が残り12桁と合いません。番号の誤りを確認してください。")


def test_full_width_digits_and_hyphens_are_read_and_stored_as_thirteen_digits():
    checked = check(REGISTER, "vendors")
    assert problems(checked) == []
    assert checked.frame["corporate_number"].tolist() == ["1180301018771", "7000012050002"]
    assert checked.frame["vendor_name"].tolist() == ["ℕ社ㇷ⽀株式会社", "株式会社髙橋"]


# --- contracts --------------------------------------------------------------------------

WORDS = {
    "一般競争契約（最低価格）": "competitive", "一般競争契約（総合評価）": "competitive",
    "指名競争契約（最低価格）": "competitive", "指名競争契約（総合評価）": "competitive",
    "随意契約（企画競争）": "proposal", "随意契約（公募）": "proposal",
    "随意契約（その他）": "sole_source", "随意契約（不落・不調）": "sole_source",
    "随意契約（少額）": "sole_source", "その他": "other", "sole_source": "sole_source",
}


@pytest.mark.parametrize("ascii_brackets", [False, True], ids=["full-width", "ascii"])
def test_the_governments_procurement_words_map_to_the_four_values(ascii_brackets):
    words = [w.replace("（", "(").replace("）", ")") if ascii_brackets else w for w in WORDS]
    rows = "".join(f"C-{i},V-1,件名,2025/04/01,2026/03/31,1000,,準委任,{w},1,,\r\n"
                   for i, w in enumerate(words))
    checked = check(CONTRACT_HEADER + rows)
    assert checked.kind.name == "contracts" and problems(checked) == []
    assert checked.frame["procurement"].tolist() == list(WORDS.values())


def test_contract_forms_and_defaults_are_read_and_bad_rows_refused():
    rows = ("C-1,V-1,令和7年度 基幹システム運用保守業務,2025/04/01,2028/03/31,"
            "\"￥150,000,000\",\"100,000,000\",準委任,随意契約(その他),1,はい,120\r\n"
            "C-2,V-2,調査委託,2025/04/01,2026/03/31,1000,,請負,,,,\r\n"
            "C-3,V-2,派遣,2025/04/01,2026/03/31,1000,,派遣契約,,,,\r\n")
    checked = check(CONTRACT_HEADER + rows)
    assert problems(checked) == []
    frame = checked.frame
    assert frame["contract_form"].tolist() == ["quasi_mandate", "fixed_work", "staffing"]
    assert frame["amount_jpy"].tolist() == [150_000_000, 1000, 1000]
    assert frame["auto_renew"].tolist()[0] is True and frame["notice_days"].isna().tolist() == [
        False, True, True]
    bad = ("C-1,V-1,件名,2025/04/01,2025/03/31,1000,,準委任,入札,1,,\r\n"
           "C-1,V-9,件名,2025/04/01,2026/03/31,-5,,委任,,-1,,\r\n")
    assert problems(check(CONTRACT_HEADER + bad)) == [
        (2, "契約方式", "入札", "invalid-choice"),
        (2, "契約終了日", "2025/03/31", "end-before-start"),
        (3, "入札者数", "-1", "too-small"),
        (3, "契約番号", "C-1", "duplicate-key"),
        (3, "契約金額", "-5", "too-small"),
        (3, "契約類型", "委任", "invalid-choice"),
        (3, "委託先ID", "V-9", "unknown-vendor")]


def test_the_headers_tell_contracts_and_sub_contractors_from_the_register():
    assert detect_kind(CONTRACT_HEADER.strip().split(",")) == "contracts"
    assert detect_kind(SUB_HEADER.strip().split(",")) == "subcontractors"
    assert detect_kind(REGISTER.splitlines()[0].split(",")) == "vendors"


# --- sub-contractors --------------------------------------------------------------------

def test_sub_contractors_need_a_parent_from_tier_two_and_a_valid_corporate_number():
    rows = ("V-1,Aデータ株式会社,1180301018771,1,,入力,個人情報,2025/03/01,\r\n"
            "V-1,B社,,2,,入力,個人情報,,フィリピン\r\n"
            "V-1,C社,1-1803-0101-8772,3,B社,入力,なし,,\r\n"
            "V-1,Aデータ株式会社,,0,,入力,秘密,,\r\n")
    assert problems(check(SUB_HEADER + rows)) == [
        (3, "委託元", "", "parent-required"),
        (4, "法人番号", "1-1803-0101-8772", "corporate-number-check-digit"),
        (5, "再委託先名", "Aデータ株式会社", "duplicate-key"),
        (5, "取扱情報区分", "秘密", "invalid-choice"),
        (5, "階層", "0", "too-small")]
    message = check(SUB_HEADER + rows).problems.sorted()[0].message("en")
    assert message == "A sub-contractor of tier 2 needs its parent (who hands the work to it)."


# --- both engines -----------------------------------------------------------------------

SUBS = ("V-1,Ⅰℕデータサービスㇷ株式会社,,1,,データ入力,個人情報,2024/04/01,\r\n"
        "V-1,再委託⽀援合同会社,,2,Ⅰℕデータサービスㇷ株式会社,照合,個人情報,,ベトナム\r\n")
CONTRACT = "C-1,V-1,令和6年度 ⽀援システム運用保守業務,2024/04/01,2027/03/31,1000,1000,,,,,\r\n"


def test_contracts_and_sub_contractors_load_roll_back_and_keep_names_as_written(store):
    load(store, "register.csv", REGISTER)
    contracts = load(store, "contracts.csv", CONTRACT_HEADER + CONTRACT)
    subs = load(store, "subs.csv", SUB_HEADER + SUBS)
    assert (contracts.batch_id, contracts.inserted, subs.batch_id, subs.inserted) == (2, 1, 3, 2)
    assert store.table("vendors")["vendor_name"].tolist() == ["ℕ社ㇷ⽀株式会社", "株式会社髙橋"]
    assert store.table("contracts")["title"].tolist() == ["令和6年度 ⽀援システム運用保守業務"]
    assert store.table("subcontractors")["subcontractor_name"].tolist() == [
        "Ⅰℕデータサービスㇷ株式会社", "再委託⽀援合同会社"]
    # the register cannot be rolled back while contracts and sub-contractors name V-1
    before = snapshot(store)
    with pytest.raises(BatchError) as refused:
        ingest.rollback(store, 1, "admin")
    assert (refused.value.key, refused.value.params) == ("error.vendor-in-use",
                                                          {"batch": 1, "ids": "V-1"})
    assert_same_state(before, snapshot(store))
    assert ingest.rollback(store, 3, "admin").removed == 2
    assert ingest.rollback(store, 2, "admin").removed == 1
    assert ingest.rollback(store, 1, "admin").removed == 2


def test_a_cp932_export_names_the_cells_it_cannot_write_and_utf8_keeps_them(monkeypatch):
    rows = check(REGISTER, "vendors").frame
    monkeypatch.setattr(templates, "examples", lambda kind: rows)
    assert "ℕ社ㇷ⽀株式会社".encode() in templates.render("vendors", "ja", "csv", True)
    with pytest.raises(cp932.CP932Error) as refused:
        templates.render("vendors", "ja", "csv-cp932", True)
    assert refused.value.cells == [(2, "委託先名", "ℕㇷ⽀")]
    assert refused.value.message("en") == (
        "1 cell(s) hold characters Shift_JIS (CP932) cannot encode (row:column (characters)): "
        "2:委託先名 (ℕㇷ⽀). Use the UTF-8 CSV or XLSX instead.")
    # what CP932 can write (㈱, 髙, ①) is written
    monkeypatch.setattr(templates, "examples", lambda kind: rows.iloc[1:])
    assert "株式会社髙橋".encode("cp932") in templates.render("vendors", "ja", "csv-cp932", True)


@pytest.mark.parametrize("kind", ["contracts", "subcontractors"])
def test_templates_of_the_new_kinds_load_back(kind, tmp_path):
    for fmt in templates.FORMATS:
        data = templates.render(kind, "ja", fmt, example=True)
        checked = validate(read_table(data, f"t.{'xlsx' if fmt == 'xlsx' else 'csv'}"), None,
                           frozenset({f"V-{k}-0{i}" for k in ("BPO", "ITO", "KPO")
                                      for i in range(1, 6)}), TODAY)
        assert (checked.kind.name, problems(checked)) == (kind, []), fmt
        assert len(checked.frame) == templates.EXAMPLE_ROWS


def test_the_cli_template_in_cp932_says_which_cells_instead_of_crashing(tmp_path, monkeypatch):
    from governance import cli

    rows = check(REGISTER, "vendors").frame
    monkeypatch.setattr(templates, "examples", lambda kind: rows)
    assert cli.main(["template", "vendors", "--format", "csv-cp932", "--example",
                     "-o", str(tmp_path / "t.csv")]) == 1
    assert not (tmp_path / "t.csv").exists()


def test_a_public_procurement_sized_register_and_contracts_load(store, tmp_path):
    """About 1,000 contractors with valid 法人番号 and 4,000 contracts with Japanese titles,
    amounts, the government's procurement words and bidder counts (generated: the real
    lists cannot be fetched here, see bench/procurement.py)."""
    vendors, contracts = procurement.write(tmp_path)
    uploads = ingest.load_paths(store, [contracts, vendors], user="tester", today=TODAY)
    assert [(u.kind, u.refused, u.result.inserted) for u in uploads] == [
        ("contracts", False, 4000), ("vendors", False, 1000)]
    stored = store.table("contracts")
    assert set(stored["procurement"]) == {c.value for c in CONTRACTS.column(
        "procurement").choices}
    assert stored["title"].str.startswith("令和").mean() > 0.9
    assert store.table("vendors")["corporate_number"].map(is_valid).all()
    # one digit changed: refused, naming the row and the value, nothing written
    lines = vendors.read_text(encoding="utf-8-sig").splitlines()
    cells = lines[5].split(",")
    at = lines[0].split(",").index("法人番号")
    number = cells[at].replace("-", "")
    cells[at] = f"{(int(number[0]) % 9) + 1}{number[1:]}"
    vendors.write_text("\n".join([*lines[:5], ",".join(cells), *lines[6:]]),
                       encoding="utf-8-sig")
    before = snapshot(store)
    [upload] = ingest.load_paths(store, [vendors], user="tester", today=TODAY)
    assert [(p.row, p.column, p.value, p.code) for p in upload.problems.errors] == [
        (6, "法人番号", cells[at], "corporate-number-check-digit")]
    assert_same_state(before, snapshot(store))


def test_the_generator_runs_as_a_module(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench.procurement", str(tmp_path),
                           "--vendors", "20", "--contracts", "50"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [str(tmp_path / "vendors.csv"),
                                        str(tmp_path / "contracts.csv")]
    assert len(KINDS["contracts"].columns) == len(
        (tmp_path / "contracts.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(","))
