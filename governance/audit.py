"""The audit log: who loaded, rolled back, recorded or edited what, saved or removed an
import profile, removed the demo data, and when — newest first, written for people.

Built from what the store already records: ``import_batches`` (``loaded_by``,
``rolled_back_by``), ``record_changes`` (``changed_by``, one row per changed field) and
``removals`` (``removed_by``). The field changes of one record in one save make one row:
the record named by its key as the UI writes it, each field by its catalog label in the
reader's language, before → after as the pages show values (dates, months, choices in
words, yes/no). No JSON, no column names.
"""

from __future__ import annotations

import json

import pandas as pd

from governance.catalog import KINDS, Column
from governance.formats import cell, shorten
from governance.i18n import t
from governance.ingest.values import parse
from governance.store import Store, profiles
from governance.store.records import APP_FILE

# the log's columns and each one's heading
COLUMN_KEYS = {"when": "audit.when", "who": "audit.who", "event": "audit.event",
               "what": "audit.what", "detail": "audit.detail"}
COLUMNS = tuple(COLUMN_KEYS)
# the event of an import profile's batch, by what it did
PROFILE_EVENT_KEYS = {"added": "audit.profile-saved", "updated": "audit.profile-saved",
                      "removed": "audit.profile-removed"}
TEXT_WIDTH = 60  # a long text value (an action, a summary) in display columns
MISSING = "—"


def _kind(kind: str, lang: str) -> str:
    if kind == profiles.KIND:
        return t("profiles.kind", lang)
    return KINDS[kind].label(lang) if kind in KINDS else kind


def value_text(stored: object, kind: str, field: str, lang: str) -> str:
    """A value as ``record_changes`` keeps it (ISO dates, canonical choices, yes/no) written
    as the pages write it in ``lang``; missing is "—", long text is shortened, a value
    that no longer parses stays as stored."""
    if stored is None or (not isinstance(stored, str) and pd.isna(stored)):
        return MISSING
    column = _column(kind, field)
    if column is None:
        return str(stored)
    typed, refused = parse(pd.Series([str(stored)], dtype="string"), column)
    text = str(stored) if len(refused) else cell(typed.iloc[0], column, lang)
    return shorten(text, TEXT_WIDTH) if text else MISSING


def field_label(kind: str, field: str, lang: str) -> str:
    column = _column(kind, field)
    return column.label(lang) if column is not None else field


def record_text(kind: str, record_key: str, lang: str) -> str:
    """A record named by its key as the UI shows it: ``対応事項 V-ITO-01 2026/10/06 …``."""
    try:
        key = json.loads(record_key)
    except (TypeError, ValueError):
        return f"{_kind(kind, lang)} {record_key}"
    parts = [value_text(v, kind, k, lang) for k, v in key.items()]
    return " ".join([_kind(kind, lang), *parts])


def _column(kind: str, field: str) -> Column | None:
    spec = KINDS.get(kind)
    return spec.column(field) if spec is not None and field in spec.names else None


def _change_rows(changes: pd.DataFrame, lang: str) -> list[tuple]:
    """One row per record per save: every field it set (a new record) or changed."""
    rows = []
    for (batch_id, kind, key), group in changes.groupby(["batch_id", "kind", "record_key"],
                                                        sort=False):
        added = group["old_value"].isna().all()
        if added:
            parts = [t("audit.field", lang, field=field_label(kind, c.field, lang),
                       value=value_text(c.new_value, kind, c.field, lang))
                     for c in group.itertuples() if c.new_value is not None
                     and not pd.isna(c.new_value) and c.field not in KINDS[kind].key]
        else:
            parts = [t("audit.change", lang, field=field_label(kind, c.field, lang),
                       before=value_text(c.old_value, kind, c.field, lang),
                       after=value_text(c.new_value, kind, c.field, lang))
                     for c in group.itertuples()]
        first = group.iloc[0]
        rows.append((first["changed_at"], first["changed_by"],
                     t("audit.added" if added else "audit.edited", lang),
                     f"#{batch_id} {record_text(kind, key, lang)}",
                     t("audit.separator", lang).join(parts),
                     (0, batch_id, int(group["change_id"].min()))))
    return rows


def log(store: Store, lang: str = "ja", limit: int | None = None) -> pd.DataFrame:
    """Every upload, rollback, app edit and removal of demo data with who and when, newest
    first."""
    rows: list[tuple] = []
    for b in store.batches().itertuples(index=False):
        source = t("audit.app-edit", lang) if b.file_name == APP_FILE else b.file_name
        what = f"#{b.batch_id} {_kind(b.kind, lang)}: {source}"
        if b.kind == profiles.KIND:  # an import profile saved or removed
            done = profiles.action(b.rows_total, b.rows_inserted)
            rows.append((b.loaded_at, b.loaded_by, t(PROFILE_EVENT_KEYS[done], lang), what,
                         t(profiles.ACTION_KEYS[done], lang), (0, b.batch_id, 0)))
        elif b.file_name != APP_FILE:
            detail = t("history.rows", lang, total=f"{b.rows_total:,}",
                       inserted=f"{b.rows_inserted:,}", replaced=f"{b.rows_replaced:,}",
                       unchanged=f"{b.rows_unchanged:,}")
            if isinstance(b.profile, str):  # read with an import profile
                detail = t("ingest.via-profile", lang, line=detail, profile=b.profile)
            rows.append((b.loaded_at, b.loaded_by, t("audit.upload", lang), what, detail,
                         (0, b.batch_id, 0)))
        if b.rolled_back_by is not None and not pd.isna(b.rolled_back_at):
            rows.append((b.rolled_back_at, b.rolled_back_by, t("audit.rollback", lang), what,
                         "", (1, b.batch_id, 0)))
    changes = store.record_changes()
    if not changes.empty:
        changes = changes.astype({"old_value": object, "new_value": object})
        changes = changes.where(changes.notna(), None)
        rows += _change_rows(changes, lang)
    for r in store.removals().itertuples(index=False):
        rows.append((r.removed_at, r.removed_by, t("audit.demo-removal", lang),
                     r.loaded_by, t("audit.demo-detail", lang, removed=f"{r.rows_removed:,}",
                                    restored=f"{r.rows_restored:,}",
                                    batches=r.batches_rolled_back or "—",
                                    kept=r.vendors_kept or "—"), (2, r.removal_id, 0)))
    # times are to the second: ties keep the order things happened in (batch ids grow;
    # a rollback comes after what it undoes; a removal after the rollbacks it made)
    rows.sort(key=lambda r: (r[0], r[5]), reverse=True)
    frame = pd.DataFrame([r[:5] for r in rows], columns=list(COLUMNS))
    return frame if limit is None else frame.head(limit)
