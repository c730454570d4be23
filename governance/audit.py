"""The audit log: who loaded, rolled back, recorded or edited what, removed the demo data,
and when — newest first.

Built from what the store already records: ``import_batches`` (``loaded_by``,
``rolled_back_by``), ``record_changes`` (``changed_by``, one row per changed field) and
``removals`` (``removed_by``).
"""

from __future__ import annotations

import pandas as pd

from governance.catalog import KINDS
from governance.i18n import t
from governance.store import Store
from governance.store.records import APP_FILE

# the log's columns and each one's heading
COLUMN_KEYS = {"when": "audit.when", "who": "audit.who", "event": "audit.event",
               "what": "audit.what", "detail": "audit.detail"}
COLUMNS = tuple(COLUMN_KEYS)


def _kind(kind: str, lang: str) -> str:
    return KINDS[kind].label(lang) if kind in KINDS else kind


def log(store: Store, lang: str = "ja", limit: int | None = None) -> pd.DataFrame:
    """Every upload, rollback, app edit and removal of demo data with who and when, newest
    first."""
    rows: list[tuple] = []
    for b in store.batches().itertuples(index=False):
        what = f"#{b.batch_id} {_kind(b.kind, lang)}: {b.file_name}"
        if b.file_name != APP_FILE:
            rows.append((b.loaded_at, b.loaded_by, t("audit.upload", lang), what,
                         t("history.rows", lang, total=f"{b.rows_total:,}",
                           inserted=f"{b.rows_inserted:,}", replaced=f"{b.rows_replaced:,}",
                           unchanged=f"{b.rows_unchanged:,}"), (0, b.batch_id, 0)))
        if b.rolled_back_by is not None and not pd.isna(b.rolled_back_at):
            rows.append((b.rolled_back_at, b.rolled_back_by, t("audit.rollback", lang), what,
                         "", (1, b.batch_id, 0)))
    for c in store.record_changes().itertuples(index=False):
        old = "" if c.old_value is None or pd.isna(c.old_value) else str(c.old_value)
        new = "" if c.new_value is None or pd.isna(c.new_value) else str(c.new_value)
        rows.append((c.changed_at, c.changed_by, t("audit.edit", lang),
                     f"#{c.batch_id} {_kind(c.kind, lang)} {c.record_key}",
                     f"{c.field}: {old} → {new}", (0, c.batch_id, c.change_id)))
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
