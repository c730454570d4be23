"""Versioned schema migrations, and the additive sync of catalog columns.

A migration runs once, in order, inside the transaction that records it in
``schema_migrations``. Value columns of the upload tables come from the KPI catalog:
after the migrations, any catalog column the tables lack is added (nullable), so adding a
KPI to the catalog needs no hand-written migration. Stored types are plain
(VARCHAR, BIGINT, DOUBLE, DATE, BOOLEAN, TIMESTAMP) so the schema ports to PostgreSQL.
"""

from __future__ import annotations

from governance.catalog import KINDS, Column, Kind
from governance.errors import DatabaseError
from governance.store.engine import PG_ALIAS, parse_target

SQL_TYPES = {
    # names both DuckDB and PostgreSQL know (ALTER TABLE passes them through verbatim)
    "text": "VARCHAR", "enum": "VARCHAR", "integer": "BIGINT", "number": "FLOAT8",
    "percent": "FLOAT8", "month": "DATE", "date": "DATE", "datetime": "TIMESTAMP",
    "boolean": "BOOLEAN", "corporate_number": "VARCHAR",
}
# the upload kinds migrations 1-6 made tables for; a kind added later gets its tables from
# its own migration (``create_kind_tables``), so these must not grow
FIRST_KINDS = ("vendors", "kpis", "reviews", "actions")


def column_ddl(column: Column) -> str:
    return f'"{column.name}" {SQL_TYPES[column.type]}'


def _first_kinds() -> list[Kind]:
    return [KINDS[name] for name in FIRST_KINDS]


def _create_upload_tables(con, target: str) -> None:
    for kind in _first_kinds():
        cols = ", ".join(column_ddl(c) for c in kind.columns)
        key = ", ".join(f'"{k}"' for k in kind.key)
        con.execute(f'CREATE TABLE "{kind.name}" ({cols}, batch_id BIGINT NOT NULL, '
                    f'PRIMARY KEY ({key}))')
        con.execute(f'CREATE TABLE "{kind.name}_history" ({cols}, batch_id BIGINT NOT NULL, '
                    f'superseded_by BIGINT NOT NULL, reason VARCHAR NOT NULL)')


def _create_batches(con, target: str) -> None:
    con.execute("""
        CREATE TABLE import_batches (
            batch_id BIGINT PRIMARY KEY,
            kind VARCHAR NOT NULL,
            file_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            file_format VARCHAR,
            encoding VARCHAR,
            sheet VARCHAR,
            rows_total BIGINT NOT NULL,
            rows_inserted BIGINT NOT NULL,
            rows_replaced BIGINT NOT NULL,
            rows_unchanged BIGINT NOT NULL,
            loaded_by VARCHAR NOT NULL,
            loaded_at TIMESTAMP NOT NULL,
            status VARCHAR NOT NULL,
            rolled_back_by VARCHAR,
            rolled_back_at TIMESTAMP
        )""")


def _create_record_changes(con, target: str) -> None:
    """Field-level history of meetings and actions created or edited in the app: who
    changed which field of which record (its key as JSON), from what to what, and the
    import batch the edit was stored as."""
    con.execute("""
        CREATE TABLE record_changes (
            change_id BIGINT PRIMARY KEY,
            kind VARCHAR NOT NULL,
            record_key VARCHAR NOT NULL,
            field VARCHAR NOT NULL,
            old_value VARCHAR,
            new_value VARCHAR,
            changed_by VARCHAR NOT NULL,
            changed_at TIMESTAMP NOT NULL,
            batch_id BIGINT
        )""")


def _file_tables_without_key_index(con, target: str) -> None:
    """The embedded file: upload tables keep their keys NOT NULL but lose the primary-key
    index. Maintaining it was 1.4 s of a 1,000,000-row upload (the whole bare DuckDB load
    of that file is 2.2 s), and on the file it guards nothing the store does not already
    ensure: a batch replaces the stored rows of its keys, only one process can write the
    file, and writers inside one process collide on ``import_batches``' key (each takes
    the next batch id) and retry. PostgreSQL keeps the primary keys: there, writers in
    different processes run at once and the key is what makes one of them retry."""
    if parse_target(target).postgres:
        return
    for kind in _first_kinds():
        cols = ", ".join(column_ddl(c) + (" NOT NULL" if c.name in kind.key else "")
                         for c in kind.columns)
        names = ", ".join(f'"{c.name}"' for c in kind.columns)
        con.execute(f'CREATE TABLE "{kind.name}__rebuilt" ({cols}, batch_id BIGINT NOT NULL)')
        con.execute(f'INSERT INTO "{kind.name}__rebuilt" ({names}, batch_id) '
                    f'SELECT {names}, batch_id FROM "{kind.name}"')
        con.execute(f'DROP TABLE "{kind.name}"')
        con.execute(f'ALTER TABLE "{kind.name}__rebuilt" RENAME TO "{kind.name}"')


def _record_unchanged_keys(con, target: str) -> None:
    """The keys a batch sent unchanged (see ``batches``): ``<kind>_unchanged`` holds one row
    per key column set and batch. The keys a batch inserted or replaced need no record:
    they are its rows, current or in the history. ``import_batches.sent_recorded`` says
    whether every key a batch sent is recorded; a batch loaded before this migration that
    left rows unchanged never recorded which (false). PostgreSQL gets a primary key
    (a batch sends a key once; rollback looks keys up), the file none, as in migration 4."""
    postgres = parse_target(target).postgres
    for kind in _first_kinds():
        cols = ", ".join(column_ddl(kind.column(k)) + " NOT NULL" for k in kind.key)
        key = ", ".join(f'"{k}"' for k in kind.key)
        primary = f", PRIMARY KEY ({key}, batch_id)" if postgres else ""
        con.execute(f'CREATE TABLE "{kind.name}_unchanged" ({cols}, '
                    f'batch_id BIGINT NOT NULL{primary})')
    con.execute("ALTER TABLE import_batches ADD COLUMN sent_recorded BOOLEAN")
    con.execute("UPDATE import_batches SET sent_recorded = (rows_unchanged = 0)")
