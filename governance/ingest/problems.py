"""Problems found in an upload: a stable code, where (row as the user sees it, column as
they wrote it), the offending value, and a message rendered from the i18n catalog.

``CODES`` declares every problem code once: its message key, what it points at (the whole
file, the header row, or a cell of a data row) and whether it is only a note that does not
refuse the file. ``Problem`` refuses a code not declared there; tests and
docs/data-format.md read the same registry. Rows count the header as row 1, like the row
numbers Excel shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.i18n import LANGS, t

MAX_PROBLEMS = 1000  # a list beyond this is unreadable anyway; the rest are counted
MAX_SHOWN = 200  # characters of a value, column or detail a problem repeats


def cut(text: str) -> str:
    """``text`` as a problem shows it: at most ``MAX_SHOWN`` characters (a refused 50 MB
    cell is not echoed to the terminal, the page or the report)."""
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + f"… (+{len(text) - MAX_SHOWN:,})"

FILE, HEADER, CELL = "file", "header", "cell"


@dataclass(frozen=True)
class Code:
    """One problem code: its slug, its message (governance/i18n/messages/problems.toml),
    what it points at (``FILE``, ``HEADER`` or ``CELL``) and whether it is a note."""

    slug: str
    key: str
    scope: str
    warning: bool = False  # a note shown with the load: the file is still loaded


CODES: dict[str, Code] = {c.slug: c for c in (
    # the file as a whole: it is refused before its rows are read
    Code("file-too-large", "problem.file-too-large", FILE),
    Code("empty-file", "problem.empty-file", FILE),
    Code("unreadable-encoding", "problem.unreadable-encoding", FILE),
    Code("binary-content", "problem.binary-content", FILE),
    Code("malformed-csv", "problem.malformed-csv", FILE),
    Code("bad-xlsx", "problem.bad-xlsx", FILE),
    Code("xlsb-unsupported", "problem.xlsb-unsupported", FILE),
    Code("xlsx-too-large", "problem.xlsx-too-large", FILE),
    Code("unsafe-file", "problem.unsafe-file", FILE),
    Code("sheet-not-found", "problem.sheet-not-found", FILE),
    Code("percent-formats-unread", "problem.percent-formats-unread", FILE, warning=True),
    Code("too-many-columns", "problem.too-many-columns", FILE),
    Code("no-rows", "problem.no-rows", FILE),
    Code("profile-ambiguous", "problem.profile-ambiguous", FILE),
    Code("latest-rows", "problem.latest-rows", FILE, warning=True),
    # the header row: which kind of upload, which columns
    Code("unknown-kind", "problem.unknown-kind", HEADER),
    Code("missing-column", "problem.missing-column", HEADER),
    Code("duplicate-column", "problem.duplicate-column", HEADER),
    Code("ignored-column", "problem.ignored-column", HEADER, warning=True),
    Code("profile-header-not-found", "problem.profile-header-not-found", HEADER),
    # a cell of a data row: values that cannot be read (values.BAD_CODE)
    Code("invalid-integer", "problem.invalid-integer", CELL),
    Code("invalid-number", "problem.invalid-number", CELL),
    Code("invalid-percent", "problem.invalid-percent", CELL),
    Code("invalid-month", "problem.invalid-month", CELL),
    Code("invalid-date", "problem.invalid-date", CELL),
    Code("invalid-datetime", "problem.invalid-datetime", CELL),
    Code("ambiguous-date", "problem.ambiguous-date", CELL),
    Code("invalid-boolean", "problem.invalid-boolean", CELL),
    Code("invalid-choice", "problem.invalid-choice", CELL),
    Code("invalid-corporate-number", "problem.invalid-corporate-number", CELL),
    Code("corporate-number-check-digit", "problem.corporate-number-check-digit", CELL),
    # ... values outside the column's rules (checks.models.CHECK_CODES)
    Code("required", "problem.required", CELL),
    Code("too-small", "problem.too-small", CELL),
    Code("too-large", "problem.too-large", CELL),
    Code("too-long", "problem.too-long", CELL),
    Code("bad-pattern", "problem.bad-pattern", CELL),
    # ... and rules across columns and tables (checks.rules)
    Code("duplicate-key", "problem.duplicate-key", CELL),
    Code("unknown-vendor", "problem.unknown-vendor", CELL),
    Code("end-before-start", "problem.end-before-start", CELL),
    Code("due-before-raised", "problem.due-before-raised", CELL),
    Code("closed-before-raised", "problem.closed-before-raised", CELL, warning=True),
    Code("number-out-of-range", "problem.number-out-of-range", CELL),
    Code("date-out-of-range", "problem.date-out-of-range", CELL),
    Code("control-character", "problem.control-character", CELL),
    Code("closed-on-required", "problem.closed-on-required", CELL),
    Code("month-in-future", "problem.month-in-future", CELL),
    Code("before-opened", "problem.before-opened", CELL),
    Code("group-taken", "problem.group-taken", CELL),
    Code("parent-required", "problem.parent-required", CELL),
)}

HEADING_KEYS = ("problems.row", "problems.column", "problems.value", "problems.problem")


@dataclass(frozen=True)
class Problem:
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a programming error: declare the code in CODES
            raise ValueError(f"problem code {self.code!r} is not declared in CODES")

    @classmethod
    def of(cls, code: str, row: int | None = None, column: str | None = None,
           value: object = None, **params: object) -> Problem:
        shown = None if value is None else cut(str(value))
        column = None if column is None else cut(str(column))
        kept = {k: cut(v) if isinstance(v, str) else v for k, v in params.items()}
        return cls(code, row, column, shown, tuple(sorted(kept.items())))

    @property
    def warning(self) -> bool:
        """A note (the file is still loaded), as its code declares."""
        return CODES[self.code].warning

    def message(self, lang: str) -> str:
        params = {"value": self.value, "expected": "", "hint": "", "other": "", "detail": ""}
        for name, raw in self.params:
            params[name] = raw[lang] if isinstance(raw, dict) else raw
        return t(CODES[self.code].key, lang, **params).strip()

    def as_tuple(self) -> tuple:
        """The short projection tests compare: (row, column, code)."""
        return (self.row, self.column, self.code)


def translated(key: str, **params: object) -> dict[str, str]:
    """A parameter that reads differently per language (a hint, a list of choices)."""
    return {lang: t(key, lang, **params) for lang in LANGS}


def per_lang(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def did_you_mean(candidates: list[str]) -> dict[str, str]:
    if not candidates:
        return per_lang("", "")
    return translated("hint.did-you-mean", candidates=" / ".join(candidates))


@dataclass
class ProblemList:
    """All problems of one file, errors and warnings, capped at ``MAX_PROBLEMS`` shown."""

    entries: list[Problem] = field(default_factory=list)
    hidden: int = 0

    def add(self, problem: Problem) -> None:
        if len(self.entries) < MAX_PROBLEMS:
            self.entries.append(problem)
        else:
            self.hidden += 1

    def extend(self, problems) -> None:
        for p in problems:
            self.add(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.entries if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.entries if p.warning]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.hidden

    def sorted(self) -> list[Problem]:
        return sorted(self.errors, key=lambda p: (p.row or 0, p.column or "", p.code))

    def summary(self, lang: str) -> str:
        errors = self.errors
        rows = {p.row for p in errors if p.row is not None}
        if len(errors) == 1 and not rows and not self.hidden:
            return errors[0].message(lang)  # a file-level refusal says it all
        return t("problems.summary", lang, problems=len(errors) + self.hidden, rows=len(rows))

    @property
    def file_level(self) -> bool:
        """True when no problem points at a row (the file as a whole was refused)."""
        return all(p.row is None for p in self.errors) and not self.hidden

    def more(self, lang: str) -> str:
        """The line that counts the problems beyond ``MAX_PROBLEMS`` (``hidden``)."""
        return t("problems.more", lang, count=self.hidden)

    def table(self, lang: str) -> list[dict[str, object]]:
        """The list as rows with translated headers: row, column, value, problem."""
        head = headings(lang)
        rows = [dict(zip(head, (p.row, p.column, p.value, p.message(lang)), strict=True))
                for p in self.sorted()]
        if self.hidden:
            rows.append(dict(zip(head, (None, None, None, self.more(lang)), strict=True)))
        return rows


def headings(lang: str) -> list[str]:
    """The problem list's column headings: row, column, value, problem."""
    return [t(key, lang) for key in HEADING_KEYS]
