"""Recording and editing meetings and action items from the app.

Every value typed into a form goes through the same parsing, pandera models and
cross-table rules as an uploaded file (``governance.validate`` on a small table whose
headers are the canonical column names), so the rules are identical: a known vendor, a
due date not before the date raised, a closing date when done, no month in the future.
A refused edit writes nothing. A saved edit is stored by ``Store.save_records``: one
import batch per kind, every changed field in ``record_changes`` with the acting user.
The acting user needs the ``edit`` right (editor or admin): anyone else gets an
``Outcome`` whose ``error`` is ``AccessDenied``, and nothing is checked or written.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from governance.access import AccessDenied, Actor, require
from governance.catalog import ACTIONS, KINDS, REVIEWS, Column, Kind
from governance.errors import GovernanceError
from governance.i18n import t
from governance.ingest.problems import Problem
from governance.ingest.readers import RawTable
from governance.ingest.validate import validate
from governance.store import SaveResult, Store
from governance.store.records import RecordError, record_key

ACTION_STATUSES = tuple(c.value for c in ACTIONS.column("status").choices)
# what each form asks for, from the catalog: a meeting is every column of the review log;
# an existing action keeps its vendor and date raised; a new one starts open
MEETING_FIELDS = REVIEWS.names
MEETING_EDIT_FIELDS = tuple(n for n in REVIEWS.names if n != "vendor_id")
ACTION_EDIT_FIELDS = tuple(n for n in ACTIONS.names if n not in ("vendor_id", "raised_on"))
ACTION_NEW_FIELDS = tuple(n for n in ACTIONS.names if n not in ("status", "closed_on"))


@dataclass(frozen=True)
class Issue:
    """A problem of one form row: the kind, the row (1 = first row of that kind) and what."""

    kind: str
    row: int
    problem: Problem

    def message(self, lang: str, numbered: bool = False) -> str:
        column = KINDS[self.kind].column(self.problem.column) if self.problem.column in \
            KINDS[self.kind].names else None
        text = self.problem.message(lang)
        if column is not None:
            text = t("edit.field", lang, field=column.label(lang), message=text)
        if numbered:
            text = t("edit.row", lang, kind=KINDS[self.kind].label(lang), n=self.row,
                     message=text)
        return text


@dataclass
class Outcome:
    """What became of a save: problems that refused it, notes, or the batches written."""

    issues: list[Issue] = field(default_factory=list)
    results: list[SaveResult] = field(default_factory=list)
    error: GovernanceError | None = None
    rows: dict[str, int] = field(default_factory=dict)  # rows per kind in the form

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.problem.warning]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.problem.warning]

    @property
    def ok(self) -> bool:
        return not self.errors and self.error is None

    @property
    def changed(self) -> bool:
        return any(r.batch_id is not None for r in self.results)

    @property
    def batch_ids(self) -> list[int]:
        return [r.batch_id for r in self.results if r.batch_id is not None]

    def messages(self, lang: str, warnings: bool = False) -> list[str]:
        if self.error is not None and not warnings:
            return [self.error.message(lang)]
        chosen = self.warnings if warnings else self.errors
        return [i.message(lang, numbered=self.rows.get(i.kind, 0) > 1 or
                          (i.kind == "actions" and "reviews" in self.rows))
                for i in chosen]


def _text(value: object, column: Column) -> str | None:
    """A form value as the text a spreadsheet cell would hold."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, dt.date):
        return f"{value:%Y-%m}" if column.type == "month" else f"{value:%Y-%m-%d}"
    return str(value)


def _check(store: Store, kind: Kind, rows: list[dict], today: dt.date,
           outcome: Outcome) -> list[dict]:
    """Validate ``rows`` like an upload of ``kind``; typed rows, or [] with issues added."""
    if not rows:
        return []
    outcome.rows[kind.name] = len(rows)
    frame = pd.DataFrame([[_text(r.get(c.name), c) for c in kind.columns] for r in rows],
                         dtype=object)
    frame.columns = range(len(kind.columns))
    raw = RawTable(list(kind.names), frame, pd.Series(range(1, len(rows) + 1)), "app")
    checked = validate(raw, kind.name, store.vendor_ids(), today)
    outcome.issues += [Issue(kind.name, p.row or 1, p) for p in checked.problems.entries]
    if not checked.ok:
        return []
    return [checked.frame.iloc[i].to_dict() for i in range(len(rows))]


def _denied(user: Actor | str) -> Outcome | None:
    """An outcome refusing the edit when ``user`` may not edit, else ``None``."""
    try:
        require(user, "edit")
    except AccessDenied as exc:
        return Outcome(error=exc)
    return None


