"""Meetings and action items written a record at a time (from the app). All SQL of app edits.

One save is one import batch per kind (``file_name`` ``app:edit``, ``file_format`` ``app``),
so the import history lists it, ``rollback`` undoes it and the values it replaced move to
``<kind>_history`` exactly as an upload's do. Every field that changed is also recorded in
``record_changes``: the record's key as JSON, the field, old and new value as text, who and
when, and the batch. Nothing is deleted: a replaced row stays in the history. A record
saved without a change is not sent (``rows_unchanged`` counts it, ``<kind>_unchanged`` does
not), so a rollback treats the batch as a file that left that record out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

import pandas as pd

from governance.catalog import Column, Kind
from governance.errors import GovernanceError
from governance.formats import cell
from governance.store import frames

APP_FILE = "app:edit"
APP_FORMAT = "app"


class RecordError(GovernanceError):
    """An app edit that cannot be saved (the record exists already, or no longer exists)."""


@dataclass(frozen=True)
class Change:
    kind: str
    record_key: str
    field: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class SaveResult:
    kind: str
    batch_id: int | None  # None when nothing changed (no batch written)
    inserted: int
    replaced: int
    changes: tuple[Change, ...]


def as_text(value: object, column: Column) -> str | None:
    """A stored value as the text kept in ``record_changes`` (ISO dates, canonical enums)."""
    text = cell(value, column, "en")
    return text if text != "" else None


def record_key(kind: Kind, values: dict) -> str:
    """The key of a record as JSON text, columns in the kind's key order."""
    return json.dumps({k: as_text(values.get(k), kind.column(k)) for k in kind.key},
                      ensure_ascii=False)


def _param(value: object, column: Column) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column.type in ("date", "month"):
        return pd.Timestamp(value).date()
    if column.type == "integer":
        return int(value)
    if column.type in ("number", "percent"):
        return float(value)
    if column.type == "boolean":
        return bool(value)
    return str(value)


def _q(name: str) -> str:
    return f'"{name}"'


def _where_key(kind: Kind) -> str:
    return " AND ".join(f"{_q(k)} = ?" for k in kind.key)


def _key_params(kind: Kind, key: dict) -> list:
    return [_param(key.get(k), kind.column(k)) for k in kind.key]


def fetch(con, kind: Kind, key: dict) -> dict | None:
    """The stored record with ``key`` (typed values and its batch_id), or None."""
    cols = ", ".join(_q(c) for c in (*kind.names, "batch_id"))
    row = con.execute(f"SELECT {cols} FROM {_q(kind.name)} WHERE {_where_key(kind)}",
                      _key_params(kind, key)).fetchone()
    return None if row is None else dict(zip((*kind.names, "batch_id"), row, strict=True))


def _next(con, table: str, column: str) -> int:
    return con.execute(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}").fetchone()[0]


def _diff(kind: Kind, old: dict | None, new: dict) -> list[tuple[str, str | None, str | None]]:
    out = []
    for column in kind.columns:
        before = None if old is None else as_text(old.get(column.name), column)
        after = as_text(new.get(column.name), column)
        if before != after:
            out.append((column.name, before, after))
    return out


def save(con, kind: Kind, edits: list[tuple[dict | None, dict]], user: str,
         now: dt.datetime) -> SaveResult:
    """Store ``edits`` — ``(old_key, values)`` pairs, ``old_key`` None to create — as one
    batch of ``kind``. The caller owns the transaction. Edits that change nothing are
    left out; when none changes anything no batch is written."""
    planned = []
    for old_key, values in edits:
        new_key = {k: values.get(k) for k in kind.key}
        old = None
        if old_key is not None:
            old = fetch(con, kind, old_key)
            if old is None:
                raise RecordError("error.record-not-found", kind=kind.name,
                                  key=record_key(kind, old_key))
        if (old is None or record_key(kind, old) != record_key(kind, new_key)) and \
                fetch(con, kind, new_key) is not None:
            raise RecordError("error.record-exists", kind=kind.name,
                              key=record_key(kind, new_key))
        diff = _diff(kind, old, values)
        if diff:
            planned.append((old_key, old, values, diff))
    if not planned:
        return SaveResult(kind.name, None, 0, 0, ())

    batch_id = _next(con, "import_batches", "batch_id")
    change_id = _next(con, "record_changes", "change_id")
    cols = ", ".join(_q(c) for c in kind.names)
    marks = ", ".join("?" for _ in kind.names)
    changes: list[Change] = []
    for old_key, old, values, diff in planned:
        if old is not None:
            con.execute(f"""INSERT INTO {_q(kind.name + "_history")} ({cols}, batch_id,
                                superseded_by, reason)
                            SELECT {cols}, batch_id, ?, 'replaced' FROM {_q(kind.name)}
                            WHERE {_where_key(kind)}""",
                        [batch_id, *_key_params(kind, old_key)])
            con.execute(f"DELETE FROM {_q(kind.name)} WHERE {_where_key(kind)}",
                        _key_params(kind, old_key))
        con.execute(f"INSERT INTO {_q(kind.name)} ({cols}, batch_id) VALUES ({marks}, ?)",
                    [*(_param(values.get(c.name), c) for c in kind.columns), batch_id])
        key = record_key(kind, values)
        for field, before, after in diff:
            con.execute("INSERT INTO record_changes (change_id, kind, record_key, field, "
                        "old_value, new_value, changed_by, changed_at, batch_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [change_id, kind.name, key, field, before, after, user, now, batch_id])
            change_id += 1
            changes.append(Change(kind.name, key, field, before, after))
    inserted = sum(1 for p in planned if p[1] is None)
    replaced = len(planned) - inserted
    digest = hashlib.sha256(json.dumps(
        [kind.name, user, now.isoformat(), [[c.record_key, c.field, c.new_value]
                                            for c in changes]],
        ensure_ascii=False).encode()).hexdigest()
    con.execute("""
        INSERT INTO import_batches (batch_id, kind, file_name, sha256, file_format, encoding,
            sheet, rows_total, rows_inserted, rows_replaced, rows_unchanged, loaded_by,
            loaded_at, status, sent_recorded)
        VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, 'committed', true)""",
        [batch_id, kind.name, APP_FILE, digest, APP_FORMAT, len(planned), inserted, replaced,
         len(edits) - len(planned), user, now])
    return SaveResult(kind.name, batch_id, inserted, replaced, tuple(changes))


def changes(con, kind: str | None = None) -> pd.DataFrame:
    """Recorded field changes, oldest first, with the status of the batch that made them
    (``rolled_back`` once the edit was undone)."""
    where = "WHERE c.kind = ?" if kind else ""
    return frames.frame(con.execute(f"""
        SELECT c.change_id, c.kind, c.record_key, c.field, c.old_value, c.new_value,
               c.changed_by, c.changed_at, c.batch_id, b.status AS batch_status
        FROM record_changes c LEFT JOIN import_batches b ON b.batch_id = c.batch_id
        {where} ORDER BY c.change_id""", [kind] if kind else []))
