"""Removing what one loader loaded (the demo), and nothing anyone else did. All SQL of it.

The loader's batches are the file batches it loaded (``import_batches.loaded_by``; app
edits are never the loader's). Removing them, in the caller's transaction:

- **Their rows still current** move to ``<kind>_history`` (``reason`` 'rolled_back'), as a
  rollback moves them — dependants first (actions, reviews, KPIs, then the register).
- **A register row stays** while a row of someone else still names its vendor (a meeting
  recorded in the app for a demo vendor, a KPI row a user loaded for it), unless it
  replaced someone else's version of that vendor, which then comes back instead.
- **Rows they replaced come back** (someone else's, loaded before), unless a later batch
  has taken the key since.
- **Their versions that a later batch replaced** (a demo meeting edited in the app, a demo
  KPI row a user's file changed) stay in the history, marked 'rolled_back', so rolling
  back that later batch never brings demo data back.
- Each of their batches with no current row left becomes ``rolled_back`` (by whom, when),
  as a rollback; one that keeps register rows stays ``committed`` and can be removed by a
  later removal once nothing names its vendors.
- The removal itself is recorded in ``removals`` (who, when, how many rows, vendors kept).

A row of the loader's that a later batch re-sent unchanged (a user's file holding the same
values; ``<kind>_unchanged`` records it) is that batch's from then on, as a rollback hands
it on (``batches._hand_to_heirs``), and stays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from governance.catalog import KINDS, LOAD_ORDER, Kind
from governance.store import frames
from governance.store.batches import _hand_to_heirs, _q
from governance.store.profiles import KIND as PROFILE_KIND
from governance.store.records import APP_FILE

_LOADERS = "SELECT batch_id FROM import_batches WHERE loaded_by = ? AND file_name <> ?"


@dataclass(frozen=True)
class RemovalResult:
    removal_id: int | None  # None when there was nothing to remove (nothing recorded)
    removed: dict[str, int] = field(default_factory=dict)  # rows per kind
    restored: int = 0
    rolled_back: tuple[int, ...] = ()  # batches with no row left
    kept_vendors: tuple[str, ...] = ()  # register rows kept: someone else's rows name them


def remaining(con, loader: str) -> dict[str, int]:
    """Current rows per kind that ``loader``'s file batches wrote."""
    counts = ", ".join(f'(SELECT count(*) FROM {_q(k)} WHERE batch_id IN ({_LOADERS}))'
                       for k in LOAD_ORDER)
    row = con.execute(f"SELECT {counts}", [loader, APP_FILE] * len(LOAD_ORDER)).fetchone()
    return dict(zip(LOAD_ORDER, row, strict=True))


def loaded_by_others(con, loader: str) -> bool:
    """Whether anyone but ``loader`` has a committed file batch (of data: a saved import
    profile is none)."""
    return con.execute("SELECT EXISTS (SELECT 1 FROM import_batches WHERE status = "
                       "'committed' AND loaded_by <> ? AND file_name <> ? "
                       "AND kind <> ?)", [loader, APP_FILE, PROFILE_KIND]).fetchone()[0]


def has_history(con) -> bool:
    """Whether anything was ever loaded (even if rolled back or removed since)."""
    return con.execute("SELECT EXISTS (SELECT 1 FROM import_batches) "
                       "OR EXISTS (SELECT 1 FROM removals)").fetchone()[0]


def _marks(ids: list[int]) -> str:
    return ", ".join("?" for _ in ids)


def _needed_vendor(every: list[int]) -> str:
    """Condition on a ``vendors`` row: someone's row names it and removing it would bring
    back no earlier version (``every``: the loader's batch ids, any status)."""
    named = " OR ".join(f'EXISTS (SELECT 1 FROM {_q(k.name)} d WHERE d.vendor_id = '
                        f'"vendors".vendor_id)' for k in KINDS.values()
                        if "vendors" in k.depends_on)
    return f"""(({named}) AND NOT EXISTS (
        SELECT 1 FROM vendors_history h WHERE h.vendor_id = "vendors".vendor_id
        AND h.superseded_by = "vendors".batch_id AND h.reason = 'replaced'
        AND h.batch_id NOT IN ({_marks(every)})))"""


