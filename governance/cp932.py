"""Writing tables for older Japanese Excel in CP932 (Shift_JIS as Windows has it).

Real names and titles hold characters CP932 has no code for (ℕ, ㇷ, ⽀ …). They are stored
and shown as written; an export in CP932 either encodes every cell or refuses with
``CP932Error`` naming the cells it cannot (row as the file would number it, column,
the characters), so nobody gets a file with silently changed names. UTF-8 (with BOM)
exports of the same table always work.
"""

from __future__ import annotations

from collections.abc import Sequence

from governance.errors import GovernanceError

MAX_NAMED = 10  # cells a refusal names; the rest are counted


class CP932Error(GovernanceError):
    """Cells CP932 cannot encode; ``cells`` holds (row, column, characters) of each."""

    key = "error.cp932-cells"

    def __init__(self, cells: list[tuple[int, str, str]]) -> None:
        shown = "; ".join(f"{row}:{column} ({chars})" for row, column, chars in cells[:MAX_NAMED])
        more = len(cells) - MAX_NAMED
        super().__init__(cells=shown + (f" … (+{more})" if more > 0 else ""), count=len(cells))
        self.cells = cells


def unencodable(text: str) -> str:
    """The characters of ``text`` CP932 cannot encode, each once, in order."""
    found = []
    for ch in text:
        try:
            ch.encode("cp932")
        except UnicodeEncodeError:
            if ch not in found:
                found.append(ch)
    return "".join(found)


def encode(header: Sequence[str], rows: Sequence[Sequence[str]], text: str) -> bytes:
    """``text`` (the CSV of ``header`` and ``rows``) in CP932, or ``CP932Error`` naming
    every cell that cannot be: row 1 is the header, as Excel numbers it."""
    try:
        return text.encode("cp932")
    except UnicodeEncodeError:
        pass
    cells = []
    for r, row in enumerate([header, *rows], start=1):
        for column, value in zip(header, row, strict=True):
            bad = unencodable(str(value))
            if bad:
                cells.append((r, column, bad))
    raise CP932Error(cells)
