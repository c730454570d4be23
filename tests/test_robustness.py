"""Hostile input through the whole ingest path (issue 7): each file gives a clear refusal (a
problem code with a message) or loads correctly — never an exception — and a refusal leaves
the database exactly as it was.

Already covered elsewhere, not repeated here:
- random bytes, text in every supported encoding, damaged workbooks, zip-headed garbage and
  CSV-shaped files through ``ingest.load``: tests/test_readers_fuzz.py (hypothesis);
- a zip entry that expands too much, a tiny XLSX whose used area spans millions of cells,
  501 columns, NUL bytes from UTF-16 without its BOM, binary content, a file over the limit
  given as bytes: tests/test_readers.py (reader level).
This file adds the generated large/hostile files at the level of ``load`` / ``load_paths``
with the database checked before and after.
"""

from __future__ import annotations

import io
import os
import random
import zipfile

import pytest
import xlsxwriter
from conftest import TODAY, assert_same_state, snapshot

from governance import ingest
from governance.ingest import Upload, load, load_paths, readers
from governance.store import Store

KPI_HEADER = "vendor_id,month,budget_jpy,actual_cost_jpy"


@pytest.fixture
def db(tmp_path, _demo_db) -> Store:
    """A copy of the demo database (so a refusal has something to leave unchanged)."""
    path = tmp_path / "g.duckdb"
    path.write_bytes(_demo_db.read_bytes())
    return Store(str(path))


def vendor_of(store: Store) -> str:
    return sorted(store.vendor_ids())[0]


def load_refused(store: Store, name: str, data: bytes) -> str:
    """Load ``data``; it must be refused with a readable problem and change nothing."""
    before = snapshot(store)
    upload = load(store, Upload(name, data), user="robust", today=TODAY)
    assert upload.refused and upload.result is None
    problem = upload.problems.errors[0]
    assert problem.message("ja") and problem.message("en")
    assert upload.summary("en")[0].startswith(f"{name}: refused.")
    assert_same_state(before, snapshot(store))
    return problem.code


def load_either(store: Store, name: str, data: bytes) -> Upload:
    """Load ``data``: refused cleanly (database unchanged) or loaded."""
    before = snapshot(store)
    upload = load(store, Upload(name, data), user="robust", today=TODAY)
    if upload.refused:
        assert upload.problems.errors[0].message("en")
        assert_same_state(before, snapshot(store))
    else:
        assert upload.result is not None
    return upload


