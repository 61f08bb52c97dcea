"""The Self-check page: the questionnaire step by step, a review of every answer, the results.

The title, the introduction, the full not-a-diagnosis notice and "Continue from a saved
summary" open the first step only; every later step and the results keep the title and
a one-line notice, so on a phone the questions start near the top of the screen.
"""

from __future__ import annotations

import streamlit as st

from ..messages import NOTICE
from .common import release_uploads, show_flashes
from .form import REVIEW, STEP_TITLES, STEPS, WARNING, render_step, step_problems
from .review_step import review_step
from .safe import guarded
from .start_over import close_question, start_over_button
from .state import (
    FLASH,
    RETURNING,
    STEP,
    UPLOADS,
    VIEW,
    assessed,
    current_answers,
    ensure,
    forget_widgets,
    get_rules,
    restore_summary,
)
from .workshop_join import show_join

__all__ = [
    "BACK_TO_REVIEW",
    "BLOCKED",
    "BLOCKED_TEXT",
    "LOADER",
    "LOADER_OPEN",
    "NOTICE_LINE",
    "RETURNING",
    "render",
]

BLOCKED = "psoas_blocked"  # True after a Back, Next or results press was refused
BLOCKED_TEXT = "Fix or clear the answer marked above before going on."
BACK_TO_REVIEW = "Back to my answers"
LOADER = "Continue from a saved summary"
LOADER_OPEN = "psoas_loader_open"  # the loader's expander: open (True) or closed
#: The notice as one line, on every step after the first and above the results.
NOTICE_LINE = (
    "**Not a diagnosis** and not medical advice: psoas-check cannot examine you. "
    "Warning signs come first."
)


def _go(step: int, view: str = "form") -> None:
    """Move to ``step`` (or the results), unless a number on this step cannot be kept."""
    here = STEPS[int(st.session_state.get(STEP, 0))]
    if st.session_state.get(VIEW) == "form" and step_problems(here):
        st.session_state[BLOCKED] = True
        return
    close_question()
    st.session_state[STEP] = max(0, min(step, len(STEPS) - 1))
    st.session_state[VIEW] = view
    if view != "form" or STEPS[st.session_state[STEP]] == REVIEW:
        st.session_state.pop(RETURNING, None)


def _change_from_review(step: int) -> None:
    """Jump from the review to one step, with a button there that comes straight back."""
    _go(step)
    st.session_state[RETURNING] = True


def _change_answers(step: int = STEPS.index(REVIEW)) -> None:
    """Leave the results for a step: by default the review, where every answer is listed."""
    forget_widgets(st.session_state)
    _go(step)


def _answer_signs() -> None:
    _change_answers(STEPS.index(WARNING))


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
    # Lazy: the uploader (and, in the browser, its script) is drawn only once the expander
    # is opened, which reruns the page; most people start fresh and never need it.
    with st.expander(LOADER, key=LOADER_OPEN, on_change="rerun") as loader:
        if loader.open:
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
    if name == REVIEW:
        review_step(_change_from_review)
    else:
        render_step(name)
    if st.session_state.pop(BLOCKED, None) and (problems := step_problems(name)):
        st.error(BLOCKED_TEXT + "\n\n" + "\n".join(f"- {text}" for text in problems),
                 icon=":material/block:")
    with st.container(horizontal=True):
        _buttons(step, name)
    st.caption(
        "Every question is optional. A question you skip is listed as not answered "
        "and is never guessed; poses are suggested only once the warning signs are answered."
    )


def _buttons(step: int, name: str) -> None:
    """Back, then the way on: Next, or back to the review, or the results."""
    forward = ":material/arrow_forward:"
    if step > 0:
        st.button("Back", key="psoas_back", on_click=_go, args=(step - 1,),
                  icon=":material/arrow_back:")
    if name == REVIEW:
        st.button("See my results", key="psoas_results", type="primary", on_click=_go,
                  args=(step, "results"), icon=forward, icon_position="right")
        return
    returning = bool(st.session_state.get(RETURNING))
    if returning:
        st.button(BACK_TO_REVIEW, key="psoas_to_review", type="primary", on_click=_go,
                  args=(STEPS.index(REVIEW),), icon=":material/checklist:")
    st.button("Next", key="psoas_next", type="secondary" if returning else "primary",
              on_click=_go, args=(step + 1,), icon=forward, icon_position="right")
    if not returning:
        st.button("See my results", key="psoas_results_early", on_click=_go,
                  args=(step, "results"))


def _results() -> None:
    # Imported here: the first step (everyone's first page) needs neither the results
    # view nor the send panel, nor the summaries and diagram they pull in.
    from .results import show_results
    from .workshop_send import show_send_panel

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
        start_over_button("psoas_start_over_results")
    show_results(parsed.answers, assessment, ruleset, key="self", answer_signs=_answer_signs)
    show_send_panel(parsed.answers, assessment)  # after the results, urgent ones included


@guarded
def render() -> None:
    """The default page."""
    ensure(st.session_state)
    opening = st.session_state.get(VIEW) == "form" and int(st.session_state.get(STEP, 0)) == 0
    st.title("Psoas self-check")
    if opening:
        _introduction()
    else:
        st.caption(NOTICE_LINE)
    show_flashes(FLASH)
    show_join(first_page=opening)  # a workshop's banner, or its code field on the first page
    if opening:
        _loader()
    if st.session_state.get(VIEW) == "results":
        _results()
        return
    _form()
    start_over_button("psoas_start_over", tertiary=True)


def _introduction() -> None:
    """What the check does, and the whole notice: once, above the first step."""
    page = get_rules().catalog.page
    st.markdown(
        "A few minutes of questions, warning signs first. Your answers point to the parts "
        f"of {page.author}'s “{page.title}” page worth reading and the gentle poses worth "
        "trying, with the reason for each."
    )
    st.info(f"**Not a diagnosis.** {NOTICE}", icon=":material/info:")
