"""XLSX: the used area and the text of every worksheet the workbook points to.

Follows calamine 0.37's reader: sheets are listed in ``xl/workbook.xml`` (``<sheet
r:id=...>``), their parts found through ``xl/_rels/workbook.xml.rels`` and looked up in the
zip by name, case-insensitively; a cell's position is its ``r`` reference, or, without one,
the next column of the current row; only cells with a value count towards the area it
allocates; shared strings are read whole when the workbook opens, and every cell that shows
one gets its own copy. The sheet XML is read with a real parser (``xml_stream``), so a
reference quoted with ``'``, an attribute after a tab, a sheet stored anywhere or named
``.XML`` is seen like any other.

A sheet in the form spreadsheet programs write is passed by a fast pass (below) when it
is surely within the limits; any other sheet, and one the fast pass cannot clear, is read
by the exact pass: expat with a handler for every element, following every row and value.
"""

from __future__ import annotations

import re
import zipfile
from operator import itemgetter

from governance.errors import ReadError
from governance.ingest.guards import MAX_TEXT_CHARS, check_area, check_text, refuse, xml_stream
from governance.ingest.guards.xml_stream import local

# Excel's grid is 1,048,576 rows by 16,384 (XFD) columns: a longer reference is refused
# here rather than read, as calamine would, modulo 2**32.
_REF = re.compile(r"([A-Za-z]*)([0-9]*)")
# each reference of a comma-joined list that is exactly 1-3 letters and 1-7 digits
_PAIRS = re.compile(rb"(?:(?<=,)|^)([A-Za-z]{1,3})([0-9]{1,7})(?=,)")
_FLUSH = 65_536


def check(archive: zipfile.ZipFile, by_name: dict[str, list[zipfile.ZipInfo]],
          sheets: bool) -> None:
    """Refuse an XLSX whose shared strings or sheets would cost more than the limits."""
    sizes = _shared_string_sizes(archive, by_name.get("xl/sharedstrings.xml", []))
    if sheets:
        for entry in _worksheets(archive, by_name):
            _check_sheet(archive, entry, sizes)


def _parts(archive, entries, start, end=None, chars=None) -> None:
    for entry in entries:  # a name written twice in the zip: every copy is read
        with archive.open(entry) as stream:
            xml_stream.parse(stream, start, end, chars)


def _worksheets(archive, by_name) -> list[zipfile.ZipInfo]:
    """Every part a ``<sheet>`` of the workbook points to, and all of ``xl/worksheets/``."""
    targets: dict[str, str] = {}

    def relationship(name, attrs):
        if local(name) == "Relationship" and "Id" in attrs:
            targets[attrs["Id"]] = attrs.get("Target", "")

    _parts(archive, by_name["xl/_rels/workbook.xml.rels"], relationship)
    paths: set[str] = set()

    def sheet(name, attrs):
        if local(name) == "sheet":
            rid = attrs.get("r:id", attrs.get("relationships:id"))
            if rid in targets:
                target = targets[rid]
                paths.update({target, target.lstrip("/"), "xl/" + target})

    _parts(archive, by_name.get("xl/workbook.xml", []), sheet)
    found = {id(e): e for p in paths for e in by_name.get(p.lower(), [])}
    found.update({id(e): e for name, entries in by_name.items()
                  if name.startswith("xl/worksheets/") for e in entries})
    return list(found.values())


def _shared_string_sizes(archive, entries) -> list[int]:
    """The length of each shared string calamine keeps, in its order: an ``<si>`` without
    text (no ``<t>`` outside phonetic runs, no rich run) is skipped and takes no index."""
    sizes: list[int] = []
    state = {"in": False, "kept": False, "phonetic": False, "size": 0}

    def start(name, attrs):
        part = local(name)
        if part == "si":
            state.update({"in": True, "kept": False, "phonetic": False, "size": 0})
        elif state["in"]:
            if part == "r" or (part == "t" and not state["phonetic"]):
                state["kept"] = True
            elif part == "rPh":
                state["phonetic"] = True

    def end(name):
        part = local(name)
        if part == "si" and state["in"]:
            state["in"] = False
            if state["kept"]:
                sizes.append(state["size"])
        elif part == "rPh":
            state["phonetic"] = False

    def chars(text):
        if state["in"]:
            state["size"] += len(text)

    _parts(archive, entries, start, end, chars)
    return sizes


