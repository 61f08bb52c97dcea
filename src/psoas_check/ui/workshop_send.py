"""The results' "Send to <workshop>" panel: consent, send, update what was sent, withdraw.

Drawn only when this session joined a workshop (:mod:`.workshop_join`). What is sent is the
JSON the person can download (:func:`psoas_check.report.summary_document`), plus the name
they choose to give; nothing leaves without the consent box ticked and the button pressed.
The secret token that lets them replace or withdraw it lives in this session only. After
an urgent result the panel sits closed under the instruction, so it cannot distract from it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from ..answers import Answers
from ..assess import Assessment
from ..report import summary_document
from .safe import plain
from .workshop_common import day_text, digest, failure, get_intake, sender_id, time_text
from .workshop_join import joined

__all__ = ["CONSENT", "NAME", "SENT", "consent_label", "send_label", "show_send_panel"]

SENT = "workshop_sent"  # workshop code -> {"token", "digest", "at"} of what this session sent
CONSENT = "workshop_consent"  # the consent checkbox
NAME = "workshop_name"  # the optional name box for the teacher
KEPT_NAME = "workshop_name_kept"  # its value, kept while the box is not drawn (form steps)
FLASH = "workshop_send_flash"  # (kind, text) to show once in the panel after a button
NO_CONSENT = "Nothing was sent: tick the box to agree first."


def send_label(title: str) -> str:
    """The send button's label (the browser test finds the button by it)."""
    return f"Send to {plain(title)}"


def consent_label(title: str) -> str:
    """The consent checkbox's label."""
    return f"I agree to send my answers to {plain(title)}"


def _sent() -> dict[str, dict[str, Any]]:
    if SENT not in st.session_state:
        st.session_state[SENT] = {}
    sent: dict[str, dict[str, Any]] = st.session_state[SENT]
    return sent


def _flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def _send(code: str, title: str, answers: Answers, assessment: Assessment) -> None:
    if not st.session_state.get(CONSENT):
        _flash("error", NO_CONSENT)
        return
    document = _document(answers, assessment)  # now: the name box may have changed with the click
    try:
        token = get_intake().submit(code, document, sender=sender_id())
    except Exception as err:  # one sentence, never a traceback under the results
        _flash("error", failure(err))
        return
    now = datetime.now(UTC)
    _sent()[code] = {"token": token, "digest": digest(document), "at": now}
    _flash("success", f"Sent to {title} at {time_text(now)}.")


def _update(code: str, title: str, answers: Answers, assessment: Assessment) -> None:
    record = _sent()[code]
    document = _document(answers, assessment)
    try:
        get_intake().update(code, record["token"], document, sender=sender_id())
    except Exception as err:  # one sentence, never a traceback under the results
        _flash("error", failure(err))
        return
    record.update(digest=digest(document), at=datetime.now(UTC))
    _flash("success", f"Updated: {title} now has your current answers.")


def _withdraw(code: str, title: str) -> None:
    from ..intake import IntakeError

    try:
        get_intake().withdraw(code, _sent()[code]["token"])
    except Exception as err:  # one sentence, never a traceback under the results
        _flash("error", failure(err))
        if isinstance(err, IntakeError):  # already gone or ended: nothing left to withdraw
            _forget(code)
        # Otherwise (a passing outage) the token stays, so "Withdraw" can be pressed again.
        return
    _forget(code)
    _flash("success", f"Withdrawn: your answers are deleted from {title}.")


def _forget(code: str) -> None:
    _sent().pop(code, None)
    st.session_state[CONSENT] = False  # sending again asks again


def _show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, ""))
    if kind == "success":
        st.success(plain(text), icon=":material/check_circle:")
    elif kind == "error":
        st.error(plain(text), icon=":material/block:")


def _keep_name() -> None:
    st.session_state[KEPT_NAME] = st.session_state.get(NAME, "")


def _name_box(**extra: Any) -> None:
    """The optional name, seeded from what was typed before (Streamlit forgets a widget's
    value while it is off the page, as it is during "Change my answers")."""
    if NAME not in st.session_state:
        st.session_state[NAME] = st.session_state.get(KEPT_NAME, "")
    st.text_input("Your name for the teacher (optional)", key=NAME, max_chars=100,
                  on_change=_keep_name, **extra)


def _document(answers: Answers, assessment: Assessment) -> dict[str, Any]:
    document = summary_document(answers, assessment)
    name = " ".join(str(st.session_state.get(KEPT_NAME) or "").split())
    if name:
        document["answers"]["attendee"] = name
    return document


def _not_sent(code: str, title: str, expires: str, answers: Answers,
              assessment: Assessment) -> None:
    st.markdown(
        f"Send your answers and these results to **{plain(title)}** so your teacher can plan "
        "the class around you. Only the teacher who holds the workshop's key can read them; "
        f"they are deleted on {expires}, and you can withdraw them before then."
    )
    _name_box(help="Sent with your answers, so your teacher knows whose they are.")
    st.checkbox(consent_label(title), key=CONSENT, value=False)
    st.button(send_label(title), key="workshop_send", type="primary", icon=":material/send:",
              on_click=_send, args=(code, title, answers, assessment))


def _was_sent(code: str, title: str, record: dict[str, Any], answers: Answers,
              assessment: Assessment) -> None:
    document = _document(answers, assessment)
    st.markdown(f"Your answers are with **{plain(title)}** (sent or last updated at "
                f"{time_text(record['at'])}).")
    if digest(document) != record["digest"]:
        st.info("Your answers have changed since you sent them; “Update what I sent” "
                "replaces the earlier copy.", icon=":material/sync:")
    _name_box(help="Sent with “Update what I sent”.")
    with st.container(horizontal=True):
        st.button("Update what I sent", key="workshop_update", icon=":material/sync:",
                  on_click=_update, args=(code, title, answers, assessment))
        st.button("Withdraw", key="workshop_withdraw", icon=":material/delete:",
                  on_click=_withdraw, args=(code, title),
                  help="Delete what you sent; the teacher will no longer see it.")


def show_send_panel(answers: Answers, assessment: Assessment) -> None:
    """The send panel under the results, when this session joined a workshop."""
    workshop = joined()
    if workshop is None:
        st.session_state.pop(FLASH, None)  # a message about a workshop no longer on show
        return
    code, title = workshop.code, workshop.title
    urgent = assessment.status == "urgent"
    label = f"Send to {plain(title)}"
    box = (st.expander(f"{label} (after getting help)", icon=":material/send:") if urgent
           else st.container(border=True))
    with box:
        if not urgent:
            st.subheader(label)
        _show_flash()
        record = _sent().get(code)
        if record is None:
            _not_sent(code, title, day_text(workshop.expires), answers, assessment)
        else:
            _was_sent(code, title, record, answers, assessment)
