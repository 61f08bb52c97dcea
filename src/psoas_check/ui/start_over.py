""""Start over" that asks first: one press never throws away a person's answers.

The button opens a short question in its place with two buttons, "Yes, clear my
answers" and "Keep my answers"; only the first clears. Moving to another step, or
keeping the answers, closes the question.
"""

from __future__ import annotations

import streamlit as st

from .state import ASKING, FLASH, start_over

__all__ = [
    "ASKING",
    "CLEARED",
    "KEEP",
    "KEEP_KEY",
    "QUESTION",
    "YES",
    "YES_KEY",
    "close_question",
    "start_over_button",
]

QUESTION = (
    "**Clear all your answers and start again?** Everything you have answered on this "
    "page will be gone; download a summary first if you want to keep it."
)
YES = "Yes, clear my answers"
KEEP = "Keep my answers"
YES_KEY = "psoas_start_over_yes"
KEEP_KEY = "psoas_start_over_keep"
CLEARED = "Your answers are cleared."


def close_question() -> None:
    """Close the question without clearing (keeping the answers, or moving on)."""
    st.session_state.pop(ASKING, None)


def _ask() -> None:
    st.session_state[ASKING] = True


def _clear() -> None:
    start_over(st.session_state)
    close_question()
    st.session_state[FLASH] = [("success", CLEARED)]


def start_over_button(key: str, *, tertiary: bool = False) -> None:
    """The "Start over" button, or, once pressed, the question and its two answers."""
    if not st.session_state.get(ASKING):
        st.button(
            "Start over",
            key=key,
            on_click=_ask,
            type="tertiary" if tertiary else "secondary",
            icon=":material/restart_alt:",
        )
        return
    with st.container(border=True):
        st.markdown(QUESTION)
        with st.container(horizontal=True):
            st.button(
                YES, key=YES_KEY, on_click=_clear, type="primary", icon=":material/delete:"
            )
            st.button(KEEP, key=KEEP_KEY, on_click=close_question, icon=":material/undo:")
