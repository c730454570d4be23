"""Bomb guards: what an uploaded file may cost to read, checked before it is parsed.

Owns the limits and the refusals that keep one file from exhausting the reading process:
the file size, the zip directory of a workbook (entries, unzipped size, compression
ratio), the used area of every sheet calamine would allocate (``MAX_CELLS``), the text its
cells expand to (shared strings times the cells that reference them, ``MAX_TEXT_CHARS``)
and the column cap. The format rooms: ``xlsx`` (sheet XML read with a real parser, every
worksheet the workbook points to), ``ods`` (repeated rows and cells), ``xls`` (BIFF records
of an OLE file, through ``cfb``); ``xml_stream`` is the defused streaming XML parser they
share. These guards give a precise refusal for the bombs known today; the child process of
``governance.ingest.sandbox`` bounds memory and time for the ones not known yet.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib

from governance.errors import ReadError
from governance.ingest.problems import Problem

MAX_UPLOAD_BYTES = int(float(os.environ.get("GOVERNANCE_MAX_UPLOAD_MB", "20")) * 1024 * 1024)
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_ENTRIES = 5000
MAX_COLUMNS = 500
# calamine allocates a sheet's whole used area (rows x columns, from A1) at once, ~32 bytes
# a cell, and the reader then holds each cell as a Python object: about 200 bytes a cell in
# all, so 5 million cells (300,000 rows of 17 KPIs) stay well inside the parse's 2 GB.
MAX_CELLS = 5_000_000
# Each cell that shows a shared string gets its own copy: a 1 MB string used in 2,000 cells
# is 2 GB. Counted in characters over all cells of a sheet.
MAX_TEXT_CHARS = 100_000_000

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def refuse(code: str, **params: object) -> ReadError:
    return ReadError(Problem.of(code, **params))


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_size(size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file larger than ``limit`` before anything reads it."""
    if size > limit:
        raise refuse("file-too-large", size=size_text(size), limit=size_text(limit))


def check_columns(count: int) -> None:
    if count > MAX_COLUMNS:
        raise refuse("too-many-columns", value=count, expected=MAX_COLUMNS)


def check_area(rows: int, cols: int, where: str) -> None:
    """Refuse a sheet whose used area, from A1 to its farthest cell, exceeds ``MAX_CELLS``."""
    if rows * cols > MAX_CELLS:
        raise refuse("xlsx-too-large", detail=f"{where}: {rows:,} x {cols:,}")


def check_text(chars: int, where: str) -> None:
    if chars > MAX_TEXT_CHARS:
        raise refuse("xlsx-too-large", detail=f"{where}: {chars:,} characters")


def is_workbook(data: bytes) -> bool:
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


def check_workbook(data: bytes, sheets: bool = True) -> None:
    """Refuse a workbook whose reading would cost more than the limits allow.

    ``sheets=False`` checks only what opening the workbook reads (for listing its sheets):
    an XLSX's sheets are parsed only when one is read; XLS and ODS are parsed whole at
    opening, so they are always checked whole."""
    from governance.ingest.guards import ods, xls, xlsx

    if data.startswith(OLE_MAGIC):
        xls.check(data)
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = _check_directory(archive)
            by_name: dict[str, list[zipfile.ZipInfo]] = {}
            for e in entries:
                by_name.setdefault(e.filename.lower(), []).append(e)
            if "xl/_rels/workbook.bin.rels" in by_name:
                raise refuse("xlsb-unsupported")  # Excel's binary workbook: not read here
            if "xl/_rels/workbook.xml.rels" in by_name:
                xlsx.check(archive, by_name, sheets)
            if "content.xml" in by_name:
                ods.check(archive, by_name["content.xml"])
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error, KeyError,
            NotImplementedError):
        # ValueError includes XML that is not well formed and the defused parser's
        # refusals (a DTD, an entity): nothing this app reads contains them
        raise refuse("bad-xlsx") from None


def _check_directory(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's entries, refused when there are too many or they unzip too far."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise refuse("xlsx-too-large", detail=f"{len(entries)} entries")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNZIPPED_BYTES:
        raise refuse("xlsx-too-large", detail=size_text(total))
    for e in entries:
        if e.file_size > 1024 * 1024 and e.file_size > MAX_ZIP_RATIO * max(e.compress_size, 1):
            ratio = e.file_size // max(e.compress_size, 1)
            raise refuse("xlsx-too-large", detail=f"{e.filename}: x{ratio}")
    return entries
