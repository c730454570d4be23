"""pandera ``DataFrameModel``s for the four upload kinds, built from the KPI catalog.

The models check typed columns (after ``governance.values`` parsed them): required cells,
bounds, lengths, identifier patterns and enumerations. They never coerce: a value that
does not parse has already been reported with its row by the parser.
"""

from __future__ import annotations

import functools
import warnings

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa
    from pandera.typing import Series

from governance.catalog import KINDS, Column

_DTYPES = {
    "text": pd.StringDtype(), "enum": pd.StringDtype(), "integer": pd.Int64Dtype(),
    "number": pd.Float64Dtype(), "percent": pd.Float64Dtype(),
    "month": "datetime64[us]", "date": "datetime64[us]", "boolean": pd.BooleanDtype(),
}

# pandera check names -> the project's problem codes
CHECK_CODES = {
    "not_nullable": "required",
    "greater_than_or_equal_to": "too-small",
    "less_than_or_equal_to": "too-large",
    "str_length": "too-long",
    "str_matches": "bad-pattern",
    "isin": "invalid-choice",
}


def _field(column: Column):
    options: dict[str, object] = {"nullable": not column.required, "coerce": False}
    if column.minimum is not None:
        options["ge"] = column.minimum
    if column.maximum is not None:
        options["le"] = column.maximum
    if column.max_length is not None:
        options["str_length"] = {"max_value": column.max_length}
    if column.pattern is not None:
        options["str_matches"] = column.pattern
    if column.choices:
        options["isin"] = [c.value for c in column.choices]
    return pa.Field(**options)


@functools.cache
def model_for(kind: str) -> type[pa.DataFrameModel]:
    """The ``DataFrameModel`` of upload kind ``kind`` (cached; the catalog is static)."""
    columns = KINDS[kind].columns
    namespace: dict[str, object] = {
        "__annotations__": {c.name: Series[_DTYPES[c.type]] for c in columns},
        "__module__": __name__,
        "Config": type("Config", (), {"strict": False, "coerce": False, "ordered": False}),
    }
    namespace.update({c.name: _field(c) for c in columns})
    name = "".join(part.title() for part in kind.split("_")) + "Model"
    return type(name, (pa.DataFrameModel,), namespace)


def failures(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every failed check of ``frame`` as ``column, check, failure_case, index`` rows."""
    try:
        model_for(kind).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        return cases[["column", "check", "failure_case", "index"]]
    return pd.DataFrame(columns=["column", "check", "failure_case", "index"])


def dtype_of(column: Column):
    return _DTYPES[column.type]