class _NeedsExact(Exception):
    """The fast pass met something only the exact pass can place."""


def _check_sheet(archive, entry: zipfile.ZipInfo, sizes: list[int]) -> None:
    where = entry.filename
    try:
        shared = _fast_pass(archive, entry, _Extent(where))
    except _NeedsExact:
        shared = None
    if shared is None or shared * max(sizes, default=0) > MAX_TEXT_CHARS:
        exact = _ExactSheet(where, sizes)
        _parts(archive, [entry], exact.start, exact.end, exact.chars)
        exact.extent.flush()


# The fast pass covers sheets written the way Excel, LibreOffice, openpyxl and xlsxwriter
# write them: every cell tag is exactly '<c r="…"' (no prefix, the reference first, in
# double quotes). expat proves the sheet well formed (so a "<" opens a tag, and no tag has
# two "r" attributes); counting the tags then proves every cell is in that form, and one
# pattern reads the references. Every cell counts as valued and every shared-string cell
# as the longest string, so the fast pass can only overestimate: a sheet it finds too
# large, and any sheet in another form, is decided by the exact pass.
_CANONICAL = b'<c r="'
_FAST_CHUNK = 8 << 20
_REF_ATTR = re.compile(rb'<c r="([A-Za-z]{1,3})([0-9]{1,7})"')
_OTHER_CELL = re.compile(rb"<c[\t\n\r/>]|<[^\s/>:!?]+:c[\s/>]")
_UTF8 = re.compile(rb"""(?:\xef\xbb\xbf)?\s*<(?!\x00)"""  # UTF-8, declared or by default
                   rb"""(?![^>]*encoding\s*=\s*["'](?!(?i:utf-?8|us-ascii|ascii)["']))""")


def _check_sheet(archive, entry: zipfile.ZipInfo, sizes: list[int]) -> None:
    where = entry.filename
    try:
        _fast_pass(archive, entry, _Extent(where), max(sizes, default=0))
    except _NeedsExact:
        exact = _ExactSheet(where, sizes)
        _parts(archive, [entry], exact.start, exact.end, exact.chars)
        exact.extent.flush()


def _fast_pass(archive, entry: zipfile.ZipInfo, extent: _Extent, longest: int) -> None:
    """Passes a sheet in the common form whose area and text are surely within the limits;
    raises ``_NeedsExact`` for any other."""
    checker, carry, shared, first = xml_stream.Checker(), b"", 0, True
    with archive.open(entry) as stream:
        while chunk := stream.read(_FAST_CHUNK):
            if first and not _UTF8.match(chunk):
                raise _NeedsExact
            first = False
            checker.feed(chunk)
            xml, cut = carry + chunk, chunk.rfind(b"<")  # a tag cut by the chunk goes on
            cut = len(xml) - len(chunk) + cut if cut >= 0 else len(xml)
            xml, carry = xml[:cut], xml[cut:]
            shared += _fast_piece(xml, extent)
        shared += _fast_piece(carry, extent)
    checker.close()
    if shared * longest > MAX_TEXT_CHARS:
        raise _NeedsExact


def _fast_piece(xml: bytes, extent: _Extent) -> int:
    cells = xml.count(_CANONICAL)
    if xml.count(b"<c ") != cells or _OTHER_CELL.search(xml) or b"t='s'" in xml:
        raise _NeedsExact
    pairs = _REF_ATTR.findall(xml)
    if len(pairs) != cells:  # a reference that is not 1-3 letters and 1-7 digits
        raise _NeedsExact
    extent.add_pairs(pairs)
    try:
        extent.check()
    except ReadError:
        raise _NeedsExact from None
    return xml.count(b't="s"')


