"""Who may do what: roles, the acting user, sign-in configuration, passwords and lock-out.

Three roles, each including the one before: **viewer** (reads every page, exports),
**editor** (uploads files, records meetings and actions), **admin** (rolls batches back,
and so removes the demo data; changes thresholds, sees users and the audit log). Every
write entry point of ``governance`` takes the acting user and calls ``require`` before
writing, so hiding a button is never the only protection.

The acting user is an ``Actor(name, role)``. Callers that pass a plain name (or nothing)
are trusted local callers — the command line, scheduled jobs, the demo loader — and act as
an admin of that name (``$GOVERNANCE_USER``, else the login name).

The app's sign-in mode comes from ``[access]`` in ``.streamlit/secrets.toml`` (parsed and
checked here, without Streamlit): ``none`` (one local admin), ``password`` (argon2 hashes
and roles per user, lock-out after repeated failures) or ``oidc`` (Streamlit's
``st.login``; roles from the e-mail address or its domain).
"""

from __future__ import annotations

import getpass
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from governance import settings
from governance.errors import ConfigError, GovernanceError, UsageError

# the roles, least first, and each one's label
ROLE_KEYS = {"viewer": "role.viewer", "editor": "role.editor", "admin": "role.admin"}
ROLES = tuple(ROLE_KEYS)
_RANK = {role: i for i, role in enumerate(ROLES)}

# permission -> the least role that has it
PERMISSIONS = {
    "read": "viewer", "export": "viewer",
    "upload": "editor", "edit": "editor",
    "rollback": "admin", "thresholds": "admin", "users": "admin", "settings": "admin",
}

MODES = ("none", "password", "oidc")
# each sign-in mode in words, for /settings
MODE_KEYS = {"none": "settings.mode-none", "password": "settings.mode-password",
             "oidc": "settings.mode-oidc"}
MAX_FAILURES = 5  # per user name and client address
USER_CEILING = 10 * MAX_FAILURES  # per user name, from any address
LOCK_SECONDS = 15 * 60


class AccessDenied(GovernanceError):
    """The acting user lacks the permission, or could not sign in."""

    key = "error.access-denied"


class AccessConfigError(ConfigError):
    """``[access]`` in secrets is not usable (unknown mode or role, missing hash)."""

    key = "error.access-config"


@dataclass(frozen=True)
class Actor:
    name: str
    role: str

    def __post_init__(self) -> None:
        if self.role not in _RANK:  # roles from secrets are checked by parse_config
            raise ValueError(f"unknown role {self.role!r}")

    def can(self, permission: str) -> bool:
        return _RANK[self.role] >= _RANK[PERMISSIONS[permission]]


LOCAL = Actor("local", "admin")  # mode "none": the one local user


def cli_user() -> str:
    """The name a trusted local caller acts under: ``$GOVERNANCE_USER``, else the login."""
    try:
        return settings.environment().user or getpass.getuser()
    except Exception:  # no passwd entry inside some containers
        return "unknown"


def actor_of(user: Actor | str | None) -> Actor:
    """The acting user: an ``Actor`` as given; a plain name or ``None`` is a trusted local
    caller (CLI, scheduled job) and acts as an admin."""
    if isinstance(user, Actor):
        return user
    return Actor(user or cli_user(), "admin")


def require(user: Actor | str | None, permission: str) -> Actor:
    """The acting user, if it has ``permission``; else ``AccessDenied``."""
    actor = actor_of(user)
    if not actor.can(permission):
        raise AccessDenied("error.access-denied", user=actor.name,
                           role=actor.role, permission=permission)
    return actor


# --- configuration -------------------------------------------------------------------------
@dataclass(frozen=True)
class AccessConfig:
    mode: str = "none"
    users: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (role, hash)
    oidc_roles: dict[str, str] = field(default_factory=dict)  # "a@x.jp" / "@x.jp" -> role
    oidc_provider: str | None = None  # a named provider of [auth], else the default one

    def role_of(self, name: str) -> str | None:
        """Role of a password user (``None`` when unknown)."""
        entry = self.users.get(name)
        return entry[0] if entry else None

    def oidc_role(self, email: str | None) -> str | None:
        """Role of a signed-in OIDC user: the exact address first, then ``@domain``;
        ``None`` (no access) for anyone else."""
        if not email or "@" not in email:
            return None
        email = email.strip().lower()
        if email in self.oidc_roles:
            return self.oidc_roles[email]
        return self.oidc_roles.get("@" + email.rsplit("@", 1)[1])

    def roster(self) -> list[dict[str, str]]:
        """Users or rules with their roles, for the settings page (never a hash)."""
        if self.mode == "password":
            return [{"user": n, "role": r} for n, (r, _) in sorted(self.users.items())]
        if self.mode == "oidc":
            return [{"user": k, "role": r} for k, r in sorted(self.oidc_roles.items())]
        return [{"user": LOCAL.name, "role": LOCAL.role}]


def _table(value: object, where: str, source: str) -> Mapping:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise AccessConfigError(file=source, detail=f"{where}: not a table")
    return value


