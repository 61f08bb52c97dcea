"""The attendee's side of a live workshop, on the self-check's page: joining by link or code.

``/?workshop=CODE`` (the link and QR code a teacher hands out) or a code typed on the page
joins the workshop for this browser session. The banner then says whose it is, who can
read what is sent, and when it is deleted; nothing is sent from here (that is the
results' send panel, :mod:`.workshop_send`). An unknown or ended code says so in one
sentence, and the self-check carries on alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from .safe import plain
from .workshop_common import day_text, failure, get_intake, sender_id

if TYPE_CHECKING:
    from ..intake import Workshop

__all__ = ["CODE", "ENTRY", "ENTRY_OPEN", "FOUND", "PARAM", "joined", "show_join"]

PARAM = "workshop"  # the query parameter of the link: /?workshop=CODE
CODE = "workshop_joined"  # the code of the workshop this session joined
FOUND = "workshop_found"  # that workshop's public facts, as last read this run
LOOKED_UP = "workshop_param_seen"  # the last ?workshop= value looked up (not again each run)
PROBLEM = "workshop_problem"  # why the last code did not join, one sentence
TYPED = "workshop_typed"  # the typed-code field
ENTRY = "Joining a workshop? Type its code"
ENTRY_OPEN = "workshop_entry_open"  # the code field's expander: open (True) or closed
LEAVE_KEY = "workshop_leave"


def joined() -> Workshop | None:
    """The workshop this session joined, as the banner read it on this run (or None)."""
    if not st.session_state.get(CODE):
        return None
    found: Workshop | None = st.session_state.get(FOUND)
    return found


def _join(code: str) -> None:
    """Look ``code`` up; join it, or keep the store's one-sentence reason."""
    from ..intake import IntakeError

    try:
        workshop = get_intake().find(code, sender=sender_id())
    except Exception as err:  # whatever the store's trouble, the self-check goes on
        known: Workshop | None = st.session_state.get(FOUND)
        if not isinstance(err, IntakeError) and known is not None and known.code == code:
            # A passing outage: stay joined on what was last read; a send says if it fails.
            failure(err)
            return
        st.session_state.pop(CODE, None)
        st.session_state.pop(FOUND, None)
        st.session_state[PROBLEM] = failure(err)
        st.session_state[ENTRY_OPEN] = True  # the field stays open to try again
        return
    st.session_state[CODE] = workshop.code
    st.session_state[FOUND] = workshop
    st.session_state.pop(PROBLEM, None)


def _typed() -> None:
    code = str(st.session_state.get(TYPED) or "").strip()
    if not code:
        return
    _join(code)
    if st.session_state.get(CODE):
        # The address bar now carries the workshop too: a reload keeps it.
        st.session_state[LOOKED_UP] = st.session_state[CODE]
        st.query_params[PARAM] = st.session_state[CODE]
        st.session_state[TYPED] = ""


def _leave() -> None:
    for key in (CODE, FOUND, PROBLEM):
        st.session_state.pop(key, None)
    st.session_state[LOOKED_UP] = None
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def _banner(workshop: Workshop, full: bool) -> None:
    if not full:  # later steps stay compact on a phone; the first page said it all
        st.caption(f"Workshop: **{plain(workshop.title)}** · answers sent to it are deleted "
                   f"on {day_text(workshop.expires)}; nothing is sent unless you press Send.")
        return
    st.info(
        f"**Workshop: {plain(workshop.title)}.** If you choose to send your answers from your "
        "results, only the teacher who holds this workshop's key can read them, and they are "
        f"deleted on {day_text(workshop.expires)}. Nothing is sent unless you press Send.",
        icon=":material/groups:",
    )
    st.button("Leave this workshop", key=LEAVE_KEY, on_click=_leave, type="tertiary",
              icon=":material/logout:")


def _entry() -> None:
    problem = st.session_state.get(PROBLEM)
    if problem:
        st.warning(f"{plain(problem)} The self-check works on its own.",
                   icon=":material/help:")
    # Lazy: the field and its form are drawn only once the expander is opened (opening
    # reruns), so the first page of everyone who came without a code stays light.
    with st.expander(ENTRY, key=ENTRY_OPEN, on_change="rerun") as entry:
        if not entry.open:
            return
        with st.form("workshop_join_form", border=False, enter_to_submit=True):
            st.text_input("Workshop code", key=TYPED, max_chars=40,
                          placeholder="e.g. K7PQ-3MXD",
                          help="The code your teacher shows or prints; dashes are optional.")
            st.form_submit_button("Join workshop", on_click=_typed, icon=":material/login:")


def show_join(first_page: bool = True) -> None:
    """The workshop banner (joined) or, on the first page, the field to type a code.

    ``first_page`` False (a later step, the results) keeps the banner to one line.
    """
    param = st.query_params.get(PARAM)
    if param is not None and param != st.session_state.get(LOOKED_UP):
        st.session_state[LOOKED_UP] = param
        _join(param)
    code = st.session_state.get(CODE)
    if code:
        _join(code)  # re-read: the count may have moved, or the workshop ended meanwhile
        workshop = joined()
        if workshop is not None:
            _banner(workshop, first_page)
            return
    if first_page or st.session_state.get(PROBLEM):
        _entry()
