"""Sign-in for the app: who is using it, decided once per run in ``dashboard.py``.

The mode comes from ``[access]`` in ``.streamlit/secrets.toml`` (``governance.access``):
``none`` is the one local admin; ``password`` shows a sign-in form (the URL — page and
query parameters — is kept, so a shared link opens its view after signing in); ``oidc``
uses ``st.login`` and maps the e-mail address to a role. The acting user is kept in
``st.session_state[ACTOR_KEY]``; ``ui.context.current_user()`` reads it.
"""

from __future__ import annotations

import streamlit as st

from governance import access
from governance.access import ROLE_KEYS, AccessConfig, AccessDenied, Actor
from ui.context import ACTOR_KEY, app_settings, lang, tr
from ui.text import md

NEXT_KEY = "access_next"  # query parameters of the link opened before signing in


def config() -> AccessConfig:
    """The access configuration of this run's settings (mode ``none`` without a secrets
    file; a broken one stopped the app in ``dashboard.py``)."""
    return app_settings().access


def _oidc_actor(cfg: AccessConfig) -> Actor | None:
    if not st.user.get("is_logged_in"):
        return None
    email = st.user.get("email")
    role = cfg.oidc_role(email)
    if role is None:
        st.error(tr("error.no-role", email=email or "?"))
        st.button(tr("access.sign-out"), on_click=st.logout)
        st.stop()
    return Actor(str(email).lower(), role)


def actor(cfg: AccessConfig) -> Actor | None:
    """The signed-in user of this session, or ``None`` when someone must sign in."""
    if cfg.mode == "none":
        found: Actor | None = access.LOCAL
    elif cfg.mode == "oidc":
        found = _oidc_actor(cfg)
    else:
        found = st.session_state.get(ACTOR_KEY)
        # a user removed from secrets (or given another role) loses the old session
        if found is not None and cfg.role_of(found.name) != found.role:
            found = None
    if found is None:
        st.session_state.pop(ACTOR_KEY, None)
    else:
        st.session_state[ACTOR_KEY] = found
    return found


def _signed_in(cfg: AccessConfig) -> None:
    """Submit callback of the sign-in form (runs before the script reruns)."""
    name = st.session_state.get("access_user", "")
    password = st.session_state.get("access_password", "")
    st.session_state["access_password"] = ""
    try:
        st.session_state[ACTOR_KEY] = access.sign_in(cfg, name, password,
                                                     client=st.context.ip_address)
    except AccessDenied as exc:
        st.session_state["access_error"] = exc.message(lang())
        return
    saved = st.session_state.pop(NEXT_KEY, {})
    for key, value in saved.items():  # the link's view, should the URL have lost it
        if key not in st.query_params:
            st.query_params[key] = value


def sign_in_page(cfg: AccessConfig) -> None:
    """The sign-in screen in place of the page; the page of the URL follows on success."""
    st.title(tr("access.sign-in-title"))
    if cfg.mode == "oidc":
        st.caption(tr("access.oidc-help"))
        st.button(tr("access.sign-in"), type="primary", icon=":material/login:",
                  on_click=st.login, args=(cfg.oidc_provider,) if cfg.oidc_provider else ())
        return
    st.caption(tr("access.sign-in-help"))
    st.session_state.setdefault(NEXT_KEY, st.query_params.to_dict())
    error = st.session_state.pop("access_error", None)
    if error:
        st.error(error)
    with st.form("access_sign_in"):
        st.text_input(tr("access.user"), key="access_user", autocomplete="username")
        st.text_input(tr("access.password"), type="password", key="access_password",
                      autocomplete="current-password")
        st.form_submit_button(tr("access.sign-in"), type="primary", on_click=_signed_in,
                              args=(cfg,))


def _sign_out() -> None:
    st.session_state.pop(ACTOR_KEY, None)


def sidebar(user: Actor, cfg: AccessConfig) -> None:
    """Who is signed in, with what role, and the sign-out button."""
    if cfg.mode == "none":
        st.sidebar.caption(f":material/person: {tr('access.local')}")
        return
    st.sidebar.caption(":material/person: " + md(tr(
        "access.signed-in", user=user.name, role=tr(ROLE_KEYS[user.role]))))
    if cfg.mode == "oidc":
        st.sidebar.button(tr("access.sign-out"), on_click=st.logout, key="access_sign_out")
    else:
        st.sidebar.button(tr("access.sign-out"), on_click=_sign_out, key="access_sign_out")
