"""The teacher's live view of an opened workshop: it refreshes itself every few seconds.

The submissions are screened by :func:`psoas_check.intake.screen_submissions` (what
``Unlocked.screen`` does: the roster page's own path for JSON summaries) and drawn by
:func:`psoas_check.ui.roster_view.show_roster`, the roster page's table, filters, chart,
attendee view and downloads. Nothing is decrypted or screened again while nothing arrived,
changed or left (``Unlocked.stamp``), so a quiet refresh costs two small queries; after a
change only the new or changed answers are unsealed (``Unlocked`` keeps the rest).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from .safe import plain
from .state import get_rules
from .workshop_common import day_text, digest, refused

if TYPE_CHECKING:
    from ..intake import Submission, Unlocked
    from ..roster import RosterScreen

__all__ = ["ALERT_STATUSES", "DONE", "OPEN", "REFRESH_SECONDS", "close_workshop",
           "show_dashboard"]

OPEN = "workshop_open"  # the Unlocked workshop (its private key stays in this session)
SCREENED = "workshop_screened"  # (stamp, RosterScreen, table, arrival keys)
SEEN = "workshop_seen"  # arrival keys of urgent/see-clinician answers already acknowledged
CONFIRM = "workshop_confirm_delete"  # True while "delete now" waits for its confirmation
DONE = "workshop_done"  # (code, sentence) to show after the workshop was deleted
PRESENT = "workshop_present"  # the statuses present when the table was last drawn
#: The roster view's status filter (``roster_view._filtered``): a keyed widget keeps its
#: selection when new statuses appear, so the live view widens it itself.
FILTER = "roster_filter"
REFRESH_SECONDS = 4
ALERT_STATUSES = ("urgent", "see_clinician")


def _arrival(submission: Submission) -> tuple[Any, ...]:
    """One submission's identity for the announcements: when it came, when it last
    changed, and a digest of what it says (two can share a timestamp)."""
    return (submission.submitted_at, submission.updated_at, digest(submission.document))


def _screened(unlocked: Unlocked) -> tuple[RosterScreen, Any, list[Any]]:
    """The roster screen of the submissions, decrypted and rebuilt only when the stamp
    read by ``unlocked.refresh()`` says one arrived, changed or left."""
    from ..intake import screen_submissions
    from ..intake.teacher import submission_file_name
    from .roster_state import result_table

    stamp = unlocked.stamp
    cached = st.session_state.get(SCREENED)
    if cached is not None and stamp is not None and cached[0] == stamp:
        return cached[1], cached[2], cached[3]
    submissions = unlocked.submissions()
    result = screen_submissions(submissions, get_rules())
    by_file = {submission_file_name(i): _arrival(s)
               for i, s in enumerate(submissions, start=1)}
    # Each record's arrival, by the file name the screen gave it: a stable identity
    # (rows renumber when someone withdraws), and a fresh one when an answer is updated.
    keys = [by_file.get(r.source) for r in result.records]
    table = result_table(result)
    st.session_state[SCREENED] = (stamp, result, table, keys)
    return result, table, keys


def _widen_filter(result: RosterScreen) -> None:
    """Let a newcomer's status into the table's filter: every new status when the teacher
    had not narrowed it, and urgent and see-clinician ones always."""
    from ..assess import STATUSES

    present = [s for s in STATUSES if result.tally.counts.get(s, 0)]
    before: list[str] = st.session_state.get(PRESENT, [])
    st.session_state[PRESENT] = present
    chosen = st.session_state.get(FILTER)
    if chosen is None:
        return  # drawn for the first time: the filter starts with everything present
    narrowed = set(chosen) != set(before)
    added = [s for s in present if s not in before and not (narrowed and s not in ALERT_STATUSES)]
    if added:
        st.session_state[FILTER] = [s for s in present if s in chosen or s in added]


def _mark_seen(keys: list[Any]) -> None:
    st.session_state.setdefault(SEEN, set()).update(keys)


def _announce(result: RosterScreen, keys: list[Any]) -> None:
    """New urgent or see-clinician answers since the teacher last acknowledged them."""
    from .roster_state import STATUS_LABELS

    seen = st.session_state.get(SEEN, set())
    new = [(record, key) for record, key in zip(result.records, keys, strict=True)
           if record.status in ALERT_STATUSES and key not in seen]
    if not new:
        return
    urgent = any(record.status == "urgent" for record, _ in new)
    lines = [f"- Row {record.row}: {plain(record.attendee) if record.attendee else 'no name'}"
             f" · {STATUS_LABELS[record.status]}" for record, _ in new]
    many = len(new) > 1
    lead = (f"**{len(new)} new answers with a warning sign.**" if many
            else "**A new answer with a warning sign.**")
    todo = ("Speak to them before class: someone needs help now." if urgent
            else "Speak to them before class: they should see a clinician before practising.")
    (st.error if urgent else st.warning)(f"{lead} {todo}\n\n" + "\n".join(lines),
                                        icon=":material/emergency:" if urgent
                                        else ":material/stethoscope:")
    st.button("Mark as seen", key="workshop_seen_button", on_click=_mark_seen,
              args=([key for _, key in new],), icon=":material/done:")


def _delete(unlocked: Unlocked) -> None:
    from ..intake import IntakeError

    if not st.session_state.get(CONFIRM):
        st.button("Delete this workshop now", key="workshop_delete", icon=":material/delete:",
                  on_click=lambda: st.session_state.update({CONFIRM: True}))
        return
    count = unlocked.workshop.submissions
    st.warning(f"Delete “{plain(unlocked.workshop.title)}” and all {count} answers in it now? "
               "This cannot be undone.", icon=":material/warning:")
    with st.container(horizontal=True):
        yes = st.button("Yes, delete it now", key="workshop_delete_yes", type="primary",
                        icon=":material/delete_forever:")
        st.button("Keep it", key="workshop_delete_no",
                  on_click=lambda: st.session_state.update({CONFIRM: False}))
    if not yes:
        return
    st.session_state[CONFIRM] = False
    try:
        unlocked.delete()
    except IntakeError as err:
        refused(err)
        return
    close_workshop()
    st.session_state[DONE] = (unlocked.workshop.code, f"Deleted: “{unlocked.workshop.title}” "
                              "and the answers in it are gone from the server.")
    st.rerun(scope="app")


def close_workshop() -> None:
    """Forget the opened workshop (its key) and everything drawn from it in this session."""
    for key in (OPEN, SCREENED, SEEN, CONFIRM, PRESENT, FILTER):
        st.session_state.pop(key, None)


@st.fragment(run_every=REFRESH_SECONDS)
def _live() -> None:
    from ..intake import IntakeError
    from .roster_view import show_roster

    unlocked: Unlocked | None = st.session_state.get(OPEN)
    if unlocked is None:
        return
    try:
        workshop = unlocked.refresh()
        result, table, keys = _screened(unlocked)
    except IntakeError as err:
        close_workshop()
        refused(err)
        return
    _announce(result, keys)
    st.header(f"Live: {plain(workshop.title)}")
    with st.container(horizontal=True):
        st.metric("Answers received", f"{workshop.submissions:,}", border=True, width="content")
        st.metric("Join code", workshop.code, border=True, width="content")
        st.metric("Answers deleted on", day_text(workshop.expires), border=True,
                  width="content")
    st.caption(f"Refreshes every {REFRESH_SECONDS} seconds. Close this page or press “Close” "
               "and the key leaves this session.")
    with st.container(horizontal=True):
        if st.button("Close", key="workshop_close", icon=":material/lock:",
                     help="Forget the key in this browser session; the answers stay sealed."):
            close_workshop()
            st.rerun(scope="app")
        _delete(unlocked)
    if not result.records:
        st.info(f"No answers yet: share the code {workshop.code}.",
                icon=":material/hourglass_empty:")
        return
    _widen_filter(result)
    show_roster(result, table)


def show_dashboard() -> None:
    """The opened workshop's live view, or nothing when none is open in this session."""
    if st.session_state.get(OPEN) is not None:
        _live()
