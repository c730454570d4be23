"""Workbooks: XLSX, XLS and ODS read through calamine into a grid of text cells.

Owns opening a workbook (after the bomb guards of ``guards``), choosing the sheet, the
column cap on its width, writing each cell as the text a CSV of it would hold, and the
percent formats of small XLSX files (Excel stores ``95%`` as 0.95 with a format calamine
does not report).
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import python_calamine

from governance.errors import ReadError
from governance.ingest.guards import ZIP_MAGIC, check_columns, check_workbook, refuse
from governance.ingest.problems import Problem

PERCENT_SCAN_BYTES = 1024 * 1024  # ~20,000 cells: a monthly report, scanned in < 1 s
# A Rust panic reaches Python as pyo3's PanicException, a BaseException: it is a damaged
# file like calamine's other errors. Running out of memory is not (see ``sandbox``).
_PASS_ON = (ReadError, MemoryError, KeyboardInterrupt, SystemExit)


def sheet_names(data: bytes) -> list[str]:
    """The worksheet names of a workbook, in file order."""
    check_workbook(data, sheets=False)
    try:
        return list(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except _PASS_ON:
        raise
    except BaseException as exc:  # calamine's error types for damaged files, and its panics
        raise _failure(exc) from None


def read(data: bytes, sheet: str | None, nrows: int | None = None
         ) -> tuple[pd.DataFrame, str, list[Problem]]:
    """The cells of ``sheet`` (default: the first; its first ``nrows`` rows when given) as
    text, the sheet's name, and the notes reading it left (Excel's number formats that
    could not be read)."""
    check_workbook(data)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise refuse("sheet-not-found", value=sheet, expected="、".join(names))
        name = sheet if sheet is not None else names[0]
        found = book.get_sheet_by_name(name)
        check_columns(found.width)
        cells = found.to_python(skip_empty_area=False, nrows=nrows)
    except _PASS_ON:
        raise
    except BaseException as exc:  # calamine's error types for damaged files, and its panics
        raise _failure(exc) from None
    notes = []
    if data.startswith(ZIP_MAGIC) and len(data) <= PERCENT_SCAN_BYTES and nrows is None:
        notes = _mark_percent_cells(cells, data, name)
    return (pd.DataFrame([[cell_text(v) for v in row] for row in cells], dtype=object), name,
            notes)


def _failure(exc: BaseException) -> Exception:
    """A damaged file, or memory running out: pyo3 panics with "PyObject pointer is null"
    when CPython cannot allocate an object for a cell."""
    if "PyObject pointer is null" in str(exc):
        return MemoryError()
    return refuse("bad-xlsx")


def _mark_percent_cells(cells: list[list[object]], data: bytes, sheet: str) -> list[Problem]:
    """Write numbers shown as percentages the way Excel shows them (0.95 -> "95%").

    Typing ``95%`` in Excel stores 0.95 with a percent format; calamine gives the value
    without its format, so the number formats are read with openpyxl (read-only). Only
    for workbooks up to ``PERCENT_SCAN_BYTES`` (openpyxl costs ~7 s on a 50,000-row
    sheet): a monthly report is small, and a big export is written by a system, not
    typed. A workbook openpyxl cannot read keeps calamine's values, with a note to the
    user (``percent-formats-unread``). The scan stops at the area calamine read (openpyxl
    would pad rows to a declared width).
    """
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            width = max(map(len, cells), default=0)
            for row in book[sheet].iter_rows(max_row=len(cells), max_col=max(width, 1)):
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
