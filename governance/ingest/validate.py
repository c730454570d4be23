"""From a raw table to a typed, checked upload: header mapping, kind detection, value
parsing, the pandera models and the cross-table rules, gathered into one problems.

``validate(raw, ...)`` never writes anything; it returns a ``Checked`` whose ``problems``
says whether the file may be stored.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

import pandas as pd

from checks import models, rules
from governance.catalog import KINDS, Column, Kind, normalise_header
from governance.ingest.problems import Problem, ProblemList, did_you_mean, per_lang, translated
from governance.ingest.readers import RawTable
from governance.ingest.values import BAD_CODE, parse


@dataclass
class Checked:
    """A validated upload: typed frame in catalog column order, row numbers and problems."""

    kind: Kind
    frame: pd.DataFrame
    rows: pd.Series
    headers: dict[str, str]
    problems: ProblemList

    @property
    def ok(self) -> bool:
        return self.problems.ok


def aliases(kind: Kind) -> dict[str, str]:
    """Normalised header spellings of ``kind`` -> canonical column name."""
    out: dict[str, str] = {}
    for c in kind.columns:
        for spelling in (c.en_label, c.ja, c.name):
            out[normalise_header(spelling)] = c.name
    return out


def detect_kind(headers: list[str]) -> str | None:
    """The upload kind the headers describe best, or None when unclear."""
    normalised = {normalise_header(h) for h in headers}
    scored = []
    for kind in KINDS.values():
        found = {aliases(kind)[h] for h in normalised if h in aliases(kind)}
        complete = all(r in found for r in kind.required)
        scored.append((complete, len(found), kind.name))
    scored.sort(reverse=True)
    best, second = scored[0], scored[1]
    if best[1] < 2 or best[:2] == second[:2]:
        return None
    return best[2]


def _choices_text(column: Column) -> dict[str, str]:
    return per_lang(" / ".join(c.ja for c in column.choices),
                    " / ".join(c.value for c in column.choices))


def _map_headers(raw: RawTable, kind: Kind, problems: ProblemList) -> dict[str, int]:
    spellings = aliases(kind)
    positions: dict[str, int] = {}
    ignored: list[int] = []
    for i, header in enumerate(raw.headers):
        name = spellings.get(normalise_header(header))
        if name is None:
            ignored.append(i)
        elif name in positions:
            problems.add(Problem.of("duplicate-column", row=raw.header_row, column=header,
                                  value=header))
        else:
            positions[name] = i
    unmatched = [c for c in kind.columns if c.name not in positions]
    header_row = raw.header_row
    for i in ignored:
        header = raw.headers[i]
        close = difflib.get_close_matches(header, [c.ja for c in unmatched] +
                                          [c.name for c in unmatched], n=2, cutoff=0.5)
        problems.add(Problem.of("ignored-column", row=header_row, column=header, value=header,
                              hint=did_you_mean(close), warning=True))
    for c in unmatched:
        if not c.required:
            continue
        close = difflib.get_close_matches(c.ja, [raw.headers[i] for i in ignored], n=2,
                                          cutoff=0.4)
        problems.add(Problem.of("missing-column", row=header_row, column=c.ja,
                              expected=per_lang(c.ja, c.name),
                              hint=did_you_mean(close)))
    return positions


def _empty(column: Column, length: int) -> pd.Series:
    return pd.Series([None] * length, dtype=models.dtype_of(column))


def validate(raw: RawTable, kind: str | None = None,
             known_vendors: frozenset[str] | None = None,
             today: dt.date | None = None) -> Checked:
    """Map, parse and check ``raw`` as upload ``kind`` (detected when None)."""
    problems = ProblemList()
    problems.extend(raw.warnings)
    name = kind or detect_kind(raw.headers)
    if name is None:
        problems.add(Problem.of("unknown-kind", row=raw.header_row))
        return Checked(KINDS["vendors"], pd.DataFrame(), raw.rows, {}, problems)
    spec = KINDS[name]
    positions = _map_headers(raw, spec, problems)
    headers = {c: raw.headers[i] for c, i in positions.items()}
    if not problems.ok:
        return Checked(spec, pd.DataFrame(), raw.rows, headers, problems)
    if raw.frame.empty:
        problems.add(Problem.of("no-rows"))
        return Checked(spec, pd.DataFrame(), raw.rows, headers, problems)

    n = len(raw.frame)
    typed: dict[str, pd.Series] = {}
    cells: dict[str, pd.Series] = {}
    unparsed: dict[str, pd.Series] = {}
    for column in spec.columns:
        if column.name not in positions:
            typed[column.name] = _empty(column, n)
            continue
        cells[column.name] = raw.frame[positions[column.name]]
        values, bad = parse(cells[column.name], column)
        typed[column.name] = values.reset_index(drop=True)
        bad = bad.fillna(False).astype(bool).reset_index(drop=True)
        unparsed[column.name] = bad
        expected = _choices_text(column) if column.type == "enum" else ""
        for i in bad[bad].index:
            problems.add(Problem.of(BAD_CODE[column.type], row=int(raw.rows.iloc[i]),
                                  column=headers[column.name], value=cells[column.name].iloc[i],
                                  expected=expected))
    frame = pd.DataFrame(typed)

    for case in models.failures(spec.name, frame).itertuples(index=False):
        code = models.CHECK_CODES.get(str(case.check).split("(")[0], "invalid-choice")
        i = int(case.index)
        if code == "required" and case.column in unparsed and unparsed[case.column].iloc[i]:
            continue  # the unreadable value is already reported
        column = spec.column(case.column)
        problems.add(Problem.of(code, row=int(raw.rows.iloc[i]),
                              column=headers.get(column.name, column.ja),
                              value=cells[column.name].iloc[i] if column.name in cells else None,
                              expected=_expected(column, code)))

    ctx = rules.Context(spec, frame, raw.rows, headers, cells, known_vendors,
                        today or dt.date.today())
    problems.extend(rules.check(ctx))
    return Checked(spec, frame, raw.rows, headers, problems)


def _expected(column: Column, code: str):
    if code == "too-small":
        return _number(column.minimum)
    if code == "too-large":
        return _number(column.maximum)
    if code == "too-long":
        return column.max_length
    if code == "invalid-choice":
        return _choices_text(column)
    if code == "required":
        return translated("hint.none")
    return ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
