"""Connections to the store: where the database is, short-lived connections, and retry
with backoff while another process holds DuckDB's single-writer lock.

The target is a file path (embedded DuckDB, the default) or, later, a PostgreSQL URL.
Every connection is opened for one operation and closed at its end, so the CLI can write
while the app is running.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from governance.errors import DatabaseError, StoreBusy

SCHEMA = "governance"
DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "governance.duckdb"
ENV_VAR = "GOVERNANCE_DB"
BUSY_TIMEOUT_S = float(os.environ.get("GOVERNANCE_BUSY_TIMEOUT", "10"))

_RETRYABLE = ("could not set lock", "conflicting lock", "transaction conflict",
              "write-write conflict", "database is locked")


def resolve_target(target: str | os.PathLike | None = None) -> str:
    """The database the user chose: ``--db``, else ``$GOVERNANCE_DB``, else the default file."""
    chosen = target or os.environ.get(ENV_VAR) or DEFAULT_DB
    return str(chosen)


def describe(target: str) -> str:
    """The target as it may be shown to a user (never a password)."""
    return target


def is_retryable(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(m in text for m in _RETRYABLE)


@contextlib.contextmanager
def connection(target: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection to ``target`` with the project schema as the default."""
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), config={"autoinstall_known_extensions": False})
    except duckdb.Error as exc:
        if is_retryable(exc):
            raise
        raise DatabaseError(target=describe(target), detail=str(exc).splitlines()[0]) from None
    except OSError as exc:
        raise DatabaseError(target=describe(target), detail=exc.strerror or str(exc)) from None
    try:
        catalog = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{catalog}"."{SCHEMA}"')
        con.execute(f'USE "{catalog}"."{SCHEMA}"')
        yield con
    finally:
        con.close()


def with_retry(operation, target: str, timeout: float | None = None):
    """Run ``operation()`` again with backoff while the database is locked or conflicting;
    after ``timeout`` seconds say clearly that it is busy."""
    deadline = time.monotonic() + (BUSY_TIMEOUT_S if timeout is None else timeout)
    delay = 0.05
    while True:
        try:
            return operation()
        except duckdb.Error as exc:
            if not is_retryable(exc):
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(target=describe(target)) from None
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 1.0)
