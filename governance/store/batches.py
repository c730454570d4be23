"""Writing an upload as one batch, and rolling a batch back. All SQL of the import history.

A batch compares each incoming row with the stored row of the same key: new rows are
inserted, changed rows replace the stored ones (which move to ``<kind>_history`` with
``superseded_by`` = this batch), identical rows are left alone. Rolling back a batch moves
its rows to the history and puts back exactly what it replaced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from governance import pause
from governance.catalog import KINDS, Kind
from governance.errors import BatchError

# a batch's status in import_batches, each with its label
BATCH_STATUS_KEYS = {"committed": "status.committed", "rolled_back": "status.rolled_back"}


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    kind: str
    rows_total: int
    inserted: int
    replaced: int
    unchanged: int
    already_loaded: bool = False
    kept_vendors: tuple[str, ...] = ()


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    removed: int
    restored: int


@dataclass(frozen=True)
class DataVersion:
    """The newest committed batch: the data version a document drawn from the store names."""

    batch_id: int
    loaded_at: dt.datetime


def _q(name: str) -> str:
    return f'"{name}"'


def _key_match(kind: Kind, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{_q(k)} = {right}.{_q(k)}" for k in kind.key)


def find_loaded(con, kind: str, sha256: str) -> int | None:
    row = con.execute("SELECT min(batch_id) FROM import_batches WHERE kind = ? AND sha256 = ? "
                      "AND status = 'committed'", [kind, sha256]).fetchone()
    return row[0]


def latest(con) -> DataVersion | None:
    """The newest committed batch (a file or an app edit), or None on an empty store."""
    row = con.execute("SELECT batch_id, loaded_at FROM import_batches "
                      "WHERE status = 'committed' ORDER BY batch_id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    return DataVersion(int(row[0]), pd.Timestamp(row[1]).to_pydatetime())


def write_batch(con, kind: Kind, frame: pd.DataFrame, meta: dict) -> BatchResult:
    """Store ``frame`` (typed, catalog columns) as a new batch. The caller owns the
    transaction."""
    batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches"
                           ).fetchone()[0]
    cols = [_q(c) for c in kind.names]
    # Arrow columns go into DuckDB without a per-value conversion of pandas' masked arrays
    incoming = pa.Table.from_pandas(frame[list(kind.names)], preserve_index=False)
    con.register("incoming_rows", incoming)
    try:
        if _overlaps(con, kind):
            counts = _replace_changed(con, kind, cols, batch_id)
        else:  # nothing stored under these keys (a first load, a new month): insert as is
            con.execute(f"""
                INSERT INTO {_q(kind.name)} ({", ".join(cols)}, batch_id)
                SELECT {", ".join(cols)}, ? FROM incoming_rows""", [batch_id])
            counts = {"new": len(frame)}
        kept: tuple[str, ...] = ()
        if kind.name == "vendors":
            kept = tuple(r[0] for r in con.execute(
                "SELECT vendor_id FROM vendors WHERE vendor_id NOT IN "
                "(SELECT vendor_id FROM incoming_rows) ORDER BY vendor_id").fetchall())
    finally:
        con.unregister("incoming_rows")
    pause.at("write")  # rows written, the transaction still open
    result = BatchResult(batch_id, kind.name, len(frame), counts.get("new", 0),
                         counts.get("changed", 0), counts.get("same", 0), kept_vendors=kept)
    con.execute("""
        INSERT INTO import_batches (batch_id, kind, file_name, sha256, file_format, encoding,
            sheet, rows_total, rows_inserted, rows_replaced, rows_unchanged, loaded_by,
            loaded_at, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed')""",
        [batch_id, kind.name, meta["file_name"], meta["sha256"], meta.get("file_format"),
         meta.get("encoding"), meta.get("sheet"), result.rows_total, result.inserted,
         result.replaced, result.unchanged, meta["user"], _now()])
    return result


def _overlaps(con, kind: Kind) -> bool:
    """Whether any incoming key is already stored."""
    return con.execute(f"""
        SELECT EXISTS (SELECT 1 FROM incoming_rows i JOIN {_q(kind.name)} s
                       ON {_key_match(kind, "i", "s")})""").fetchone()[0]