class _Extent:
    """The farthest row and column of a sheet's valued cells, from their references."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.pending: str | None = None  # the reference of the cell being read
        self.refs: list[str] = []
        self.rows = self.shared = 0
        self.letters: set[str] = set()

    def add(self, ref: str) -> None:
        self.refs.append(ref)
        if len(self.refs) >= _FLUSH:
            self.flush()

    def add_position(self, row: int, col: int) -> None:
        """A cell placed by counting (0-based), for the exact pass."""
        self.rows = max(self.rows, row + 1)
        if col >= 0:
            self.letters.add(_letters(col + 1))
        self.check()

    def add_many(self, refs: list[bytes]) -> None:
        """References (bytes), checked in one go."""
        pairs = _PAIRS.findall(b",".join(refs) + b",")
        if len(pairs) != len(refs):  # a reference that is not 1-3 letters and 1-7 digits
            for ref in refs:
                self._one(ref.decode("utf-8", "replace"))
        else:
            self.add_pairs(pairs)
        self.check()

    def add_pairs(self, pairs: list[tuple[bytes, bytes]]) -> None:
        """(letters, digits) of well-formed references."""
        self.letters.update(x.decode().upper() for x in set(map(itemgetter(0), pairs)))
        self.rows = max(self.rows, max(map(int, set(map(itemgetter(1), pairs))), default=0))

    def flush(self) -> None:
        refs, self.refs = self.refs, []
        self.add_many([r.encode("utf-8", "replace") for r in refs])

    def _one(self, ref: str) -> None:
        letters, digits = _REF.fullmatch(ref).groups() if _REF.fullmatch(ref) else ("", "")
        if len(letters) > 3 or len(digits) > 7:
            raise refuse("xlsx-too-large", detail=f"{self.where}: {ref[:20]}")
        if letters and digits:  # anything else makes calamine refuse the sheet
            self.letters.add(letters.upper())
            self.rows = max(self.rows, int(digits))

    def check(self) -> None:
        cols = max((_column(c) for c in self.letters), default=0)
        check_area(self.rows, cols, self.where)


def _column(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return col


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


class _ExactSheet:
    """calamine's walk through a sheet: the row and column counters of cells without a
    reference, and the shared string each valued cell copies (its index in ``<v>``)."""

    def __init__(self, where: str, sizes: list[int]) -> None:
        self.extent = _Extent(where)
        self.where, self.sizes = where, sizes
        self.row = self.col = 0
        self.cell: tuple[str | None, bool] | None = None  # (reference, shared string?)
        self.valued = False
        self.index: list[str] | None = None  # text of a shared-string cell's <v>
        self.text = 0

    def start(self, name: str, attrs: dict) -> None:
        part = local(name)
        if self.cell is not None:
            if not self.valued:
                self.valued = True
                ref = self.cell[0]
                if ref is None:
                    self.extent.add_position(self.row, self.col)
                else:
                    self.extent.add(ref)
            if part == "v" and self.cell[1]:
                self.index = []
        elif part == "row":
            ref = attrs.get("r")
            if ref is not None:
                digits = _REF.fullmatch(ref).group(2) if _REF.fullmatch(ref) else ""
                if len(digits) > 7:
                    raise refuse("xlsx-too-large", detail=f"{self.where}: {ref[:20]}")
                self.row = max(int(digits or 1) - 1, 0)
        elif part == "c":
            ref = attrs.get("r")
            if ref is not None:
                match = _REF.fullmatch(ref)
                if match and match.group(1) and len(match.group(1)) <= 3:
                    self.col = _column(match.group(1).upper()) - 1
            self.cell = (ref, attrs.get("t") == "s")
            self.valued = False

    def end(self, name: str) -> None:
        part = local(name)
        if part == "v" and self.index is not None:
            index = "".join(self.index).strip()
            self.index = None
            if index.isdigit() and int(index) < len(self.sizes):
                self.text += self.sizes[int(index)]
                check_text(self.text, self.where)
        elif part == "c" and self.cell is not None:
            self.cell = None
            self.col += 1
        elif part == "row" and self.cell is None:
            self.row += 1
            self.col = 0

    def chars(self, text: str) -> None:
        if self.index is not None:
            self.index.append(text)
