"""The mapping step: what the upload page proposes for a file no layout recognises, and
the profile the user's choices make.

For each column of the file: a few sample values, a suggested catalog column (an exact
alias first, then a normalised match — full-width/half-width, case, spaces, brackets and
units such as (千円) or (%) ignored —, then the most similar spelling), the scale a unit
in its header implies (千円 → 1,000; 百万円 → 1,000,000; a rate whose values are all ≤ 1
→ 100) and, for choice and yes/no columns, the file's distinct words with what each
reads as today. ``Draft`` holds the user's choices; ``Draft.profile`` is the profile
they make, ``Draft.missing`` the required columns still unmapped.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from governance.catalog import KINDS, Column, Kind, normalise_header
from governance.ingest.profiles.format import Profile
from governance.ingest.readers import RawTable
from governance.ingest.validate import aliases, detect_kind
from governance.ingest.values import blank_to_na, parse

SAMPLES = 3  # sample values shown per column
MAX_WORDS = 30  # distinct words offered for a value map
SCANNED_ROWS = 10_000  # rows read for samples and words
SIMILAR = 0.5  # the least similarity (see _similarity) a suggestion needs
HELP_WEIGHT = 0.2  # how much sharing words with a column's help text counts
# yen units in headers, longest first (百万円 holds 万円)
YEN_UNITS = (("百万円", 1_000_000), ("千円", 1_000), ("万円", 10_000))
# the refusals a profile can cure: the file's headers are not a layout we know
HEADER_REFUSALS = frozenset({"unknown-kind", "missing-column"})
_BRACKETS = re.compile(r"[(\[【「<〈《].*?[)\]】」>〉》]")
_NOISE = re.compile(r"[\s_\-・:：/%]+")


def headers_unknown(upload) -> bool:
    """Whether ``upload`` (a ``pipeline.Upload``) was refused only because its headers
    are not a layout we know, read without a profile: a profile would load it."""
    codes = {p.code for p in upload.problems.errors}
    return (upload.raw is not None and upload.profile is None and bool(codes)
            and codes <= HEADER_REFUSALS | {"duplicate-column"}
            and bool(codes & HEADER_REFUSALS))


def needs_mapping(upload) -> bool:
    """Whether the mapping step can help ``upload``: its headers are unknown and the sheet
    read has a table (two filled rows at least; not a cover sheet)."""
    return headers_unknown(upload) and sum(any(row) for row in upload.raw.top) >= 2


def normalised(text: str) -> str:
    """A header as the normalised match compares it (see the module)."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return _NOISE.sub("", _BRACKETS.sub("", folded))


@dataclass(frozen=True)
class FileColumn:
    """One column of the file as the mapping step shows it."""

    position: int
    header: str
    samples: tuple[str, ...]
    words: tuple[str, ...]  # its distinct values, at most MAX_WORDS
    more_words: bool  # it has more than MAX_WORDS distinct values


def _distinct(raw: RawTable, position: int) -> list[str]:
    """The distinct filled cells of a column, in file order (of its first rows: a word
    only later rows use is reported by the check, row by row)."""
    if position not in raw.frame:
        return []
    cells = blank_to_na(raw.frame[position].head(SCANNED_ROWS)).dropna()
    return [str(v) for v in pd.unique(cells)]


def file_columns(raw: RawTable) -> list[FileColumn]:
    out = []
    for i, header in enumerate(raw.headers):
        distinct = _distinct(raw, i)
        out.append(FileColumn(i, header, tuple(distinct[:SAMPLES]),
                              tuple(distinct[:MAX_WORDS]), len(distinct) > MAX_WORDS))
    return out


def suggest_kind(raw: RawTable) -> str:
    """The kind the headers describe best (``detect_kind``), else the kind most of them
    resemble (first in catalog order on a tie)."""
    found = detect_kind(raw.headers)
    if found is not None:
        return found
    counts = {k: sum(c is not None for c, _ in suggest(raw, k).values()) for k in KINDS}
    return max(KINDS, key=lambda k: counts[k])


def _spellings(kind: Kind) -> dict[str, str]:
    return {normalised(s): c.name for c in kind.columns for s in (c.name, c.ja, c.en_label)}


def _similarity(header: str, column: Column) -> float:
    """How much a normalised header resembles ``column``: the best ratio with one of its
    spellings, plus a little for the runs of two or more characters it shares with the
    column's help text (「SLA実績」 is the attainment, whose help says 実績, more than the
    target, whose label 「SLA目標」 is as close)."""
    ratio = max(difflib.SequenceMatcher(None, header, normalised(s)).ratio()
                for s in (column.name, column.ja, column.en_label))
    shared = {i for text in (column.help_ja, column.help_en)
              for b in difflib.SequenceMatcher(None, header, normalised(text),
                                               autojunk=False).get_matching_blocks()
              if b.size >= 2 for i in range(b.a, b.a + b.size)}
    return ratio + HELP_WEIGHT * len(shared) / len(header)


