"""What the checks report: plain findings, and the codes they may carry.

A ``Finding`` names a position in the checked frame and a canonical column; it knows
nothing of spreadsheet rows, headers as written or languages. The caller (governance's
validation) turns each into a problem the user can act on, resolving the references below
in its parameters. This package imports no governance module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Every code a finding may carry: the column checks of the pandera models, then the rules.
CODES = frozenset({
    "required", "too-small", "too-large", "too-long", "bad-pattern", "invalid-choice",
    "duplicate-key", "unknown-vendor", "end-before-start", "due-before-raised",
    "closed-before-raised", "closed-on-required", "month-in-future", "before-opened",
    "group-taken", "parent-required",
})


@dataclass(frozen=True)
class Row:
    """Another position in the frame, shown as its spreadsheet row."""

    index: int


@dataclass(frozen=True)
class Headers:
    """Canonical column names, shown as the user wrote them (joined with " + ")."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """A cell of the frame, shown as the user wrote it."""

    column: str
    index: int


@dataclass(frozen=True)
class Suggestions:
    """Known values close to the one found, shown as a "did you mean" hint."""

    candidates: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """One failed check: ``code`` at frame position ``index`` of canonical ``column``."""

    code: str
    index: int
    column: str
    params: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undeclared finding code {self.code!r}")
