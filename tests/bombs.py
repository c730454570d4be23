"""Hostile files, built from bytes in a few milliseconds: each class of file that once made
a reader allocate gigabytes or take the process down (issue 15), plus the honest files
they are told apart from. Shared by the reader, pipeline, CLI, page and browser tests.

``BOMBS`` maps a name to (file name, bytes builder, the problem code it must end with).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile

import xlsxwriter

HEADER = ["委託先ID", "対象月", "予算額", "実績額"]
ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


# --- XLSX -------------------------------------------------------------------------------

def xlsx_parts(rows: list[list[object]] | None = None) -> dict[str, bytes]:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("KPI")
    for r, row in enumerate(rows or [HEADER]):
        sheet.write_row(r, 0, row)
    book.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx_with(extra_rows: str, store_as: str | None = None,
              parts: dict[str, bytes] | None = None) -> bytes:
    """The KPI header sheet with ``extra_rows`` appended to its sheetData, optionally
    stored under another name (the workbook's relationship pointing there)."""
    parts = parts or xlsx_parts()
    sheet = parts.pop("xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace("</sheetData>", extra_rows + "</sheetData>").encode()
    name = store_as or "xl/worksheets/sheet1.xml"
    parts[name] = sheet
    if store_as:
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            'Target="worksheets/sheet1.xml"', f'Target="/{name}"').encode()
    return pack(parts)


FAR = '<c r="XFD1048576"><v>1</v></c>'
FAR_CELL_XLSX = {
    "xlsx-far-cell-single-quotes": lambda: xlsx_with("<row r='2'><c r='XFD1048576'>"
                                                     "<v>1</v></c></row>"),
    "xlsx-far-cell-after-a-tab": lambda: xlsx_with('<row r="2"><c\tr="XFD1048576">'
                                                   "<v>1</v></c></row>"),
    "xlsx-far-cell-sheet-outside-worksheets": lambda: xlsx_with(
        f'<row r="2">{FAR}</row>', store_as="xl/elsewhere/data.xml"),
    "xlsx-far-cell-upper-case-extension": lambda: xlsx_with(
        f'<row r="2">{FAR}</row>', store_as="xl/worksheets/sheet1.XML"),
    "xlsx-far-cell-counted-not-referenced": lambda: xlsx_with(
        '<row r="1048576"><c r="A1048576"><v>1</v></c>' + "<c><v>1</v></c>" * 30 + "</row>"
        + "<row>" + "<c><v>1</v></c>" * 20 + "</row>"),
}


def xlsx_shared_string_bomb(size: int = 1_000_000, cells: int = 2_000,
                            alphabet: str = "abcdefghijklmnopqrstuvwxyz") -> bytes:
    """One shared string of ``size`` characters (random letters: it hardly compresses, so
    the zip looks honest) shown in ``cells`` cells: ~750 KB that copy to 2 GB of text."""
    rng = random.Random(15)
    text = "".join(rng.choice(alphabet) for _ in range(size))
    parts = xlsx_parts()
    strings = parts["xl/sharedStrings.xml"].decode()
    count = strings.count("<si>")
    parts["xl/sharedStrings.xml"] = strings.replace(
        "</sst>", f"<si><t>{text}</t></si></sst>").encode()
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{count}</v></c></row>'
                   for r in range(2, cells + 2))
    return xlsx_with(rows, parts=parts)


# --- XLS: a BIFF8 workbook stream in an OLE compound file, written by hand ---------------

def _record(kind: int, body: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _label(row: int, col: int, text: str) -> bytes:
    raw = text.encode("utf-16-le")
    return _record(0x0204, struct.pack("<HHHHB", row, col, 0, len(text), 1) + raw)


def _number(row: int, col: int, value: float) -> bytes:
    return _record(0x0203, struct.pack("<HHHd", row, col, 0, value))


def xls_stream(cells: list[bytes], dimensions: bytes | None = None,
               globals_extra: bytes = b"") -> bytes:
    """A workbook stream: globals (one sheet "KPI"), then the sheet with ``cells``."""
    name = "KPI".encode("latin-1")
    sheet_ref = struct.pack("<IHBB", 0, 0, len(name), 0) + name  # offset patched below
    head = _bof(0x0005) + _record(0x0042, struct.pack("<H", 1200)) + globals_extra
    globals_ = head + _record(0x0085, sheet_ref) + _record(0x000A)
    offset = len(globals_)
    globals_ = head + _record(0x0085, struct.pack("<I", offset) + sheet_ref[4:]) + \
        _record(0x000A)
    dims = dimensions if dimensions is not None else _record(
        0x0200, struct.pack("<IIHHH", 0, 2, 0, len(HEADER), 0))
    return globals_ + _bof(0x0010) + dims + b"".join(cells) + _record(0x000A)


def cfb(stream: bytes, name: str = "Workbook", size: int | None = None) -> bytes:
    """An OLE compound file (512-byte sectors) holding one stream; a stream under 4 KB
    is padded to 4 KB so that it lives in ordinary sectors."""
    stream = stream + b"\x00" * max(0, 4096 - len(stream))
    stream += b"\x00" * (-len(stream) % 512)
    n = len(stream) // 512
    dir_sector, fat_sector = n, n + 1
    fat = [*range(1, n), ENDOFCHAIN, ENDOFCHAIN, FATSECT]
    fat += [FREESECT] * (128 - len(fat))

    def entry(entry_name: str, kind: int, start: int, length: int, child: int) -> bytes:
        raw = entry_name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", NOSTREAM, NOSTREAM, child) + b"\x00" * 36
                + struct.pack("<IQ", start, length))

    directory = (entry("Root Entry", 5, ENDOFCHAIN, 0, 1)
                 + entry(name, 2, 0, len(stream) if size is None else size, NOSTREAM)
                 + b"\x00" * 256)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, dir_sector, 0, 4096, ENDOFCHAIN, 0,
                            ENDOFCHAIN, 0)
              + struct.pack("<I", fat_sector) + struct.pack("<I", FREESECT) * 108)
    return header + stream + directory + struct.pack("<128I", *fat)


