"""What a batch would do, read without writing: the classification ``write_batch`` makes
(each incoming row new, changed or the same as the stored row of its key), the stored
values a changed row would replace, and the register vendors a register file leaves as
they are. The caller's connection sees no table created and nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from governance.catalog import Kind
from governance.store import frames
from governance.store.batches import _key_match, _q

POSITION = "__position"
STORED_BATCH = "stored:batch_id"  # the batch whose row a key's stored values are
OLD = "old:"  # prefix of a stored value's column in ``Classified.rows``
DIFFERS = "differs:"  # prefix of a column that says whether that value would change


@dataclass
class Classified:
    """``rows``: one row per incoming row, in file order: ``change`` ('new', 'changed',
    'same'), the stored values (``old:<column>``) and, per value column,
    ``differs:<column>``, and the batch of the stored row (``stored:batch_id``). ``kept``:
    register vendors the file does not name (vendors only)."""

    rows: pd.DataFrame
    kept: pd.DataFrame


def classify(con, kind: Kind, frame: pd.DataFrame) -> Classified:
    """Compare ``frame`` (typed, catalog columns) with the stored rows of ``kind``."""
    cols = [_q(c) for c in kind.names]
    values = [c for c in kind.names if c not in kind.key]
    incoming = frame[list(kind.names)].reset_index(drop=True)
    incoming.insert(0, POSITION, range(len(incoming)))
    con.register("preview_rows", incoming)
    try:
        differs = " OR ".join(f"i.{c} IS DISTINCT FROM s.{c}" for c in cols)
        first_key = _q(kind.key[0])
        select = [f"i.{_q(POSITION)} AS {_q(POSITION)}",
                  f"""CASE WHEN s.{first_key} IS NULL THEN 'new'
                           WHEN {differs} THEN 'changed' ELSE 'same' END AS change"""]
        select += [f"s.batch_id AS {_q(STORED_BATCH)}"]
        select += [f"s.{_q(c)} AS {_q(OLD + c)}" for c in values]
        select += [f"(s.{first_key} IS NOT NULL AND i.{_q(c)} IS DISTINCT FROM s.{_q(c)}) "
                   f"AS {_q(DIFFERS + c)}" for c in values]
        rows = frames.frame(con.execute(f"""
            SELECT {", ".join(select)}
            FROM preview_rows i LEFT JOIN {_q(kind.name)} s ON {_key_match(kind, "i", "s")}
            ORDER BY i.{_q(POSITION)}"""))
        kept = pd.DataFrame(columns=["vendor_id", "vendor_name"])
        if kind.name == "vendors":
            kept = frames.frame(con.execute("""
                SELECT vendor_id, vendor_name FROM vendors
                WHERE vendor_id NOT IN (SELECT vendor_id FROM preview_rows)
                ORDER BY vendor_id"""))
    finally:
        con.unregister("preview_rows")
    return Classified(rows.drop(columns=[POSITION]), kept)
