"""The review log's tables and forms: actions with days overdue, quick status changes, the
form that records a meeting with its new actions, edits of a meeting or an action, and the
change history. Saving goes through ``governance.edits`` (same checks as an upload)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st

from governance import audit
from governance.catalog import ACTIONS, KINDS, REVIEWS
from governance.reviews import edits
from governance.store.batches import BATCH_STATUS_KEYS
from governance.views.presenting import actions_table as actions_styled
from ui.context import can, current_user, lang, store, tr
from ui.widgets import month_param

FLASH = "review_flash"  # messages of the last save, shown after the rerun it causes
ACTION_SLOTS = 3
# what the quick status buttons say once the action is saved
STATUS_SAVED_KEYS = {"done": "form.status-done", "cancelled": "form.status-cancelled"}


def _label(kind, name: str) -> str:
    return KINDS[kind].column(name).label(lang())


def _choice_label(kind: str, name: str):
    column = KINDS[kind].column(name)
    return lambda v: tr("form.none") if v is None else column.choice(v).label_for(lang())


def flash(outcome: edits.Outcome, success_key: str, **params) -> None:
    """Keep what a save did for the next run (a callback's messages would be lost)."""
    lg = lang()
    if not outcome.ok:
        st.session_state[FLASH] = ("error", outcome.messages(lg))
    elif not outcome.changed:
        st.session_state[FLASH] = ("info", [tr("form.no-change")])
    else:
        notes = outcome.messages(lg, warnings=True)
        batches = ", ".join(str(b) for b in outcome.batch_ids)
        st.session_state[FLASH] = ("success", [tr(success_key, batches=batches, **params),
                                               *notes])


def show_flash() -> None:
    kind, lines = st.session_state.pop(FLASH, (None, []))
    show = {"error": st.error, "info": st.info, "success": st.success}.get(kind)
    for line in lines:
        show(line)


def actions_table(actions: pd.DataFrame, columns: tuple[str, ...] | None = None) -> None:
    """Actions with days overdue; overdue rows tinted red (``presenting.actions_table``)."""
    if actions.empty:
        st.caption(tr("reviews.no-actions"))
        return
    st.dataframe(actions_styled(actions, lang(), columns), hide_index=True, placeholder="—",
                 column_config={tr("vendor.days-overdue"): st.column_config.NumberColumn(
                     format="%d")})


def _set_status(key: dict, status: str) -> None:
    outcome = edits.set_action_status(store(), key, status, current_user())
    flash(outcome, STATUS_SAVED_KEYS[status])


def quick_status(actions: pd.DataFrame, key: str) -> None:
    """One line per open action with buttons: done (closed today) or cancelled."""
    shown = actions[actions["status"] == "open"]
    if shown.empty or read_only():
        return
    for i, row in enumerate(shown.to_dict("records")):
        text, done, cancel = st.columns([8, 1.2, 1.2], vertical_alignment="center")
        due = f"{pd.Timestamp(row['due_on']):%Y-%m-%d}"
        late = (tr("form.late", days=row["days_overdue"]) if row.get("days_overdue", 0) > 0
                else "")
        text.text(f"{row['vendor_id']} · {_label('actions', 'due_on')} {due}{late} · "
                  f"{row['owner']} · {row['action']}")
        k = edits.key_of("actions", row)
        done.button(tr("form.mark-done"), key=f"{key}_done_{i}", on_click=_set_status,
                    args=(k, "done"), width="stretch")
        cancel.button(tr("form.mark-cancelled"), key=f"{key}_cancel_{i}",
                      on_click=_set_status, args=(k, "cancelled"), width="stretch")


def action_cards(actions: pd.DataFrame, key: str) -> None:
    """Open actions as cards for a narrow column: action, due date (days overdue in red),
    owner, and the done / cancel buttons."""
    shown = actions[actions["status"] == "open"]
    if shown.empty:
        st.caption(tr("vendor.no-actions"))
        return
    for i, row in enumerate(shown.to_dict("records")):
        with st.container(border=True):
            text, done, cancel = st.columns([4, 1.5, 1.6], vertical_alignment="center")
            with text:
                st.text(row["action"])
                due = f"{pd.Timestamp(row['due_on']):%Y-%m-%d}"
                st.text(f"{_label('actions', 'due_on')} {due} · "
                        f"{_label('actions', 'owner')} {row['owner']}")
                if row.get("days_overdue", 0) > 0:
                    st.badge(tr("form.days-late", days=row["days_overdue"]), color="red",
                             icon=":material/schedule:")
            if not can("edit"):
                continue
            k = edits.key_of("actions", row)
            done.button(tr("form.mark-done"), key=f"{key}_done_{i}", on_click=_set_status,
                        args=(k, "done"), width="stretch")
            cancel.button(tr("form.mark-cancelled"), key=f"{key}_cancel_{i}",
                          on_click=_set_status, args=(k, "cancelled"), width="stretch")


def read_only() -> bool:
    """True (and says so) when the current user may not record or edit: the controls are
    left out; ``governance.edits`` refuses such a user anyway."""
    if can("edit"):
        return False
    st.caption(f":material/lock: {tr('access.read-only')}")
    return True


def _version(key: str) -> int:
    return st.session_state.get(f"{key}_v", 0)


def _bump(key: str) -> None:
    st.session_state[f"{key}_v"] = _version(key) + 1


def _opt(value):
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _value(key: str):
    return st.session_state.get(key)


def _submit_meeting(key: str, v: int, fixed: dict, slots: int, existing_key: dict | None,
                    vendors: dict[str, str], on_saved, how: str) -> None:
    """Form callback (runs before the page reruns, with the submitted values in session
    state): record the meeting and its new actions."""
    meeting = {name: fixed[name] if name in fixed else _value(f"{key}_{name}_{v}")
               for name in edits.MEETING_FIELDS}
    new_actions = [{"action": _value(f"{key}_a{n}_{v}"), "owner": _value(f"{key}_o{n}_{v}"),
                    "due_on": _value(f"{key}_d{n}_{v}"),
                    "risk_axis": _value(f"{key}_r{n}_{v}")} for n in range(slots)]
    outcome = edits.record_meeting(store(), meeting, new_actions, current_user(),
                                   key=existing_key)
    vendor_id = meeting["vendor_id"]
    name = vendors.get(vendor_id, "") if vendor_id else ""
    flash(outcome, "form.meeting-saved", vendor=f"{vendor_id or ''} {name}".strip())
    if outcome.ok:
        _bump(key)
        if on_saved is not None:
            on_saved(how)


def meeting_form(key: str, vendors: dict[str, str], months: list, *, vendor_id=None,
                 held_on: dt.date | None = None, period=None, attendees: str = "",
                 default_vendor=None, default_period=None,
                 existing: dict | None = None, next_label: str | None = None,
                 on_saved=None, slots: int = ACTION_SLOTS) -> None:
    """The form recording a meeting (or updating ``existing``) and its new actions.

    Fixed ``vendor_id`` / ``held_on`` / ``period`` are shown, not asked. After a save,
    ``on_saved("saved" | "next")`` is called (from the submit callback)."""
    if read_only():
        return
    v = _version(key)
    existing = existing or {}
    fixed = {n: x for n, x in (("vendor_id", vendor_id), ("held_on", held_on),
                               ("period", period)) if x is not None}
    with st.form(f"{key}_form_{v}", border=True):
        cols = st.columns(3)
        if vendor_id is None:
            ids = list(vendors)
            cols[0].selectbox(_label("reviews", "vendor_id"), ids,
                              format_func=lambda x: f"{x} {vendors.get(x, '')}",
                              index=ids.index(default_vendor) if default_vendor in ids
                              else None, placeholder=tr("vendor.none"),
                              key=f"{key}_vendor_id_{v}")
        if held_on is None:
            cols[1].date_input(_label("reviews", "held_on"), dt.date.today(),
                               format="YYYY/MM/DD", key=f"{key}_held_on_{v}")
        if period is None:
            cols[2].selectbox(_label("reviews", "period"), months,
                              index=months.index(default_period)
                              if default_period in months else 0,
                              format_func=month_param, key=f"{key}_period_{v}")
        st.segmented_control(
            _label("reviews", "assessment"), [c.value for c in REVIEWS.column(
                "assessment").choices], format_func=_choice_label("reviews", "assessment"),
            default=_opt(existing.get("assessment")), key=f"{key}_assessment_{v}")
        st.text_input(_label("reviews", "attendees"),
                      _opt(existing.get("attendees")) or attendees,
                      key=f"{key}_attendees_{v}")
        st.text_area(_label("reviews", "summary"), _opt(existing.get("summary")) or "",
                     height=110, key=f"{key}_summary_{v}")
        st.text_area(_label("reviews", "decisions"), _opt(existing.get("decisions")) or "",
                     height=90, key=f"{key}_decisions_{v}")
        st.markdown(f"**{tr('minutes.new-actions')}**")
        st.caption(tr("form.actions-help"))
        for n in range(slots):
            a, o, d, r = st.columns([5, 2, 2, 2])
            a.text_input(f"{_label('actions', 'action')} {n + 1}", key=f"{key}_a{n}_{v}")
            o.text_input(_label("actions", "owner"), key=f"{key}_o{n}_{v}")
            d.date_input(_label("actions", "due_on"), None, format="YYYY/MM/DD",
                         key=f"{key}_d{n}_{v}")
            r.selectbox(_label("actions", "risk_axis"),
                        [None, *(c.value for c in ACTIONS.column("risk_axis").choices)],
                        format_func=_choice_label("actions", "risk_axis"),
                        key=f"{key}_r{n}_{v}")
        existing_key = edits.key_of("reviews", existing) if existing else None
        args = (key, v, fixed, slots, existing_key, vendors, on_saved)
        buttons = st.columns([2, 2, 6])
        buttons[0].form_submit_button(tr("form.save-meeting"), type="primary",
                                      on_click=_submit_meeting, args=(*args, "saved"))
        if next_label:
            buttons[1].form_submit_button(next_label, on_click=_submit_meeting,
                                          args=(*args, "next"))


def _save_edit(key: str, kind: str, row_key: dict, names: dict[str, str],
               success: str) -> None:
    """Form callback: change the fields ``names`` (column -> widget key) of one record."""
    changes = {column: _value(widget) for column, widget in names.items()}
    outcome = edits.edit(store(), kind, row_key, changes, current_user())
    flash(outcome, success)
    if outcome.ok:
        _bump(key)


def _pick(frame: pd.DataFrame, key: str, prompt_key: str, empty_key: str,
          describe: Callable[[dict], str]) -> tuple[int, dict] | None:
    """A record of ``frame`` chosen in a select box (position and row), or None while
    nothing is chosen, the user may not edit, or there is nothing to edit."""
    if read_only():
        return None
    if frame.empty:
        st.caption(tr(empty_key))
        return None
    records = frame.to_dict("records")
    choice = st.selectbox(tr(prompt_key), range(len(records)), index=None,
                          placeholder=tr(prompt_key),
                          format_func=lambda i: describe(records[i]), key=f"{key}_pick")
    return None if choice is None else (choice, records[choice])


def action_editor(actions: pd.DataFrame, key: str) -> None:
    """Pick an action and change any of its fields (including cancelling it)."""
    picked = _pick(actions, key, "form.pick-action", "reviews.no-actions",
                   lambda r: f"{r['vendor_id']} · {pd.Timestamp(r['raised_on']):%Y-%m-%d} · "
                             f"{r['action']}")
    if picked is None:
        return
    choice, row = picked
    v = _version(key)
    w = {name: f"{key}_{name}_{v}" for name in edits.ACTION_EDIT_FIELDS}
    with st.form(f"{key}_form_{choice}_{v}"):
        st.text_input(_label("actions", "action"), row["action"], key=w["action"])
        cols = st.columns(3)
        cols[0].text_input(_label("actions", "owner"), row["owner"], key=w["owner"])
        cols[1].date_input(_label("actions", "due_on"), pd.Timestamp(row["due_on"]).date(),
                           format="YYYY/MM/DD", key=w["due_on"])
        axis_options = [None, *(c.value for c in ACTIONS.column("risk_axis").choices)]
        cols[2].selectbox(_label("actions", "risk_axis"), axis_options,
                          index=axis_options.index(_opt(row["risk_axis"])),
                          format_func=_choice_label("actions", "risk_axis"),
                          key=w["risk_axis"])
        cols = st.columns(3)
        statuses = list(edits.ACTION_STATUSES)
        cols[0].selectbox(_label("actions", "status"), statuses,
                          index=statuses.index(row["status"]),
                          format_func=_choice_label("actions", "status"), key=w["status"])
        closed = _opt(row["closed_on"])
        cols[1].date_input(_label("actions", "closed_on"),
                           None if closed is None else pd.Timestamp(closed).date(),
                           format="YYYY/MM/DD", key=w["closed_on"])
        st.form_submit_button(tr("form.save"), type="primary", on_click=_save_edit,
                              args=(key, "actions", edits.key_of("actions", row), w,
                                    "form.action-saved"))


def _add_action(key: str, w: dict[str, str]) -> None:
    outcome = edits.add_action(store(), {c: _value(k) for c, k in w.items()}, current_user())
    flash(outcome, "form.action-saved")
    if outcome.ok:
        _bump(key)


def add_action_form(key: str, vendors: dict[str, str], vendor_id=None) -> None:
    """Raise an action item outside a meeting."""
    if read_only():
        return
    v = _version(key)
    w = {name: f"{key}_{name}_{v}" for name in edits.ACTION_NEW_FIELDS}
    ids = list(vendors)
    with st.form(f"{key}_form_{v}"):
        cols = st.columns([3, 2, 2])
        cols[0].selectbox(_label("actions", "vendor_id"), ids,
                          index=ids.index(vendor_id) if vendor_id in ids else None,
                          format_func=lambda x: f"{x} {vendors.get(x, '')}",
                          placeholder=tr("vendor.none"), key=w["vendor_id"])
        cols[1].date_input(_label("actions", "raised_on"), dt.date.today(),
                           format="YYYY/MM/DD", key=w["raised_on"])
        cols[2].date_input(_label("actions", "due_on"), None, format="YYYY/MM/DD",
                           key=w["due_on"])
        st.text_input(_label("actions", "action"), key=w["action"])
        cols = st.columns(2)
        cols[0].text_input(_label("actions", "owner"), key=w["owner"])
        cols[1].selectbox(_label("actions", "risk_axis"),
                          [None, *(c.value for c in ACTIONS.column("risk_axis").choices)],
                          format_func=_choice_label("actions", "risk_axis"), key=w["risk_axis"])
        st.form_submit_button(tr("form.add-action"), type="primary", on_click=_add_action,
                              args=(key, w))


def meeting_editor(meetings: pd.DataFrame, key: str, months: list) -> None:
    """Pick a recorded meeting and correct it."""
    picked = _pick(meetings, key, "form.pick-meeting", "vendor.no-meetings",
                   lambda r: f"{r['vendor_id']} · {pd.Timestamp(r['held_on']):%Y-%m-%d}")
    if picked is None:
        return
    choice, row = picked
    period = pd.Timestamp(row["period"]).date()
    options = sorted({pd.Timestamp(m).date() for m in months} | {period}, reverse=True)
    v = _version(key)
    w = {name: f"{key}_{name}_{v}" for name in edits.MEETING_EDIT_FIELDS}
    with st.form(f"{key}_form_{choice}_{v}"):
        cols = st.columns(2)
        cols[0].date_input(_label("reviews", "held_on"), pd.Timestamp(row["held_on"]).date(),
                           format="YYYY/MM/DD", key=w["held_on"])
        cols[1].selectbox(_label("reviews", "period"), options, index=options.index(period),
                          format_func=month_param, key=w["period"])
        choices = [None, *(c.value for c in REVIEWS.column("assessment").choices)]
        st.selectbox(_label("reviews", "assessment"), choices,
                     index=choices.index(_opt(row["assessment"])),
                     format_func=_choice_label("reviews", "assessment"), key=w["assessment"])
        st.text_input(_label("reviews", "attendees"), _opt(row["attendees"]) or "",
                      key=w["attendees"])
        st.text_area(_label("reviews", "summary"), _opt(row["summary"]) or "",
                     key=w["summary"])
        st.text_area(_label("reviews", "decisions"), _opt(row["decisions"]) or "",
                     key=w["decisions"])
        st.form_submit_button(tr("form.save"), type="primary", on_click=_save_edit,
                              args=(key, "reviews", edits.key_of("reviews", row), w,
                                    "form.meeting-updated"))


def history_table(changes: pd.DataFrame) -> None:
    """Who changed what, when: one row per changed field, newest first."""
    if changes.empty:
        st.caption(tr("changes.empty"))
        return

    lg = lang()

    def shown(column: str):  # values as the pages write them (dates, choices, yes/no)
        return [audit.value_text(v, k, f, lg) for v, k, f in
                zip(changes[column], changes["kind"], changes["field"], strict=True)]

    table = pd.DataFrame({
        tr("changes.when"): pd.to_datetime(changes["changed_at"]).dt.strftime("%Y-%m-%d %H:%M"),
        tr("changes.who"): changes["changed_by"],
        tr("col.kind"): changes["kind"].map(lambda k: KINDS[k].label(lang())),
        tr("filter.vendor"): changes["vendor_id"],
        tr("changes.record"): changes["record"],
        tr("changes.field"): [audit.field_label(k, f, lg)
                              for k, f in zip(changes["kind"], changes["field"], strict=True)],
        tr("changes.old"): shown("old_value"),
        tr("changes.new"): shown("new_value"),
        tr("col.batch_id"): changes["batch_id"],
        tr("col.status"): changes["batch_status"].map(
            lambda s: tr(BATCH_STATUS_KEYS[s]) if isinstance(s, str) else ""),
    })
    st.dataframe(table, hide_index=True, placeholder="—")
