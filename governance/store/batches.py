"""Writing an upload as one batch, and rolling a batch back. All SQL of the import history.

The rules (docs/operations.md, "Import history", says the same for operators):

- **A batch sends keys.** Each incoming row is compared with the stored row of its key:
  a new key is inserted, a changed row replaces the stored one (which moves to
  ``<kind>_history`` with ``superseded_by`` = this batch, reason ``replaced``), and an
  identical row is left alone but *recorded* in ``<kind>_unchanged`` (key, batch). So every
  key a batch sent is known: its rows (current or in the history) plus its unchanged keys.
  The current row of a key always holds the values of the latest committed batch that sent
  it; its ``batch_id`` is the batch that wrote those values (an unchanged re-send does not
  take the row over).
- **A file that would change nothing is no batch.** When every row equals the stored one
  the store writes nothing and says which batches hold those values. "Already loaded"
  means exactly that, whatever the bytes; a file sent before is applied again when the
  values it would restore differ (v1, v2, v1 again: the third is a batch replacing v2).
  The shortcut ``find_current_file`` skips reading the rows when the file's bytes are those
  of the newest committed batch of its kind: by the rules below that batch's values are
  then the current ones.
- **Rollback of batch X** undoes X per key, where no later committed batch sent the key:
  - a key X sent unchanged: nothing to do;
  - a row X wrote that a later committed batch sent unchanged: the row stays, now the row
    of the earliest such batch (``kept``; the history gets a copy as X's ``rolled_back``
    row, and the row X had replaced is from then on replaced by that batch);
  - any other row X wrote moves to the history (``rolled_back``) and the row it replaced,
    if any, comes back (``restored``).
  It is refused (``error.batch-superseded``) when a later committed batch replaced a row X
  wrote, or sent again a key X removed (an app edit that renamed a key): undo the later
  batch first. A register batch is refused when it would remove vendors that KPIs,
  meetings or actions still name (``error.vendor-in-use``). Vendors a register does not
  name are kept and are not sent.
- **Batches from before migration 5** that left rows unchanged never recorded which
  (``sent_recorded`` false). Rolling back an earlier batch removes such rows as before;
  the rollback names those later batches, and loading their files again puts the rows back
  (such a file is not "already loaded" then, since something would change).
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
ROW_GROUP = 122_880  # rows in one of DuckDB's row groups (its default row_group_size)
BATCH_STATUS_KEYS = {"committed": "status.committed", "rolled_back": "status.rolled_back"}


@dataclass(frozen=True)
class BatchResult:
    batch_id: int | None  # None: the file would change nothing, no batch was written
    kind: str
    rows_total: int
    inserted: int
    replaced: int
    unchanged: int
    kept_vendors: tuple[str, ...] = ()
    holders: tuple[int, ...] = ()  # nothing changed: the batches whose rows hold the values

    @property
    def nothing_changed(self) -> bool:
        return self.batch_id is None


@dataclass(frozen=True)
class RollbackResult:
    batch_id: int
    removed: int  # rows of the batch taken out of the current table
    restored: int  # rows it had replaced, put back
    kept: int = 0  # rows a later batch also sent: they stay, as that batch's
    unrecorded: tuple[int, ...] = ()  # later batches from before migration 5 (see above)


@dataclass(frozen=True)
class DataVersion:
    """The newest committed batch: the data version a document drawn from the store names."""

    batch_id: int
    loaded_at: dt.datetime


def _q(name: str) -> str:
    return f'"{name}"'


def _key_match(kind: Kind, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{_q(k)} = {right}.{_q(k)}" for k in kind.key)


def find_current_file(con, kind: str, sha256: str, sheet: str | None) -> int | None:
    """The batch this exact file (bytes and sheet) was loaded as, when that batch is the
    newest committed one of its kind and recorded every key it sent: loading the file
    again would change nothing. ``None`` says only that the rows must be compared."""
    row = con.execute("""
        SELECT batch_id, sha256, sheet, sent_recorded FROM import_batches
        WHERE kind = ? AND status = 'committed' ORDER BY batch_id DESC LIMIT 1""",
                      [kind]).fetchone()
    if row is None or row[1] != sha256 or row[2] != sheet or not row[3]:
        return None
    return row[0]


def latest(con) -> DataVersion | None:
    """The newest committed batch of data (a file or an app edit; not a saved import
    profile), or None on an empty store."""
    row = con.execute("SELECT batch_id, loaded_at FROM import_batches WHERE status = "
                      "'committed' AND kind <> 'profiles' ORDER BY batch_id DESC LIMIT 1"
                      ).fetchone()
    if row is None:
        return None
    return DataVersion(int(row[0]), pd.Timestamp(row[1]).to_pydatetime())


def write_batch(con, kind: Kind, frame: pd.DataFrame, meta: dict) -> BatchResult:
    """Store ``frame`` (typed, catalog columns) as a new batch, or nothing when it would
    change nothing. The caller owns the transaction."""
    batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches"
                           ).fetchone()[0]
    cols = [_q(c) for c in kind.names]
    # Arrow columns go into DuckDB without a per-value conversion of pandas' masked arrays;
    # in batches of DuckDB's row-group size, which it inserts on all its threads (one
    # batch of a million rows: on one, in twice the time)
    incoming = pa.Table.from_pandas(frame[list(kind.names)], preserve_index=False)
    incoming = pa.Table.from_batches(incoming.to_batches(max_chunksize=ROW_GROUP),
                                     incoming.schema)
    con.register("incoming_rows", incoming)
    try:
        kept: tuple[str, ...] = ()
        if kind.name == "vendors":  # register vendors this file does not name: kept as they are
            kept = tuple(r[0] for r in con.execute(
                "SELECT vendor_id FROM vendors WHERE vendor_id NOT IN "
                "(SELECT vendor_id FROM incoming_rows) ORDER BY vendor_id").fetchall())
        if _overlaps(con, kind):
            counts = _classify(con, kind, cols)
            try:
                if not counts.get("new") and not counts.get("changed"):
                    return BatchResult(None, kind.name, len(frame), 0, 0, len(frame),
                                       kept_vendors=kept, holders=_holders(con, kind))
                _replace_changed(con, kind, cols, batch_id)
            finally:
                con.execute("DROP TABLE classified")
        else:  # nothing stored under these keys (a first load, a new month): insert as is
            con.execute(f"""
                INSERT INTO {_q(kind.name)} ({", ".join(cols)}, batch_id)
                SELECT {", ".join(cols)}, ? FROM incoming_rows""", [batch_id])
            counts = {"new": len(frame)}
    finally:
        con.unregister("incoming_rows")
    pause.at("write")  # rows written, the transaction still open
    result = BatchResult(batch_id, kind.name, len(frame), counts.get("new", 0),
                         counts.get("changed", 0), counts.get("same", 0), kept_vendors=kept)
    con.execute("""
        INSERT INTO import_batches (batch_id, kind, file_name, sha256, file_format, encoding,
            sheet, rows_total, rows_inserted, rows_replaced, rows_unchanged, loaded_by,
            loaded_at, status, sent_recorded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', true)""",
        [batch_id, kind.name, meta["file_name"], meta["sha256"], meta.get("file_format"),
         meta.get("encoding"), meta.get("sheet"), result.rows_total, result.inserted,
         result.replaced, result.unchanged, meta["user"], _now()])
    return result


