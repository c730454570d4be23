"""Vectorised parsing of the value forms the data contract allows.

Each parser takes a column of raw text (``object`` Series of ``str`` or missing) and returns
``(typed, bad)``: the typed column, and a mask of non-empty cells that did not parse, so
nothing is silently turned into "missing". Plain values take a fast path in C (pandas'
own converters); only what it cannot read goes through the slower, forgiving path
(NFKC for full-width digits and signs, separators, currency, Japanese month spellings).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from governance.catalog import Column, normalise_header

_SPACES = " \t\r\n\u3000\u00a0"

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$")
_CURRENCY = re.compile(r"^[¥\\$]|円$|jpy$")
_NEGATIVE = str.maketrans({"△": "-", "▲": "-", "−": "-"})

_ERA = {"令和": 2018, "平成": 1988}
_MONTH_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?"
               r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?$"),
    re.compile(r"^(?P<era>令和|平成)(?P<y>\d{1,2}|元)年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$"),
)
_EXCEL_SERIAL = re.compile(r"^(?P<serial>\d{5})(?:\.0+)?$")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")

TRUE_WORDS = ("yes", "true", "1", "1.0", "y", "はい", "済", "有", "○", "〇", "◯", "✓", "実施")
FALSE_WORDS = ("no", "false", "0", "0.0", "n", "いいえ", "未", "無", "×", "✕", "x", "未実施")
_BOOLEANS = {normalise_header(w): True for w in TRUE_WORDS} | {
    normalise_header(w): False for w in FALSE_WORDS}


def blank_to_na(raw: pd.Series) -> pd.Series:
    """Strip ASCII and full-width spaces; an empty cell becomes missing (never zero)."""
    text = raw.astype("string").str.strip(_SPACES)
    return text.mask(text == "")


def _nfkc(text: pd.Series) -> pd.Series:
    return text.str.normalize("NFKC").str.strip(_SPACES).str.casefold()


# Plain numbers Arrow casts exactly as ``pd.to_numeric`` reads them (same float64, checked on
# random decimals); everything else takes the pandas path below, cell by cell unchanged.
PLAIN_NUMBER = r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"  # Arrow casts these; the rest: below


def _arrow_text(text: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow strings (no copy for pandas' Arrow-backed strings)."""
    if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
        return pa.array(text.array)
    return pa.array(text.astype(object), type=pa.large_string(), from_pandas=True)


