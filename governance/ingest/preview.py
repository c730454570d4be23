"""What a checked upload would change, shown before anything is written.

``build(store, checked)`` asks the store how each row would be classified (new, replacing,
unchanged: the same comparison ``write_batch`` makes), lists the old and new value of
every changed column, the register vendors a register file leaves as they are, and the
effect on risk: every vendor whose status on an axis would change for the months in the
file, scored on the stored data and on the stored data with the upload applied in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from governance import scoring
from governance.catalog import AXES, KINDS, VENDORS, Column, Kind
from governance.formats import cell
from governance.i18n import t
from governance.ingest.validate import Checked
from governance.scoring import STATUS_KEYS
from governance.store import Store
from governance.store.classify import DIFFERS, OLD, STORED_BATCH
from governance.views.score_table import axis_label

# the caption over the rows an upload would add, per kind
NEW_ROWS_KEYS = {"vendors": "preview.new-rows.vendors", "kpis": "preview.new-rows.kpis",
                 "reviews": "preview.new-rows.reviews", "actions": "preview.new-rows.actions",
                 "tickets": "preview.new-rows.tickets",
                 "contracts": "preview.new-rows.contracts",
                 "subcontractors": "preview.new-rows.subcontractors"}
RISK_COLUMNS = ["month", "vendor_id", "vendor_name", "axis", "before", "after",
                "score_before", "score_after", "reasons"]


@dataclass
class Preview:
    kind: str
    total: int
    new: pd.DataFrame  # key columns (and the name, for the register) of rows to be added
    replaced: pd.DataFrame  # one row per changed value: key columns, column, old, new
    replaced_rows: int
    unchanged: int
    kept: pd.DataFrame  # register vendors the file does not name: vendor_id, vendor_name
    months: list[pd.Timestamp]  # months whose risk was compared
    risk: pd.DataFrame  # RISK_COLUMNS: one row per vendor, month and axis that changes
    absent: tuple[str, ...] = ()  # catalog columns the file lacks: replaced rows lose them
    holders: tuple[int, ...] = ()  # the batches whose rows the unchanged rows repeat

    @property
    def inserted(self) -> int:
        return len(self.new)

    @property
    def changes_nothing(self) -> bool:
        """Loading the file would write nothing (``write_batch`` makes no batch)."""
        return self.inserted == 0 and self.replaced_rows == 0

    @property
    def vendors_changing(self) -> int:
        """How many vendors change status on some axis in some month."""
        return int(self.risk["vendor_id"].nunique())

    @property
    def spec(self) -> Kind:
        return KINDS[self.kind]


def build(store: Store, checked: Checked,
          config: scoring.ScoringConfig | None = None) -> Preview:
    """The preview of a clean upload against what ``store`` holds now (reads only)."""
    if not checked.ok:
        raise ValueError("a preview needs an upload without problems")
    kind = checked.kind
    frame = checked.frame.reset_index(drop=True)
    classified = store.classify(kind, frame)
    change = classified.rows["change"]
    shown = [*kind.key, *(["vendor_name"] if kind.name == "vendors" else [])]
    new = frame.loc[change == "new", shown].reset_index(drop=True)
    replaced = _replaced(kind, frame, classified.rows)
    touched = frame.loc[(change != "same").to_numpy()]
    months, risk = _risk(store, kind, touched, _months(store, kind, frame),
                         config or scoring.load())
    absent = tuple(c for c in kind.names if c not in checked.headers)
    holders = tuple(sorted(int(b) for b in
                           classified.rows.loc[change == "same", STORED_BATCH].unique()))
    return Preview(kind.name, len(frame), new, replaced, int((change == "changed").sum()),
                   int((change == "same").sum()), classified.kept, months, risk, absent,
                   holders)


def plain(value: object, column: Column) -> object:
    """A stored or parsed value as a plain Python value; every kind of missing is None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column.type == "integer":
        return int(value)
    if column.type in ("number", "percent"):
        return float(value)
    if column.type in ("month", "date", "datetime"):
        return pd.Timestamp(value)
    if column.type == "boolean":
        return bool(value)
    return str(value)


