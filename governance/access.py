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
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from governance.errors import GovernanceError

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
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60


class AccessDenied(GovernanceError):
    """The acting user lacks the permission, or could not sign in."""

    key = "error.access-denied"


class AccessConfigError(GovernanceError):
    """``[access]`` in secrets is not usable (unknown mode or role, missing hash)."""

    key = "error.access-config"
    exit_code = 2


@dataclass(frozen=True)
class Actor:
    name: str
    role: str

    def __post_init__(self) -> None:
        if self.role not in _RANK:
            raise AccessConfigError("error.access-config", detail=f"role {self.role!r}")

    def can(self, permission: str) -> bool:
        return _RANK[self.role] >= _RANK[PERMISSIONS[permission]]


LOCAL = Actor("local", "admin")  # mode "none": the one local user


def cli_user() -> str:
    """The name a trusted local caller acts under: ``$GOVERNANCE_USER``, else the login."""
    try:
        return os.environ.get("GOVERNANCE_USER") or getpass.getuser()
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


def _role(value: object, where: str) -> str:
    if value not in _RANK:
        raise AccessConfigError("error.access-config",
                                detail=f"{where}: role {value!r} (viewer, editor, admin)")
    return str(value)


def parse_config(secrets: Mapping | None) -> AccessConfig:
    """``AccessConfig`` from the whole secrets mapping (its ``[access]`` table); no
    secrets or no ``[access]`` means mode ``none``."""
    access = (secrets or {}).get("access") or {}
    mode = access.get("mode", "none")
    if mode not in MODES:
        raise AccessConfigError("error.access-config",
                                detail=f"mode {mode!r} (none, password, oidc)")
    users: dict[str, tuple[str, str]] = {}
    roles: dict[str, str] = {}
    if mode == "password":
        for name, entry in (access.get("users") or {}).items():
            entry = entry or {}
            digest = entry.get("password_hash")
            if not isinstance(digest, str) or not digest.startswith("$argon2"):
                raise AccessConfigError("error.access-config",
                                        detail=f"access.users.{name}: password_hash")
            users[str(name)] = (_role(entry.get("role"), f"access.users.{name}"), digest)
        if not users:
            raise AccessConfigError("error.access-config", detail="access.users: none")
    elif mode == "oidc":
        for key, role in (access.get("oidc_roles") or {}).items():
            key = str(key).strip().lower()
            if "@" not in key or key.endswith("@"):
                raise AccessConfigError("error.access-config",
                                        detail=f"access.oidc_roles: {key!r}")
            roles[key] = _role(role, f"access.oidc_roles.{key}")
        if not roles:
            raise AccessConfigError("error.access-config", detail="access.oidc_roles: none")
        if not (secrets or {}).get("auth"):
            raise AccessConfigError("error.access-config", detail="[auth] missing")
    return AccessConfig(mode, users, roles, access.get("oidc_provider") or None)


# --- passwords ----------------------------------------------------------------------------
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (for ``[access.users.NAME] password_hash``)."""
    if not password:
        raise AccessConfigError("error.access-config", detail="empty password")
    return _hasher().hash(password)


def verify_password(digest: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


_DUMMY: list[str] = []  # a hash to verify against for unknown names (same timing)


class Lockout:
    """Failed sign-ins per user name, kept per process: ``MAX_FAILURES`` failures lock
    the name for ``LOCK_SECONDS``; a success clears the count."""

    def __init__(self, max_failures: int = MAX_FAILURES, seconds: float = LOCK_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures, self.seconds, self.clock = max_failures, seconds, clock
        self._failures: dict[str, list[float]] = {}
        self._until: dict[str, float] = {}

    def remaining(self, name: str) -> float:
        """Seconds the name stays locked (0 when it may try)."""
        until = self._until.get(name)
        if until is None:
            return 0.0
        left = until - self.clock()
        if left <= 0:
            del self._until[name]
            self._failures.pop(name, None)
            return 0.0
        return left

    def fail(self, name: str) -> None:
        now = self.clock()
        recent = [t for t in self._failures.get(name, []) if now - t < self.seconds]
        recent.append(now)
        self._failures[name] = recent
        if len(recent) >= self.max_failures:
            self._until[name] = now + self.seconds

    def succeed(self, name: str) -> None:
        self._failures.pop(name, None)
        self._until.pop(name, None)


LOCKOUT = Lockout()


def sign_in(config: AccessConfig, name: str, password: str,
            lockout: Lockout = LOCKOUT) -> Actor:
    """The signed-in user for a name and password (mode ``password``), or
    ``AccessDenied``: wrong name or password (one message for both), or locked out."""
    name = (name or "").strip()
    left = lockout.remaining(name)
    if left > 0:
        raise AccessDenied("error.locked-out", minutes=int(-(-left // 60)))
    entry = config.users.get(name)
    if entry is None:
        if not _DUMMY:
            _DUMMY.append(hash_password("not a password"))
        verify_password(_DUMMY[0], password or "")
        ok = False
    else:
        ok = verify_password(entry[1], password or "")
    if not ok:
        lockout.fail(name)
        left = lockout.remaining(name)
        if left > 0:
            raise AccessDenied("error.locked-out", minutes=int(-(-left // 60)))
        raise AccessDenied("error.signin-failed")
    lockout.succeed(name)
    return Actor(name, entry[0])