def _create_removals(con, target: str) -> None:
    """Removals of what one loader loaded (``demo --remove``): who removed whose rows
    when, how many rows went and came back, the batches rolled back, the vendors kept."""
    con.execute("""
        CREATE TABLE removals (
            removal_id BIGINT PRIMARY KEY,
            loaded_by VARCHAR NOT NULL,
            removed_by VARCHAR NOT NULL,
            removed_at TIMESTAMP NOT NULL,
            rows_removed BIGINT NOT NULL,
            rows_restored BIGINT NOT NULL,
            batches_rolled_back VARCHAR NOT NULL,
            vendors_kept VARCHAR NOT NULL
        )""")


def _create_profiles(con, target: str) -> None:
    """Saved import profiles and their history; the profile a file batch was read with."""
    from governance.store import profiles

    profiles.create(con)


def create_kind_tables(con, target: str, kind: Kind) -> None:
    """The tables of an upload kind added after migration 6, as migrations 1, 4 and 5 left
    those of the first kinds: ``<kind>`` (keys NOT NULL; a primary key on PostgreSQL
    only), ``<kind>_history`` and ``<kind>_unchanged``."""
    postgres = parse_target(target).postgres
    key = ", ".join(f'"{k}"' for k in kind.key)
    cols = ", ".join(column_ddl(c) + (" NOT NULL" if c.name in kind.key else "")
                     for c in kind.columns)
    primary = f", PRIMARY KEY ({key})" if postgres else ""
    con.execute(f'CREATE TABLE "{kind.name}" ({cols}, batch_id BIGINT NOT NULL{primary})')
    cols = ", ".join(column_ddl(c) for c in kind.columns)
    con.execute(f'CREATE TABLE "{kind.name}_history" ({cols}, batch_id BIGINT NOT NULL, '
                f'superseded_by BIGINT NOT NULL, reason VARCHAR NOT NULL)')
    keys = ", ".join(column_ddl(kind.column(k)) + " NOT NULL" for k in kind.key)
    primary = f", PRIMARY KEY ({key}, batch_id)" if postgres else ""
    con.execute(f'CREATE TABLE "{kind.name}_unchanged" ({keys}, '
                f'batch_id BIGINT NOT NULL{primary})')


def _create_tickets(con, target: str) -> None:
    """The ticket export (``catalog.tickets``); the register's ``resolver_groups`` comes
    with the additive column sync. On PostgreSQL an index on the resolved time (resolved,
    else closed), which the measured service (``service``, run inside the server) filters
    by: a month's tickets and those still open are found without reading the rest. The
    file needs none (DuckDB scans a column in milliseconds; an index would slow loads)."""
    create_kind_tables(con, target, KINDS["tickets"])
    parsed = parse_target(target)
    if parsed.postgres:  # an expression index: DuckDB's scanner passes it through as is
        sql = (f'CREATE INDEX tickets_resolved ON "{parsed.schema}".tickets '
               "((coalesce(resolved_at, closed_at)))")
        con.execute("CALL postgres_execute(?, ?)", [PG_ALIAS, sql])
def _create_contract_tables(con, target: str) -> None:
    """The contract register and the sub-contractors (issue 19)."""
    for name in ("contracts", "subcontractors"):
        create_kind_tables(con, target, KINDS[name])


MIGRATIONS = (
    (1, "upload tables and their history", _create_upload_tables),
    (2, "import batches", _create_batches),
    (3, "record change history", _create_record_changes),
    (4, "file: upload tables without the primary-key index", _file_tables_without_key_index),
    (5, "keys each batch sent unchanged", _record_unchanged_keys),
    (6, "removals of demo data", _create_removals),
    (7, "import profiles", _create_profiles),
    (8, "tickets", _create_tickets),
    (9, "contracts and sub-contractors", _create_contract_tables),
)
LATEST = MIGRATIONS[-1][0]


def current_version(con) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_catalog = "
        "current_database() AND table_schema = current_schema() "
        "AND table_name = 'schema_migrations'").fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def migrate(con, target: str) -> int:
    """Bring the schema to ``LATEST``; refuse a database made by a newer version."""
    version = current_version(con)
    if version > LATEST:
        raise DatabaseError("error.schema-too-new", found=version, supported=LATEST)
    if version == LATEST and not _missing_columns(con):
        return version
    con.begin()
    try:
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL, "
                    "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)")
        for number, name, step in MIGRATIONS:
            if number > version:
                step(con, target)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)",
                            [number, name])
        for table, column in _missing_columns(con):
            con.execute(f'ALTER TABLE "{table}" ADD COLUMN {column_ddl(column)}')
        con.commit()
    except BaseException as exc:
        con.rollback()
        if isinstance(exc, Exception) and _migrated_meanwhile(con):
            return LATEST
        raise
    return LATEST


def _migrated_meanwhile(con) -> bool:
    """Whether another process starting at the same moment migrated the schema while this
    one tried (on PostgreSQL both run; the second's CREATE TABLE then fails)."""
    try:
        return current_version(con) == LATEST and not _missing_columns(con)
    except Exception:  # the connection itself failed: the original error stands
        return False


def _missing_columns(con) -> list[tuple[str, Column]]:
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = current_schema()"
    ).fetchall()
    present = set(rows)
    missing = []
    for kind in KINDS.values():
        for table in (kind.name, f"{kind.name}_history"):
            missing += [(table, c) for c in kind.columns if (table, c.name) not in present]
    return missing