def _replaced(kind: Kind, frame: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    changed = (rows["change"] == "changed").to_numpy()
    parts = []
    for position, column in enumerate(kind.columns):
        if column.name in kind.key:
            continue
        mask = changed & rows[DIFFERS + column.name].fillna(False).astype(bool).to_numpy()
        if not mask.any():
            continue
        part = frame.loc[mask, list(kind.key)].copy()
        part["column"] = column.name
        part["old"] = [plain(v, column) for v in rows.loc[mask, OLD + column.name]]
        part["new"] = [plain(v, column) for v in frame.loc[mask, column.name]]
        part["_order"] = position
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=[*kind.key, "column", "old", "new"])
    out = pd.concat(parts)
    out["_row"] = out.index
    return (out.sort_values(["_row", "_order"], kind="stable")
            .drop(columns=["_row", "_order"]).reset_index(drop=True))


# --- the effect on risk ---------------------------------------------------------------------
def _months(store: Store, kind: Kind, frame: pd.DataFrame) -> list[pd.Timestamp]:
    """The months whose risk is compared. KPI files: their months; a register: the latest
    month with KPI reports. Meetings and actions do not enter the scores."""
    if kind.name == "kpis":
        months = sorted(pd.to_datetime(frame["month"]).dropna().unique())
    elif kind.name == "vendors":
        months = store.months()[:1]
    else:
        months = []
    return [pd.Timestamp(m) for m in months]


def _risk(store: Store, kind: Kind, touched: pd.DataFrame, months: list[pd.Timestamp],
          config: scoring.ScoringConfig) -> tuple[list[pd.Timestamp], pd.DataFrame]:
    """The status changes in ``months``. Only vendors with a new or changed row can change
    (scores are per vendor), so only they are scored, before and after."""
    if not months or touched.empty or kind.name not in ("kpis", "vendors"):
        return months, pd.DataFrame(columns=RISK_COLUMNS, dtype=object)
    first = min(months) - pd.DateOffset(months=scoring.HISTORY_MONTHS)
    ids = set(touched["vendor_id"])
    vendors = store.rows("vendors")[list(VENDORS.names)]
    vendors = vendors[vendors["vendor_id"].isin(ids)]
    kpis = store.kpis_between(first, max(months))
    kpis = kpis[kpis["vendor_id"].isin(ids)]
    if kind.name == "kpis":
        after_vendors, after_kpis = vendors, apply(kpis, touched, kind)
    else:
        after_vendors, after_kpis = apply(vendors, touched, kind), kpis
    return months, status_changes(vendors, kpis, after_vendors, after_kpis, months, config)


def apply(stored: pd.DataFrame, incoming: pd.DataFrame, kind: Kind) -> pd.DataFrame:
    """``stored`` with the rows of ``incoming`` put in, replacing those of the same key."""
    incoming = incoming[list(stored.columns)].astype(object)
    incoming = incoming.where(incoming.notna(), None)
    replaced = _keys(stored, kind).isin(_keys(incoming, kind))
    return pd.concat([stored.loc[~replaced].astype(object), incoming], ignore_index=True)


def _keys(frame: pd.DataFrame, kind: Kind) -> pd.MultiIndex:
    parts = {}
    for name in kind.key:
        values = frame[name]
        is_time = kind.column(name).type in ("month", "date")
        parts[name] = pd.to_datetime(values) if is_time else values.astype(str)
    return pd.MultiIndex.from_frame(pd.DataFrame(parts))


