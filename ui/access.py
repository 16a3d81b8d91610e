"""Who may change the register store. The admin passphrase is read here, from Streamlit secrets
(`admin_passphrase`) or DASHBOARD_ADMIN_PASSPHRASE, never below ui/. Both sides are NFC before
the constant-time comparison (a passphrase typed on another keyboard may arrive decomposed).
After FREE_ATTEMPTS wrong ones, each further attempt waits a delay that doubles up to
MAX_DELAY_SECONDS, per session and per client address (where Streamlit knows it; in room mode the one the room's
proxy forwards), so a script opening new sessions is slowed too. The counts live in this server process."""

from __future__ import annotations

import hmac
import os
import threading
import time
import unicodedata
import uuid
from dataclasses import dataclass, field

import streamlit as st

from queries.i18n import t

from .network import LOCAL_HOSTS, SHARE_PORT_ENV

PASSPHRASE_ENV = "DASHBOARD_ADMIN_PASSPHRASE"
FREE_ATTEMPTS = 3
FIRST_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 300.0


def server_setting(secret: str, env: str) -> str | None:
    """A setting of the server's administrator: Streamlit secrets first, then the environment."""
    try:
        value = st.secrets.get(secret)
    except Exception:  # no secrets file: Streamlit raises its own error types
        value = None
    return str(value) if value not in (None, "") else os.environ.get(env) or None


def admin_passphrase() -> str | None:
    """The configured passphrase."""
    return server_setting("admin_passphrase", PASSPHRASE_ENV)


def passphrase_matches(given: str, expected: str) -> bool:
    """Equal once both are NFC, compared in constant time."""
    def normal(text: str) -> bytes:
        return unicodedata.normalize("NFC", text).encode("utf-8")

    return hmac.compare_digest(normal(given), normal(expected))


@dataclass
class Throttle:
    """Wrong attempts per key (a session, a client address) and when the next may be checked."""

    failures: dict[str, int] = field(default_factory=dict)
    next_allowed: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, keys: list[str], now: float) -> float:
        """Seconds before an attempt from any of `keys` is checked (0: now)."""
        with self.lock:
            return max([0.0] + [self.next_allowed.get(k, 0.0) - now for k in keys])

    def failed(self, keys: list[str], now: float) -> None:
        with self.lock:
            for key in keys:
                self.failures[key] = self.failures.get(key, 0) + 1
                beyond = self.failures[key] - FREE_ATTEMPTS
                if beyond > 0:
                    delay = min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (beyond - 1))
                    self.next_allowed[key] = now + delay

    def succeeded(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)
                self.next_allowed.pop(key, None)


THROTTLE = Throttle()


def client_address(peer: str | None, headers, in_room: bool) -> str | None:
    """The browser's address. In room mode every browser reaches this process through the
    room's Caddy on this machine, so the peer is Caddy: the browser's address is the one Caddy
    set in X-Forwarded-For (Caddy replaces what a browser sends there). Without it one viewer's
    wrong passphrases would hold back every admin in the room."""
    if in_room and peer in LOCAL_HOSTS:
        forwarded = (headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        return forwarded or peer
    return peer


def client_keys() -> list[str]:
    """This session, and the client's address when Streamlit knows it."""
    session = st.session_state.setdefault("access_session", uuid.uuid4().hex)
    keys = [f"session:{session}"]
    address = client_address(getattr(st.context, "ip_address", None), st.context.headers,
                             in_room=bool(os.environ.get(SHARE_PORT_ENV)))
    if isinstance(address, str) and address:
        keys.append(f"address:{address}")
    return keys


def _check(key: str) -> None:
    """The passphrase field changed: check it once (a rerun with the same text is no attempt)."""
    given, expected = st.session_state.get(key) or "", admin_passphrase()
    if not given or expected is None:
        st.session_state.pop("registers_refused", None)
        return
    keys, now = client_keys(), time.monotonic()
    wait = THROTTLE.wait(keys, now)
    if wait > 0:
        st.session_state["registers_refused"] = ("reg_too_many_attempts", int(wait + 0.999))
    elif passphrase_matches(given, expected):
        THROTTLE.succeeded(keys)
        st.session_state["registers_admin"] = True
        st.session_state.pop("registers_refused", None)
    else:
        THROTTLE.failed(keys, now)
        st.session_state["registers_refused"] = ("reg_wrong_passphrase", 0)


def is_admin(lang: str, key: str = "registers_passphrase") -> bool:
    """Ask for the passphrase once per session; True once it matched."""
    if admin_passphrase() is None:
        st.info(t("reg_no_passphrase", lang), icon=":material/lock:")
        return False
    if st.session_state.get("registers_admin"):
        return True
    st.text_input(t("reg_passphrase", lang), type="password", key=key, on_change=_check, args=(key,))
    refused = st.session_state.get("registers_refused")
    if refused:
        message, seconds = refused
        st.error(t(message, lang, seconds=seconds))
    return False
