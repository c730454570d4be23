"""XLS (BIFF in an OLE file): the used area and text of every sheet, before calamine.

calamine reads every sheet of an .xls when it opens it: from the workbook globals it takes
the shared string table (SST, reserving one slot per declared string) and each sheet's
offset (BOUNDSHEET); in each sheet it reserves the area a DIMENSIONS record declares, then
collects the cells of the value records (NUMBER, RK, MULRK, LABEL, LABELSST, BOOLERR,
FORMULA) and allocates the area from A1 to the farthest one, twice (values and formulas).
Each LABELSST cell copies its shared string. All of that is bounded here, from the records
themselves. A CONTINUE record (0x3C) belongs to the record before it.
"""

from __future__ import annotations

import struct

from governance.ingest.guards import MAX_CELLS, check_area, check_text, refuse
from governance.ingest.guards.cfb import CompoundFile, TooLarge

EOF_, CONTINUE, BOUNDSHEET, SST, DIMENSIONS = 0x000A, 0x003C, 0x0085, 0x00FC, 0x0200
MULRK, LABELSST = 0x00BD, 0x00FD
# value records of every BIFF version: row (u16) at 0, column (u16) at 2
CELLS = frozenset({0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204,
                   0x0205, 0x0206, 0x027E, 0x0406})


def check(data: bytes) -> None:
    try:
        stream = CompoundFile(data).stream("Workbook", "Book")
    except TooLarge as exc:
        raise refuse("xlsx-too-large", detail=str(exc)) from None
    except (ValueError, struct.error):
        raise refuse("bad-xlsx") from None
    if stream is None:
        raise refuse("bad-xlsx")
    sizes: list[int] = []
    offsets: list[int] = []
    for kind, body, more in _records(stream, 0):
        if kind == EOF_:
            break
        if kind == BOUNDSHEET and len(body) >= 4:
            offsets.append(struct.unpack_from("<I", body)[0])
        elif kind == SST:
            sizes = _shared_strings(body, more)
    text = 0
    for n, offset in enumerate(offsets):
        if offset < len(stream):
            text = _check_sheet(stream, offset, sizes, text, f"sheet {n + 1}")


def _records(stream: bytes, at: int):
    """(type, data, [CONTINUE data…]) from ``at`` to the end of the stream."""
    end = len(stream)
    while at + 4 <= end:
        kind, size = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4:at + 4 + size]
        at += 4 + size
        more = []
        while at + 4 <= end and struct.unpack_from("<H", stream, at)[0] == CONTINUE:
            size = struct.unpack_from("<H", stream, at + 2)[0]
            more.append(stream[at + 4:at + 4 + size])
            at += 4 + size
        yield kind, body, more


def _check_sheet(stream: bytes, offset: int, sizes: list[int], text: int, where: str) -> int:
    rows = cols = 0
    for kind, body, _ in _records(stream, offset):
        if kind == EOF_:
            break
        if kind == DIMENSIONS:
            _check_reserved(body, where)
        elif kind in CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if kind == MULRK and len(body) >= 6:
                last = struct.unpack_from("<H", body, len(body) - 2)[0]
                col = max(col, last, col + (len(body) - 6) // 6 - 1)
            rows, cols = max(rows, row + 1), max(cols, col + 1)
            if kind == LABELSST and len(body) >= 10:
                index = struct.unpack_from("<I", body, 6)[0]
                text += sizes[index] if index < len(sizes) else 0
                check_text(text, where)
    check_area(rows, cols, where)
    return text


def _check_reserved(body: bytes, where: str) -> None:
    """calamine reserves the DIMENSIONS area in u32 arithmetic (a first row after the
    last wraps around to four billion)."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return  # calamine refuses the file
    if last_row >= 1 and last_col >= 1:
        last_row, last_col = last_row - 1, last_col - 1
    else:
        last_row, last_col = first_row, first_col
    rows = (last_row - first_row + 1) & 0xFFFFFFFF
    cols = (last_col - first_col + 1) & 0xFFFFFFFF
    if rows * cols > MAX_CELLS:
        raise refuse("xlsx-too-large", detail=f"{where}: {rows:,} x {cols:,}")


def _shared_strings(body: bytes, more: list[bytes]) -> list[int]:
    """The length of each string of the SST, walked as calamine walks it (a string's
    characters may continue in the next CONTINUE record, which then starts with a flag)."""
    if len(body) < 8:
        raise refuse("bad-xlsx")
    count = struct.unpack_from("<i", body, 4)[0]
    if count < 0 or count * 3 > len(body) - 8 + sum(map(len, more)):
        raise refuse("xlsx-too-large", detail=f"SST: {count:,} strings")
    reader = _Reader(body[8:], more)
    return [reader.string() for _ in range(count)]


class _Reader:
    """Record data with its CONTINUE parts, consumed front to back."""

    def __init__(self, data: bytes, more: list[bytes]) -> None:
        self.data, self.more = memoryview(data), [memoryview(m) for m in reversed(more)]

    def next_part(self) -> bool:
        if not self.more:
            return False
        self.data = self.more.pop()
        return True

    def take(self, n: int) -> bytes:
        if len(self.data) < n:
            raise refuse("bad-xlsx")
        out, self.data = bytes(self.data[:n]), self.data[n:]
        return out

    def skip(self, n: int) -> None:
        while n > 0:
            if not self.data and not self.next_part():
                raise refuse("bad-xlsx")
            step = min(n, len(self.data))
            self.data, n = self.data[step:], n - step

    def string(self) -> int:
        if not self.data:
            self.next_part()
        cch, flags = struct.unpack("<HB", self.take(3))
        runs = struct.unpack("<H", self.take(2))[0] if flags & 0x8 else 0
        extra = struct.unpack("<i", self.take(4))[0] if flags & 0x4 else 0
        wide, left = bool(flags & 0x1), cch
        while left > 0:
            chars = min(len(self.data) // (2 if wide else 1), left)
            self.data = self.data[chars * (2 if wide else 1):]
            left -= chars
            if left > 0:
                if not self.next_part() or not self.data:
                    raise refuse("bad-xlsx")
                wide, self.data = bool(self.data[0] & 0x1), self.data[1:]
        self.skip(runs * 4)
        self.skip(extra % (1 << 64))  # calamine reads the size as i32 cast to usize
        return cch