def _numbers(text: pd.Series, percent: bool) -> tuple[pd.Series, pd.Series]:
    """Plain cells through Arrow's cast; the rest through ``_numbers_forgiving``."""
    arr = _arrow_text(text)
    try:  # the common case: a column of plain integers, one cast for the whole column
        whole = pc.cast(arr, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        whole = None
    if whole is not None:
        numbers = pc.fill_null(whole, 0).to_numpy(zero_copy_only=False).astype(np.float64)
        fast = np.asarray(pc.is_valid(whole).to_numpy(zero_copy_only=False), dtype=bool)
    else:  # one pass: integers of up to 15 digits are exact as float64 too
        plain = pc.fill_null(pc.match_substring_regex(arr, PLAIN_NUMBER), False)
        numbers = np.asarray(pc.cast(pc.if_else(plain, arr, "0"), pa.float64()).to_numpy(
            zero_copy_only=False), dtype=np.float64) + 0.0  # + 0.0: "-0" reads as 0
        fast = np.asarray(plain.to_numpy(zero_copy_only=False), dtype=bool)
    values = pd.Series(pd.arrays.FloatingArray(numbers, ~fast), index=text.index)
    rest = text.notna().to_numpy(dtype=bool) & ~fast
    if rest.any():
        values[rest] = _numbers_forgiving(text[rest], percent)[0]
    bad = text.notna() & values.isna()
    return values, bad


def _numbers_forgiving(text: pd.Series, percent: bool) -> tuple[pd.Series, pd.Series]:
    values = pd.to_numeric(text, errors="coerce").astype("Float64")
    slow = text.notna() & values.isna()
    if slow.any():
        cleaned = _nfkc(text[slow]).str.translate(_NEGATIVE).str.replace(" ", "", regex=False)
        if percent:
            cleaned = cleaned.str.removesuffix("%")
        else:
            cleaned = cleaned.str.replace(_CURRENCY, "", regex=True)
        ok = cleaned.str.fullmatch(_NUMBER).fillna(False) & (cleaned != "")
        parsed = pd.to_numeric(cleaned.where(ok).str.replace(",", "", regex=False),
                               errors="coerce")
        values[slow] = parsed.astype("Float64")
    bad = text.notna() & values.isna()
    return values, bad


def parse_integer(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    values, bad = _numbers(text, percent=False)
    fractional = values.notna() & (values != values.round())
    bad = bad | fractional.fillna(False)
    as_int = values.where(~bad).round().astype("Int64")
    return as_int, bad


def parse_number(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _numbers(text, percent=False)


def parse_percent(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _numbers(text, percent=True)


def _dates(text: pd.Series, month_only: bool) -> tuple[pd.Series, pd.Series]:
    fast_format = "%Y-%m" if month_only else "%Y-%m-%d"
    values = pd.to_datetime(text, format=fast_format, errors="coerce")
    slow = text.notna() & values.isna()
    if slow.any():
        cleaned = _nfkc(text[slow])
        year = pd.Series(np.nan, index=cleaned.index)
        month = year.copy()
        day = pd.Series(1.0, index=cleaned.index)
        for pattern in _MONTH_PATTERNS:
            parts = cleaned.str.extract(pattern)
            hit = parts["m"].notna() & year.isna()
            if not hit.any():
                continue
            y = parts["y"].replace("元", "1")
            y = pd.to_numeric(y, errors="coerce")
            if "era" in parts:
                y = y + parts["era"].map(_ERA)
            year[hit] = y[hit]
            month[hit] = pd.to_numeric(parts["m"], errors="coerce")[hit]
            if "d" in parts:
                has_day = hit & parts["d"].notna()
                day[has_day] = pd.to_numeric(parts["d"], errors="coerce")[has_day]
                if not month_only:
                    # a full date needs its day; a month may come with or without one
                    day[hit & parts["d"].isna()] = np.nan
            elif not month_only:
                day[hit] = np.nan
        frame = pd.DataFrame({"year": year, "month": month, "day": day})
        parsed = pd.to_datetime(frame, errors="coerce")
        serial = cleaned.str.extract(_EXCEL_SERIAL)["serial"]
        from_serial = _EXCEL_EPOCH + pd.to_timedelta(pd.to_numeric(serial), unit="D")
        parsed = parsed.fillna(from_serial)
        values[slow] = parsed
    if month_only:
        values = values.dt.to_period("M").dt.to_timestamp()
    bad = text.notna() & values.isna()
    return values.astype("datetime64[us]"), bad


def parse_month(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _dates(text, month_only=True)


def parse_date(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _dates(text, month_only=False)


def parse_boolean(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = _nfkc(text).map(_BOOLEANS).astype("boolean")
    return values, text.notna() & values.isna()


def parse_enum(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    spellings = {normalise_header(s): c.value for c in column.choices for s in c.spellings()}
    values = _nfkc(text).str.replace(" ", "_", regex=False).map(spellings).astype("string")
    return values, text.notna() & values.isna()


def parse_text(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    if column.pattern or column.references:
        # identifiers typed with full-width letters or dashes still match
        text = text.str.normalize("NFKC").str.strip(_SPACES)
    return text.astype("string"), pd.Series(False, index=text.index)


_PARSERS = {
    "integer": parse_integer, "number": parse_number, "percent": parse_percent,
    "month": parse_month, "date": parse_date, "boolean": parse_boolean,
}

BAD_CODE = {
    "integer": "invalid-integer", "number": "invalid-number", "percent": "invalid-percent",
    "month": "invalid-month", "date": "invalid-date", "boolean": "invalid-boolean",
    "enum": "invalid-choice",
}


def _by_distinct(text: pd.Series, parser) -> tuple[pd.Series, pd.Series]:
    """Run an element-wise ``parser`` once per distinct cell (months, flags, choices and
    identifiers repeat a lot), then spread the results back over the rows."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    if len(uniques) * 2 > len(text):
        return parser(text)
    distinct = pd.concat([pd.Series(uniques, dtype=text.dtype),
                          pd.Series([pd.NA], dtype=text.dtype)], ignore_index=True)
    codes = np.where(codes < 0, len(uniques), codes)
    typed, bad = parser(distinct)
    typed = typed.take(codes)
    bad = bad.take(codes)
    typed.index = bad.index = text.index
    return typed, bad


def parse(raw: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Parse one raw column as ``column`` declares; returns ``(typed, bad_mask)``."""
    text = blank_to_na(raw)
    if column.type in ("integer", "number", "percent"):
        return _PARSERS[column.type](text)
    if column.type == "enum":
        return _by_distinct(text, lambda t: parse_enum(t, column))
    if column.type == "text":
        return _by_distinct(text, lambda t: parse_text(t, column))
    return _by_distinct(text, _PARSERS[column.type])
