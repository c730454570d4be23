"""The settings the app and the command line run with: read in one place, checked, and
refused with one clear message.

Two sources. **Secrets** (``.streamlit/secrets.toml``): ``[database] url`` and
``[access]`` (with ``[auth]`` for OIDC). The app passes ``st.secrets`` as a mapping; the
command line reads the files Streamlit reads (``~/.streamlit/secrets.toml``, then
``./.streamlit/secrets.toml``) with ``read_secrets``. **Environment**: the
``GOVERNANCE_*`` variables of ``ENVIRONMENT``, read by ``environment``.

A value that is present but unusable never falls back to a default: a secrets file that
is not TOML, an ``[access]`` table with a mistake, a ``[database]`` without a usable
``url``, a timeout that is not a number. Each raises ``ConfigError`` naming the setting and
the file or variable; the app then shows that message and no data, the CLI prints it and
exits with 2. (A malformed secrets file once meant "no sign-in, everyone is an admin".)
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from governance.errors import ConfigError

if TYPE_CHECKING:
    from governance.access import AccessConfig

ROOT = Path(__file__).resolve().parents[1]
SECRETS_NAME = ".streamlit/secrets.toml"

ENVIRONMENT = {  # variable -> what it sets (README, Configuration)
    "GOVERNANCE_DB": "the database, when neither --db nor [database] url names one",
    "GOVERNANCE_BUSY_TIMEOUT": "seconds to retry while the database is locked (>= 0)",
    "GOVERNANCE_MAX_UPLOAD_MB": "largest file the upload page accepts (>= 1)",
    "GOVERNANCE_SCORING": "the scoring configuration file",
    "GOVERNANCE_EXTENSION_DIR": "where DuckDB's postgres extension is installed",
    "GOVERNANCE_USER": "who the CLI acts as",
    "GOVERNANCE_LOG_DIR": "where the CLI writes the traceback of an internal error",
    "GOVERNANCE_SMTP_URL": "the mail server remind --send uses: smtp://host:port or smtps://",
    "GOVERNANCE_MAIL_FROM": "the sender address of remind --send",
}


@dataclass(frozen=True)
class Environment:
    database: str | None = None
    busy_timeout: float = 10.0
    max_upload_mb: float = 20.0
    scoring: str | None = None
    extension_dir: Path = ROOT / "data" / "extensions"
    user: str | None = None
    log_dir: Path = ROOT / "data" / "logs"
    smtp_url: str | None = None
    mail_from: str | None = None

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@dataclass(frozen=True)
class Settings:
    """What the app runs with: the database, the sign-in mode and the environment."""

    database: str | None  # [database] url, else $GOVERNANCE_DB; None: the default file
    access: AccessConfig
    environment: Environment
    source: str  # the secrets file(s) the values came from, for messages


def _number(env: Mapping[str, str], name: str, default: float, minimum: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < minimum:
        raise ConfigError("error.config-number", name=name, value=raw, minimum=f"{minimum:g}")
    return value


def environment(environ: Mapping[str, str] | None = None) -> Environment:
    """The ``GOVERNANCE_*`` variables, checked (``os.environ`` unless given)."""
    env = os.environ if environ is None else environ

    def text(name: str) -> str | None:
        return (env.get(name) or "").strip() or None

    defaults = Environment()
    return Environment(
        database=text("GOVERNANCE_DB"),
        busy_timeout=_number(env, "GOVERNANCE_BUSY_TIMEOUT", defaults.busy_timeout, 0),
        max_upload_mb=_number(env, "GOVERNANCE_MAX_UPLOAD_MB", defaults.max_upload_mb, 1),
        scoring=text("GOVERNANCE_SCORING"),
        extension_dir=Path(text("GOVERNANCE_EXTENSION_DIR") or defaults.extension_dir),
        user=text("GOVERNANCE_USER"),
        log_dir=Path(text("GOVERNANCE_LOG_DIR") or defaults.log_dir),
        smtp_url=text("GOVERNANCE_SMTP_URL"),
        mail_from=text("GOVERNANCE_MAIL_FROM"),
    )


def secrets_files() -> list[Path]:
    """Where Streamlit looks for secrets by default, in the order it merges them."""
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / SECRETS_NAME]


def read_secrets(paths: Iterable[str | os.PathLike]) -> tuple[dict, str]:
    """The secrets in those of ``paths`` that exist, a later file's tables replacing an
    earlier one's (as Streamlit merges them), and the files read (for messages)."""
    merged: dict = {}
    found: list[str] = []
    for path in map(Path, paths):
        if not path.is_file():
            continue
        try:
            merged.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError("error.config-toml", file=str(path), detail=str(exc)) from None
        found.append(str(path))
    return merged, ", ".join(found) or SECRETS_NAME


