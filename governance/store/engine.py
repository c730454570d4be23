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
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import duckdb

from governance import settings
from governance.errors import DatabaseError, StoreBusy

SCHEMA = "governance"
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "data" / "governance.duckdb"
PG_ALIAS = "gov"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")  # a schema name we can quote safely
_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file

# What another writer causes, told apart by the exception's type (never its text).
# On the file, inside one process (sessions of the app): a write-write conflict or a key
# another transaction committed first, found at commit (TransactionException), or while
# writing (ConstraintException: validation refuses duplicate keys inside a file and a write
# replaces the stored rows of its keys, so a key violation means a concurrent writer).
# Opening the file fails while another process holds it (IOException) or while another
# thread is opening it (BinderException): ``connection`` raises those as ``_FileContended``
# once it has ruled out a file that cannot be a database at all.
# PostgreSQL needs none of this: DuckDB's scanner reports every server error as a plain
# duckdb.Error carrying only the server's (localised) text, no SQLSTATE, so writers take
# turns there instead (``lock_writers``) and never fail each other.
_RETRYABLE = (duckdb.TransactionException, duckdb.ConstraintException)


class _FileContended(Exception):
    """The database file is held or being opened by someone else: try again shortly."""


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
    """The target of ``--db`` / ``[database] url``; a ``?schema=`` that is not a plain
    identifier is refused (``DatabaseError``) before it reaches any SQL."""
    if not raw.startswith(("postgresql://", "postgres://")):
        return Target(raw, postgres=False)
    parts = urlsplit(raw)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    schema = query.pop("schema", SCHEMA)
    if not _IDENTIFIER.fullmatch(schema):
        raise DatabaseError("error.pg-schema", schema=schema[:100])
    libpq = urlunsplit(("postgresql", parts.netloc, parts.path, urlencode(query), ""))
    return Target(raw, True, schema, libpq, parts.hostname or "localhost",
                  str(parts.port or 5432), unquote(parts.path.lstrip("/")) or "",
                  unquote(parts.username or ""))


def resolve_target(target: str | os.PathLike | None = None) -> str:
    """The database chosen (``--db`` or ``[database] url``, see ``governance.settings``),
    else ``$GOVERNANCE_DB``, else the default file."""
    chosen = target or settings.environment().database or DEFAULT_DB
    return str(chosen)


def describe(target: str) -> str:
    return parse_target(target).describe()


def is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, (_FileContended, *_RETRYABLE))


def _unusable_file(path: Path) -> str | None:
    """Why ``path`` cannot hold a database (a directory, no permission), or ``None``.
    Only ``stat``: opening the file here could release a lock this process holds on it."""
    if not path.exists():
        return None
    if not path.is_file():
        return "not a file"
    if not os.access(path, os.R_OK | os.W_OK):
        return "no permission to read and write it"
    return None


