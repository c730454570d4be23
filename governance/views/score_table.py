"""The scores as scripts, Excel and terminals read them: JSON (canonical names, indented),
rows for CSV (formula cells neutralised, canonical headers for scripts) and a plain aligned
table with headers in the reader's language."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TextIO

import orjson

from governance.catalog import AXIS_LABELS, KPIS, VENDORS
from governance.formats import display_width, neutralise
from governance.i18n import t
from governance.scoring import AXES_AND_OVERALL, STATUS_KEYS, VendorRisk


def to_json(risks: list[VendorRisk]) -> str:
    """Every vendor's ``as_dict`` as ``json.dumps(..., ensure_ascii=False, indent=2)``
    writes it, in a tenth of the time (with an indent the standard library encodes in
    Python, one generator step per piece: 1.2 million for 2,000 vendors). The same text
    for what ``as_dict`` holds: str, int, None and floats rounded to two places (orjson
    writes 1e-05 as 0.00001, NaN as null, and refuses numpy scalars)."""
    return to_json_bytes(risks).decode()


def to_json_bytes(risks: list[VendorRisk]) -> bytes:
    """``to_json`` as UTF-8, for a stream of bytes (10 MB for 2,000 vendors: not decoded
    to be encoded again)."""
    return orjson.dumps([r.as_dict() for r in risks], option=orjson.OPT_INDENT_2)


def score_row(risk: VendorRisk, lang: str) -> dict[str, object]:
    row: dict[str, object] = {"vendor_id": risk.vendor_id, "vendor_name": risk.vendor_name,
                              "month": risk.month}
    for axis in AXES_AND_OVERALL:
        result = risk.axes[axis]
        row[f"{axis}_status"] = t(STATUS_KEYS[result.status], lang)
        row[f"{axis}_score"] = result.score
        if axis != "overall":
            row[f"{axis}_reasons"] = " / ".join(r.text(lang) for r in result.reasons)
    return row


def axis_label(axis: str, lang: str) -> str:
    return AXIS_LABELS[axis][lang] if axis in AXIS_LABELS else axis


def heading(key: str, lang: str) -> str:
    """A ``score_row`` key as a column heading in ``lang``: ``ノウハウ流出 評価``."""
    if key in ("vendor_id", "vendor_name"):
        return VENDORS.column(key).label(lang)
    if key == "month":
        return KPIS.column("month").label(lang)
    axis, _, part = key.rpartition("_")
    name = AXIS_LABELS[axis][lang] if axis in AXIS_LABELS else t("chart.overall", lang)
    return t(HEADING_KEYS[part], lang, axis=name)


# the parts of an axis in a score row, as table headings
HEADING_KEYS = {"status": "score.heading-status", "score": "score.heading-score"}


def write_csv(out: TextIO, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()})


def write_table(out: TextIO, rows: list[dict[str, object]], lang: str,
                head: Callable[[str, str], str] = heading) -> None:
    """Vendor, month and per-axis status/score, aligned for a terminal (reasons left out),
    headed in ``lang`` (by ``head(key, lang)``, for rows of other commands)."""
    if not rows:
        return
    keys = [k for k in rows[0] if not k.endswith("_reasons")]
    cells = [[head(k, lang) for k in keys]] + [[str(r[k]) for k in keys] for r in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(keys))]
    for row in cells:
        out.write("  ".join(c + " " * (w - display_width(c))
                            for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
