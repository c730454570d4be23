"""Turn an uploaded file's bytes into a raw table of text cells, or refuse it.

Owns: size limits, binary and zip-bomb checks, encoding detection for CSV/TSV
(UTF-16 with BOM, UTF-8 with or without BOM, CP932), delimiter detection, XLSX/XLS/ODS
reading through calamine, finding the header row, and dropping Excel's trailing empty rows
and columns. Every cell comes out as text (or missing); typing happens in ``values``.
Row numbers are those the user sees in Excel: the header is the row it stands on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

import defusedxml.sax
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import python_calamine

from governance.catalog import KINDS, normalise_header
from governance.errors import ReadError
from governance.ingest.problems import Problem

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # default; the app passes $GOVERNANCE_MAX_UPLOAD_MB
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 5000
MAX_COLUMNS = 500
PERCENT_SCAN_BYTES = 1024 * 1024  # ~20,000 cells: a monthly report, scanned in < 1 s
# calamine allocates a sheet's whole used area (rows x columns) at once: a few KB of XML
# with one cell far down and far right would take gigabytes and abort the process.
MAX_CELLS = 20_000_000
# calamine reads no ODS cell past these (the XLSX grid), however far a repeat reaches.
ODS_MAX_ROWS, ODS_MAX_COLUMNS = 1_048_576, 16_384
HEADER_SEARCH_ROWS = 20
# the text encodings ``decode`` recognises, each with the name users see
ENCODING_KEYS = {"utf-8-bom": "encoding.utf-8-bom", "utf-8": "encoding.utf-8",
                 "cp932": "encoding.cp932", "utf-16": "encoding.utf-16"}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_KNOWN_HEADERS = frozenset(
    normalise_header(h) for k in KINDS.values() for c in k.columns
    for h in (c.name, c.ja, *c.aliases))


@dataclass
class RawTable:
    """Text cells under their headers as written, with each row's spreadsheet number."""

    headers: list[str]
    frame: pd.DataFrame  # columns are positions 0..n-1; cells are str or missing
    rows: pd.Series  # spreadsheet row number of each frame row
    file_format: str
    encoding: str | None = None
    sheet: str | None = None
    header_row: int = 1  # spreadsheet row number of the header (title rows may be above)
    warnings: list[Problem] = field(default_factory=list)  # found while reading


