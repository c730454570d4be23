"""The import profile as a TOML file: reading one (every mistake refused with one line
naming its key), and writing one back.

The format (docs/data-format.md, "Import profiles")::

    kind = "kpis"                  # an upload kind of the catalog (KINDS)
    name = "テクノ運用 月次報告"     # optional; default the profile file's name
    sheet = "月次報告"               # optional; default the first sheet
    header_row = 4                 # optional; default found (the row holding the headers)
    dayfirst = false               # optional: dates such as 05/10/2026 are day first

    [columns]                      # catalog column = the header as written in the file
    [constants]                    # catalog columns the file does not carry
    [scale]                        # multiply a number after reading it
    [values.<column>]              # the file's words -> catalog values
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field

import pandas as pd

from governance.catalog import KINDS, NUMERIC_TYPES, Column, Kind, normalise_header
from governance.errors import GovernanceError
from governance.i18n import t
from governance.ingest.problems import did_you_mean, per_lang
from governance.ingest.readers import trim
from governance.ingest.values import parse as parse_cells

TOP_LEVEL = ("kind", "name", "sheet", "header_row", "dayfirst", "columns", "constants",
            "scale", "values")
MAX_HEADER_ROW = 1_048_576  # the last row of an XLSX sheet
MAX_TEXT = 500  # characters of a name, sheet, header or word
# what a key's value must be, in words, for each kind of key
EXPECTED_KEYS = {"text": "profile.expect-text", "row": "profile.expect-row",
                 "bool": "profile.expect-bool", "scale": "profile.expect-scale",
                 "table": "profile.expect-table", "constant": "profile.expect-constant"}


class ProfileError(GovernanceError):
    """A profile that cannot be used; the message names the profile and the key."""

    exit_code = 2

    def message(self, lang: str) -> str:
        params = {k: v[lang] if isinstance(v, dict) else v for k, v in self.params.items()}
        return t(self.key, lang, **params)


@dataclass(frozen=True)
class Profile:
    """How one sender's layout maps onto the catalog columns of upload ``kind``."""

    kind: str
    name: str
    sheet: str | None = None
    header_row: int | None = None
    dayfirst: bool | None = None
    columns: dict[str, str] = field(default_factory=dict)  # catalog column -> header
    constants: dict[str, str] = field(default_factory=dict)  # catalog column -> value
    scale: dict[str, float] = field(default_factory=dict)  # catalog column -> factor
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> word map

    @property
    def headers(self) -> tuple[str, ...]:
        """The headers the profile names: a file whose header row holds them all fits."""
        return tuple(self.columns.values())


def dotted(*parts: str) -> str:
    """A key path as TOML writes it: ``values.access_review_done."実施済"``."""
    return ".".join(p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else _quoted(p) for p in parts)


def _quoted(text: str) -> str:
    # JSON's escapes are TOML's; TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _fail(message_key: str, source: str, **params: object) -> ProfileError:
    return ProfileError(message_key, source=source, **params)


_LINE = re.compile(r"\(at line (\d+), column \d+\)$")


