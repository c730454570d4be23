"""What every page shares: the store, the UI language, translated text, cached reads
keyed on the data version, and the error boundary that keeps tracebacks from users."""

from __future__ import annotations

import contextlib
import logging
import os

import streamlit as st

from governance import demo
from governance.access import Actor
from governance.errors import GovernanceError, StoreBusy
from governance.i18n import choose_lang, t
from governance.scoring import config as scoring_config_module
from governance.store import Store

log = logging.getLogger("governance.app")

LANG_KEY = "lang"
ACTOR_KEY = "access_actor"  # set by ui.auth in dashboard.py on every run
NOBODY = Actor("anonymous", "viewer")


def lang() -> str:
    return choose_lang(st.session_state.get(LANG_KEY))


def tr(key: str, **params: object) -> str:
    """``key`` of the translation catalog in the UI language."""
    return t(key, lang(), **params)


def current_user() -> Actor:
    """Who is using the app (``governance.access.Actor``), as ``ui.auth`` signed them in;
    passed to every governance write, which refuses without the right."""
    return st.session_state.get(ACTOR_KEY) or NOBODY


def can(permission: str) -> bool:
    """Whether the current user has ``permission`` (to hide controls; governance checks
    again on every write)."""
    return current_user().can(permission)


def database_target() -> str | None:
    """The database chosen in secrets (``[database] url``), else ``$GOVERNANCE_DB``."""
    with contextlib.suppress(Exception):  # no secrets file is the common case
        url = st.secrets.get("database", {}).get("url")
        if url:
            return str(url)
    return os.environ.get("GOVERNANCE_DB") or None


@st.cache_resource(show_spinner=False)
def _store(target: str | None) -> Store:
    store = Store(target)
    demo.load_if_empty(store)
    return store


def store() -> Store:
    return _store(database_target())


@st.cache_resource(show_spinner=False, max_entries=4)
def _scoring_config(path: str, mtime: float) -> scoring_config_module.ScoringConfig:
    return scoring_config_module.load(path)


def scoring_config_key() -> tuple[str, float]:
    """Which scoring configuration is in force: its file and modification time."""
    path = scoring_config_module.config_path()
    return str(path), path.stat().st_mtime if path.is_file() else 0.0


def scoring_config() -> scoring_config_module.ScoringConfig:
    """The scoring configuration, loaded once per version of its file."""
    return _scoring_config(*scoring_config_key())


def version() -> tuple:
    """The data and configuration version: any cached read keyed on it is fresh after an
    upload anywhere or a change of the scoring configuration."""
    return (*store().data_version(), *scoring_config_key())


@contextlib.contextmanager
def guarded():
    """Run a page body; show project errors as messages and anything else as a short
    internal-error note, never a traceback."""
    try:
        yield
    except StoreBusy as exc:
        st.warning(exc.message(lang()))
    except GovernanceError as exc:
        st.error(exc.message(lang()))
    except Exception as exc:
        log.exception("page failed")
        st.error(tr("error.internal", detail=type(exc).__name__))
