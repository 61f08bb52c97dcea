"""The "Instructors: live workshop" page: create a workshop, hand out its code, watch answers.

Creating gives a join code, its link and QR code, a poster to print, and the teacher's key,
which is shown on that one run only (it is stored nowhere: without it the answers stay
sealed for good). Opening a workshop with code and key starts the live view
(:mod:`.workshop_dashboard`). All storing and sealing is :mod:`psoas_check.intake`'s; this
module only lays out the page, and imports the store when a button needs it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ..messages import NOTICE
from .safe import guarded, plain
from .workshop_common import day_text, get_intake, organiser_passphrase, page_url, sender_id
from .workshop_dashboard import DONE, OPEN, close_workshop, show_dashboard

if TYPE_CHECKING:
    from ..intake import Created, Workshop

__all__ = ["CREATE_NOTE", "KEY_WARNING", "full_link", "render"]

NEW = "workshop_new"  # the Created of this run only: popped as soon as it is drawn
MADE = "workshop_made"  # the public facts of the workshop this session created
PROBLEM = "workshop_page_problem"  # (form, sentence) of the last refused create or open
TITLE, DAYS, PASSPHRASE = "workshop_title", "workshop_days", "workshop_passphrase"
OPEN_CODE, OPEN_KEY = "workshop_open_code", "workshop_open_key"
KEY_WARNING = (
    "**Save this teacher key now: it is shown only this once.** It is stored nowhere, so "
    "without it nobody (not you, not whoever runs this server) can read the answers sent "
    "to this workshop. Keep it private: whoever holds it can read them."
)


CREATE_NOTE = (
    "The title is stored as plain text (only the answers are sealed), so name the class, "
    "not a person. You get a teacher key once, when the workshop is made: **if it is lost, "
    "the answers cannot be read by anyone**, and they are deleted when the workshop ends."
)


def full_link(workshop: Workshop) -> str:
    """The workshop's link, absolute when the browser told us this page's address."""
    from ..intake.qr import absolute_link

    return absolute_link(workshop.link, page_url())


def _unlocked(code: str, key: str) -> None:
    unlocked = get_intake().unlock(code, key, sender=sender_id())
    close_workshop()  # the one open before, if any, and what was drawn from it
    st.session_state[OPEN] = unlocked


def _create() -> None:
    from ..intake import IntakeError

    state = st.session_state
    passphrase = state.pop(PASSPHRASE, None)  # never kept past this click
    try:
        created = get_intake().create(str(state.get(TITLE) or ""), int(state.get(DAYS) or 14),
                                      passphrase)
        _unlocked(created.workshop.code, created.key)
    except IntakeError as err:
        state[PROBLEM] = ("create", str(err))
        return
    state[NEW] = created
    state[MADE] = created.workshop
    state[TITLE] = ""
    state.pop(PROBLEM, None)


def _open() -> None:
    from ..intake import IntakeError

    state = st.session_state
    key = str(state.pop(OPEN_KEY, "") or "")
    try:
        _unlocked(str(state.get(OPEN_CODE) or ""), key)
    except IntakeError as err:
        state[PROBLEM] = ("open", str(err))
        return
    state.pop(PROBLEM, None)


def _problem(form: str) -> None:
    problem = st.session_state.get(PROBLEM)
    if problem and problem[0] == form:
        st.error(plain(problem[1]), icon=":material/block:")


def _key_file(created: Created) -> bytes:
    w = created.workshop
    return (
        f"psoas-check workshop: {w.title}\nJoin code: {w.code}\nTeacher key: {created.key}\n"
        f"Answers are deleted on {day_text(w.expires)}.\n"
        "Keep this file private: whoever holds the key can read the answers, and without "
        "it nobody can.\n"
    ).encode()


def _made(workshop: Workshop, created: Created | None) -> None:
    """The new workshop's code, link, QR code and poster; the key only on the run it was made."""
    from ..intake.poster import poster_pdf
    from ..intake.qr import qr_svg

    link = full_link(workshop)
    st.header(f"“{plain(workshop.title)}” is open")
    left, right = st.columns(2)
    with left:
        st.metric("Join code", workshop.code, border=True)
        st.markdown("**Link for attendees**")
        st.code(link, language=None, wrap_lines=True)
        if link.startswith("/"):
            st.caption("Put this app's address in front of the link: the page could not tell "
                       "which address your attendees use.")
        st.caption(f"Answers sent to it are deleted on {day_text(workshop.expires)}.")
        st.download_button(
            "Poster to print (PDF)",
            lambda: poster_pdf(workshop.title, workshop.code, link, workshop.expires),
            file_name=f"psoas-check-workshop-{workshop.code}.pdf",
            mime="application/pdf",
            key="workshop_poster",
            on_click="ignore",
            icon=":material/print:",
        )
    with right:
        described = f"QR code of the link to this workshop's self-check, {link}"
        st.image(qr_svg(link, title=described), caption="Attendees scan this with a phone.",
                 alt=described, width=260)
    if created is None:
        return
    st.warning(KEY_WARNING, icon=":material/key:")
    st.code(created.key, language=None)
    st.download_button(
        "Save the key as a text file",
        _key_file(created),
        file_name=f"psoas-check-workshop-{workshop.code}-key.txt",
        mime="text/plain",
        key="workshop_key_file",
        on_click="ignore",
        icon=":material/download:",
    )


def _create_form() -> None:
    st.markdown(CREATE_NOTE)
    with st.form("workshop_create", border=False):
        st.text_input("Workshop title", key=TITLE, max_chars=120,
                      placeholder="e.g. Saturday hips, 10:00",
                      help="Stored unsealed, so anyone running the server can read it: name "
                      "the class, never a person.")
        st.number_input("Keep the answers for (days)", key=DAYS, min_value=1, max_value=365,
                        value=14, step=1, help="They are deleted after this, or sooner if you "
                        "delete the workshop.")
        if organiser_passphrase() is not None:
            st.text_input("Organiser passphrase", key=PASSPHRASE, type="password",
                          help="Whoever runs this server set one; ask them for it.")
        st.form_submit_button("Create workshop", type="primary", on_click=_create,
                              icon=":material/add_circle:")
    _problem("create")


def _open_form() -> None:
    with st.form("workshop_open_form", border=False):
        st.text_input("Workshop code", key=OPEN_CODE, max_chars=40)
        st.text_input("Teacher key", key=OPEN_KEY, type="password", max_chars=200)
        st.form_submit_button("Open workshop", on_click=_open, icon=":material/lock_open:")
    _problem("open")


@guarded
def render() -> None:
    """The live workshop page."""
    st.title("Run a live workshop")
    st.markdown(
        "Attendees do the self-check on their own phones and, if they agree, send it to "
        "you. Their answers are sealed on the server: only your teacher key opens them. "
        "Open the workshop here and the table fills in as answers come."
    )
    st.info(f"**Not a diagnosis.** {NOTICE}", icon=":material/info:")
    done = st.session_state.pop(DONE, None)
    made: Workshop | None = st.session_state.get(MADE)
    if done:
        st.success(plain(done[1]), icon=":material/delete_forever:")
        if made is not None and made.code == done[0]:
            st.session_state.pop(MADE, None)  # its code and poster lead nowhere now
            made = None
    created: Created | None = st.session_state.pop(NEW, None)
    if made is not None:
        _made(made, created)
    show_dashboard()
    is_open = st.session_state.get(OPEN) is not None
    st.header("Create a workshop")
    _create_form()
    st.header("Open a workshop")
    if is_open:
        st.caption("Opening another one closes the one above.")
    _open_form()