def test_random_bytes_of_several_sizes_are_refused_and_change_nothing(db):
    rng = random.Random(7)
    for size in (1, 100, 10_000, 1_000_000):
        data = bytes(rng.getrandbits(8) for _ in range(min(size, 10_000)))
        data = (data * (size // len(data) + 1))[:size]
        assert load_refused(db, "random.csv", data) in (
            "binary-content", "unreadable-encoding", "malformed-csv", "empty-file",
            "unknown-kind", "bad-xlsx")


def _kpi_workbook(vendor: str, rows: int = 50) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("KPI")
    sheet.write_row(0, 0, KPI_HEADER.split(","))
    for r in range(1, rows + 1):
        sheet.write_row(r, 0, [vendor, f"2025-{(r % 12) + 1:02d}", 100 + r, 90 + r])
    book.close()
    return out.getvalue()


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_a_truncated_xlsx_is_refused_as_bad_xlsx(db, keep):
    data = _kpi_workbook(vendor_of(db))
    assert load_refused(db, "cut.xlsx", data[:int(len(data) * keep)]) == "bad-xlsx"


def test_a_zip_bomb_xlsx_of_highly_compressible_sheet_xml_is_refused_before_inflating(db):
    """A real workbook whose sheet XML is padded to 100 MB of spaces (a few hundred KB
    compressed): refused from the zip directory, never inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_kpi_workbook(vendor_of(db), rows=2))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                with bomb.open(entry.filename, "w", force_zip64=True) as stream:
                    stream.write(content.replace(b"</sheetData>", b""))
                    chunk = b" " * (1 << 20)
                    for _ in range(100):
                        stream.write(chunk)
                    stream.write(b"</sheetData></worksheet>")
                continue
            bomb.writestr(entry, content)
    data = out.getvalue()
    assert len(data) < 2 * 1024 * 1024
    assert load_refused(db, "bomb.xlsx", data) == "xlsx-too-large"


def test_a_hundred_thousand_columns_are_refused_without_parsing_them(db):
    header = ",".join([*KPI_HEADER.split(","), *(f"c{i}" for i in range(100_000 - 4))])
    data = (header + "\n" + ",".join(["1"] * 100_000) + "\n").encode()
    assert load_refused(db, "wide.csv", data) == "too-many-columns"


def test_a_hundred_thousand_columns_in_a_workbook_are_refused(db):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "constant_memory": True})
    sheet = book.add_worksheet("KPI")
    sheet.write_row(0, 0, KPI_HEADER.split(","))
    sheet.write(0, 16_383, "last")  # the widest sheet Excel allows
    book.close()
    # the sparse-area check or the width check, whichever sees it first
    assert load_refused(db, "wide.xlsx", out.getvalue()) in ("xlsx-too-large",
                                                             "too-many-columns")


def test_a_1_gb_file_is_refused_by_its_size_before_anything_reads_it(db, tmp_path,
                                                                     monkeypatch):
    big = tmp_path / "huge.csv"
    with open(big, "wb") as f:  # sparse: 1 GB on paper, nothing on disk
        f.truncate(1024**3)
    assert os.path.getsize(big) == 1024**3

    def must_not_read(*args, **kwargs):
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(ingest.pipeline, "read_table", must_not_read)
    monkeypatch.setattr(readers, "read_table", must_not_read)
    monkeypatch.setattr(type(big), "read_bytes", must_not_read)
    before = snapshot(db)
    [upload] = load_paths(db, [big], user="robust", today=TODAY, limit=200 * 1024 * 1024)
    assert upload.refused and upload.problems.errors[0].code == "file-too-large"
    assert "1024.0 MB" in upload.problems.errors[0].message("en")
    assert_same_state(before, snapshot(db))


def test_mixed_encodings_in_one_file_are_refused_as_unreadable(db):
    vendor = vendor_of(db)
    utf8 = f"{KPI_HEADER}\n{vendor},2025-01,100,90\n".encode()
    cp932 = "委託先,2025-02,100,90\n".encode("cp932")
    sjis_then_utf8 = f"{vendor},2025-03,100,90,ｶﾅ\n".encode("cp932") + "㈱髙橋\n".encode()
    assert load_refused(db, "mixed.csv", utf8 + cp932 + sjis_then_utf8) == \
        "unreadable-encoding"


@pytest.mark.parametrize("where", ["cell", "header", "end"])
def test_nul_bytes_are_refused_as_binary(db, where):
    vendor = vendor_of(db)
    data = f"{KPI_HEADER}\n{vendor},2025-01,100,90\n".encode()
    at = {"cell": data.index(b"100"), "header": 3, "end": len(data)}[where]
    assert load_refused(db, "nul.csv", data[:at] + b"\x00" + data[at:]) == "binary-content"


def test_formula_strings_are_stored_as_text_or_refused_never_evaluated(db):
    vendor = vendor_of(db)
    data = (f"{KPI_HEADER},notes\n"
            f"{vendor},2025-01,=1+1,90,=HYPERLINK(\"http://x\")\n").encode()
    upload = load_either(db, "formula.csv", data)
    assert upload.refused  # a formula is not a number: reported with its row
    assert [p.as_tuple() for p in upload.problems.errors] == [
        (2, "budget_jpy", "invalid-integer")]


def test_formula_like_text_in_a_text_column_is_kept_verbatim(db):
    vendor = vendor_of(db)
    name = "=cmd|' /C calc'!A0"
    header = ("vendor_id,vendor_name,service_type,engagement,criticality,owner,"
              "contract_start,annual_budget_jpy,data_access")
    data = f'{header}\n{vendor},"{name}",BPO,outsourcing,high,"@SUM(1)",2024-04-01,1,none\n'
    upload = load_either(db, "formula-names.csv", data.encode())
    assert not upload.refused, upload.problems.errors
    stored = db._run(lambda con: con.execute(
        "SELECT vendor_name, owner FROM vendors WHERE vendor_id = ?", [vendor]).fetchone())
    assert stored == (name, "@SUM(1)")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_right_to_left_and_emoji_text_loads_exactly(db, encoding):
    vendor = vendor_of(db)
    name = "\u202eشركة الاختبار\u202c 👩‍💻🏳️‍🌈 שלום"
    header = ("vendor_id,vendor_name,service_type,engagement,criticality,owner,"
              "contract_start,annual_budget_jpy,data_access")
    data = f"{header}\n{vendor},{name},BPO,outsourcing,high,情報システム部,2024-04-01,1,none\n"
    upload = load_either(db, "rtl.csv", data.encode(encoding))
    assert not upload.refused, upload.problems.errors
    stored = db._run(lambda con: con.execute(
        "SELECT vendor_name FROM vendors WHERE vendor_id = ?", [vendor]).fetchone()[0])
    assert stored == name


def test_emoji_and_right_to_left_marks_in_numbers_are_refused_with_their_row(db):
    vendor = vendor_of(db)
    data = f"{KPI_HEADER}\n{vendor},2025-01,\u200f100,💯\n".encode()
    upload = load_either(db, "rtl-numbers.csv", data)
    assert upload.refused
    assert {p.as_tuple() for p in upload.problems.errors} == {
        (2, "budget_jpy", "invalid-integer"), (2, "actual_cost_jpy", "invalid-integer")}
