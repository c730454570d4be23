"""What every page shares: the settings, the store, the UI language, translated text,
cached reads keyed on the data version, and the error boundary that keeps tracebacks from
users."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import streamlit as st

from governance import demo, settings
from governance.access import Actor
from governance.errors import ConfigError, GovernanceError, StoreBusy
from governance.i18n import choose_lang, t
from governance.scoring import config as scoring_config_module
from governance.settings import Settings
from governance.store import Store

log = logging.getLogger("governance.app")

LANG_KEY = "lang"
ACTOR_KEY = "access_actor"  # set by ui.auth in dashboard.py on every run
SETTINGS_KEY = "app_settings"  # set by configure() in dashboard.py on every run
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


def _secrets() -> tuple[dict, str]:
    """The secrets as a plain mapping, and the file(s) they come from. No file at all is
    no secrets (sign-in mode ``none``); a file Streamlit cannot read is read again here to
    name the file and the line (``ConfigError``), never taken as no secrets."""
    existing = [Path(f) for f in st.get_option("secrets.files") if Path(f).exists()]
    source = ", ".join(map(str, existing)) or settings.SECRETS_NAME
    try:
        return st.secrets.to_dict(), source
    except FileNotFoundError as exc:  # Streamlit's "no secrets found" and "cannot parse"
        if not existing:
            return {}, source
        settings.read_secrets(existing)  # a TOML mistake: names the file and the line
        raise ConfigError(file=source, detail=str(exc).splitlines()[0]) from None


def configure() -> Settings:
    """Read the secrets and the environment for this run (``dashboard.py``, first thing);
    ``ConfigError`` when either is unusable."""
    found = settings.load(*_secrets())
    st.session_state[SETTINGS_KEY] = found
    return found


def app_settings() -> Settings:
    return st.session_state.get(SETTINGS_KEY) or configure()


def database_target() -> str | None:
    """The database chosen in secrets (``[database] url``), else ``$GOVERNANCE_DB``."""
    return app_settings().database


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


VERSION_KEY = "data_version_this_run"


def version() -> tuple:
    """The data and configuration version: any cached read keyed on it is fresh after an
    upload anywhere or a change of the scoring configuration. Read once per script run
    (``dashboard.py`` calls ``refresh_version`` first): a write reruns the script."""
    found = st.session_state.get(VERSION_KEY)
    return found if found is not None else refresh_version()


def refresh_version() -> tuple:
    found = (*store().data_version(), *scoring_config_key())
    st.session_state[VERSION_KEY] = found
    return found


def closed(error: ConfigError) -> None:
    """The whole app when its configuration is broken: the message and nothing else. It
    is the one page of the navigation, so no URL reaches a page with data (without a
    navigation Streamlit would serve ``pages/`` as pages of their own)."""
    def page() -> None:
        st.error(error.message(lang()), icon=":material/error:")
        st.caption(tr("app.config-closed"))

    st.navigation([st.Page(page, title=tr("app.title"), url_path="closed", default=True)],
                  position="hidden").run()
    st.stop()


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
