"""Import profiles saved in the store: saving and removing them (an editor's right, each
a batch: history, rollback, audit log), reading them back, and reading a profile file.

A saved profile keeps the TOML text it was given (a file keeps its comments and order;
one made on the upload page is written by ``to_toml``), so ``export`` gives back exactly
what was saved.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from governance.access import Actor, require
from governance.errors import GovernanceError
from governance.ingest.profiles.format import Profile, ProfileError, decode, parse, to_toml
from governance.store import ProfileResult, Store


@dataclass(frozen=True)
class Saved:
    """One saved profile as stored: its row, and the profile it reads as (or why not)."""

    name: str
    kind: str
    body: str
    batch_id: int
    saved_by: str
    saved_at: object
    profile: Profile | None
    error: ProfileError | None = None


def from_file(path: Path) -> tuple[Profile, str]:
    """The profile in file ``path`` (named by its own ``name``, else the file's name
    without extension) and its text. Raises ``ProfileError``."""
    text = decode(path.read_bytes(), path.name)
    return parse(text, path.name, path.stem), text


def from_bytes(data: bytes, file_name: str) -> tuple[Profile, str]:
    """The profile in an uploaded file, as ``from_file``."""
    text = decode(data, file_name)
    return parse(text, file_name, Path(file_name).stem), text


def save(store: Store, profile: Profile, body: str | None = None,
         user: Actor | str | None = None) -> ProfileResult:
    """Save ``profile`` under its name (``body``: the text it was read from, else written
    by ``to_toml``), replacing a profile of that name. Needs the ``upload`` right."""
    actor = require(user, "upload")
    return store.save_profile(profile.name, profile.kind,
                              to_toml(profile) if body is None else body, actor.name)


def remove(store: Store, name: str, user: Actor | str | None = None) -> ProfileResult:
    """Remove saved profile ``name``. Needs the ``upload`` right."""
    actor = require(user, "upload")
    return store.remove_profile(name, actor.name)


def listing(store: Store) -> list[Saved]:
    """Every saved profile, by name; one whose text no longer reads (the catalog changed
    since) carries its error and takes no part in recognising files."""
    out = []
    for row in store.profiles().itertuples(index=False):
        try:
            profile, error = parse(row.body, row.name, row.name), None
        except ProfileError as exc:
            profile, error = None, exc
        out.append(Saved(row.name, row.kind, row.body, int(row.batch_id), row.saved_by,
                         row.saved_at, profile, error))
    return out


def usable(store: Store) -> list[Profile]:
    """The saved profiles that read: those ``recognise`` tries on a file."""
    return [s.profile for s in listing(store) if s.profile is not None]


def find(store: Store, name: str) -> Saved:
    """Saved profile ``name``, or ``GovernanceError`` naming it."""
    for s in listing(store):
        if s.name == name:
            return s
    raise GovernanceError("profiles.not-found", name=name)


def fingerprint(found: list[Saved]) -> str:
    """Changes whenever a saved profile is added, changed or removed (a cache key)."""
    digest = hashlib.sha256()
    for s in found:
        digest.update(f"{s.name}\0{s.body}\0".encode())
    return digest.hexdigest()
