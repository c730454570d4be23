"""Rules across columns and tables that a column check cannot express.

Each rule takes the typed frame of one upload (canonical columns), the spreadsheet row
numbers, the headers as the user wrote them and the context (known vendors, today), and
yields ``Problem``s. All are vectorised: a 1,000,000-row file costs a few passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from governance.catalog import Kind
from governance.ingest.problems import Problem, did_you_mean


@dataclass
class Context:
    kind: Kind
    frame: pd.DataFrame
    rows: pd.Series
    headers: dict[str, str]  # canonical name -> header as written
    raw: dict[str, pd.Series]  # canonical name -> cells as written
    known_vendors: frozenset[str] | None
    today: dt.date

    def problem(self, code: str, index, column: str, **params) -> Problem:
        raw = self.raw.get(column)
        value = None if raw is None else raw.iloc[index]
        return Problem.of(code, row=int(self.rows.iloc[index]),
                          column=self.headers.get(column, column),
                          value=None if pd.isna(value) else value, **params)


def duplicate_keys(ctx: Context) -> Iterator[Problem]:
    key = list(ctx.kind.key)
    if not all(k in ctx.headers for k in key):
        return
    keyed = ctx.frame[key]
    complete = keyed.notna().all(axis=1)
    dup = keyed.duplicated(keep="first") & complete
    if not dup.any():
        return
    first_row = {}
    for i in range(len(keyed)):
        if not complete.iloc[i]:
            continue
        k = tuple(keyed.iloc[i])
        if dup.iloc[i]:
            yield ctx.problem("duplicate-key", i, key[-1],
                              expected=" + ".join(ctx.headers[c] for c in key),
                              other=first_row[k])
        else:
            first_row.setdefault(k, int(ctx.rows.iloc[i]))


def unknown_vendors(ctx: Context) -> Iterator[Problem]:
    if ctx.known_vendors is None:
        return
    for column in (c for c in ctx.kind.columns if c.references == "vendors"):
        values = ctx.frame[column.name]
        unknown = values.notna() & ~values.isin(ctx.known_vendors)
        hints: dict[str, dict] = {}
        for i in unknown[unknown].index:
            vid = values.iloc[i]
            if vid not in hints:
                close = difflib.get_close_matches(vid, sorted(ctx.known_vendors), n=3, cutoff=0.6)
                hints[vid] = did_you_mean(close)
            yield ctx.problem("unknown-vendor", i, column.name, hint=hints[vid])


def _ordered(ctx: Context, earlier: str, later: str, code: str) -> Iterator[Problem]:
    if earlier not in ctx.frame or later not in ctx.frame:
        return
    a, b = ctx.frame[earlier], ctx.frame[later]
    wrong = (a.notna() & b.notna() & (b < a)).fillna(False)
    for i in wrong[wrong].index:
        yield ctx.problem(code, i, later, expected=ctx.raw[earlier].iloc[i])


def contract_dates(ctx: Context) -> Iterator[Problem]:
    yield from _ordered(ctx, "contract_start", "contract_end", "end-before-start")


def action_dates(ctx: Context) -> Iterator[Problem]:
    yield from _ordered(ctx, "raised_on", "due_on", "due-before-raised")
    # the contract does not forbid it: a note, not a refusal (declared so in problems.CODES)
    yield from _ordered(ctx, "raised_on", "closed_on", "closed-before-raised")


def closed_when_done(ctx: Context) -> Iterator[Problem]:
    done = (ctx.frame["status"] == "done").fillna(False) & ctx.frame["closed_on"].isna()
    for i in done[done].index:
        yield ctx.problem("closed-on-required", i, "closed_on")


def months_not_in_future(ctx: Context) -> Iterator[Problem]:
    this_month = pd.Timestamp(ctx.today.replace(day=1))
    for column in (c for c in ctx.kind.columns if c.type == "month"):
        future = (ctx.frame[column.name] > this_month).fillna(False)
        for i in future[future].index:
            yield ctx.problem("month-in-future", i, column.name,
                              expected=ctx.today.strftime("%Y-%m"))


RULES = {
    "vendors": (duplicate_keys, contract_dates),
    "kpis": (duplicate_keys, unknown_vendors, months_not_in_future),
    "reviews": (duplicate_keys, unknown_vendors, months_not_in_future),
    "actions": (duplicate_keys, unknown_vendors, action_dates, closed_when_done),
}


def check(ctx: Context) -> Iterator[Problem]:
    for rule in RULES[ctx.kind.name]:
        yield from rule(ctx)
