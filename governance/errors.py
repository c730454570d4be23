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


class ConfigError(GovernanceError):
    """A setting (in a secrets file or an environment variable) is not usable: the app
    and the CLI stop with this message rather than run on a guess (``governance.settings``)."""

    key = "error.config-secrets"
    exit_code = 2


MAX_DETAIL = 200  # characters of a foreign error's text shown in a message


class LoadInterrupted(GovernanceError):
    """Files loaded one after another, and writing one of them failed (a full disk, a
    lost server): names that file and every file committed before it."""

    key = "error.load-interrupted"

    def __init__(self, file: str, loaded: list[str], cause: BaseException,
                 done: list | None = None) -> None:
        super().__init__(file=file)
        self.file, self.loaded, self.cause = file, loaded, cause
        self.done = done or []  # the uploads handled before the failure (loaded or not)

    def message(self, lang: str) -> str:
        if isinstance(self.cause, GovernanceError):
            detail = self.cause.message(lang)
        elif isinstance(self.cause, OSError) and self.cause.strerror:
            detail = self.cause.strerror
        else:
            lines = str(self.cause).strip().splitlines()
            detail = lines[0][:MAX_DETAIL] if lines else type(self.cause).__name__
        loaded = ", ".join(self.loaded) or t("ingest.none-loaded", lang)
        return t(self.key, lang, file=self.file, detail=detail, loaded=loaded)
