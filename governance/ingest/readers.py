"""Turn an uploaded file's bytes into a raw table of text cells, or refuse it: the one
entry of the reading rooms.

``read_table`` reads CSV, TSV, XLSX, XLS or ODS into a ``RawTable`` and ``sheet_names``
lists a workbook's sheets; both check the size first, then parse in a child process with a
memory and a time limit (``sandbox``; ``parse_table`` and ``parse_sheet_names`` are what
the child runs). The rooms behind them: ``guards``
(size, zip and cell-extent bombs, column caps), ``text`` (decoding and delimited text),
``workbooks`` (calamine and Excel's percent formats) and ``headers`` (finding the header
row, trimming the table). Every cell comes out as text (or missing); typing happens in
``values``.
"""

from __future__ import annotations

from pathlib import Path

from governance import pause
from governance.ingest import sandbox, text, workbooks
from governance.ingest.guards import (
    MAX_UPLOAD_BYTES,
    check_size,
    is_workbook,
    refuse,
)
from governance.ingest.headers import HEADER_SEARCH_ROWS, RawTable, to_table, top_of, trim
from governance.ingest.text import ENCODING_KEYS
from governance.ingest.workbooks import cell_text

__all__ = ["ENCODING_KEYS", "MAX_UPLOAD_BYTES", "RawTable", "cell_text", "check_size",
           "is_workbook", "read_ahead", "read_table", "sheet_names", "top_rows", "trim"]


def read_table(data: bytes, filename: str = "", sheet: str | None = None,
               limit: int = MAX_UPLOAD_BYTES, header_row: int | None = None) -> RawTable:
    """Read ``data`` (CSV, TSV, XLSX, XLS or ODS) into a ``RawTable``; raise ``ReadError``.
    The header is on spreadsheet row ``header_row`` (an import profile's), else found.
    The size is checked here; the file is parsed in a child process (``sandbox``)."""
    check_size(len(data), limit)
    return sandbox.read_table(data, filename, sheet, limit, header_row)


def read_ahead(data: bytes, filename: str = "", sheet: str | None = None,
               limit: int = MAX_UPLOAD_BYTES) -> None:
    """Start ``read_table(data, filename, sheet, limit)`` in the background (its call then
    waits for this read instead of starting one); a file over ``limit`` is left to it."""
    if len(data) <= limit:
        sandbox.read_ahead(data, filename, sheet, limit)


def read_files_ahead(paths: list[Path], sheet: str | None = None,
                     limit: int = MAX_UPLOAD_BYTES) -> dict[Path, bytes]:
    """The bytes of each file of ``paths`` within ``limit``, each file's read started
    (``read_ahead``): the command line parses while it opens the store and loads the
    checks. A file that cannot be opened is left to the caller, which reports it."""
    found = {}
    for path in paths:
        try:
            if path.stat().st_size <= limit:
                found[path] = path.read_bytes()
        except OSError:
            continue
        read_ahead(found[path], path.name, sheet, limit)
    return found


def top_rows(data: bytes, sheet: str | None, limit: int = MAX_UPLOAD_BYTES
             ) -> list[list[str]]:
    """The first ``HEADER_SEARCH_ROWS`` rows of a workbook's ``sheet`` (default the first)
    as trimmed text, with the checks of ``read_table``; raises ``ReadError``."""
    check_size(len(data), limit)
    return sandbox.top_rows(data, sheet, limit)


def sheet_names(data: bytes, limit: int = MAX_UPLOAD_BYTES) -> list[str]:
    """The worksheet names of a workbook (XLSX, XLS, ODS), with the same size and bomb
    checks as ``read_table``; a CSV or TSV has none. Raises ``ReadError``."""
    check_size(len(data), limit)
    return sandbox.sheet_names(data, limit) if is_workbook(data) else []


def parse_table(data: bytes, filename: str = "", sheet: str | None = None,
                limit: int = MAX_UPLOAD_BYTES, header_row: int | None = None) -> RawTable:
    """``read_table`` in this process: what the child process runs."""
    check_size(len(data), limit)
    pause.at("parse")
    if not data.strip():
        raise refuse("empty-file")
    if is_workbook(data):
        cells, name, notes = workbooks.read(data, sheet)
        table = to_table(cells, "xlsx", sheet=name, header_at_row=header_row)
        table.warnings = notes
        return table
    decoded, encoding = text.decode(data)
    if not decoded or decoded.isspace():  # only a BOM, or only white space once decoded
        raise refuse("empty-file")
    sep = text.delimiter(decoded)
    if encoding == "utf-8":  # the bytes are the text already: no second copy while parsing
        del decoded
        cells = text.parse_delimited(None, sep, data)
    else:
        cells = text.parse_delimited(decoded, sep)
    return to_table(cells, "tsv" if sep == "\t" else "csv", encoding=encoding,
                    header_at_row=header_row)


def parse_top_rows(data: bytes, sheet: str | None, limit: int = MAX_UPLOAD_BYTES
                   ) -> list[list[str]]:
    """``top_rows`` in this process: what the child process runs."""
    check_size(len(data), limit)
    cells, _, _ = workbooks.read(data, sheet, nrows=HEADER_SEARCH_ROWS)
    return top_of(cells)


def parse_sheet_names(data: bytes, limit: int = MAX_UPLOAD_BYTES) -> list[str]:
    """``sheet_names`` in this process: what the child process runs."""
    check_size(len(data), limit)
    return workbooks.sheet_names(data) if is_workbook(data) else []