def _save(store: Store, outcome: Outcome, user: Actor | str,
          edits: list[tuple[Kind, list[tuple[dict | None, dict]]]]) -> Outcome:
    if not outcome.ok:
        return outcome
    actor = require(user, "edit")
    try:
        outcome.results = store.save_records([(k, e) for k, e in edits if e], actor.name)
    except GovernanceError as exc:
        if exc.key not in ("error.record-exists", "error.record-not-found"):
            raise
        outcome.error = exc
    return outcome


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def record_meeting(store: Store, meeting: dict, actions: list[dict], user: Actor | str,
                   today: dt.date | None = None, key: dict | None = None) -> Outcome:
    """Record a review meeting and the action items it raised, in one transaction.

    ``meeting`` has the ``reviews`` columns; each action has ``action``, ``owner``,
    ``due_on`` and optionally ``risk_axis`` (vendor, raised on = held on, status open are
    filled in). Action rows with neither action nor owner are ignored. ``key`` is the
    stored meeting to update instead (vendor_id and held_on)."""
    if (refused := _denied(user)) is not None:
        return refused
    today = today or dt.date.today()
    outcome = Outcome()
    meeting = {c: meeting.get(c) for c in REVIEWS.names}
    raised = [{**a, "vendor_id": meeting["vendor_id"], "raised_on": meeting["held_on"],
               "status": "open", "closed_on": None}
              for a in actions if not (_blank(a.get("action")) and _blank(a.get("owner")))]
    typed_meeting = _check(store, REVIEWS, [meeting], today, outcome)
    typed_actions = _check(store, ACTIONS, raised, today, outcome)
    return _save(store, outcome, user, [
        (REVIEWS, [(key, typed_meeting[0])] if typed_meeting else []),
        (ACTIONS, [(None, a) for a in typed_actions])])


def add_action(store: Store, action: dict, user: Actor | str,
               today: dt.date | None = None) -> Outcome:
    """Raise one action item outside a meeting (every ``actions`` column; status open
    unless given)."""
    if (refused := _denied(user)) is not None:
        return refused
    today = today or dt.date.today()
    outcome = Outcome()
    row = {"status": "open", **action}
    typed = _check(store, ACTIONS, [row], today, outcome)
    return _save(store, outcome, user, [(ACTIONS, [(None, typed[0])] if typed else [])])


def _current(store: Store, kind: Kind, key: dict) -> dict | None:
    rows = store.rows(kind.name, **{k: key[k] for k in kind.key})
    return None if rows.empty else rows.drop(columns="batch_id").iloc[0].to_dict()


def edit(store: Store, kind: str, key: dict, changes: dict, user: Actor | str,
         today: dt.date | None = None) -> Outcome:
    """Change fields of the stored meeting or action with ``key`` (key fields included)."""
    if (refused := _denied(user)) is not None:
        return refused
    today = today or dt.date.today()
    spec = KINDS[kind]
    unknown = set(changes) - set(spec.names)
    if unknown:
        raise ValueError(f"not columns of {kind}: {sorted(unknown)}")
    outcome = Outcome()
    current = _current(store, spec, key)
    if current is None:
        outcome.error = RecordError("error.record-not-found", kind=kind,
                                    key=record_key(spec, key))
        return outcome
    typed = _check(store, spec, [{**current, **changes}], today, outcome)
    return _save(store, outcome, user, [(spec, [(key, typed[0])] if typed else [])])


def set_action_status(store: Store, key: dict, status: str, user: Actor | str,
                      today: dt.date | None = None) -> Outcome:
    """Quick status change: done closes it today, open reopens it (no closing date),
    cancelled withdraws it (no closing date). Nothing is ever deleted."""
    if status not in ACTION_STATUSES:  # a real check: asserts vanish under python -O
        raise ValueError(f"unknown action status {status!r}")
    today = today or dt.date.today()
    closed = today if status == "done" else None
    return edit(store, "actions", key, {"status": status, "closed_on": closed}, user, today)


def key_of(kind: str, row: dict | pd.Series) -> dict:
    """The key columns of a stored row (as a dict to pass back to ``edit``)."""
    return {k: row[k] for k in KINDS[kind].key}


def history(store: Store, vendor_id: str | None = None) -> pd.DataFrame:
    """Every recorded field change of meetings and actions, newest first, with the vendor
    and the record's key as columns; ``vendor_id`` keeps one vendor's."""
    frame = store.record_changes()
    if frame.empty:
        return frame.assign(vendor_id=pd.Series(dtype="string"))
    for column in ("old_value", "new_value"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    keys = frame["record_key"].map(json.loads)
    frame["vendor_id"] = keys.map(lambda k: k.get("vendor_id"))
    frame["record"] = [k.get("action") or k.get("held_on") for k in keys]
    if vendor_id is not None:
        frame = frame[frame["vendor_id"] == vendor_id]
    return frame.sort_values("change_id", ascending=False).reset_index(drop=True)