def database_url(secrets: Mapping, source: str) -> str | None:
    """``[database] url`` of the secrets; ``None`` without a ``[database]`` table."""
    table = secrets.get("database")
    if table is None:
        return None
    url = table.get("url") if isinstance(table, Mapping) else None
    if not isinstance(url, str) or not url.strip():
        raise ConfigError("error.config-database", file=source)
    return url.strip()


def load(secrets: Mapping | None, source: str = SECRETS_NAME,
         environ: Mapping[str, str] | None = None) -> Settings:
    """The app's settings from its secrets mapping and the environment."""
    from governance.access import parse_config  # access reads GOVERNANCE_USER through here

    secrets = secrets or {}
    env = environment(environ)
    return Settings(database_url(secrets, source) or env.database,
                    parse_config(secrets, source), env, source)


def cli_database(option: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The database of a CLI command: ``--db``, else ``[database] url`` of the secrets
    files the app reads (so a nightly job writes where the app reads), else
    ``$GOVERNANCE_DB``; ``None`` means the default file."""
    if option:
        return option
    secrets, source = read_secrets(secrets_files())
    return database_url(secrets, source) or environment(environ).database


@dataclass(frozen=True)
class MailSettings:
    """How ``remind --send`` reaches the mail server (the password never reaches a message
    or a log: ``repr`` leaves it out)."""

    host: str
    port: int
    tls: bool  # smtps:// (TLS from the start); smtp:// upgrades with STARTTLS to log in
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def mail(secrets: Mapping, source: str, environ: Mapping[str, str] | None = None
         ) -> MailSettings:
    """The mail settings: ``GOVERNANCE_SMTP_URL`` (``smtp://host:port`` or ``smtps://``),
    ``GOVERNANCE_MAIL_FROM`` and ``[smtp] user``/``password`` of the secrets (both or
    neither). Missing or unusable: ``ConfigError`` naming the setting, never the password."""
    from urllib.parse import urlsplit

    env = environment(environ)
    if not env.smtp_url:
        raise ConfigError("error.config-smtp-missing", name="GOVERNANCE_SMTP_URL")
    try:
        url = urlsplit(env.smtp_url)
        port = url.port
    except ValueError:
        url, port = None, None
    if url is None or url.scheme not in ("smtp", "smtps") or not url.hostname \
            or url.username or url.password or url.path not in ("", "/"):
        raise ConfigError("error.config-smtp-url", value=_without_secret(env.smtp_url))
    if not env.mail_from or "@" not in env.mail_from:
        raise ConfigError("error.config-smtp-missing", name="GOVERNANCE_MAIL_FROM")
    table = secrets.get("smtp", {})
    user = table.get("user") if isinstance(table, Mapping) else None
    password = table.get("password") if isinstance(table, Mapping) else None
    if not isinstance(table, Mapping) or (user is None) != (password is None) or not all(
            v is None or (isinstance(v, str) and v) for v in (user, password)):
        raise ConfigError("error.config-smtp-secrets", file=source)
    tls = url.scheme == "smtps"
    return MailSettings(url.hostname, port or (465 if tls else 25), tls, env.mail_from,
                        user, password)


def _without_secret(url: str) -> str:
    """A URL as a message may show it: anything before an ``@`` (a password) masked."""
    head, at, tail = url.rpartition("@")
    return f"{head.split('://')[0]}://***@{tail}" if at else url


def cli_mail(environ: Mapping[str, str] | None = None) -> MailSettings:
    """The mail settings of a CLI command, from the secrets files the app reads."""
    secrets, source = read_secrets(secrets_files())
    return mail(secrets, source, environ)