def refuse(code: str, **params: object) -> ReadError:
    return ReadError(Problem.of(code, **params))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_size(size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file larger than ``limit`` before anything reads it."""
    if size > limit:
        raise refuse("file-too-large", size=_size(size), limit=_size(limit))


def read_table(data: bytes, filename: str = "", sheet: str | None = None,
               limit: int = MAX_UPLOAD_BYTES) -> RawTable:
    """Read ``data`` (CSV, TSV, XLSX, XLS or ODS) into a ``RawTable``; raise ``ReadError``."""
    check_size(len(data), limit)
    if not data.strip():
        raise refuse("empty-file")
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        cells, sheet_name, warnings = _read_workbook(data, sheet)
        table = _to_table(cells, "xlsx", sheet=sheet_name)
        table.warnings = warnings
        return table
    text, encoding = decode(data)
    if not text.strip():  # only a BOM, or only white space once decoded
        raise refuse("empty-file")
    delimiter = _delimiter(text)
    # UTF-8 without a BOM: the bytes are the text's encoding already; the parsers read
    # them, and a 300 MB export is not held a second time as text while they do
    source: str | bytes = data if encoding == "utf-8" else text
    del text
    return _to_table(_parse_delimited(source, delimiter),
                     "tsv" if delimiter == "\t" else "csv", encoding=encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes strictly: UTF-16 (BOM), UTF-8 (BOM optional), then CP932."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise refuse("unreadable-encoding") from None
    if b"\x00" in data:
        raise refuse("binary-content")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-bom"
        elif encoding == "utf-8-sig":
            encoding = "utf-8"
        if _looks_binary(text):
            raise refuse("binary-content")
        return text, encoding
    raise refuse("unreadable-encoding")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    return controls > max(8, len(sample) // 100)


def _delimiter(text: str) -> str:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _parse_delimited(source: str | bytes, delimiter: str) -> pd.DataFrame:
    """The cells of delimited text, given as text or as its UTF-8 bytes."""
    first = source.split(b"\n" if isinstance(source, bytes) else "\n", 1)[0]
    first = first.decode("utf-8") if isinstance(first, bytes) else first
    try:
        header_fields = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error as exc:  # e.g. a bare CR inside the first line
        raise refuse("malformed-csv", detail=str(exc)[:200]) from None
    if len(header_fields) > MAX_COLUMNS:
        raise refuse("too-many-columns", value=len(header_fields), expected=MAX_COLUMNS)
    fast = _read_plain_delimited(source, delimiter, len(header_fields))
    if fast is not None:
        return fast
    text = source.decode("utf-8") if isinstance(source, bytes) else source
    try:
        # Rows longer than the header are an error, so the width is fixed by the widest row
        # pandas sees; header=None keeps the header line as row 0 for numbering.
        return pd.read_csv(io.StringIO(text), sep=delimiter, header=None, dtype=str,
                           keep_default_na=False, na_values=[], skip_blank_lines=False,
                           engine="c", quotechar='"', doublequote=True)
    except pd.errors.ParserError as exc:
        found = _FIELDS_ERROR.search(str(exc))
        if found:
            expected, line, saw = found.groups()
            raise refuse("malformed-csv", row=int(line),
                         detail=f"{line}: {saw} / {expected}") from None
        raise refuse("malformed-csv", detail=str(exc).splitlines()[0][:200]) from None
    except (ValueError, OverflowError, MemoryError) as exc:
        raise refuse("malformed-csv", detail=type(exc).__name__) from None


def _read_plain_delimited(source: str | bytes, delimiter: str, width: int
                          ) -> pd.DataFrame | None:
    """The fast path: Arrow's multi-threaded CSV reader, for text (or its UTF-8 bytes)
    without quote characters or NULs, where it reads exactly the cells (and blank lines)
    pandas' C parser reads. Anything it does not accept (ragged rows, ...) returns None:
    pandas then reads the text and reports the problem as before. Cells are read as large
    strings, the type pandas keeps its strings in: the frame shares Arrow's memory instead
    of copying every column."""
    utf8 = source if isinstance(source, bytes) else source.encode("utf-8")
    if b'"' in utf8 or b"\x00" in utf8 or utf8.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True,
                                            block_size=8 << 20),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, quote_char=False,
                                              escape_char=False, newlines_in_values=False,
                                              ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.large_string() for i in range(max(width, 1) + 1)},
                null_values=[], strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError, OverflowError, MemoryError):
        return None
    if table.num_columns != width or any(t != pa.large_string() for t in table.schema.types):
        return None
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame


def _check_zip(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise refuse("bad-xlsx") from None  # NotImplementedError: a damaged version field
    if len(entries) > MAX_ZIP_ENTRIES:
        raise refuse("xlsx-too-large", detail=f"{len(entries)} entries")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNZIPPED_BYTES:
        raise refuse("xlsx-too-large", detail=_size(total))
    for e in entries:
        if e.file_size > 1024 * 1024 and e.file_size > MAX_ZIP_RATIO * max(e.compress_size, 1):
            ratio = e.file_size // max(e.compress_size, 1)
            raise refuse("xlsx-too-large", detail=f"{e.filename}: x{ratio}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for e in entries:
                if e.filename.startswith("xl/worksheets/") and e.filename.endswith(".xml"):
                    rows, cols = _sheet_extent(archive, e)
                    if rows * cols > MAX_CELLS:
                        raise refuse("xlsx-too-large", detail=f"{e.filename}: {rows} x {cols}")
                elif e.filename == "content.xml":
                    _check_ods_extent(archive, e)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error, SAXException,
            NotImplementedError):
        raise refuse("bad-xlsx") from None


# Only references that can make a sheet large: columns past Z, rows from 100000 on (a
# full scan of every reference would cost more than it protects).
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_DEEP_REF = re.compile(rb' r="[A-Z]{0,3}([0-9]{6,7})"')


def _sheet_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> tuple[int, int]:
    """Upper bounds of the rows and columns a worksheet's cell and row references reach."""
    rows, cols = 99_999, 26
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            for letters in set(_WIDE_REF.findall(text)):
                col = 0
                for ch in letters:
                    col = col * 26 + ch - 64
                cols = max(cols, col)
            deep = _DEEP_REF.findall(text)
            if deep:
                rows = max(rows, max(map(int, set(deep))))
            tail = text[-16:]  # a reference cut by the chunk boundary: ' r="XFD1048576"'
    return rows, cols


def _check_ods_extent(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> None:
    """Refuse an ODS whose repeated rows and cells make a table's used area too large."""
    parser = defusedxml.sax.make_parser()  # no DTD entities, no external references
    parser.setContentHandler(_OdsExtent(entry.filename))
    with archive.open(entry) as stream:
        parser.parse(stream)


def _repeat(attrs, name: str) -> int:
    return max(int(attrs.get(name, 1)), 1)


class _OdsExtent(ContentHandler):
    """Streams an ODS content.xml and stops as soon as one table's used area, as calamine
    allocates it, exceeds ``MAX_CELLS``.

    The area ends at the last row and column holding a value: the thousands of empty
    (even styled) repeated rows and cells LibreOffice pads a sheet with cost calamine
    nothing, but an empty repeat *before* a value, or a repeated valued cell, does.
    Names are matched with their ``table:`` / ``office:`` prefixes, as calamine does.
    """

    def __init__(self, filename: str) -> None:
        super().__init__()
        self.filename = filename
        self.table = ""
        self.row = self.rows_repeated = self.col = self.cols_repeated = 0
        self.rows = self.cols = 0  # the used area of the current table
        self.in_cell = self.valued = False

    def startElement(self, name, attrs):
        if name == "table:table":
            self.table = attrs.get("table:name", "")
            self.row = self.rows = self.cols = 0
        elif name == "table:table-row":
            self.rows_repeated = _repeat(attrs, "table:number-rows-repeated")
            self.col = 0
        elif name in ("table:table-cell", "table:covered-table-cell"):
            self.cols_repeated = _repeat(attrs, "table:number-columns-repeated")
            self.in_cell = True
            self.valued = "office:value-type" in attrs or "table:formula" in attrs
        elif self.in_cell:  # text, annotation: count the cell as used, to be safe
            self.valued = True

    def endElement(self, name):
        if name == "table:table-row":
            self.row += self.rows_repeated
        elif name in ("table:table-cell", "table:covered-table-cell"):
            self.in_cell = False
            if self.valued:
                self._use(self.col + self.cols_repeated)
            self.col += self.cols_repeated

    def _use(self, end_col: int) -> None:
        self.rows = max(self.rows, min(self.row + self.rows_repeated, ODS_MAX_ROWS))
        self.cols = max(self.cols, min(end_col, ODS_MAX_COLUMNS))
        if self.rows * self.cols > MAX_CELLS:
            raise refuse("xlsx-too-large",
                         detail=f"{self.filename} ({self.table}): {self.rows} x {self.cols}")


def sheet_names(data: bytes, limit: int = MAX_UPLOAD_BYTES) -> list[str]:
    """The worksheet names of a workbook (XLSX, XLS, ODS), with the same size and zip-bomb
    checks as ``read_table``; a CSV or TSV has none. Raises ``ReadError``."""
    check_size(len(data), limit)
    if not (data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC)):
        return []
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data)
    try:
        return list(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception:  # calamine raises several of its own types for damaged files
        raise refuse("bad-xlsx") from None


def _read_workbook(data: bytes, sheet: str | None
                   ) -> tuple[list[list[object]], str, list[Problem]]:
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise refuse("sheet-not-found", value=sheet, expected="、".join(names))
        name = sheet if sheet is not None else names[0]
        found = book.get_sheet_by_name(name)
        if found.width > MAX_COLUMNS:
            raise refuse("too-many-columns", value=found.width, expected=MAX_COLUMNS)
        cells = found.to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception:  # calamine raises several of its own types for damaged files
        raise refuse("bad-xlsx") from None
    warnings = []
    if data.startswith(_ZIP_MAGIC) and len(data) <= PERCENT_SCAN_BYTES:
        warnings = _mark_percent_cells(cells, data, name)
    return cells, name, warnings


def _mark_percent_cells(cells: list[list[object]], data: bytes, sheet: str) -> list[Problem]:
    """Write numbers shown as percentages the way Excel shows them (0.95 -> "95%").

    Typing ``95%`` in Excel stores 0.95 with a percent format; calamine gives the value
    without its format, so the number formats are read with openpyxl (read-only). Only
    for workbooks up to ``PERCENT_SCAN_BYTES`` (openpyxl costs ~7 s on a 50,000-row
    sheet): a monthly report is small, and a big export is written by a system, not
    typed. Best effort: a workbook openpyxl cannot read keeps calamine's values.
    """
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            for row in book[sheet].iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if (isinstance(value, int | float) and not isinstance(value, bool)
                            and "%" in (cell.number_format or "")):
                        r, c = cell.row - 1, cell.column - 1
                        if r < len(cells) and c < len(cells[r]):
                            cells[r][c] = f"{round(value * 100, 10):g}%"
        finally:
            book.close()
    except Exception as exc:  # the values calamine read stand, and the user is told
        return [Problem.of("percent-formats-unread", detail=type(exc).__name__)]
    return []


def cell_text(value: object) -> str:
    """One workbook cell as the text a CSV of it would hold."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # a duration cell: keep as a number of days
        return repr(value.total_seconds() / 86400)
    return str(value)


def _to_table(cells, file_format: str, encoding: str | None = None,
              sheet: str | None = None) -> RawTable:
    if isinstance(cells, pd.DataFrame):
        frame = cells
    else:
        frame = pd.DataFrame([[cell_text(v) for v in row] for row in cells], dtype=object)
    if frame.empty:
        raise refuse("empty-file")
    frame = frame.fillna("")
    frame.columns = range(frame.shape[1])
    header_at = _header_row(frame)
    headers = [str(h).strip(" \t\u3000\ufeff") for h in frame.iloc[header_at]]
    body = frame.iloc[header_at + 1:]
    blank = body.apply(lambda col: col.str.strip(" \t\r\n\u3000") == "")
    empty_rows = blank.all(axis=1)
    if empty_rows.any():  # no copy of a large table that has none
        body = body.loc[~empty_rows]
    keep = [i for i, h in enumerate(headers) if h or not blank[i].all()]
    if len(keep) < body.shape[1]:
        body = body[keep]
    body.columns = range(len(keep))
    rows = pd.Series(body.index + 1, index=body.index)  # frame row 0 is spreadsheet row 1
    return RawTable([headers[i] for i in keep], body.reset_index(drop=True),
                    rows.reset_index(drop=True), file_format, encoding, sheet, header_at + 1)


def _header_row(frame: pd.DataFrame) -> int:
    """The first row holding at least two known headers (title rows above are skipped)."""
    for i in range(min(HEADER_SEARCH_ROWS, len(frame))):
        known = sum(normalise_header(v) in _KNOWN_HEADERS for v in frame.iloc[i])
        if known >= 2:
            return i
    return 0
