"""Reading a file with an import profile, and finding the saved profile a file fits.

``read`` reads the profile's sheet at its header row (or the row holding the headers it
names) and ``apply`` turns the table into one the validator maps like any upload: each
header the profile names becomes its catalog column (the sender's header stays in
``RawTable.written``, so problems name the sender's rows and headers), a column the
profile reads from elsewhere is ignored, constants become columns (named
``constants.<column>`` in problems), the file's words become catalog words, and the scale
and ``dayfirst`` are handed to parsing. A header the file lacks is a problem naming its key.

``recognise`` gives the saved profiles whose named headers are all on the file's header
row (on the profile's sheet and row), compared after trimming ASCII and full-width spaces
and otherwise exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from governance.catalog import KINDS, normalise_header
from governance.errors import ReadError
from governance.ingest.problems import Problem
from governance.ingest.profiles.format import Profile, dotted, word_key
from governance.ingest.readers import (
    MAX_UPLOAD_BYTES,
    RawTable,
    is_workbook,
    read_table,
    top_rows,
)
from governance.ingest.validate import aliases


def header_row(top: list[list[str]], profile: Profile) -> int | None:
    """The spreadsheet row of ``profile``'s header in ``top`` (a sheet's first rows): its
    ``header_row``, else the first row holding every header it names, else the first
    holding most of them; None when it names none or no row holds any."""
    if profile.header_row is not None:
        return profile.header_row
    wanted = set(profile.headers)
    best, found = 0, None
    for i, row in enumerate(top):
        held = len(wanted & set(row))
        if held > best:
            best, found = held, i + 1
    return found


def fits(top: list[list[str]], profile: Profile) -> bool:
    """Whether a sheet whose first rows are ``top`` holds every header ``profile`` names
    on its header row (a profile naming no header never fits by itself)."""
    if not profile.columns:
        return False
    row = header_row(top, profile)
    return row is not None and row <= len(top) and set(profile.headers) <= set(top[row - 1])


def read(data: bytes, file_name: str, profile: Profile, sheet: str | None = None,
         limit: int = MAX_UPLOAD_BYTES, first: RawTable | None = None
         ) -> tuple[RawTable, list[Problem]]:
    """Read ``data`` with ``profile``: the table ready for validation, and the problems of
    headers the file lacks. The sheet is ``sheet`` when given, else the profile's (a text
    file has none). ``first``, when given, is the table already read from that sheet (the
    first sheet when neither names one): read again only when the profile's header row
    is another. Raises ``ReadError`` for a file that cannot be read."""
    sheet = sheet or (profile.sheet if is_workbook(data) else None)
    usable = first is not None and (sheet is None or first.sheet == sheet)
    raw = first if usable else read_table(data, file_name, sheet, limit)
    row = header_row(raw.top, profile)
    if row is not None and row != raw.header_row:
        raw = read_table(data, file_name, sheet, limit, header_row=row)
    return apply(raw, profile)


def apply(raw: RawTable, profile: Profile) -> tuple[RawTable, list[Problem]]:
    """``raw`` as the validator reads it under ``profile`` (see the module)."""
    spec = KINDS[profile.kind]
    spellings = aliases(spec)
    position = {h: i for i, h in reversed(list(enumerate(raw.headers)))}
    problems = [Problem.of("profile-header-not-found", row=raw.header_row, column=header,
                           value=header, key=dotted("columns", column), profile=profile.name)
                for column, header in profile.columns.items() if header not in position]
    named = {position[h]: c for c, h in profile.columns.items() if h in position}
    claimed = set(profile.columns) | set(profile.constants)
    headers = [named[i] if i in named else
               "" if spellings.get(normalise_header(h)) in claimed else h
               for i, h in enumerate(raw.headers)]
    written = list(raw.headers)
    frame = raw.frame.copy() if profile.constants or profile.values else raw.frame
    for column, value in profile.constants.items():
        frame[len(headers)] = pd.Series(value, index=frame.index, dtype=object)
        headers.append(column)
        written.append(dotted("constants", column))
    where = {spellings.get(normalise_header(h)): i for i, h in enumerate(headers)}
    for column, words in profile.values.items():
        if column in where:
            frame[where[column]] = map_words(frame[where[column]], words)
    table = RawTable(headers, frame, raw.rows, raw.file_format, raw.encoding, raw.sheet,
                     raw.header_row, raw.warnings, raw.top, written=written,
                     scale=dict(profile.scale), dayfirst=profile.dayfirst)
    return table, problems


def map_words(cells: pd.Series, words: dict[str, str]) -> pd.Series:
    """``cells`` with each word of ``words`` (compared NFKC, trimmed, casefolded) replaced
    by its catalog word; other cells as they are."""
    lookup = {word_key(w): target for w, target in words.items()}
    found = {u: lookup[word_key(u)] for u in pd.unique(cells.dropna())
             if word_key(u) in lookup}
    return cells.replace(found) if found else cells


def recognise(data: bytes, raw: RawTable, saved: Sequence[Profile], sheet: str | None,
              kind: str | None, limit: int = MAX_UPLOAD_BYTES) -> list[Profile]:
    """The saved profiles ``data`` fits (of ``kind`` when given; on ``sheet`` when given).
    ``raw`` is the table already read from ``sheet`` (None: the first sheet)."""
    tops: dict[str | None, list[list[str]] | None] = {sheet: raw.top}
    found = []
    for profile in saved:
        if (kind is not None and profile.kind != kind) or \
                (sheet is not None and profile.sheet not in (None, sheet)):
            continue
        target = sheet or profile.sheet
        if target not in tops:
            tops[target] = _top(data, target, limit)
        top = tops[target]
        if top is not None and fits(top, profile):
            found.append(profile)
    return found


def _top(data: bytes, sheet: str | None, limit: int) -> list[list[str]] | None:
    """The first rows of a workbook's ``sheet``; None for text files (no sheets) and for
    a sheet the workbook does not have."""
    if not is_workbook(data):
        return None
    try:
        return top_rows(data, sheet, limit)
    except ReadError:
        return None