def status_changes(before_vendors: pd.DataFrame, before_kpis: pd.DataFrame,
                   after_vendors: pd.DataFrame, after_kpis: pd.DataFrame, months: list,
                   config: scoring.ScoringConfig) -> pd.DataFrame:
    """Every vendor, month and axis whose status differs between the two states. A vendor
    scored in only one of them (a new or ended contract) has ``None`` on the other side."""
    out = []
    for month in months:
        before = {r.vendor_id: r for r in scoring.score_month(before_vendors, before_kpis,
                                                              month, config)}
        after = {r.vendor_id: r for r in scoring.score_month(after_vendors, after_kpis,
                                                             month, config)}
        for vendor_id in sorted(set(before) | set(after)):
            b, a = before.get(vendor_id), after.get(vendor_id)
            for axis in AXES:
                old = b.axes[axis] if b else None
                new = a.axes[axis] if a else None
                if (old and old.status) == (new and new.status):
                    continue
                out.append((pd.Timestamp(month), vendor_id, (a or b).vendor_name, axis,
                            old.status if old else None, new.status if new else None,
                            old.score if old else None, new.score if new else None,
                            list(new.reasons) if new else []))
    return pd.DataFrame(out, columns=RISK_COLUMNS, dtype=object)


# --- tables as the page shows them -----------------------------------------------------------
def shown(value: object, column: Column, lang: str) -> str:
    """One value as text for the preview: numbers with separators, empty said in words."""
    value = plain(value, column)
    if value is None:
        return t("preview.empty", lang)
    if column.type == "integer":
        return f"{value:,}"
    if column.type in ("number", "percent"):
        return f"{value:,.10g}" + ("%" if column.type == "percent" else "")
    return cell(value, column, lang)


def _key_table(frame: pd.DataFrame, kind: Kind, lang: str) -> dict[str, list[str]]:
    return {kind.column(k).label(lang): [shown(v, kind.column(k), lang) for v in frame[k]]
            for k in kind.key}


def new_table(preview: Preview, lang: str) -> pd.DataFrame:
    spec = preview.spec
    out = _key_table(preview.new, spec, lang)
    if "vendor_name" in preview.new:
        out[spec.column("vendor_name").label(lang)] = list(preview.new["vendor_name"])
    return pd.DataFrame(out)


def replaced_table(preview: Preview, lang: str) -> pd.DataFrame:
    spec, frame = preview.spec, preview.replaced
    out = _key_table(frame, spec, lang)
    columns = [spec.column(c) for c in frame["column"]]
    out[t("preview.item", lang)] = [c.label(lang) for c in columns]
    out[t("preview.old", lang)] = [shown(v, c, lang) for v, c in zip(frame["old"], columns,
                                                                       strict=True)]
    out[t("preview.new", lang)] = [shown(v, c, lang) for v, c in zip(frame["new"], columns,
                                                                       strict=True)]
    return pd.DataFrame(out)


def kept_table(preview: Preview, lang: str) -> pd.DataFrame:
    return pd.DataFrame({VENDORS.column("vendor_id").label(lang): list(preview.kept["vendor_id"]),
                         VENDORS.column("vendor_name").label(lang):
                             list(preview.kept["vendor_name"])})


def _status(status: str | None, lang: str) -> str:
    return t("preview.not-scored", lang) if pd.isna(status) else t(STATUS_KEYS[status], lang)


def risk_table(preview: Preview, lang: str) -> pd.DataFrame:
    """One row per vendor, month and axis whose status changes, as text."""
    risk = preview.risk
    month = KINDS["kpis"].column("month")

    def score(value) -> str:
        return "—" if value is None or pd.isna(value) else str(int(value))

    return pd.DataFrame({
        month.label(lang): [cell(m, month, lang) for m in risk["month"]],
        t("filter.vendor", lang): [f"{v} {n}" for v, n in zip(risk["vendor_id"],
                                                              risk["vendor_name"], strict=True)],
        t("chart.axis", lang): [axis_label(a, lang) for a in risk["axis"]],
        t("preview.status", lang): [f"{_status(b, lang)} → {_status(a, lang)}"
                                    for b, a in zip(risk["before"], risk["after"], strict=True)],
        t("preview.score", lang): [f"{score(b)} → {score(a)}" for b, a in
                                   zip(risk["score_before"], risk["score_after"], strict=True)],
        t("axis.reasons", lang): [" / ".join(r.text(lang) for r in reasons)
                                  or t("axis.no-reasons", lang) for reasons in risk["reasons"]],
    })
