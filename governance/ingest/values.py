"""Vectorised parsing of the value forms the data contract allows.

Each parser takes a column of raw text (``object`` Series of ``str`` or missing) and returns
``(typed, refused)``: the typed column, and the problem code of every non-empty cell that
cannot be stored, indexed by its row (empty when all is well), so nothing is silently turned
into "missing". A cell is refused when it does not parse (``invalid-*``), when it parses to a
value its type cannot hold (``number-out-of-range``: not finite or beyond ``NUMBER_LIMIT``;
``date-out-of-range``: outside 1900-01-01 … 2100-12-31), or when text holds a control
character (``control-character``; tab, CR and LF are text). Plain values take a fast path in
C (pandas' and Arrow's own converters); only what it cannot read goes through the slower,
forgiving path (NFKC for full-width digits and signs, separators, currency, Japanese month
spellings).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from governance.catalog import (
    FIRST_DAY,
    LAST_DAY,
    NUMBER_LIMIT,
    NUMERIC_TYPES,
    Column,
    normalise_header,
)
from governance.catalog import corporate_number as corporate

_SPACES = " \t\r\n\u3000\u00a0"

_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$")
_CURRENCY = re.compile(r"^[¥\\$]|円$|jpy$")
_NEGATIVE = str.maketrans({"△": "-", "▲": "-", "−": "-"})
_NOT_FINITE = re.compile(r"^[+-]?(?:nan|inf|infinity)$")  # what float() reads but no one means
# C0 controls but tab, LF and CR (multi-line summaries are text), and DEL
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"

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
_FIRST, _LAST = pd.Timestamp(FIRST_DAY), pd.Timestamp(LAST_DAY)

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


def _numbers(text: pd.Series, percent: bool) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Plain cells through Arrow's cast; the rest through ``_numbers_forgiving``. Returns
    the values, the cells that are no number, and those that read as infinite or NaN."""
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
    not_finite = np.zeros(len(text), dtype=bool)
    if rest.any():
        values[rest], _, not_finite[rest] = _numbers_forgiving(text[rest], percent)
    bad = text.notna() & values.isna() & ~not_finite
    return values, bad, not_finite


def _numbers_forgiving(text: pd.Series, percent: bool
                       ) -> tuple[pd.Series, pd.Series, np.ndarray]:
    values = pd.to_numeric(text, errors="coerce").astype("Float64")
    slow = text.notna() & values.isna()
    not_finite = np.zeros(len(text), dtype=bool)
    if slow.any():
        cleaned = _nfkc(text[slow]).str.translate(_NEGATIVE).str.replace(" ", "", regex=False)
        if percent:
            cleaned = cleaned.str.removesuffix("%")
        else:
            cleaned = cleaned.str.replace(_CURRENCY, "", regex=True)
        not_finite[slow.to_numpy(dtype=bool)] = cleaned.str.fullmatch(_NOT_FINITE).fillna(
            False).to_numpy(dtype=bool)
        ok = cleaned.str.fullmatch(_NUMBER).fillna(False) & (cleaned != "")
        parsed = pd.to_numeric(cleaned.where(ok).str.replace(",", "", regex=False),
                               errors="coerce")
        values[slow] = parsed.astype("Float64")
    infinite = np.isinf(values.to_numpy(dtype=np.float64, na_value=0.0))  # inf, 1e400
    not_finite |= infinite
    values = values.mask(infinite)
    bad = text.notna() & values.isna() & ~not_finite
    return values, bad, not_finite


def _numeric(text: pd.Series, type_: str) -> tuple[pd.Series, pd.Series]:
    """A number of type ``type_``, refused when not finite or beyond ``NUMBER_LIMIT`` (a
    column's own narrower bounds are the models' to check)."""
    values, bad, not_finite = _numbers(text, percent=type_ == "percent")
    huge = (values.abs() > NUMBER_LIMIT).fillna(False)
    if huge.any():
        values = values.mask(huge)
    if type_ == "integer":
        bad = bad | (values.notna() & (values != values.round())).fillna(False)
        values = values.where(~bad).round().astype("Int64")
    return values, refusals(text.index, (BAD_CODE[type_], bad),
                            ("number-out-of-range", not_finite | huge.to_numpy(dtype=bool)))


