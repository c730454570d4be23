"""The building blocks of the catalog: a ``Column`` of an upload kind (with its
``Choice``s for enumerations), a ``Kind`` (a table users upload, with its natural key) and a
``Measure`` (what scoring judges: a KPI column with thresholds, or a value derived from
several by the formula on its declaration)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from governance.calendar import FIRST_YEAR, LAST_YEAR

AXES = ("knowledge_drain", "cost_creep", "control_leakage")
TYPES = ("text", "integer", "number", "percent", "month", "date", "datetime", "boolean",
         "enum", "corporate_number")  # 法人番号: 13 digits, check digit verified
NUMERIC_TYPES = ("integer", "number", "percent")

# What every column of a type may hold unless it declares narrower bounds. Numbers: finite
# and within ±10^13 (10 trillion yen): exact as float64 (parsing goes through it), far inside
# int64 and PostgreSQL BIGINT, and 900,000 such values still sum inside int64. Months and
# dates: the years pages, fiscal years and reports can draw (``governance.calendar``).
NUMBER_LIMIT = 10**13
FIRST_DAY, LAST_DAY = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)
# the units a column or measure may have, each with its label in the message catalog
UNIT_KEYS = {"JPY": "unit.JPY", "%": "unit.%", "pt": "unit.pt", "count": "unit.count",
             "people": "unit.people", "hours": "unit.hours", "days": "unit.days",
             "months": "unit.months"}


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column and the words users write for it."""

    value: str
    ja: str
    en: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        return (self.value, self.ja, self.en, *self.aliases)

    def label_for(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Column:
    """One column of an upload kind: how it is written, typed, checked and scored."""

    name: str
    ja: str
    type: str
    en_label: str
    help_en: str
    help_ja: str
    required: bool = False
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    pattern: str | None = None
    choices: tuple[Choice, ...] = ()
    axis: str | None = None
    direction: str | None = None  # "higher_is_better" | "higher_is_worse"
    amber: float | None = None
    red: float | None = None
    references: str | None = None  # kind whose key this column must match
    role: str = "outcome"  # as a scored measure: outcome | risk | activity (see Measure)
    # other headers the column is known by (another tool's export: ServiceNow's ``number``)
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if (self.type not in TYPES or self.axis not in (None, *AXES)
                or self.unit not in (None, *UNIT_KEYS)
                or self.direction not in (None, "higher_is_better", "higher_is_worse")
                or (self.type == "enum") != bool(self.choices)):
            raise ValueError(f"column {self.name}: inconsistent declaration")
        if any(abs(b) > NUMBER_LIMIT for b in (self.minimum, self.maximum) if b is not None):
            raise ValueError(f"column {self.name}: bounds beyond {NUMBER_LIMIT}")

    def bounds(self) -> tuple[object, object]:
        """The smallest and largest value the column may hold: its own minimum and maximum,
        else its type's (``NUMBER_LIMIT``, ``FIRST_DAY`` … ``LAST_DAY``); None for others."""
        if self.type in ("month", "date", "datetime"):
            return FIRST_DAY, LAST_DAY
        if self.type not in NUMERIC_TYPES:
            return None, None
        return (-NUMBER_LIMIT if self.minimum is None else self.minimum,
                NUMBER_LIMIT if self.maximum is None else self.maximum)

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en_label

    def help(self, lang: str) -> str:
        return self.help_ja if lang == "ja" else self.help_en

    def choice(self, value: str) -> Choice:
        return next(c for c in self.choices if c.value == value)


@dataclass(frozen=True)
class Kind:
    """One upload kind (a table users upload) and its natural key."""

    name: str
    ja: str
    en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    depends_on: tuple[str, ...] = ()
    # an event log: a file may hold several rows per key (one per update); the row kept is
    # the one with the highest values of these columns in turn, else the last in the file
    latest_by: tuple[str, ...] = ()
    # cell texts that mean "no value" in this kind's files (ServiceNow writes ``?``)
    missing_marks: tuple[str, ...] = ()
    _by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in self.columns})
        if not all(k in self._by_name for k in (*self.key, *self.latest_by)):
            raise ValueError(f"kind {self.name}: key {self.key} is not among its columns")

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


ROLES = ("outcome", "risk", "activity")


@dataclass(frozen=True)
class Measure:
    """What scoring judges: a KPI column with thresholds, or a value derived from several.

    Thresholds are inclusive: with ``higher_is_worse`` a value at or above ``amber`` is
    amber; with ``higher_is_better`` a value at or below it is. ``trend`` measures can
    raise the "worsening three months in a row" signal.

    ``role`` says what kind of evidence the measure is (docs/scoring.md):
    - ``outcome``: the state the axis protects (documentation held in-house, spend against
      budget, service level met); only outcomes can say "know-how is not secured";
    - ``risk``: a condition that raises the risk without being an outcome (vendor staff
      turnover): it colours its axis, but never escalates;
    - ``activity``: effort (hours of knowledge transfer, a count of change requests): it
      shows in trends and reasons but never turns an axis amber while the axis's outcome
      and risk measures are all green.

    A derived measure carries its ``formula``: a function of ``GridInputs`` (the raw KPI
    arrays, vendors × months) returning a vendors × months array.
    """

    name: str
    ja: str
    en: str
    axis: str
    direction: str
    amber: float | None
    red: float | None
    unit: str | None
    help_en: str
    help_ja: str
    role: str = "outcome"
    type: str = "number"  # the column type of a raw measure ("boolean": done / not done)
    formula: Callable[[GridInputs], np.ndarray] | None = field(default=None, compare=False)
    trend: bool = True
    # filled by the monthly KPI report, so an axis's coverage counts it ("too few measures
    # reported"); False for measures from other upload kinds (tickets, contracts, …),
    # which a report cannot leave out and most vendors never send
    in_report: bool = True
    # a reason of its own instead of "value crossed the threshold": its code (what JSON and
    # tests read), its message key, and the message's parameters for vendor v, month j
    reason_code: str = "threshold"
    reason_key: str | None = None
    reason_params: Callable[[GridInputs, int, int], dict] | None = field(default=None,
                                                                        compare=False)

    def __post_init__(self) -> None:
        if self.role not in ROLES or self.axis not in AXES:
            raise ValueError(f"measure {self.name}: role {self.role!r}, axis {self.axis!r}")

    @property
    def derived(self) -> bool:
        return self.formula is not None

    def label(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en

    def help(self, lang: str) -> str:
        return self.help_ja if lang == "ja" else self.help_en


@dataclass(frozen=True)
class GridInputs:
    """What a derived measure's formula reads: each numeric KPI column as a vendors × months
    float array (NaN where not reported), the register in array order, the months (first
    days, consecutive), the month the fiscal year starts in, and ``sources``: vendors ×
    months arrays computed from the other upload kinds (tickets, contracts, …) by
    ``governance.views.month``; a source that is not there reads as all NaN."""

    raw: dict[str, np.ndarray]
    vendors: object  # pandas.DataFrame, one row per vendor in array order
    months: object  # pandas.DatetimeIndex
    fiscal_year_start: int
    sources: dict[str, np.ndarray] = field(default_factory=dict)

    def source(self, name: str) -> np.ndarray:
        """The vendors × months array ``name``, all NaN when no data provided it."""
        found = self.sources.get(name)
        if found is None:
            return np.full((len(self.vendors), len(self.months)), np.nan)
        return found


def normalise_header(text: str) -> str:
    """The form in which headers are compared: NFKC, trimmed (ASCII and U+3000), casefolded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold().replace(" ", "_")
