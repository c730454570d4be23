"""From a raw table to a typed, checked upload: header mapping, kind detection, value
parsing, the pandera models and the cross-table rules, gathered into one problems.

``validate(raw, ...)`` never writes anything; it returns a ``Checked`` whose ``problems``
says whether the file may be stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from checks import models, rules
from checks.findings import Cell, Headers, Row, Suggestions
from governance.catalog import KINDS, Column, Kind, normalise_header
from governance.ingest.latest import latest_rows
from governance.ingest.parallel import parse_columns
from governance.ingest.problems import Problem, ProblemList, did_you_mean, per_lang
from governance.ingest.readers import RawTable
from governance.ingest.values import CONTROL_CHARACTERS, day_first


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
        for spelling in (*c.aliases, c.en_label, c.ja, c.name):
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
            written = raw.written_header(i)
            problems.add(Problem.of("duplicate-column", row=raw.header_row, column=written,
                                  value=written))
        else:
            positions[name] = i
    unmatched = [c for c in kind.columns if c.name not in positions]
    header_row = raw.header_row
    for i in ignored:
        header = raw.written_header(i)
        close = difflib.get_close_matches(header, [c.ja for c in unmatched] +
                                          [c.name for c in unmatched], n=2, cutoff=0.5)
        problems.add(Problem.of("ignored-column", row=header_row, column=header, value=header,
                              hint=did_you_mean(close)))  # a note: see CODES
    for c in unmatched:
        if not c.required:
            continue
        close = difflib.get_close_matches(c.ja, [raw.written_header(i) for i in ignored], n=2,
                                          cutoff=0.4)
        problems.add(Problem.of("missing-column", row=header_row, column=c.ja,
                              expected=per_lang(c.ja, c.name),
                              hint=did_you_mean(close)))
    return positions


def _empty(column: Column, length: int) -> pd.Series:
    """A column the file does not have: missing in every row (NA of its type)."""
    return pd.Series(index=pd.RangeIndex(length), dtype=models.dtype_of(column))


def validate(raw: RawTable, kind: str | None = None,
             known_vendors: frozenset[str] | None = None,
             today: dt.date | None = None, dayfirst: bool | None = None) -> Checked:
    """Map, parse and check ``raw`` as upload ``kind`` (detected when None). ``dayfirst``
    (an import profile's): whether ``d/m/yyyy`` dates put the day first; None: each date
    column's values decide, and a column whose values do not takes the order the file's
    other date columns show (``date_orders``)."""
    problems = ProblemList()
    problems.extend(raw.warnings)
    dayfirst = raw.dayfirst if dayfirst is None else dayfirst
    name = kind or detect_kind(raw.headers)
    if name is None:
        problems.add(Problem.of("unknown-kind", row=raw.header_row))
        return Checked(KINDS["vendors"], pd.DataFrame(), raw.rows, {}, problems)
    spec = KINDS[name]
    positions = _map_headers(raw, spec, problems)
    headers = {c: raw.written_header(i) for c, i in positions.items()}
    if not problems.ok:
        return Checked(spec, pd.DataFrame(), raw.rows, headers, problems)
    if raw.frame.empty:
        problems.add(Problem.of("no-rows"))
        return Checked(spec, pd.DataFrame(), raw.rows, headers, problems)

    cells = {c: raw.frame[i].reset_index(drop=True) for c, i in positions.items()}
    where = _Where(spec, raw.rows, headers, cells)
    present = [c.name for c in spec.columns if c.name in cells]
    # an event log: its key and ordering columns first, to keep each key's latest row; the
    # other columns are then read in the rows kept only (a sixth of a ServiceNow audit log)
    early = [n for n in present if n in (*spec.key, *spec.latest_by)] if spec.latest_by \
        else present
    orders = date_orders(spec, {n: cells[n] for n in early}, dayfirst, others=cells)
    typed, refused = _parse(spec, where, early, orders, problems, raw.scale)
    original = np.arange(len(raw.frame))  # each row's position in the file's rows
    if spec.latest_by:
        ordering = pd.DataFrame({n: typed[n] if n in typed else
                                 _empty(spec.column(n), len(original))
                                 for n in (*spec.key, *spec.latest_by)})
        kept = latest_rows(ordering, spec)
        if len(kept) < len(original):
            problems.add(Problem.of("latest-rows", rows=f"{len(original):,}",
                                    kept=f"{len(kept):,}",
                                    key=headers.get(spec.key[0], spec.key[0])))
            original = kept
            typed = {n: v.iloc[kept].reset_index(drop=True) for n, v in typed.items()}
            where = _Where(spec, raw.rows.iloc[kept].reset_index(drop=True), headers,
                           {c: v.iloc[kept].reset_index(drop=True) for c, v in cells.items()})
        late = [n for n in present if n not in early]
        orders |= date_orders(spec, {n: where.cells[n] for n in late}, dayfirst, orders)
        more_typed, more_refused = _parse(spec, where, late, orders, problems, raw.scale)
        typed |= more_typed
        refused |= {n: {int(original[i]) for i in r} for n, r in more_refused.items()}
    # the typed columns as they are: a dict of columns is copied unless told not to
    frame = pd.DataFrame({c.name: typed[c.name] if c.name in typed else
                          _empty(c, len(original)) for c in spec.columns}, copy=False)

    for finding in models.findings(spec.name, spec.columns, frame):
        if finding.code == "required" and int(original[finding.index]) in refused.get(
                finding.column, ()):
            continue  # the value that cannot be stored is already reported
        expected = _expected(spec.column(finding.column), finding.code)
        problems.add(where.problem(finding.code, finding.index, finding.column,
                                   {"expected": expected}))

    ctx = rules.Context(spec, frame, known_vendors, today or dt.date.today())
    problems.extend(where.problem(f.code, f.index, f.column, f.params)
                    for f in rules.check(ctx))
    return Checked(spec, frame, where.rows, headers, problems)


def prepare_checks(kind: str | None = None) -> None:
    """Make the column checks ready (pandera's first validation loads its backends), for
    ``kind``, else the monthly KPI report's: the other kinds share what is loaded. Only a
    head start: whatever goes wrong here is left for ``validate`` to meet and report."""
    spec = KINDS.get(kind or "", KINDS["kpis"])
    with contextlib.suppress(Exception):
        models.prepare(spec.name, spec.columns)


def _parse(kind: Kind, where: _Where, names: list[str], orders: dict[str, bool | None],
           problems: ProblemList, scale: dict[str, float]
           ) -> tuple[dict[str, pd.Series], dict[str, set[int]]]:
    """Parse the columns ``names`` of ``where.cells``, reporting every cell refused (an
    ambiguous date once for its column); the typed columns, and the positions refused.
    ``orders``: each date column's ``d/m/yyyy`` order; ``scale``: an import profile's
    factors by column."""
    typed, refused = {}, {}
    parsed = parse_columns([(where.cells[n], kind.column(n), orders.get(n), kind.missing_marks,
                             scale.get(n)) for n in names])
    for name, (typed[name], codes) in zip(names, parsed, strict=True):
        column, cells = kind.column(name), where.cells[name]
        refused[name] = set(codes.index.tolist())
        ambiguous = codes.index[codes == "ambiguous-date"]
        if len(ambiguous) > 1:  # one problem says it for the column
            codes = codes.drop(ambiguous[1:])
        for i, code in codes.items():
            params = _cell_params(column, code, cells[i]) | (
                {"count": f"{len(ambiguous):,}"} if code == "ambiguous-date" else {})
            problems.add(where.problem(code, i, name, params))
    return typed, refused


def date_orders(kind: Kind, cells: dict[str, pd.Series], dayfirst: bool | None,
                known: dict[str, bool | None] | None = None,
                others: dict[str, pd.Series] | None = None) -> dict[str, bool | None]:
    """The order of ``d/m/yyyy`` values per date column of ``cells``: ``dayfirst`` when
    given, else what the column's values show (``values.day_first``); a column whose
    values do not say takes the order the file's other date columns agree on (None when
    they do not): those decided before (``known``), else, only when needed, those of
    ``others``. A given ``dayfirst`` (an import profile's) holds for month columns too."""
    if dayfirst is not None:
        return dict.fromkeys([c.name for c in kind.columns if c.name in cells and c.type in (
            "month", "date", "datetime")], dayfirst)
    dated = [c.name for c in kind.columns if c.type in ("date", "datetime") and c.name in cells]
    found = {name: day_first(cells[name]) for name in dated}
    known = dict(known or {})
    if None in found.values() and others and not any(v is not None for v in known.values()):
        known = date_orders(kind, {n: c for n, c in others.items() if n not in found}, None)
    shown = {order for order in (*found.values(), *known.values()) if order is not None}
    fallback = shown.pop() if len(shown) == 1 else None
    return {name: fallback if order is None else order for name, order in found.items()}


# control characters shown as their symbols (U+2400 …), so a report cannot drive a terminal
_VISIBLE = str.maketrans({chr(c): chr(0x2400 + c) for c in range(32) if chr(c) not in "\t\r\n"}
                         | {"\x7f": "\u2421"})


@dataclass
class _Where:
    """Shows positions and canonical names as the user sees them: spreadsheet rows, headers
    and cells as written (the checks know only frame positions and canonical names)."""

    kind: Kind
    rows: pd.Series
    headers: dict[str, str]
    cells: dict[str, pd.Series]

    def cell(self, column: str, index: int) -> object:
        value = self.cells[column].iloc[index] if column in self.cells else None
        if value is None or pd.isna(value):
            return None
        return value.translate(_VISIBLE) if isinstance(value, str) else value

    def resolve(self, param: object) -> object:
        if isinstance(param, Row):
            return int(self.rows.iloc[param.index])
        if isinstance(param, Headers):
            return " + ".join(self.headers.get(n, n) for n in param.names)
        if isinstance(param, Cell):
            return self.cell(param.column, param.index)
        if isinstance(param, Suggestions):
            return did_you_mean(list(param.candidates))
        return param

    def problem(self, code: str, index: int, column: str, params: dict[str, object]
                ) -> Problem:
        return Problem.of(code, row=int(self.rows.iloc[index]),
                          column=self.headers.get(column, self.kind.column(column).ja),
                          value=self.cell(column, index),
                          **{name: self.resolve(p) for name, p in params.items()})


def _cell_params(column: Column, code: str, cell: str) -> dict[str, object]:
    """What a problem with a cell of ``column`` the parser refused says was expected."""
    if code in ("number-out-of-range", "date-out-of-range"):
        shown = _month if column.type == "month" else _bound
        return dict(zip(("minimum", "maximum"), map(shown, column.bounds()), strict=True))
    if code == "control-character":
        found = dict.fromkeys(re.findall(CONTROL_CHARACTERS, cell))
        return {"detail": ", ".join(f"U+{ord(ch):04X}" for ch in found)}
    return {"expected": _choices_text(column) if code == "invalid-choice" else ""}


def _month(value: dt.date) -> str:
    return value.strftime("%Y-%m")


def _bound(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"{value:,.15g}"


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
        return per_lang("", "")
    return ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