def honest_xls() -> bytes:
    cells = [_label(0, c, h) for c, h in enumerate(HEADER)]
    cells += [_label(1, 0, "V-1"), _label(1, 1, "2026-10"), _number(1, 2, 1000),
              _number(1, 3, 900)]
    return cfb(xls_stream(cells))


def xls_far_cell() -> bytes:
    """A cell at IV65536, the last cell of an .xls sheet: 16.7 million cells from A1."""
    return cfb(xls_stream([_label(0, 0, HEADER[0]), _number(65535, 255, 1)]))


def xls_far_column() -> bytes:
    """A column far past IV (BIFF8 stores columns as 16 bits): 65536 x 65536 cells."""
    return cfb(xls_stream([_label(0, 0, HEADER[0]), _number(1000, 65535, 1)]))


def xls_declared_area() -> bytes:
    """A DIMENSIONS record whose first row is after its last: calamine reserves ~4 billion
    rows of cells, in wrapping arithmetic."""
    dims = _record(0x0200, struct.pack("<IIHHH", 70_000, 2, 0, 4, 0))
    return cfb(xls_stream([_label(0, 0, HEADER[0])], dimensions=dims))


def xls_shared_strings_declared() -> bytes:
    """An SST that declares two billion strings in a few bytes."""
    sst = _record(0x00FC, struct.pack("<ii", 2_000_000_000, 2_000_000_000) + b"\x01\x00\x00A")
    return cfb(xls_stream([_label(0, 0, HEADER[0])], globals_extra=sst))


def xls_stream_size_declared() -> bytes:
    """A directory entry declaring its stream (4 GB) larger than the whole file."""
    return cfb(xls_stream([_label(0, 0, HEADER[0])]), size=0xF000_0000)


# --- ODS --------------------------------------------------------------------------------

ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="KPI">')
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"
ODS_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')


def ods(rows: str) -> bytes:
    """An ODS of one table "KPI" holding ``rows``."""
    return ods_package(ODS_HEAD + rows + ODS_TAIL)


def ods_package(content: str) -> bytes:
    """An ODS file around ``content.xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return out.getvalue()


def ods_string_row(*values: str) -> str:
    return "<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in values) + "</table:table-row>"


def ods_spaces_bomb() -> bytes:
    """One cell whose text is "a billion spaces", in 30 bytes of XML."""
    cell = ('<table:table-cell office:value-type="string"><text:p>x'
            '<text:s text:c="1000000000"/></text:p></table:table-cell>')
    return ods(ods_string_row(*HEADER) + f"<table:table-row>{cell}</table:table-row>")


def ods_repeated_text_bomb() -> bytes:
    """A 10,000-character cell repeated over 1,000 columns and 1,000 rows: 10 GB of text
    in 10 KB (the area itself is only a million cells)."""
    cell = ('<table:table-cell table:number-columns-repeated="1000" '
            f'office:value-type="string"><text:p>{"x" * 10_000}</text:p></table:table-cell>')
    return ods(ods_string_row(*HEADER)
               + f'<table:table-row table:number-rows-repeated="1000">{cell}</table:table-row>')


# --- CSV --------------------------------------------------------------------------------

def csv_wide_header_after_a_quoted_newline(columns: int = 20_000) -> bytes:
    """The first header cell holds a line break, so the first physical line has one field
    while the header record has ``columns``."""
    return ('"委託先\nID",' + ",".join(f"c{i}" for i in range(columns)) + "\n"
            + ",".join(["1"] * (columns + 1)) + "\n").encode()


BOMBS = {
    **{name: (f"{name}.xlsx", build, "xlsx-too-large") for name, build in FAR_CELL_XLSX.items()},
    "xlsx-shared-string-copies": ("strings.xlsx", xlsx_shared_string_bomb, "xlsx-too-large"),
    "xls-far-cell": ("far.xls", xls_far_cell, "xlsx-too-large"),
    "xls-far-column": ("wide.xls", xls_far_column, "xlsx-too-large"),
    "xls-declared-area": ("dims.xls", xls_declared_area, "xlsx-too-large"),
    "xls-shared-strings-declared": ("sst.xls", xls_shared_strings_declared, "xlsx-too-large"),
    "xls-stream-size-declared": ("size.xls", xls_stream_size_declared, "xlsx-too-large"),
    "ods-spaces": ("spaces.ods", ods_spaces_bomb, "xlsx-too-large"),
    "ods-repeated-text": ("repeated.ods", ods_repeated_text_bomb, "xlsx-too-large"),
    "csv-quoted-newline-20000-columns": (
        "wide.csv", csv_wide_header_after_a_quoted_newline, "too-many-columns"),
    "csv-quoted-newline-million-columns": (
        "wider.csv", lambda: csv_wide_header_after_a_quoted_newline(1_000_000),
        "too-many-columns"),
}
