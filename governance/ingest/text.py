"""Delimited text: decoding CSV/TSV bytes and parsing them into a grid of text cells.

Owns encoding detection (UTF-16 with BOM, UTF-8 with or without BOM, CP932; strict),
delimiter detection (comma or tab), the column cap on the parsed header record, and the
two parsers: Arrow's multi-threaded reader for plain text, pandas' C parser for anything
with quotes (it keeps the exact row of a malformed line).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from governance.ingest.guards import check_columns, refuse

# the text encodings ``decode`` recognises, each with the name users see
ENCODING_KEYS = {"utf-8-bom": "encoding.utf-8-bom", "utf-8": "encoding.utf-8",
                 "cp932": "encoding.cp932", "utf-16": "encoding.utf-16"}


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


def delimiter(text: str) -> str:
    start = 1 if text.startswith("\ufeff") else 0
    end = text.find("\n", start)
    first = text[start:] if end < 0 else text[start:end]  # no copy of the rest of the file
    return "\t" if first.count("\t") > first.count(",") else ","


_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


HEAD_BYTES = 4 << 20  # where the header record of a file given as bytes is looked for


def parse_delimited(text: str | None, sep: str, utf8: bytes | None = None) -> pd.DataFrame:
    """The cells of delimited ``text`` (the header line is row 0), or a refusal.

    ``utf8`` may hold the text as UTF-8 (the uploaded bytes of a UTF-8 file without BOM,
    known to decode); ``text`` is then None: Arrow reads the bytes, and a 300 MB export is
    not held a second time as text (decoded again only for the pandas path)."""
    head = text if text is not None else utf8[:HEAD_BYTES].decode("utf-8", "ignore")
    header = _header_record(head, sep)
    check_columns(len(header))
    frame = _read_plain_delimited(text, sep, len(header), utf8)
    if frame is None:
        if text is None:
            text = utf8.decode("utf-8")
        try:
            # Rows longer than the header are an error, so the width is fixed by the widest
            # row pandas sees; header=None keeps the header line as row 0 for numbering.
            frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str,
                                keep_default_na=False, na_values=[], skip_blank_lines=False,
                                engine="c", quotechar='"', doublequote=True)
        except pd.errors.ParserError as exc:
            found = _FIELDS_ERROR.search(str(exc))
            if found:
                expected, line, saw = found.groups()
                raise refuse("malformed-csv", row=int(line),
                             detail=f"{line}: {saw} / {expected}") from None
            raise refuse("malformed-csv", detail=str(exc).splitlines()[0][:200]) from None
        except (ValueError, OverflowError) as exc:
            raise refuse("malformed-csv", detail=type(exc).__name__) from None
    check_columns(frame.shape[1])
    return frame


def _header_record(text: str, sep: str) -> list[str]:
    """The first record as the CSV grammar reads it: a quoted cell may hold line breaks, so
    the header can span several physical lines (the column cap counts its fields)."""
    try:
        return next(csv.reader(_lines(text), delimiter=sep), [])
    except csv.Error as exc:  # e.g. a bare CR inside the first line, a field over 128 KB
        raise refuse("malformed-csv", detail=str(exc)[:200]) from None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (the header record needs only the first few)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _read_plain_delimited(text: str | None, sep: str, width: int,
                          utf8: bytes | None) -> pd.DataFrame | None:
    """The fast path: Arrow's multi-threaded CSV reader, for text (or its UTF-8 bytes)
    without quote characters or NULs, where it reads exactly the cells (and blank lines)
    pandas' C parser reads. Anything it does not accept (ragged rows, ...) returns None:
    pandas then reads the text and reports the problem as before."""
    if utf8 is None:
        if '"' in text or "\x00" in text or text.startswith("\ufeff"):
            return None
        utf8 = text.encode("utf-8")
    elif b'"' in utf8 or b"\x00" in utf8 or utf8.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8),
            read_options=pa_csv.ReadOptions(autogenerate_column_names=True,
                                            block_size=8 << 20),
            parse_options=pa_csv.ParseOptions(delimiter=sep, quote_char=False,
                                              escape_char=False, newlines_in_values=False,
                                              ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={f"f{i}": pa.large_string() for i in range(max(width, 1) + 1)},
                null_values=[], strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowException, ValueError, OverflowError):
        return None
    if table.num_columns != width or any(t != pa.large_string() for t in table.schema.types):
        return None
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame
