"""The last step before the results: every answer on one page, each step one press away.

A person who wants to change one answer jumps straight to its step (no walking back
through five "Next" presses) and comes back here with one press; the self-check page
owns that navigation and passes in what a "Change" press does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ..answers import FIELDS, KG_PER_LB, format_value
from .form import QUESTION_STEPS, STEP_TITLES, WARNING
from .safe import plain
from .state import UNIT, stored

__all__ = ["CHANGE_KEY", "INTRO", "UNSCREENED", "answer_text", "change_label", "review_step"]

INTRO = (
    "Here is everything you answered. Press “Change” under a group to go straight to it; "
    "a button there brings you back here."
)
UNSCREENED = "not answered yet: no poses are suggested until you answer these"
CHANGE_KEY = "psoas_review_change_{step}"


def change_label(step: str) -> str:
    """The button's name, which says which answers it changes (screen readers list it)."""
    return f"Change “{STEP_TITLES.get(step, step)}”"


def answer_text(name: str, value: Any, unit: str = "lb") -> str:
    """One answer as the review lists it: the person's words, units as they chose them."""
    if name == "red_flags" and value is None:
        return UNSCREENED
    if name == "abdominal_excess_lb" and value is not None and unit == "kg":
        return f"{round(value * KG_PER_LB, 1):g} kg"
    return format_value(name, value)


def review_step(change: Callable[[int], None]) -> None:
    """List every question's answer, step by step, each step with its "Change" button."""
    st.markdown(INTRO)
    answers = stored(st.session_state)
    unit = str(st.session_state.get(UNIT, "lb"))
    for index, step in enumerate(QUESTION_STEPS):
        with st.container(border=True):
            st.subheader(STEP_TITLES.get(step, step))
            lines = [
                # The unit is said once, with the number: "(lb)" leaves the weight's label.
                f"- **{plain(spec.label.removesuffix(' (lb)'))}**: "
                f"{plain(answer_text(name, answers[name], unit))}"
                for name, spec in FIELDS.items()
                if spec.step == step
            ]
            st.markdown("\n".join(lines))
            st.button(
                change_label(step),
                key=CHANGE_KEY.format(step=step),
                on_click=change,
                args=(index,),
                icon=":material/edit:",
                type="primary" if step == WARNING and answers["red_flags"] is None else "secondary",
            )
