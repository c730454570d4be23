"""Connections to the store: where the database is, short-lived connections, and retry
with backoff while another writer holds a lock or a transaction conflicts.

The target is a file path (embedded DuckDB, the default) or a PostgreSQL URL
(``postgresql://user@host:port/dbname``, password in the URL, ``PGPASSWORD`` or
``~/.pgpass``; ``?schema=name`` picks the schema, default ``governance``). Either way the
store speaks DuckDB's SQL: PostgreSQL is attached through DuckDB's postgres extension,
installed from its wheel into ``data/extensions`` — never downloaded.

A DuckDB file is opened for one operation and closed at its end, so the CLI can write
while the app runs. Opening the file costs 40-60 ms (DuckDB loads its catalog); ``held``
keeps it open for a block of operations — one page run — so each of them reconnects to
the open database in ~2 ms, and the lock is released when the block ends. A PostgreSQL
server is attached once per process (loading the extension takes half a second) and each
operation uses its own cursor.
"""

from __future__ import annotations

import contextlib
import glob
import os
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import duckdb

from governance.errors import DatabaseError, StoreBusy

SCHEMA = "governance"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "data" / "governance.duckdb"
EXTENSION_DIR = Path(os.environ.get("GOVERNANCE_EXTENSION_DIR", ROOT / "data" / "extensions"))
ENV_VAR = "GOVERNANCE_DB"
BUSY_TIMEOUT_S = float(os.environ.get("GOVERNANCE_BUSY_TIMEOUT", "10"))
PG_ALIAS = "gov"

# Transient by construction: validation refuses duplicate keys inside a file before any
# write, and a write replaces the stored rows of its keys, so a key violation during a
# write means another writer got there first (two sessions in one process: DuckDB's
# optimistic concurrency; two processes on PostgreSQL). Two threads opening the same file
# at once can also race in DuckDB's instance cache ("unique file handle conflict").
_RETRYABLE = ("could not set lock", "conflicting lock", "transaction conflict",
              "write-write conflict", "database is locked", "could not serialize access",
              "deadlock detected", "duplicate key value violates unique constraint",
              "violates primary key constraint", "primary key or unique constraint violation",
              "serialization failure",
              "unique file handle conflict")


@dataclass(frozen=True)
class Target:
    """Where the store lives, parsed from ``--db`` / ``$GOVERNANCE_DB``."""

    raw: str
    postgres: bool
    schema: str = SCHEMA
    libpq_url: str = ""  # the URL without our own parameters
    host: str = ""
    port: str = ""
    dbname: str = ""
    user: str = ""

    def describe(self) -> str:
        """The target as it may be shown to anyone: never the password."""
        if not self.postgres:
            return self.raw
        return f"postgresql://{self.user + '@' if self.user else ''}{self.host}:{self.port}/" \
               f"{self.dbname} (schema {self.schema})"


def parse_target(raw: str) -> Target:
    if not raw.startswith(("postgresql://", "postgres://")):
        return Target(raw, postgres=False)
    parts = urlsplit(raw)
    query = dict(parse_qsl(parts.query))
    schema = query.pop("schema", SCHEMA)
    libpq = urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(query), ""))
    return Target(raw, True, schema, libpq, parts.hostname or "localhost",
                  str(parts.port or 5432), unquote(parts.path.lstrip("/")) or "",
                  unquote(parts.username or ""))


def resolve_target(target: str | os.PathLike | None = None) -> str:
    """The database the user chose: ``--db``, else ``$GOVERNANCE_DB``, else the default file."""
    chosen = target or os.environ.get(ENV_VAR) or DEFAULT_DB
    return str(chosen)


def describe(target: str) -> str:
    return parse_target(target).describe()


def is_retryable(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(m in text for m in _RETRYABLE)


_FILE_CONFIG = {"autoinstall_known_extensions": False}


@contextlib.contextmanager
def held(target: str) -> Iterator[None]:
    """Keep a DuckDB file open while the block runs (connections made inside reuse the open
    database). Best effort: when the file is locked by another process the block runs
    without it, and each operation retries and reports "busy" as usual."""
    if parse_target(target).postgres or not Path(target).exists():
        yield
        return
    try:
        keeper = duckdb.connect(str(Path(target)), config=_FILE_CONFIG)  # as ``connection``
    except (duckdb.Error, OSError):
        keeper = None
    try:
        yield
    finally:
        if keeper is not None:
            keeper.close()


@contextlib.contextmanager
def connection(target: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """One connection to ``target`` with the project schema as the default."""
    parsed = parse_target(target)
    if parsed.postgres:
        with _postgres(parsed) as con:
            yield con
        return
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path), config=_FILE_CONFIG)
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


