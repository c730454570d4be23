"""Saved import profiles: all SQL of them.

A saved profile is a row of ``profiles`` (name, upload kind, the TOML text as given, the
batch that wrote it). Saving or removing one is a batch of kind ``profiles`` in
``import_batches`` (``file_name`` the profile's name, ``file_format`` ``profile``), so the
import history lists it, the audit log shows who did it and ``rollback`` undoes it, as an
upload's batch: a saved version that another replaces, or a removed one, moves to
``profiles_history`` (``superseded_by`` the batch, reason ``replaced``) and comes back when
that batch is rolled back; a rollback is refused while a later batch replaced what the
batch saved, or saved again the name it removed. Saving the text already stored is no
batch. Names are unique among current rows: writers take turns (``engine.lock_writers``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pandas as pd

from governance.errors import BatchError, GovernanceError
from governance.store import frames
from governance.store.batches import RollbackResult

KIND = "profiles"  # the kind of a profile batch in import_batches
FORMAT = "profile"
# what a profile batch did, each with its label
ACTION_KEYS = {"added": "profiles.action-added", "updated": "profiles.action-updated",
               "removed": "profiles.action-removed"}


@dataclass(frozen=True)
class ProfileResult:
    name: str
    batch_id: int | None  # None: the profile was already saved with this text
    action: str | None  # "added", "updated", "removed"; None when nothing changed


def action(rows_total: int, rows_inserted: int) -> str:
    """What a profile batch did, from its row counts (a removal sends no row)."""
    if rows_total == 0:
        return "removed"
    return "added" if rows_inserted else "updated"


def create(con) -> None:
    """Migration 7: the tables, and ``batch_profiles``: the profile each file batch read
    with one was read with. (Not a column of ``import_batches``: DuckDB 1.5 fails the
    commit of a transaction that alters a table again after updating it, as migrating a
    database from before migration 5 would.)"""
    for table, extra in (("profiles", ""), ("profiles_history",
                                            ", superseded_by BIGINT NOT NULL, "
                                            "reason VARCHAR NOT NULL")):
        con.execute(f"CREATE TABLE {table} (name VARCHAR NOT NULL, kind VARCHAR NOT NULL, "
                    f"body VARCHAR NOT NULL, batch_id BIGINT NOT NULL{extra})")
    con.execute("CREATE TABLE batch_profiles (batch_id BIGINT NOT NULL, "
                "profile VARCHAR NOT NULL)")


def record_use(con, batch_id: int, name: str) -> None:
    """Record that file batch ``batch_id`` was read with profile ``name``."""
    con.execute("INSERT INTO batch_profiles (batch_id, profile) VALUES (?, ?)",
                [batch_id, name])


def saved(con) -> pd.DataFrame:
    """Every saved profile with who saved it and when, by name."""
    return frames.frame(con.execute("""
        SELECT p.name, p.kind, p.body, p.batch_id, b.loaded_by AS saved_by,
               b.loaded_at AS saved_at
        FROM profiles p JOIN import_batches b ON b.batch_id = p.batch_id
        ORDER BY p.name"""))


def _current(con, name: str) -> tuple[str, str] | None:
    return con.execute("SELECT kind, body FROM profiles WHERE name = ?", [name]).fetchone()


def _batch(con, name: str, body: str, user: str, now: dt.datetime, total: int,
           inserted: int) -> int:
    batch_id = con.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batches"
                           ).fetchone()[0]
    con.execute("""
        INSERT INTO import_batches (batch_id, kind, file_name, sha256, file_format,
            rows_total, rows_inserted, rows_replaced, rows_unchanged, loaded_by, loaded_at,
            status, sent_recorded)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 'committed', true)""",
        [batch_id, KIND, name, hashlib.sha256(body.encode("utf-8")).hexdigest(), FORMAT,
         total, inserted, 1 - inserted, user, now])
    return batch_id


def _supersede(con, name: str, batch_id: int) -> None:
    con.execute("""INSERT INTO profiles_history (name, kind, body, batch_id, superseded_by,
                       reason)
                   SELECT name, kind, body, batch_id, ?, 'replaced' FROM profiles
                   WHERE name = ?""", [batch_id, name])
    con.execute("DELETE FROM profiles WHERE name = ?", [name])


def save(con, name: str, kind: str, body: str, user: str, now: dt.datetime) -> ProfileResult:
    """Save ``body`` as profile ``name`` (replacing the one of that name). The caller owns
    the transaction."""
    current = _current(con, name)
    if current is not None and tuple(current) == (kind, body):
        return ProfileResult(name, None, None)
    batch_id = _batch(con, name, body, user, now, 1, int(current is None))
    if current is not None:
        _supersede(con, name, batch_id)
    con.execute("INSERT INTO profiles (name, kind, body, batch_id) VALUES (?, ?, ?, ?)",
                [name, kind, body, batch_id])
    return ProfileResult(name, batch_id, "added" if current is None else "updated")


def remove(con, name: str, user: str, now: dt.datetime) -> ProfileResult:
    """Remove profile ``name``; the caller owns the transaction."""
    current = _current(con, name)
    if current is None:
        raise GovernanceError("profiles.not-found", name=name)
    batch_id = _batch(con, name, current[1], user, now, 0, 0)
    _supersede(con, name, batch_id)
    return ProfileResult(name, batch_id, "removed")


def owns(con, batch_id: int) -> bool:
    """Whether ``batch_id`` is a profile batch."""
    row = con.execute("SELECT kind FROM import_batches WHERE batch_id = ?",
                      [batch_id]).fetchone()
    return row is not None and row[0] == KIND


def rollback(con, batch_id: int, user: str, now: dt.datetime) -> RollbackResult:
    """Undo profile batch ``batch_id`` (see the module); the caller owns the transaction."""
    status = con.execute("SELECT status FROM import_batches WHERE batch_id = ?",
                         [batch_id]).fetchone()[0]
    if status != "committed":
        raise BatchError("error.batch-not-active", batch=batch_id)
    later = con.execute("SELECT max(superseded_by) FROM profiles_history "
                        "WHERE batch_id = ? AND reason = 'replaced'", [batch_id]).fetchone()[0]
    if later is None:  # what it replaced or removed was saved again since
        later = con.execute("""
            SELECT max(p.batch_id) FROM profiles_history h JOIN profiles p ON p.name = h.name
            WHERE h.superseded_by = ? AND h.reason = 'replaced' AND p.batch_id <> ?""",
                            [batch_id, batch_id]).fetchone()[0]
    if later is not None:
        raise BatchError("error.batch-superseded", batch=batch_id, later=later)
    removed = con.execute("SELECT count(*) FROM profiles WHERE batch_id = ?",
                          [batch_id]).fetchone()[0]
    con.execute("""INSERT INTO profiles_history (name, kind, body, batch_id, superseded_by,
                       reason)
                   SELECT name, kind, body, batch_id, batch_id, 'rolled_back' FROM profiles
                   WHERE batch_id = ?""", [batch_id])
    con.execute("DELETE FROM profiles WHERE batch_id = ?", [batch_id])
    restored = con.execute("SELECT count(*) FROM profiles_history WHERE superseded_by = ? "
                           "AND reason = 'replaced'", [batch_id]).fetchone()[0]
    con.execute("""INSERT INTO profiles (name, kind, body, batch_id)
                   SELECT name, kind, body, batch_id FROM profiles_history
                   WHERE superseded_by = ? AND reason = 'replaced'""", [batch_id])
    con.execute("DELETE FROM profiles_history WHERE superseded_by = ? AND reason = 'replaced'",
                [batch_id])
    con.execute("UPDATE import_batches SET status = 'rolled_back', rolled_back_by = ?, "
                "rolled_back_at = ? WHERE batch_id = ?", [user, now, batch_id])
    return RollbackResult(batch_id, removed, restored)
