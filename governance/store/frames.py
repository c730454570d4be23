"""Query results as pandas frames, fetched through Arrow.

DuckDB's ``.df()`` converts value by value in places (nullable columns, dates); fetching
Arrow and converting column-wise is about 3x faster on the 30,000 KPI rows a month's
scores read. The frames keep ``.df()``'s dtypes, which the rest of the project relies on:
numpy dtypes, ``Int64`` / ``boolean`` where a column holds NULLs, ``object`` for text that
is empty or all NULL, dates and timestamps as ``datetime64[us]``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa


def frame(result) -> pd.DataFrame:
    """The rows of an executed DuckDB statement (connection or cursor) as a frame."""
    table = result.arrow()
    if isinstance(table, pa.RecordBatchReader):
        table = table.read_all()
    out = table.to_pandas(date_as_object=False)
    for field, column in zip(table.schema, table.columns, strict=True):
        name, kind = field.name, field.type
        if pa.types.is_date(kind) or (pa.types.is_timestamp(kind) and kind.unit != "us"):
            out[name] = out[name].astype(_datetime_us(kind))
        elif column.null_count and pa.types.is_integer(kind):
            out[name] = pd.array(column.to_pylist(), dtype=f"Int{kind.bit_width}") \
                if column.null_count == len(column) else \
                out[name].astype(f"{'U' if pa.types.is_unsigned_integer(kind) else ''}"
                                 f"Int{kind.bit_width}")
        elif column.null_count and pa.types.is_boolean(kind):
            out[name] = out[name].astype("boolean")
        elif _is_text(kind) and column.null_count == len(column):  # empty or all NULL
            out[name] = pd.Series([None] * len(out), index=out.index, dtype=object)
    return out


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or \
        pa.types.is_string_view(kind)


def _datetime_us(kind: pa.DataType) -> str:
    tz = getattr(kind, "tz", None)
    return f"datetime64[us, {tz}]" if tz else "datetime64[us]"
