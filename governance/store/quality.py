"""Stored values no page can draw, found with SQL: a date or month outside 1900–2100, a
number that is not finite or beyond its type's limit, a choice the catalog does not know,
a control character in text. Files loaded today cannot hold them (the readers refuse
them); an older database, a ``copy`` from elsewhere or a hand-made change can. Reading
them is cheap: one query per column with a condition, capped at ``limit`` findings."""

from __future__ import annotations

from governance.catalog import FIRST_DAY, KINDS, LAST_DAY, NUMBER_LIMIT, NUMERIC_TYPES, Kind
from governance.store.batches import _q

CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"  # tab, LF and CR are text


def _when(kind: Kind) -> str | None:
    """The column that dates a row of ``kind`` for a reader (a month, a meeting day)."""
    for name in ("month", "held_on", "raised_on", "start_on", "opened_at"):
        if name in kind.names:
            return name
    return None


def _conditions(kind: Kind) -> list[tuple[str, str, list]]:
    """(column, SQL condition, parameters) of every way a value of ``kind`` can be bad."""
    out = []
    for column in kind.columns:
        name = _q(column.name)
        if column.type in ("month", "date"):
            out.append((column.name, f"({name} < ? OR {name} > ?)", [FIRST_DAY, LAST_DAY]))
        elif column.type in NUMERIC_TYPES:
            number = f"CAST({name} AS DOUBLE)"  # NaN is missing, and sorts above all
            out.append((column.name, f"(isinf({number}) OR (NOT isnan({number}) AND "
                                     f"abs({number}) > ?))", [NUMBER_LIMIT]))
        elif column.type == "enum":
            values = [c.value for c in column.choices]
            marks = ", ".join("?" for _ in values)
            out.append((column.name, f"({name} NOT IN ({marks}))", values))
        elif column.type == "text":
            out.append((column.name, f"regexp_matches({name}, ?)", [CONTROL]))
    return out


def unreadable(con, limit: int = 50) -> list[tuple[str, str | None, object, str, str]]:
    """Up to ``limit`` bad values of the current rows: (kind, vendor_id, the row's date or
    month, column, the value as text)."""
    found: list[tuple[str, str | None, object, str, str]] = []
    for kind in KINDS.values():
        vendor = "vendor_id" if "vendor_id" in kind.names else "NULL"
        when = _q(_when(kind)) if _when(kind) else "NULL"
        for column, condition, params in _conditions(kind):
            if len(found) >= limit:
                return found
            rows = con.execute(
                f"SELECT {vendor}, {when}, CAST({_q(column)} AS VARCHAR) FROM {_q(kind.name)} "
                f"WHERE {_q(column)} IS NOT NULL AND {condition} LIMIT ?",
                [*params, limit - len(found)]).fetchall()
            found += [(kind.name, v, w, column, text) for v, w, text in rows]
    return found