# --- PostgreSQL ----------------------------------------------------------------------------
_attached: dict[str, duckdb.DuckDBPyConnection] = {}
_attach_lock = threading.Lock()


def postgres_extension_file() -> str:
    """The postgres extension shipped in the ``duckdb-extension-postgres-scanner`` wheel."""
    import duckdb_extension_postgres_scanner as wheel

    found = glob.glob(os.path.join(os.path.dirname(wheel.__file__), "**",
                                   "postgres_scanner.duckdb_extension"), recursive=True)
    if not found:
        raise DatabaseError("error.pg-extension", target="postgres_scanner")
    return found[0]


def _config() -> dict:
    return {"extension_directory": str(EXTENSION_DIR), "autoinstall_known_extensions": False,
            "autoload_known_extensions": True}


def _instance(target: Target) -> duckdb.DuckDBPyConnection:
    with _attach_lock:
        con = _attached.get(target.raw)
        if con is not None:
            return con
        EXTENSION_DIR.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(":memory:", config=_config())
        installed = con.execute("SELECT installed FROM duckdb_extensions() "
                                "WHERE extension_name = 'postgres_scanner'").fetchone()
        if not installed or not installed[0]:
            con.execute(f"INSTALL '{postgres_extension_file()}'")
        con.execute("LOAD postgres_scanner")
        url = target.libpq_url.replace("'", "''")
        try:
            con.execute(f"ATTACH '{url}' AS {PG_ALIAS} (TYPE postgres)")
        except duckdb.Error as exc:
            con.close()
            raise _pg_error(target, exc) from None
        _attached[target.raw] = con
        return con


def _pg_error(target: Target, exc: BaseException) -> DatabaseError:
    """One clear line naming host, port and database; the driver's text (which may hold
    the password) is never shown."""
    text = str(exc).lower()
    where = dict(host=target.host, port=target.port, dbname=target.dbname)
    if ("password authentication failed" in text or "no password supplied" in text
            or ("role" in text and "does not exist" in text)):
        return DatabaseError("error.pg-auth", user=target.user, **where)
    if "database" in text and "does not exist" in text:
        return DatabaseError("error.pg-no-database", **where)
    return DatabaseError("error.pg-unreachable", **where)


def forget(target: str) -> None:
    """Drop the cached attachment of ``target`` (after the server went away)."""
    with _attach_lock:
        con = _attached.pop(target, None)
    if con is not None:
        with contextlib.suppress(duckdb.Error):
            con.close()


@contextlib.contextmanager
def _postgres(target: Target) -> Iterator[duckdb.DuckDBPyConnection]:
    base = _instance(target)
    try:
        cursor = base.cursor()
        cursor.execute(f'CREATE SCHEMA IF NOT EXISTS {PG_ALIAS}."{target.schema}"')
        cursor.execute(f'USE {PG_ALIAS}."{target.schema}"')
    except duckdb.Error as exc:
        if is_retryable(exc):
            raise
        forget(target.raw)
        raise _pg_error(target, exc) from None
    try:
        yield cursor
    finally:
        cursor.close()


def with_retry(operation, target: str, timeout: float | None = None):
    """Run ``operation()`` again with backoff while the database is locked or a concurrent
    transaction conflicts; after ``timeout`` seconds say clearly that it is busy."""
    deadline = time.monotonic() + (BUSY_TIMEOUT_S if timeout is None else timeout)
    delay = 0.05
    while True:
        try:
            return operation()
        except duckdb.Error as exc:
            if not is_retryable(exc):
                if parse_target(target).postgres and _connection_lost(exc):
                    forget(target)
                    raise _pg_error(parse_target(target), exc) from None
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(target=describe(target)) from None
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 1.0)


def _connection_lost(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(m in text for m in ("connection", "server closed", "terminating", "could not"))
