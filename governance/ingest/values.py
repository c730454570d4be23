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

import contextlib
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
# a time of day after a date: 1:16, 01:16:07, 01:16:07.5, 1:16 pm
_TIME = (r"(?:(?:\s+|t)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
         r"\s*(?P<p>am|pm)?)?")
_MONTH_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?:[-/.](?P<d>\d{1,2}))?" + _TIME + "$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?$"),
    re.compile(r"^(?P<era>令和|平成)(?P<y>\d{1,2}|元)年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$"),
)
# d/m/yyyy or m/d/yyyy (which, the column decides: ``day_first``)
_DMY = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})" + _TIME + "$")
_DAY_FIRST = r"^\s*(1[3-9]|2[0-9]|3[01])[/.-][0-9]{1,2}[/.-][0-9]{4}"
_MONTH_FIRST = r"^\s*[0-9]{1,2}[/.-](1[3-9]|2[0-9]|3[01])[/.-][0-9]{4}"
_EXCEL_SERIAL = re.compile(r"^(?P<serial>\d{5}(?:\.\d+)?)$")
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_FIRST, _LAST = pd.Timestamp(FIRST_DAY), pd.Timestamp(LAST_DAY)

TRUE_WORDS = ("yes", "true", "1", "1.0", "y", "はい", "済", "有", "○", "〇", "◯", "✓", "実施")
FALSE_WORDS = ("no", "false", "0", "0.0", "n", "いいえ", "未", "無", "×", "✕", "x", "未実施")
_BOOLEANS = {normalise_header(w): True for w in TRUE_WORDS} | {
    normalise_header(w): False for w in FALSE_WORDS}


def blank_to_na(raw: pd.Series, missing: tuple[str, ...] = ()) -> pd.Series:
    """Strip ASCII and full-width spaces; an empty cell, or one holding only a mark in
    ``missing`` (ServiceNow's ``?``), becomes missing (never zero)."""
    text = raw.astype("string").str.strip(_SPACES)
    return text.mask((text == "") | text.isin(missing) if missing else text == "")


def _nfkc(text: pd.Series) -> pd.Series:
    return text.str.normalize("NFKC").str.strip(_SPACES).str.casefold()


# Plain numbers Arrow casts exactly as ``pd.to_numeric`` reads them (same float64, checked on
# random decimals); everything else takes the pandas path below, cell by cell unchanged.
PLAIN_NUMBER = r"^-?[0-9]{1,15}(\.[0-9]{1,15})?$"  # Arrow casts these; the rest: below
# thousands separated as Excel writes them ("6,000,000"): Arrow casts them once the commas
# are gone, exactly as the forgiving path reads them (up to 15 digits before the point)
GROUPED_NUMBER = r"^-?[0-9]{1,3}(,[0-9]{3}){1,4}(\.[0-9]{1,15})?$"


