"""The questionnaire's widgets, generated from :data:`psoas_check.answers.FIELDS`.

Every question, help text, option label and range comes from the answers model; this
module only chooses a widget for each kind of field (numbers are in
:mod:`.number_fields`, the warning signs in :mod:`.warning_step`). Each widget is seeded
from the session's answers store and writes its value back in an ``on_change`` callback
(which runs before the script, so a value typed just before pressing "Next" is kept), so
answers survive moving between steps and pages. Every field has an explicit "not answered"
state.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ..answers import FIELDS, FieldSpec
from .checkboxes import Group, checkbox_set
from .number_fields import NOT_ANSWERED, number_field, step_problems
from .state import keep, seed, stored, widget_key
from .warning_step import warning_field

__all__ = [
    "NONE_OF_THESE",
    "NOT_ANSWERED",
    "QUESTION_STEPS",
    "REVIEW",
    "STEPS",
    "STEP_TITLES",
    "WARNING",
    "render_step",
    "step_problems",
    "widget_key",
]

NONE_OF_THESE = "None of these"
WARNING = "warning"
REVIEW = "review"
#: Headings for the steps; a step added to the model without one shows its id.
STEP_TITLES = {
    WARNING: "Warning signs first",
    "habits": "Daily habits",
    "stress": "Stress",
    "body": "Your body",
    "pain": "Your pain",
    "poses": "Moving and resting",
    REVIEW: "Check your answers",
}
#: Steps that ask questions, in form order: the warning signs always first, then the
#: model's order. ``about`` (the roster's name field) is not asked here.
QUESTION_STEPS = [WARNING] + [
    s for s in dict.fromkeys(spec.step for spec in FIELDS.values()) if s not in ("about", WARNING)
]
#: Every step on show: the questions, then one page listing every answer to check.
STEPS = [*QUESTION_STEPS, REVIEW]
_BOOL_OPTIONS = {"": NOT_ANSWERED, "yes": "Yes", "no": "No"}
_YES_NO: dict[str, bool | None] = {"": None, "yes": True, "no": False}


def render_step(step: str) -> None:
    """Draw every question of one step, in form order."""
    for spec in FIELDS.values():
        if spec.step == step:
            widget = warning_field if spec.name == "red_flags" else _WIDGETS[spec.kind]
            widget(spec)


def _keep(field: str, value: Any) -> None:
    keep(st.session_state, field, value)


def _choice(spec: FieldSpec) -> None:
    options = {"": NOT_ANSWERED, **spec.options}
    key = widget_key(spec.name)
    seed(st.session_state, key, stored(st.session_state)[spec.name] or "")
    st.radio(
        spec.question,
        list(options),
        format_func=options.__getitem__,
        help=spec.help,
        key=key,
        on_change=lambda: _keep(spec.name, st.session_state[key] or None),
    )


def _bool(spec: FieldSpec) -> None:
    key = widget_key(spec.name)
    current = stored(st.session_state)[spec.name]
    seed(st.session_state, key, "" if current is None else "yes" if current else "no")
    st.radio(
        spec.question,
        list(_BOOL_OPTIONS),
        format_func=_BOOL_OPTIONS.__getitem__,
        horizontal=True,
        help=spec.help,
        key=key,
        on_change=lambda: _keep(spec.name, _YES_NO[st.session_state[key]]),
    )


def _set(spec: FieldSpec) -> None:
    """One checkbox per option, then "None of these": unticked throughout is not answered."""
    st.markdown(f"**{spec.question}**")
    st.caption(spec.help)
    if checkbox_set(spec, [Group(None, list(spec.options))], NONE_OF_THESE) is None:
        st.caption(f"{NOT_ANSWERED} yet: tick what applies, or “{NONE_OF_THESE}”.")


_WIDGETS: dict[str, Any] = {
    "number": number_field,
    "integer": number_field,
    "choice": _choice,
    "bool": _bool,
    "set": _set,
}  # no "text": the one text field, the roster's attendee name, is not asked here
