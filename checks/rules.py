"""Rules across columns and rows that a column check cannot express.

Each rule takes the typed frame of one upload (canonical columns) and the context (the
kind's declaration, known vendors, today) and yields ``Finding``s at frame positions; the
caller shows them with spreadsheet rows and headers as written. The kind is read by duck
typing (``name``, ``key``, ``columns`` with ``name``, ``type`` and ``references``), so this
module imports no governance module. All rules are vectorised: a 1,000,000-row file costs a
few passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from checks.findings import Cell, Finding, Headers, Row, Suggestions


@dataclass
class Context:
    kind: object  # the catalog's Kind, or anything with name, key and columns
    frame: pd.DataFrame
    known_vendors: frozenset[str] | None
    today: dt.date


def duplicate_keys(ctx: Context) -> Iterator[Finding]:
    key = list(ctx.kind.key)
    keyed = ctx.frame[key]
    complete = keyed.notna().all(axis=1)
    dup = keyed.duplicated(keep="first") & complete
    if not dup.any():
        return
    positions = pd.Series(range(len(keyed)), index=keyed.index)[complete]
    first = positions.groupby([keyed.loc[complete, k] for k in key], sort=False
                              ).transform("first")
    for i in dup[dup].index:
        yield Finding("duplicate-key", int(i), key[-1],
                      {"expected": Headers(tuple(key)), "other": Row(int(first.loc[i]))})


def unknown_vendors(ctx: Context) -> Iterator[Finding]:
    if ctx.known_vendors is None:
        return
    for column in (c for c in ctx.kind.columns if c.references == "vendors"):
        values = ctx.frame[column.name]
        # a million rows name a few thousand vendors: each name looked up once
        named = values.dropna().unique()
        if all(v in ctx.known_vendors for v in named):
            continue
        unknown = values.notna() & ~values.isin(ctx.known_vendors)
        hints: dict[str, Suggestions] = {}
        for i in unknown[unknown].index:
            vid = values.iloc[i]
            if vid not in hints:
                close = difflib.get_close_matches(vid, sorted(ctx.known_vendors), n=3, cutoff=0.6)
                hints[vid] = Suggestions(tuple(close))
            yield Finding("unknown-vendor", int(i), column.name, {"hint": hints[vid]})


def _ordered(ctx: Context, earlier: str, later: str, code: str) -> Iterator[Finding]:
    if earlier not in ctx.frame or later not in ctx.frame:
        return
    a, b = ctx.frame[earlier], ctx.frame[later]
    wrong = (a.notna() & b.notna() & (b < a)).fillna(False)
    for i in wrong[wrong].index:
        yield Finding(code, int(i), later, {"expected": Cell(earlier, int(i))})


def contract_dates(ctx: Context) -> Iterator[Finding]:
    yield from _ordered(ctx, "contract_start", "contract_end", "end-before-start")


def contract_term(ctx: Context) -> Iterator[Finding]:
    yield from _ordered(ctx, "start_on", "end_on", "end-before-start")


def parent_from_tier_two(ctx: Context) -> Iterator[Finding]:
    """A sub-contractor of tier 2 or deeper names who hands the work to it."""
    missing = (ctx.frame["tier"] >= 2).fillna(False) & ctx.frame["parent_name"].isna()
    for i in missing[missing].index:
        yield Finding("parent-required", int(i), "parent_name",
                      {"expected": Cell("tier", int(i))})


def action_dates(ctx: Context) -> Iterator[Finding]:
    yield from _ordered(ctx, "raised_on", "due_on", "due-before-raised")
    # the contract does not forbid it: a note, not a refusal (declared so in problems.CODES)
    yield from _ordered(ctx, "raised_on", "closed_on", "closed-before-raised")


def ticket_times(ctx: Context) -> Iterator[Finding]:
    yield from _ordered(ctx, "opened_at", "resolved_at", "before-opened")
    yield from _ordered(ctx, "opened_at", "closed_at", "before-opened")


def resolver_groups(ctx: Context) -> Iterator[Finding]:
    """A ticket tool's group belongs to one vendor: a later vendor naming a group an
    earlier one names is refused (groups compare trimmed and in any case, as tickets are
    matched to them)."""
    groups = ctx.frame["resolver_groups"].dropna().str.split(";").explode().str.strip()
    pairs = pd.DataFrame({"row": groups.index, "group": groups.to_numpy(),
                          "same": groups.str.casefold().to_numpy()})
    pairs = pairs[pairs["group"] != ""].drop_duplicates(["row", "same"])
    first = pairs.groupby("same")["row"].transform("min")
    taken = pairs[pairs["row"] != first]
    for row, group, owner in zip(taken["row"], taken["group"], first[taken.index], strict=True):
        yield Finding("group-taken", int(row), "resolver_groups",
                      {"detail": group, "other": Row(int(owner))})


def closed_when_done(ctx: Context) -> Iterator[Finding]:
    done = (ctx.frame["status"] == "done").fillna(False) & ctx.frame["closed_on"].isna()
    for i in done[done].index:
        yield Finding("closed-on-required", int(i), "closed_on")


def months_not_in_future(ctx: Context) -> Iterator[Finding]:
    this_month = pd.Timestamp(ctx.today.replace(day=1))
    for column in (c for c in ctx.kind.columns if c.type == "month"):
        future = (ctx.frame[column.name] > this_month).fillna(False)
        for i in future[future].index:
            yield Finding("month-in-future", int(i), column.name,
                          {"expected": ctx.today.strftime("%Y-%m")})


RULES = {
    "vendors": (duplicate_keys, contract_dates, resolver_groups),
    "kpis": (duplicate_keys, unknown_vendors, months_not_in_future),
    "reviews": (duplicate_keys, unknown_vendors, months_not_in_future),
    "actions": (duplicate_keys, unknown_vendors, action_dates, closed_when_done),
    "tickets": (duplicate_keys, ticket_times),
    "contracts": (duplicate_keys, unknown_vendors, contract_term),
    "subcontractors": (duplicate_keys, unknown_vendors, parent_from_tier_two),
}


def check(ctx: Context) -> Iterator[Finding]:
    for rule in RULES[ctx.kind.name]:
        yield from rule(ctx)