def _not_a_database(path: Path) -> bool:
    """Whether ``path`` lacks DuckDB's header. Read only after DuckDB failed to open it
    with an IOException: no DuckDB of this process holds the file then (a second connect
    would share that instance), so opening and closing it here drops no lock of ours
    (POSIX locks belong to the process and go with any of its descriptors)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return False
    return len(head) == 12 and head[8:12] != _DUCKDB_MAGIC


_FILE_CONFIG = {"autoinstall_known_extensions": False}
# no progress bar: a long query must not draw on the terminal of a command printing JSON
_SESSION = "SET enable_progress_bar = false"


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
    except OSError as exc:
        raise DatabaseError(target=describe(target), detail=exc.strerror or str(exc)) from None
    unusable = _unusable_file(path)
    if unusable:
        raise DatabaseError(target=describe(target), detail=unusable)
    try:
        con = duckdb.connect(str(path), config=_FILE_CONFIG)
    except duckdb.IOException as exc:
        if _not_a_database(path):
            raise DatabaseError(target=describe(target),
                                detail="not a DuckDB database file") from None
        raise _FileContended(str(exc)) from exc  # another process holds it
    except duckdb.Error as exc:
        raise _FileContended(str(exc)) from exc  # another thread is opening it
    try:
        catalog = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{catalog}"."{SCHEMA}"')
        con.execute(f'USE "{catalog}"."{SCHEMA}"')
        con.execute(_SESSION)
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
    return {"extension_directory": str(settings.environment().extension_dir),
            "autoinstall_known_extensions": False, "autoload_known_extensions": True}


def _instance(target: Target) -> duckdb.DuckDBPyConnection:
    with _attach_lock:
        con = _attached.get(target.raw)
        if con is not None:
            return con
        config = _config()
        Path(config["extension_directory"]).mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(":memory:", config=config)
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
    cursor = base.cursor()
    for attempt in (1, 2):  # a second try: another process may be creating the schema
        try:
            cursor.execute(f'CREATE SCHEMA IF NOT EXISTS {PG_ALIAS}."{target.schema}"')
            cursor.execute(f'USE {PG_ALIAS}."{target.schema}"')
            cursor.execute(_SESSION)
            break
        except duckdb.Error as exc:
            if not _reachable(target):
                cursor.close()
                forget(target.raw)
                raise _unreachable(target) from None
            if attempt == 2:
                cursor.close()
                raise DatabaseError(target=target.describe(),
                                    detail=str(exc).strip().splitlines()[0][:200]) from None
    try:
        yield cursor
    finally:
        cursor.close()


def lock_writers(con: duckdb.DuckDBPyConnection, target: str, timeout: float) -> None:
    """On PostgreSQL, make writers take turns: the first statement of a write transaction
    locks ``import_batches`` (every write records a batch there) against other writers,
    readers unaffected, waiting at most ``timeout`` seconds. It runs before the
    transaction's snapshot is taken (REPEATABLE READ), so the writer that waited sees the
    other's rows and can neither fail to serialize nor deadlock; nothing is retried.
    A wait that runs out is ``StoreBusy``. On the file DuckDB's own lock does this."""
    parsed = parse_target(target)
    if not parsed.postgres:
        return
    # no quote can occur here: the schema is a checked identifier (parse_target)
    sql = (f"SET LOCAL lock_timeout = {max(int(timeout * 1000), 1)}; "
           f'LOCK TABLE "{parsed.schema}".import_batches IN EXCLUSIVE MODE')
    try:
        con.execute(f"CALL postgres_execute('{PG_ALIAS}', '{sql}')")
    except duckdb.Error:
        if not _reachable(parsed):
            forget(target)
            raise _unreachable(parsed) from None
        raise StoreBusy(target=describe(target)) from None


def _reachable(target: Target) -> bool:
    """Whether the server answers now (after an error whose text we do not interpret)."""
    try:
        cursor = _instance(target).cursor()
    except DatabaseError:
        return False
    try:
        cursor.execute(f"SELECT * FROM postgres_query('{PG_ALIAS}', 'SELECT 1')").fetchall()
        return True
    except duckdb.Error:
        return False
    finally:
        cursor.close()


def _unreachable(target: Target) -> DatabaseError:
    return DatabaseError("error.pg-unreachable", host=target.host, port=target.port,
                         dbname=target.dbname)


def with_retry(operation, target: str, timeout: float | None = None):
    """Run ``operation()`` again with backoff while the database file is locked or a
    concurrent transaction conflicts; after ``timeout`` seconds (default
    ``$GOVERNANCE_BUSY_TIMEOUT``) say clearly that it is busy. On PostgreSQL an error
    while the server does not answer means the server went away: the cached attachment
    is dropped and the message says the server cannot be reached."""
    if timeout is None:
        timeout = settings.environment().busy_timeout
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            return operation()
        except (duckdb.Error, _FileContended) as exc:
            if not is_retryable(exc):
                parsed = parse_target(target)
                if parsed.postgres and not _reachable(parsed):
                    forget(target)
                    raise _unreachable(parsed) from None
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(target=describe(target)) from None
        time.sleep(delay * (0.5 + random.random()))
        delay = min(delay * 2, 1.0)