def parse_integer(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _numeric(text, "integer")


def parse_number(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _numeric(text, "number")


def parse_percent(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _numeric(text, "percent")


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
    bad = text.notna() & values.isna()
    outside = (values.notna() & ((values < _FIRST) | (values > _LAST))).fillna(False)
    values = values.mask(outside)
    if month_only:
        values = values.dt.to_period("M").dt.to_timestamp()
    return values.astype("datetime64[us]"), refusals(
        text.index, (BAD_CODE["month" if month_only else "date"], bad),
        ("date-out-of-range", outside))


def parse_month(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _dates(text, month_only=True)


def parse_date(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _dates(text, month_only=False)


def parse_boolean(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = _nfkc(text).map(_BOOLEANS).astype("boolean")
    return values, refusals(text.index, (BAD_CODE["boolean"], text.notna() & values.isna()))


def parse_enum(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    spellings = {normalise_header(s): c.value for c in column.choices for s in c.spellings()}
    values = _nfkc(text).str.replace(" ", "_", regex=False).map(spellings).astype("string")
    return values, refusals(text.index, (BAD_CODE["enum"], text.notna() & values.isna()))


def parse_text(text: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    if column.pattern or column.references:
        # identifiers typed with full-width letters or dashes still match
        text = text.str.normalize("NFKC").str.strip(_SPACES)
    text = text.astype("string")
    control = text.str.contains(CONTROL_CHARACTERS, regex=True).fillna(False)
    if control.any():
        text = text.mask(control)
    return text, refusals(text.index, ("control-character", control))


def parse_corporate_number(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A 法人番号: 13 digits (full-width, hyphens and spaces between groups allowed), stored
    as the 13 ASCII digits; refused when not 13 digits or when the check digit is wrong."""
    cleaned = text.map(corporate.clean, na_action="ignore").astype("string")
    formed = cleaned.map(corporate.well_formed, na_action="ignore").astype("boolean")
    valid = cleaned.map(corporate.is_valid, na_action="ignore").astype("boolean")
    bad_form = text.notna() & ~formed.fillna(False)
    bad_digit = formed.fillna(False) & ~valid.fillna(False)
    return cleaned.mask(bad_form | bad_digit), refusals(
        text.index, (BAD_CODE["corporate_number"], bad_form),
        ("corporate-number-check-digit", bad_digit))


_PARSERS = {
    "integer": parse_integer, "number": parse_number, "percent": parse_percent,
    "month": parse_month, "date": parse_date, "boolean": parse_boolean,
    "corporate_number": parse_corporate_number,
}

BAD_CODE = {
    "integer": "invalid-integer", "number": "invalid-number", "percent": "invalid-percent",
    "month": "invalid-month", "date": "invalid-date", "boolean": "invalid-boolean",
    "enum": "invalid-choice", "corporate_number": "invalid-corporate-number",
}
# every code a parser may give a cell
CODES = frozenset(BAD_CODE.values()) | {"number-out-of-range", "date-out-of-range",
                                         "control-character", "corporate-number-check-digit"}


def refusals(index: pd.Index, *flags: tuple[str, object]) -> pd.Series:
    """The code of each flagged row, indexed by its row: ``flags`` are ``(code, mask)``
    pairs over ``index``, the masks disjoint."""
    parts = [pd.Series(code, index=index[mask], dtype=object)
             for code, mask in ((c, np.asarray(m, dtype=bool)) for c, m in flags) if mask.any()]
    if not parts:
        return pd.Series(index=index[:0], dtype=object)
    return parts[0] if len(parts) == 1 else pd.concat(parts).sort_index()


def _by_distinct(text: pd.Series, parser) -> tuple[pd.Series, pd.Series]:
    """Run an element-wise ``parser`` once per distinct cell (months, flags, choices and
    identifiers repeat a lot), then spread the results back over the rows."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    if len(uniques) * 2 > len(text):
        return parser(text)
    distinct = pd.concat([pd.Series(uniques, dtype=text.dtype),
                          pd.Series([pd.NA], dtype=text.dtype)], ignore_index=True)
    codes = np.where(codes < 0, len(uniques), codes)
    typed, refused = parser(distinct)
    typed = typed.take(codes)
    typed.index = text.index
    if len(refused):
        hit = np.isin(codes, refused.index.to_numpy())
        refused = pd.Series(refused.reindex(codes[hit]).to_numpy(), index=text.index[hit],
                            dtype=object)
    else:
        refused = refused.set_axis(text.index[:0])
    return typed, refused


def parse(raw: pd.Series, column: Column) -> tuple[pd.Series, pd.Series]:
    """Parse one raw column as ``column`` declares; returns ``(typed, refused)``."""
    text = blank_to_na(raw)
    if column.type in NUMERIC_TYPES:
        return _PARSERS[column.type](text)
    if column.type == "enum":
        return _by_distinct(text, lambda t: parse_enum(t, column))
    if column.type == "text":
        return _by_distinct(text, lambda t: parse_text(t, column))
    return _by_distinct(text, _PARSERS[column.type])