def _replace_changed(con, kind: Kind, cols: list[str], batch_id: int) -> dict[str, int]:
    """Classify incoming rows as new / changed / same against the stored rows (in a temp
    table dropped at the end), move the changed stored rows to the history and insert the
    new and changed ones. Returns the count per class."""
    differs = " OR ".join(f"i.{c} IS DISTINCT FROM s.{c}" for c in cols)
    first_key = _q(kind.key[0])
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE classified AS
        SELECT {", ".join(f"i.{c}" for c in cols)},
               CASE WHEN s.{first_key} IS NULL THEN 'new'
                    WHEN {differs} THEN 'changed' ELSE 'same' END AS change
        FROM incoming_rows i LEFT JOIN {_q(kind.name)} s ON {_key_match(kind, "i", "s")}
    """)
    counts = dict(con.execute("SELECT change, count(*) FROM classified GROUP BY change"
                              ).fetchall())
    changed = f"""EXISTS (SELECT 1 FROM classified n WHERE n.change = 'changed'
                          AND {_key_match(kind, "n", _q(kind.name))})"""
    con.execute(f"""
        INSERT INTO {_q(kind.name + "_history")} ({", ".join(cols)}, batch_id,
                                                  superseded_by, reason)
        SELECT {", ".join(cols)}, batch_id, ?, 'replaced' FROM {_q(kind.name)}
        WHERE {changed}""", [batch_id])
    con.execute(f"DELETE FROM {_q(kind.name)} WHERE {changed}")
    con.execute(f"""
        INSERT INTO {_q(kind.name)} ({", ".join(cols)}, batch_id)
        SELECT {", ".join(cols)}, ? FROM classified WHERE change <> 'same'""", [batch_id])
    con.execute("DROP TABLE classified")
    return counts


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def rollback_batch(con, batch_id: int, user: str) -> RollbackResult:
    """Undo batch ``batch_id``. The caller owns the transaction."""
    row = con.execute("SELECT kind, status FROM import_batches WHERE batch_id = ?",
                      [batch_id]).fetchone()
    if row is None:
        raise BatchError("error.batch-not-found", batch=batch_id)
    kind_name, status = row
    if status != "committed":
        raise BatchError("error.batch-not-active", batch=batch_id)
    kind = KINDS[kind_name]
    table, history = _q(kind.name), _q(kind.name + "_history")
    later = con.execute(f"SELECT max(superseded_by) FROM {history} "
                        "WHERE batch_id = ? AND reason = 'replaced'", [batch_id]).fetchone()[0]
    if later is not None:
        raise BatchError("error.batch-superseded", batch=batch_id, later=later)
    if kind.name == "vendors":
        _refuse_removing_used_vendors(con, batch_id)
    cols = ", ".join(_q(c) for c in kind.names)
    removed = con.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?",
                          [batch_id]).fetchone()[0]
    con.execute(f"""INSERT INTO {history} ({cols}, batch_id, superseded_by, reason)
                    SELECT {cols}, batch_id, batch_id, 'rolled_back' FROM {table}
                    WHERE batch_id = ?""", [batch_id])
    con.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id])
    restored = con.execute(f"SELECT count(*) FROM {history} WHERE superseded_by = ? "
                           "AND reason = 'replaced'", [batch_id]).fetchone()[0]
    con.execute(f"""INSERT INTO {table} ({cols}, batch_id)
                    SELECT {cols}, batch_id FROM {history}
                    WHERE superseded_by = ? AND reason = 'replaced'""", [batch_id])
    con.execute(f"DELETE FROM {history} WHERE superseded_by = ? AND reason = 'replaced'",
                [batch_id])
    con.execute("UPDATE import_batches SET status = 'rolled_back', rolled_back_by = ?, "
                "rolled_back_at = ? WHERE batch_id = ?", [user, _now(), batch_id])
    return RollbackResult(batch_id, removed, restored)


def _refuse_removing_used_vendors(con, batch_id: int) -> None:
    used = [r[0] for r in con.execute("""
        SELECT v.vendor_id FROM vendors v
        WHERE v.batch_id = ?
          AND NOT EXISTS (SELECT 1 FROM vendors_history h
                          WHERE h.superseded_by = ? AND h.reason = 'replaced'
                            AND h.vendor_id = v.vendor_id)
          AND (EXISTS (SELECT 1 FROM kpis k WHERE k.vendor_id = v.vendor_id)
               OR EXISTS (SELECT 1 FROM reviews r WHERE r.vendor_id = v.vendor_id)
               OR EXISTS (SELECT 1 FROM actions a WHERE a.vendor_id = v.vendor_id))
        ORDER BY v.vendor_id""", [batch_id, batch_id]).fetchall()]
    if used:
        raise BatchError("error.vendor-in-use", batch=batch_id, ids=", ".join(used[:10]))
