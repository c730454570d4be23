"""Signing in: the lock-out counts every attempt atomically, per user name and client
address (a stranger cannot lock an admin out) under a looser per-name ceiling; the
language of the link survives signing in; and nothing about the database — not even
where it is — shows before signing in."""

from __future__ import annotations

import threading

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from governance import access
from governance.access import AccessDenied, Actor, Lockout

TIMEOUT = 30
ADMIN_PW = "ada-pw"


@pytest.fixture(scope="module")
def config():
    users = {"ada": {"password_hash": access.hash_password(ADMIN_PW), "role": "admin"}}
    return access.parse_config({"access": {"mode": "password", "users": users}})


def _attempt(config, lockout, password: str, client: str | None) -> str:
    try:
        access.sign_in(config, "ada", password, lockout, client=client)
        return "signed in"
    except AccessDenied as exc:
        return exc.key


def test_parallel_wrong_passwords_get_no_more_checks_than_allowed(config, monkeypatch):
    """30 submissions at once: each is counted before its password is verified, so only
    the allowed five are verified; the right password afterwards is refused, locked."""
    real = access.verify_password
    inside = threading.Condition()
    state = {"checks": 0, "returned": 0, "open": False}

    def counted(digest: str, password: str) -> bool:
        with inside:
            state["checks"] += 1
            inside.notify_all()
            inside.wait_for(lambda: state["open"])  # held until every thread got this far
        return real(digest, password)

    monkeypatch.setattr(access, "verify_password", counted)
    lockout = Lockout(clock=lambda: 1000.0)
    results: list[str] = []

    def submit() -> None:
        outcome = _attempt(config, lockout, "wrong", "203.0.113.9")
        with inside:
            results.append(outcome)
            state["returned"] += 1
            inside.notify_all()

    threads = [threading.Thread(target=submit) for _ in range(30)]
    for thread in threads:
        thread.start()
    with inside:  # every thread is either verifying or already refused
        inside.wait_for(lambda: state["checks"] + state["returned"] == 30)
        state["open"] = True
        inside.notify_all()
    for thread in threads:
        thread.join()
    assert state["checks"] == access.MAX_FAILURES == 5
    assert results == ["error.locked-out"] * 30  # the fifth counted locked before any check
    assert _attempt(config, lockout, ADMIN_PW, "203.0.113.9") == "error.locked-out"
    assert state["checks"] == 5


def test_a_stranger_locks_only_their_own_address_out(config):
    now = [1000.0]
    lockout = Lockout(clock=lambda: now[0])
    for _ in range(access.MAX_FAILURES):
        _attempt(config, lockout, "guess", "198.51.100.7")
    assert _attempt(config, lockout, ADMIN_PW, "198.51.100.7") == "error.locked-out"
    assert _attempt(config, lockout, ADMIN_PW, "192.0.2.10") == "signed in"  # the admin
    assert _attempt(config, lockout, ADMIN_PW, None) == "signed in"  # on the server itself


def test_guessing_from_many_addresses_meets_the_per_name_ceiling(config):
    now = [1000.0]
    lockout = Lockout(clock=lambda: now[0])
    per_address = access.MAX_FAILURES - 1  # never enough to lock one address
    addresses = [f"198.51.100.{i}" for i in range(-(-access.USER_CEILING // per_address))]
    outcomes = [_attempt(config, lockout, "guess", a) for a in addresses
                for _ in range(per_address)]
    assert outcomes.count("error.signin-failed") == access.USER_CEILING - 1
    assert outcomes[access.USER_CEILING - 1] == "error.locked-out"  # the ceiling reached
    assert _attempt(config, lockout, ADMIN_PW, "192.0.2.10") == "error.locked-out"
    now[0] += access.LOCK_SECONDS
    assert _attempt(config, lockout, ADMIN_PW, "192.0.2.10") == "signed in"


# --- through the app ----------------------------------------------------------------------
def _app(secrets: dict, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in secrets.items():
        at.secrets[key] = value
    for key, value in params.items():
        at.query_params[key] = value
    return at


def _secrets(**extra) -> dict:
    users = {"ada": {"password_hash": access.hash_password(ADMIN_PW), "role": "admin"}}
    return {"access": {"mode": "password", "users": users}, **extra}


def _sign_in(at: AppTest, label: str) -> AppTest:
    at.text_input(key="access_user").input("ada")
    at.text_input(key="access_password").input(ADMIN_PW)
    [submit] = [b for b in at.button if b.label == label]
    return submit.click().run()


def _text(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.error, *at.warning,
                               *at.title, *at.header, *at.subheader)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("given", ["en", "English"])
def test_the_language_of_the_link_survives_signing_in(demo_app_db, given):
    at = _app(_secrets(), lang=given, vendor="V-ITO-01")
    at.run()
    at.switch_page("pages/vendor.py")
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Please sign in"]
    _sign_in(at, "Sign in")
    assert not at.exception
    assert at.session_state["lang"] == "en"
    assert at.header[0].value == "V-ITO-01  東都システムソリューションズ株式会社"
    assert "Service type: ITO" in "\n".join(t.value for t in at.text)


def test_nothing_of_the_database_shows_before_signing_in(demo_app_db):
    url = "postgresql://gov:topsecret@127.0.0.1:1/ledger_db?schema=acct"
    at = _app(_secrets(database={"url": url}))
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["サインインしてください"]
    shown = _text(at)
    for secret in ("127.0.0.1", ":1", "ledger_db", "acct", "gov", "topsecret", "PostgreSQL"):
        assert secret not in shown, secret
    _sign_in(at, "サインイン")  # signed in, an admin may learn where the database is
    assert not at.exception
    assert [e.value for e in at.error] == [
        "PostgreSQL サーバーに接続できません(ホスト 127.0.0.1、ポート 1、データベース "
        "ledger_db)。サーバーの起動状態と接続先を確認してください。"]
    assert "topsecret" not in _text(at)


def test_an_actor_needs_a_known_role():
    with pytest.raises(ValueError):
        Actor("x", "owner")
