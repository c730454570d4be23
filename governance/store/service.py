"""The service measured from tickets, per vendor and month. All SQL of it.

A ticket is the vendor's whose ``resolver_groups`` (the register, ``;``-separated) names
the group the ticket was last assigned to, compared trimmed and in any case; a group two
vendors name is the first vendor's by ID (the register refuses that within one file). A
ticket counts as resolved at ``resolved_at``, else at ``closed_at``.

Per vendor and month, for the tickets of the *view* — resolved in the month (``resolved``,
what the month delivered) or opened in it (``opened``):

- ``tickets``; ``sla_tickets``, those with a ``made_sla`` value; ``sla_met_pct``, the share
  of those that met it; ``reopened_pct``, the share of those with a ``reopen_count`` that
  were reopened (> 0); ``median_resolution_hours`` over those with a resolved time;
  ``p1_tickets``, those of priority 1;
- whatever the view: ``opened`` and ``resolved`` in the month, and ``backlog``, opened by
  the month's end and not resolved by then.

Both engines run the same statement in DuckDB (a PostgreSQL store is attached through
DuckDB's scanner, which streams the rows and leaves the aggregates to DuckDB); medians are
DuckDB's ``median`` (interpolated, as ``percentile_cont(0.5)``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from governance.store import frames

VIEWS = {"resolved": "resolved", "opened": "opened_at"}  # view -> the time it counts by
FIGURES = ["vendor_id", "month", "opened", "resolved", "tickets", "sla_tickets",
           "sla_met_pct", "reopened_pct", "median_resolution_hours", "p1_tickets", "backlog"]

_GROUPS = """
    SELECT lower(trim(g)) AS grp, min(vendor_id) AS vendor_id
    FROM (SELECT vendor_id, unnest(string_split(resolver_groups, ';')) AS g
          FROM vendors WHERE resolver_groups IS NOT NULL) named
    WHERE trim(g) <> '' GROUP BY 1"""

# the tickets that touch the months $start … $after (opened before their end, not
# resolved before their start), each with its vendor: one scan of the table, the rest of
# the work on what it found
_TICKETS = f"""
    SELECT g.vendor_id, t.opened_at, t.resolved, t.made_sla, t.reopen_count, t.priority
    FROM (SELECT *, coalesce(resolved_at, closed_at) AS resolved FROM tickets) t
    JOIN ({_GROUPS}) g ON lower(trim(t.assignment_group)) = g.grp
    WHERE t.opened_at < $after AND (t.resolved IS NULL OR t.resolved >= $start)"""


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of ``first``'s month and of the month after ``last``."""
    start = dt.datetime(first.year, first.month, 1)
    after = dt.datetime(last.year + last.month // 12, last.month % 12 + 1, 1)
    return start, after


def figures(con, first: dt.date, last: dt.date, by: str = "resolved") -> pd.DataFrame:
    """The figures (``FIGURES``) of every vendor and month from ``first`` to ``last`` with
    any ticket in the view, opened, resolved or open at the month's end.

    The tickets are read once, filtered by time before their groups are matched to
    vendors: a month of 5,000,000 stored tickets works on that month's and those still
    open."""
    anchor = VIEWS[by]
    start, after = _bounds(first, last)
    return frames.frame(con.execute(f"""
        WITH t AS MATERIALIZED ({_TICKETS}),
        span AS (SELECT range AS "month", range + INTERVAL 1 MONTH AS month_after
                 FROM range($start, $after, INTERVAL 1 MONTH)),
        shown AS (
            SELECT vendor_id, date_trunc('month', {anchor}) AS "month",
                   count(*) AS tickets, count(made_sla) AS sla_tickets,
                   100.0 * count(*) FILTER (WHERE made_sla) / nullif(count(made_sla), 0)
                       AS sla_met_pct,
                   100.0 * count(*) FILTER (WHERE reopen_count > 0)
                       / nullif(count(reopen_count), 0) AS reopened_pct,
                   median(epoch(resolved - opened_at) / 3600) AS median_resolution_hours,
                   count(*) FILTER (WHERE priority = '1') AS p1_tickets
            FROM t WHERE {anchor} >= $start AND {anchor} < $after GROUP BY ALL),
        opened AS (
            SELECT vendor_id, date_trunc('month', opened_at) AS "month", count(*) AS opened
            FROM t WHERE opened_at >= $start AND opened_at < $after GROUP BY ALL),
        resolved AS (
            SELECT vendor_id, date_trunc('month', resolved) AS "month", count(*) AS resolved
            FROM t WHERE resolved >= $start AND resolved < $after GROUP BY ALL),
        open_at_end AS (  -- opened before the month's end and not resolved by then
            SELECT t.vendor_id, s."month", count(*) AS backlog
            FROM t JOIN span s ON t.opened_at < s.month_after
                              AND (t.resolved IS NULL OR t.resolved >= s.month_after)
            GROUP BY ALL),
        found AS (SELECT vendor_id, "month" FROM shown UNION SELECT vendor_id, "month" FROM opened
                  UNION SELECT vendor_id, "month" FROM resolved
                  UNION SELECT vendor_id, "month" FROM open_at_end)
        SELECT f.vendor_id, CAST(f."month" AS DATE) AS "month",
               coalesce(o.opened, 0)::BIGINT AS opened,
               coalesce(r.resolved, 0)::BIGINT AS resolved,
               coalesce(s.tickets, 0)::BIGINT AS tickets,
               coalesce(s.sla_tickets, 0)::BIGINT AS sla_tickets,
               s.sla_met_pct, s.reopened_pct, s.median_resolution_hours,
               coalesce(s.p1_tickets, 0)::BIGINT AS p1_tickets,
               coalesce(b.backlog, 0)::BIGINT AS backlog
        FROM found f
        LEFT JOIN shown s ON s.vendor_id = f.vendor_id AND s."month" = f."month"
        LEFT JOIN opened o ON o.vendor_id = f.vendor_id AND o."month" = f."month"
        LEFT JOIN resolved r ON r.vendor_id = f.vendor_id AND r."month" = f."month"
        LEFT JOIN open_at_end b ON b.vendor_id = f.vendor_id AND b."month" = f."month"
        ORDER BY 1, 2""", {"start": start, "after": after}))


def measured_sla(con, first: dt.date, last: dt.date) -> pd.DataFrame:
    """What scoring reads (``GridInputs`` sources): per vendor and month resolved in
    ``first`` … ``last``, ``sla_tickets`` and ``measured_sla_pct`` as ``figures`` gives
    them for the ``resolved`` view."""
    start, after = _bounds(first, last)
    return frames.frame(con.execute(f"""
        SELECT g.vendor_id, CAST(a."month" AS DATE) AS "month",
               sum(a.known)::BIGINT AS sla_tickets,
               100.0 * sum(a.met) / nullif(sum(a.known), 0) AS measured_sla_pct
        FROM (  -- counted per group first: groups are few, tickets many
            SELECT assignment_group, date_trunc('month', resolved) AS "month",
                   count(made_sla) AS known, count(*) FILTER (WHERE made_sla) AS met
            FROM (SELECT coalesce(resolved_at, closed_at) AS resolved, made_sla,
                         assignment_group FROM tickets) t
            WHERE resolved >= $start AND resolved < $after GROUP BY ALL) a
        JOIN ({_GROUPS}) g ON lower(trim(a.assignment_group)) = g.grp
        GROUP BY ALL ORDER BY 1, 2""", {"start": start, "after": after}))


def unassigned(con, first: dt.date | None = None, last: dt.date | None = None,
               by: str = "resolved") -> tuple[int, int]:
    """Groups that belong to no vendor, and their tickets: all stored, or those of the view
    in ``first`` … ``last``. Tickets without a group count as tickets, not as a group."""
    where, params = "", {}
    if first is not None:
        where = f"AND {VIEWS[by]} >= $start AND {VIEWS[by]} < $after"
        params = dict(zip(("start", "after"), _bounds(first, last or first), strict=True))
    return con.execute(f"""
        SELECT count(DISTINCT lower(trim(t.assignment_group))), count(*)
        FROM (SELECT *, coalesce(resolved_at, closed_at) AS resolved FROM tickets) t
        LEFT JOIN ({_GROUPS}) g ON lower(trim(t.assignment_group)) = g.grp
        WHERE g.grp IS NULL {where}""", params).fetchone()