def parse_config(secrets: Mapping | None, source: str = ".streamlit/secrets.toml"
                 ) -> AccessConfig:
    """``AccessConfig`` from the whole secrets mapping (its ``[access]`` table) read from
    ``source`` (named in errors); no secrets or no ``[access]`` means mode ``none``."""
    def refuse(detail: str) -> AccessConfigError:
        return AccessConfigError(file=source, detail=detail)

    def role(value: object, where: str) -> str:
        if value not in _RANK:
            raise refuse(f"{where}: role {value!r} (viewer, editor, admin)")
        return str(value)

    secrets = secrets or {}
    access = _table(secrets.get("access"), "[access]", source)
    mode = access.get("mode", "none")
    if mode not in MODES:
        raise refuse(f"mode {mode!r} (none, password, oidc)")
    users: dict[str, tuple[str, str]] = {}
    roles: dict[str, str] = {}
    if mode == "password":
        for name, entry in _table(access.get("users"), "access.users", source).items():
            entry = _table(entry, f"access.users.{name}", source)
            digest = entry.get("password_hash")
            if not isinstance(digest, str) or not digest.startswith("$argon2"):
                raise refuse(f"access.users.{name}: password_hash")
            users[str(name)] = (role(entry.get("role"), f"access.users.{name}"), digest)
        if not users:
            raise refuse("access.users: none")
    elif mode == "oidc":
        for key, value in _table(access.get("oidc_roles"), "access.oidc_roles",
                                 source).items():
            key = str(key).strip().lower()
            if "@" not in key or key.endswith("@"):
                raise refuse(f"access.oidc_roles: {key!r}")
            roles[key] = role(value, f"access.oidc_roles.{key}")
        if not roles:
            raise refuse("access.oidc_roles: none")
        if not secrets.get("auth"):
            raise refuse("[auth] missing")
    provider = access.get("oidc_provider") or None
    return AccessConfig(mode, users, roles, None if provider is None else str(provider))


# --- passwords ----------------------------------------------------------------------------
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (for ``[access.users.NAME] password_hash``)."""
    if not password:
        raise UsageError("error.empty-password")
    return _hasher().hash(password)


def verify_password(digest: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY: list[str] = []  # a hash to verify against for unknown names (same timing)
_DUMMY_LOCK = threading.Lock()


def _dummy_hash() -> str:
    with _DUMMY_LOCK:
        if not _DUMMY:
            _DUMMY.append(hash_password("not a password"))
        return _DUMMY[0]


class Lockout:
    """Failed sign-ins, kept per process, counted two ways under one lock.

    Per user name **and client address**: ``max_failures`` failures lock that name from
    that address for ``seconds``, so a stranger guessing an admin's password locks only
    themself out, not the admin at their own desk. Per user name from **any address**: a
    looser ceiling (``user_ceiling``) stops guessing spread over many addresses (or all
    coming through one proxy), at the price that such an attack does lock the name.

    ``admit`` checks and counts in one step, *before* the password is verified: parallel
    submissions cannot slip past the limit while others are still being verified. A
    success takes the count back and clears the name's failures.
    """

    def __init__(self, max_failures: int = MAX_FAILURES, seconds: float = LOCK_SECONDS,
                 clock: Callable[[], float] = time.monotonic,
                 user_ceiling: int = USER_CEILING) -> None:
        self.max_failures, self.seconds, self.clock = max_failures, seconds, clock
        self.user_ceiling = user_ceiling
        self._lock = threading.Lock()
        self._failures: dict[tuple, list[float]] = {}
        self._until: dict[tuple, float] = {}

    def _keys(self, name: str, client: str | None) -> tuple[tuple, tuple]:
        return ("client", name, client), ("user", name)

    def _left(self, key: tuple, now: float) -> float:
        until = self._until.get(key)
        if until is None:
            return 0.0
        if until <= now:
            del self._until[key]
            self._failures.pop(key, None)
            return 0.0
        return until - now

    def remaining(self, name: str, client: str | None = None) -> float:
        """Seconds the name stays locked for this client (0 when it may try)."""
        with self._lock:
            now = self.clock()
            return max(self._left(k, now) for k in self._keys(name, client))

    def admit(self, name: str, client: str | None = None) -> float:
        """Count one attempt unless the name is locked for this client; returns the
        seconds left of a lock (0: admitted, the attempt counted as a failure until
        ``succeed`` takes it back)."""
        with self._lock:
            now = self.clock()
            keys = self._keys(name, client)
            left = max(self._left(k, now) for k in keys)
            if left > 0:
                return left
            for key, limit in zip(keys, (self.max_failures, self.user_ceiling), strict=True):
                recent = [t for t in self._failures.get(key, []) if now - t < self.seconds]
                recent.append(now)
                self._failures[key] = recent
                if len(recent) >= limit:
                    self._until[key] = now + self.seconds
            return 0.0

    def succeed(self, name: str, client: str | None = None) -> None:
        with self._lock:
            for key in self._keys(name, client):
                self._failures.pop(key, None)
                self._until.pop(key, None)


LOCKOUT = Lockout()


def _locked(seconds: float) -> AccessDenied:
    return AccessDenied("error.locked-out", minutes=int(-(-seconds // 60)))


def sign_in(config: AccessConfig, name: str, password: str,
            lockout: Lockout = LOCKOUT, client: str | None = None) -> Actor:
    """The signed-in user for a name and password (mode ``password``) from the client
    address ``client``, or ``AccessDenied``: wrong name or password (one message for
    both), or locked out."""
    name = (name or "").strip()
    left = lockout.admit(name, client)
    if left > 0:
        raise _locked(left)
    entry = config.users.get(name)
    if entry is None:
        verify_password(_dummy_hash(), password or "")
        ok = False
    else:
        ok = verify_password(entry[1], password or "")
    if not ok:
        left = lockout.remaining(name, client)
        if left > 0:
            raise _locked(left)
        raise AccessDenied("error.signin-failed")
    lockout.succeed(name, client)
    return Actor(name, entry[0])
