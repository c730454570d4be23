"""Moving a whole database between engines (file -> server, server -> file, server ->
server): every table of the schema, the import history and record history included.

The target is migrated first, refused when it holds data unless ``replace``, written in
one transaction, and its row counts checked against the source afterwards.
"""

from __future__ import annotations

from governance.errors import GovernanceError

SKIP = {"schema_migrations"}  # the target keeps its own record of migrations


def tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = "
        "current_database() AND table_schema = current_schema() ORDER BY table_name"
    ).fetchall() if r[0] not in SKIP]


def columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = "
        "current_database() AND table_schema = current_schema() AND table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall()]


def counts(con, names: list[str]) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in names}


def read_all(con) -> dict[str, object]:
    """Every table of the source as an Arrow table."""
    return {t: con.execute(f'SELECT * FROM "{t}"').to_arrow_table() for t in tables(con)}


def write_all(con, data: dict[str, object], replace: bool) -> dict[str, int]:
    """Write ``data`` into the target (the caller owns the transaction)."""
    present = tables(con)
    missing = sorted(set(data) - set(present))
    if missing:
        raise GovernanceError("error.copy-schema", tables=", ".join(missing))
    filled = {t: n for t, n in counts(con, present).items() if n}
    if filled and not replace:
        raise GovernanceError("error.copy-not-empty",
                              tables=", ".join(f"{t} ({n})" for t, n in sorted(filled.items())))
    for table in present:
        con.execute(f'DELETE FROM "{table}"')
    written = {}
    for table, arrow in data.items():
        shared = [c for c in columns(con, table) if c in arrow.column_names]
        cols = ", ".join(f'"{c}"' for c in shared)
        con.register("copy_source", arrow)
        try:
            con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM copy_source')
        finally:
            con.unregister("copy_source")
        written[table] = arrow.num_rows
    return written
