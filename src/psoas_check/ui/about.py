"""The About page: sources and credits, the notice in full, and what happens to answers."""

from __future__ import annotations

import streamlit as st

from ..assess import STATUSES
from ..messages import NOTICE
from .common import STATUS_MEANINGS
from .safe import guarded
from .state import get_rules

__all__ = ["ORDER", "PRIVACY", "render"]

ORDER = (
    "The self-check asks the warning signs first, as exercise-readiness questionnaires "
    "do: signs that need help now, signs to check with a doctor, the questions asked before "
    "any new exercise, and pregnancy. Then come your day, stress, body, where it hurts, "
    "and a few questions about the poses. Every question is optional, but poses are "
    "suggested only once the warning signs are answered (“None of these apply to me” is "
    "an answer)."
)

PRIVACY = (
    "Your answers live only in your browser session while the page is open. Nothing is "
    "stored on the server unless you join a teacher's workshop, tick its consent box and "
    "press “Send”: then your answers are sealed so that only that teacher's key opens "
    "them, and they are deleted when the workshop ends (you can also withdraw them). No "
    "usage statistics are collected, and the app makes no requests to other sites. "
    "Closing the tab, or choosing “Start over”, forgets them; to keep them, download "
    "your summary."
)


@guarded
def render() -> None:
    """Sources, credits, the notice, privacy, and a word for instructors."""
    page = get_rules().catalog.page
    st.title("About psoas-check")
    st.markdown(
        "psoas-check is a short, transparent self-check. It asks about everyday factors "
        "that may feed back pain and points to what is worth reading on one resource page, "
        "with the reason for every suggestion."
    )
    st.header("Not a diagnosis")
    st.info(NOTICE, icon=":material/info:")

    st.header("Warning signs first")
    st.markdown(ORDER)
    st.markdown("Each result has one status, the first of these that applies:")
    st.markdown("\n".join(f"- `{status}`: {STATUS_MEANINGS[status]}" for status in STATUSES))

    st.header("Sources and credits")
    where = f" ([{page.url}]({page.url}))" if page.url else ""
    st.markdown(
        f"- The sections to read come from **{page.author}**'s “{page.title}” page{where}.\n"
        f"- The poses come from **{page.article_author}**'s article “Release your Psoas”, "
        "which that page reprints.\n"
        "- Every summary, step and caution in psoas-check is our own paraphrase; nothing is "
        "quoted. The diagram is drawn by the project itself.\n"
        "- The page is only linked: psoas-check never fetches it or anything else."
    )
    st.markdown("Books the page points to:")
    st.markdown("\n".join(f"- {book}" for book in page.books))

    st.header("Privacy")
    st.markdown(PRIVACY)

    st.header("For instructors")
    st.markdown(
        "psoas-check does not replace a pre-participation screen. The standard one is the "
        "PAR-Q+, published by the PAR-Q+ Collaboration; find it at eparmedx.com. Its wording "
        "is copyrighted, so psoas-check does not reproduce it."
    )