def parse(text: str, source: str, name: str | None = None) -> Profile:
    """The profile in ``text`` (TOML); ``source`` names it in errors, and its name is its
    own ``name`` key, else ``name``, else ``source``. Raises ``ProfileError``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _LINE.search(str(exc))
        line = int(found.group(1)) if found else text.count("\n") + 1
        raise _fail("profile.syntax", source, line=line,
                    detail=_LINE.sub("", str(exc)).strip()) from None
    return _Reader(data, source).profile(name or source)


class _Reader:
    """Checks one parsed TOML document key by key, failing on the first mistake."""

    def __init__(self, data: dict, source: str) -> None:
        self.data, self.source = data, source

    def fail(self, message_key: str, **params: object) -> ProfileError:
        return _fail(message_key, self.source, **params)

    def bad_value(self, key: str, value: object, expected: str) -> ProfileError:
        return self.fail("profile.bad-value", key=key, value=_shown(value),
                         expected=per_lang(t(EXPECTED_KEYS[expected], "ja"),
                                           t(EXPECTED_KEYS[expected], "en")))

    def profile(self, default_name: str) -> Profile:
        for key in self.data:
            if key not in TOP_LEVEL:
                raise self.fail("profile.unknown-key", key=dotted(key),
                                allowed=", ".join(TOP_LEVEL))
        if "kind" not in self.data:
            raise self.fail("profile.missing-kind", allowed=", ".join(KINDS))
        kind = self.data["kind"]
        if kind not in KINDS:
            raise self.fail("profile.unknown-kind", value=_shown(kind),
                            allowed=", ".join(KINDS))
        spec = KINDS[kind]
        name = self.text("name") or default_name
        columns = {c: self.text(dotted("columns", c), v)
                   for c, v in self.table("columns", spec).items()}
        self._distinct_headers(columns)
        dayfirst = self.flag("dayfirst")
        constants = {c: self.constant(spec.column(c), v, dayfirst)
                     for c, v in self.table("constants", spec).items()}
        for c in constants:
            if c in columns:
                raise self.fail("profile.column-twice", key=dotted("constants", c),
                                other=dotted("columns", c))
        return Profile(kind, name, self.text("sheet"), self.row(), dayfirst, columns,
                       constants,
                       {c: self.scale(spec.column(c), v)
                        for c, v in self.table("scale", spec).items()},
                       {c: self.words(spec.column(c), v)
                        for c, v in self.table("values", spec).items()})

    def text(self, key: str, value: object = None) -> str | None:
        if value is None:
            value = self.data.get(key)
            if value is None:
                return None
        if not isinstance(value, str) or not trim(value) or len(value) > MAX_TEXT:
            raise self.bad_value(key, value, "text")
        return trim(value)

    def row(self) -> int | None:
        value = self.data.get("header_row")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or \
                not 1 <= value <= MAX_HEADER_ROW:
            raise self.bad_value("header_row", value, "row")
        return value

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.bad_value(key, value, "bool")
        return value

    def table(self, key: str, spec: Kind) -> dict:
        """A table whose keys are catalog columns of ``spec``."""
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.bad_value(key, value, "table")
        for column in value:
            if column not in spec.names:
                close = _close(column, spec)
                raise self.fail("profile.unknown-column", key=dotted(key, column),
                                kind=per_lang(spec.ja, spec.en), hint=did_you_mean(close))
        return value

    def _distinct_headers(self, columns: dict[str, str]) -> None:
        seen: dict[str, str] = {}
        for column, header in columns.items():
            if header in seen:
                raise self.fail("profile.header-twice", key=dotted("columns", column),
                                other=dotted("columns", seen[header]), value=header)
            seen[header] = column

    def constant(self, column: Column, value: object, dayfirst: bool | None) -> str:
        key = dotted("constants", column.name)
        text = _as_text(value)
        if text is None or not text.strip() or len(text) > MAX_TEXT:
            raise self.bad_value(key, value, "constant")
        if not _readable(text, column, dayfirst):
            raise self.fail("profile.bad-constant", key=key, value=text,
                            column=per_lang(column.ja, column.en_label))
        return text

    def scale(self, column: Column, value: object) -> float:
        key = dotted("scale", column.name)
        if column.type not in NUMERIC_TYPES:
            raise self.fail("profile.scale-not-number", key=key,
                            column=per_lang(column.ja, column.en_label))
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not math.isfinite(value) or value <= 0:
            raise self.bad_value(key, value, "scale")
        return value

    def words(self, column: Column, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.bad_value(dotted("values", column.name), value, "table")
        out = {}
        for word, target in value.items():
            key = dotted("values", column.name, word)
            if not isinstance(target, str) or len(target) > MAX_TEXT or not trim(word):
                raise self.bad_value(key, target, "text")
            if not _readable(target, column, None):
                raise self.fail("profile.unknown-word", key=key, value=target,
                                column=per_lang(column.ja, column.en_label),
                                allowed=allowed_words(column))
            out[word] = target
        return out


MAX_BYTES = 1024 * 1024  # a profile is a few lines; anything this big is not one


def decode(data: bytes, source: str) -> str:
    """A profile file's bytes as text (TOML is UTF-8; a BOM is allowed)."""
    if len(data) > MAX_BYTES:
        raise _fail("profile.too-large", source, limit=f"{MAX_BYTES // 1024:,} KB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail("profile.not-utf8", source) from None


def _shown(value: object) -> str:
    return _quoted(value) if isinstance(value, str) else json.dumps(value, default=str)


def _close(name: str, spec: Kind) -> list[str]:
    return difflib.get_close_matches(name, list(spec.names), n=2, cutoff=0.6)


def _as_text(value: object) -> str | None:
    """A TOML value as the cell text it stands for (None: a table or array)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str | int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return None


def _readable(text: str, column: Column, dayfirst: bool | None) -> bool:
    """Whether ``text`` reads as a value of ``column`` (an empty word reads as missing)."""
    typed, refused = parse_cells(pd.Series([text], dtype="string"), column, dayfirst)
    return not len(refused) and (typed.notna().all() or not text.strip())


def allowed_words(column: Column) -> dict[str, str]:
    """The words a value map may send a word of ``column`` to, per language."""
    if column.type == "enum":
        return per_lang(" / ".join(c.ja for c in column.choices),
                        " / ".join(c.value for c in column.choices))
    if column.type == "boolean":
        return per_lang("yes / no / はい / いいえ / 済 / 未", "yes / no")
    return per_lang("", "")


def to_toml(profile: Profile) -> str:
    """``profile`` as a TOML file that ``parse`` reads back as the same profile."""
    lines = [f"kind = {_quoted(profile.kind)}", f"name = {_quoted(profile.name)}"]
    if profile.sheet is not None:
        lines.append(f"sheet = {_quoted(profile.sheet)}")
    if profile.header_row is not None:
        lines.append(f"header_row = {profile.header_row}")
    if profile.dayfirst is not None:
        lines.append(f"dayfirst = {'true' if profile.dayfirst else 'false'}")
    for table, entries in (("columns", profile.columns), ("constants", profile.constants),
                           ("scale", profile.scale)):
        if entries:
            lines += ["", f"[{table}]"]
            lines += [f"{dotted(k)} = {_value(v)}" for k, v in entries.items()]
    for column, words in profile.values.items():
        lines += ["", f"[{dotted('values', column)}]"]
        lines += [f"{dotted(w)} = {_quoted(v)}" for w, v in words.items()]
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return _quoted(str(value))


def word_key(word: str) -> str:
    """A word as value maps compare it with a cell: NFKC, trimmed, casefolded."""
    return normalise_header(word)
