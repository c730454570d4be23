"""pandera ``DataFrameModel``s for the upload kinds, built from the column declarations
passed in.

A declaration is any object with ``name``, ``type``, ``required``, ``minimum``, ``maximum``,
``max_length``, ``pattern`` and ``choices`` (each with a ``value``): the catalog's columns,
read by duck typing, so this module imports no governance module.

The models check typed columns (after the parsers typed them): required cells, bounds,
lengths, identifier patterns and enumerations. They never coerce: a value that does not
parse has already been reported with its row by the parser.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterator

import pandas as pd

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pandera.pandas as pa
    from pandera.typing import Series

from checks.findings import Finding

_DTYPES = {
    "text": pd.StringDtype(), "enum": pd.StringDtype(), "integer": pd.Int64Dtype(),
    "number": pd.Float64Dtype(), "percent": pd.Float64Dtype(),
    "month": "datetime64[us]", "date": "datetime64[us]", "datetime": "datetime64[us]",
    "boolean": pd.BooleanDtype(), "corporate_number": pd.StringDtype(),
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


def _field(column):
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
def model_for(name: str, columns: tuple) -> type[pa.DataFrameModel]:
    """The ``DataFrameModel`` named after ``name`` checking ``columns`` (cached: the
    declarations are frozen, so equal declarations give the same model)."""
    namespace: dict[str, object] = {
        "__annotations__": {c.name: Series[_DTYPES[c.type]] for c in columns},
        "__module__": __name__,
        "Config": type("Config", (), {"strict": False, "coerce": False, "ordered": False}),
    }
    namespace.update({c.name: _field(c) for c in columns})
    title = "".join(part.title() for part in name.split("_")) + "Model"
    return type(title, (pa.DataFrameModel,), namespace)


def findings(name: str, columns: tuple, frame: pd.DataFrame) -> Iterator[Finding]:
    """Every failed column check of ``frame``, one finding per cell and check."""
    try:
        # inplace: nothing is coerced, so the copy pandera makes by default bought nothing
        model_for(name, tuple(columns)).validate(frame, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases[["column", "check", "index"]]
        for column, check, index in cases.itertuples(index=False):
            code = CHECK_CODES.get(str(check).split("(")[0], "invalid-choice")
            yield Finding(code, int(index), str(column))


def prepare(name: str, columns: tuple) -> None:
    """Build ``name``'s model and run it once on no rows: pandera registers its backends
    and imports its checks on a first validation (0.2 s), which a caller can so do while
    it waits for something else."""
    empty = pd.DataFrame({c.name: pd.Series(dtype=_DTYPES[c.type]) for c in columns})
    for _ in findings(name, columns, empty):
        pass


def dtype_of(column):
    """The pandas dtype a typed column of ``column``'s type has."""
    return _DTYPES[column.type]
