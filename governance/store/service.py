"""The service measured from tickets, per vendor and month. All SQL of it.

A ticket is the vendor's whose ``resolver_groups`` (the register, ``;``-separated) names
the group the ticket was last assigned to, compared trimmed and in any case; a group two
vendors name is the first vendor's by ID (the register refuses that within one file). A
ticket counts as resolved at ``resolved_at``, else at ``closed_at``.

Per vendor and month, for the tickets of the *view* — resolved in the month (``resolved``,
what the month delivered) or opened in it (``opened``):

- ``tickets``; ``sla_tickets``, those with a ``made_sla`` value; ``sla_met_pct``, the share
  of those that met it; ``reopened_pct``, the share of those with a ``reopen_count`` that
  were reopened (> 0); ``median_resolution_hours`` over those with a resolved time
  (``percentile_cont(0.5)``, interpolated); ``p1_tickets``, those of priority 1;
- whatever the view: ``opened`` and ``resolved`` in the month, and ``backlog``, opened by
  the month's end and not resolved by then.

**Where it runs.** The statements are written in the SQL DuckDB and PostgreSQL share. On
the file DuckDB runs them with the month bounds as parameters. A PostgreSQL store is
attached through DuckDB's scanner, which would stream every stored ticket to DuckDB before
aggregating (8 s for 5,000,000); there the statement runs inside PostgreSQL
(``postgres_query``), beside the data and its indexes (migration 8), and only the per-vendor
rows come back. ``postgres_query`` takes no parameters: the bounds are written into the
statement as timestamp literals formatted from ``datetime`` values (``_literal``), the
schema is the checked identifier of the target — no user text reaches the statement.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from governance.store import frames
from governance.store.engine import PG_ALIAS

VIEWS = {"resolved": "resolved", "opened": "opened_at"}  # view -> the time it counts by
FIGURES = ["vendor_id", "month", "opened", "resolved", "tickets", "sla_tickets",
           "sla_met_pct", "reopened_pct", "median_resolution_hours", "p1_tickets", "backlog"]

_GROUPS = """
    SELECT lower(trim(g)) AS grp, min(vendor_id) AS vendor_id
    FROM (SELECT vendor_id, unnest(string_to_array(resolver_groups, ';')) AS g
          FROM {vendors} WHERE resolver_groups IS NOT NULL) named
    WHERE trim(g) <> '' GROUP BY 1"""

# each ticket with its resolved time (resolved, else closed)
_RESOLVED = "SELECT *, coalesce(resolved_at, closed_at) AS resolved FROM {tickets}"

# the tickets that touch the months $start … $after (opened before their end, not
# resolved before their start), each with its vendor: one pass over the table, the rest
# of the work on what it found
_TOUCHING = f"""
    SELECT g.vendor_id, t.opened_at, t.resolved, t.made_sla, t.reopen_count, t.priority
    FROM ({_RESOLVED}) t
    JOIN ({_GROUPS}) g ON lower(trim(t.assignment_group)) = g.grp
    WHERE t.opened_at < $after AND (t.resolved IS NULL OR t.resolved >= $start)"""

_FIGURES = f"""
    WITH t AS MATERIALIZED ({_TOUCHING}),
    span AS (SELECT s."month", s."month" + INTERVAL '1 month' AS month_after
             FROM generate_series($start, $last, INTERVAL '1 month') AS s("month")),
    shown AS (
        SELECT vendor_id, date_trunc('month', {{anchor}}) AS "month",
               count(*) AS tickets, count(made_sla) AS sla_tickets,
               100.0 * count(*) FILTER (WHERE made_sla) / nullif(count(made_sla), 0)
                   AS sla_met_pct,
               100.0 * count(*) FILTER (WHERE reopen_count > 0)
                   / nullif(count(reopen_count), 0) AS reopened_pct,
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM resolved - opened_at) / 3600)
                   AS median_resolution_hours,
               count(*) FILTER (WHERE priority = '1') AS p1_tickets
        FROM t WHERE {{anchor}} >= $start AND {{anchor}} < $after GROUP BY 1, 2),
    opened AS (
        SELECT vendor_id, date_trunc('month', opened_at) AS "month", count(*) AS opened
        FROM t WHERE opened_at >= $start AND opened_at < $after GROUP BY 1, 2),
    resolved AS (
        SELECT vendor_id, date_trunc('month', resolved) AS "month", count(*) AS resolved
        FROM t WHERE resolved >= $start AND resolved < $after GROUP BY 1, 2),
    open_at_end AS (  -- opened before the month's end and not resolved by then
        SELECT t.vendor_id, s."month", count(*) AS backlog
        FROM t JOIN span s ON t.opened_at < s.month_after
                          AND (t.resolved IS NULL OR t.resolved >= s.month_after)
        GROUP BY 1, 2),
    found AS (SELECT vendor_id, "month" FROM shown UNION SELECT vendor_id, "month" FROM opened
              UNION SELECT vendor_id, "month" FROM resolved
              UNION SELECT vendor_id, "month" FROM open_at_end)
    SELECT f.vendor_id, CAST(f."month" AS DATE) AS "month",
           coalesce(o.opened, 0)::BIGINT AS opened,
           coalesce(r.resolved, 0)::BIGINT AS resolved,
           coalesce(s.tickets, 0)::BIGINT AS tickets,
           coalesce(s.sla_tickets, 0)::BIGINT AS sla_tickets,
           s.sla_met_pct::FLOAT8 AS sla_met_pct, s.reopened_pct::FLOAT8 AS reopened_pct,
           s.median_resolution_hours::FLOAT8 AS median_resolution_hours,
           coalesce(s.p1_tickets, 0)::BIGINT AS p1_tickets,
           coalesce(b.backlog, 0)::BIGINT AS backlog
    FROM found f
    LEFT JOIN shown s ON s.vendor_id = f.vendor_id AND s."month" = f."month"
    LEFT JOIN opened o ON o.vendor_id = f.vendor_id AND o."month" = f."month"
    LEFT JOIN resolved r ON r.vendor_id = f.vendor_id AND r."month" = f."month"
    LEFT JOIN open_at_end b ON b.vendor_id = f.vendor_id AND b."month" = f."month"
    ORDER BY 1, 2"""

_MEASURED_SLA = f"""
    SELECT g.vendor_id, CAST(a."month" AS DATE) AS "month",
           sum(a.known)::BIGINT AS sla_tickets,
           (100.0 * sum(a.met) / nullif(sum(a.known), 0))::FLOAT8 AS measured_sla_pct
    FROM (  -- counted per group first: groups are few, tickets many
        SELECT assignment_group, date_trunc('month', resolved) AS "month",
               count(made_sla) AS known, count(*) FILTER (WHERE made_sla) AS met
        FROM ({_RESOLVED}) t
        WHERE resolved >= $start AND resolved < $after GROUP BY 1, 2) a
    JOIN ({_GROUPS}) g ON lower(trim(a.assignment_group)) = g.grp
    GROUP BY 1, 2 ORDER BY 1, 2"""

_UNASSIGNED = f"""
    SELECT count(DISTINCT lower(trim(t.assignment_group)))::BIGINT AS groups,
           count(*)::BIGINT AS tickets
    FROM ({_RESOLVED}) t LEFT JOIN ({_GROUPS}) g ON lower(trim(t.assignment_group)) = g.grp
    WHERE g.grp IS NULL {{within}}"""

_STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def _bounds(first: dt.date, last: dt.date) -> dict[str, dt.datetime]:
    """The first moment of ``first``'s month, of ``last``'s and of the month after it."""
    return {"start": dt.datetime(first.year, first.month, 1),
            "last": dt.datetime(last.year, last.month, 1),
            "after": dt.datetime(last.year + last.month // 12, last.month % 12 + 1, 1)}


def _literal(value: dt.datetime) -> str:
    """A timestamp literal both dialects read, from a ``datetime`` (never from text)."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"not a datetime: {value!r}")
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if not _STAMP.fullmatch(text):  # four-digit years only (1900-2100 reach here)
        raise ValueError(text)
    return f"TIMESTAMP '{text}'"


