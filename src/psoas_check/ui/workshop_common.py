"""What the live-workshop pages share: one intake store per server, and how they talk.

The store (:class:`psoas_check.intake.Intake`) is imported only when a workshop is in play,
so a self-check with no workshop loads no database code. Every refusal of the store is an
:class:`~psoas_check.intake.IntakeError` whose message is one sentence; :func:`refused`
shows it as that sentence, never as a traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import streamlit as st

from .safe import plain

if TYPE_CHECKING:
    from ..intake import Intake

__all__ = [
    "SECRET_NAME",
    "SENDER",
    "UNREACHABLE",
    "day_text",
    "digest",
    "failure",
    "get_intake",
    "organiser_passphrase",
    "page_url",
    "refused",
    "sender_id",
    "time_text",
]

#: The Streamlit secret (``.streamlit/secrets.toml``) that, when set, guards creation.
SECRET_NAME = "organiser_passphrase"  # noqa: S105 - the secret's name, not its value
SENDER = "workshop_sender"  # this session's opaque id for the store's send rate limit
UNREACHABLE = "The workshop's server cannot be reached just now; please try again shortly."
_LOG = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _intake(url: str, passphrase: str | None) -> Intake:
    from ..intake import Intake

    return Intake(url, organiser_passphrase=passphrase)


def get_intake() -> Intake:
    """The server's one intake store (migrated and purged on first use), for every session.

    Keyed by the database URL and the organiser passphrase, so changing either (in tests,
    or an operator's settings) gets a fresh store rather than a stale one.
    """
    from ..intake import database_url

    return _intake(database_url(), organiser_passphrase())


def organiser_passphrase() -> str | None:
    """The operator's organiser passphrase: Streamlit secrets first, else the environment.

    No secrets file is the usual local case and raises nothing here; None means creating
    a workshop is open to anyone who can reach the page.
    """
    from ..intake import organiser_passphrase_from_env

    try:
        value = st.secrets.get(SECRET_NAME)
    except (FileNotFoundError, KeyError, OSError, ValueError):  # no or unreadable secrets file
        value = None
    if isinstance(value, str) and value.strip():
        return value
    return organiser_passphrase_from_env()


def page_url() -> str | None:
    """The address the browser shows for this page (query removed), when it is known."""
    try:
        return st.context.url
    except (AttributeError, RuntimeError):  # no browser behind this run (AppTest, bare mode)
        return None


def sender_id() -> str:
    """This session's random sender id: the rate limit counts sends per browser session."""
    if SENDER not in st.session_state:
        st.session_state[SENDER] = secrets.token_urlsafe(16)
    return str(st.session_state[SENDER])


def digest(document: dict[str, Any]) -> str:
    """A fingerprint of an answers document (key order ignored): the send panel notices
    answers changed since sending, the dashboard tells two arrivals apart."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def failure(err: Exception) -> str:
    """The sentence to show for a failed store call: the store's own refusal, or, for
    anything else (a database gone away), a plain "cannot be reached" with the detail
    left in the server log, so an attendee's self-check carries on regardless."""
    from ..intake import IntakeError

    if isinstance(err, IntakeError):
        return str(err)
    _LOG.error("workshop store call failed", exc_info=err)
    return UNREACHABLE


def refused(err: Exception, lead: str = "") -> None:
    """Show a store's refusal as its one sentence (escaped), after an optional lead-in."""
    st.error(f"{lead}{plain(str(err))}", icon=":material/block:")


def day_text(moment: datetime) -> str:
    """``14 December 2026`` (the UTC day), written as the poster writes it."""
    from ..intake.poster import day_text as written

    return written(moment)


def time_text(moment: datetime) -> str:
    """``14:05 UTC``: when something was sent, to the minute."""
    return f"{moment.astimezone(UTC):%H:%M} UTC"
