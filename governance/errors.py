"""The project's own exceptions. Library code raises them; only the CLI and the pages turn
them into messages (through ``message(lang)``), so no traceback reaches a user."""

from __future__ import annotations

from governance.i18n import t


class GovernanceError(Exception):
    """Base error: a message key of the i18n catalog and its parameters."""

    key = "error.internal"
    exit_code = 1

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key, params)

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.params)


class ReadError(GovernanceError):
    """A file could not be read as a table; carries the problem report."""

    def __init__(self, problem) -> None:
        super().__init__("error.internal", detail=problem.code)
        self.problem = problem

    def message(self, lang: str) -> str:
        return self.problem.message(lang)


class StoreBusy(GovernanceError):
    key = "error.busy"


class DatabaseError(GovernanceError):
    key = "error.database"
    exit_code = 2


class BatchError(GovernanceError):
    """A rollback or batch lookup that cannot be done."""


class UsageError(GovernanceError):
    exit_code = 2