def _remove_kind(con, kind: Kind, ids: list[int], every: list[int]) -> tuple[int, int]:
    """Move the loader's current rows of ``kind`` to the history and bring back what they
    replaced; returns (removed, restored)."""
    table, history = _q(kind.name), _q(kind.name + "_history")
    cols = ", ".join(_q(c) for c in kind.names)
    where, params = f"batch_id IN ({_marks(ids)})", list(ids)
    if kind.name == "vendors":
        where += f" AND NOT {_needed_vendor(every)}"
        params += every
    removed = con.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
    con.execute(f"""INSERT INTO {history} ({cols}, batch_id, superseded_by, reason)
                    SELECT {cols}, batch_id, batch_id, 'rolled_back' FROM {table}
                    WHERE {where}""", params)
    con.execute(f"DELETE FROM {table} WHERE {where}", params)
    # what the loader replaced comes back where the key is free again; marked first, as
    # the key is no longer free once it is back
    free = " AND ".join(f"t.{_q(k)} = {history}.{_q(k)}" for k in kind.key)
    con.execute(f"""UPDATE {history} SET reason = 'restoring'
                    WHERE reason = 'replaced' AND superseded_by IN ({_marks(ids)})
                      AND batch_id NOT IN ({_marks(every)})
                      AND NOT EXISTS (SELECT 1 FROM {table} t WHERE {free})""",
                [*ids, *every])
    restored = con.execute(f"SELECT count(*) FROM {history} WHERE reason = 'restoring'"
                           ).fetchone()[0]
    con.execute(f"""INSERT INTO {table} ({cols}, batch_id)
                    SELECT {cols}, batch_id FROM {history} WHERE reason = 'restoring'""")
    con.execute(f"DELETE FROM {history} WHERE reason = 'restoring'")
    # the loader's versions that later batches replaced never come back through them
    con.execute(f"UPDATE {history} SET reason = 'rolled_back' WHERE reason = 'replaced' "
                f"AND batch_id IN ({_marks(every)})", every)
    return removed, restored


def remove(con, loader: str, user: str, now: dt.datetime) -> RemovalResult:
    """Remove what ``loader``'s file batches loaded (see the module). The caller owns the
    transaction."""
    batches = con.execute(f"SELECT batch_id, kind, status FROM import_batches "
                          f"WHERE batch_id IN ({_LOADERS}) ORDER BY batch_id",
                          [loader, APP_FILE]).fetchall()
    every = [b for b, _, _ in batches]
    active = [(b, kind) for b, kind, status in batches if status == "committed"]
    if not active:
        return RemovalResult(None)
    removed, restored = {}, 0
    for name in reversed(LOAD_ORDER):  # dependants before the register they name
        ids = [b for b, kind in active if kind == name]
        for batch_id in ids:  # rows a later batch sent unchanged are that batch's
            _hand_to_heirs(con, KINDS[name], batch_id)
        if ids:
            removed[name], back = _remove_kind(con, KINDS[name], ids, every)
            restored += back
    left: set[int] = set()  # batches that still have current rows
    for name in {kind for _, kind in active}:
        left.update(r[0] for r in con.execute(
            f"SELECT DISTINCT batch_id FROM {_q(name)} WHERE batch_id IN ({_marks(every)})",
            every).fetchall())
    done = tuple(b for b, _ in active if b not in left)
    if done:
        con.execute(f"UPDATE import_batches SET status = 'rolled_back', rolled_back_by = ?, "
                    f"rolled_back_at = ? WHERE batch_id IN ({_marks(list(done))})",
                    [user, now, *done])
    kept = tuple(r[0] for r in con.execute(
        f"SELECT vendor_id FROM vendors WHERE batch_id IN ({_marks(every)}) "
        "ORDER BY vendor_id", every).fetchall())
    if not done and not restored and not any(removed.values()):
        return RemovalResult(None, removed, 0, (), kept)
    removal_id = con.execute("SELECT coalesce(max(removal_id), 0) + 1 FROM removals"
                             ).fetchone()[0]
    con.execute("""INSERT INTO removals (removal_id, loaded_by, removed_by, removed_at,
                       rows_removed, rows_restored, batches_rolled_back, vendors_kept)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [removal_id, loader, user, now, sum(removed.values()), restored,
                 ", ".join(map(str, done)), ", ".join(kept)])
    return RemovalResult(removal_id, removed, restored, done, kept)


def removals(con):
    """Every removal, oldest first."""
    return frames.frame(con.execute(
        "SELECT removal_id, loaded_by, removed_by, removed_at, rows_removed, rows_restored, "
        "batches_rolled_back, vendors_kept FROM removals ORDER BY removal_id"))
