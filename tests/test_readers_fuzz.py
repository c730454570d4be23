"""Whatever bytes arrive, reading either gives a raw table or a ``ReadError`` with a report,
and the full ingest path returns an upload with a report: nothing else escapes."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import xlsxwriter
from conftest import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance import ingest
from governance.catalog import KINDS
from governance.errors import ReadError
from governance.ingest import Upload
from governance.ingest.readers import RawTable, read_table
from governance.store import Store

# FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def read_or_refuse(data: bytes, sheet: str | None = None) -> None:
    try:
        raw = read_table(data, "upload", sheet=sheet)
    except ReadError as exc:
        assert exc.problem.code
        assert exc.problem.message("ja") and exc.problem.message("en")
        return
    assert isinstance(raw, RawTable)
    assert len(raw.headers) == raw.frame.shape[1]
    assert len(raw.rows) == len(raw.frame)
    assert all(isinstance(r, int) or hasattr(r, "item") for r in raw.rows)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_read_as_a_table_or_are_refused(data):
    read_or_refuse(data)


@FUZZ
@given(st.text(max_size=600), st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
def test_any_text_in_any_supported_encoding_reads_or_is_refused(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode(encoding, errors="replace")
    read_or_refuse(data)


HEADERS = sorted({h for k in KINDS.values() for c in k.columns for h in (c.name, c.ja)})
CELLS = st.one_of(
    st.sampled_from(["", " ", "\u3000", "V-BPO-01", "2026-10", "2026年10月", "2026/10/05",
                     "1,234", "￥1,000", "\\1,000", "95%", "95.0 %", "１２３", "済", "×",
                     "高", "完了", "-1", "101", "1e400", "nan", "NULL", "#N/A", "=1+1",
                     "\"", "\"\"", "a\r\nb", "\t", "99999999999999999999999", "46300",
                     "0000-01", "-2026-01", "2101-01", "99999", "inf", "Infinity", "NaN",
                     "9223372036854775807", "a\x00b", "\x1b[31m", "\x07", "\x7f"]),
    st.text(max_size=12),
)


@st.composite
def delimited(draw) -> bytes:
    """CSV-like files with real headers, so parsing reaches validation."""
    columns = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    sep = draw(st.sampled_from([",", "\t", ";"]))
    newline = draw(st.sampled_from(["\r\n", "\n", "\r"]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(columns) + 1), max_size=6))

    def line(cells):
        return sep.join('"' + c.replace('"', '""') + '"' if draw(st.booleans()) else c
                        for c in cells)
    text = newline.join([line(columns), *map(line, rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932", "utf-16"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(delimited())
def test_csv_shaped_files_with_real_headers_read_or_are_refused(data):
    read_or_refuse(data)


def _workbook() -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("KPI")
    sheet.write_row(0, 0, ["委託先ID", "対象月", "予算額", "実績額"])
    sheet.write_row(1, 0, ["V-BPO-01", "2026年10月", 100, "1,000"])
    book.close()
    return out.getvalue()


WORKBOOK = _workbook()


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)),
                min_size=1, max_size=8),
       st.sampled_from([None, "KPI", "Sheet1"]))
def test_damaged_workbooks_read_or_are_refused(flips, sheet):
    data = bytearray(WORKBOOK)
    for at, byte in flips:
        data[at] = byte
    read_or_refuse(bytes(data), sheet)


@FUZZ
@given(st.binary(max_size=400))
def test_zip_headed_garbage_is_refused(tail):
    read_or_refuse(b"PK\x03\x04" + tail)


@pytest.fixture(scope="module")
def fuzz_store(_demo_db):
    """One store with the demo data for the whole module (hypothesis reuses it)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-store-"))
    shutil.copyfile(_demo_db, folder / "g.duckdb")
    yield Store(str(folder / "g.duckdb"))
    shutil.rmtree(folder)


@FUZZ
@given(st.one_of(delimited(), st.binary(max_size=1000)),
       st.sampled_from(["a.csv", "b.xlsx", ""]))
def test_the_ingest_path_returns_an_upload_with_a_report_for_any_file(fuzz_store, data,
                                                                     name):
    upload = ingest.load(fuzz_store, Upload(name, data), user="fuzz", today=TODAY)
    assert isinstance(upload, Upload)
    if upload.refused:
        assert upload.result is None
        assert upload.problems.errors
        for problem in upload.problems.errors:
            assert problem.message("ja") and problem.message("en")
        assert upload.summary("en")[0].startswith(f"{name}: refused.")
    else:
        assert upload.result is not None
        assert upload.summary("en")
