"""The store: the only place that talks to the database.

``Store(target)`` opens a short-lived connection per operation (see ``engine``), keeps the
schema migrated, and offers the operations the rest of the project needs. SQL lives in
this package only.
"""

from __future__ import annotations

import contextlib

import duckdb
import pandas as pd

from governance import pause, settings
from governance.catalog import FIRST_DAY, KINDS, LAST_DAY, Kind
from governance.errors import GovernanceError
from governance.store import (
    batches,
    classify,
    copy,
    engine,
    frames,
    migrations,
    profiles,
    quality,
    records,
    removal,
    service,
)
from governance.store.batches import BatchResult, DataVersion, RollbackResult
from governance.store.classify import Classified
from governance.store.profiles import ProfileResult
from governance.store.records import SaveResult
from governance.store.removal import RemovalResult

__all__ = ["BatchResult", "Classified", "DataVersion", "ProfileResult", "RemovalResult",
           "RollbackResult", "SaveResult", "Store"]


class Store:
    def __init__(self, target: str | None = None, busy_timeout: float | None = None) -> None:
        self.target = engine.resolve_target(target)
        self.busy_timeout = (settings.environment().busy_timeout if busy_timeout is None
                             else busy_timeout)
        self._migrated = False

    def __repr__(self) -> str:
        return f"Store({engine.describe(self.target)!r})"

    def held(self):
        """Keep the database open for a block of operations (one page run): see
        ``engine.held``."""
        return engine.held(self.target)

    def _run(self, operation, transaction: bool = False):
        """Run ``operation(con)`` on a fresh connection, in a transaction if asked,
        retrying while the database is locked."""
        def attempt():
            with engine.connection(self.target) as con:
                if not self._migrated:
                    migrations.migrate(con, self.target)
                    self._migrated = True
                if not transaction:
                    return operation(con)
                con.begin()
                try:
                    engine.lock_writers(con, self.target, self.busy_timeout)
                    result = operation(con)
                    con.commit()
                    return result
                except BaseException:
                    # a commit that failed (a conflict found at commit) has already ended
                    # the transaction: the original error is the one to report and retry
                    with contextlib.suppress(duckdb.Error):
                        con.rollback()
                    raise
        return engine.with_retry(attempt, self.target, self.busy_timeout)

    # --- writes ------------------------------------------------------------------------
    def write_batch(self, kind: Kind, frame: pd.DataFrame, meta: dict) -> BatchResult:
        """Store a validated upload as one batch, in one transaction; a file that would
        change nothing writes nothing (``BatchResult.nothing_changed``). ``meta["profile"]``
        names the import profile the file was read with, if any."""
        def op(con):
            result = batches.write_batch(con, kind, frame, meta)
            if meta.get("profile") and not result.nothing_changed:
                profiles.record_use(con, result.batch_id, meta["profile"])
            pause.at("commit")  # everything written, the commit not yet made
            return result
        result = self._run(op, transaction=True)
        pause.at("committed")
        return result

    def save_records(self, edits: list[tuple[Kind, list[tuple[dict | None, dict]]]],
                     user: str) -> list[SaveResult]:
        """Store app edits — per kind, ``(old_key, values)`` pairs — in one transaction,
        one batch per kind that changed (see ``records``)."""
        now = batches._now()
        return self._run(lambda con: [records.save(con, kind, pairs, user, now)
                                      for kind, pairs in edits], transaction=True)

    def rollback(self, batch_id: int, user: str) -> RollbackResult:
        def op(con):
            if profiles.owns(con, batch_id):  # a saved import profile's batch
                return profiles.rollback(con, batch_id, user, batches._now())
            return batches.rollback_batch(con, batch_id, user)
        return self._run(op, transaction=True)

    def save_profile(self, name: str, kind: str, body: str, user: str) -> ProfileResult:
        """Save import profile ``name`` (its TOML ``body``) as one batch (see ``profiles``);
        the text already saved under that name is no batch."""
        return self._run(lambda con: profiles.save(con, name, kind, body, user,
                                                   batches._now()), transaction=True)

    def remove_profile(self, name: str, user: str) -> ProfileResult:
        return self._run(lambda con: profiles.remove(con, name, user, batches._now()),
                         transaction=True)

    def remove_loaded_by(self, loader: str, user: str) -> RemovalResult:
        """Remove what ``loader``'s file batches loaded and nothing anyone else did, in one
        transaction, recorded as done by ``user`` (see ``removal``)."""
        def op(con):
            result = removal.remove(con, loader, user, batches._now())
            pause.at("remove")  # everything written, the commit not yet made
            return result
        return self._run(op, transaction=True)

    # --- reads -------------------------------------------------------------------------
    def classify(self, kind: Kind, frame: pd.DataFrame) -> Classified:
        """What ``write_batch`` would do with ``frame``, without writing (see ``classify``)."""
        return self._run(lambda con: classify.classify(con, kind, frame))

    def find_current_file(self, kind: str, sha256: str, sheet: str | None) -> int | None:
        """The batch this exact file was loaded as, when loading it again would change
        nothing without comparing its rows (see ``batches.find_current_file``)."""
        return self._run(lambda con: batches.find_current_file(con, kind, sha256, sheet))

    def vendor_ids(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._run(
            lambda con: con.execute("SELECT vendor_id FROM vendors").fetchall()))

    def table(self, kind: str) -> pd.DataFrame:
        """The current rows of upload kind ``kind``, ordered by key."""
        spec = KINDS[kind]
        cols = ", ".join(f'"{c}"' for c in (*spec.names, "batch_id"))
        order = ", ".join(f'"{k}"' for k in spec.key)
        return self._run(lambda con: frames.frame(con.execute(
            f'SELECT {cols} FROM "{spec.name}" ORDER BY {order}')))

    def rows(self, kind: str, **equals: object) -> pd.DataFrame:
        """Current rows of ``kind`` where each named catalog column equals its value."""
        spec = KINDS[kind]
        unknown = set(equals) - set(spec.names)
        if unknown:
            raise ValueError(f"not columns of {kind}: {sorted(unknown)}")
        cols = ", ".join(f'"{c}"' for c in (*spec.names, "batch_id"))
        where = " AND ".join(f'"{c}" = ?' for c in equals) or "TRUE"
        order = ", ".join(f'"{k}"' for k in spec.key)
        return self._run(lambda con: frames.frame(con.execute(
            f'SELECT {cols} FROM "{spec.name}" WHERE {where} ORDER BY {order}',
            list(equals.values()))))

    def kpis_between(self, first, last) -> pd.DataFrame:
        """KPI rows of every vendor for months ``first`` … ``last`` (inclusive)."""
        cols = ", ".join(f'"{c}"' for c in KINDS["kpis"].names)
        return self._run(lambda con: frames.frame(con.execute(
            f'SELECT {cols} FROM kpis WHERE "month" BETWEEN ? AND ? '
            'ORDER BY vendor_id, "month"', [pd.Timestamp(first).date(),
                                           pd.Timestamp(last).date()])))

    def _pg_schema(self) -> str | None:
        """The PostgreSQL schema of the store (statements run inside the server), or None."""
        target = engine.parse_target(self.target)
        return target.schema if target.postgres else None

    def service(self, first, last, by: str = "resolved") -> pd.DataFrame:
        """The service measured from tickets per vendor and month, ``first`` … ``last``
        (``service.figures``; ``by``: ``resolved`` or ``opened``)."""
        return self._run(lambda con: service.figures(
            con, pd.Timestamp(first).date(), pd.Timestamp(last).date(), by,
            self._pg_schema()))

    def measured_sla(self, first, last) -> pd.DataFrame:
        """Measured SLA per vendor and month resolved (``service.measured_sla``)."""
        return self._run(lambda con: service.measured_sla(
            con, pd.Timestamp(first).date(), pd.Timestamp(last).date(), self._pg_schema()))

    def unassigned_tickets(self, first=None, last=None, by: str = "resolved"
                           ) -> tuple[int, int]:
        """Groups no vendor names and their tickets (all, or the view's in the months)."""
        first, last = (None if m is None else pd.Timestamp(m).date() for m in (first, last))
        return self._run(lambda con: service.unassigned(con, first, last, by,
                                                        self._pg_schema()))

    def months(self) -> list:
        """Months that have KPI reports, newest first (only months pages can draw:
        ``quality`` finds the others)."""
        return [r[0] for r in self._run(lambda con: con.execute(
            'SELECT DISTINCT "month" FROM kpis WHERE "month" BETWEEN ? AND ? '
            'ORDER BY "month" DESC', [FIRST_DAY, LAST_DAY]).fetchall())]

    def unreadable(self, limit: int = 50) -> list[tuple]:
        """Stored values no page can draw (see ``quality``), at most ``limit``."""
        return self._run(lambda con: quality.unreadable(con, limit))

    def history(self, kind: str) -> pd.DataFrame:
        spec = KINDS[kind]
        return self._run(lambda con: frames.frame(con.execute(
            f'SELECT * FROM "{spec.name}_history" ORDER BY superseded_by, batch_id')))

    def record_changes(self, kind: str | None = None) -> pd.DataFrame:
        """Field-level history of app edits (who, when, old -> new), oldest first."""
        return self._run(lambda con: records.changes(con, kind))

    def batches(self) -> pd.DataFrame:
        return self._run(lambda con: frames.frame(con.execute(
            "SELECT b.batch_id, kind, file_name, sha256, rows_total, rows_inserted, "
            "rows_replaced, rows_unchanged, loaded_by, loaded_at, status, rolled_back_by, "
            "rolled_back_at, p.profile FROM import_batches b "
            "LEFT JOIN batch_profiles p ON p.batch_id = b.batch_id ORDER BY b.batch_id")))

    def profiles(self) -> pd.DataFrame:
        """Saved import profiles (name, kind, body, batch_id, saved_by, saved_at)."""
        return self._run(profiles.saved)

    def counts(self) -> dict[str, int]:
        """Current row count of every upload table."""
        def op(con):
            return {k: con.execute(f'SELECT count(*) FROM "{k}"').fetchone()[0] for k in KINDS}
        return self._run(op)

    def data_version(self) -> tuple[int, int, int]:
        """Changes whenever data changes (a batch lands or is rolled back, demo data is
        removed): cache key."""
        return self._run(lambda con: con.execute(
            "SELECT coalesce(max(batch_id), 0), count(rolled_back_at), "
            "(SELECT count(*) FROM removals) FROM import_batches").fetchone())

    def latest_batch(self) -> DataVersion | None:
        """The newest committed batch and when it landed: the version documents name."""
        return self._run(batches.latest)

    def has_history(self) -> bool:
        """Whether anything was ever loaded, even if rolled back or removed since."""
        return self._run(removal.has_history)

    def rows_loaded_by(self, loader: str) -> dict[str, int]:
        """Current rows per kind that ``loader``'s file batches wrote."""
        return self._run(lambda con: removal.remaining(con, loader))

    def loaded_by_others(self, loader: str) -> bool:
        """Whether anyone but ``loader`` has a committed file batch."""
        return self._run(lambda con: removal.loaded_by_others(con, loader))

    def removals(self) -> pd.DataFrame:
        return self._run(removal.removals)

    def copy_to(self, target: Store, replace: bool = False) -> dict[str, int]:
        """Copy every table of this store into ``target`` in one transaction; returns the
        row count per table, checked against the target afterwards."""
        if engine.parse_target(self.target) == engine.parse_target(target.target):
            raise GovernanceError("error.copy-same")
        data = self._run(copy.read_all)
        written = target._run(lambda con: copy.write_all(con, data, replace), transaction=True)
        found = target._run(lambda con: copy.counts(con, list(written)))
        if found != written:
            raise GovernanceError("error.copy-mismatch", detail=str(
                {t: (written[t], found.get(t)) for t in written if found.get(t) != written[t]}))
        return written

    def schema_version(self) -> int:
        return self._run(migrations.current_version)