def _overlaps(con, kind: Kind) -> bool:
    """Whether any incoming key is already stored."""
    return con.execute(f"""
        SELECT EXISTS (SELECT 1 FROM incoming_rows i JOIN {_q(kind.name)} s
                       ON {_key_match(kind, "i", "s")})""").fetchone()[0]


def _classify(con, kind: Kind, cols: list[str]) -> dict[str, int]:
    """Classify incoming rows as new / changed / same against the stored rows, into the
    temp table ``classified`` (the caller drops it). Returns the count per class."""
    differs = " OR ".join(f"i.{c} IS DISTINCT FROM s.{c}" for c in cols)
    first_key = _q(kind.key[0])
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE classified AS
        SELECT {", ".join(f"i.{c}" for c in cols)},
               CASE WHEN s.{first_key} IS NULL THEN 'new'
                    WHEN {differs} THEN 'changed' ELSE 'same' END AS change
        FROM incoming_rows i LEFT JOIN {_q(kind.name)} s ON {_key_match(kind, "i", "s")}
    """)
    return dict(con.execute("SELECT change, count(*) FROM classified GROUP BY change"
                            ).fetchall())


def _holders(con, kind: Kind) -> tuple[int, ...]:
    """The batches whose current rows the incoming rows repeat."""
    return tuple(r[0] for r in con.execute(f"""
        SELECT DISTINCT s.batch_id FROM incoming_rows i JOIN {_q(kind.name)} s
        ON {_key_match(kind, "i", "s")} ORDER BY 1""").fetchall())


def _replace_changed(con, kind: Kind, cols: list[str], batch_id: int) -> None:
    """Move the stored rows that ``classified`` changes to the history, insert the new and
    changed rows, and record the keys sent unchanged."""
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
    keys = ", ".join(_q(k) for k in kind.key)
    con.execute(f"""
        INSERT INTO {_q(kind.name + "_unchanged")} ({keys}, batch_id)
        SELECT {keys}, ? FROM classified WHERE change = 'same'""", [batch_id])


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --- rollback ---------------------------------------------------------------------------------
def rollback_batch(con, batch_id: int, user: str) -> RollbackResult:
    """Undo batch ``batch_id`` by the rules in the module docstring. The caller owns the
    transaction."""
    row = con.execute("SELECT kind, status FROM import_batches WHERE batch_id = ?",
                      [batch_id]).fetchone()
    if row is None:
        raise BatchError("error.batch-not-found", batch=batch_id)
    kind_name, status = row
    if status != "committed":
        raise BatchError("error.batch-not-active", batch=batch_id)
    kind = KINDS[kind_name]
    _refuse_superseded(con, kind, batch_id)
    if kind.name == "vendors":
        _refuse_removing_used_vendors(con, batch_id)
    table, history = _q(kind.name), _q(kind.name + "_history")
    cols = ", ".join(_q(c) for c in kind.names)
    held = con.execute(f"SELECT count(*) FROM {table} WHERE batch_id = ?",
                       [batch_id]).fetchone()[0]
    con.execute(f"""INSERT INTO {history} ({cols}, batch_id, superseded_by, reason)
                    SELECT {cols}, batch_id, batch_id, 'rolled_back' FROM {table}
                    WHERE batch_id = ?""", [batch_id])
    kept = _hand_to_heirs(con, kind, batch_id) if held else 0
    con.execute(f"DELETE FROM {table} WHERE batch_id = ?", [batch_id])
    restored = con.execute(f"SELECT count(*) FROM {history} WHERE superseded_by = ? "
                           "AND reason = 'replaced'", [batch_id]).fetchone()[0]
    con.execute(f"""INSERT INTO {table} ({cols}, batch_id)
                    SELECT {cols}, batch_id FROM {history}
                    WHERE superseded_by = ? AND reason = 'replaced'""", [batch_id])
    con.execute(f"DELETE FROM {history} WHERE superseded_by = ? AND reason = 'replaced'",
                [batch_id])
    removed = held - kept
    unrecorded: tuple[int, ...] = ()
    if removed:
        unrecorded = tuple(r[0] for r in con.execute(
            "SELECT batch_id FROM import_batches WHERE kind = ? AND batch_id > ? AND "
            "status = 'committed' AND NOT sent_recorded ORDER BY batch_id",
            [kind.name, batch_id]).fetchall())
    con.execute("UPDATE import_batches SET status = 'rolled_back', rolled_back_by = ?, "
                "rolled_back_at = ? WHERE batch_id = ?", [user, _now(), batch_id])
    return RollbackResult(batch_id, removed, restored, kept, unrecorded)


def _later_senders(kind: Kind, row: str, what: str = "u.batch_id") -> str:
    """SQL over the committed batches after ``?`` that sent the key of ``row`` unchanged."""
    return f"""SELECT {what} FROM {_q(kind.name + "_unchanged")} u
               JOIN import_batches b ON b.batch_id = u.batch_id AND b.status = 'committed'
               WHERE u.batch_id > ? AND {_key_match(kind, "u", row)}"""


def _hand_to_heirs(con, kind: Kind, batch_id: int) -> int:
    """Give each row of ``batch_id`` that a later committed batch sent unchanged to the
    earliest such batch (its heir); the row it had replaced is from then on replaced by
    the heir, and the heir's record of an unchanged key becomes its row. Returns how many
    rows were handed on."""
    table, history = _q(kind.name), _q(kind.name + "_history")
    unchanged = _q(kind.name + "_unchanged")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE heirs AS
        SELECT {", ".join(f"t.{_q(k)}" for k in kind.key)},
               ({_later_senders(kind, "t", "min(u.batch_id)")}) AS heir
        FROM {table} t WHERE t.batch_id = ?""", [batch_id, batch_id])
    con.execute("DELETE FROM heirs WHERE heir IS NULL")
    kept = con.execute("SELECT count(*) FROM heirs").fetchone()[0]
    if kept:
        def heir_of(target: str) -> str:
            return f"(SELECT h.heir FROM heirs h WHERE {_key_match(kind, 'h', target)})"

        def has_heir(target: str) -> str:
            return f"EXISTS (SELECT 1 FROM heirs h WHERE {_key_match(kind, 'h', target)})"

        con.execute(f"UPDATE {table} SET batch_id = {heir_of(table)} "
                    f"WHERE batch_id = ? AND {has_heir(table)}", [batch_id])
        con.execute(f"UPDATE {history} SET superseded_by = {heir_of(history)} "
                    f"WHERE superseded_by = ? AND reason = 'replaced' AND {has_heir(history)}",
                    [batch_id])
        con.execute(f"""DELETE FROM {unchanged} WHERE EXISTS (
                            SELECT 1 FROM heirs h WHERE h.heir = {unchanged}.batch_id
                            AND {_key_match(kind, "h", unchanged)})""")
    con.execute("DROP TABLE heirs")
    return kept