def suggest(raw: RawTable, kind: str) -> dict[int, tuple[str | None, str | None]]:
    """Per position: the suggested catalog column and how it was found ("alias",
    "normalised", "similar"), or (None, None). Each catalog column is suggested once, to
    the column it matches best."""
    spec = KINDS[kind]
    exact, loose = aliases(spec), _spellings(spec)
    scored = []
    for i, header in enumerate(raw.headers):
        if normalise_header(header) in exact:
            scored.append((3.0, i, exact[normalise_header(header)], "alias"))
        elif normalised(header) and normalised(header) in loose:
            scored.append((2.0, i, loose[normalised(header)], "normalised"))
        elif normalised(header):
            score, name = max((_similarity(normalised(header), c), c.name)
                              for c in spec.columns)
            if score >= SIMILAR:
                scored.append((score, i, name, "similar"))
    out: dict[int, tuple[str | None, str | None]] = {i: (None, None)
                                                     for i in range(len(raw.headers))}
    taken: set[str] = set()
    for _, i, name, how in sorted(scored, key=lambda s: (-s[0], s[1])):
        if name not in taken:
            out[i] = (name, how)
            taken.add(name)
    return out


def implied_scale(column: FileColumn, target: Column) -> float | None:
    """The scale the header's unit or the values imply for ``target`` (None: none)."""
    if target.unit == "JPY":
        header = unicodedata.normalize("NFKC", column.header)
        return next((f for unit, f in YEN_UNITS if unit in header), None)
    if target.type == "percent" and column.words and not any(
            "%" in unicodedata.normalize("NFKC", w) for w in column.words):
        values, refused = parse(pd.Series(column.words, dtype="string"), target)
        if not len(refused) and values.notna().all() and (values.abs() <= 1).all():
            return 100
    return None


def reads_as(target: Column, word: str) -> str | None:
    """What ``word`` reads as in a choice or yes/no column today: the catalog value
    ("yes"/"no" for yes/no), or None when it does not read."""
    values, refused = parse(pd.Series([word], dtype="string"), target)
    if len(refused) or values.isna().all():
        return None
    value = values.iloc[0]
    return ("yes" if value else "no") if target.type == "boolean" else str(value)


def has_words(target: Column) -> bool:
    """Whether a column takes a value map in the mapping step (choice, yes/no)."""
    return target.type in ("enum", "boolean")


def word_targets(target: Column) -> list[str]:
    """The catalog words a file's word may be mapped to."""
    if target.type == "boolean":
        return ["yes", "no"]
    return [c.value for c in target.choices]


@dataclass
class Draft:
    """The mapping step's choices for one file, read at ``header_row`` of ``sheet``."""

    kind: str
    name: str
    sheet: str | None
    header_row: int
    columns: dict[int, str | None] = field(default_factory=dict)  # position -> column
    scale: dict[int, float | None] = field(default_factory=dict)  # position -> factor
    words: dict[int, dict[str, str | None]] = field(default_factory=dict)  # word -> target
    constants: dict[str, str | None] = field(default_factory=dict)  # column -> value

    def mapped(self) -> dict[str, list[int]]:
        """Catalog column -> the positions mapped to it (more than one: a conflict)."""
        out: dict[str, list[int]] = {}
        for i, name in self.columns.items():
            if name is not None:
                out.setdefault(name, []).append(i)
        return out

    def missing(self) -> list[str]:
        """Required columns of the kind neither mapped nor given as a constant."""
        mapped = self.mapped()
        return [c for c in KINDS[self.kind].required
                if c not in mapped and not (self.constants.get(c) or "").strip()]

    def conflicts(self) -> list[str]:
        """Catalog columns more than one file column is mapped to."""
        return [c for c, positions in self.mapped().items() if len(positions) > 1]

    def unread_words(self, raw: RawTable) -> dict[int, list[str]]:
        """Per mapped choice or yes/no column, the words neither read nor mapped."""
        spec, out = KINDS[self.kind], {}
        for i, name in self.columns.items():
            if name is None or not has_words(spec.column(name)):
                continue
            targets = self.words.get(i, {})
            left = [w for w in _distinct(raw, i)[:MAX_WORDS]
                    if targets.get(w) is None and reads_as(spec.column(name), w) is None]
            if left:
                out[i] = left
        return out

    def complete(self, raw: RawTable) -> bool:
        return not self.missing() and not self.conflicts() and not self.unread_words(raw)

    def profile(self, raw: RawTable) -> Profile:
        """The profile these choices make (only what differs from reading the file as it
        is: words that already read as chosen are left out)."""
        spec = KINDS[self.kind]
        columns, scale, values = {}, {}, {}
        for i, name in sorted(self.columns.items()):
            if name is None:
                continue
            columns[name] = raw.headers[i]
            if self.scale.get(i) not in (None, 1):
                scale[name] = self.scale[i]
            mapped = {w: target for w, target in self.words.get(i, {}).items()
                      if target is not None and target != reads_as(spec.column(name), w)}
            if mapped:
                values[name] = mapped
        constants = {c: v.strip() for c, v in self.constants.items()
                     if c not in columns and v is not None and v.strip()}
        return Profile(self.kind, self.name, self.sheet, self.header_row, None, columns,
                       constants, scale, values)


def guess_header_row(top: list[list[str]]) -> int:
    """A header row for a file with no known header: the first of the top rows with the
    most filled cells (title rows above a table have one or two)."""
    filled = [sum(bool(c) for c in row) for row in top]
    return filled.index(max(filled)) + 1 if filled and max(filled) else 1
