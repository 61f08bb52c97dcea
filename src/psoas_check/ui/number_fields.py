"""The questionnaire's number boxes: any number may be typed, the model says if it fits.

The boxes carry no minimum or maximum of their own. A browser's range check shows only a
red border whose reason appears on hover (a phone cannot hover), and Streamlit then treats
the value as blank. Instead every typed number is read by
:func:`psoas_check.answers.parse_value`, the same reader the files go through: a number
it refuses is kept out of the answers (in ``st.session_state[PENDING]``, so the box shows
it again), its reason is shown as text under the box, and :func:`step_problems` keeps the
person on the step until the number is fixed or cleared.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from ..answers import FIELDS, KG_FIELD, KG_PER_LB, FieldSpec, parse_value
from ..errors import AnswerError
from .safe import plain
from .state import PENDING, UNIT, keep, seed, stored, widget_key

__all__ = ["NOT_ANSWERED", "number_field", "number_label", "step_problems"]

NOT_ANSWERED = "Not answered"
WEIGHT = "abdominal_excess_lb"
_BLANK = f"{NOT_ANSWERED}: leave blank to skip"
_NUMBER_STEP = {"hours": 0.5, "lb": 1.0}
#: How a box shows a number that may have decimals: "10" and "7.5", never "10.00".
#: (Whole-number boxes show whole numbers already.)
DECIMAL_FORMAT = "%g"


def _pending() -> dict[str, Any]:
    pending = st.session_state.get(PENDING)
    if not isinstance(pending, dict):
        pending = {}
        st.session_state[PENDING] = pending
    return pending


def _unit() -> str:
    """The weight's unit as chosen now (the radio's value is current before callbacks)."""
    return str(st.session_state.get(widget_key("unit"), st.session_state.get(UNIT, "lb")))


def _box(spec: FieldSpec) -> str:
    """The field a box is read as: the weight's box in kilograms is read as kilograms."""
    return KG_FIELD if spec.name == WEIGHT and _unit() == "kg" else spec.name


def _label(box: str) -> str:
    """How the error under a box names its question (the unit is in the reason)."""
    return FIELDS[WEIGHT if box == KG_FIELD else box].label.removesuffix(" (lb)")


def _typed(box: str) -> None:
    """A box's new value: stored when the model reads it, otherwise held back with it."""
    raw = st.session_state[widget_key(box)]
    field = WEIGHT if box == KG_FIELD else box
    try:
        value = parse_value(box, raw)
    except AnswerError:
        _pending()[box] = raw
        keep(st.session_state, field, None)
        return
    _pending().pop(box, None)
    keep(st.session_state, field, value)  # kilograms come back as pounds, as files do


def problem(box: str) -> str | None:
    """Why the number in ``box`` (as on screen, or held back) cannot be kept, or None."""
    key = widget_key(box)
    raw = st.session_state[key] if key in st.session_state else _pending().get(box)
    try:
        parse_value(box, raw)
    except AnswerError as err:
        return f"**{_label(box)}**: {plain(err.reason)}."
    return None


def step_problems(step: str) -> list[str]:
    """The reason for each number on ``step`` that cannot be kept as it stands."""
    boxes = [_box(spec) for spec in FIELDS.values()
             if spec.step == step and spec.kind in ("number", "integer")]
    return [text for box in boxes if (text := problem(box))]


def _show_problem(box: str) -> None:
    text = problem(box)
    if text:
        st.error(f"{text} Change the number, or clear the box to leave it unanswered.",
                 icon=":material/error:")


def number_field(spec: FieldSpec) -> None:
    """One number question: a box with no limits of its own, and its reason if refused."""
    if spec.name == WEIGHT:
        _weight(spec)
        return
    whole = spec.kind == "integer"
    step = 1 if whole else _NUMBER_STEP.get(spec.unit or "", 0.5)
    _input(spec, spec.name, number_label(spec.question, spec.unit), step)


def number_label(question: str, unit: str | None) -> str:
    """The question, with its unit in brackets only when the question does not say it."""
    if not unit or re.search(rf"\b{re.escape(unit)}\b", question, re.IGNORECASE):
        return question
    return f"{question} ({unit})"


def _input(spec: FieldSpec, box: str, label: str, step: float) -> None:
    key = widget_key(box)
    held = _pending()
    if box in held:
        seed(st.session_state, key, held[box])
    elif box == KG_FIELD:
        pounds = stored(st.session_state)[WEIGHT]
        seed(st.session_state, key, None if pounds is None else round(pounds * KG_PER_LB, 2))
    else:
        seed(st.session_state, key, stored(st.session_state)[spec.name])
    st.number_input(
        label,
        value=None,
        step=step,
        placeholder=_BLANK,
        format=None if isinstance(step, int) else DECIMAL_FORMAT,
        help=spec.help,
        key=key,
        on_change=_typed,
        args=(box,),
    )
    _show_problem(box)


def _weight(spec: FieldSpec) -> None:
    """Belly weight in pounds or kilograms; the store always holds pounds, as the model."""
    unit_key = widget_key("unit")

    def switch_unit() -> None:
        st.session_state[UNIT] = st.session_state[unit_key]
        for box in (WEIGHT, KG_FIELD):  # re-seed the number in the new unit from the store
            st.session_state.pop(widget_key(box), None)
            _pending().pop(box, None)

    seed(st.session_state, unit_key, st.session_state.get(UNIT, "lb"))
    unit = st.radio(
        "Unit for the weight",
        ["lb", "kg"],
        horizontal=True,
        key=unit_key,
        format_func={"lb": "Pounds (lb)", "kg": "Kilograms (kg)"}.__getitem__,
        on_change=switch_unit,
    )
    if unit == "kg":
        _input(spec, KG_FIELD, number_label(spec.question, "kg"), 0.5)
        pounds = stored(st.session_state)[WEIGHT]
        if pounds is not None and st.session_state.get(widget_key(KG_FIELD)) is not None:
            st.caption(f"That is about {pounds:g} lb.")
        return
    _input(spec, WEIGHT, number_label(spec.question, "lb"), 1.0)
