"""The Self-check page: the questionnaire step by step, then the results."""

from __future__ import annotations

import streamlit as st

from ..messages import NOTICE
from .common import release_uploads, show_flashes
from .form import STEP_TITLES, STEPS, WARNING, render_step, step_problems
from .results import show_results
from .safe import guarded
from .state import (
    FLASH,
    STEP,
    UPLOADS,
    VIEW,
    assessed,
    current_answers,
    ensure,
    forget_widgets,
    get_rules,
    restore_summary,
    start_over,
)

__all__ = ["BLOCKED", "BLOCKED_TEXT", "render"]

BLOCKED = "psoas_blocked"  # True after a Back, Next or results press was refused
BLOCKED_TEXT = "Fix or clear the answer marked above before going on."


def _go(step: int, view: str = "form") -> None:
    """Move to ``step`` (or the results), unless a number on this step cannot be kept."""
    here = STEPS[int(st.session_state.get(STEP, 0))]
    if st.session_state.get(VIEW) == "form" and step_problems(here):
        st.session_state[BLOCKED] = True
        return
    st.session_state[STEP] = max(0, min(step, len(STEPS) - 1))
    st.session_state[VIEW] = view


def _change_answers(step: int = 0) -> None:
    forget_widgets(st.session_state)
    _go(step)


def _answer_signs() -> None:
    _change_answers(STEPS.index(WARNING))


def _start_over() -> None:
    start_over(st.session_state)
    st.session_state[FLASH] = [("success", "Your answers are cleared.")]


def _uploaded() -> None:
    upload = st.session_state.get(_upload_key())
    if upload is None:
        return
    st.session_state[FLASH] = restore_summary(st.session_state, upload.getvalue(), upload.name)
    release_uploads([upload])
    # A fresh uploader: the old widget, and the bytes it held, leave the session state.
    st.session_state[UPLOADS] = int(st.session_state.get(UPLOADS, 0)) + 1


def _upload_key() -> str:
    return f"psoas_upload_{st.session_state.get(UPLOADS, 0)}"


def _loader() -> None:
    with st.expander("Continue from a saved summary"):
        st.file_uploader(
            "Load the JSON summary you downloaded before",
            type=["json"],
            key=_upload_key(),
            on_change=_uploaded,
            help="Your answers are read in this browser session only; nothing is kept.",
        )


def _form() -> None:
    step = int(st.session_state.get(STEP, 0))
    name = STEPS[step]
    st.progress((step + 1) / len(STEPS), text=f"Step {step + 1} of {len(STEPS)}")
    st.header(STEP_TITLES.get(name, name))
    render_step(name)
    if st.session_state.pop(BLOCKED, None) and (problems := step_problems(name)):
        st.error(BLOCKED_TEXT + "\n\n" + "\n".join(f"- {text}" for text in problems),
                 icon=":material/block:")
    with st.container(horizontal=True):
        if step > 0:
            st.button(
                "Back",
                key="psoas_back",
                on_click=_go,
                args=(step - 1,),
                icon=":material/arrow_back:",
            )
        if step < len(STEPS) - 1:
            st.button(
                "Next",
                key="psoas_next",
                type="primary",
                on_click=_go,
                args=(step + 1,),
                icon=":material/arrow_forward:",
                icon_position="right",
            )
            st.button(
                "See my results", key="psoas_results_early", on_click=_go, args=(step, "results")
            )
        else:
            st.button(
                "See my results",
                key="psoas_results",
                type="primary",
                on_click=_go,
                args=(step, "results"),
                icon=":material/arrow_forward:",
                icon_position="right",
            )
    st.caption(
        "Every question is optional. A question you skip is listed as not answered "
        "and is never guessed; poses are suggested only once the warning signs are answered."
    )


def _results() -> None:
    parsed = current_answers(st.session_state)
    ruleset = get_rules()
    assessment = assessed(st.session_state, parsed, ruleset)
    st.header("Your results")
    with st.container(horizontal=True):
        st.button(
            "Change my answers",
            key="psoas_change",
            on_click=_change_answers,
            icon=":material/edit:",
        )
        st.button(
            "Start over",
            key="psoas_start_over_results",
            on_click=_start_over,
            icon=":material/restart_alt:",
        )
    show_results(parsed.answers, assessment, ruleset, key="self", answer_signs=_answer_signs)


@guarded
def render() -> None:
    """The default page."""
    ensure(st.session_state)
    page = get_rules().catalog.page
    st.title("Psoas self-check")
    st.markdown(
        "A few minutes of questions: first a short list of warning signs, then your day, "
        "your stress, your body and where it hurts. The answers point you to the parts of "
        f"{page.author}'s “{page.title}” page worth reading and the gentle poses worth "
        "trying, and say why."
    )
    st.info(f"**Not a diagnosis.** {NOTICE}", icon=":material/info:")
    show_flashes(FLASH)
    _loader()
    if st.session_state.get(VIEW) == "results":
        _results()
        return
    _form()
    st.button(
        "Start over",
        key="psoas_start_over",
        on_click=_start_over,
        type="tertiary",
        icon=":material/restart_alt:",
    )