def _refuse_superseded(con, kind: Kind, batch_id: int) -> None:
    """A later committed batch replaced a row of ``batch_id``, or wrote a key it removed."""
    table, history = _q(kind.name), _q(kind.name + "_history")
    later = con.execute(f"SELECT max(superseded_by) FROM {history} "
                        "WHERE batch_id = ? AND reason = 'replaced'", [batch_id]).fetchone()[0]
    if later is None:  # a key this batch took away (an app edit renaming it) sent again
        later = con.execute(f"""
            SELECT max(t.batch_id) FROM {history} h JOIN {table} t
            ON {_key_match(kind, "h", "t")}
            WHERE h.superseded_by = ? AND h.reason = 'replaced' AND t.batch_id <> ?""",
                            [batch_id, batch_id]).fetchone()[0]
    if later is not None:
        raise BatchError("error.batch-superseded", batch=batch_id, later=later)


def _refuse_removing_used_vendors(con, batch_id: int) -> None:
    """Vendors the rollback would take out of the register (neither restored nor kept
    for a later register) that rows of another kind (KPIs, meetings, actions, contracts,
    …) still name."""
    named = " OR ".join(f"EXISTS (SELECT 1 FROM {_q(k.name)} d WHERE d.vendor_id = "
                        "v.vendor_id)" for k in KINDS.values() if "vendors" in k.depends_on)
    used = [r[0] for r in con.execute(f"""
        SELECT v.vendor_id FROM vendors v
        WHERE v.batch_id = ?
          AND NOT EXISTS (SELECT 1 FROM vendors_history h
                          WHERE h.superseded_by = ? AND h.reason = 'replaced'
                            AND h.vendor_id = v.vendor_id)
          AND NOT EXISTS ({_later_senders(KINDS["vendors"], "v")})
          AND ({named})
        ORDER BY v.vendor_id""", [batch_id, batch_id, batch_id]).fetchall()]
    if used:
        raise BatchError("error.vendor-in-use", batch=batch_id, ids=", ".join(used[:10]))
