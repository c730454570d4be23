"""Problems found in an upload: a stable code, where (row as the user sees it, column as
they wrote it), the offending value, and a message rendered from the i18n catalog.

Rows count the header as row 1, like the row numbers Excel shows.
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


@dataclass(frozen=True)
class Problem:
    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: tuple[tuple[str, object], ...] = ()
    warning: bool = False

    @classmethod
    def of(cls, code: str, row: int | None = None, column: str | None = None,
           value: object = None, warning: bool = False, **params: object) -> Problem:
        shown = None if value is None else cut(str(value))
        column = None if column is None else cut(str(column))
        kept = {k: cut(v) if isinstance(v, str) else v for k, v in params.items()}
        return cls(code, row, column, shown, tuple(sorted(kept.items())), warning)

    def message(self, lang: str) -> str:
        params = {"value": self.value, "expected": "", "hint": "", "other": "", "detail": ""}
        for name, raw in self.params:
            params[name] = raw[lang] if isinstance(raw, dict) else raw
        return t(f"problem.{self.code}", lang, **params).strip()

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
        return translated("hint.none")
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

    def table(self, lang: str) -> list[dict[str, object]]:
        """The list as rows with translated headers: row, column, value, problem."""
        head = [t(f"problems.{k}", lang) for k in ("row", "column", "value", "problem")]
        rows = [dict(zip(head, (p.row, p.column, p.value, p.message(lang)), strict=True))
                for p in self.sorted()]
        if self.hidden:
            more = Problem.of("more-problems", value=self.hidden).message(lang)
            rows.append(dict(zip(head, (None, None, None, more), strict=True)))
        return rows