def _query(con, sql: str, bounds: dict[str, dt.datetime], schema: str | None
           ) -> pd.DataFrame:
    """Run ``sql`` (tables written ``{tickets}`` and ``{vendors}``, the bounds ``$name``)
    on the file, or inside the PostgreSQL schema ``schema`` (see the module docstring)."""
    used = {k: v for k, v in bounds.items() if f"${k}" in sql}
    if schema is None:
        return frames.frame(con.execute(sql.format(tickets="tickets", vendors="vendors"),
                                        used))
    text = sql.format(tickets=f'"{schema}".tickets', vendors=f'"{schema}".vendors')
    for name, value in used.items():
        text = text.replace(f"${name}", _literal(value))
    return frames.frame(con.execute("SELECT * FROM postgres_query(?, ?)", [PG_ALIAS, text]))


def figures(con, first: dt.date, last: dt.date, by: str = "resolved",
            schema: str | None = None) -> pd.DataFrame:
    """The figures (``FIGURES``) of every vendor and month from ``first`` to ``last`` with
    any ticket in the view, opened, resolved or open at the month's end. ``schema``: the
    PostgreSQL schema of the store, None on the file.

    The tickets are read once, filtered by time before their groups are matched to
    vendors: a month of 5,000,000 stored tickets works on that month's and those still
    open."""
    sql = _FIGURES.replace("{anchor}", VIEWS[by])
    return _query(con, sql, _bounds(first, last), schema)[FIGURES]


def measured_sla(con, first: dt.date, last: dt.date, schema: str | None = None
                 ) -> pd.DataFrame:
    """What scoring reads (``GridInputs`` sources): per vendor and month resolved in
    ``first`` … ``last``, ``sla_tickets`` and ``measured_sla_pct`` as ``figures`` gives
    them for the ``resolved`` view."""
    return _query(con, _MEASURED_SLA, _bounds(first, last), schema)


def unassigned(con, first: dt.date | None = None, last: dt.date | None = None,
               by: str = "resolved", schema: str | None = None) -> tuple[int, int]:
    """Groups that belong to no vendor, and their tickets: all stored, or those of the view
    in ``first`` … ``last``. Tickets without a group count as tickets, not as a group."""
    within = (f"AND {VIEWS[by]} >= $start AND {VIEWS[by]} < $after"
              if first is not None else "")
    bounds = _bounds(first, last or first) if first is not None else {}
    row = _query(con, _UNASSIGNED.replace("{within}", within), bounds, schema).iloc[0]
    return int(row["groups"]), int(row["tickets"])
