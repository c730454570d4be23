"""OLE compound files, the container of an .xls: the one stream the guards need.

A compound file is a little file system in sectors: a header, a FAT of sector chains, a
directory of named streams, and a mini stream (64-byte sectors) for streams under 4 KB.
calamine reserves memory from the counts and sizes these structures declare before it
reads them, so every count and size is checked against the file's length, and every chain
must end within as many steps as the file has sectors (a loop is refused).
Malformed structures raise ``ValueError``.
"""

from __future__ import annotations

import struct

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENDOFCHAIN, FREESECT = 0xFFFFFFFE, 0xFFFFFFFF
MINI_CUTOFF = 4096  # calamine reads a stream under 4096 bytes from the mini stream


class TooLarge(ValueError):
    """A count or size the file cannot hold: the reader would reserve it up front."""


class CompoundFile:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(SIGNATURE):
            raise ValueError("not a compound file")
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise ValueError("bad sector shift")
        self.data, self.sector = data, 1 << shift
        self.sectors = max((len(data) - self.sector) // self.sector, 0)
        (dir_count, fat_count, dir_start, _, _, mini_fat_start, mini_fat_count, difat_start,
         difat_count) = struct.unpack_from("<9I", data, 40)
        for name, count in (("directory", dir_count), ("FAT", fat_count),
                            ("mini FAT", mini_fat_count), ("DIFAT", difat_count)):
            if count > self.sectors:
                raise TooLarge(f"{name}: {count} sectors")
        difat = list(struct.unpack_from("<109I", data, 76))
        for block in self._walk(difat_start, lambda ids: ids[-1]):
            difat.extend(block[:-1])
        fat_sectors = [i for i in difat if i != FREESECT]
        if len(fat_sectors) > self.sectors:
            raise TooLarge(f"FAT: {len(fat_sectors)} sectors")
        self.fat: list[int] = []
        for i in fat_sectors:
            self.fat.extend(_ids(self._get(i)))
        directory = self._chain(dir_start, self.fat, self.sector, self._get)
        self.entries = [self._entry(directory[i:i + 128])
                        for i in range(0, len(directory) - 127, 128)]
        if not self.entries:
            raise ValueError("no root directory")
        root_start, root_size = self.entries[0][1:]
        self.mini = self._chain(root_start, self.fat, self.sector, self._get, root_size)
        self.mini_fat = list(_ids(self._chain(mini_fat_start, self.fat, self.sector,
                                                self._get)))

    def stream(self, *names: str) -> bytes | None:
        """The first stream called ``names[0]``, else ``names[1]``…, as calamine looks."""
        for name in names:
            for entry_name, start, size in self.entries:
                if entry_name == name:
                    if size < MINI_CUTOFF:
                        return self._chain(start, self.mini_fat, 64, self._get_mini, size)
                    return self._chain(start, self.fat, self.sector, self._get, size)
        return None

    def _entry(self, raw: bytes) -> tuple[str, int, int]:
        name = raw[:64].decode("utf-16-le", "ignore").split("\x00", 1)[0]
        start = struct.unpack_from("<I", raw, 116)[0]
        size = struct.unpack_from("<I" if self.sector == 512 else "<Q", raw, 120)[0]
        if size > len(self.data):
            raise TooLarge(f"stream {name!r}: {size:,} bytes")
        return name, start, size

    def _get(self, sector: int) -> bytes:
        at = (sector + 1) * self.sector
        if sector >= self.sectors or at + self.sector > len(self.data):
            raise ValueError(f"sector {sector} outside the file")
        return self.data[at:at + self.sector]

    def _get_mini(self, sector: int) -> bytes:
        at = sector * 64
        if at + 64 > len(self.mini):
            raise ValueError(f"mini sector {sector} outside the mini stream")
        return self.mini[at:at + 64]

    def _walk(self, start: int, follow):
        """The sectors of a DIFAT-style chain (each sector names the next), as ids."""
        sector, steps = start, 0
        while sector not in (ENDOFCHAIN, FREESECT):
            steps += 1
            if steps > self.sectors:
                raise ValueError("a sector chain loops")
            ids = _ids(self._get(sector))
            yield ids
            sector = follow(ids)

    @staticmethod
    def _chain(start: int, fat: list[int], size: int, get, length: int | None = None) -> bytes:
        """The bytes of the chain from ``start`` (``length`` of them, when given)."""
        blocks, sector = [], start
        while sector not in (ENDOFCHAIN, FREESECT):
            if len(blocks) > len(fat):
                raise ValueError("a sector chain loops")
            blocks.append(get(sector))
            if length is not None and len(blocks) * size >= length:
                break
            if sector >= len(fat):
                raise ValueError("a sector chain leaves the FAT")
            sector = fat[sector]
        data = b"".join(blocks)
        return data if length is None else data[:length]


def _ids(block: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(block) // 4}I", block[:len(block) // 4 * 4])