def _arrow_text(text: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The column as Arrow strings (no copy for pandas' Arrow-backed strings)."""
    if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
        return pa.array(text.array)
    return pa.array(text.astype(object), type=pa.large_string(), from_pandas=True)


def _numbers(text: pd.Series, percent: bool) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Plain cells through Arrow's cast; the rest through ``_numbers_forgiving``. Returns
    the values, the cells that are no number, and those that read as infinite or NaN."""
    arr = _arrow_text(text)
    whole = None
    present = text.notna().to_numpy(dtype=bool)
    # the common case: a column of plain integers, one cast for the whole column (not tried
    # when the first value has a point or a comma: a failed cast costs as much as one)
    if present.any() and not any(mark in text.iloc[int(present.argmax())] for mark in ".,"):
        with contextlib.suppress(pa.ArrowInvalid, pa.ArrowNotImplementedError):
            whole = pc.cast(arr, pa.int64())
    if whole is not None:
        numbers = pc.fill_null(whole, 0).to_numpy(zero_copy_only=False).astype(np.float64)
        fast = np.asarray(pc.is_valid(whole).to_numpy(zero_copy_only=False), dtype=bool)
    else:  # one pass: integers of up to 15 digits are exact as float64 too
        plain = pc.fill_null(pc.match_substring_regex(arr, PLAIN_NUMBER), False)
        grouped = (pc.fill_null(pc.match_substring_regex(arr, GROUPED_NUMBER), False)
                   if pc.any(pc.match_substring(arr, ",")).as_py() else None)
        if grouped is not None and pc.any(grouped).as_py():
            arr = pc.if_else(grouped, pc.replace_substring(arr, ",", ""), arr)
            plain = pc.or_(plain, grouped)
        numbers = np.asarray(pc.cast(pc.if_else(plain, arr, "0"), pa.float64()).to_numpy(
            zero_copy_only=False), dtype=np.float64) + 0.0  # + 0.0: "-0" reads as 0
        fast = np.asarray(plain.to_numpy(zero_copy_only=False), dtype=bool)
    values = pd.Series(pd.arrays.FloatingArray(numbers, ~fast), index=text.index)
    rest = present & ~fast
    not_finite = np.zeros(len(text), dtype=bool)
    if rest.any():
        values[rest], _, not_finite[rest] = _numbers_forgiving(text[rest], percent)
    bad = values.isna() & present & ~not_finite
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


def _numeric(text: pd.Series, type_: str, scale: float | None = None
             ) -> tuple[pd.Series, pd.Series]:
    """A number of type ``type_``, refused when not finite or beyond ``NUMBER_LIMIT`` (a
    column's own narrower bounds are the models' to check). ``scale`` (an import
    profile's) multiplies what was read: thousands of yen, shares of 1 as percentages;
    a percentage written with its % sign is one already and is not scaled."""
    values, bad, not_finite = _numbers(text, percent=type_ == "percent")
    if scale is not None:
        scaled = values * scale
        if type_ == "percent":
            scaled = scaled.mask(text.str.strip(_SPACES).str.endswith(("%", "％")).fillna(
                False), values)
        values = scaled.round(9)  # 0.982 * 100 is 98.2, not 98.19999999999999
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


def _time_parts(parts: pd.DataFrame, hit: pd.Series, when: dict[str, pd.Series]) -> None:
    """Hours, minutes and seconds of the cells ``hit`` (a 12-hour clock with am/pm); a
    time that is no time of day (24:00, 1:75, 13:00 pm) makes the cell unreadable."""
    if "H" not in parts:
        return
    hour = pd.to_numeric(parts["H"], errors="coerce")
    minute = pd.to_numeric(parts["M"], errors="coerce")
    second = pd.to_numeric(parts["S"], errors="coerce").fillna(0)
    twelve = parts["p"].notna()
    wrong = (hour > 23) | (minute > 59) | (second > 59) | (twelve & ~hour.between(1, 12))
    hour = hour.where(~twelve, hour % 12 + np.where(parts["p"].eq("pm").fillna(False), 12, 0))
    timed = hit & parts["H"].notna()
    for name, part in (("hour", hour), ("minute", minute), ("second", second)):
        when[name][timed] = part[timed]
    when["day"][timed & wrong.fillna(False)] = np.nan


def _slow_dates(text: pd.Series, month_only: bool, dayfirst: bool | None
                ) -> tuple[pd.Series, pd.Series]:
    """The forgiving path, cell by cell: ``(values, ambiguous)``. ``ambiguous`` marks the
    ``d/m/yyyy`` cells that read as two different days while the order is undecided."""
    cleaned = _nfkc(text)
    when = {k: pd.Series(np.nan, index=cleaned.index) for k in ("year", "month")}
    when |= {"day": pd.Series(1.0, index=cleaned.index)}
    when |= {k: pd.Series(0.0, index=cleaned.index) for k in ("hour", "minute", "second")}
    ambiguous = pd.Series(False, index=cleaned.index)
    with_dmy = not month_only or dayfirst is not None  # a month as a date: a profile's
    for pattern in (*_MONTH_PATTERNS, _DMY) if with_dmy else _MONTH_PATTERNS:
        parts = cleaned.str.extract(pattern)
        if pattern is _DMY:  # which of the two numbers is the day: the column's order
            a = pd.to_numeric(parts["a"], errors="coerce")
            b = pd.to_numeric(parts["b"], errors="coerce")
            undecided = (a <= 12) & (b <= 12) & (a != b)
            if dayfirst is None:  # each cell as it can only be read, if it can
                ambiguous = (undecided & when["year"].isna()).fillna(False)
                a_is_day = a > 12
                parts["d"], parts["m"] = a.where(a_is_day, b), b.where(a_is_day, a)
                parts.loc[ambiguous, "m"] = np.nan
            else:
                parts["d"], parts["m"] = (a, b) if dayfirst else (b, a)
        hit = parts["m"].notna() & when["year"].isna()
        if not hit.any():
            continue
        y = pd.to_numeric(parts["y"].replace("元", "1"), errors="coerce")
        if "era" in parts:
            y = y + parts["era"].map(_ERA)
        when["year"][hit] = y[hit]
        when["month"][hit] = pd.to_numeric(parts["m"], errors="coerce")[hit]
        if "d" in parts:
            has_day = hit & parts["d"].notna()
            when["day"][has_day] = pd.to_numeric(parts["d"], errors="coerce")[has_day]
            if not month_only:
                # a full date needs its day; a month may come with or without one
                when["day"][hit & parts["d"].isna()] = np.nan
        elif not month_only:
            when["day"][hit] = np.nan
        _time_parts(parts, hit, when)
    parsed = pd.to_datetime(pd.DataFrame(when), errors="coerce")
    serial = cleaned.str.extract(_EXCEL_SERIAL)["serial"]
    from_serial = _EXCEL_EPOCH + pd.to_timedelta(pd.to_numeric(serial), unit="D")
    if month_only:
        from_serial = from_serial.dt.floor("D")
    return parsed.fillna(from_serial.dt.round("s")), ambiguous


def day_first(text: pd.Series) -> bool | None:
    """Which number comes first in the column's ``d/m/yyyy`` cells, as its values show:
    True when some first number can only be a day (13–31), False when some second number
    can only be one, None when no cell says (then, where both orders give a date, the cell
    is ambiguous). With evidence both ways the majority decides; the other cells then do
    not read as dates."""
    arr = _arrow_text(text)
    counts = [pc.sum(pc.match_substring_regex(arr, pattern)).as_py() or 0
              for pattern in (_DAY_FIRST, _MONTH_FIRST)]
    if counts[0] == counts[1] == 0:
        return None
    return counts[0] >= counts[1]


def _dates(text: pd.Series, month_only: bool, dayfirst: bool | None = None,
           with_time: bool = False) -> tuple[pd.Series, pd.Series]:
    if dayfirst is None and not month_only:
        dayfirst = day_first(text)
    if with_time:
        values = _fast_datetimes(text, dayfirst)
    else:
        values = pd.to_datetime(text, format="%Y-%m" if month_only else "%Y-%m-%d",
                                errors="coerce")
    slow = text.notna() & values.isna()
    ambiguous = pd.Series(False, index=text.index)
    if slow.any():
        parsed, ambiguous[slow] = _slow_dates(text[slow], month_only, dayfirst)
        if not with_time:
            parsed = parsed.dt.floor("D")
        values[slow] = parsed
    bad = text.notna() & values.isna() & ~ambiguous
    last = _LAST + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)
    outside = (values.notna() & ((values < _FIRST) | (values > last))).fillna(False)
    values = values.mask(outside)
    if month_only:
        values = values.dt.to_period("M").dt.to_timestamp()
    code = BAD_CODE["month" if month_only else "datetime" if with_time else "date"]
    return values.astype("datetime64[us]"), refusals(
        text.index, (code, bad), ("date-out-of-range", outside),
        ("ambiguous-date", ambiguous))


# The forms a system's export writes one column in, read by Arrow in C: each format with
# the cells that could overflow (day 29-31: Arrow reads 31/2 as 2 March), checked after.
_FAST_FORMATS = {
    r"^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?$": (
        ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"),
        r"^\d{4}-\d{1,2}-(29|30|31)\D"),
    r"^\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}(:\d{2})?$": (
        ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"), r"^\d{4}/\d{1,2}/(29|30|31)\D"),
    r"^\d{4}-\d{2}-\d{2}$": (("%Y-%m-%d",), r"^\d{4}-\d{2}-(29|30|31)$"),
    r"^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$": (
        ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"), r"^(29|30|31)/"),
}


def _fast_datetimes(text: pd.Series, dayfirst: bool | None) -> pd.Series:
    """The cells Arrow reads in C, in the form of the column's first value (the formats
    of that form in turn); NaT for the rest, which take the forgiving path."""
    first = text.first_valid_index()
    found = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if first is None:
        return found
    sample = str(text[first])
    form = next((f for f in _FAST_FORMATS if re.match(f, sample)), None)
    if form is None:
        return found
    formats, overflow = _FAST_FORMATS[form]
    if "%d/%m" in formats[0]:
        if dayfirst is None:
            return found  # undecided: the forgiving path names the ambiguous cells
        if not dayfirst:
            formats = tuple(f.replace("%d/%m", "%m/%d") for f in formats)
            overflow = r"^\d{1,2}/(29|30|31)/"
    arr = _arrow_text(text)
    micros = np.full(len(text), np.iinfo(np.int64).min, dtype=np.int64)  # NaT
    todo = np.asarray(pc.is_valid(arr).to_numpy(zero_copy_only=False), dtype=bool)
    for fmt in formats:
        if not todo.any():
            break
        where = np.flatnonzero(todo)
        part = arr if len(where) == len(arr) else arr.take(pa.array(where))
        parsed = pc.strptime(part, format=fmt, unit="us", error_is_null=True)
        late = pc.and_(pc.match_substring_regex(part, overflow), pc.less(pc.day(parsed), 29))
        parsed = pc.if_else(pc.fill_null(late, False), pa.scalar(None, parsed.type), parsed)
        ok = np.asarray(pc.is_valid(parsed).to_numpy(zero_copy_only=False), dtype=bool)
        micros[where[ok]] = pc.cast(parsed, pa.int64()).to_numpy(zero_copy_only=False)[ok]
        todo[where[ok]] = False
    found[:] = micros.view("datetime64[us]")
    return found


def parse_month(text: pd.Series, dayfirst: bool | None = None) -> tuple[pd.Series, pd.Series]:
    """Months; ``dayfirst`` (an import profile's) also reads ``d/m/yyyy`` dates as theirs."""
    return _dates(text, month_only=True, dayfirst=dayfirst)


def parse_date(text: pd.Series, dayfirst: bool | None = None) -> tuple[pd.Series, pd.Series]:
    """Dates; ``dayfirst`` says whether ``d/m/yyyy`` cells put the day first (None: as the
    column's values show, ``day_first``)."""
    return _dates(text, month_only=False, dayfirst=dayfirst)


def parse_datetime(text: pd.Series, dayfirst: bool | None = None
                   ) -> tuple[pd.Series, pd.Series]:
    """Dates with a time of day (ISO, ``2016/02/29 1:16``, ``29/2/2016 01:16``, Excel
    date cells and serial numbers); ``dayfirst`` as for ``parse_date``."""
    return _dates(text, month_only=False, dayfirst=dayfirst, with_time=True)


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
    "month": "invalid-month", "date": "invalid-date", "datetime": "invalid-datetime",
    "boolean": "invalid-boolean", "enum": "invalid-choice",
    "corporate_number": "invalid-corporate-number",
}
# every code a parser may give a cell
CODES = frozenset(BAD_CODE.values()) | {"number-out-of-range", "date-out-of-range",
                                         "control-character", "ambiguous-date",
                                         "corporate-number-check-digit"}


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


def parse(raw: pd.Series, column: Column, dayfirst: bool | None = None,
          missing: tuple[str, ...] = (), scale: float | None = None
          ) -> tuple[pd.Series, pd.Series]:
    """Parse one raw column as ``column`` declares; returns ``(typed, refused)``.
    ``dayfirst``: the order of ``d/m/yyyy`` dates (None: the column's values decide);
    ``missing``: cell texts that mean no value; ``scale`` multiplies numbers once read
    (an import profile's)."""
    text = blank_to_na(raw, missing)
    if column.type in NUMERIC_TYPES:
        return _numeric(text, column.type, scale)
    if column.type == "datetime":  # rarely repeated: parsed as a whole, in C where it can
        return parse_datetime(text, dayfirst)
    if column.type in ("month", "date"):
        return _by_distinct(text, lambda t: _PARSERS[column.type](t, dayfirst))
    if column.type == "enum":
        return _by_distinct(text, lambda t: parse_enum(t, column))
    if column.type == "text":
        return _by_distinct(text, lambda t: parse_text(t, column))
    return _by_distinct(text, _PARSERS[column.type])
